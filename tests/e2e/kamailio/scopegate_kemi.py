"""Kamailio routing (KEMI, app_python3) that asks scopegate.

REGISTER  -> login(To user, To domain, sip_device)
INVITE    -> dial(From user, From domain, Request-URI user)

A deny answers "403 Forbidden" with the reason code in a Reason header
(Reason: SIP;cause=403;text="out_of_reach"); an allowed INVITE answers
"200 OK" with a Contact, an allowed REGISTER "200 OK". Every answer carries
"X-Scopegate: <verdict> <reason>" ("allow emergency", "deny system_user",
"error bad_request"). An error is a deny; an exception anywhere answers
"500 Server Internal Error", never an allow.

scopegate is asked through the Python binding (bindings/python, package
python3-scopegate): `import scopegate`.

The environment of the kamailio process chooses:
  SCOPEGATE_MODULE   path of scopegate.so (default: the binding's default,
                     the installed /usr/lib/<multiarch>/scopegate/scopegate.so)
  SCOPEGATE_CONFIG   path of the main scopegate config (default: /etc/scopegate/scopegate.conf)
  SCOPEGATE_DECIDER  "scopegate" (default) or "standin": a Python table that
                     answers without the module, to measure what the module
                     costs (SCOPEGATE_STANDIN_TABLE: the SIPp injection files'
                     rows user;domain;dest;code;verdict;reason)

Each SIP worker opens its own handle in child_init, after Kamailio forked
it. Reload: `kamcmd pv.shvSet sg_reload int N` with a new N; every worker
compares $shv(sg_reload) with the value it last saw on its next request and
calls reload() first when it changed.
"""

import logging
import os

import KSR

import scopegate


class _KamailioLog(logging.Handler):
    """The binding's log lines (the plugin's) into Kamailio's log."""

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            fn = KSR.err
        elif record.levelno >= logging.WARNING:
            fn = KSR.warn
        elif record.levelno >= logging.INFO:
            fn = KSR.info
        else:
            fn = KSR.dbg
        fn("scopegate: %s\n" % record.getMessage())


_logger = logging.getLogger("scopegate")
_logger.addHandler(_KamailioLog())
_logger.setLevel(logging.INFO)
_logger.propagate = False


class ScopegateDecider:
    """Decisions by scopegate.so, one handle per process."""

    def __init__(self, module_path, config_path):
        self.module_path = module_path
        self.config_path = config_path
        self.handle = None

    def open(self):
        """Open this process's handle; an error is logged and leaves no
        handle, so every decision of this worker is a deny until a reload
        succeeds."""
        try:
            self.handle = scopegate.open(self.config_path, self.module_path)
        except (scopegate.ConfigError, OSError) as e:
            self.handle = None
            KSR.err("scopegate: open %s failed: %s\n" % (self.config_path, e))
            return False
        return True

    def reload(self):
        if self.handle is None:
            return self.open()
        try:
            generation = self.handle.reload()
        except scopegate.ConfigError as e:
            KSR.err("scopegate: reload of %s failed, the old config stays in force: %s\n"
                    % (self.config_path, str(e).replace("\n", "; ")))
            return False
        KSR.info("scopegate: reloaded %s, generation %d\n" % (self.config_path, generation))
        return True

    def login(self, user, domain):
        if self.handle is None:
            return "error", "internal_error"
        d = self.handle.login(user, domain, "sip_device")
        return d.verdict, d.reason

    def dial(self, user, domain, destination):
        if self.handle is None:
            return "error", "internal_error"
        d = self.handle.dial(user, domain, destination)
        return d.verdict, d.reason


class StandinDecider:
    """The same answers from a dict, without the module: the baseline the
    load run compares scopegate against. Unknown requests are allowed."""

    def __init__(self, table_path):
        self.table = {}
        with open(table_path) as f:
            for line in f:
                cols = line.rstrip("\n").split(";")
                if len(cols) < 6 or line.startswith("#"):
                    continue
                verdict = cols[4] if cols[4] in ("allow", "deny") else "error"
                self.table[(cols[0], cols[1], cols[2])] = (verdict, cols[5])

    def open(self):
        return True

    def reload(self):
        return True

    def login(self, user, domain):
        return self.table.get((user, domain, ""), ("allow", "ok"))

    def dial(self, user, domain, destination):
        return self.table.get((user, domain, destination), ("allow", "ok"))


