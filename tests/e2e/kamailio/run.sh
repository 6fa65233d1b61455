#!/usr/bin/env bash
# Kamailio loads scopegate.so, SIPp drives real SIP traffic through it.
#
#   tests/e2e/kamailio/run.sh [PATH/TO/scopegate.so]
#
# The module: the argument, else $SCOPEGATE_MODULE, else <repo>/build/module/scopegate.so.
# Installs what it needs with apt-get (kamailio, kamailio-python3-modules,
# sip-tester), starts Kamailio on a free port of 127.0.0.1, and checks (the
# routing in Python, asking scopegate through the Python binding,
# bindings/python; the native kamailio.cfg suite is native/run.sh):
#   2. REGISTER (login, sip_device) and INVITE (dial) answers, exact code,
#      verdict and reason, for every row of sipp/register.csv and sipp/calls.csv;
#   3. a reload through kamcmd takes effect in every worker without a restart,
#      a broken config leaves the last good one in force, and reverting works;
#   4. a load run: SIPp at $SG_E2E_RATE calls/s (2000) for $SG_E2E_DURATION s
#      (20) of the mixed INVITEs of sipp/load.csv while the config is reloaded
#      every second: no failed call, no unexpected answer, no worker lost;
#   5. the same load with the stand-in decider (a Python table, no module),
#      and a comparison of worker CPU per call and response times.
# Exits non-zero on any mismatch. Stops everything it started, by pid.
#
# Environment: SG_E2E_RATE, SG_E2E_DURATION, SG_E2E_WORKERS (4),
# SG_E2E_ROUNDS (1: load runs per decider, alternating; medians compared),
# SG_E2E_SKIP_LOAD=1 (functional checks only), SG_E2E_PERF_STRICT=1 (fail when
# scopegate exceeds the stand-in by more than 25 %), SG_E2E_KEEP=1 (keep the
# scratch folder), SG_E2E_RESULTS=FILE (write the comparison table there).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
module=${1:-${SCOPEGATE_MODULE:-$repo/build/module/scopegate.so}}
rate=${SG_E2E_RATE:-2000}
duration=${SG_E2E_DURATION:-20}
workers=${SG_E2E_WORKERS:-4}

