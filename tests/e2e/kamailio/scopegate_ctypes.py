"""scopegate_ctypes - the scopegate C ABI (include/scopegate/scopegate.h) from Python.

The structures below mirror the header field by field, in order, with the
same fixed-width types, so ctypes lays them out exactly as a C compiler does
(run.sh checks every size and offset against the header compiled as C).

A Scopegate object owns one handle. It is not shared between processes: a
forking host (Kamailio) creates one per worker, after the fork.

    sg = Scopegate.load("/usr/lib/x86_64-linux-gnu/scopegate/scopegate.so")
    h = sg.open("/etc/scopegate/scopegate.conf")
    verdict, reason = h.dial("101", "acme.example", "*33160")

Every failure is a deny: a decision that returns SG_ERROR, or a handle that
could not be opened, answers SG_ERROR / a deny reason, never an allow.
"""

import ctypes
from ctypes import (CFUNCTYPE, POINTER, Structure, byref, c_char, c_char_p,
                    c_int32, c_size_t, c_uint32, c_uint64, c_void_p, sizeof)

SG_ABI_MAJOR = 1
SG_ABI_MINOR = 2
SG_MODULE_API_SYMBOL = "sg_module_api"

SG_DENY, SG_ALLOW, SG_ERROR = 0, 1, -1

(SG_CHANNEL_PORTAL, SG_CHANNEL_MOBILE_APP, SG_CHANNEL_WEB_PHONE,
 SG_CHANNEL_ATTENDANT_CONSOLE, SG_CHANNEL_API, SG_CHANNEL_SIP_DEVICE) = range(1, 7)

(SG_TARGET_NONE, SG_TARGET_USER, SG_TARGET_QUEUE, SG_TARGET_SITE,
 SG_TARGET_DOMAIN, SG_TARGET_OBJECT) = range(0, 6)

REASONS = ("ok", "unknown_user", "disabled_user", "system_user", "no_portal_scope",
           "channel_not_allowed", "unknown_feature", "scope_lacks_feature",
           "view_disabled", "out_of_reach", "unknown_target", "rank_too_low",
           "self_assignment", "emergency", "bad_request", "internal_error")
SG_REASON_BAD_REQUEST = REASONS.index("bad_request")
SG_REASON_INTERNAL_ERROR = REASONS.index("internal_error")

SG_REQ_EXPLAIN = 1
SG_LOG_DEBUG, SG_LOG_INFO, SG_LOG_WARN, SG_LOG_ERROR = range(4)

VERDICT_WORDS = {SG_ALLOW: "allow", SG_DENY: "deny", SG_ERROR: "error"}


class sg_str(Structure):
    _fields_ = [("ptr", c_char_p), ("len", c_size_t)]


class sg_error(Structure):
    _fields_ = [("struct_size", c_uint32), ("code", c_int32), ("message", c_char * 512)]


LOG_FN = CFUNCTYPE(None, c_void_p, c_int32, c_char_p)


class sg_open_args(Structure):
    _fields_ = [("struct_size", c_uint32), ("config_path", c_char_p), ("log", LOG_FN),
                ("log_user", c_void_p), ("log_min_level", c_int32),
                ("diagnostic", c_void_p), ("diagnostic_user", c_void_p)]


class sg_target(Structure):
    _fields_ = [("kind", c_int32), ("id", sg_str), ("domain", sg_str),
                ("object_kind", sg_str), ("site", sg_str), ("owner", sg_str),
                ("queue", sg_str), ("scope", sg_str)]


class sg_login_req(Structure):
    _fields_ = [("struct_size", c_uint32), ("flags", c_uint32), ("user", sg_str),
                ("domain", sg_str), ("channel", c_int32)]


class sg_dial_req(Structure):
    _fields_ = [("struct_size", c_uint32), ("flags", c_uint32), ("user", sg_str),
                ("domain", sg_str), ("destination", sg_str)]


class sg_feature_req(Structure):
    _fields_ = [("struct_size", c_uint32), ("flags", c_uint32), ("user", sg_str),
                ("domain", sg_str), ("feature", sg_str), ("target", sg_target)]


class sg_decision(Structure):
    _fields_ = [("struct_size", c_uint32), ("verdict", c_int32), ("reason", c_int32),
                ("reason_name", c_char_p), ("generation", c_uint64),
                ("explain", c_void_p), ("explain_cap", c_size_t)]


class sg_info(Structure):
    _fields_ = [("struct_size", c_uint32), ("generation", c_uint64),
                ("last_reload_ok", c_int32), ("last_reload_message", c_char * 512),
                ("domains", c_uint32), ("users", c_uint32), ("queues", c_uint32)]


class sg_handle(Structure):
    pass  # opaque


