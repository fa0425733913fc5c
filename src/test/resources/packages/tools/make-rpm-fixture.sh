#!/usr/bin/env bash
# Builds two tiny real .rpm packages with Debian's rpmbuild, installs them with Debian's rpm into
# an empty root (sqlite backend), and copies the resulting rpmdb.sqlite into the fixture.
# Needs: apt-get install rpm   (Debian 12: rpm 4.18.0, whose _db_backend is sqlite)
# Usage: make-rpm-fixture.sh [FIXTURE_ROOT]   (default: ../rpm beside this script)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixture=${1:-$here/../rpm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work"/{top/SPECS,top/SOURCES,root}

cat >"$work/top/SPECS/tinyd.spec" <<'SPEC'
Name:           tinyd
Epoch:          2
Version:        1.4.2
Release:        3.ajar
Summary:        A tiny daemon (ajar test fixture)
License:        MIT
BuildArch:      noarch
%description
Fixture package for ajar's rpm database reader.
%package legacy
Summary:        Lists a path under /sbin (pre-merged-/usr layout)
%description legacy
Third fixture package.
%install
mkdir -p %{buildroot}/usr/sbin %{buildroot}/sbin %{buildroot}/etc
mkdir -p %{buildroot}/usr/lib/systemd/system %{buildroot}/usr/share/doc/tinyd
printf '#!/bin/sh\necho tinyd\n' >%{buildroot}/usr/sbin/tinyd
printf '#!/bin/sh\necho legacyd\n' >%{buildroot}/sbin/legacyd
printf 'port = 7777\n' >%{buildroot}/etc/tinyd.conf
printf '[Service]\nExecStart=/usr/sbin/tinyd\n' >%{buildroot}/usr/lib/systemd/system/tinyd.service
printf 'tinyd\n' >%{buildroot}/usr/share/doc/tinyd/README
chmod 755 %{buildroot}/usr/sbin/tinyd %{buildroot}/sbin/legacyd
%files
/usr/sbin/tinyd
%config(noreplace) /etc/tinyd.conf
/usr/lib/systemd/system/tinyd.service
%dir /usr/share/doc/tinyd
/usr/share/doc/tinyd/README
%files legacy
/sbin/legacyd
SPEC

cat >"$work/top/SPECS/tinyctl.spec" <<'SPEC'
Name:           tinyctl
Version:        0.9
Release:        1
Summary:        A package without an Epoch tag (ajar test fixture)
License:        MIT
BuildArch:      noarch
%description
Second fixture package for ajar's rpm database reader.
%install
mkdir -p %{buildroot}/usr/bin
printf '#!/bin/sh\necho tinyctl\n' >%{buildroot}/usr/bin/tinyctl
chmod 755 %{buildroot}/usr/bin/tinyctl
%files
/usr/bin/tinyctl
SPEC

for spec in tinyd tinyctl; do
rpmbuild --quiet --define "_topdir $work/top" --define '_binary_payload w9.gzdio' \
  -bb "$work/top/SPECS/$spec.spec"
done

# A real install (files and database) into an empty root; --nodeps because the root has no
# /bin/sh provider. _db_backend is given explicitly so the result is sqlite whatever the default.
rpm --root="$work/root" --dbpath=/var/lib/rpm --define '_db_backend sqlite' --initdb
rpm --root="$work/root" --dbpath=/var/lib/rpm --define '_db_backend sqlite' \
  -i --nodeps --noscripts "$work"/top/RPMS/noarch/*.rpm

rpm --root="$work/root" --dbpath=/var/lib/rpm -qa --qf '%{EPOCH}:%{NAME}-%{VERSION}-%{RELEASE}\n' | sort
rpm --root="$work/root" --dbpath=/var/lib/rpm -qf /usr/sbin/tinyd /sbin/legacyd /usr/bin/tinyctl

mkdir -p "$fixture/var/lib/rpm"
# sqlite3 is not needed: rpm closes the database cleanly (no -wal/-shm left behind).
ls -la "$work/root/var/lib/rpm"
cp "$work/root/var/lib/rpm/rpmdb.sqlite" "$fixture/var/lib/rpm/rpmdb.sqlite"
echo "wrote $fixture/var/lib/rpm/rpmdb.sqlite"
