#!/usr/bin/env bash
# The main job: set up, build, and decide the example requests against the
# example config through the real module, printing one result a request.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup-debian.sh >/dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target scopegate_cli scopegate_module >/dev/null
# Show each request beside its result.
grep -vE '^[[:space:]]*(#|$)' conf/examples/requests.txt >build/requests.active
build/tools/scopegate -c conf/examples/scopegate.conf batch <build/requests.active >build/results.txt || status=$?
paste -d '\t' build/results.txt build/requests.active | awk -F'\t' '{ printf "%-26s %s\n", $1, $2 }'
exit "${status:-0}"
