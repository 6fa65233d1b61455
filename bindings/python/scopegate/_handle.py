"""A handle on one scopegate config, shared safely between threads."""

from __future__ import annotations

import ctypes
import logging
import threading
from ctypes import byref, c_char
from dataclasses import dataclass
from typing import Any, Callable, List, Optional, Tuple

from . import _abi, _words
from ._diagnostics import ConfigError, Diagnostic, parse_lines

_log = logging.getLogger("scopegate")
_PY_LEVELS = {_abi.SG_LOG_DEBUG: logging.DEBUG, _abi.SG_LOG_INFO: logging.INFO,
              _abi.SG_LOG_WARN: logging.WARNING, _abi.SG_LOG_ERROR: logging.ERROR}
_EXPLAIN_CAP = 8192


@dataclass(frozen=True)
class Decision:
    """The answer to one request. True only for an allow: ``if h.dial(...):``."""

    verdict: str  # "allow", "deny" or "error"
    reason: str  # the reason code: "ok", "out_of_reach", ...
    generation: int  # the config generation that decided
    explanation: Optional[str] = None  # with explain=True

    def __bool__(self) -> bool:
        return self.verdict == "allow"


@dataclass(frozen=True)
class Info:
    """The handle's config: generation, last reload, counts, and (ABI 1.3
    plugins) its content revision and what the last successful load did."""

    generation: int
    last_reload_ok: bool
    last_reload_message: str
    domains: int
    users: int
    queues: int
    # 16 lowercase hex digits, the same in every process that loaded an
    # equal config (as the plugin's log line and `scopegate info` print
    # it); None from a plugin older than ABI 1.3.
    revision: Optional[str] = None
    files_read: int = 0
    domains_rebuilt: int = 0
    load_usec: int = 0


def _bad_request() -> Decision:
    return Decision("error", "bad_request", 0)


class _Collector:
    """What the thread that is loading a config hears about it: the
    structured diagnostics (ABI 1.1 modules) and the log lines (any module)."""

    def __init__(self) -> None:
        self.thread: Optional[int] = None
        self.lines: List[Tuple[str, str]] = []
        self.structured: List[Diagnostic] = []

    def diagnostic(self, d: _abi.sg_diagnostic) -> None:
        if self.thread != threading.get_ident():
            return
        def text(b: Optional[bytes]) -> str:
            return b.decode("utf-8", "replace") if b else ""
        self.structured.append(Diagnostic(
            "warning" if d.severity == _abi.SG_DIAG_WARNING else "error", text(d.file),
            int(d.line), int(d.column) or None, text(d.message)))

    def log(self, level: int, text: str) -> None:
        if self.thread == threading.get_ident() and level >= _abi.SG_LOG_WARN:
            self.lines.append(("error" if level >= _abi.SG_LOG_ERROR else "warning", text))


