#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (corpus/<target>/seed-*).

Run from anywhere; it rewrites only files named seed-*, so inputs added
after a crash (crash-*) stay. `make_seeds.py --out DIR` writes them under
DIR instead (the test fuzz.seeds_current compares that with the corpus). Seeds are small, readable inputs that reach
each rule of SPEC sections 2 and 4.
"""
import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "corpus"


def put(target, name, data):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / ("seed-" + name)).write_bytes(data)


def control(value=0, explain=False, newer=False, null=False, older=False):
    return bytes([value | (8 if explain else 0) | (16 if newer else 0) | (32 if null else 0) | (64 if older else 0)])


def config_seeds():
    for path in [ROOT / "conf/examples/scopegate.conf", ROOT / "conf/scopegate.conf",
                 ROOT / "conf/examples/domains.d/acme.example.conf"]:
        put("config", path.name.replace(".", "_"), path.read_bytes())
    for kind in ("broken", "valid"):
        folder = ROOT / "tests/configs" / kind
        if folder.is_dir():
            for path in sorted(folder.glob("*.conf")):
                put("config", kind + "-" + path.stem, path.read_bytes())
    put("config", "minimal", "version = 1;\n")
    put("config", "include", '@include "inc.conf"\nversion = 1;\ndomains_dir = "domains.d";\n')
    put("config", "include-policy", '@include "policy.conf"\n@include "inc.conf"\n')
    put("config", "self-include", '@include "scopegate.conf"\nversion = 1;\n')
    put("config", "not-strict", 'strict_permissions = false;\nversion = 1;\ndomains_dir = "domains.d";\n')
    put("config", "strict-wrong-type", 'strict_permissions = "no";\n')
    put("config", "domains-dir-dot", 'domains_dir = ".";\n')
    put("config", "domains-dir-up", 'domains_dir = "..";\n')
    put("config", "escapes", 'domains = ( { name = "a\\x41\\"b"; users = ( { id = "\\t1"; scope = "basic_user"; } ); } );\n')
    put("config", "int64", 'version = 0x7fffffffffffffffL;\n')
    put("config", "nested", "x = " + "(" * 60 + ")" * 60 + ";\n")
    put("config", "everything", """
version = 1;
log = { level = "debug"; sink = "host"; audit = true; };
emergency_numbers = [ "911" ];
dial_rules = ( { prefix = "*33"; feature = "monitor.listen"; target = "user"; },
               { pattern = "_1NXX[2-9]!"; feature = "dial.x"; },
               { prefix = "*71"; feature = "queue.agent.login"; target = "queue"; } );
login = { channels = { basic_user = [ "portal", "api" ]; office_manager = [ ]; }; };
policy = ( { feature = "dial.x"; new = true; basic_user = "self"; guarded = false; view = "reports"; targets = [ "user" ]; },
           { feature = "recordings.listen"; call_center_supervisor = "queue"; view = ""; } );
