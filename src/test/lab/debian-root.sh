#!/usr/bin/env bash
# Builds (or copies from a cache) a real Debian 12 "bookworm" root file system
# for ajar's integration tests. Run as root on a Debian machine.
#
#   src/test/lab/debian-root.sh [--force] FLAVOR DIR
#   src/test/lab/debian-root.sh --mirrors     (prints the mirrors it would use)
#
# FLAVOR
#   inetd   systemd as init (systemd, systemd-sysv) with openbsd-inetd serving
#           finger (fingerd), telnet (telnetd -> inetutils-telnetd) and
#           shell/login (rsh-redone-server), plus rpcbind, nfs-kernel-server,
#           exim4-daemon-light, bind9, vsftpd, openssh-server, snmpd,
#           cups-daemon, avahi-daemon.
#   xinetd  SysV init (sysvinit-core, sysv-rc; systemd-sysv is NOT installed)
#           with xinetd serving finger, telnet and rsh "shell", plus
#           openssh-server, vsftpd, rpcbind.
#
# How: `debootstrap --variant=minbase bookworm DIR MIRROR`, then
# `apt-get install --no-install-recommends PACKAGES` inside the chroot (with
# the bookworm, bookworm-updates and bookworm-security suites), then the
# flavor's "administrator's edits" (listed in DIR/ajar-edits.txt), then
# `apt-get clean` and removal of the apt lists. DIR/ajar-root.env records the
# flavor, cache key and build date.
#
# Safety: a /usr/sbin/policy-rc.d that exits 101 is in the root during the
# whole install, so no package starts a daemon (and there is no systemd as
# pid 1 to start one); it is removed at the end, so the root is what an
# administrator would have. Every mount the build needs (proc, sys, dev) is
# made inside a private mount namespace (unshare --mount --propagation
# private), so none reaches the host mount table, even when the build fails
# or is killed; the script also checks the host mount table on exit and
# unmounts anything left under DIR. After the install, any process whose root
# directory is inside DIR (a daemon that started anyway) is reported, killed
# and fails the build.
#
# Mirror: the URI that this machine's apt uses for bookworm, read at run time
# from /etc/apt/sources.list, /etc/apt/sources.list.d/*.list and
# /etc/apt/sources.list.d/*.sources (deb822 "URIs:"); the security mirror is
# the URI configured for bookworm-security. Overrides:
#   AJAR_DEBIAN_MIRROR=URI            main mirror (bookworm, bookworm-updates)
#   AJAR_DEBIAN_SECURITY_MIRROR=URI   security mirror, or "none" to leave out
#
# Cache: ${AJAR_ROOT_CACHE:-/var/cache/ajar-test-roots}/
#   bookworm-FLAVOR-KEY.tar.zst, KEY = first 16 hex digits of the sha256 of
# (script version, suite, flavor, package list). The finished root is packed
# there (tar --numeric-owner --xattrs --acls, zstd) and a later call with the
# same flavor unpacks it instead of bootstrapping (owners, modes, symlinks,
# file capabilities preserved). AJAR_ROOT_NOCACHE=1 ignores the cache (and
# does not write it). Bump ROOT_SCRIPT_VERSION below when the build changes;
# writing a new tarball removes the flavor's older ones.
# Concurrent builds of the same key serialise on a lock file. Build logs:
# CACHE/logs/.
#
# DIR must not exist or be empty; --force empties it first (refused while
# anything is mounted under it or a process runs chrooted in it).
# At the end it prints the root path, flavor, size (du -sh), the number of
# installed packages (dpkg -l lines "ii") and the time taken.
set -euo pipefail

ROOT_SCRIPT_VERSION=2
SUITE=bookworm
PROG=${0##*/}
SELF=$(realpath -- "$0")

INETD_PACKAGES=(systemd systemd-sysv openbsd-inetd telnetd fingerd finger
    rsh-redone-server rpcbind nfs-kernel-server exim4-daemon-light bind9 vsftpd
    openssh-server snmpd cups-daemon avahi-daemon)
XINETD_PACKAGES=(sysvinit-core sysv-rc xinetd fingerd finger telnetd
    rsh-redone-server openssh-server vsftpd rpcbind)

CACHE=${AJAR_ROOT_CACHE:-/var/cache/ajar-test-roots}

die() { echo "$PROG: ERROR: $*" >&2; exit 1; }
log() { echo "$PROG: $*" >&2; }
usage() {
    echo "usage: $PROG [--force] inetd|xinetd DIR" >&2
    exit 2
}

# --------------------------------------------------------------- helpers

packages_of() {
    case $1 in
        inetd) printf '%s\n' "${INETD_PACKAGES[@]}" ;;
        xinetd) printf '%s\n' "${XINETD_PACKAGES[@]}" ;;
        *) return 1 ;;
    esac
}

