"""One handle shared by 8 deciding threads while another thread reloads."""

from __future__ import annotations

import pathlib
import threading
import time

import scopegate
from conftest import install

# (hook, args, verdict, reason): the same answers in both configs swapped in.
REQUESTS = [
    ("dial", ("101", "acme.example", "102"), "allow", "ok"),
    ("dial", ("103", "acme.example", "102"), "deny", "disabled_user"),
    ("dial", ("999", "acme.example", "911"), "allow", "emergency"),
    ("login", ("aa-main", "acme.example", "sip_device"), "deny", "system_user"),
    ("feature", ("150", "acme.example", "monitor.listen", "user:161"), "deny", "out_of_reach"),
    ("feature", ("160", "acme.example", "queue.agent.login", "queue:8001"), "allow", "ok"),
]


def test_decisions_from_8_threads_during_reloads(handle: scopegate.Handle,
                                                 conf: pathlib.Path) -> None:
    original = conf.read_text()
    extra = original.replace('{ id = "170";', '{ id = "199"; scope = "basic_user"; site = "Branch"; },\n      { id = "170";')
    assert extra != original
    stop = threading.Event()
    wrong: list = []
    counts = [0] * 8
    reloads = [0]

    def decide(i: int) -> None:
        deadline = time.monotonic() + 20  # bounded even if stop never comes
        while not stop.is_set() and time.monotonic() < deadline:
            for hook, args, verdict, reason in REQUESTS:
                d = getattr(handle, hook)(*args)
                if (d.verdict, d.reason) != (verdict, reason):
                    wrong.append((hook, args, d))
                counts[i] += 1

    def reload() -> None:
        for n in range(40):
            install(conf, extra if n % 2 == 0 else original)
            handle.reload()
            reloads[0] += 1
            time.sleep(0.01)

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    reloader = threading.Thread(target=reload)
    reloader.start()
    reloader.join(timeout=60)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert not wrong, wrong[:5]
    assert reloads[0] == 40 and all(c > 0 for c in counts), (reloads, counts)
    assert handle.info().generation == 41
