# shellcheck shell=bash
# kamailio-proc.sh - sourced by the run.sh scripts of tests/e2e/kamailio:
# start Kamailio and wait until it serves, stop it again. Safe under set -e.
#
# A Kamailio that forked is not yet a Kamailio that answers: its SIP
# workers run child_init (where the scopegate module opens its handle)
# after the fork. Only when the ctl socket lists every SIP worker does a
# test send SIP to it.

# stop_pid PID: TERM, up to 5 s to exit, then KILL.
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# stop_kamailio: the Kamailio of kamailio_start and any child the main
# process left behind.
stop_kamailio() {
  [ -n "${kam_pid:-}" ] || return 0
  local children c
  children=$(pgrep -P "$kam_pid" 2>/dev/null || true)
  stop_pid "$kam_pid"
  for c in $children; do kill -0 "$c" 2>/dev/null && kill -9 "$c" 2>/dev/null || true; done
  kam_pid=""
}

# kamailio_start CTL WORKERS LOG COMMAND...: run COMMAND (a kamailio command
# line, or a function or env that ends in one; it must put its binrpc ctl
# socket at the path CTL) in the background, its output in LOG, and wait up
# to $SG_KAMAILIO_START_WAIT seconds (15) until `kamcmd core.psx` on CTL
# lists WORKERS SIP workers ("udp receiver"). Sets kam_pid, and on success
# worker_pids and all_pids (space-separated); the last process list is in
# CTL.psx. Returns 1 when Kamailio exited (kam_pid is then empty) or did
# not come up in time (still running: stop_kamailio).
# shellcheck disable=SC2034  # worker_pids and all_pids are for the caller
kamailio_start() {
  local ctl=$1 workers=$2 log=$3 i tries
  shift 3
  tries=$((${SG_KAMAILIO_START_WAIT:-15} * 10))
  worker_pids="" all_pids=""
  rm -f "$ctl"
  "$@" >"$log" 2>&1 &
  kam_pid=$!
  for ((i = 0; i < tries; i++)); do
    if ! kill -0 "$kam_pid" 2>/dev/null; then
      wait "$kam_pid" 2>/dev/null || true
      kam_pid=""
      return 1
    fi
    if [ -S "$ctl" ] && kamcmd -s "unix:$ctl" core.psx >"$ctl.psx" 2>/dev/null &&
       [ "$(grep -c 'udp receiver' "$ctl.psx")" -eq "$workers" ]; then
      worker_pids=$(grep -B1 'udp receiver' "$ctl.psx" | awk '/PID:/ {print $2}' | paste -sd' ')
      all_pids=$(awk '/PID:/ {print $2}' "$ctl.psx" | paste -sd' ')
      return 0
    fi
    sleep 0.1
  done
  return 1
}
