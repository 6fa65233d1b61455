#!/usr/bin/env bash
# fetch-kamailio-source.sh [DIR] - the headers the scopegate Kamailio module
# is built against: Debian's kamailio source package, of the version apt
# would install as the kamailio binary package (so module_version and the
# compile flags match Debian's kamailio exactly).
#
# DIR (default /usr/src/scopegate-kamailio) receives:
#   kamailio-X.Y.Z/        the unpacked source (Debian's patches applied)
#   current -> kamailio-X.Y.Z
#   kamailio-cdefs.txt     the -D flags Debian's build passes to every module
#   kamailio-version.txt   the Debian version of the source ("5.6.3-2")
# Needs root when a deb-src line must be added or dpkg-dev installed.
# Idempotent: does nothing when DIR already holds the candidate version.
set -euo pipefail
dir=${1:-/usr/src/scopegate-kamailio}
export DEBIAN_FRONTEND=noninteractive
say() { printf '[kamailio-src] %s\n' "$*"; }

# apt-get source needs a deb-src line: the same mirrors as the deb lines.
have_deb_src() { grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; }
if ! have_deb_src; then
  src_list=/etc/apt/sources.list.d/scopegate-deb-src.sources
  say "adding deb-src lines ($src_list)"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && [ "$f" != "$src_list" ] && sed 's/^Types: *deb *$/Types: deb-src/' "$f"
    echo
  done >"$src_list"
  if [ -f /etc/apt/sources.list ]; then
    sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list >/etc/apt/sources.list.d/scopegate-deb-src.list
  fi
  apt-get update -q >/dev/null
fi
command -v dpkg-source >/dev/null || apt-get install -y -q --no-install-recommends dpkg-dev >/dev/null

version=$(apt-cache policy kamailio | sed -n 's/^ *Candidate: *//p')
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  apt-get update -q >/dev/null
  version=$(apt-cache policy kamailio | sed -n 's/^ *Candidate: *//p')
fi
[ -n "$version" ] && [ "$version" != "(none)" ] || { echo "no kamailio package known to apt" >&2; exit 1; }
if [ -f "$dir/kamailio-version.txt" ] && [ "$(cat "$dir/kamailio-version.txt")" = "$version" ] &&
   [ -f "$dir/kamailio-cdefs.txt" ] && [ -f "$dir/current/src/core/sr_module.h" ]; then
  say "kamailio $version source already in $dir"
  exit 0
fi
mkdir -p "$dir"
tmp=$(mktemp -d "$dir/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say "apt-get source kamailio=$version"
(cd "$tmp" && apt-get source -q "kamailio=$version" >/dev/null 2>&1) ||
  (cd "$tmp" && apt-get source -q "kamailio=$version")
upstream=${version%-*}; upstream=${upstream#*:}
[ -f "$tmp/kamailio-$upstream/src/core/sr_module.h" ] || { echo "unexpected source layout in $tmp" >&2; exit 1; }

# The defines of Debian's build (debian/rules: make cfg FLAVOUR=kamailio):
# printcdefs prints them; TLS_PTHREAD_MUTEX_SHARED comes with the pthread
# options Debian's build has (its libssl sets mutexes shared).
cdefs=$(make -s -C "$tmp/kamailio-$upstream/src" printcdefs FLAVOUR=kamailio prefix=/usr \
          LIBSSL_SET_MUTEX_SHARED=1 2>/dev/null | tail -n 1)
case "$cdefs" in (*-DNAME=*) ;; (*) echo "printcdefs gave no defines: $cdefs" >&2; exit 1 ;; esac
rm -rf "$dir/kamailio-$upstream"
mv "$tmp/kamailio-$upstream" "$dir/"
printf '%s -DKSR_PTHREAD_MUTEX_SHARED\n' "$cdefs" >"$dir/kamailio-cdefs.txt"
printf '%s\n' "$version" >"$dir/kamailio-version.txt"
ln -sfn "kamailio-$upstream" "$dir/current"
say "kamailio $version source in $dir/current"
