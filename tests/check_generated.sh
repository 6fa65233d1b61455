#!/usr/bin/env bash
# Fails when a committed generated file is stale: regenerates each into a
# scratch directory and compares. To refresh them, see CONTRIBUTING.md.
#   tests/golden/feature.table       tests/golden/gen_feature_table.py
#   tests/fuzz/corpus/*/seed-*       tests/fuzz/make_seeds.py
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
stale=0

python3 "$root/tests/golden/gen_feature_table.py" >"$scratch/feature.table"
if ! cmp -s "$scratch/feature.table" "$root/tests/golden/feature.table"; then
  echo "stale: tests/golden/feature.table (python3 tests/golden/gen_feature_table.py > tests/golden/feature.table)"
  stale=1
fi

python3 "$root/tests/fuzz/make_seeds.py" --out "$scratch/corpus"
for dir in "$scratch"/corpus/*/; do
  target=$(basename "$dir")
  committed=$root/tests/fuzz/corpus/$target
  if ! diff <(cd "$dir" && ls) <(cd "$committed" && ls seed-* 2>/dev/null) >/dev/null; then
    echo "stale: the seed files of tests/fuzz/corpus/$target (python3 tests/fuzz/make_seeds.py)"
    stale=1
    continue
  fi
  for file in "$dir"/*; do
    cmp -s "$file" "$committed/$(basename "$file")" ||
      { echo "stale: tests/fuzz/corpus/$target/$(basename "$file") (python3 tests/fuzz/make_seeds.py)"; stale=1; }
  done
done
[ "$stale" = 0 ] && echo "generated files are current"
exit "$stale"
