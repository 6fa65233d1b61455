"""Decisions through the binding: the three hooks, their words, bad requests."""

from __future__ import annotations

import pytest

import scopegate


def test_dial_allow_and_deny(handle: scopegate.Handle) -> None:
    d = handle.dial("101", "acme.example", "102")
    assert (d.verdict, d.reason) == ("allow", "ok")
    assert d and d.generation == 1
    d = handle.dial("103", "acme.example", "102")
    assert (d.verdict, d.reason) == ("deny", "disabled_user")
    assert not d


@pytest.mark.parametrize("caller", ["103", "999", "aa-main"])  # disabled, unknown, system
def test_emergency_numbers_are_never_blocked(handle: scopegate.Handle, caller: str) -> None:
    d = handle.dial(caller, "acme.example", "911")
    assert (d.verdict, d.reason) == ("allow", "emergency")


def test_feature_codes_in_the_dialplan(handle: scopegate.Handle) -> None:
    assert handle.dial("150", "acme.example", "*33160").verdict == "allow"
    assert handle.dial("150", "acme.example", "*33161").reason == "out_of_reach"


@pytest.mark.parametrize("user,channel,want", [
    ("101", "sip_device", ("allow", "ok")),
    ("aa-main", "sip_device", ("deny", "system_user")),
    ("103", "portal", ("deny", "disabled_user")),
    ("999", "sip_device", ("deny", "unknown_user")),
])
def test_login(handle: scopegate.Handle, user: str, channel: str, want: tuple) -> None:
    d = handle.login(user, "acme.example", channel)
    assert (d.verdict, d.reason) == want


def test_login_unknown_channel_is_a_bad_request(handle: scopegate.Handle) -> None:
    d = handle.login("101", "acme.example", "fax")
    assert (d.verdict, d.reason) == ("error", "bad_request")
    assert not d


@pytest.mark.parametrize("user,feature,target,kw,want", [
    ("150", "monitor.listen", "user:160", {}, ("allow", "ok")),
    ("150", "monitor.listen", "user:160@acme.example", {}, ("allow", "ok")),
    ("150", "monitor.listen", "user:161", {}, ("deny", "out_of_reach")),
    ("101", "monitor.listen", "user:160", {}, ("deny", "scope_lacks_feature")),
    ("160", "queue.agent.login", "queue:8001", {}, ("allow", "ok")),
    ("161", "queue.agent.login", "queue:8001", {}, ("deny", "out_of_reach")),
    ("101", "no.such.feature", None, {}, ("deny", "unknown_feature")),
    ("150", "monitor.listen", "robot:160", {}, ("error", "bad_request")),
    ("150", "monitor.listen", "user:", {}, ("error", "bad_request")),
    ("150", "monitor.listen", "user:160@", {}, ("error", "bad_request")),
    ("150", "monitor.listen", "object:conference", {}, ("error", "bad_request")),
    ("150", "monitor.listen", "user:160", {"queue": ""}, ("error", "bad_request")),
])
def test_feature(handle: scopegate.Handle, user: str, feature: str, target: str,
                 kw: dict, want: tuple) -> None:
    d = handle.feature(user, "acme.example", feature, target, **kw)
    assert (d.verdict, d.reason) == want


def test_bad_ids_are_bad_requests(handle: scopegate.Handle) -> None:
    assert handle.dial("", "acme.example", "102").reason == "bad_request"
    assert handle.dial("x" * 256, "acme.example", "102").reason == "bad_request"
    assert handle.dial(123, "acme.example", "102").reason == "bad_request"  # type: ignore[arg-type]


def test_explain(handle: scopegate.Handle) -> None:
    d = handle.feature("150", "acme.example", "monitor.listen", "user:161", explain=True)
    assert d.verdict == "deny" and d.explanation
    assert handle.dial("101", "acme.example", "102").explanation is None


def test_info(handle: scopegate.Handle) -> None:
    info = handle.info()
    assert info.generation == 1 and info.last_reload_ok
    assert (info.domains, info.users, info.queues) == (1, 8, 2)


def test_closed_handle_refuses(plugin: str, conf) -> None:  # type: ignore[no-untyped-def]
    h = scopegate.open(str(conf), plugin)
    h.close()
    h.close()  # idempotent
    with pytest.raises(ValueError):
        h.dial("101", "acme.example", "102")


def test_default_plugin_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOPEGATE_MODULE", "/some/where/scopegate.so")
    assert scopegate.default_plugin() == "/some/where/scopegate.so"
    monkeypatch.delenv("SCOPEGATE_MODULE")
    assert scopegate.default_plugin().endswith("/scopegate/scopegate.so")


def test_not_a_plugin(conf) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OSError):
        scopegate.open(str(conf), "/nonexistent/scopegate.so")
