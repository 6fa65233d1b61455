"""Helpers of run.sh: free ports, a precheck through the Python binding, a latency probe,
CPU accounting of Kamailio's processes and the load report.

    e2e_tools.py freeport [udp|tcp]                 (udp: SIP; tcp: xhttp_prom's HTTP)
    e2e_tools.py http-get URL OUT                   the body to OUT, the HTTP status to stdout
    e2e_tools.py precheck MODULE CONFIG CSV...      the module decides as the CSVs expect
    e2e_tools.py cpu PID...                         {"pid": on-CPU nanoseconds}
    e2e_tools.py probe HOST PORT CSV SECONDS RATE OUT_JSON
    e2e_tools.py load-report NAME CPU_BEFORE CPU_AFTER WORKER_PIDS SIPP_STAT SIPP_RTT PROBE OUT_JSON
    e2e_tools.py compare SCOPEGATE_JSONS STANDIN_JSONS       the README table (medians)
    e2e_tools.py check-budget SCOPEGATE_JSONS STANDIN_JSONS PERCENT
"""

import json
import os
import socket
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def freeport(kind="udp"):
    """A UDP (or TCP) port on 127.0.0.1 nobody holds right now."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if kind == "tcp" else socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    print(port)
    return 0


def http_get(url, out):
    """GET url (where curl is missing): the body to out, the status printed."""
    try:
        answer = urllib.request.urlopen(url, timeout=10)
    except urllib.error.HTTPError as e:  # a 404 is an answer too
        answer = e
    with open(out, "wb") as f:
        f.write(answer.read())
    print(answer.status)
    return 0


def read_rows(path):
    """The rows of a SIPp injection file: (user, domain, dest, code, verdict, reason)."""
    rows = []
    for line in open(path):
        line = line.rstrip("\n")
        if not line or line.startswith("#") or line in ("SEQUENTIAL", "RANDOM", "USER"):
            continue
        cols = line.split(";")
        rows.append(tuple(cols[:6]))
    return rows


def precheck(module, config, *csvs):
    """Ask the module directly (no Kamailio, through the Python binding) what
    every row of the SIPp files expects: a wrong expectation is found here
    with a clear message."""
    sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "bindings", "python"))
    import scopegate
    bad = total = 0
    with scopegate.open(config, module) as h:
        for path in csvs:
            is_register = os.path.basename(path).startswith("register")
            for user, domain, dest, _code, verdict, reason in read_rows(path):
                if is_register:
                    d = h.login(user, domain, "sip_device")
                else:
                    d = h.dial(user, domain, dest)
                total += 1
                if (d.verdict, d.reason) != (verdict, reason):
                    bad += 1
                    print("precheck %s: %s@%s %s: module says %s %s, file expects %s %s"
                          % (os.path.basename(path), user, domain, dest or "(login)",
                             d.verdict, d.reason, verdict, reason))
    print("precheck: scopegate %s, %d requests, %d differ" % (scopegate.__version__, total, bad))
    return 1 if bad else 0


def cpu_ns(pid):
    """Time the process has spent on a CPU, in ns (schedstat; else stat ticks)."""
    try:
        with open("/proc/%s/schedstat" % pid) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        with open("/proc/%s/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // os.sysconf("SC_CLK_TCK")


def cpu(*pids):
    out = {}
    for pid in pids:
        try:
            out[pid] = cpu_ns(pid)
        except OSError:
            out[pid] = None  # gone: a crash, reported by the caller
    print(json.dumps(out))
    return 0


def percentiles(values, points=(50, 90, 99, 99.9)):
    if not values:
        return {}
    values = sorted(values)
    out = {}
    for p in points:
        k = min(len(values) - 1, max(0, int(round(p / 100.0 * len(values) + 0.5)) - 1))
        out["p%g" % p] = values[k]
    out["max"] = values[-1]
    return out


def probe(host, port, csv, seconds, rate, out_json):
    """One INVITE at a time, at RATE per second for SECONDS, on its own
    socket beside the SIPp load: the response time with microsecond
    resolution, and the response code checked against the file."""
    rows = read_rows(csv)
    port, seconds, rate = int(port), float(seconds), float(rate)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    lport = s.getsockname()[1]
    lat, bad, lost, retrans, n = [], 0, 0, 0, 0
    start = time.monotonic()
    pid = os.getpid()
    while time.monotonic() - start < seconds:
        user, domain, dest, code = rows[n % len(rows)][:4]
        n += 1
        call_id = "probe-%d-%d@127.0.0.1" % (pid, n)
        branch = "z9hG4bKprobe%d.%d" % (pid, n)
        msg = ("INVITE sip:%s@%s SIP/2.0\r\n"
               "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=%s\r\n"
               "From: <sip:%s@%s>;tag=p%d\r\n"
               "To: <sip:%s@%s>\r\n"
               "Call-ID: %s\r\nCSeq: 1 INVITE\r\n"
               "Contact: <sip:%s@127.0.0.1:%d>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
               % (dest, domain, lport, branch, user, domain, n, dest, domain, call_id,
                  user, lport)).encode()
        t0 = time.perf_counter_ns()
        data = None
        for wait in (0.5, 1.0, 2.0):  # retransmit like a UA over UDP (timer A)
            s.sendto(msg, (host, port))
            s.settimeout(wait)
            try:
                while data is None:
                    got_data = s.recv(65535)
                    if call_id.encode() in got_data:
                        data = got_data
            except socket.timeout:
                retrans += 1
                continue
            break
        if data is None:
            lost += 1
            print("probe: %s@%s dialed %s: no answer in 3.5 s" % (user, domain, dest))
            continue
        lat.append((time.perf_counter_ns() - t0) / 1000.0)
        got = data.split(b" ", 2)[1].decode()
        if got != code:
            bad += 1
            print("probe: %s@%s dialed %s: got %s, want %s" % (user, domain, dest, got, code))
        # the ACK the answer asks for (a 2xx ACK is its own transaction)
        to_line = [ln for ln in data.split(b"\r\n") if ln.lower().startswith(b"to:")][0].decode()
        ack_branch = branch if got != "200" else branch + "a"
        s.sendto(("ACK sip:%s@%s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=%s\r\n"
                  "From: <sip:%s@%s>;tag=p%d\r\n%s\r\nCall-ID: %s\r\nCSeq: 1 ACK\r\n"
                  "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
                  % (dest, domain, lport, ack_branch, user, domain, n, to_line, call_id))
                 .encode(), (host, port))
        next_at = start + n / rate
        delay = next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    result = {"requests": n, "answered": len(lat), "lost": lost, "wrong_code": bad,
              "retransmissions": retrans,
              "latency_us": {k: round(v, 1) for k, v in percentiles(lat).items()}}
    json.dump(result, open(out_json, "w"))
    print("probe: %d INVITEs, %d retransmitted, %d lost, %d wrong code, latency us %s"
          % (n, retrans, lost, bad, result["latency_us"]))
    return 1 if (bad or lost) else 0


def sipp_final_stats(path):
    """The last line of SIPp's -trace_stat CSV as a dict."""
    lines = [ln.rstrip("\n") for ln in open(path) if ln.strip()]
    head = lines[0].split(";")
    last = lines[-1].split(";")
    return dict(zip(head, last))


