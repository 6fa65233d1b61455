#!/usr/bin/env bash
# The native end-to-end test: Kamailio routes with plain kamailio.cfg and
# the scopegate Kamailio module; SIPp drives real SIP through it.
#
#   run.sh --debs DIR      the packages in DIR (scopegate, scopegate-kamailio,
#                          python3-scopegate; built there first when missing)
#                          installed with apt into a throwaway Debian 12 root
#                          (chroot); Kamailio runs there with the module's
#                          default paths
#   run.sh --build DIR     the modules of a build tree (quicker, for development)
#
# Checks, each a PASS or FAIL line:
#   1. a config that does not load stops Kamailio's start, every diagnostic
#      (FILE:LINE) in its log;
#   2. REGISTER (digest-authenticated, sg_login($au, $ar, "sip_device")),
#      INVITE (sg_dial: numbers, feature codes, emergency numbers from
#      disabled, unknown and system callers) and MESSAGE (sg_feature with
#      TARGET and options words, bad words included): exact answer for every
#      row of the injection files; the cfg also checks that the return code
#      and $sg(verdict) agree;
#   3. kamcmd scopegate.reload with a good config (generation 2, every SIP
#      worker decides on it and reports the revision the reload checked)
#      and a broken one (fault 500 with every diagnostic, nothing changes);
#      scopegate.info;
#   4. scopegate.stats and stats.get_statistics scopegate: count exactly
#      what SIPp sent; scopegate.explain;
#   5. KEMI: the same INVITE and MESSAGE answers from a Python KEMI script
#      calling KSR.scopegate.sg_dial / sg_feature / sg_feature_opts;
#   6. (--debs) the installed python3-scopegate decides.
# Uses 127.0.0.1 only; stops everything it started, by pid. Exit 0 all
# passed, 1 a check failed, 77 skipped (not root in --debs mode).
set -uo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
e2e=$(cd "$here/.." && pwd)
mode=${1:-}; src=${2:-}
case "$mode" in (--debs|--build) [ -d "$src" ] || { echo "run.sh: no folder $src" >&2; exit 2; } ;;
  (*) echo "usage: run.sh --debs DIR | --build BUILD_DIR" >&2; exit 2 ;; esac
src=$(cd "$src" && pwd)
workers=4
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)

