#!/usr/bin/env bash
# run.sh [--reuse] OUTDIR - the package test (issue 3, item 3).
#
# Builds the packages with packaging/build-packages.sh into OUTDIR/packages,
# and a second set one release higher into OUTDIR/upgrade, then:
#   - checks what the .debs contain (paths, conffiles, no SONAME, docs);
#   - makes a throwaway Debian 12 root with debootstrap (from this machine's
#     Debian mirror; the bootstrapped root is cached in $SG_CI_CACHE, by
#     default /var/cache/scopegate-ci, so a second run is fast) and, with the
#     real dpkg and apt inside it (chroot): installs the .debs with their
#     dependencies, runs `scopegate check` on the shipped config and
#     `scopegate batch` of conf/examples/requests.txt through the installed
#     module, builds two host programs against scopegate-dev (pkg-config and
#     find_package) that dlopen the installed module and decide, edits
#     /etc/scopegate/scopegate.conf and upgrades (the edit must survive),
#     removes (/etc stays) and purges (/etc goes);
#   - installs the .rpms into a throwaway `rpm --root` and checks their file
#     list, config flags and requirements.
# Prints PASS or FAIL per step and exits 1 when any step failed, 77 when not
# run as root (ctest counts that as skipped). Needs root, network access to
# the Debian mirror, and a few minutes.
#
# --reuse: use the packages already in OUTDIR instead of building them.
# No pipefail: `producer | grep -q` must not fail when grep stops reading early.
set -u

