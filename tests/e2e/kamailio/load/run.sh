#!/usr/bin/env bash
# The load test of the native module:
#
#   run.sh BUILD_DIR
#
# Kamailio with 8 SIP workers runs native/kamailio.cfg; SIPp sends the mixed
# allowed and denied INVITEs of sipp/load.csv at $SG_LOAD_RATE calls/s for
# $SG_LOAD_DURATION s while `kamcmd scopegate.reload` runs every second
# (alternating two configs that decide alike). A probe beside SIPp measures
# response times in microseconds. Then the same cfg with the scopegate calls
# replaced by a fixed answer (-A SG_FIXED, no module): from a hash table of
# the answers the load file expects, and a constant "allow ok" (its calls
# all expect 200), in the same run. Rounds alternate the order; medians are
# compared.
# Then, with scopegate, the rate steps up through $SG_LOAD_STEPS (shorter
# runs) to find the highest rate with 0 failed calls.
#
# Fails on any unexpected answer, failed call or lost worker; with
# SG_LOAD_STRICT=1 also when scopegate's worker CPU per call or p50 response
# time exceed the fixed answer's by more than $SG_LOAD_BUDGET % (5).
#
# Environment: SG_LOAD_RATE (2000), SG_LOAD_DURATION (30), SG_LOAD_WORKERS
# (8), SG_LOAD_ROUNDS (1), SG_LOAD_STEPS ("" : no stepping; e.g. "3000 4000
# 5000"), SG_LOAD_STEP_DURATION (10), SG_LOAD_RESULTS=FILE (the table),
# SG_E2E_KEEP=1. Loopback only; every loop is bounded; stops what it started.
set -uo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
e2e=$(cd "$here/.." && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
rate=${SG_LOAD_RATE:-2000}
duration=${SG_LOAD_DURATION:-30}
workers=${SG_LOAD_WORKERS:-8}
rounds=${SG_LOAD_ROUNDS:-1}
steps=${SG_LOAD_STEPS:-}
step_duration=${SG_LOAD_STEP_DURATION:-10}
budget=${SG_LOAD_BUDGET:-5}
multiarch=$(gcc -print-multiarch)
tools="/usr/bin/python3 $e2e/e2e_tools.py"

say() { printf '[load] %s\n' "$*"; }
failures=0
fail() { printf '[load] FAIL: %s\n' "$*"; failures=$((failures + 1)); }
die() { printf '[load] FATAL: %s\n' "$*" >&2; exit 1; }
[ -f "$build/kamailio/scopegate.so" ] || die "no $build/kamailio/scopegate.so"
command -v sipp >/dev/null && command -v kamailio >/dev/null || die "needs sipp and kamailio (.ci/setup-debian.sh)"

work=$(mktemp -d /tmp/sg-load-XXXXXX)
chmod 755 "$work"
kam_pid="" reload_pid="" probe_pid=""
# shellcheck source=kamailio-proc.sh
. "$e2e/kamailio-proc.sh"
cleanup() {
  local rc=$?
  stop_pid "$reload_pid"; stop_pid "$probe_pid"; stop_kamailio
  if [ "$rc" -ne 0 ] || [ "${SG_E2E_KEEP:-0}" = 1 ]; then say "scratch folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- files
cp "$e2e/scopegate-e2e.conf" "$work/original.conf"
sed 's|^\(      { id = "170";.*\)$|\1\n      { id = "199"; scope = "basic_user"; site = "Branch"; },|' \
  "$work/original.conf" >"$work/extra-user.conf"
grep -q '"199"' "$work/extra-user.conf" || die "could not derive extra-user.conf"
install_conf() { cp "$1" "$work/scopegate.conf.new" && mv "$work/scopegate.conf.new" "$work/scopegate.conf"; }
install_conf "$work/original.conf"
cp "$e2e/native/kamailio.cfg" "$work/kamailio.cfg"
/usr/bin/python3 "$here/make_fixed.py" "$e2e/sipp/load.csv" >"$work/sg-fixed-table.cfg"
/usr/bin/python3 "$here/make_fixed.py" --constant "$e2e/sipp/load.csv" >"$work/sg-fixed-constant.cfg"
# The constant baseline allows every call: the same calls, each expecting "200 allow ok".
sed -E 's/^([^#;][^;]*;[^;]*;[^;]*);[0-9]+;[a-z]+;[a-z_]+$/\1;200;allow;ok/' "$e2e/sipp/load.csv" >"$work/load-allow.csv"
[ "$(grep -c ';200;allow;ok$' "$work/load-allow.csv")" -eq "$(grep -c ';[0-9]*;[a-z]*;[a-z_]*$' "$e2e/sipp/load.csv")" ] ||
  die "could not derive load-allow.csv"
/usr/bin/python3 "$e2e/e2e_tools.py" precheck "$build/module/scopegate.so" "$work/extra-user.conf" \
  "$e2e/sipp/load.csv" >/dev/null || die "extra-user.conf does not decide the load as the original does"

ctl=$work/ctl
k() { kamcmd -s "unix:$ctl" "$@"; }
start_kamailio() {  # start_kamailio scopegate|fixed|constant LOG
  local mode=$1 log=$2 extra=()
  case "$mode" in
    fixed) extra=(-A SG_FIXED); cp "$work/sg-fixed-table.cfg" "$work/sg-fixed.cfg" ;;
    constant) extra=(-A SG_FIXED); cp "$work/sg-fixed-constant.cfg" "$work/sg-fixed.cfg" ;;
  esac
  port=$($tools freeport)
  kamailio_start "$ctl" "$workers" "$log" \
    kamailio -f "$work/kamailio.cfg" -DD -E -n "$workers" -m 256 -M 16 -Y "$work" \
    -l "udp:127.0.0.1:$port" -A "SG_CONFIG=\"$work/scopegate.conf\"" -A "SG_CTL_SOCKET=\"unix:$ctl\"" \
    -L "$build/kamailio:/usr/lib/$multiarch/kamailio/modules" -A "SG_PLUGIN=\"$build/module/scopegate.so\"" \
    "${extra[@]}" || { tail -20 "$log"; die "kamailio ($mode) did not start"; }
}
workers_alive() {
  local p
  for p in $worker_pids; do kill -0 "$p" 2>/dev/null || return 1; done
}