def hms_to_s(text):
    parts = text.split(":")
    if len(parts) == 4:  # HH:MM:SS:mmmuuu
        h, m, s, us = parts
        return int(h) * 3600 + int(m) * 60 + int(s) + int(us) / 1e6
    h, m, s = parts
    return int(h) * 3600 + int(m) * 60 + float(s)


def load_report(name, cpu_before, cpu_after, worker_pids, sipp_stat, sipp_rtt, probe_json,
                out_json):
    before = json.load(open(cpu_before))
    after = json.load(open(cpu_after))
    workers = [p for p in worker_pids.split(",") if p]
    st = sipp_final_stats(sipp_stat)
    ok = int(st["SuccessfulCall(C)"])
    failed = int(st["FailedCall(C)"])
    elapsed = hms_to_s(st["ElapsedTime(C)"])
    rtt = [float(ln.split(";")[1]) for ln in open(sipp_rtt)
           if ln[:1].isdigit() and len(ln.split(";")) >= 2]
    gone = [p for p, v in after.items() if v is None]

    def spent(pids):
        return sum(after[p] - before[p] for p in pids
                   if before.get(p) is not None and after.get(p) is not None)

    all_ns = spent(list(before))
    worker_ns = spent(workers)
    calls = ok + failed
    probe_result = json.load(open(probe_json)) if probe_json and os.path.exists(probe_json) else {}
    report = {
        "decider": name,
        "calls": calls, "successful": ok, "failed": failed,
        "retransmissions": int(st.get("Retransmissions(C)", 0) or 0),
        "elapsed_s": round(elapsed, 2),
        "achieved_cps": round(calls / elapsed, 1) if elapsed else 0,
        "target_cps": st.get("TargetRate"),
        "cpu_all_processes_s": round(all_ns / 1e9, 3),
        "cpu_workers_s": round(worker_ns / 1e9, 3),
        "worker_cpu_us_per_call": round(worker_ns / 1000.0 / calls, 1) if calls else None,
        "all_cpu_us_per_call": round(all_ns / 1000.0 / calls, 1) if calls else None,
        "sipp_response_ms": percentiles(rtt),
        "probe": probe_result,
        "processes_gone": gone,
    }
    json.dump(report, open(out_json, "w"), indent=1)
    print("load[%s]: %d calls in %.1f s = %.0f calls/s (target %s), %d successful, %d failed, "
          "%d retransmissions" % (name, calls, elapsed, report["achieved_cps"],
                                  report["target_cps"], ok, failed, report["retransmissions"]))
    print("load[%s]: Kamailio SIP workers %.3f s CPU = %.1f us per call (INVITE + ACK); "
          "all processes %.1f us per call"
          % (name, worker_ns / 1e9, report["worker_cpu_us_per_call"] or 0,
             report["all_cpu_us_per_call"] or 0))
    print("load[%s]: SIPp response time ms %s" % (name, report["sipp_response_ms"]))
    if probe_result:
        print("load[%s]: probe response time us %s" % (name, probe_result.get("latency_us")))
    return 0


