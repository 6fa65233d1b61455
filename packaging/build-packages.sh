#!/usr/bin/env bash
# build-packages.sh OUTDIR - build the scopegate packages from this source tree.
#
# On Debian 12 as root: installs what the build needs (apt-get install -y),
# then writes into OUTDIR
#   scopegate_V-R_ARCH.deb, scopegate-dev_V-R_ARCH.deb     (Debian 12)
#   scopegate-kamailio_V-R_ARCH.deb                        (Debian 12's Kamailio;
#                                  built against its source: apt-get source; no rpm)
#   python3-scopegate_V-R_all.deb                          (the Python binding)
#   scopegate-V-R.ARCH.rpm, scopegate-devel-V-R.ARCH.rpm   (built here, against
#                                  Debian's libconfig++.so.9: see README.md)
#   scopegate-V-R.src.rpm, scopegate.spec                  (rebuild on Fedora/RHEL)
#   SHA256SUMS, logs/                                      (build logs, lintian, rpmlint)
# and fails unless lintian (--fail-on error,warning) and rpmlint pass and the
# binaries carry the hardening flags.
#
# Options (or environment):
#   --release N    (SG_PKG_RELEASE, default 1) the package release: Debian
#                  revision and RPM Release. A higher one makes an upgrade of
#                  the same upstream version.
#   --only deb|rpm (SG_PKG_ONLY) build only one kind.
#   --keep-work    keep the scratch tree under /tmp/pkg-build.* for inspection.
set -euo pipefail

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

release=${SG_PKG_RELEASE:-1}
only=${SG_PKG_ONLY:-}
keep_work=0
outdir=
while [ $# -gt 0 ]; do
  case "$1" in
    --release) release=${2:?}; shift 2 ;;
    --only) only=${2:?}; shift 2 ;;
    --keep-work) keep_work=1; shift ;;
    -h|--help) usage ;;
    -*) echo "build-packages.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$outdir" ] || usage; outdir=$1; shift ;;
  esac
done
[ -n "$outdir" ] || usage
case "$release" in (*[!0-9]*|'') echo "build-packages.sh: --release must be a number" >&2; exit 2 ;; esac
case "$only" in (''|deb|rpm) ;; (*) echo "build-packages.sh: --only deb or rpm" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
log() { printf '==> %s\n' "$*"; }
die() { printf 'build-packages.sh: %s\n' "$*" >&2; exit 1; }

# --- what the build needs --------------------------------------------------
tools=(dpkg-dev debhelper dh-python python3 fakeroot lintian rpm rpmlint cpio file
       cmake g++ make pkgconf libconfig++-dev libspdlog-dev libfmt-dev)
missing=()
for p in "${tools[@]}"; do
  [ "$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "needs root to install: ${missing[*]}"
  log "installing ${missing[*]}"
  apt_get() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -q "$@"; }
  apt_get install --no-install-recommends "${missing[@]}" ||
    { apt_get update && apt_get install --no-install-recommends "${missing[@]}"; }
fi

# --- version: one upstream version everywhere ------------------------------
version=$(sed -n 's/^project(scopegate VERSION \([0-9][0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || die "no project(scopegate VERSION ...) in $src/CMakeLists.txt"
deb_top=$(sed -n '1s/^scopegate (\([^)]*\)).*/\1/p' "$here/debian/changelog")
spec_version=$(sed -n 's/^Version: *//p' "$here/rpm/scopegate.spec")
[ "${deb_top%-*}" = "$version" ] ||
  die "packaging/debian/changelog is at ${deb_top%-*}, CMakeLists.txt at $version: add a changelog entry"
[ "$spec_version" = "$version" ] ||
  die "packaging/rpm/scopegate.spec is at $spec_version, CMakeLists.txt at $version"
# The release the packaging files are at; a higher --release adds an entry.
base_release=${deb_top##*-}
spec_release=$(sed -n 's/^Release: *\([0-9]*\)%{?dist}$/\1/p' "$here/rpm/scopegate.spec")
[ "$spec_release" = "$base_release" ] ||
  die "scopegate.spec is at release $spec_release, debian/changelog at $base_release"
[ "$release" -ge "$base_release" ] || die "--release $release is below the packaged release $base_release"
deb_version="$version-$release"
log "scopegate $version, release $release"

mkdir -p "$outdir/logs"
outdir=$(cd "$outdir" && pwd)
work=$(mktemp -d /tmp/pkg-build.XXXXXX)
if [ "$keep_work" = 1 ]; then log "work tree kept in $work"; else trap 'rm -rf "$work"' EXIT; fi

# Reproducible timestamps: the date of the newest Debian changelog entry; a
# generated entry for a higher release is dated an hour later per release (its
# date must be newer than the entry before).
SOURCE_DATE_EPOCH=$(date -d "$(sed -n '/^ -- .*>  /{s///p;q}' "$here/debian/changelog")" +%s)
SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + (release - base_release) * 3600))
export SOURCE_DATE_EPOCH