# load_run NAME MODE RATE SECONDS: one Kamailio, one SIPp run, reloads every
# second (scopegate mode), the probe; writes $work/load-NAME.json.
load_run() {
  local name=$1 mode=$2 r=$3 secs=$4 dir="$work/run-$1" rc=0 calls sipp_rc=0 csv=$e2e/sipp/load.csv
  calls=$((r * secs))
  [ "$mode" = constant ] && csv=$work/load-allow.csv
  mkdir -p "$dir"
  install_conf "$work/original.conf"
  start_kamailio "$mode" "$dir/kamailio.log"
  if [ "$mode" = scopegate ]; then
    ( i=0
      while sleep 1 && [ "$i" -lt $((secs + 30)) ]; do
        i=$((i + 1))
        if [ $((i % 2)) -eq 1 ]; then install_conf "$work/extra-user.conf"; else install_conf "$work/original.conf"; fi
        k scopegate.reload >"$dir/reload-last.txt" 2>&1 || { echo "reload $i failed" >>"$dir/reload-errors"; }
        echo "$i" >"$dir/reloads"
      done ) &
    reload_pid=$!
  fi
  $tools probe 127.0.0.1 "$port" "$csv" "$secs" 100 "$dir/probe.json" >"$dir/probe.out" 2>&1 &
  probe_pid=$!
  $tools cpu $all_pids >"$dir/cpu-before.json"
  (cd "$dir" && exec sipp "127.0.0.1:$port" -sf "$e2e/sipp/invite.xml" -inf "$csv" \
     -m "$calls" -r "$r" -l $((r * 2)) -i 127.0.0.1 -p "$($tools freeport)" -nostdin -nd \
     -timeout "$((secs + 60))s" -trace_err -trace_stat -fd 1 -trace_rtt -rtt_freq 1000 \
     >sipp.out 2>&1) || sipp_rc=$?
  $tools cpu $all_pids >"$dir/cpu-after.json"
  wait "$probe_pid" || { fail "$name: probe: $(tail -2 "$dir/probe.out")"; rc=1; }
  probe_pid=""
  stop_pid "$reload_pid"; reload_pid=""
  [ "$sipp_rc" -eq 0 ] || { fail "$name: sipp exited $sipp_rc (failed or unexpected answers)"; rc=1; }
  $tools load-report "$name" "$dir/cpu-before.json" "$dir/cpu-after.json" "${worker_pids// /,}" \
    "$(ls "$dir"/*_.csv | head -1)" "$(ls "$dir"/*_rtt.csv | head -1)" "$dir/probe.json" \
    "$work/load-$name.json" | sed 's/^/[load] /' || rc=1
  workers_alive || { fail "$name: a SIP worker died"; rc=1; }
  if [ "$mode" = scopegate ]; then
    say "$name: scopegate.reload ran $(cat "$dir/reloads" 2>/dev/null || echo 0) times, $(cat "$dir/reload-errors" 2>/dev/null | wc -l) failed"
    [ ! -s "$dir/reload-errors" ] || { fail "$name: a reload failed"; rc=1; }
    k scopegate.info >"$dir/info.txt" 2>/dev/null
    grep -q 'last_reload_ok: 0' "$dir/info.txt" && { fail "$name: a process failed to reload"; rc=1; }
  fi
  stop_kamailio
  return $rc
}

