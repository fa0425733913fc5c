#!/usr/bin/env bash
# Builds two tiny real pacman packages with makepkg (as an unprivileged user, since makepkg
# refuses root), installs them with pacman -U into an empty root, and copies the resulting
# local database (var/lib/pacman/local) into the fixture.
# Needs: apt-get install pacman-package-manager makepkg fakeroot   (Debian 12: pacman 6.0.2)
# Usage: make-pacman-fixture.sh [FIXTURE_ROOT]   (default: ../pacman beside this script)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixture=${1:-$here/../pacman}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work"/{build/tinyd,build/tinyctl,root/var/lib/pacman,root/var/cache/pacman/pkg}

cat >"$work/build/tinyd/PKGBUILD" <<'PKG'
pkgname=tinyd
epoch=2
pkgver=1.4.2
pkgrel=3
pkgdesc="A tiny daemon (ajar test fixture)"
arch=('any')
license=('MIT')
backup=('etc/tinyd.conf')
package() {
  install -d "$pkgdir"/usr/bin "$pkgdir"/etc "$pkgdir"/usr/lib/systemd/system
  printf '#!/bin/sh\necho tinyd\n' >"$pkgdir"/usr/bin/tinyd
  chmod 755 "$pkgdir"/usr/bin/tinyd
  printf 'port = 7777\n' >"$pkgdir"/etc/tinyd.conf
  printf '[Service]\nExecStart=/usr/bin/tinyd\n' >"$pkgdir"/usr/lib/systemd/system/tinyd.service
}
PKG

cat >"$work/build/tinyctl/PKGBUILD" <<'PKG'
pkgname=tinyctl
pkgver=0.9
pkgrel=1
pkgdesc="A package without an epoch (ajar test fixture)"
arch=('any')
license=('MIT')
package() {
  install -d "$pkgdir"/usr/bin
  printf '#!/bin/sh\necho tinyctl\n' >"$pkgdir"/usr/bin/tinyctl
  chmod 755 "$pkgdir"/usr/bin/tinyctl
}
PKG

chown -R nobody "$work/build"
for p in tinyd tinyctl; do
  (cd "$work/build/$p" && runuser -u nobody -- env HOME="$work/build" makepkg --nodeps --nocheck --noconfirm >/dev/null)
done

cat >"$work/pacman.conf" <<'CONF'
[options]
Architecture = auto
SigLevel = Never
LocalFileSigLevel = Never
CONF

pacman --config "$work/pacman.conf" --root "$work/root" --dbpath "$work/root/var/lib/pacman" \
  --cachedir "$work/root/var/cache/pacman/pkg" --noconfirm --noscriptlet --nodeps \
  -U "$work"/build/tinyd/*.pkg.tar.* "$work"/build/tinyctl/*.pkg.tar.*
pacman --root "$work/root" --dbpath "$work/root/var/lib/pacman" -Q
pacman --root "$work/root" --dbpath "$work/root/var/lib/pacman" -Qo "$work/root/usr/bin/tinyd" || true

rm -rf "$fixture/var/lib/pacman"
mkdir -p "$fixture/var/lib/pacman"
cp -r "$work/root/var/lib/pacman/local" "$fixture/var/lib/pacman/local"
find "$fixture/var/lib/pacman" -type f | sort
