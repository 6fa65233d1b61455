"""reload(): a new config decides from then on; a broken one changes nothing
and says why, with every diagnostic in its place."""

from __future__ import annotations

import pathlib

import pytest

import scopegate
from conftest import install


def test_reload_takes_effect(handle: scopegate.Handle, conf: pathlib.Path) -> None:
    assert handle.feature("161", "acme.example", "queue.agent.login", "queue:8001").verdict == "deny"
    install(conf, conf.read_text().replace('agents = [ "160" ]', 'agents = [ "160", "161" ]'))
    assert handle.reload() == 2
    d = handle.feature("161", "acme.example", "queue.agent.login", "queue:8001")
    assert (d.verdict, d.generation) == ("allow", 2)


def test_broken_reload_keeps_the_old_config(handle: scopegate.Handle, conf: pathlib.Path) -> None:
    text = conf.read_text()
    broken = text.replace('{ id = "102"; scope = "basic_user"', '{ id = "102"; scope = "admin"')
    broken = broken.replace('{ id = "160"; scope = "call_center_agent"', '{ id = "160"; scope = "boss"')
    install(conf, broken)
    with pytest.raises(scopegate.ConfigError) as caught:
        handle.reload()
    diags = caught.value.diagnostics
    errors = [d for d in diags if d.severity == "error"]  # (warnings may come too)
    assert len(errors) >= 2, diags
    lines = [text.splitlines().index(l) + 1 for l in text.splitlines()
             if '"102"' in l or '"160"; scope' in l]
    for d in errors[:2]:
        assert d.file == str(conf) and d.line in lines
    assert "admin" in errors[0].message and "boss" in errors[1].message
    for d, line in zip(diags, str(caught.value).splitlines()):
        assert line == str(d) and line.startswith("%s:%d" % (d.file, d.line))
        assert line.endswith(": %s: %s" % (d.severity, d.message))
    info = handle.info()
    assert info.generation == 1 and not info.last_reload_ok and "admin" in info.last_reload_message
    assert handle.dial("101", "acme.example", "102").generation == 1


def test_open_a_broken_config(plugin: str, conf: pathlib.Path) -> None:
    install(conf, conf.read_text().replace('scope = "basic_user"; site = "HQ"; }', 'scope = "x"; site = "HQ"; }', 1))
    with pytest.raises(scopegate.ConfigError) as caught:
        scopegate.open(str(conf), plugin)
    assert caught.value.diagnostics and caught.value.diagnostics[0].file == str(conf)


def test_open_a_missing_config(plugin: str, tmp_path: pathlib.Path) -> None:
    with pytest.raises(scopegate.ConfigError):
        scopegate.open(str(tmp_path / "missing.conf"), plugin)


def test_parse_line_with_column() -> None:
    from scopegate._diagnostics import parse_line
    d = parse_line("/etc/a.conf:12:7: warning: unused")
    assert d is not None and (d.file, d.line, d.column, d.severity) == ("/etc/a.conf", 12, 7, "warning")
    assert parse_line("no place here") is None


def test_info_says_the_revision_and_the_last_load(plugin: str, handle: scopegate.Handle,
                                                   conf: pathlib.Path) -> None:
    info = handle.info()
    assert info.revision is not None and len(info.revision) == 16
    assert info.revision == info.revision.lower() and int(info.revision, 16) != 0
    assert (info.files_read, info.domains_rebuilt) == (1, info.domains)
    assert info.load_usec > 0
    with scopegate.open(str(conf), plugin) as other:
        assert other.info().revision == info.revision, "two handles on one config"
    text = conf.read_text()
    install(conf, "# reformatted\n" + text.replace(" = ", "="))
    assert handle.reload() == 2
    assert handle.info().revision == info.revision, "comments and spacing are not the config"
    install(conf, text.replace('agents = [ "160" ]', 'agents = [ "160", "161" ]'))
    handle.reload()
    changed = handle.info().revision
    assert changed != info.revision
    install(conf, text.replace('scope = "basic_user"; site = "Branch"', 'scope = "admin"; site = "Branch"'))
    with pytest.raises(scopegate.ConfigError):
        handle.reload()
    assert handle.info().revision == changed, "a failed reload keeps the revision in force"
