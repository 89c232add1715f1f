#!/usr/bin/env bash
# Builds backtalk_VERSION-REVISION_amd64.deb from the static release build, with dpkg-deb and no network.
#   packaging/deb/build.sh STAGE_ROOT OUTPUT_DIR [REVISION]
# STAGE_ROOT holds `make install DESTDIR=STAGE_ROOT PREFIX=/usr`; it is rearranged to Debian's paths here.
set -euo pipefail
cd "$(dirname "$0")/../.."
stage=$(realpath "$1") out=$2 revision=${3:-1}
upstream=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/BacktalkProtocol/Version.swift)
version="$upstream-$revision"
here=packaging/deb

# Debian's places: units in /lib/systemd/system, zsh completions in vendor-completions, man pages gzipped,
# the changelog and the machine-readable copyright in the doc folder.
mkdir -p "$stage/lib/systemd" "$stage/usr/share/zsh/vendor-completions"
mv "$stage/usr/lib/systemd/system" "$stage/lib/systemd/system"
rmdir -p "$stage/usr/lib/systemd" 2>/dev/null || true
mv "$stage/usr/share/zsh/site-functions/"* "$stage/usr/share/zsh/vendor-completions/"
rmdir "$stage/usr/share/zsh/site-functions"
gzip -9n "$stage"/usr/share/man/man*/*.[0-9]
# bash-completion sources completions: they carry no #! line.
sed -i '1{/^#!/d}' "$stage"/usr/share/bash-completion/completions/*
# Yams compiles LibYAML in (a Swift package cannot link the system's libyaml); see docs/PACKAGING.md.
install -d "$stage/usr/share/lintian/overrides"
install -m 0644 "$here/lintian-overrides" "$stage/usr/share/lintian/overrides/backtalk"
doc=$stage/usr/share/doc/backtalk
install -m 0644 "$here/copyright" "$doc/copyright"
sed "s/@VERSION@/$version/; s/@UPSTREAM@/$upstream/" "$here/changelog" | gzip -9n > "$doc/changelog.Debian.gz"
chmod 0644 "$doc/changelog.Debian.gz"

# Depends: what the binaries link, computed by dpkg-shlibdeps, and deb-systemd-helper for the scripts.
shlibs=$(mktemp -d)
mkdir -p "$shlibs/debian"
printf 'Source: backtalk\n\nPackage: backtalk\nArchitecture: amd64\n' > "$shlibs/debian/control"
depends=$(cd "$shlibs" && dpkg-shlibdeps -O -e"$stage/usr/bin/backtalkd" -e"$stage/usr/bin/backtalk" \
  -e"$stage/usr/bin/backtalk-irc" -e"$stage/usr/bin/backtalk-matrix" 2> >(grep -v "should already be installed" >&2) | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
rm -rf "$shlibs"
depends="$depends, init-system-helpers (>= 1.54~)"

mkdir -p "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed "s/@VERSION@/$version/; s/@SIZE@/$size/; s/@DEPENDS@/$depends/" "$here/control.in" > "$stage/DEBIAN/control"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$stage/DEBIAN/"
(cd "$stage" && find etc -type f | sed 's|^|/|') > "$stage/DEBIAN/conffiles"
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/md5sums"

mkdir -p "$out"
package="$out/backtalk_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$package" >/dev/null
echo "$package"