domains = (
  { name = "p"; users = ( { id = "r"; scope = "reseller"; domains = [ "a", "globex.example" ]; },
                          { id = "s"; scope = "super_user"; } ); },
  { name = "a"; sites = [ "HQ" ];
    users = ( { id = "1"; scope = "site_manager"; site = "HQ"; },
              { id = "2"; scope = "call_center_supervisor"; supervisor = { queues = "all"; view = [ ]; }; },
              { id = "3"; scope = "call_center_agent"; enabled = false; },
              { id = "4"; scope = "no_portal"; system = true; } );
    queues = ( { name = "q"; site = "HQ"; agents = [ "3", "2" ]; } ); }
);
domains_dir = "domains.d";
""")


def login_seeds():
    users = [("101", "acme.example"), ("103", "acme.example"), ("aa-main", "acme.example"),
             ("170", "acme.example"), ("160", "acme.example"), ("root", "provider.example"),
             ("nobody", "acme.example"), ("101", "globex.example"), ("101", "")]
    for channel in range(0, 8):
        for i, (u, d) in enumerate(users):
            put("login", "c%d-%d" % (channel, i), control(channel, explain=(i % 2 == 0)) + (u + "\n" + d).encode())
    put("login", "newer-host", control(1, newer=True) + b"101\nacme.example")
    put("login", "older-host", control(1, older=True) + b"101\nacme.example")
    put("login", "null-user", control(1, null=True) + b"101\nacme.example")
    put("login", "control-char", control(1) + b"1\x0101\nacme.example")
    put("login", "utf8", control(1, explain=True) + "jos\u00e9\nacme.example".encode())
    put("login", "bad-utf8", control(1) + b"\xc0\xaf\nacme.example")
    put("login", "long", control(1) + b"1" * 256 + b"\nacme.example")


def dial_seeds():
    callers = [("101", "acme.example"), ("150", "acme.example"), ("160", "acme.example"), ("103", "acme.example"),
               ("aa-main", "acme.example"), ("170", "acme.example"), ("100", "acme.example"),
               ("ops", "provider.example"), ("x", "nowhere")]
    dests = ["911", "933", "112", "9111", "*33160", "*34101", "*35150", "*33", "*71sales", "*72support",
             "*71", "01144123", "011", "19005551234", "1900555123", "95", "96", "102", "+4930123"]
    n = 0
    for i, (u, d) in enumerate(callers):
        for j, dest in enumerate(dests):
            if (i + j) % 3 == 0:
                put("dial", "%03d" % n, control(0, explain=(n % 4 == 0)) + ("%s\n%s\n%s" % (u, d, dest)).encode())
                n += 1
    put("dial", "emergency-bad-caller", control(0, null=True) + b"101\n\x01\n911")
    put("dial", "emergency-empty-caller", control(0) + b"\n\n112")
    put("dial", "newer-host", control(0, newer=True, explain=True) + b"150\nacme.example\n*33160")
    put("dial", "older-host", control(0, older=True) + b"150\nacme.example\n*33160")


def feature_seeds():
    # user, domain, feature, id, tdomain, object_kind, site, owner, queue, scope; kind
    rows = [
        (0, "101", "acme.example", "extension.settings.view"),
        (1, "101", "acme.example", "extension.settings.edit", "101"),
        (1, "200", "acme.example", "users.edit", "101"),
        (1, "200", "acme.example", "users.edit", "102"),
        (1, "100", "acme.example", "scope.assign", "101", "", "", "", "", "", "site_manager"),
        (1, "100", "acme.example", "scope.assign", "101", "", "", "", "", "", "office_manager"),
        (1, "100", "acme.example", "scope.assign", "100", "", "", "", "", "", "basic_user"),
        (1, "100", "acme.example", "scope.assign", "101"),
        (1, "150", "acme.example", "monitor.listen", "160"),
        (1, "150", "acme.example", "agent.status.change", "160", "", "", "", "", "sales"),
        (1, "160", "acme.example", "queue.agent.login", "160", "", "", "", "", "sales"),
        (1, "160", "acme.example", "queue.agent.login", "160", "", "", "", "", "support"),
        (2, "150", "acme.example", "stats.realtime.view", "sales"),
        (2, "150", "acme.example", "reports.call_center.run", "sales"),
        (2, "151", "acme.example", "call_activity.view", "support"),
        (3, "200", "acme.example", "users.create", "HQ"),
        (3, "200", "acme.example", "inventory.view", "Branch"),
        (4, "100", "acme.example", "pbx_settings.edit", "acme.example"),
        (4, "100", "acme.example", "pbx_settings.edit", "globex.example"),
        (4, "ops", "provider.example", "pbx_settings.edit", "globex.example"),
        (4, "ops", "provider.example", "pbx_settings.edit", "", "acme.example"),
        (1, "root", "provider.example", "users.edit", "100", "globex.example"),
        (1, "100", "acme.example", "users.edit", "100", "globex.example"),
        (5, "200", "acme.example", "auto_attendants.edit", "aa1", "", "auto_attendant", "HQ"),
        (5, "101", "acme.example", "extension.settings.view", "tf1", "", "time_frame", "", "101"),
        (5, "101", "acme.example", "extension.settings.view", "tf1", "globex.example", "time_frame", "", "101@acme.example"),
        (5, "101", "acme.example", "extension.settings.view", "tf1", "globex.example", "time_frame", "", "101"),
        (0, "170", "acme.example", "extension.settings.view"),
        (0, "aa-main", "acme.example", "extension.settings.view"),
        (0, "103", "acme.example", "extension.settings.view"),
        (0, "101", "acme.example", "fax.send"),
        (0, "101", "acme.example", "no.such.feature"),
        (6, "101", "acme.example", "users.view", "101"),
        (7, "101", "acme.example", "users.view", "101"),
    ]
    for n, row in enumerate(rows):
        kind, fields = row[0], list(row[1:])
        put("feature", "%03d" % n, control(kind, explain=(n % 3 == 0)) + "\n".join(fields).encode())
    put("feature", "newer-host", control(1, newer=True, explain=True) + b"200\nacme.example\nusers.edit\n101")
    put("feature", "older-host", control(1, older=True) + b"200\nacme.example\nusers.edit\n101")
    put("feature", "null-user", control(1, null=True) + b"200\nacme.example\nusers.edit\n101")
    put("feature", "bad-scope", control(1) + b"100\nacme.example\nscope.assign\n101\n\n\n\n\n\nadmin")


def batch_seeds():
    requests = ROOT / "conf/examples/requests.txt"
    if requests.is_file():
        put("batch_line", "requests", requests.read_bytes())
    lines = [
        "login 101@acme.example portal",
        "explain login 101@acme.example sip_device",
        "dial 101@acme.example 911",
        "feature 150@acme.example monitor.listen user:160",
        "feature 160@acme.example queue.agent.login --queue sales",
        "feature 100@acme.example scope.assign user:101 --scope=site_manager",
        "feature 200@acme.example auto_attendants.edit object:auto_attendant/aa1@acme.example --site HQ --owner 200",
        "feature ops@provider.example pbx_settings.edit domain:globex.example",
        "feature 200@acme.example users.create site:HQ@acme.example",
        "feature 150@acme.example stats.realtime.view queue:sales",
        "  # a comment",
        "",
        "login a@b@c portal",
        "login @acme.example portal",
        "feature 1@a f object:nokind",
        "feature 1@a f --queue",
        "feature 1@a f --queue q --queue r",
        "feature 1@a f user:2 x y",
        "login 1@a portal " + "w " * 20,
        "explain",
        "login 1@" + "d" * 300 + " portal",
    ]
    for n, line in enumerate(lines):
        put("batch_line", "%03d" % n, line + "\n")
    put("batch_line", "crlf", "login 101@acme.example portal\r\ndial 101@acme.example 112\r\n")
    put("batch_line", "no-newline", "feature 101@acme.example users.view user:101")


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        OUT = pathlib.Path(sys.argv[2])
    elif len(sys.argv) != 1:
        sys.exit("usage: make_seeds.py [--out DIR]")
    for target in ["config", "login", "dial", "feature", "batch_line"]:
        folder = OUT / target
        if folder.is_dir():
            for old in folder.glob("seed-*"):
                old.unlink()
    config_seeds()
    login_seeds()
    dial_seeds()
    feature_seeds()
    batch_seeds()
