#!/usr/bin/env bash
# Installs what building and testing scopegate needs on Debian 12 (as root).
# Idempotent: packages already present are left alone.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake ninja-build pkg-config git
  libconfig++-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev llvm valgrind python3
  python3-pytest dpkg-dev
  kamailio kamailio-python3-modules sip-tester
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# On a machine with systemd the kamailio package starts its own Kamailio
# (the stock config on port 5060); the tests start theirs.
if command -v systemctl >/dev/null && systemctl is-active --quiet kamailio 2>/dev/null; then
  systemctl stop kamailio || true
fi
# The Kamailio module is built against Debian's Kamailio source of the
# installed version (apt-get source; see kamailio/README.md).
bash "$(dirname "$0")/../kamailio/fetch-kamailio-source.sh"
