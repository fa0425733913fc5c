#!/usr/bin/env bash
# Copies real dpkg database entries of this Debian 12 machine into the fixture: the whole .list
# files of a few packages, their stanzas of /var/lib/dpkg/status (plus dpkg's own, which gives
# the native architecture) and the whole /var/lib/dpkg/diversions. Nothing is edited.
# Needs the packages installed: openssh-server rpcbind coreutils dash postgresql-common
# libpq-dev libtirpc3 (apt-get install openssh-server rpcbind postgresql-common libpq-dev).
# Usage: make-dpkg-fixture.sh [FIXTURE_ROOT]   (default: ../dpkg beside this script)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixture=${1:-$here/../dpkg}
lists="openssh-server rpcbind coreutils dash postgresql-common libpq-dev libtirpc3:amd64"
admin=$fixture/var/lib/dpkg
rm -rf "$admin"
mkdir -p "$admin/info"
for p in $lists; do
  cp "/var/lib/dpkg/info/$p.list" "$admin/info/"
done
cp /var/lib/dpkg/diversions "$admin/diversions"
# The status stanzas of those packages and of dpkg, byte for byte, in status's own order.
python3 - "$admin/status" $lists dpkg <<'PY'
import sys
out, wanted = sys.argv[1], set(sys.argv[2:])
stanzas = open('/var/lib/dpkg/status', 'rb').read().split(b'\n\n')
kept = []
for s in stanzas:
    fields = {}
    for line in s.split(b'\n'):
        if line[:1] not in (b' ', b'\t') and b':' in line:
            k, v = line.split(b':', 1)
            fields[k.decode()] = v.strip().decode()
    name, arch = fields.get('Package'), fields.get('Architecture')
    if name in wanted or f'{name}:{arch}' in wanted:
        kept.append(s.strip(b'\n'))
open(out, 'wb').write(b'\n\n'.join(kept) + b'\n')
PY
grep -E '^(Package|Version):' "$admin/status" | paste - -
