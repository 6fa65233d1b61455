"""KEMI routing of the native test (kemi.cfg): the module's exports from Python.

INVITE  -> KSR.scopegate.sg_dial(From user, From domain, R-URI user)
MESSAGE -> KSR.scopegate.sg_feature(...) or sg_feature_opts(...) with the
           X-Feature, X-Target and X-Options headers
The answer is built from the return code and $sg(): 200 with "X-Scopegate:
allow ok", else 403 with the reason; a return code that disagrees with
$sg(verdict) answers 500.
"""

import KSR

_WANT = {1: "allow", -1: "deny", -2: "error"}


def mod_init():
    return kamailio()


def _hdr(name):
    value = KSR.pv.get("$hdr(%s)" % name)
    return value if isinstance(value, str) else ""


class kamailio:
    def __init__(self):
        pass

    def child_init(self, rank):
        return 0

    def ksr_request_route(self, msg):
        method = KSR.pv.get("$rm")
        if method == "ACK":
            return 1
        user, domain = KSR.pv.get("$fU") or "", KSR.pv.get("$fd") or ""
        if method == "INVITE":
            rc = KSR.scopegate.sg_dial(user, domain, KSR.pv.get("$rU") or "")
        elif method == "MESSAGE":
            options = _hdr("X-Options")
            if options:
                rc = KSR.scopegate.sg_feature_opts(user, domain, _hdr("X-Feature"),
                                                   _hdr("X-Target"), options)
            else:
                rc = KSR.scopegate.sg_feature(user, domain, _hdr("X-Feature"), _hdr("X-Target"))
        else:
            KSR.sl.sl_send_reply(405, "Method Not Allowed")
            return 1
        verdict, reason = KSR.pv.get("$sg(verdict)"), KSR.pv.get("$sg(reason)")
        if _WANT.get(rc) != verdict:
            KSR.err("scopegate: KEMI return code %s but verdict %s\n" % (rc, verdict))
            KSR.sl.sl_send_reply(500, "Return Code Mismatch")
            return 1
        if verdict == "allow":
            extra = ""
            if method == "INVITE":
                extra = "Contact: <sip:scopegate@%s:%s>\r\n" % (KSR.pv.get("$Ri"), KSR.pv.get("$Rp"))
            KSR.hdr.append_to_reply("X-Scopegate: %s %s\r\n%s" % (verdict, reason, extra))
            KSR.sl.sl_send_reply(200, "OK")
        else:
            KSR.hdr.append_to_reply('Reason: SIP;cause=403;text="%s"\r\nX-Scopegate: %s %s\r\n'
                                    % (reason, verdict, reason))
            KSR.sl.sl_send_reply(403, "Forbidden")
        return 1