cache_key() { # FLAVOR
    { echo "ajar-debian-root v$ROOT_SCRIPT_VERSION $SUITE $1"; packages_of "$1" | sort; } \
        | sha256sum | cut -c1-16
}

# Prints "URI SUITE" for every binary ("deb") source in this machine's apt
# configuration: one-line format (*.list) and deb822 format (*.sources).
apt_sources() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -r $f ]] || continue
        awk '{ sub(/#.*/, "") }
             $1 == "deb" {
                 i = 2
                 if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                 if (i + 1 <= NF) print $i, $(i + 1)
             }' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        awk 'function flush(   n, m, i, j, u, s) {
                 if (types ~ /(^|[ \t])deb([ \t]|$)/ && tolower(enabled) != "no") {
                     n = split(uris, u, " "); m = split(suites, s, " ")
                     for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print u[i], s[j]
                 }
                 types = uris = suites = enabled = last = ""
             }
             /^#/ { next }
             /^[ \t]*$/ { flush(); next }
             /^[ \t]/ {
                 if (last == "types") types = types " " $0
                 else if (last == "uris") uris = uris " " $0
                 else if (last == "suites") suites = suites " " $0
                 next
             }
             {
                 k = tolower(substr($0, 1, index($0, ":") - 1))
                 v = substr($0, index($0, ":") + 1)
                 gsub(/^[ \t]+|[ \t]+$/, "", v)
                 last = k
                 if (k == "types") types = v
                 else if (k == "uris") uris = v
                 else if (k == "suites") suites = v
                 else if (k == "enabled") enabled = v
             }
             END { flush() }' "$f"
    done
}

# First configured URI for suite $1 (without trailing slash), or nothing.
mirror_for_suite() {
    apt_sources | awk -v s="$1" '$2 == s { sub(/\/+$/, "", $1); print $1; exit }'
}

resolve_mirrors() {
    MIRROR=${AJAR_DEBIAN_MIRROR:-}
    if [[ -z $MIRROR ]]; then
        MIRROR=$(mirror_for_suite "$SUITE")
        [[ -n $MIRROR ]] || MIRROR=$(mirror_for_suite stable)
        [[ -n $MIRROR ]] || die "no apt source for '$SUITE' in /etc/apt/sources.list{,.d/*.list,.d/*.sources}; set AJAR_DEBIAN_MIRROR=URI"
    fi
    MIRROR=${MIRROR%/}
    SECURITY_MIRROR=${AJAR_DEBIAN_SECURITY_MIRROR:-}
    if [[ -z $SECURITY_MIRROR ]]; then
        SECURITY_MIRROR=$(mirror_for_suite "$SUITE-security")
        if [[ -z $SECURITY_MIRROR ]]; then
            log "warning: no apt source for '$SUITE-security' on this machine; the root gets no security suite (set AJAR_DEBIAN_SECURITY_MIRROR)"
            SECURITY_MIRROR=none
        fi
    fi
    SECURITY_MIRROR=${SECURITY_MIRROR%/}
}

