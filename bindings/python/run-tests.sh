#!/usr/bin/env bash
# run-tests.sh PLUGIN [pytest args...] - the Python binding's tests against
# the plugin at PLUGIN. pytest's exit 5 (no test collected) is a failure
# here: the tests exist, so collecting none means they were lost.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 PLUGIN [pytest args...]" >&2; exit 2; }
export SCOPEGATE_MODULE=$1
shift
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONDONTWRITEBYTECODE=1
py=${SG_PYTHON:-/usr/bin/python3}
"$py" -m pytest -q -p no:cacheprovider "$here/tests" "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "run-tests.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
