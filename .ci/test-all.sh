#!/usr/bin/env bash
# Every test: set up, build, run the whole ctest suite (unit, ABI, golden
# tables, broken configs, CLI, fuzz corpora replay, faults, benchmarks smoke,
# packages, Kamailio end to end), then the hardening runs (sanitizers,
# fuzzing, leak check). Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash .ci/setup-debian.sh
# One tree, built as Release (-O3: gcc warns there about things it does not
# see at -O2) with warnings as errors, and every test run on it. (The
# packages are built by build-packages.sh, with Debian's flags.)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSG_WERROR=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j2 -LE 'package|e2e'
ctest --test-dir build --output-on-failure -L 'package|e2e'
if [ -f tests/ci/hardening.sh ]; then
  bash tests/ci/hardening.sh
fi
echo "all tests passed in $((SECONDS - start)) s"