reuse=0
[ "${1:-}" = --reuse ] && { reuse=1; shift; }
[ $# -eq 1 ] || { echo "usage: $0 [--reuse] OUTDIR" >&2; exit 2; }
if [ "$(id -u)" != 0 ]; then echo "run.sh: needs root (debootstrap, chroot, mount): skipped"; exit 77; fi

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
cache=${SG_CI_CACHE:-/var/cache/scopegate-ci}
suite=bookworm
arch=$(dpkg --print-architecture)
started=$(date +%s)

passed=0 failed=0 failed_names=()
logdir="$out/test-logs"
rm -rf "$logdir" && mkdir -p "$logdir"

# step NAME FUNCTION: run FUNCTION, its output to a log (shown on failure).
# A step fails when FUNCTION returns non-zero or called fail at any point.
step_failed=0
step() {
  local name=$1 fn=$2 t0=$SECONDS log="$logdir/$(printf '%02d' $((passed + failed + 1)))-$2.log"
  step_failed=0
  if "$fn" >"$log" 2>&1 && [ "$step_failed" = 0 ]; then
    passed=$((passed + 1)); printf 'PASS  %-58s %4ss\n' "$name" $((SECONDS - t0))
  else
    failed=$((failed + 1)); failed_names+=("$name")
    printf 'FAIL  %-58s %4ss\n' "$name" $((SECONDS - t0))
    sed 's/^/      | /' "$log" | tail -n 40
  fi
}
fail() { echo "FAILED: $*"; step_failed=1; return 1; }
# must CMD...: run it, echoing it first; its failure fails the step.
must() { echo "+ $*"; "$@" || fail "$* (exit $?)"; }

# --- tools on the machine that runs the test --------------------------------
install_tools() {
  local need=() p
  for p in debootstrap zstd rpm cpio; do
    [ "$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || need+=("$p")
  done
  [ ${#need[@]} -eq 0 ] && { echo "all present"; return 0; }
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -q install "${need[@]}" ||
    { apt-get -o DPkg::Lock::Timeout=600 -q update &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -q install "${need[@]}"; }
}

# --- the packages ---------------------------------------------------------------
pkg=$out/packages
next=$out/upgrade
version=$(sed -n 's/^project(scopegate VERSION \([0-9][0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
deb1="$pkg/scopegate_${version}-1_$arch.deb"
dev1="$pkg/scopegate-dev_${version}-1_$arch.deb"
deb2="$next/scopegate_${version}-2_$arch.deb"
dev2="$next/scopegate-dev_${version}-2_$arch.deb"

build_packages() {
  if [ "$reuse" = 1 ] && [ -f "$deb1" ] && ls "$pkg"/scopegate-"$version"-1.*.rpm >/dev/null 2>&1; then
    echo "reusing $pkg"; return 0
  fi
  rm -rf "$pkg" && must "$src/packaging/build-packages.sh" "$pkg"
}
build_upgrade_packages() {
  if [ "$reuse" = 1 ] && [ -f "$deb2" ]; then echo "reusing $next"; return 0; fi
  rm -rf "$next" && must "$src/packaging/build-packages.sh" --release 2 --only deb "$next"
}

# --- what the .debs hold ----------------------------------------------------------
has_path() {  # LISTING PATH
  grep -Eq "^[^ ]+ [^ ]+ +[0-9]+ [^ ]+ [^ ]+ \./${2#/}( |\$)" "$1" || fail "${2} is not in the package"
}
deb_contents() {
  local list="$logdir/scopegate.contents" dlist="$logdir/scopegate-dev.contents" f
  dpkg-deb -c "$deb1" > "$list" || fail "dpkg-deb -c $deb1"
  dpkg-deb -c "$dev1" > "$dlist" || fail "dpkg-deb -c $dev1"
  cat "$list" "$dlist"
  for f in /usr/bin/scopegate "/usr/lib/$multiarch/scopegate/scopegate.so" \
           /etc/scopegate/scopegate.conf /etc/scopegate/policy.conf \
           /etc/scopegate/domains.d/example.conf.sample \
           /usr/share/doc/scopegate/copyright /usr/share/doc/scopegate/changelog.gz \
           /usr/share/man/man1/scopegate.1.gz /usr/share/man/man5/scopegate.conf.5.gz \
           /usr/share/bash-completion/completions/scopegate; do
    has_path "$list" "$f" || return 1
  done
  for f in /usr/include/scopegate/scopegate.h "/usr/lib/$multiarch/pkgconfig/scopegate.pc" \
           "/usr/lib/$multiarch/cmake/scopegate/scopegateConfig.cmake" \
           "/usr/lib/$multiarch/cmake/scopegate/scopegateConfigVersion.cmake"; do
    has_path "$dlist" "$f" || return 1
  done
  # A plugin: one regular file in its directory, no symlinks, no SONAME.
  grep "usr/lib/$multiarch/scopegate/" "$list" | grep -v '/$' | grep -q '^l' && fail "symlink in the module directory"
  [ "$(grep -c "usr/lib/$multiarch/scopegate/." "$list")" = 1 ] || fail "module directory holds more than scopegate.so"
  local tmp; tmp=$(mktemp -d /tmp/pkg-contents.XXXXXX)
  dpkg-deb -x "$deb1" "$tmp/root" && dpkg-deb -e "$deb1" "$tmp/ctrl" || { rm -rf "$tmp"; fail "unpack"; }
  if readelf -d "$tmp/root/usr/lib/$multiarch/scopegate/scopegate.so" | grep -q SONAME; then
    rm -rf "$tmp"; fail "scopegate.so has a SONAME"
  fi
  echo "--- conffiles"; cat "$tmp/ctrl/conffiles"
  local want
  want=$(printf '%s\n' /etc/scopegate/domains.d/example.conf.sample /etc/scopegate/policy.conf /etc/scopegate/scopegate.conf)
  [ "$(sort "$tmp/ctrl/conffiles")" = "$want" ] || { rm -rf "$tmp"; fail "conffiles are not the three /etc files"; }
  # The hosts: the Kamailio module (exact kamailio version) and the Python binding.
  local kam py
  kam=$(ls "$pkg"/scopegate-kamailio_"${version}"-1_"$arch".deb 2>/dev/null)
  py=$(ls "$pkg"/python3-scopegate_"${version}"-1_all.deb 2>/dev/null)
  [ -n "$kam" ] && [ -n "$py" ] || { rm -rf "$tmp"; fail "scopegate-kamailio or python3-scopegate missing"; }
  dpkg-deb -c "$kam" > "$logdir/scopegate-kamailio.contents"
  dpkg-deb -c "$py" > "$logdir/python3-scopegate.contents"
  has_path "$logdir/scopegate-kamailio.contents" "/usr/lib/$multiarch/kamailio/modules/scopegate.so" || return 1
  has_path "$logdir/scopegate-kamailio.contents" /usr/share/doc/scopegate-kamailio/scopegate-kamailio.cfg || return 1
  has_path "$logdir/python3-scopegate.contents" /usr/lib/python3/dist-packages/scopegate/__init__.py || return 1
  has_path "$logdir/python3-scopegate.contents" /usr/lib/python3/dist-packages/scopegate/py.typed || return 1
  echo "--- scopegate-kamailio Depends"; dpkg-deb -f "$kam" Depends
  dpkg-deb -f "$kam" Depends | grep -Eq "kamailio \(= [0-9][^)]*\)" || { rm -rf "$tmp"; fail "scopegate-kamailio does not depend on an exact kamailio version"; }
  dpkg-deb -f "$kam" Depends | grep -q "scopegate (= ${version}-1)" || { rm -rf "$tmp"; fail "scopegate-kamailio does not depend on scopegate"; }
  [ "$(dpkg-deb -f "$py" Architecture)" = all ] || { rm -rf "$tmp"; fail "python3-scopegate is not Architecture: all"; }
  echo "--- scopegate-dev Depends"; dpkg-deb -f "$dev1" Depends
  dpkg-deb -f "$dev1" Depends | grep -q "scopegate (= ${version}-1)" || { rm -rf "$tmp"; fail "scopegate-dev does not depend on scopegate (= ${version}-1)"; }
  rm -rf "$tmp"
}

# --- the throwaway Debian root ------------------------------------------------
# The machine's own Debian mirror: the first source for the plain suite.
debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk -v s="$suite" '
      /^[ \t]*$/ { if (u && ok) { print u; exit } u=""; ok=0; next }
      /^URIs:/ { u=$2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok=1 }
      END { if (u && ok) print u }' "$f" | head -n 1)
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk -v s="$suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) while ($i !~ /\]$/) i++; if ($2 ~ /^\[/) i++;
          if ($(i + 1) == s) { print $i; exit } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  echo http://deb.debian.org/debian
}

root=
rpm_root=
mounts=()
cleanup_root() {
  local m i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}"; done
  mounts=()
  if [ -n "$root" ] && [ -d "$root" ]; then
    # Never delete through a mount that is still there.
    if grep -qs " $root/" /proc/self/mounts; then echo "run.sh: $root still has mounts; left in place" >&2
    else rm -rf --one-file-system "$root"; fi
  fi
  [ -z "$rpm_root" ] || rm -rf "$rpm_root"
}
trap cleanup_root EXIT

# The toolchain a host developer has (for the two host programs) is part of
# the cached root; what scopegate needs at run time is not: apt brings it.
root_packages=gcc,libc6-dev,make,cmake,pkgconf,ca-certificates
make_root() {
  local mirror key tarball
  mirror=$(debian_mirror)
  key=$(printf '%s %s %s %s' "$suite" "$arch" "$mirror" "$root_packages" | sha256sum | cut -c1-12)
  tarball="$cache/$suite-$arch-$key.tar.zst"
  mkdir -p "$cache"
  root=$(mktemp -d /tmp/pkg-root.XXXXXX) && chmod 755 "$root"
  if [ -f "$tarball" ]; then
    echo "root from the cache: $tarball"
    must tar -C "$root" --zstd -xf "$tarball" || return 1
  else
    echo "debootstrap $suite from $mirror (cached afterwards in $tarball)"
    must debootstrap --variant=minbase --include="$root_packages" "$suite" "$root" "$mirror" || return 1
    in_root apt-get clean
    (cd "$root" && tar -cf - --one-file-system . | zstd -q -T2 -3 -o "$tarball.tmp") &&
      mv "$tarball.tmp" "$tarball" || fail "cannot write $tarball"
  fi
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  printf 'deb %s %s main\n' "$mirror" "$suite" > "$root/etc/apt/sources.list"
  must mount -t proc proc "$root/proc" && mounts+=("$root/proc")
  mkdir -p "$root/tmp/debs" "$root/tmp/debs-next" "$root/tmp/examples" "$root/tmp/host"
  cp "$deb1" "$dev1" "$root/tmp/debs/" && cp "$deb2" "$dev2" "$root/tmp/debs-next/" || fail "copy .debs"
  cp -a "$src/conf/examples/." "$root/tmp/examples/" && cp "$here/host/host.c" "$here/host/CMakeLists.txt" "$root/tmp/host/" ||
    fail "copy test files"
  in_root apt-get -q update
}
in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@" </dev/null
}
# in_root_sh 'shell text': run it in the root, echoing it first.
in_root_sh() { echo "+ (root) $1"; in_root /bin/sh -c "$1"; }
have_root() { [ -n "$root" ] && [ -x "$root/usr/bin/apt-get" ] || fail "no root (an earlier step failed)"; }

# --- steps in the root --------------------------------------------------------
apt_install() {
  have_root || return 1
  in_root_sh "apt-get install -y -q /tmp/debs/$(basename "$deb1") /tmp/debs/$(basename "$dev1")" || fail "apt-get install"
  in_root_sh "dpkg-query -W -f '\${Package} \${Version} \${Status}\n' scopegate scopegate-dev libconfig++9v5" || fail "dpkg-query"
  [ "$(in_root dpkg-query -W -f '${Version} ${Status}' scopegate)" = "${version}-1 install ok installed" ] || fail "scopegate not installed"
  [ "$(in_root dpkg-query -W -f '${Status}' libconfig++9v5)" = "install ok installed" ] || fail "the libconfig++ dependency was not installed"
  in_root_sh "ls -l /usr/bin/scopegate /usr/lib/$multiarch/scopegate/ /etc/scopegate /etc/scopegate/domains.d" || fail "installed files"
}

shipped_check() {
  have_root || return 1
  in_root_sh "scopegate --version" || fail "scopegate --version"
  in_root_sh "scopegate check" || fail "scopegate check on the shipped /etc/scopegate/scopegate.conf"
  # Real decisions on the shipped config (no domains yet): emergency numbers
  # for anyone, every login denied.
  local got
  got=$(in_root scopegate dial 101@acme.example 911); echo "dial 911: $got"
  [ "$got" = "allow emergency" ] || fail "dial 911 on the shipped config gave '$got'"
  got=$(in_root scopegate login 101@acme.example portal); echo "login: $got (exit $?)"
  [ "$got" = "deny unknown_user" ] || fail "login on the shipped config gave '$got'"
  # The CLI's default module is the installed one: hide it and it must fail.
  local so="/usr/lib/$multiarch/scopegate/scopegate.so"
  in_root mv "$so" "$so.hidden" || fail "hide module"
  in_root scopegate check; local rc=$?
  in_root mv "$so.hidden" "$so" || fail "restore module"
  echo "scopegate check without the installed module: exit $rc"
  [ "$rc" = 2 ] || fail "scopegate check without the installed module exited $rc, not 2"
}

example_batch() {
  have_root || return 1
  local requests="$src/conf/examples/requests.txt"
  [ -f "$requests" ] || fail "conf/examples/requests.txt does not exist"
  cp "$requests" "$root/tmp/requests.txt"
  in_root_sh "scopegate -c /tmp/examples/scopegate.conf check" || fail "scopegate check on the example config"
  echo "+ (root) scopegate -c /tmp/examples/scopegate.conf batch < /tmp/requests.txt"
  in_root /bin/sh -c 'scopegate -c /tmp/examples/scopegate.conf batch < /tmp/requests.txt' > "$logdir/batch.out"
  local rc=$? want got
  paste -d'|' <(grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$requests") "$logdir/batch.out" | sed 's/|/  =>  /'
  want=$(grep -cv -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$requests")
  got=$(wc -l < "$logdir/batch.out")
  echo "batch: exit $rc, $want requests, $got answers"
  [ "$want" -gt 0 ] && [ "$want" = "$got" ] || fail "$want requests but $got answers"
  grep -Evq '^(allow|deny|error) [a-z_]+$' "$logdir/batch.out" && fail "an answer is not 'VERDICT REASON'"
  grep -q '^allow ' "$logdir/batch.out" && grep -q '^deny ' "$logdir/batch.out" || fail "no allow or no deny among the answers"
  if grep -q '^error ' "$logdir/batch.out"; then [ "$rc" = 2 ] || fail "an error line but exit $rc"; else [ "$rc" = 0 ] || fail "batch exited $rc"; fi
  # The reviewed answers of the CLI tests: the installed module must give
  # exactly those.
  local golden="$src/tests/cli/golden/requests.out"
  [ -f "$golden" ] || fail "${golden#"$src/"} does not exist"
  diff -u "$golden" "$logdir/batch.out" || fail "answers differ from ${golden#"$src/"}"
  echo "answers match ${golden#"$src/"}"
}

host_pkgconfig() {
  have_root || return 1
  local dir
  dir=$(in_root pkg-config --variable=moduledir scopegate); echo "moduledir: $dir"
  [ "$dir" = "/usr/lib/$multiarch/scopegate" ] || fail "pkg-config moduledir is '$dir'"
  in_root_sh 'cd /tmp/host && gcc -std=c99 -pedantic -Wall -Wextra -Werror $(pkg-config --cflags scopegate) -DSCOPEGATE_MODULE="\"$(pkg-config --variable=moduledir scopegate)/scopegate.so\"" host.c -o host_pc -ldl' ||
    fail "compile with pkg-config"
  in_root_sh '/tmp/host/host_pc /tmp/examples/scopegate.conf' || fail "host_pc"
}

host_cmake() {
  have_root || return 1
  in_root_sh 'cmake -S /tmp/host -B /tmp/host-build' || fail "cmake configure with find_package(scopegate)"
  in_root_sh 'cmake --build /tmp/host-build' || fail "cmake build"
  in_root_sh '/tmp/host-build/host_cmake /tmp/examples/scopegate.conf' || fail "host_cmake"
}

marker="# local edit kept across upgrades"
upgrade_keeps_edit() {
  have_root || return 1
  in_root_sh "sed -i 's/level = \"info\"/level = \"warn\"/' /etc/scopegate/scopegate.conf && echo '$marker' >> /etc/scopegate/scopegate.conf" ||
    fail "edit"
  grep -q 'level = "warn"' "$root/etc/scopegate/scopegate.conf" || fail "the edit did not apply"
  in_root_sh "apt-get install -y -q /tmp/debs-next/$(basename "$deb2") /tmp/debs-next/$(basename "$dev2")" || fail "upgrade"
  [ "$(in_root dpkg-query -W -f '${Version} ${Status}' scopegate)" = "${version}-2 install ok installed" ] ||
    fail "scopegate ${version}-2 is not installed"
  in_root_sh "dpkg-query -W scopegate scopegate-dev; tail -n 3 /etc/scopegate/scopegate.conf; ls -A /etc/scopegate"
  grep -qxF "$marker" "$root/etc/scopegate/scopegate.conf" && grep -q 'level = "warn"' "$root/etc/scopegate/scopegate.conf" ||
    fail "the edit to /etc/scopegate/scopegate.conf did not survive the upgrade"
  ls "$root"/etc/scopegate/*.dpkg-* 2>/dev/null && fail "dpkg left .dpkg-* files"
  in_root_sh "scopegate check" || fail "scopegate check after the upgrade"
}

remove_keeps_etc() {
  have_root || return 1
  in_root_sh "apt-get remove -y -q scopegate-dev scopegate" || fail "apt-get remove"
  [ "$(in_root dpkg-query -W -f '${Status}' scopegate)" = "deinstall ok config-files" ] || fail "scopegate is not in config-files state"
  [ ! -e "$root/usr/bin/scopegate" ] && [ ! -e "$root/usr/lib/$multiarch/scopegate/scopegate.so" ] || fail "program files left after remove"
  in_root_sh "ls -lR /etc/scopegate" || fail "/etc/scopegate is gone after remove"
  grep -qxF "$marker" "$root/etc/scopegate/scopegate.conf" || fail "the edited config is gone after remove"
}

purge_removes_etc() {
  have_root || return 1
  in_root_sh "apt-get purge -y -q scopegate" || fail "apt-get purge"
  [ ! -e "$root/etc/scopegate" ] || { ls -lR "$root/etc/scopegate"; fail "/etc/scopegate is still there after purge"; }
  in_root dpkg-query -W scopegate 2>/dev/null && fail "dpkg still knows scopegate"
  echo "/etc/scopegate is gone; dpkg no longer lists scopegate"
}

# --- the .rpm -----------------------------------------------------------------
rpm_inspect() {
  local main devel srpm
  main=$(ls "$pkg"/scopegate-"$version"-1.*.rpm | grep -v '\.src\.rpm$')
  devel=$(ls "$pkg"/scopegate-devel-"$version"-1.*.rpm)
  srpm=$(ls "$pkg"/scopegate-"$version"-1.src.rpm)
  [ -f "$main" ] && [ -f "$devel" ] && [ -f "$srpm" ] && [ -f "$pkg/scopegate.spec" ] || fail "missing .rpm, .src.rpm or .spec"
  echo "--- files"; must rpm -qlp "$main" "$devel" || return 1
  echo "--- config files"; rpm -qp --configfiles "$main"
  echo "--- file flags"; rpm -qp --qf '[%{FILEFLAGS:fflags}\t%{FILENAMES}\n]' "$main" | tee "$logdir/rpm.fflags"
  echo "--- requires"; rpm -qp --requires "$main" | tee "$logdir/rpm.requires"
  echo "--- devel requires"; rpm -qp --requires "$devel" | tee "$logdir/rpm-devel.requires"
  echo "--- provides"; rpm -qp --provides "$main"
  local f
  for f in /etc/scopegate/scopegate.conf /etc/scopegate/policy.conf /etc/scopegate/domains.d/example.conf.sample; do
    grep -qxF "cn	$f" "$logdir/rpm.fflags" || fail "$f is not %config(noreplace)"
  done
  rpm -qlp "$main" | grep -qx /usr/lib64/scopegate/scopegate.so || fail "module not in /usr/lib64/scopegate"
  rpm -qlp "$main" | grep -qx /usr/bin/scopegate || fail "no /usr/bin/scopegate"
  rpm -qlp "$devel" | grep -qx /usr/lib64/pkgconfig/scopegate.pc || fail "no scopegate.pc"
  grep -q '^libconfig++.so.9()(64bit)' "$logdir/rpm.requires" || fail "no libconfig++ requirement"
  grep -Eq "^scopegate(\(x86-64\))? = $version-1" "$logdir/rpm-devel.requires" || fail "devel does not require scopegate = $version-1"
  rpm -qp --provides "$main" | grep -q 'scopegate\.so' && fail "the plugin is provided as a library"
  echo "--- needs"
  echo "glibc     >= $(grep -o 'GLIBC_[0-9.]*' "$logdir/rpm.requires" | sed 's/GLIBC_//' | sort -V | tail -n 1)"
  echo "libstdc++ >= GLIBCXX_$(grep -o 'GLIBCXX_[0-9.]*' "$logdir/rpm.requires" | sed 's/GLIBCXX_//' | sort -V | tail -n 1)"
  echo "libconfig++.so.9 (libconfig 1.5)"
}

rpm_install() {
  local main devel
  main=$(ls "$pkg"/scopegate-"$version"-1.*.rpm | grep -v '\.src\.rpm$')
  devel=$(ls "$pkg"/scopegate-devel-"$version"-1.*.rpm)
  rpm_root=$(mktemp -d /tmp/pkg-rpmroot.XXXXXX)
  must rpm --root "$rpm_root" --initdb || return 1
  # --nodeps: this root's rpm database is empty (glibc, libstdc++ and
  # libconfig++ are not rpm packages here), so no requirement could be met.
  must rpm --root "$rpm_root" -ivh --nodeps "$main" "$devel" || return 1
  must rpm --root "$rpm_root" -qa || return 1
  must rpm --root "$rpm_root" -V --nodeps scopegate scopegate-devel || return 1
  echo "--- config files (installed)"; rpm --root "$rpm_root" -qc scopegate
  [ -f "$rpm_root/usr/lib64/scopegate/scopegate.so" ] && [ -x "$rpm_root/usr/bin/scopegate" ] || fail "files not installed"
  # An edited %config file is kept on erase as .rpmsave.
  echo "$marker" >> "$rpm_root/etc/scopegate/scopegate.conf"
  must rpm --root "$rpm_root" -e scopegate-devel scopegate || return 1
  ls -lR "$rpm_root/etc/scopegate" 2>/dev/null
  grep -qxF "$marker" "$rpm_root/etc/scopegate/scopegate.conf.rpmsave" || fail "edited config not kept as .rpmsave"
  [ ! -e "$rpm_root/usr/bin/scopegate" ] || fail "program left after rpm -e"
  rm -rf "$rpm_root"; rpm_root=
}

echo "scopegate package test: $src -> $out"
step "tools: debootstrap, zstd, rpm" install_tools
step "build packages (release 1): build-packages.sh" build_packages
step "build upgrade packages (release 2, .deb)" build_upgrade_packages
# (dpkg-dev is there now: build-packages.sh installs it.)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
step ".deb contents: paths, conffiles, no SONAME, docs" deb_contents
step "throwaway Debian 12 root (debootstrap, cached)" make_root
step "apt-get install the .debs with dependencies" apt_install
step "scopegate check on the shipped config; installed module" shipped_check
step "scopegate batch of conf/examples/requests.txt" example_batch
step "host program built with pkg-config loads the module" host_pkgconfig
step "host program built with find_package loads the module" host_cmake
step "edit scopegate.conf, upgrade to release 2: edit kept" upgrade_keeps_edit
step "apt-get remove: /etc/scopegate stays" remove_keeps_etc
step "apt-get purge: /etc/scopegate goes" purge_removes_etc
step ".rpm: files, config flags, requirements" rpm_inspect
step ".rpm: install into a throwaway rpm --root, erase" rpm_install
cleanup_root

echo "package test took $(( $(date +%s) - started ))s; logs in $logdir"
echo "package: $passed passed, $failed failed"
[ "$failed" = 0 ] || { printf 'failed: %s\n' "${failed_names[@]}"; exit 1; }