def _median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2.0


def summarize(paths):
    """The median of each measure over the load runs of one decider
    (comma-separated report files); calls and failures are summed."""
    runs = [json.load(open(p)) for p in paths.split(",") if p]
    out = {"runs": len(runs),
           "calls": sum(r["calls"] for r in runs),
           "failed": sum(r["failed"] for r in runs),
           "achieved_cps": _median([r["achieved_cps"] for r in runs]),
           "worker_cpu_us_per_call": _median([r["worker_cpu_us_per_call"] for r in runs]),
           "all_cpu_us_per_call": _median([r["all_cpu_us_per_call"] for r in runs]),
           "probe_us": {}, "sipp_ms": {}}
    for p in ("p50", "p90", "p99", "p99.9", "max"):
        out["probe_us"][p] = _median([r.get("probe", {}).get("latency_us", {}).get(p)
                                      for r in runs])
        out["sipp_ms"][p] = _median([r["sipp_response_ms"].get(p) for r in runs])
    return out


def compare(scopegate_runs, standin_runs):
    """The README table: scopegate against the stand-in."""
    a, b = summarize(scopegate_runs), summarize(standin_runs)

    def ratio(x, y):
        return "%+.0f %%" % ((x / y - 1) * 100) if x is not None and y else ""

    def num(x):
        return "-" if x is None else ("%.1f" % x if isinstance(x, float) else str(x))

    rows = [
        ("calls / failed", "%d / %d" % (a["calls"], a["failed"]),
         "%d / %d" % (b["calls"], b["failed"]), ""),
        ("achieved calls/s", num(a["achieved_cps"]), num(b["achieved_cps"]), ""),
        ("SIP worker CPU per call (INVITE + ACK), us", num(a["worker_cpu_us_per_call"]),
         num(b["worker_cpu_us_per_call"]),
         ratio(a["worker_cpu_us_per_call"], b["worker_cpu_us_per_call"])),
        ("all Kamailio processes' CPU per call, us", num(a["all_cpu_us_per_call"]),
         num(b["all_cpu_us_per_call"]), ratio(a["all_cpu_us_per_call"], b["all_cpu_us_per_call"])),
    ]
    for p in ("p50", "p90", "p99", "max"):
        rows.append(("response time %s (probe), us" % p, num(a["probe_us"][p]),
                     num(b["probe_us"][p]), ratio(a["probe_us"][p], b["probe_us"][p])))
    for p in ("p50", "p90", "p99", "max"):
        rows.append(("response time %s (SIPp, 1 ms clock), ms" % p, num(a["sipp_ms"][p]),
                     num(b["sipp_ms"][p]), ""))
    print("| measure | scopegate | stand-in | scopegate vs stand-in |")
    print("|---|---|---|---|")
    for r in rows:
        print("| %s | %s | %s | %s |" % r)
    return 0


def check_budget(scopegate_runs, standin_runs, budget_percent):
    """Exit 1 when scopegate's worker CPU per call or median response time
    exceed the stand-in's by more than budget_percent."""
    a, b = summarize(scopegate_runs), summarize(standin_runs)
    limit = 1 + float(budget_percent) / 100.0
    bad = []
    if a["worker_cpu_us_per_call"] > b["worker_cpu_us_per_call"] * limit:
        bad.append("worker CPU per call %.1f us > %.1f us x %.2f"
                   % (a["worker_cpu_us_per_call"], b["worker_cpu_us_per_call"], limit))
    pa, pb = a["probe_us"]["p50"], b["probe_us"]["p50"]
    if pa and pb and pa > pb * limit:
        bad.append("response time p50 %.1f us > %.1f us x %.2f" % (pa, pb, limit))
    for line in bad:
        print("budget: " + line)
    print("budget: scopegate within %s %% of the stand-in: %s"
          % (budget_percent, "yes" if not bad else "NO"))
    return 1 if bad else 0


COMMANDS = {"freeport": freeport, "http-get": http_get, "precheck": precheck, "cpu": cpu,
            "probe": probe, "load-report": load_report, "compare": compare,
            "check-budget": check_budget}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    sys.exit(COMMANDS[sys.argv[1]](*sys.argv[2:]))