say "kamailio $(kamailio -v | head -1 | cut -d' ' -f3), $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -1), $workers SIP workers, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order="scopegate fixed constant"; else order="constant fixed scopegate"; fi
  for mode in $order; do
    load_run "$mode-$round" "$mode" "$rate" "$duration" || true
  done
done
if [ "$rounds" -gt 0 ]; then  # SG_LOAD_ROUNDS=0: only the steps
sg_runs=$(ls "$work"/load-scopegate-*.json 2>/dev/null | paste -sd,)
fx_runs=$(ls "$work"/load-fixed-*.json 2>/dev/null | paste -sd,)
ct_runs=$(ls "$work"/load-constant-*.json 2>/dev/null | paste -sd,)
{
  echo "Load: $rate calls/s for $duration s, $workers SIP workers, scopegate.reload every second,"
  echo "$rounds round(s), medians; $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "load average before the run $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Against the fixed answer from a hash table (the same mixed answers, no scopegate):"
  echo
  $tools compare "$sg_runs" "$fx_runs" | sed 's/stand-in/fixed answer (table)/g'
  echo
  echo "Against a constant answer (every call allowed, no lookup at all; its calls all expect 200):"
  echo
  $tools compare "$sg_runs" "$ct_runs" | sed 's/stand-in/constant answer/g'
} | tee "$work/results.md"
for base in "$fx_runs" "$ct_runs"; do
  if ! $tools check-budget "$sg_runs" "$base" "$budget" | tee -a "$work/results.md"; then
    [ "${SG_LOAD_STRICT:-0}" = 1 ] && fail "scopegate exceeds a baseline by more than $budget %"
  fi
done
fi

# Step up: the highest rate with 0 failed calls (shorter runs).
best=""
for r in $steps; do
  failures_before=$failures
  achieved=0 retrans=0
  if load_run "step-$r" scopegate "$r" "$step_duration" >"$work/step-$r.out" 2>&1 &&
     ! grep -q FAIL "$work/step-$r.out"; then
    read -r achieved retrans < <(/usr/bin/python3 -c 'import json, sys
r = json.load(open(sys.argv[1])); print(int(r["achieved_cps"]), r["retransmissions"])' "$work/load-step-$r.json")
  fi
  # Sustained: 0 failed calls and the rate reached, within 10 % (the
  # elapsed time includes the last calls' answers; SIPp shares the CPUs and
  # falls behind before Kamailio fails).
  if [ "$achieved" -ge $((r * 90 / 100)) ]; then
    best=$r
    say "step $r calls/s: 0 failed calls, $achieved calls/s achieved, $retrans retransmissions"
  else
    say "step $r calls/s: $achieved calls/s achieved, or failed calls: the highest sustained rate is ${best:-below the first step}"
    grep FAIL "$work/step-$r.out" | head -3
    failures=$failures_before  # a step beyond the capacity is a finding, not a failure
    break
  fi
done
[ -z "$steps" ] || echo "highest rate with 0 failed calls: ${best:-none of the steps} calls/s (steps of $step_duration s)" | tee -a "$work/results.md"
[ -z "${SG_LOAD_RESULTS:-}" ] || cp "$work/results.md" "$SG_LOAD_RESULTS"
if [ "$failures" -ne 0 ]; then say "$failures check(s) failed"; exit 1; fi
say "all checks passed"