say() { printf '[e2e] %s\n' "$*"; }
fail() { printf '[e2e] FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
die() { printf '[e2e] FATAL: %s\n' "$*" >&2; exit 1; }
failures=0

# ---------------------------------------------------------------- install
need_install=()
{ command -v kamailio && command -v kamcmd; } >/dev/null || need_install+=(kamailio)
compgen -G "/usr/lib/*/kamailio/modules/app_python3.so" >/dev/null || need_install+=(kamailio-python3-modules)
command -v sipp >/dev/null || need_install+=(sip-tester)
[ -x /usr/bin/python3 ] || need_install+=(python3)
command -v cc >/dev/null || need_install+=(gcc libc6-dev)
if [ ${#need_install[@]} -gt 0 ]; then
  say "installing ${need_install[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_install[@]}" >/dev/null
  # On a machine with systemd the package starts its own Kamailio (the stock
  # config on port 5060): this test did that, so it stops it again.
  if command -v systemctl >/dev/null && systemctl is-active --quiet kamailio 2>/dev/null; then
    systemctl stop kamailio || true
  fi
fi
py=/usr/bin/python3
tools="$py $here/e2e_tools.py"

[ -f "$module" ] || die "no module at $module (build it: cmake --build <dir> --target scopegate_module)"
# A sanitizer build of the module cannot be loaded into Kamailio's Python
# (the sanitizer runtime must come first in the process): nothing to test.
if readelf -d "$module" 2>/dev/null | grep -qE 'NEEDED.*lib(a|t|ub)san'; then
  say "SKIP: $module is a sanitizer build; the end-to-end test needs a plain build"
  exit 77
fi
module=$(cd "$(dirname "$module")" && pwd)/$(basename "$module")
say "module $module"
say "kamailio $(kamailio -v | head -1 | cut -d' ' -f2-), $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -1)"

# ---------------------------------------------------------------- scratch, cleanup
work=$(mktemp -d /tmp/sg-e2e-XXXXXX)
kam_pid=""
reload_pid=""
probe_pid=""
sipp_pid=""
# shellcheck source=kamailio-proc.sh
. "$here/kamailio-proc.sh"
cleanup() {
  local rc=$?
  stop_pid "$sipp_pid"
  stop_pid "$probe_pid"
  stop_pid "$reload_pid"
  stop_kamailio
  if [ "$rc" -ne 0 ] || [ "${SG_E2E_KEEP:-0}" = 1 ]; then
    say "scratch folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The binding (its ctypes mirror of the header is checked by its own tests).
export PYTHONPATH="$repo/bindings/python${PYTHONPATH:+:$PYTHONPATH}"

# ---------------------------------------------------------------- config
conf="$work/scopegate.conf"
cp "$here/scopegate-e2e.conf" "$conf"
cp "$here/scopegate-e2e.conf" "$work/original.conf"
# The same config with queue 8002's agent 161 also an agent of 8001.
sed 's/agents = \[ "160" \]/agents = [ "160", "161" ]/' "$work/original.conf" > "$work/agent161.conf"
grep -q '"160", "161"' "$work/agent161.conf" || die "could not derive agent161.conf"
# The same decisions with one more user: what the load run swaps in and out.
sed 's|^\(      { id = "170";.*\)$|\1\n      { id = "199"; scope = "basic_user"; site = "Branch"; },|' \
  "$work/original.conf" > "$work/extra-user.conf"
grep -q '"199"' "$work/extra-user.conf" || die "could not derive extra-user.conf"
# A config that does not load: an unknown scope.
sed 's/{ id = "102"; scope = "basic_user"/{ id = "102"; scope = "admin"/' "$work/original.conf" > "$work/broken.conf"
grep -q '"admin"' "$work/broken.conf" || die "could not derive broken.conf"
install_conf() { cp "$1" "$conf.new" && mv "$conf.new" "$conf"; }  # atomic swap

$tools precheck "$module" "$conf" "$here/sipp/register.csv" "$here/sipp/calls.csv" \
  "$here/sipp/load.csv" || die "the module's decisions differ from what the SIPp files expect"
$tools precheck "$module" "$work/extra-user.conf" "$here/sipp/load.csv" ||
  die "extra-user.conf does not decide the load as the original does"

# ---------------------------------------------------------------- Kamailio
ctl="unix:$work/kamailio_ctl"
kamcmd_() { kamcmd -s "$ctl" "$@"; }
reload_counter=0
bump_reload() {  # every worker calls reload() before its next decision
  reload_counter=$((reload_counter + 1))
  kamcmd_ pv.shvSet sg_reload int "$reload_counter" >/dev/null
}

start_kamailio() {  # start_kamailio DECIDER LOG [WORKERS]: 0 once every SIP worker serves
  local decider=$1 log=$2 n=${3:-$workers}
  kam_port=$($tools freeport)
  rm -f "$work/kamailio_rpc.fifo"
  kamailio_start "$work/kamailio_ctl" "$n" "$log" \
    env SCOPEGATE_DECIDER="$decider" SCOPEGATE_MODULE="$module" SCOPEGATE_CONFIG="$conf" \
    SCOPEGATE_STANDIN_TABLE="$work/standin.csv" \
    kamailio -f "$here/kamailio.cfg" -DD -E -n "$n" -m 64 -M 16 -Y "$work" \
    -l "udp:127.0.0.1:$kam_port" -A "SG_KEMI_SCRIPT=\"$here/scopegate_kemi.py\"" \
    -A "SG_CTL_SOCKET=\"$ctl\"" -A "SG_RPC_FIFO=\"$work/kamailio_rpc.fifo\""
}
serve_kamailio() {  # serve_kamailio DECIDER LOG: start_kamailio, or stop the test
  start_kamailio "$1" "$2" || { tail -20 "$2" >&2; die "kamailio ($1) did not start"; }
  reload_counter=$(kamcmd_ pv.shvGet sg_reload | awk '/value:/ {print $2}')
  say "kamailio ($1) pid $kam_pid on 127.0.0.1:$kam_port, SIP workers $worker_pids"
}

workers_alive() {  # every SIP worker of this run still there
  local p
  kill -0 "$kam_pid" 2>/dev/null || return 1
  for p in $worker_pids; do kill -0 "$p" 2>/dev/null || return 1; done
}

sipp_run() {  # sipp_run NAME SCENARIO CSV CALLS RATE [extra sipp args...]
  local name=$1 scenario=$2 csv=$3 calls=$4 rate_=$5
  shift 5
  local dir="$work/sipp-$name" rc=0
  mkdir -p "$dir"
  local sipp_port
  sipp_port=$($tools freeport)
  (cd "$dir" && exec sipp "127.0.0.1:$kam_port" -sf "$scenario" -inf "$csv" -m "$calls" -r "$rate_" \
     -i 127.0.0.1 -p "$sipp_port" -nostdin -nd -timeout "$((duration + 60))s" \
     -trace_err -trace_screen -trace_logs -trace_stat -fd 1 "$@" >sipp.out 2>&1) &
  sipp_pid=$!
  wait "$sipp_pid" || rc=$?
  sipp_pid=""
  if [ "$rc" -ne 0 ]; then
    fail "sipp $name exited $rc"
    grep -h MISMATCH "$dir"/*_logs.log 2>/dev/null | head -20 >&2 || true
    grep -h -A3 -E 'Aborting|unexpected' "$dir"/*_errors.log 2>/dev/null | head -40 >&2 || true
    grep -h -E 'Successful call|Failed call' "$dir"/*_screen.log 2>/dev/null | tail -2 >&2 || true
    return 1
  fi
  local ok
  ok=$(grep -h 'Successful call' "$dir"/*_screen.log | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  if [ "$ok" != "$calls" ]; then
    fail "sipp $name: $ok successful calls of $calls"
    return 1
  fi
  say "sipp $name: $calls of $calls calls answered as expected"
}

rows() { grep -v -e '^#' -e '^SEQUENTIAL$' -e '^$' "$1" | wc -l; }

# ---------------------------------------------------------------- 2. functional
# A config that does not load keeps Kamailio from starting, and says why.
install_conf "$work/broken.conf"
if start_kamailio scopegate "$work/kamailio-broken.log" 1; then
  fail "kamailio started with a config that does not load"
  stop_kamailio
elif [ -n "$kam_pid" ]; then
  fail "kamailio with a config that does not load neither exited nor came up"
  stop_kamailio
else
  grep -qE "scopegate: open $conf failed: $conf:[0-9]+(:[0-9]+)?: error: unknown scope 'admin'" "$work/kamailio-broken.log" ||
    fail "kamailio refused the broken config without naming file, line and error"
  say "kamailio refuses to start on a config that does not load"
fi
install_conf "$work/original.conf"

serve_kamailio scopegate "$work/kamailio-scopegate.log"
grep -q 'scopegate .*loaded' "$work/kamailio-scopegate.log" || fail "no startup line from the KEMI script"

sipp_run register "$here/sipp/register.xml" "$here/sipp/register.csv" "$(rows "$here/sipp/register.csv")" 20 || true
sipp_run calls "$here/sipp/invite.xml" "$here/sipp/calls.csv" "$(rows "$here/sipp/calls.csv")" 20 || true

# ---------------------------------------------------------------- 3. reload through kamcmd
# Enough calls per step that every worker answers some of them.
repeat_rows() {  # repeat_rows OUT N ROW...
  local out=$1 n=$2 i
  shift 2
  echo SEQUENTIAL >"$out"
  for i in $(seq "$n"); do printf '%s\n' "$@" >>"$out"; done
}
steps=$((workers * 4))
repeat_rows "$work/reload-before.csv" "$steps" "161;acme.example;*718001;403;deny;out_of_reach" \
  "160;acme.example;*718001;200;allow;ok"
repeat_rows "$work/reload-after.csv" "$steps" "161;acme.example;*718001;200;allow;ok" \
  "160;acme.example;*718001;200;allow;ok"

# A worker reloads when it next decides. One that got none of the calls
# of reload-applied would read the broken config installed after it, fail,
# and keep the original (its last good config): 161 denied, a flaky FAIL.
# So the files change again only once every SIP worker has reloaded. At
# 50 calls/s one or two workers take every call; a burst keeps several
# busy at once, which spreads the calls over them.
reloaded_since() {  # reloaded_since LINE: every SIP worker logged a reload after LINE
  local p
  for p in $worker_pids; do
    # grep -c reads to the end: grep -q could leave tail a SIGPIPE, which pipefail reports
    [ "$(tail -n +"$(($1 + 1))" "$work/kamailio-scopegate.log" | grep -c "($p) .*scopegate: reloaded")" -gt 0 ] ||
      return 1
  done
}
mark=$(wc -l <"$work/kamailio-scopegate.log")
install_conf "$work/agent161.conf"
bump_reload
sipp_run reload-applied "$here/sipp/invite.xml" "$work/reload-after.csv" $((steps * 2)) 50 || true
sync_rounds=0
while ! reloaded_since "$mark" && [ "$sync_rounds" -lt 20 ]; do
  sync_rounds=$((sync_rounds + 1))
  sipp_run "sync-$sync_rounds" "$here/sipp/invite.xml" "$work/reload-after.csv" $((steps * 2)) 2000 >/dev/null || true
done
reloaded_since "$mark" && say "every SIP worker reloaded ($sync_rounds extra bursts of $((steps * 2)) calls)" ||
  fail "not every SIP worker reloaded after $sync_rounds extra bursts"

install_conf "$work/broken.conf"
bump_reload
sipp_run reload-broken-keeps-last-good "$here/sipp/invite.xml" "$work/reload-after.csv" $((steps * 2)) 50 || true
grep -q "reload of $conf failed.*unknown scope\|reload of $conf failed.*admin" "$work/kamailio-scopegate.log" ||
  { fail "the failed reload was not logged with the config error"; grep 'reload of' "$work/kamailio-scopegate.log" | tail -3 >&2 || true; }

install_conf "$work/original.conf"
bump_reload
sipp_run reload-reverted "$here/sipp/invite.xml" "$work/reload-before.csv" $((steps * 2)) 50 || true
workers_alive || fail "a Kamailio process died during the functional checks"

# ---------------------------------------------------------------- 4./5. load
load_run() {  # load_run NAME
  local name=$1 calls=$((rate * duration)) rc=0
  local dir="$work/sipp-load-$name"
  mkdir -p "$dir"
  # Reload every second, swapping between two configs that decide alike.
  (
    i=0
    while sleep 1; do
      i=$((i + 1))
      if [ $((i % 2)) -eq 1 ]; then src="$work/extra-user.conf"; else src="$work/original.conf"; fi
      install_conf "$src"
      kamcmd -s "$ctl" pv.shvSet sg_reload int $((reload_counter + i)) >/dev/null || exit 1
      echo "$i" >"$dir/reloads"
    done
  ) &
  reload_pid=$!
  # The probe: one INVITE at a time beside the load, microsecond response times.
  $tools probe 127.0.0.1 "$kam_port" "$here/sipp/load.csv" "$duration" 100 "$dir/probe.json" \
    >"$dir/probe.out" 2>&1 &
  probe_pid=$!
  $tools cpu $all_pids >"$dir/cpu-before.json"
  sipp_run "load-$name" "$here/sipp/invite.xml" "$here/sipp/load.csv" "$calls" "$rate" \
    -l $((rate * 2)) -trace_rtt -rtt_freq 1000 || rc=1
  $tools cpu $all_pids >"$dir/cpu-after.json"
  wait "$probe_pid" || { fail "probe ($name): $(tail -3 "$dir/probe.out")"; rc=1; }
  probe_pid=""
  stop_pid "$reload_pid"
  reload_pid=""
  cat "$dir/probe.out"
  say "load ($name): config reloaded $(cat "$dir/reloads" 2>/dev/null || echo 0) times during the run"
  $tools load-report "$name" "$dir/cpu-before.json" "$dir/cpu-after.json" "${worker_pids// /,}" \
    "$(ls "$dir"/*_.csv | head -1)" "$(ls "$dir"/*_rtt.csv | head -1)" "$dir/probe.json" \
    "$work/load-$name.json" || rc=1
  workers_alive || { fail "a Kamailio process died during the load ($name)"; rc=1; }
  return $rc
}

stop_kamailio

# Each load run gets a fresh Kamailio. With SG_E2E_ROUNDS > 1 the two
# deciders alternate (scopegate first in odd rounds, the stand-in first in
# even ones) and the comparison takes the median of each measure.
rounds=${SG_E2E_ROUNDS:-1}
# the stand-in answers from the injection files themselves
grep -h -v -e '^#' -e '^SEQUENTIAL$' "$here/sipp/load.csv" "$here/sipp/calls.csv" >"$work/standin.csv"

load_scopegate() {  # load_scopegate ROUND
  local log="$work/kamailio-load-scopegate-$1.log" p n
  serve_kamailio scopegate "$log"
  local mark
  mark=$(wc -l <"$log")
  load_run "scopegate-$1" || fail "load run with scopegate (round $1)"
  # every SIP worker reloaded during the load, and no reload failed
  for p in $worker_pids; do
    n=$(tail -n +"$mark" "$log" | grep -c "($p) .*scopegate: reloaded" || true)
    if [ "$n" -lt $((duration / 2)) ]; then
      fail "SIP worker $p reloaded $n times during the load, want >= $((duration / 2))"
    fi
  done
  if tail -n +"$mark" "$log" | grep -E 'reload of .* failed|scopegate: [A-Za-z]*Error|500 Server'; then
    fail "errors in the Kamailio log during the load"
  fi
  stop_kamailio
}
load_standin() {  # load_standin ROUND
  serve_kamailio standin "$work/kamailio-load-standin-$1.log"
  load_run "standin-$1" || fail "load run with the stand-in (round $1)"
  stop_kamailio
}

if [ "${SG_E2E_SKIP_LOAD:-0}" != 1 ]; then
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then
      load_scopegate "$round"; load_standin "$round"
    else
      load_standin "$round"; load_scopegate "$round"
    fi
  done
  sg_runs=$(ls "$work"/load-scopegate-*.json 2>/dev/null | paste -sd, || true)
  si_runs=$(ls "$work"/load-standin-*.json 2>/dev/null | paste -sd, || true)
  if [ -n "$sg_runs" ] && [ -n "$si_runs" ]; then
    {
      echo "Load: $rate calls/s for $duration s, $workers SIP workers, config reloaded every second,"
      echo "$rounds round(s), median of the rounds; $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
      echo "$(kamailio -v | head -1 | cut -d' ' -f2- | sed 's/ *$//'), $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -1)"
      echo
      $tools compare "$sg_runs" "$si_runs"
    } | tee "$work/results.md"
    [ -z "${SG_E2E_RESULTS:-}" ] || cp "$work/results.md" "$SG_E2E_RESULTS"
    if ! $tools check-budget "$sg_runs" "$si_runs" 25; then
      if [ "${SG_E2E_PERF_STRICT:-0}" = 1 ]; then fail "scopegate exceeds the stand-in by more than 25 %"; fi
    fi
  fi
fi

if [ "$failures" -ne 0 ]; then
  say "$failures check(s) failed"
  exit 1
fi
say "all checks passed"
