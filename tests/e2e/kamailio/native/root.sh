# root.sh - sourced by run.sh: a throwaway Debian 12 root with the built
# packages installed by apt (and with them Debian's kamailio), as an
# operator installs them. Sets root and mounts (run.sh's cleanup undoes them).
#
# The minimal root is debootstrapped once from this machine's Debian mirror
# and cached in $SG_CI_CACHE (/var/cache/scopegate-ci), as the package test
# does; a root that test cached is used as it is.

native_mirror() {  # the machine's mirror for bookworm (deb822 or one-line sources)
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '/^[ \t]*$/ { if (u && ok && t) { print u; exit } u=""; ok=0; t=0; next }
      /^Types:/ { for (i = 2; i <= NF; i++) if ($i == "deb") t=1 }
      /^URIs:/ { u=$2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") ok=1 }
      END { if (u && ok && t) print u }' "$f" | head -n 1)
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  uri=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  echo "${uri:-http://deb.debian.org/debian}"
}

make_root() {  # make_root DEBS_DIR
  local debs=$1 cache=${SG_CI_CACHE:-/var/cache/scopegate-ci} arch mirror tarball
  arch=$(dpkg --print-architecture)
  mirror=$(native_mirror)
  tarball=$(ls -t "$cache"/bookworm-"$arch"-*.tar.zst 2>/dev/null | head -n 1)
  root=$(mktemp -d /tmp/sg-native-root.XXXXXX) && chmod 755 "$root"
  if [ -n "$tarball" ] || [ -f "$cache/native-bookworm-$arch.tar.zst" ]; then
    tarball=${tarball:-$cache/native-bookworm-$arch.tar.zst}
    say "root from the cache: $tarball"
    tar -C "$root" --zstd -xf "$tarball" || return 1
  else
    command -v debootstrap >/dev/null && command -v zstd >/dev/null ||
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap zstd >/dev/null || return 1
    say "debootstrap bookworm from $mirror (cached afterwards)"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
      { tail -20 "$work/debootstrap.log"; return 1; }
    chroot "$root" apt-get clean
    mkdir -p "$cache"
    (cd "$root" && tar -cf - --one-file-system . | zstd -q -T2 -3 -o "$cache/native.tmp") &&
      mv "$cache/native.tmp" "$cache/native-bookworm-$arch.tar.zst"
  fi
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  printf 'deb %s bookworm main\n' "$mirror" >"$root/etc/apt/sources.list"
  # No service starts inside the root (kamailio's postinst would start one).
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
  mount -t proc proc "$root/proc" && mounts+=("$root/proc") || return 1
  mount --bind /dev "$root/dev" && mounts+=("$root/dev") || return 1
  mkdir -p "$root/tmp/debs"
  cp "$debs"/scopegate_*.deb "$debs"/scopegate-kamailio_*.deb "$debs"/python3-scopegate_*.deb "$root/tmp/debs/" || return 1
  say "apt-get install the packages (and Debian's kamailio) in the root"
  chroot "$root" apt-get -q update >"$work/apt.log" 2>&1 || { tail -5 "$work/apt.log"; return 1; }
  local f inside=()
  for f in "$root"/tmp/debs/*.deb; do inside+=("/tmp/debs/${f##*/}"); done
  chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${inside[@]}" kamailio-python3-modules >>"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; return 1; }
  chroot "$root" dpkg-query -W scopegate scopegate-kamailio python3-scopegate kamailio
}
