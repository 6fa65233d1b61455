#!/usr/bin/env bash
# Hardening checks, each in its own build directory under the repository:
#
#   asan   build-asan: everything with AddressSanitizer + UndefinedBehavior-
#          Sanitizer and -Werror; the whole ctest suite (but the package and
#          Kamailio end-to-end tests, which need an uninstrumented module in
#          foreign processes, the timing benchmarks, the check of the plain
#          module's NEEDED libraries, and the fork test: see step_asan).
#          LeakSanitizer checks every test program at exit, the leak check
#          (faults.leak_check) included.
#   tsan   build-tsan: ThreadSanitizer and -Werror; the tests labelled
#          "concurrency" (the engine's reload stress test, the fork and
#          reload-race tests).
#   fuzz   build-fuzz: clang + libFuzzer + ASan/UBSan; each fuzz target runs
#          for SG_FUZZ_SECONDS (default 60) from its seed corpus and
#          dictionary, two at a time. A crash fails the step; the input is
#          left in build-fuzz/artifacts/.
#   leak   build-hard: the module and the leak check without sanitizers, the
#          leak check under valgrind --leak-check=full --error-exitcode=1.
#          Not a default step: the main ctest run already has this test
#          (faults.leak_check.valgrind) whenever valgrind is installed.
#
# Usage: tests/ci/hardening.sh [STEP...]      (default: asan tsan fuzz)
# Environment: SG_JOBS (default 2), SG_FUZZ_SECONDS (default 60).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
jobs=${SG_JOBS:-2}
fuzz_seconds=${SG_FUZZ_SECONDS:-60}
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(asan tsan fuzz)
umask 022  # the configs the tests write must pass the config trust check

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

say() { printf '\n=== hardening: %s (%d s)\n' "$*" "$SECONDS"; }

configure() {  # DIR [cmake args...]
  local dir=$1
  shift
  cmake -S "$root" -B "$root/$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSG_BUILD_BENCH=OFF "$@" >/dev/null
}

# -O1, as the sanitizers recommend: it also builds faster than -O2.
sanitizer_flags=(-DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG")

step_asan() {
  say "AddressSanitizer + UndefinedBehaviorSanitizer, whole suite"
  configure build-asan -DSG_SANITIZE=address,undefined -DSG_WERROR=ON "${sanitizer_flags[@]}"
  cmake --build build-asan -j"$jobs"
  # abi.needed_libraries checks the plain build's NEEDED list (a sanitized
  # module also needs the sanitizer runtimes). The fork test runs in the
  # plain build and under ThreadSanitizer: gcc 12's AddressSanitizer runtime
  # has no fork handlers (LLVM added them in version 18), so a child can
  # inherit one of its locks held by another thread and hang, whatever the
  # code under test does.
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE 'package|e2e|bench' \
    -E '^(abi\.needed_libraries|faults\.ForkSafety\..*)$'
}

# The test programs whose tests carry the label "concurrency" (only they are
# built, to keep the run short): add a new one here.
tsan_targets=(test_registry sg_faults_concurrency)

step_tsan() {
  say "ThreadSanitizer, concurrency tests"
  configure build-tsan -DSG_SANITIZE=thread -DSG_WERROR=ON "${sanitizer_flags[@]}"
  cmake --build build-tsan -j"$jobs" --target scopegate_module "${tsan_targets[@]}"
  # Refuse to pass on no tests: the label must select something.
  local count
  count=$(ctest --test-dir build-tsan -N -L concurrency | sed -n 's/^Total Tests: //p')
  if [ "${count:-0}" -eq 0 ]; then
    echo "hardening: no test labelled concurrency" >&2
    return 1
  fi
  ctest --test-dir build-tsan --output-on-failure -j"$jobs" -L concurrency
  # Each of those programs whole, too, whatever its tests' labels say.
  local target bin
  for target in "${tsan_targets[@]}"; do
    bin=$(find build-tsan -type f -name "$target" -perm -u+x | head -1)
    if [ -z "$bin" ]; then
      echo "hardening: $target was not built" >&2
      return 1
    fi
    echo "tsan: $bin"
    "$bin" --gtest_brief=1
  done
}

# Runs one fuzz target for fuzz_seconds; its final stats go to
# build-fuzz/logs/NAME.log.
fuzz_one() {
  local name=$1
  local bin=build-fuzz/tests/fuzz/sg_fuzz_$name
  local work=build-fuzz/corpus/$name
  mkdir -p "$work" build-fuzz/artifacts build-fuzz/logs
  if "$bin" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -dict="tests/fuzz/dict/$name.dict" -artifact_prefix="build-fuzz/artifacts/$name-" \
      "$work" "tests/fuzz/corpus/$name" >"build-fuzz/logs/$name.log" 2>&1; then
    printf 'fuzz %-10s ok: %s\n' "$name" \
      "$(grep -a 'DONE' "build-fuzz/logs/$name.log" | tail -1 | tr -s ' \t' ' ')"
  else
    echo "fuzz $name FAILED; last lines of build-fuzz/logs/$name.log:"
    tail -40 "build-fuzz/logs/$name.log"
    echo "reproduce: $bin build-fuzz/artifacts/$name-*"
    return 1
  fi
}

step_fuzz() {
  say "libFuzzer targets, ${fuzz_seconds} s each"
  CC=clang CXX=clang++ configure build-fuzz -DSG_FUZZ=ON -DSG_WERROR=ON
  local targets=(config login dial feature batch_line)
  cmake --build build-fuzz -j"$jobs" --target "${targets[@]/#/sg_fuzz_}"
  local pids=() names=() failed=0 i
  for name in "${targets[@]}"; do
    fuzz_one "$name" &
    pids+=($!)
    names+=("$name")
    if [ ${#pids[@]} -ge "$jobs" ]; then
      wait "${pids[0]}" || failed=1
      pids=("${pids[@]:1}")
    fi
  done
  for i in "${pids[@]}"; do wait "$i" || failed=1; done
  return $failed
}

step_leak() {
  say "leak check under valgrind"
  if ! command -v valgrind >/dev/null; then
    echo "hardening: valgrind is not installed (apt-get install -y valgrind)" >&2
    return 1
  fi
  configure build-hard
  cmake --build build-hard -j"$jobs" --target scopegate_module sg_leak_check
  ctest --test-dir build-hard --output-on-failure -R '^faults\.leak_check'
}

for step in "${steps[@]}"; do
  case $step in
    asan | tsan | fuzz | leak) "step_$step" ;;
    *)
      echo "hardening: unknown step '$step' (asan tsan fuzz leak)" >&2
      exit 2
      ;;
  esac
done
say "all passed: ${steps[*]}"
