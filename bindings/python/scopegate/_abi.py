"""The C ABI of include/scopegate/scopegate.h as ctypes structures.

The structures mirror the header field by field, in order, with the same
fixed-width types, so ctypes lays them out as a C compiler does (the tests
compare every size and offset with the header compiled as C).
"""

from __future__ import annotations

import ctypes
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_int32,
                    c_size_t, c_uint32, c_uint64, c_void_p, sizeof)
from typing import Any, Dict, Tuple, Type

SG_ABI_MAJOR = 1
SG_MODULE_API_SYMBOL = "sg_module_api"

SG_DENY, SG_ALLOW, SG_ERROR = 0, 1, -1
SG_REQ_EXPLAIN = 1
SG_LOG_DEBUG, SG_LOG_INFO, SG_LOG_WARN, SG_LOG_ERROR = range(4)

CHANNELS: Dict[str, int] = {
    "portal": 1, "mobile_app": 2, "web_phone": 3,
    "attendant_console": 4, "api": 5, "sip_device": 6,
}
TARGET_KINDS: Dict[str, int] = {"user": 1, "queue": 2, "site": 3, "domain": 4, "object": 5}

# The reason codes of SPEC 6 in the order of the SG_REASON_* enum.
REASONS = ("ok", "unknown_user", "disabled_user", "system_user", "no_portal_scope",
           "channel_not_allowed", "unknown_feature", "scope_lacks_feature",
           "view_disabled", "out_of_reach", "unknown_target", "rank_too_low",
           "self_assignment", "emergency", "bad_request", "internal_error")

VERDICT_WORDS = {SG_ALLOW: "allow", SG_DENY: "deny", SG_ERROR: "error"}


class sg_str(Structure):
    _fields_ = [("ptr", c_char_p), ("len", c_size_t)]


class sg_error(Structure):
    _fields_ = [("struct_size", c_uint32), ("code", c_int32), ("message", c_char * 512)]


LOG_FN = CFUNCTYPE(None, c_void_p, c_int32, c_char_p)

SG_DIAG_ERROR, SG_DIAG_WARNING = 0, 1


class sg_diagnostic(Structure):  # ABI 1.1
    _fields_ = [("struct_size", c_uint32), ("severity", c_int32), ("file", c_char_p),
                ("line", c_uint32), ("column", c_uint32), ("message", c_char_p)]


DIAG_FN = CFUNCTYPE(None, c_void_p, POINTER(sg_diagnostic))


class sg_open_args(Structure):
    # diagnostic, diagnostic_user: ABI 1.1; an older module reads only the
    # fields it knows (it checks struct_size), so they are always passed.
    _fields_ = [("struct_size", c_uint32), ("config_path", c_char_p), ("log", LOG_FN),
                ("log_user", c_void_p), ("log_min_level", c_int32),
                ("diagnostic", DIAG_FN), ("diagnostic_user", c_void_p)]


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
    # revision .. load_usec: ABI 1.3; an older module leaves them 0.
    _fields_ = [("struct_size", c_uint32), ("generation", c_uint64),
                ("last_reload_ok", c_int32), ("last_reload_message", c_char * 512),
                ("domains", c_uint32), ("users", c_uint32), ("queues", c_uint32),
                ("revision", c_uint64), ("files_read", c_uint32),
                ("domains_rebuilt", c_uint32), ("load_usec", c_uint64)]


class sg_handle(Structure):
    pass  # opaque


class sg_report_req(Structure):  # ABI 1.2
    _fields_ = [("struct_size", c_uint32), ("command", c_int32), ("flags", c_uint32),
                ("user", sg_str), ("domain", sg_str), ("feature", sg_str),
                ("target", sg_target), ("old_config", POINTER(sg_handle))]


class sg_report(Structure):  # ABI 1.2
    _fields_ = [("struct_size", c_uint32), ("count", c_uint32), ("text", c_void_p),
                ("len", c_size_t)]


HANDLE = POINTER(sg_handle)
EMIT_FN = CFUNCTYPE(None, c_void_p, c_char_p, c_size_t)


class sg_api(Structure):
    _fields_ = [
        ("struct_size", c_uint32), ("abi_major", c_uint32), ("abi_minor", c_uint32),
        ("module_version", c_char_p),
        ("open", CFUNCTYPE(c_int32, POINTER(sg_open_args), POINTER(HANDLE), POINTER(sg_error))),
        ("close", CFUNCTYPE(None, HANDLE)),
        ("reload", CFUNCTYPE(c_int32, HANDLE, POINTER(sg_error))),
        ("login", CFUNCTYPE(c_int32, HANDLE, POINTER(sg_login_req), POINTER(sg_decision))),
        ("dial", CFUNCTYPE(c_int32, HANDLE, POINTER(sg_dial_req), POINTER(sg_decision))),
        ("feature", CFUNCTYPE(c_int32, HANDLE, POINTER(sg_feature_req), POINTER(sg_decision))),
        ("info", CFUNCTYPE(c_int32, HANDLE, POINTER(sg_info))),
        ("dump", CFUNCTYPE(c_int32, HANDLE, sg_str, EMIT_FN, c_void_p)),
        ("check", CFUNCTYPE(c_int32, c_void_p, c_void_p)),  # ABI 1.1; not called here
        # ABI 1.2 (present when struct_size covers them)
        ("report", CFUNCTYPE(c_int32, HANDLE, POINTER(sg_report_req), POINTER(sg_report),
                             POINTER(sg_error))),
        ("report_free", CFUNCTYPE(None, POINTER(sg_report))),
    ]


STRUCTS = {
    "sg_str": sg_str, "sg_error": sg_error, "sg_open_args": sg_open_args,
    "sg_target": sg_target, "sg_login_req": sg_login_req, "sg_dial_req": sg_dial_req,
    "sg_feature_req": sg_feature_req, "sg_decision": sg_decision, "sg_info": sg_info,
    "sg_report_req": sg_report_req, "sg_report": sg_report, "sg_api": sg_api,
}


def layout() -> Dict[str, Dict[str, int]]:
    """{struct: {"size": n, field: offset, ...}} as ctypes lays them out."""
    out: Dict[str, Dict[str, int]] = {}
    for name, cls in STRUCTS.items():
        entry = {"size": sizeof(cls)}
        for field in cls._fields_:
            entry[field[0]] = getattr(cls, field[0]).offset
        out[name] = entry
    return out


def sized(cls: Type[Any]) -> Any:
    """A zeroed structure with its struct_size set (SG_INIT)."""
    obj = cls()
    obj.struct_size = sizeof(cls)
    return obj


def load_api(path: str) -> Tuple[ctypes.CDLL, Any]:
    """(library, sg_api) of the plugin at path; OSError when it is not one.
    The library object keeps the plugin mapped: hold it as long as the table."""
    lib = ctypes.CDLL(path, mode=ctypes.RTLD_LOCAL)
    try:
        get = getattr(lib, SG_MODULE_API_SYMBOL)
    except AttributeError as e:
        raise OSError("%s is not a scopegate plugin: no %s" % (path, SG_MODULE_API_SYMBOL)) from e
    get.restype = POINTER(sg_api)
    get.argtypes = [c_uint32]
    ptr = get(SG_ABI_MAJOR)
    if not ptr or ptr.contents.abi_major != SG_ABI_MAJOR:
        raise OSError("%s does not speak scopegate ABI %d" % (path, SG_ABI_MAJOR))
    return lib, ptr.contents