# --- the source tarball: every file git would commit -----------------------
tarball="$work/scopegate-$version.tar.gz"
(
  cd "$src"
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard
  else
    find . -path ./.git -prune -o -path './build*' -prune -o -path './out*' -prune \
      -o -type f -printf '%P\0'
  fi | while IFS= read -r -d '' f; do if [ -f "$f" ]; then printf '%s\0' "$f"; fi; done |
    LC_ALL=C sort -z |
    tar --null --files-from=- --transform "s,^,scopegate-$version/," \
        --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
        -czf "$tarball"
)
tar -tzf "$tarball" > "$work/tarball.list"
grep -qx "scopegate-$version/packaging/build-packages.sh" "$work/tarball.list" ||
  die "source tarball is missing packaging/ (is it ignored by git?)"

# The date of a generated changelog entry.
rfc2822=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
maint=$(sed -n 's/^Maintainer: *//p' "$here/debian/control")

# --- hardening: every compile line has the flags, every ELF the properties --
check_compile_flags() {  # build log
  local lines bad
  lines=$(grep -E '(^| )(/usr/bin/)?(c\+\+|g\+\+|cc|gcc)(-[0-9]+)? .* -c ' "$1" || true)
  [ -n "$lines" ] || die "no compile lines in $1 (was the build verbose?)"
  bad=$(grep -v -e '-D_FORTIFY_SOURCE=[23]' <<<"$lines" | head -n 3 || true)
  [ -z "$bad" ] || die "compiled without _FORTIFY_SOURCE: $bad"
  bad=$(grep -v -e '-fstack-protector-strong' <<<"$lines" | head -n 3 || true)
  [ -z "$bad" ] || die "compiled without -fstack-protector-strong: $bad"
  bad=$(grep -v -e '-O[23s]' <<<"$lines" | head -n 3 || true)
  [ -z "$bad" ] || die "compiled without optimisation (fortify needs it): $bad"
}
check_elf_hardening() {  # unpacked root [how many ELF files at least, 2]
  local f n=0 dyn segs syms
  while IFS= read -r -d '' f; do
    [ "$(head -c 4 "$f")" = $'\x7fELF' ] || continue
    n=$((n + 1))
    segs=$(readelf -lW "$f"); dyn=$(readelf -dW "$f"); syms=$(readelf -sW --dyn-syms "$f")
    grep -q 'GNU_RELRO' <<<"$segs" || die "$f: no RELRO"
    grep -Eq 'BIND_NOW|FLAGS_1.*NOW' <<<"$dyn" || die "$f: not linked with -z now"
    grep -q '__stack_chk_fail' <<<"$syms" || die "$f: no stack protector"
    grep -Eq '__[a-z_]+_chk(@| )' <<<"$syms" || die "$f: no fortified calls"
    ! grep -q 'SONAME' <<<"$dyn" || die "$f: has a SONAME"
    echo "  hardened (relro, now, stack protector, fortify): ${f#"$1"}"
  done < <(find "$1" -type f \( -path '*/bin/*' -o -name '*.so' \) -print0)
  [ "$n" -ge "${2:-2}" ] || die "expected ${2:-2} ELF files (the CLI and the module) in $1, found $n"
}