def _make_decider():
    kind = os.environ.get("SCOPEGATE_DECIDER", "scopegate")
    if kind == "standin":
        return StandinDecider(os.environ["SCOPEGATE_STANDIN_TABLE"])
    if kind != "scopegate":
        raise ValueError("SCOPEGATE_DECIDER must be scopegate or standin, not %r" % kind)
    return ScopegateDecider(scopegate.default_plugin(),
                            os.environ.get("SCOPEGATE_CONFIG", scopegate.DEFAULT_CONFIG))


def mod_init():
    """Runs once in the main process, before the fork: load the module and
    check the config, so Kamailio refuses to start on a broken one."""
    try:
        decider = _make_decider()
        if isinstance(decider, ScopegateDecider):
            if not decider.open():
                return None
            info = decider.handle.info()
            KSR.info("scopegate %s (%s): %s loaded: %d domains, %d users, %d queues\n"
                     % (scopegate.__version__, decider.module_path, decider.config_path,
                        info.domains, info.users, info.queues))
            decider.handle.close()  # the workers open their own after the fork
            decider.handle = None
        return kamailio(decider)
    except Exception as e:  # a failed mod_init stops Kamailio with this message
        KSR.err("scopegate: cannot start: %s\n" % e)
        return None


def _reload_counter():
    value = KSR.pv.get("$shv(sg_reload)")
    return value if isinstance(value, int) else 0


class kamailio:
    def __init__(self, decider):
        self.decider = decider
        self.seen = 0
        self.contact = None

    def child_init(self, rank):
        # rank > 0: a SIP worker. Other processes (timer, ctl) route no SIP.
        if rank > 0:
            self.seen = _reload_counter()
            self.decider.open()
        return 0

    def ksr_request_route(self, msg):
        try:
            return self._route()
        except Exception as e:  # an escaping exception would send no reply at all
            KSR.err("scopegate: %s: %s\n" % (type(e).__name__, e))
            KSR.sl.sl_send_reply(500, "Server Internal Error")
            return 1

    def _route(self):
        method = KSR.pv.get("$rm")
        if method == "ACK":
            return 1  # the ACK of our own final answer: nothing to do
        self._check_reload()
        if method == "INVITE":
            verdict, reason = self.decider.dial(KSR.pv.get("$fU") or "",
                                                KSR.pv.get("$fd") or "",
                                                KSR.pv.get("$rU") or "")
            return self._answer(verdict, reason, self._contact())
        if method == "REGISTER":
            verdict, reason = self.decider.login(KSR.pv.get("$tU") or "",
                                                 KSR.pv.get("$td") or "")
            return self._answer(verdict, reason, "")
        KSR.sl.sl_send_reply(405, "Method Not Allowed")
        return 1

    def _check_reload(self):
        counter = _reload_counter()
        if counter != self.seen:
            self.seen = counter
            self.decider.reload()

    def _contact(self):
        if self.contact is None:
            self.contact = "Contact: <sip:scopegate@%s:%s>\r\n" % (KSR.pv.get("$Ri"),
                                                                   KSR.pv.get("$Rp"))
        return self.contact

    def _answer(self, verdict, reason, extra):
        word = verdict if verdict in ("allow", "deny") else "error"
        if word == "allow":
            KSR.hdr.append_to_reply("X-Scopegate: %s %s\r\n%s" % (word, reason, extra))
            KSR.sl.sl_send_reply(200, "OK")
        else:  # SG_DENY, SG_ERROR and anything else: fail closed
            KSR.hdr.append_to_reply('Reason: SIP;cause=403;text="%s"\r\nX-Scopegate: %s %s\r\n'
                                        % (reason, word, reason))
            KSR.sl.sl_send_reply(403, "Forbidden")
        return 1
