"""stats_check.py STATS GETSTATS HOOK:CSV[:TIMES]... - the scopegate counters
against what SIPp sent.

STATS is the output of `kamcmd scopegate.stats`, GETSTATS that of `kamcmd
stats.get_statistics scopegate:`. Each HOOK:CSV names an injection file
SIPp sent TIMES times (default 1) through that hook; its rows say the
expected verdict (column 5) and reason (column 6). Every counter must be
exactly the number of rows sent with its HOOK.VERDICT.REASON, in both
outputs, and no other counter may be non-zero. Exits 1 on any difference.
"""

import collections
import re
import sys


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
    got = {}
    for line in open(path):
        m = re.match(pattern, line.strip())
        if m:
            got[m.group(1)] = int(m.group(2))
    return got


def main(argv):
    want = expected(argv[3:])
    rpc = parse(argv[1], r"^([a-z]+\.[a-z]+\.[a-z_]+):\s*(\d+)$")
    stats = parse(argv[2], r"^scopegate:([a-z]+\.[a-z]+\.[a-z_]+)\s*=\s*(\d+)$")
    bad = 0
    if len(rpc) != 3 * 3 * 16 or len(stats) != len(rpc):
        print("stats: %d keys from scopegate.stats, %d from stats.get_statistics, want 144"
              % (len(rpc), len(stats)))
        bad += 1
    for key in sorted(set(rpc) | set(want)):
        if rpc.get(key, 0) != want.get(key, 0) or stats.get(key, 0) != want.get(key, 0):
            print("stats: %s = %s (stats.get_statistics %s), want %d"
                  % (key, rpc.get(key), stats.get(key), want.get(key, 0)))
            bad += 1
    print("stats: %d decisions counted in %d keys, %s" % (
        sum(want.values()), len(want), "all as sent" if not bad else "%d differ" % bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