H = POINTER(sg_handle)
EMIT_FN = CFUNCTYPE(None, c_void_p, c_char_p, c_size_t)


class sg_api(Structure):
    _fields_ = [
        ("struct_size", c_uint32), ("abi_major", c_uint32), ("abi_minor", c_uint32),
        ("module_version", c_char_p),
        ("open", CFUNCTYPE(c_int32, POINTER(sg_open_args), POINTER(H), POINTER(sg_error))),
        ("close", CFUNCTYPE(None, H)),
        ("reload", CFUNCTYPE(c_int32, H, POINTER(sg_error))),
        ("login", CFUNCTYPE(c_int32, H, POINTER(sg_login_req), POINTER(sg_decision))),
        ("dial", CFUNCTYPE(c_int32, H, POINTER(sg_dial_req), POINTER(sg_decision))),
        ("feature", CFUNCTYPE(c_int32, H, POINTER(sg_feature_req), POINTER(sg_decision))),
        ("info", CFUNCTYPE(c_int32, H, POINTER(sg_info))),
        ("dump", CFUNCTYPE(c_int32, H, sg_str, EMIT_FN, c_void_p)),
        ("check", c_void_p),  # ABI 1.1; not called here
        ("report", c_void_p), ("report_free", c_void_p),  # ABI 1.2; not called here
    ]


# Every structure of the header, for the layout check (run.sh compares them
# with offsetof/sizeof of the header compiled as C).
STRUCTS = {
    "sg_str": sg_str, "sg_error": sg_error, "sg_open_args": sg_open_args,
    "sg_target": sg_target, "sg_login_req": sg_login_req, "sg_dial_req": sg_dial_req,
    "sg_feature_req": sg_feature_req, "sg_decision": sg_decision, "sg_info": sg_info,
    "sg_api": sg_api,
}


def layout():
    """{struct: {"size": n, field: offset, ...}} as ctypes lays them out."""
    out = {}
    for name, cls in STRUCTS.items():
        entry = {"size": sizeof(cls)}
        for field in cls._fields_:
            entry[field[0]] = getattr(cls, field[0]).offset
        out[name] = entry
    return out


class ScopegateError(Exception):
    pass


# The decisions, called by address with plain pointer arguments: ctypes
# converts nothing on the way in, which halves the cost of a call. They keep
# the GIL (PYFUNCTYPE): a decision takes about a microsecond, less than
# releasing and taking the GIL back; the log callback it may call runs on the
# same thread, which holds the GIL already.
_DECIDE_FN = ctypes.PYFUNCTYPE(c_int32, c_void_p, c_void_p, c_void_p)


def _address(fn_ptr):
    return ctypes.cast(fn_ptr, c_void_p).value


class Scopegate:
    """The loaded module: its table of entry points."""

    def __init__(self, lib, api):
        self._lib = lib  # keeps the .so mapped
        self.api = api
        self.version = api.module_version.decode() if api.module_version else "?"

    @classmethod
    def load(cls, path):
        lib = ctypes.CDLL(path, mode=ctypes.RTLD_LOCAL)
        get = getattr(lib, SG_MODULE_API_SYMBOL)
        get.restype = POINTER(sg_api)
        get.argtypes = [c_uint32]
        ptr = get(SG_ABI_MAJOR)
        if not ptr:
            raise ScopegateError("%s: no ABI %d table" % (path, SG_ABI_MAJOR))
        api = ptr.contents
        if api.abi_major != SG_ABI_MAJOR:
            raise ScopegateError("%s: ABI %d, want %d" % (path, api.abi_major, SG_ABI_MAJOR))
        return cls(lib, api)

    def open(self, config_path, log=None, log_min_level=SG_LOG_INFO):
        return Handle(self, config_path, log, log_min_level)