ensure_tools() {
    local missing=() t
    command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
    command -v zstd >/dev/null 2>&1 || missing+=(zstd)
    for t in unshare findmnt; do
        command -v "$t" >/dev/null 2>&1 || missing+=(util-linux)
    done
    ((${#missing[@]} == 0)) && return 0
    log "installing on this machine with apt-get: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
        apt-get -q update >&2 || die "apt-get update failed"
        apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
            || die "apt-get install ${missing[*]} failed"
    fi
    command -v debootstrap >/dev/null 2>&1 || die "debootstrap still missing"
    command -v zstd >/dev/null 2>&1 || die "zstd still missing"
}

# Mount points at or under $1 in this mount namespace, deepest first.
mounts_under() {
    findmnt -rn -o TARGET | awk -v d="$1" '$0 == d || index($0, d "/") == 1' | sort -r
}

unmount_under() {
    local m
    while IFS= read -r m; do
        [[ -n $m ]] || continue
        log "unmounting $m"
        umount "$m" 2>/dev/null || umount -l "$m" || log "warning: could not unmount $m"
    done < <(mounts_under "$1")
}

# Pids of processes whose root directory is $1 or below it.
procs_in_root() {
    local p r
    for p in /proc/[0-9]*; do
        r=$(readlink "$p/root" 2>/dev/null) || continue
        if [[ $r == "$1" || $r == "$1"/* ]]; then echo "${p#/proc/}"; fi
    done
}

dir_is_empty() { [[ -z $(find "$1" -mindepth 1 -maxdepth 1 -print -quit 2>/dev/null) ]]; }

# ------------------------------------------------ build (in private mountns)

in_root() { # CMD... : runs CMD chrooted in $DIR with a clean environment
    chroot "$DIR" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LC_ALL=C DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
        "$@"
}

record_edit() { # FILE WHAT
    printf '%s\t%s\n' "$1" "$2" >>"$DIR/ajar-edits.txt"
}

edits_inetd() {
    local conf=$DIR/etc/inetd.conf line
    [[ -f $conf ]] || die "no /etc/inetd.conf in the root"
    # fingerd and rsh-redone-server add active entries; inetutils-telnetd adds
    # its entry disabled ("#<off># telnet ..."). The admin enables it the
    # Debian way.
    if grep -q '^#<off># *telnet[[:space:]]' "$conf"; then
        in_root update-inetd --enable telnet
        record_edit /etc/inetd.conf "enabled telnet with 'update-inetd --enable telnet': inetutils-telnetd adds its entry disabled as '#<off># telnet ...'; now: $(grep -m1 '^telnet[[:space:]]' "$conf" | tr '\t' ' ')"
    fi
    for line in finger telnet shell login; do
        grep -q "^${line}[[:space:]]" "$conf" || die "inetd.conf has no active '$line' entry after the edits"
    done
}

edits_xinetd() {
    local d=$DIR/etc/xinetd.d
    [[ -d $d ]] || die "no /etc/xinetd.d in the root"
    [[ ! -e $DIR/etc/inetd.conf ]] || log "note: the xinetd root has an /etc/inetd.conf"

    cat >"$d/fingerd-local" <<'EOF'
# finger, served by xinetd (administrator's edit for ajar's tests).
# The file name differs on purpose from the service name.
service finger
{
	disable		= no
	flags		= IPv4
	socket_type	= stream
	protocol	= tcp
	wait		= no
	user		= nobody
	server		= /usr/sbin/in.fingerd
}
EOF
    record_edit /etc/xinetd.d/fingerd-local "new file: 'service finger' (disable = no, flags IPv4, user nobody, server /usr/sbin/in.fingerd); file name differs from the service name"

    cat >"$d/telnet" <<'EOF'
# telnet (inetutils-telnetd), served by xinetd (administrator's edit).
service telnet
{
	disable		= no
	flags		= REUSE IPv6
	socket_type	= stream
	protocol	= tcp
	wait		= no
	user		= root
	server		= /usr/sbin/telnetd
}
EOF
    record_edit /etc/xinetd.d/telnet "new file: 'service telnet' (disable = no, flags IPv6, server /usr/sbin/telnetd)"

    cat >"$d/rsh-redone" <<'EOF'
# rsh-redone-server services for xinetd (administrator's edit):
# rsh ("shell") is served, rlogin ("login") is present but disabled.
service shell
{
	disable		= no
	socket_type	= stream
	protocol	= tcp
	wait		= no
	user		= root
	server		= /usr/sbin/in.rshd
}

service login
{
	disable		= yes
	socket_type	= stream
	protocol	= tcp
	wait		= no
	user		= root
	server		= /usr/sbin/in.rlogind
}
EOF
    record_edit /etc/xinetd.d/rsh-redone "new file: 'service shell' (disable = no, server /usr/sbin/in.rshd) and 'service login' (disable = yes, server /usr/sbin/in.rlogind); two services in one file, one disabled"

    # Edit a file of the xinetd package: enable the TCP daytime service (the
    # first of the two services in /etc/xinetd.d/daytime); UDP stays disabled.
    if [[ -f $d/daytime ]]; then
        sed -i '0,/^\([[:space:]]*disable[[:space:]]*=[[:space:]]*\)yes/s//\1no/' "$d/daytime"
        record_edit /etc/xinetd.d/daytime "edited package conffile (xinetd): first 'disable = yes' (service daytime, id daytime-stream, INTERNAL, tcp) -> 'disable = no'; daytime-dgram (udp) stays disabled"
    fi

    # The other files shipped by xinetd (chargen, discard, echo, time, ... all
    # "disable = yes") are left as the package installed them.
}

st() { dpkg-query --admindir="$DIR/var/lib/dpkg" -W -f='${db:Status-Status}' "$1" 2>/dev/null || true; }

verify_flavor() {
    local p init
    while IFS= read -r p; do
        [[ $(st "$p") == installed ]] || die "package $p is not installed in the root"
    done < <(packages_of "$FLAVOR")
    case $FLAVOR in
        inetd)
            init=$(in_root readlink -f /sbin/init || true)
            [[ $init == /usr/lib/systemd/systemd || $init == /lib/systemd/systemd ]] \
                || die "/sbin/init is not systemd in the inetd root (it is '$init')"
            ;;
        xinetd)
            [[ $(st systemd-sysv) != installed ]] || die "systemd-sysv is installed in the xinetd root"
            [[ $(st openbsd-inetd) != installed ]] || die "openbsd-inetd is installed in the xinetd root"
            [[ -f $DIR/sbin/init && ! -L $DIR/sbin/init ]] || die "/sbin/init is not sysvinit's in the xinetd root"
            ;;
    esac
}

# Runs inside `unshare --mount --propagation private`: every mount made here
# disappears with this process.
build_in_private_ns() {
    local arch pkgs=() p
    arch=$(dpkg --print-architecture)
    mapfile -t pkgs < <(packages_of "$FLAVOR")

    log "debootstrap --variant=minbase --arch=$arch $SUITE $DIR $MIRROR"
    if ! debootstrap --variant=minbase --arch="$arch" "$SUITE" "$DIR" "$MIRROR"; then
        tail -n 30 "$DIR/debootstrap/debootstrap.log" 2>/dev/null || true
        die "debootstrap failed"
    fi

    printf '#!/bin/sh\n# ajar debian-root.sh: no service may start while the root is built\nexit 101\n' \
        >"$DIR/usr/sbin/policy-rc.d"
    chmod 0755 "$DIR/usr/sbin/policy-rc.d"

    {
        echo "deb $MIRROR $SUITE main"
        echo "deb $MIRROR $SUITE-updates main"
        if [[ $SECURITY_MIRROR != none ]]; then echo "deb $SECURITY_MIRROR $SUITE-security main"; fi
    } >"$DIR/etc/apt/sources.list"

    mount -t proc -o nosuid,nodev,noexec proc "$DIR/proc"
    mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$DIR/sys"
    mount --rbind /dev "$DIR/dev"

    log "apt-get update; apt-get install --no-install-recommends ${pkgs[*]}"
    in_root apt-get -q update || die "apt-get update in the root failed"
    in_root apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        dist-upgrade || die "apt-get dist-upgrade in the root failed"
    in_root apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        install --no-install-recommends "${pkgs[@]}" || die "apt-get install in the root failed"

    : >"$DIR/ajar-edits.txt"
    {
        echo "# Administrator's edits made by ajar's debian-root.sh (flavor $FLAVOR) after the"
        echo "# packages were installed. One line per edit: FILE<TAB>WHAT (path inside the root)."
    } >>"$DIR/ajar-edits.txt"
    "edits_$FLAVOR"
    verify_flavor

    in_root apt-get clean
    rm -rf "$DIR"/var/lib/apt/lists/*
    mkdir -p "$DIR/var/lib/apt/lists/partial"

    # Nothing may run from the root now.
    local leaked
    leaked=$(procs_in_root "$DIR")
    if [[ -n $leaked ]]; then
        for p in $leaked; do
            log "process started during the build: pid $p $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null || true)"
            kill -KILL "$p" 2>/dev/null || true
        done
        die "processes were started from the root during the build (killed)"
    fi

    if ! { umount -R "$DIR/dev" && umount "$DIR/sys" && umount "$DIR/proc"; }; then
        die "could not unmount proc/sys/dev in the build namespace"
    fi
    rm -f "$DIR/usr/sbin/policy-rc.d"
    rm -rf "$DIR/debootstrap"

    cat >"$DIR/ajar-root.env" <<EOF
AJAR_ROOT_FLAVOR=$FLAVOR
AJAR_ROOT_SUITE=$SUITE
AJAR_ROOT_KEY=$KEY
AJAR_ROOT_SCRIPT_VERSION=$ROOT_SCRIPT_VERSION
AJAR_ROOT_BUILT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF
}

# --------------------------------------------------------------------- main

if [[ ${1:-} == --mirrors ]]; then
    # Prints the mirrors a build would use (this machine's apt configuration
    # or the AJAR_DEBIAN_*MIRROR overrides).
    resolve_mirrors
    echo "MIRROR=$MIRROR"
    echo "SECURITY_MIRROR=$SECURITY_MIRROR"
    exit 0
fi
if [[ ${1:-} == __build ]]; then
    # Internal: re-executed by main inside a private mount namespace.
    (($# == 6)) || die "internal: bad __build call"
    FLAVOR=$2 DIR=$3 MIRROR=$4 SECURITY_MIRROR=$5 KEY=$6
    build_in_private_ns
    exit 0
fi

FORCE=0
args=()
for a in "$@"; do
    case $a in
        --force) FORCE=1 ;;
        -h | --help) usage ;;
        -*) usage ;;
        *) args+=("$a") ;;
    esac
done
((${#args[@]} == 2)) || usage
FLAVOR=${args[0]}
packages_of "$FLAVOR" >/dev/null || die "unknown flavor '$FLAVOR' (inetd or xinetd)"
[[ $(id -u) -eq 0 ]] || die "must run as root"
[[ ${args[1]} =~ ^[A-Za-z0-9_./+-]+$ ]] || die "DIR '${args[1]}': use only [A-Za-z0-9_./+-]"
DIR=$(realpath -m -- "${args[1]}")
CACHE=$(realpath -m -- "$CACHE")
case $DIR in
    / | /bin | /boot | /dev | /etc | /home | /lib | /lib64 | /media | /mnt | /opt | /proc | /root | /run | /sbin | /srv | /sys | /tmp | /usr | /var | /var/* | /usr/* | /etc/* | /proc/* | /sys/* | /dev/* | /run/*)
        [[ $DIR == /var/tmp/?* || $DIR == /var/cache/?* ]] || die "refusing to use system directory $DIR" ;;
esac
[[ $DIR != "$CACHE" && $DIR != "$CACHE"/* && $CACHE != "$DIR"/* ]] || die "DIR and the cache ($CACHE) must not contain each other"

T0=$SECONDS
KEY=$(cache_key "$FLAVOR")
TARBALL=$CACHE/$SUITE-$FLAVOR-$KEY.tar.zst

if [[ -e $DIR ]]; then
    [[ -d $DIR ]] || die "$DIR exists and is not a directory"
    if ! dir_is_empty "$DIR"; then
        ((FORCE)) || die "$DIR exists and is not empty (use --force to replace it)"
        [[ -z $(mounts_under "$DIR") ]] \
            || die "something is mounted under $DIR ($(mounts_under "$DIR" | paste -sd' ')); is a lab running on it? (root-lab.sh down)"
        [[ -z $(procs_in_root "$DIR") ]] \
            || die "processes run chrooted in $DIR (pids $(procs_in_root "$DIR" | paste -sd' ')); is a lab running on it? (root-lab.sh down)"
        log "--force: emptying $DIR"
        find "$DIR" -xdev -mindepth 1 -delete
    fi
fi

BUILT_HERE=0
SUCCESS=0
BUILD_PID=""
stop_build() {
    local i
    [[ -n $BUILD_PID ]] || return 0
    log "stopping the build (process group $BUILD_PID)"
    kill -TERM -- "-$BUILD_PID" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 -- "-$BUILD_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$BUILD_PID" 2>/dev/null || true
    wait "$BUILD_PID" 2>/dev/null || true
    BUILD_PID=""
}
on_exit() {
    local rc=$?
    trap - EXIT
    stop_build
    local p
    for p in $(procs_in_root "$DIR"); do
        log "killing pid $p, still running chrooted in $DIR: $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null || true)"
        kill -KILL "$p" 2>/dev/null || true
    done
    # The build's mounts live in a private namespace; this is a last check
    # of the host's own mount table.
    if [[ -n ${DIR:-} ]]; then unmount_under "$DIR"; fi
    if ((!SUCCESS && BUILT_HERE)) && [[ -d $DIR ]]; then
        if [[ ${AJAR_KEEP_FAILED_ROOT:-0} == 1 ]]; then
            log "build failed; partial root kept in $DIR (AJAR_KEEP_FAILED_ROOT=1)"
        elif [[ -z $(procs_in_root "$DIR") && -z $(mounts_under "$DIR") ]]; then
            log "build failed; removing the partial root $DIR"
            find "$DIR" -xdev -mindepth 1 -delete 2>/dev/null || true
        fi
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_tools
mkdir -p "$CACHE"
chmod 0700 "$CACHE"
mkdir -p "$CACHE/logs" "$DIR"

SOURCE=""
if [[ ${AJAR_ROOT_NOCACHE:-0} != 1 ]]; then
    # Serialise builds of one key; the lock is released when this script exits.
    exec 9>"$CACHE/$SUITE-$FLAVOR-$KEY.lock"
    if ! flock -n 9; then
        log "waiting for another build of this root (lock $CACHE/$SUITE-$FLAVOR-$KEY.lock)"
        flock 9
        log "lock acquired after $((SECONDS - T0))s"
    fi
fi

if [[ ${AJAR_ROOT_NOCACHE:-0} != 1 && -f $TARBALL ]]; then
    log "unpacking cached root $TARBALL into $DIR"
    BUILT_HERE=1
    zstd -dcq -- "$TARBALL" \
        | tar -C "$DIR" --numeric-owner --same-owner -p --xattrs --xattrs-include='*' --acls -xf - \
        || die "unpacking $TARBALL failed (delete it to rebuild)"
    [[ -f $DIR/ajar-root.env ]] || die "cached root $TARBALL has no ajar-root.env (delete it to rebuild)"
    SOURCE="cache ($TARBALL)"
else
    resolve_mirrors
    BUILD_LOG=$CACHE/logs/$SUITE-$FLAVOR-$KEY.$(date -u +%Y%m%dT%H%M%SZ).log
    log "building the $FLAVOR root in $DIR (mirror $MIRROR, security $SECURITY_MIRROR); log: $BUILD_LOG"
    BUILT_HERE=1
    # In the background, in its own process group, so that a signal to this
    # script is handled at once and on_exit can stop the whole build.
    setsid unshare --mount --propagation private -- \
        "$SELF" __build "$FLAVOR" "$DIR" "$MIRROR" "$SECURITY_MIRROR" "$KEY" \
        </dev/null >"$BUILD_LOG" 2>&1 &
    BUILD_PID=$!
    build_rc=0
    wait "$BUILD_PID" || build_rc=$?
    BUILD_PID=""
    if ((build_rc != 0)); then
        echo "---- tail of $BUILD_LOG ----" >&2
        tail -n 40 "$BUILD_LOG" >&2 || true
        echo "---- end ----" >&2
        die "building the $FLAVOR root failed"
    fi
    grep -F "$PROG: " "$BUILD_LOG" >&2 || true
    log "built in $((SECONDS - T0))s"
    if [[ ${AJAR_ROOT_NOCACHE:-0} != 1 ]]; then
        tc=$SECONDS
        tmp=$(mktemp "$TARBALL.tmp.XXXXXX")
        tar -C "$DIR" --numeric-owner --xattrs --xattrs-include='*' --acls -cf - . \
            | zstd -T0 -3 -q -f -o "$tmp" || { rm -f "$tmp"; die "packing the root into the cache failed"; }
        chmod 0600 "$tmp"
        mv -f "$tmp" "$TARBALL"
        log "cached as $TARBALL ($(du -h "$TARBALL" | cut -f1)) in $((SECONDS - tc))s"
        # One tarball per flavor: drop those of older script versions or
        # package lists.
        for old in "$CACHE/$SUITE-$FLAVOR"-*.tar.zst; do
            if [[ -f $old && $old != "$TARBALL" ]]; then
                log "removing stale cache $old"
                rm -f -- "$old" "${old%.tar.zst}.lock"
            fi
        done
    fi
    SOURCE="debootstrap ($MIRROR)"
fi

[[ -z $(procs_in_root "$DIR") ]] || die "processes run chrooted in $DIR after the build"
[[ -z $(mounts_under "$DIR") ]] || die "mounts left under $DIR: $(mounts_under "$DIR" | paste -sd' ')"
SUCCESS=1

npk=$(dpkg-query --admindir="$DIR/var/lib/dpkg" -W -f='${db:Status-Abbrev}\n' | grep -c '^ii' || true)
size=$(du -sh --one-file-system "$DIR" | cut -f1)
echo "root:     $DIR"
echo "flavor:   $FLAVOR ($SUITE)"
echo "size:     $size"
echo "packages: $npk (dpkg -l: ii)"
echo "source:   $SOURCE"
echo "time:     $((SECONDS - T0))s"
