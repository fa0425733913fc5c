#!/usr/bin/env bash
# Installs the Debian packages that ajar's integration tests (and the lab
# started by netns-lab.sh) need. Idempotent; must run as root.
#
#   src/test/lab/install-test-deps.sh [EXTRA_PACKAGE...]
#
# - `apt-get update` runs only when at least one package is missing.
# - No daemon may start on the host while installing: a temporary
#   /usr/sbin/policy-rc.d that exits 101 is put in place for the install
#   (an existing one is moved aside and restored afterwards), and
#   DEBIAN_FRONTEND=noninteractive is set.
# - Afterwards, any inetd/sshd/rpcbind/fingerd process that appeared in the
#   host network namespace during the install is stopped again. Daemons that
#   were already running before (e.g. an admin's own sshd) and daemons in
#   other network namespaces (running labs) are left alone.
# - Prints one line per package: "present NAME VERSION" or
#   "installed NAME VERSION".
set -euo pipefail

PACKAGES=(
    iproute2        # ip, ss
    openbsd-inetd   # /usr/sbin/inetd
    tcpd            # /usr/sbin/tcpd (TCP wrappers)
    fingerd         # /usr/sbin/in.fingerd
    finger          # /usr/bin/finger: in.fingerd execs it to produce output
    openssh-server  # /usr/sbin/sshd
    time            # /usr/bin/time, for bench/ports-vs-ss.sh
    openssh-client  # ssh-keygen (host key of the lab's sshd)
    rpcbind         # /usr/sbin/rpcbind
    python3         # /usr/bin/python3 (lab's unprivileged listener)
    python3-prometheus-client  # the official Python client's parser scrapes ajar watch's metrics
    util-linux      # setpriv, setsid, mount
    procps          # ps, used by tests and diagnostics
    ansible-core    # ansible-playbook: runs `ajar plan --format ansible` against a root copy
    tmux            # MenuIT: runs `ajar menu` in an 80x24 terminal (send-keys, capture-pane)
)
PACKAGES+=("$@")

# Daemon executables (basenames) that must not be left running on the host.
DAEMONS_RE='^(inetd|sshd|rpcbind|in\.fingerd|tcpd|portmap)$'

die() { echo "install-test-deps: ERROR: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (uid is $(id -u))"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found (Debian/Ubuntu required)"

is_installed() {
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true) == installed ]]
}
version_of() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }

# Prints "PID NAME" for every daemon process in the host network namespace
# (the one this script runs in).
host_daemons() {
    local host_ns p exe ns
    host_ns=$(readlink /proc/self/ns/net)
    for p in /proc/[0-9]*; do
        exe=$(readlink "$p/exe" 2>/dev/null) || continue
        exe=${exe% (deleted)}
        [[ ${exe##*/} =~ $DAEMONS_RE ]] || continue
        ns=$(readlink "$p/ns/net" 2>/dev/null) || continue
        [[ $ns == "$host_ns" ]] || continue
        echo "${p#/proc/} ${exe##*/}"
    done
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

newly=()
if ((${#missing[@]} > 0)); then
    before=$(host_daemons | awk '{print $1}' | sort)

    POLICY=/usr/sbin/policy-rc.d
    backup=""
    restore_policy() {
        rm -f "$POLICY"
        if [[ -n $backup ]]; then
            mv -f "$backup" "$POLICY"
        fi
    }
    if [[ -e $POLICY || -L $POLICY ]]; then
        backup=$(mktemp /usr/sbin/.policy-rc.d.ajar-backup.XXXXXX)
        mv -f "$POLICY" "$backup"
    fi
    trap restore_policy EXIT
    printf '#!/bin/sh\n# temporary, by ajar install-test-deps.sh: start no service\nexit 101\n' >"$POLICY"
    chmod 0755 "$POLICY"

    export DEBIAN_FRONTEND=noninteractive
    apt_opts=(-y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    echo "install-test-deps: missing: ${missing[*]}; running apt-get update" >&2
    apt-get -q -o DPkg::Lock::Timeout=300 update >&2 || die "apt-get update failed"
    apt-get "${apt_opts[@]}" install --no-install-recommends "${missing[@]}" >&2 \
        || die "apt-get install ${missing[*]} failed"

    restore_policy
    trap - EXIT

    # Stop any daemon that the packages started on the host anyway.
    while read -r pid name; do
        [[ -n $pid ]] || continue
        if ! grep -qx "$pid" <<<"$before"; then
            echo "install-test-deps: stopping $name (pid $pid) started on the host by the install" >&2
            kill -TERM "$pid" 2>/dev/null || true
            for _ in 1 2 3 4 5 6; do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.5
            done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done < <(host_daemons)

    newly=("${missing[@]}")
fi

status=0
for pkg in "${PACKAGES[@]}"; do
    if ! is_installed "$pkg"; then
        echo "MISSING $pkg"
        status=1
    elif printf '%s\n' "${newly[@]}" | grep -qxF -- "$pkg"; then
        echo "installed $pkg $(version_of "$pkg")"
    else
        echo "present $pkg $(version_of "$pkg")"
    fi
done
((status == 0)) || die "some packages are still not installed"

# Report (do not touch) daemons already running on the host before we came.
leftover=$(host_daemons || true)
if [[ -n $leftover ]]; then
    echo "install-test-deps: note: pre-existing daemons in the host namespace (left alone):" >&2
    while IFS= read -r l; do printf '  %s\n' "$l"; done <<<"$leftover" >&2
fi

# The SARIF 2.1.0 JSON schema, to validate `ajar audit --format sarif` against (SarifIT). It is
# taken from an npm package that ships it (@microsoft/jest-sarif, MIT), not committed.
SCHEMA_DIR=${AJAR_TEST_CACHE:-/var/cache/ajar-test-deps}
SCHEMA=$SCHEMA_DIR/sarif-schema-2.1.0.json
if [[ ! -s $SCHEMA ]]; then
    # npm comes with this machine's Node.js (Debian's npm conflicts with it): not installed here.
    command -v npm >/dev/null 2>&1 || die "npm is needed to fetch the SARIF schema"
    mkdir -p "$SCHEMA_DIR"
    work=$(mktemp -d)
    if (cd "$work" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1) \
        && tar -xzf "$work"/microsoft-jest-sarif-*.tgz -C "$work" package/lib/schemas/sarif-2.1.0-rtm.5.json; then
        mv "$work/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$SCHEMA"
        echo "installed sarif-schema-2.1.0 $SCHEMA"
    else
        echo "install-test-deps: could not fetch the SARIF schema with npm" >&2
        status=1
    fi
    rm -rf "$work"
else
    echo "present sarif-schema-2.1.0 $SCHEMA"
fi
((status == 0)) || die "the SARIF schema could not be installed"