# --- .deb ------------------------------------------------------------------
build_deb() {
  local tree="$work/deb/scopegate-$version"
  mkdir -p "$work/deb"
  tar -xzf "$tarball" -C "$work/deb"
  cp -a "$here/debian" "$tree/debian"
  if [ "$release" != "$base_release" ]; then
    { printf 'scopegate (%s) unstable; urgency=medium\n\n' "$deb_version"
      printf '  * Package release %s of scopegate %s.\n\n' "$release" "$version"
      printf ' -- %s  %s\n\n' "$maint" "$rfc2822"
      cat "$here/debian/changelog"; } > "$tree/debian/changelog"
  fi
  [ "$(cd "$tree" && dpkg-parsechangelog -S Version)" = "$deb_version" ] ||
    die "debian/changelog does not start at $deb_version"

  if ! (cd "$tree" && dpkg-checkbuilddeps); then
    [ "$(id -u)" = 0 ] || die "missing build dependencies"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -q build-dep "$tree"
  fi
  log "building .deb (log: $outdir/logs/deb-build.log)"
  (cd "$tree" && DH_VERBOSE=1 DEB_BUILD_OPTIONS="parallel=2 noautodbgsym" \
     dpkg-buildpackage -b -us -uc) >"$outdir/logs/deb-build.log" 2>&1 ||
    { tail -n 40 "$outdir/logs/deb-build.log"; die "dpkg-buildpackage failed"; }
  check_compile_flags "$outdir/logs/deb-build.log"

  local arch debs
  arch=$(dpkg-architecture -qDEB_HOST_ARCH)
  debs=("$work/deb/scopegate_${deb_version}_$arch.deb" "$work/deb/scopegate-dev_${deb_version}_$arch.deb"
        "$work/deb/scopegate-kamailio_${deb_version}_$arch.deb" "$work/deb/python3-scopegate_${deb_version}_all.deb")
  rm -f "$outdir"/scopegate*_*.deb "$outdir"/python3-scopegate_*.deb
  cp "${debs[@]}" "$outdir/"
  mkdir -p "$work/deb/root" && dpkg-deb -x "${debs[0]}" "$work/deb/root"
  check_elf_hardening "$work/deb/root"
  mkdir -p "$work/deb/kamailio-root" && dpkg-deb -x "${debs[2]}" "$work/deb/kamailio-root"
  check_elf_hardening "$work/deb/kamailio-root" 1
  log "scopegate-kamailio: $(dpkg-deb -f "${debs[2]}" Depends)"

  log "lintian --fail-on error,warning"
  lintian --fail-on error,warning --display-level '>=warning' --info \
      "$outdir/scopegate_${deb_version}_$arch.deb" "$outdir/scopegate-dev_${deb_version}_$arch.deb" \
      "$outdir/scopegate-kamailio_${deb_version}_$arch.deb" "$outdir/python3-scopegate_${deb_version}_all.deb" \
      >"$outdir/logs/lintian.txt" 2>&1 ||
    { cat "$outdir/logs/lintian.txt"; die "lintian found errors or warnings"; }
  cat "$outdir/logs/lintian.txt"
  log "lintian: clean"
}