say() { printf '[native] %s\n' "$*"; }
passed=0 failed=0
pass() { passed=$((passed + 1)); printf 'PASS  %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$*"; }
die() { printf '[native] FATAL: %s\n' "$*" >&2; exit 1; }

for tool in sipp kamcmd; do
  command -v "$tool" >/dev/null || die "$tool missing (.ci/setup-debian.sh installs sip-tester and kamailio)"
done

# ---------------------------------------------------------------- cleanup
work=$(mktemp -d /tmp/sg-native-XXXXXX)
root="" mounts=() kam_pid=""
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
stop_kamailio() {
  [ -n "$kam_pid" ] || return 0
  local children
  children=$(pgrep -P "$kam_pid" 2>/dev/null || true)
  stop_pid "$kam_pid"
  for c in $children; do kill -0 "$c" 2>/dev/null && kill -9 "$c" 2>/dev/null; done
  kam_pid=""
}
cleanup() {
  local rc=$? i
  stop_kamailio
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}"; done
  if [ -n "$root" ] && ! grep -qs " $root/" /proc/self/mounts; then rm -rf --one-file-system "$root"; fi
  if [ "$rc" -ne 0 ] || [ "${SG_E2E_KEEP:-0}" = 1 ]; then say "scratch folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- where Kamailio runs
# run [CMD...]: in the throwaway root (--debs) or here (--build). kdir is
# the scratch folder as Kamailio sees it, hdir the same folder from here.
if [ "$mode" = --debs ]; then
  [ "$(id -u)" = 0 ] || { say "SKIP: --debs needs root (chroot, mount)"; exit 77; }
  if ! ls "$src"/scopegate-kamailio_*.deb >/dev/null 2>&1; then
    say "no packages in $src: building them (packaging/build-packages.sh --only deb)"
    "$e2e/../../../packaging/build-packages.sh" --only deb "$work/debs" >"$work/build-packages.log" 2>&1 ||
      { tail -30 "$work/build-packages.log"; die "build-packages.sh failed"; }
    src=$work/debs
  fi
  # shellcheck source=native/root.sh
  . "$here/root.sh"
  make_root "$src" || die "could not make the throwaway root"
  run() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
  kdir=/tmp/e2e
  hdir=$root$kdir
  mkdir -p "$hdir"
  kam_args=()  # the package's defaults: the module in Kamailio's folder, the plugin installed
else
  run() { "$@"; }
  kdir=$work/k hdir=$work/k
  mkdir -p "$hdir"
  [ -f "$src/kamailio/scopegate.so" ] || die "no $src/kamailio/scopegate.so (configure with the Kamailio source)"
  kam_args=(-L "$src/kamailio:/usr/lib/$multiarch/kamailio/modules" -A "SG_PLUGIN=\"$src/module/scopegate.so\"")
fi
chmod 755 "$hdir"
say "kamailio $(run kamailio -v | head -1 | cut -d' ' -f2-), $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -1), mode $mode"

# ---------------------------------------------------------------- configs
conf=$kdir/scopegate.conf hconf=$hdir/scopegate.conf
# log.audit on: every denial is a log line, which must reach Kamailio's log.
sed 's/audit = false;/audit = true;/' "$e2e/scopegate-e2e.conf" >"$hdir/original.conf"
grep -q 'audit = true;' "$hdir/original.conf" || die "cannot turn log.audit on"
sed 's/agents = \[ "160" \]/agents = [ "160", "161" ]/' "$hdir/original.conf" >"$hdir/agent161.conf"
sed -e 's/{ id = "102"; scope = "basic_user"/{ id = "102"; scope = "admin"/' \
    -e 's/{ id = "160"; scope = "call_center_agent"/{ id = "160"; scope = "boss"/' \
    "$hdir/original.conf" >"$hdir/broken.conf"
grep -q '"admin"' "$hdir/broken.conf" && grep -q '"161" \]' "$hdir/agent161.conf" || die "cannot derive the configs"
install_conf() { cp "$hdir/$1" "$hconf.new" && chmod 644 "$hconf.new" && mv "$hconf.new" "$hconf"; }
cp "$here/kamailio.cfg" "$here/kemi.cfg" "$here/kemi_route.py" "$hdir/"
freeport() { python3 "$e2e/e2e_tools.py" freeport; }

# ---------------------------------------------------------------- Kamailio
ctl=$hdir/ctl
k() { kamcmd -s "unix:$ctl" "$@"; }
start_kamailio() {  # start_kamailio LOG [CFG [extra kamailio args...]]
  local log=$1 cfg=${2:-kamailio.cfg} i
  shift; [ $# -gt 0 ] && shift
  port=$(freeport)
  rm -f "$ctl"
  run kamailio -f "$kdir/$cfg" -DD -E -n "$workers" -m 64 -M 16 -Y "$kdir" \
    -l "udp:127.0.0.1:$port" -A "SG_CONFIG=\"$conf\"" -A "SG_CTL_SOCKET=\"unix:$kdir/ctl\"" \
    "${kam_args[@]}" "$@" >"$log" 2>&1 &
  kam_pid=$!
  for i in $(seq 150); do
    kill -0 "$kam_pid" 2>/dev/null || return 1
    if [ -S "$ctl" ] && k core.psx >"$work/psx.txt" 2>/dev/null &&
       [ "$(grep -c 'udp receiver' "$work/psx.txt")" -eq "$workers" ]; then
      worker_pids=$(grep -B1 'udp receiver' "$work/psx.txt" | awk '/PID:/ {print $2}')
      return 0
    fi
    sleep 0.1
  done
  return 1
}

rows() { grep -v -e '^#' -e '^SEQUENTIAL$' -e '^$' "$1" | wc -l; }
sipp_run() {  # sipp_run NAME SCENARIO CSV [CALLS [RATE]]
  local name=$1 scenario=$2 csv=$3 calls=${4:-$(rows "$3")} rate=${5:-50} dir="$work/sipp-$1" ok
  mkdir -p "$dir"
  (cd "$dir" && exec sipp "127.0.0.1:$port" -sf "$scenario" -inf "$csv" -m "$calls" -r "$rate" \
     -i 127.0.0.1 -p "$(freeport)" -nostdin -nd -timeout 60s -trace_err -trace_screen \
     -trace_logs >sipp.out 2>&1)
  ok=$(grep -h 'Successful call' "$dir"/*_screen.log 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  if [ "$ok" = "$calls" ]; then
    pass "sipp $name: $calls of $calls answered as expected"
  else
    fail "sipp $name: ${ok:-0} of $calls answered as expected"
    grep -h MISMATCH "$dir"/*_logs.log 2>/dev/null | head -10
    tail -5 "$dir/sipp.out"
  fi
}
repeat_rows() {  # repeat_rows OUT N ROW...: N times the rows, for every worker to see some
  local out=$1 n=$2 i
  shift 2
  echo SEQUENTIAL >"$out"
  for i in $(seq "$n"); do printf '%s\n' "$@" >>"$out"; done
}

# ---------------------------------------------------------------- 1. start-up
install_conf broken.conf
if start_kamailio "$work/kamailio-broken.log"; then
  fail "Kamailio started with a config that does not load"
  stop_kamailio
else
  wait "$kam_pid" 2>/dev/null; kam_pid=""
  if grep -qE "$conf:[0-9]+(:[0-9]+)?: (error: )?unknown scope 'admin'" "$work/kamailio-broken.log" &&
     grep -qE "$conf:[0-9]+(:[0-9]+)?: (error: )?unknown scope 'boss'" "$work/kamailio-broken.log"; then
    pass "a config that does not load stops Kamailio, both diagnostics in its log"
  else
    fail "Kamailio refused the broken config without every FILE:LINE diagnostic"
    tail -20 "$work/kamailio-broken.log"
  fi
fi

# ---------------------------------------------------------------- 2. SIP
install_conf original.conf
start_kamailio "$work/kamailio.log" || { tail -30 "$work/kamailio.log"; die "Kamailio did not start"; }
say "kamailio pid $kam_pid on 127.0.0.1:$port, SIP workers $(echo $worker_pids)"
grep -q 'scopegate plugin .* loaded' "$work/kamailio.log" && pass "the module loaded the plugin (log through LM_*)" ||
  fail "no plugin line in Kamailio's log"
if [ "$mode" = --debs ]; then
  grep -q "plugin /usr/lib/$multiarch/scopegate/scopegate.so" "$work/kamailio.log" &&
    pass "the packaged plugin from the module's default path" || fail "not the default plugin path"
fi

sipp_run register "$here/sipp/register-auth.xml" "$here/sipp/register.csv"
sipp_run calls "$e2e/sipp/invite.xml" "$e2e/sipp/calls.csv"
sipp_run feature "$here/sipp/message.xml" "$here/sipp/feature.csv"

if grep -q 'INFO: scopegate .*EMERGENCY dial emergency user=103@acme.example destination=911' "$work/kamailio.log" &&
   grep -q 'INFO: scopegate .*deny dial disabled_user user=103@acme.example destination=102' "$work/kamailio.log"; then
  pass "the plugin's audit and emergency lines are in Kamailio's log (LM_INFO)"
else
  fail "no audit or emergency line of the plugin in Kamailio's log"
fi

# ---------------------------------------------------------------- 3. reload
steps=$((workers * 4))
repeat_rows "$work/after.csv" "$steps" "161;acme.example;*718001;200;allow;ok" "160;acme.example;*718001;200;allow;ok"
install_conf agent161.conf
if k scopegate.reload >"$work/reload.txt" 2>&1 && grep -q 'generation: 2' "$work/reload.txt"; then
  pass "scopegate.reload of a good config: generation 2"
else
  fail "scopegate.reload of a good config: $(cat "$work/reload.txt")"
fi
sipp_run reload-applied "$e2e/sipp/invite.xml" "$work/after.csv"
# A worker reads the files when it next decides: one that saw no request
# yet would read the broken config installed next. So, as the README tells
# operators, the files change again only once every worker is at the new
# generation (scopegate.info); the kernel spreads requests over the workers
# as they wait: at a low rate one or two workers take every request, so a
# round is a burst that keeps several busy at once.
repeat_rows "$work/sync.csv" $((workers * 25)) "160;acme.example;*718001;200;allow;ok"
sync_rounds=0
workers_at() {  # workers_at GEN: every SIP worker reports generation GEN
  local p
  k scopegate.info >"$work/info.txt" || return 1
  for p in $worker_pids; do
    grep -A2 "pid: $p\$" "$work/info.txt" | grep -q "generation: $1\$" || return 1
  done
}
while ! workers_at 2 && [ "$sync_rounds" -lt 20 ]; do
  sync_rounds=$((sync_rounds + 1))
  passed_before=$passed
  sipp_run "sync-$sync_rounds" "$e2e/sipp/invite.xml" "$work/sync.csv" "" 2000 >/dev/null
  passed=$passed_before  # a round is not a check of its own; a failed one still fails
done
workers_at 2 && pass "every SIP worker at generation 2 ($sync_rounds extra bursts of $((workers * 25)) calls)" ||
  fail "SIP workers not at generation 2 after $sync_rounds rounds: $(tr '\n' ' ' <"$work/info.txt" | head -c 600)"
# One revision everywhere: each worker's row says the content revision of
# the config the reload checked (16 hex digits, in the reload's answer).
checked_revision=$(sed -n 's/^[[:space:]]*revision: \([0-9a-f]\{16\}\)$/\1/p' "$work/reload.txt")
row_of() {  # row_of PID: that process's struct in info.txt
  awk -v want="pid: $1" '$0 ~ want"$" { on = 1 } on { print } on && /}/ { exit }' "$work/info.txt"
}
workers_on_revision() {  # workers_on_revision REV: every SIP worker reports REV
  local p
  [ -n "$1" ] || return 1
  for p in $worker_pids; do row_of "$p" | grep -q "revision: $1\$" || return 1; done
}
workers_on_revision "$checked_revision" && pass "every SIP worker on the checked revision $checked_revision" ||
  fail "SIP workers not on revision '$checked_revision': $(tr '\n' ' ' <"$work/info.txt" | head -c 600)"
install_conf broken.conf
k scopegate.reload >"$work/reload-broken.txt" 2>&1
if grep -q '^error: 500' "$work/reload-broken.txt" &&
   grep -qE "$conf:[0-9]+(:[0-9]+)?: error: unknown scope 'admin'" "$work/reload-broken.txt" &&
   grep -qE "$conf:[0-9]+(:[0-9]+)?: error: unknown scope 'boss'" "$work/reload-broken.txt" &&
   ! grep -q 'error: error:' "$work/reload-broken.txt"; then
  pass "scopegate.reload of a broken config: fault 500 with every diagnostic"
else
  fail "scopegate.reload of a broken config: $(cat "$work/reload-broken.txt")"
fi
sipp_run reload-broken-changes-nothing "$e2e/sipp/invite.xml" "$work/after.csv"
if workers_at 2 && ! grep -q 'last_reload_ok: 0' "$work/info.txt" &&
   workers_on_revision "$checked_revision" &&
   [ "$(grep -c 'pid:' "$work/info.txt")" -gt "$workers" ]; then
  pass "scopegate.info: $(grep -c 'pid:' "$work/info.txt") processes, the SIP workers still at generation 2 and its revision"
else
  fail "scopegate.info after the broken reload: $(tr '\n' ' ' <"$work/info.txt" | head -c 600)"
fi
install_conf original.conf

# ---------------------------------------------------------------- 4. stats, explain
k scopegate.stats >"$work/stats.txt" 2>&1
k stats.get_statistics scopegate: >"$work/getstats.txt" 2>&1
if python3 "$here/stats_check.py" "$work/stats.txt" "$work/getstats.txt" \
     "login:$here/sipp/register.csv" "dial:$e2e/sipp/calls.csv" "feature:$here/sipp/feature.csv" \
     "dial:$work/after.csv:2" "dial:$work/sync.csv:$sync_rounds"; then
  pass "scopegate.stats and stats.get_statistics count what SIPp sent"
else
  fail "scopegate.stats differ from what SIPp sent"
fi
k scopegate.explain feature 150@acme.example monitor.listen user:161 >"$work/explain.txt" 2>&1
if grep -q 'verdict: deny' "$work/explain.txt" && grep -q 'reason: out_of_reach' "$work/explain.txt" &&
   [ "$(grep -c . "$work/explain.txt")" -gt 5 ]; then
  pass "scopegate.explain: deny out_of_reach, explained"
else
  fail "scopegate.explain: $(cat "$work/explain.txt")"
fi
k scopegate.explain dial 101@acme.example >"$work/explain-bad.txt" 2>&1
grep -q 'bad_request' "$work/explain-bad.txt" && pass "scopegate.explain with a missing word: bad_request" ||
  fail "scopegate.explain with a missing word: $(cat "$work/explain-bad.txt")"

alive=1
for p in $worker_pids; do kill -0 "$p" 2>/dev/null || alive=0; done
[ "$alive" = 1 ] && pass "no SIP worker lost" || fail "a SIP worker died"
if grep -E 'CRITICAL|segfault|core dumped' "$work/kamailio.log"; then fail "crash lines in Kamailio's log"; fi
stop_kamailio

# ---------------------------------------------------------------- 5. KEMI
# The same answers through KSR.scopegate.* from a Python KEMI script.
if start_kamailio "$work/kamailio-kemi.log" kemi.cfg -A "SG_KEMI_SCRIPT=\"$kdir/kemi_route.py\""; then
  sipp_run kemi-calls "$e2e/sipp/invite.xml" "$e2e/sipp/calls.csv"
  sipp_run kemi-feature "$here/sipp/message.xml" "$here/sipp/feature.csv"
  stop_kamailio
else
  fail "Kamailio with the KEMI script did not start"; tail -20 "$work/kamailio-kemi.log"
fi

if [ "$mode" = --debs ]; then
  # The Python binding as installed (python3-scopegate), on the installed plugin.
  got=$(run python3 -c 'import scopegate, sys
with scopegate.open(sys.argv[1]) as h:
    print(h.dial("101", "acme.example", "102").verdict, h.dial("103", "acme.example", "911").reason)' "$conf" 2>&1)
  [ "$got" = "allow emergency" ] && pass "python3-scopegate decides with the installed plugin" ||
    fail "python3-scopegate: $got"
fi


echo "native e2e ($mode): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
