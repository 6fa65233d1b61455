"""stats_check.py STATS GETSTATS METRICS HOOK:CSV[:TIMES]... - the scopegate
counters against what SIPp sent.

STATS is the output of `kamcmd scopegate.stats` (keys "dial.allow.ok"),
GETSTATS that of `kamcmd stats.get_statistics scopegate:` (Kamailio's
statistics, "scopegate:dial_allow_ok = N"), METRICS the body xhttp_prom
answered at /metrics ("kamailio_scopegate_dial_allow_ok N TIMESTAMP"). Each
HOOK:CSV names an injection file SIPp sent TIMES times (default 1) through
that hook; its rows say the expected verdict (column 5) and reason (column
6). Every counter must be exactly the number of rows sent with its
HOOK.VERDICT.REASON, in all three outputs, and no other counter may be
non-zero. Every sample line of METRICS must also be one Prometheus can
parse: a single bad name makes it refuse the whole scrape. Exits 1 on any
difference.
"""

import collections
import re
import sys

KEYS = 3 * 3 * 16  # hooks x verdicts x reasons
# A sample line of Prometheus's text format, as xhttp_prom writes them:
# NAME[{LABELS}] VALUE [TIMESTAMP].
SAMPLE = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? +[-+0-9.eEaInNf]+( +-?[0-9]+)?$")


def expected(specs):
    want = collections.Counter()
    for spec in specs:
        hook, path, *times = spec.split(":")
        for line in open(path):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line == "SEQUENTIAL":
                continue
            cols = line.split(";")
            want["%s.%s.%s" % (hook, cols[4], cols[5])] += int(times[0]) if times else 1
    return want


def parse(path, pattern):
    """{HOOK.VERDICT.REASON: value} of the lines that match pattern, whose
    groups are hook, verdict, reason and value."""
    got = {}
    for line in open(path):
        m = re.match(pattern, line.strip())
        if m:
            got["%s.%s.%s" % m.group(1, 2, 3)] = int(m.group(4))
    return got


def unparseable(path):
    """The lines of a Prometheus exposition that are neither comments nor samples."""
    return [line for line in (raw.strip() for raw in open(path))
            if line and not line.startswith("#") and not SAMPLE.match(line)]


def main(argv):
    want = expected(argv[4:])
    hook, verdict = r"(login|dial|feature)", r"(allow|deny|error)"
    outputs = {
        "scopegate.stats": parse(argv[1], r"^%s\.%s\.([a-z_]+):\s*(\d+)$" % (hook, verdict)),
        "stats.get_statistics": parse(argv[2], r"^scopegate:%s_%s_([a-z_]+)\s*=\s*(\d+)$" % (hook, verdict)),
        "xhttp_prom": parse(argv[3], r"^kamailio_scopegate_%s_%s_([a-z_]+) (\d+)( \d+)?$" % (hook, verdict)),
    }
    bad = 0
    for name, got in outputs.items():
        if len(got) != KEYS:
            print("stats: %d keys from %s, want %d" % (len(got), name, KEYS))
            bad += 1
    for line in unparseable(argv[3]):
        print("stats: xhttp_prom wrote a line Prometheus cannot parse: %s" % line)
        bad += 1
    keys = set(want).union(*outputs.values())
    for key in sorted(keys):
        values = {name: got.get(key) for name, got in outputs.items()}
        if any(v != want.get(key, 0) for v in values.values()):
            print("stats: %s = %s, want %d" % (
                key, ", ".join("%s (%s)" % (v, name) for name, v in values.items()), want.get(key, 0)))
            bad += 1
    print("stats: %d decisions counted in %d keys, %s" % (
        sum(want.values()), len(want), "all as sent" if not bad else "%d differ" % bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