class Handle:
    """One open config (scopegate.open). Every method may be called from any
    thread; decisions run concurrently, also during reload(). Use it as a
    context manager, or call close()."""

    def __init__(self, plugin: str, path: str) -> None:
        self._lib, self._api = _abi.load_api(plugin)
        self.path = path
        self.plugin = plugin
        self._state = threading.Condition()
        self._busy = 0  # calls in flight: close() waits for them
        self._reload_lock = threading.Lock()
        self._collector = _Collector()
        self._log_cb = _abi.LOG_FN(self._on_log)  # referenced for the handle's life
        self._diag_cb = _abi.DIAG_FN(self._on_diagnostic)
        self._h = self._open()

    # -- plumbing -----------------------------------------------------------
    def _on_log(self, _user: Any, level: int, msg: Optional[bytes]) -> None:
        try:
            text = msg.decode("utf-8", "replace") if msg else ""
            self._collector.log(level, text)
            _log.log(_PY_LEVELS.get(level, logging.ERROR), "%s", text)
        except Exception:  # a callback must never raise into C
            pass

    def _on_diagnostic(self, _user: Any, diag: Any) -> None:
        try:
            if diag:
                self._collector.diagnostic(diag.contents)
        except Exception:  # a callback must never raise into C
            pass

    def _load(self, call: Callable[[Any], int]) -> None:
        """Run open or reload with this thread's log lines collected."""
        err = _abi.sized(_abi.sg_error)
        with self._reload_lock:
            self._collector.thread, self._collector.lines = threading.get_ident(), []
            self._collector.structured = []
            try:
                rc = call(err)
            finally:
                self._collector.thread = None
            lines, structured = self._collector.lines, self._collector.structured
        if rc != 0:
            message = err.message.decode("utf-8", "replace")
            # A module of ABI 1.1 or later hands the diagnostics over as
            # fields; an older one only writes them as text, parsed here.
            diagnostics = structured or parse_lines(lines + [("error", message)])
            raise ConfigError(message or "cannot load %s" % self.path, diagnostics)

    def _open(self) -> Any:
        args = _abi.sized(_abi.sg_open_args)
        args.config_path = self.path.encode("utf-8")
        args.log = self._log_cb
        args.log_min_level = _abi.SG_LOG_INFO
        args.diagnostic = self._diag_cb
        handle = _abi.HANDLE()
        self._load(lambda err: self._api.open(byref(args), byref(handle), byref(err)))
        if not handle:
            raise ConfigError("cannot open %s" % self.path, [])
        return handle

    def _enter(self) -> Any:
        with self._state:
            if self._h is None:
                raise ValueError("scopegate handle is closed")
            self._busy += 1
            return self._h

    def _leave(self) -> None:
        with self._state:
            self._busy -= 1
            if self._busy == 0:
                self._state.notify_all()

    def _decide(self, fn: Any, req: Any, explain: bool) -> Decision:
        dec = _abi.sized(_abi.sg_decision)
        buf = None
        if explain:
            req.flags |= _abi.SG_REQ_EXPLAIN
            buf = (c_char * _EXPLAIN_CAP)()
            dec.explain = ctypes.cast(buf, ctypes.c_void_p)
            dec.explain_cap = _EXPLAIN_CAP
        h = self._enter()
        try:
            verdict = fn(h, byref(req), byref(dec))
        finally:
            self._leave()
        reason = _abi.REASONS[dec.reason] if 0 <= dec.reason < len(_abi.REASONS) else None
        word = _abi.VERDICT_WORDS.get(verdict)
        if word is None or reason is None:  # an answer this layer does not know: fail closed
            word, reason = "error", "internal_error"
        text = buf.value.decode("utf-8", "replace") if buf is not None else None
        return Decision(word, reason, int(dec.generation), text)

    # -- the API of SPEC 8 ------------------------------------------------------
    def login(self, user: str, domain: str, channel: str, *, explain: bool = False) -> Decision:
        """May user@domain log in on channel ("portal", "sip_device", ...)?"""
        req = _abi.sized(_abi.sg_login_req)
        keep: List[bytes] = []  # the encoded strings, alive until the call returns
        try:
            _words.set_str(req.user, _words.to_bytes(user), keep)
            _words.set_str(req.domain, _words.to_bytes(domain), keep)
            req.channel = _words.channel(channel)
        except _words.BadRequest:
            return _bad_request()
        return self._decide(self._api.login, req, explain)

    def dial(self, user: str, domain: str, destination: str, *,
             explain: bool = False) -> Decision:
        """May user@domain dial destination (a number or feature code)?"""
        req = _abi.sized(_abi.sg_dial_req)
        keep: List[bytes] = []  # the encoded strings, alive until the call returns
        try:
            for field, value in (("user", user), ("domain", domain), ("destination", destination)):
                _words.set_str(getattr(req, field), _words.to_bytes(value), keep)
        except _words.BadRequest:
            return _bad_request()
        return self._decide(self._api.dial, req, explain)

    def feature(self, user: str, domain: str, feature: str, target: Optional[str] = None,
                queue: Optional[str] = None, scope: Optional[str] = None,
                site: Optional[str] = None, owner: Optional[str] = None, *,
                explain: bool = False) -> Decision:
        """May user@domain use feature on target (the CLI's TARGET words)?"""
        req = _abi.sized(_abi.sg_feature_req)
        keep: List[bytes] = []  # the encoded strings, alive until the call returns
        try:
            for field, value in (("user", user), ("domain", domain), ("feature", feature)):
                _words.set_str(getattr(req, field), _words.to_bytes(value), keep)
            _words.fill_target(target, req.target, keep)
            _words.fill_options(req.target, keep, queue, scope, site, owner)
        except _words.BadRequest:
            return _bad_request()
        return self._decide(self._api.feature, req, explain)

    def reload(self) -> int:
        """Read the config again; returns the new generation. Raises
        ConfigError (the old config stays in force) when it does not load."""
        h = self._enter()
        try:
            self._load(lambda err: self._api.reload(h, byref(err)))
        finally:
            self._leave()
        return self.info().generation

    def info(self) -> Info:
        """Generation, last reload status, counts and revision of the config
        in force, and what the load that built it read, built and took."""
        out = _abi.sized(_abi.sg_info)
        h = self._enter()
        try:
            rc = self._api.info(h, byref(out))
        finally:
            self._leave()
        if rc != 0:
            raise RuntimeError("scopegate info failed")
        revision = "%016x" % out.revision if out.revision else None
        return Info(int(out.generation), bool(out.last_reload_ok),
                    out.last_reload_message.decode("utf-8", "replace"),
                    int(out.domains), int(out.users), int(out.queues),
                    revision, int(out.files_read), int(out.domains_rebuilt),
                    int(out.load_usec))

    def close(self) -> None:
        """Release the config; waits for calls in flight. Idempotent."""
        with self._state:
            h, self._h = self._h, None
            while self._busy:
                self._state.wait()
        if h is not None:
            self._api.close(h)

    def __enter__(self) -> "Handle":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


