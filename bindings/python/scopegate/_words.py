"""The CLI's request words (SPEC 6) turned into ABI structures.

A word the CLI would refuse (an unknown channel or target kind, a TARGET
without its id) raises BadRequest, which the handle answers as the plugin
answers a bad request: verdict "error", reason "bad_request".
"""

from __future__ import annotations

from typing import List, Optional

from . import _abi


class BadRequest(ValueError):
    """A request word that is not in the CLI's grammar."""


def to_bytes(value: object) -> bytes:
    """UTF-8 bytes of a str (bytes pass unchanged); None is the absent string."""
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    raise BadRequest("expected str, got %s" % type(value).__name__)


def set_str(view: _abi.sg_str, value: bytes, keep: List[bytes]) -> None:
    """Point view at value; keep holds value alive until the call returns."""
    keep.append(value)
    view.ptr = value if value else None
    view.len = len(value)


def channel(word: str) -> int:
    """SG_CHANNEL_* of a channel word ("portal", "sip_device", ...)."""
    try:
        return _abi.CHANNELS[word]
    except (KeyError, TypeError):
        raise BadRequest("unknown channel %r" % (word,)) from None


def _id_at_domain(rest: bytes, target: _abi.sg_target, keep: List[bytes]) -> None:
    ident, at, domain = rest.partition(b"@")
    if not ident or (at and not domain):
        raise BadRequest("malformed target id %r" % rest)
    set_str(target.id, ident, keep)
    set_str(target.domain, domain, keep)


def fill_target(word: Optional[str], target: _abi.sg_target, keep: List[bytes]) -> None:
    """TARGET: user:ID[@DOMAIN] | queue:NAME[@DOMAIN] | site:NAME[@DOMAIN] |
    domain:NAME | object:KIND/ID[@DOMAIN]; None or "" for none."""
    raw = to_bytes(word)
    if not raw:
        target.kind = 0
        return
    kind, colon, rest = raw.partition(b":")
    target.kind = _abi.TARGET_KINDS.get(kind.decode("utf-8", "replace"), -1)
    if not colon or target.kind < 0:
        raise BadRequest("malformed target %r" % raw)
    if target.kind == _abi.TARGET_KINDS["domain"]:
        if not rest:
            raise BadRequest("malformed target %r" % raw)
        set_str(target.id, rest, keep)
        return
    if target.kind == _abi.TARGET_KINDS["object"]:
        ident, at, domain = rest.partition(b"@")
        object_kind, slash, oid = ident.partition(b"/")
        if not slash or not object_kind or not oid:
            raise BadRequest("malformed object target %r" % raw)
        set_str(target.object_kind, object_kind, keep)
        rest = oid + at + domain
    _id_at_domain(rest, target, keep)


def fill_options(target: _abi.sg_target, keep: List[bytes], queue: Optional[str],
                 scope: Optional[str], site: Optional[str], owner: Optional[str]) -> None:
    """--queue, --scope, --site, --owner as keyword arguments."""
    for name, value in (("queue", queue), ("scope", scope), ("site", site), ("owner", owner)):
        if value is not None:
            raw = to_bytes(value)
            if not raw:
                raise BadRequest("empty --%s" % name)
            set_str(getattr(target, name), raw, keep)