# --- .rpm and .src.rpm -------------------------------------------------------
build_rpm() {
  local top="$work/rpm" spec="$work/rpm/SPECS/scopegate.spec" nodeps=()
  mkdir -p "$top"/{BUILD,BUILDROOT,RPMS,SOURCES,SPECS,SRPMS}
  cp "$tarball" "$top/SOURCES/"
  sed "s/^Release: *$base_release%{?dist}\$/Release:        $release%{?dist}/" "$here/rpm/scopegate.spec" > "$spec"
  grep -q "^Release: *$release%{?dist}\$" "$spec" || die "cannot set Release in scopegate.spec"
  if [ "$release" != "$base_release" ]; then
    sed -i "/^%changelog\$/a * $(date -u -d "@$SOURCE_DATE_EPOCH" '+%a %b %d %Y') ${maint} - $version-$release\\
- Package release $release of scopegate $version.\\
" "$spec"
  fi

  # Debian's hardening flags (Fedora's rpmbuild brings its own). CMake does
  # not read CPPFLAGS, so they go with the compiler flags.
  # (Run in the build directory, for its -ffile-prefix-map.)
  local cppflags cflags cxxflags ldflags
  export DEB_BUILD_MAINT_OPTIONS=hardening=+all
  cppflags=$(cd "$top/BUILD" && dpkg-buildflags --get CPPFLAGS)
  cflags="$(cd "$top/BUILD" && dpkg-buildflags --get CFLAGS) $cppflags"
  cxxflags="$(cd "$top/BUILD" && dpkg-buildflags --get CXXFLAGS) $cppflags"
  ldflags=$(cd "$top/BUILD" && dpkg-buildflags --get LDFLAGS)
  # Debian's brp-compress (man pages) uses bash's `read -d` under #!/bin/sh,
  # so it is run with bash. Its brp-strip only strips debug info (Fedora's
  # debuginfo machinery does the rest there); without debuginfo packages the
  # binaries are stripped as dh_strip does.
  local strip_cmd="find \$RPM_BUILD_ROOT -type f '(' -path '*/bin/*' -o -name '*.so' ')' -exec strip --remove-section=.comment --remove-section=.note --strip-unneeded {} +"
  # rpm's database on Debian knows none of Debian's packages, so rpmbuild
  # cannot check BuildRequires; the .deb build above checked the same needs.
  [ -f /etc/debian_version ] && nodeps=(--nodeps)
  log "building .rpm and .src.rpm (log: $outdir/logs/rpm-build.log)"
  rpmbuild -ba "${nodeps[@]}" \
      --define "_topdir $top" \
      --define "_smp_mflags -j2" \
      --define "debug_package %{nil}" \
      --define "_binary_payload w9.xzdio" \
      --define "_source_payload w9.xzdio" \
      --define "packager $maint" \
      --define "__brp_compress /bin/bash %{_rpmconfigdir}/brp-compress %{?_prefix}" \
      --define "__brp_strip $strip_cmd" \
      --define "build_cflags $cflags" \
      --define "build_cxxflags $cxxflags" \
      --define "build_ldflags $ldflags" \
      "$spec" >"$outdir/logs/rpm-build.log" 2>&1 ||
    { tail -n 40 "$outdir/logs/rpm-build.log"; die "rpmbuild failed"; }
  check_compile_flags "$outdir/logs/rpm-build.log"

  rm -f "$outdir"/scopegate*.rpm
  cp "$top"/RPMS/*/scopegate-*.rpm "$top"/SRPMS/scopegate-*.src.rpm "$outdir/"
  cp "$spec" "$outdir/scopegate.spec"
  local rpm_main
  rpm_main=$(ls "$top"/RPMS/*/scopegate-"$version-$release".*.rpm)
  mkdir -p "$top/root" && (cd "$top/root" && rpm2cpio "$rpm_main" | cpio -idm --quiet)
  check_elf_hardening "$top/root"

  log "rpmlint -c packaging/rpm/rpmlint.toml"
  rpmlint -c "$here/rpm/rpmlint.toml" "$outdir"/scopegate*.rpm "$outdir/scopegate.spec" \
      >"$outdir/logs/rpmlint.txt" 2>&1 ||
    { cat "$outdir/logs/rpmlint.txt"; die "rpmlint found errors"; }
  cat "$outdir/logs/rpmlint.txt"
  log "rpmlint: no errors"
}

# The Kamailio module's build needs Debian's Kamailio source (apt-get source).
[ "$only" = rpm ] || "$src/kamailio/fetch-kamailio-source.sh" "${SG_KAMAILIO_SRC:-/usr/src/scopegate-kamailio}" ||
  die "cannot fetch the Kamailio source"
[ "$only" = rpm ] || build_deb
[ "$only" = deb ] || build_rpm

(cd "$outdir" && sha256sum -- *.deb *.rpm *.spec 2>/dev/null > SHA256SUMS) || true
log "packages in $outdir:"
ls -l "$outdir"
