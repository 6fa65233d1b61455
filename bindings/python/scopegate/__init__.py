"""scopegate for Python: user scopes of a hosted PBX, decided by the scopegate
plugin through its C ABI (SPEC 8).

    import scopegate

    with scopegate.open() as sg:                 # /etc/scopegate/scopegate.conf
        if sg.dial("101", "acme.example", "2125551234"):
            ...
        d = sg.feature("200", "acme.example", "users.edit", "user:102", explain=True)
        print(d.verdict, d.reason, d.explanation)
        try:
            sg.reload()
        except scopegate.ConfigError as e:
            for diag in e.diagnostics:
                print(diag.file, diag.line, diag.message)

A handle may be shared between threads. Every failure is a deny or an error,
never an allow: ``bool(decision)`` is true only for "allow".
"""

from __future__ import annotations

import glob
import os
import sysconfig
from typing import Optional

from ._diagnostics import ConfigError, Diagnostic
from ._handle import Decision, Handle, Info

__all__ = ["open", "Handle", "Decision", "Info", "ConfigError", "Diagnostic",
           "DEFAULT_CONFIG", "default_plugin"]
__version__ = "1.0.0"

DEFAULT_CONFIG = "/etc/scopegate/scopegate.conf"


def default_plugin() -> str:
    """$SCOPEGATE_MODULE, else the plugin the scopegate package installs
    (/usr/lib/<multiarch>/scopegate/scopegate.so; /usr/lib64 on rpm systems)."""
    env = os.environ.get("SCOPEGATE_MODULE")
    if env:
        return env
    multiarch = sysconfig.get_config_var("MULTIARCH")
    candidates = ["/usr/lib/%s/scopegate/scopegate.so" % multiarch] if multiarch else []
    candidates += sorted(glob.glob("/usr/lib/*/scopegate/scopegate.so"))
    candidates += ["/usr/lib64/scopegate/scopegate.so"]
    for path in candidates:
        if os.path.exists(path):
            return path
    return candidates[0]


def open(path: Optional[str] = None, plugin: Optional[str] = None) -> Handle:  # noqa: A001
    """Load the config at path (default /etc/scopegate/scopegate.conf) with
    the plugin at plugin (default: default_plugin()).

    Raises ConfigError when the config does not load (with every
    diagnostic), OSError when the plugin cannot be loaded."""
    return Handle(plugin or default_plugin(), path or DEFAULT_CONFIG)