class Handle:
    """One open config. Its request and decision structures are reused from
    call to call, so a Handle is not for concurrent use: one per process
    (or thread). Ids are bytes or str (encoded as UTF-8)."""

    def __init__(self, sg, config_path, log=None, log_min_level=SG_LOG_INFO):
        self.sg = sg
        api = sg.api
        self._log_cb = None
        args = sg_open_args()
        args.struct_size = sizeof(args)
        args.config_path = config_path.encode()
        if log is not None:
            def _log(_user, level, msg):
                try:
                    log(level, msg.decode("utf-8", "replace") if msg else "")
                except Exception:  # a log callback must never raise into C
                    pass
            self._log_cb = LOG_FN(_log)  # referenced for the handle's lifetime
            args.log = self._log_cb
        args.log_min_level = log_min_level
        err = sg_error()
        err.struct_size = sizeof(err)
        h = H()
        if api.open(byref(args), byref(h), byref(err)) != 0 or not h:
            raise ScopegateError(err.message.decode("utf-8", "replace") or "open failed")
        self.h = h
        self._h = ctypes.cast(h, c_void_p).value
        self._close, self._reload, self._info = api.close, api.reload, api.info
        self._login = _DECIDE_FN(_address(api.login))
        self._dial = _DECIDE_FN(_address(api.dial))
        self._feature = _DECIDE_FN(_address(api.feature))

        self._dec = sg_decision()
        self._dec.struct_size = sizeof(self._dec)
        self._dec_addr = ctypes.addressof(self._dec)
        # Requests, and views of their strings kept once: a nested field read
        # through the parent would build a new view on every access.
        self._dial_req = r = sg_dial_req()
        r.struct_size = sizeof(r)
        self._dial_addr = ctypes.addressof(r)
        self._d_user, self._d_domain, self._d_dest = r.user, r.domain, r.destination
        self._login_req = r = sg_login_req()
        r.struct_size = sizeof(r)
        self._login_addr = ctypes.addressof(r)
        self._l_user, self._l_domain = r.user, r.domain
        self._feature_req = r = sg_feature_req()
        r.struct_size = sizeof(r)
        self._feature_addr = ctypes.addressof(r)

    def close(self):
        if self.h:
            self._close(self.h)
            self.h = None
            self._h = None

    def reload(self):
        """(True, "") or (False, why): on failure the old config stays in force."""
        err = sg_error()
        err.struct_size = sizeof(err)
        if self._reload(self.h, byref(err)) == 0:
            return True, ""
        return False, err.message.decode("utf-8", "replace")

    def info(self):
        out = sg_info()
        out.struct_size = sizeof(out)
        if self._info(self.h, byref(out)) != 0:
            raise ScopegateError("info failed")
        return {"generation": out.generation, "last_reload_ok": out.last_reload_ok,
                "last_reload_message": out.last_reload_message.decode("utf-8", "replace"),
                "domains": out.domains, "users": out.users, "queues": out.queues}

    def _answer(self, verdict):
        reason = self._dec.reason
        if 0 <= reason < len(REASONS):
            return verdict, REASONS[reason]
        return SG_ERROR, "internal_error"  # a reason this layer does not know: deny

    def login(self, user, domain, channel):
        """(verdict, reason code) of a login decision."""
        user, domain = _b(user), _b(domain)
        self._l_user.ptr, self._l_user.len = user, len(user)
        self._l_domain.ptr, self._l_domain.len = domain, len(domain)
        self._login_req.channel = channel
        return self._answer(self._login(self._h, self._login_addr, self._dec_addr))

    def dial(self, user, domain, destination):
        """(verdict, reason code) of a dialplan decision."""
        user, domain, destination = _b(user), _b(domain), _b(destination)
        self._d_user.ptr, self._d_user.len = user, len(user)
        self._d_domain.ptr, self._d_domain.len = domain, len(domain)
        self._d_dest.ptr, self._d_dest.len = destination, len(destination)
        return self._answer(self._dial(self._h, self._dial_addr, self._dec_addr))

    def feature(self, user, domain, feature, kind=SG_TARGET_NONE, target_id=b"",
                target_domain=b"", queue=b"", scope=b""):
        """(verdict, reason code) of a feature decision."""
        req = self._feature_req
        values = ((req.user, user), (req.domain, domain), (req.feature, feature),
                  (req.target.id, target_id), (req.target.domain, target_domain),
                  (req.target.queue, queue), (req.target.scope, scope))
        for view, value in values:
            value = _b(value)
            view.ptr, view.len = value, len(value)
        req.target.kind = kind
        return self._answer(self._feature(self._h, self._feature_addr, self._dec_addr))

    @property
    def generation(self):
        """The config generation of the last decision."""
        return self._dec.generation


def _b(s):
    return s if s.__class__ is bytes else s.encode("utf-8")


def _main(argv):
    """python3 scopegate_ctypes.py layout | MODULE CONFIG login|dial ARGS..."""
    import json
    if argv[1:2] == ["layout"]:
        print(json.dumps(layout(), sort_keys=True))
        return 0
    sg = Scopegate.load(argv[1])
    h = sg.open(argv[2], log=lambda lvl, msg: print("log %d: %s" % (lvl, msg)))
    op, rest = argv[3], argv[4:]
    if op == "login":
        verdict, reason = h.login(rest[0], rest[1], int(rest[2]))
    elif op == "dial":
        verdict, reason = h.dial(rest[0], rest[1], rest[2])
    else:
        raise SystemExit("usage: MODULE CONFIG login USER DOMAIN CHANNEL | dial USER DOMAIN DEST")
    print(VERDICT_WORDS.get(verdict, "?"), reason)
    h.close()
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(_main(sys.argv))
