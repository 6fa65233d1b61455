#!/bin/sh
# Builds and runs every benchmark at full size, one after the other, and
# keeps their output in BUILD_DIR/bench-results/. Each program ends with a
# table of its targets (measured, limit, PASS/MISS).
#
#   bench/run_all.sh [BUILD_DIR]        (default: build-bench)
#
# The first run generates the configs (100,000 and 1,000,000 users) under
# BUILD_DIR/bench-data/ (about 75 MB); later runs reuse them.
set -eu
build=${1:-build-bench}
results="$build/bench-results"
mkdir -p "$results"
cmake --build "$build" -j2 --target bench_all

{
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:  $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "nproc:   $(nproc)"
  echo "cpu:     $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "loadavg: $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
} | tee "$results/machine.txt"

run() {  # OUTPUT PROGRAM [ARGS...]
  out=$1
  name=$2
  shift 2
  echo
  echo "== $out"
  "$build/bench/$name" "$@" 2>&1 | tee "$results/$out.txt"
}

# Decisions: medians of 9 interleaved repetitions, so baseline and module
# runs share whatever else the machine is doing. Thread scaling: its own
# run, already a median of back-to-back pairs.
run bench_decisions bench_decisions --benchmark_filter='^BM_' --benchmark_repetitions=9 \
  --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true
run bench_scaling bench_decisions --benchmark_filter=paired_scaling
run bench_alloc bench_alloc
run bench_load bench_load
run bench_reload bench_reload
run bench_batch bench_batch
run bench_publication bench_publication --benchmark_min_time=0.5
echo
echo "loadavg after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/machine.txt"
echo
echo "== every target"
grep -h -E ' (PASS|MISS|\(for reference\))$|^allocations during' "$results"/bench_*.txt | tee "$results/summary.txt"
