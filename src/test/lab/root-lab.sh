#!/usr/bin/env bash
# Runs the daemons of a Debian root made by debian-root.sh for real, the way a
# container would: in a new network namespace, chrooted into the root, with a
# private mount namespace for the root's /proc, /dev and /run. Run as root.
#
#   src/test/lab/root-lab.sh up    NAME ROOT STATEDIR
#   src/test/lab/root-lab.sh down  NAME STATEDIR
#   src/test/lab/root-lab.sh check NAME STATEDIR
#
# up
#   1. `ip netns add NAME`, lo up.
#   2. A holder process `ip netns exec NAME unshare --mount --propagation
#      private sleep infinity`: its mount namespace is private (nothing
#      propagates to or from the host). In it (nsenter --mount):
#        ROOT/proc     proc
#        ROOT/dev      tmpfs with null zero full random urandom tty (mknod),
#                      fd/stdin/stdout/stderr links, ptmx -> pts/ptmx
#        ROOT/dev/pts  devpts, newinstance (the root's own ptys)
#        ROOT/dev/shm  tmpfs
#        ROOT/run      tmpfs, with the runtime directories the packages'
#                      init scripts / tmpfiles.d would create
#      No devtmpfs and no host device except those six character devices;
#      there is no /dev/log (daemons that log to syslog log nowhere).
#   3. Each daemon runs as
#        nsenter -t HOLDER --mount --net -- setsid chroot ROOT env -i ... CMD
#      (same network namespace as `ip netns exec NAME`, plus the holder's
#      mounts), detached, stdin /dev/null, output in STATEDIR/<daemon>.log.
#      The command lines are those of the packages' systemd units or init
#      scripts (with /etc/default/* applied), with the flag that keeps the
#      daemon in the foreground:
#      inetd flavor:  dbus-daemon --system --nofork --nopidfile (for avahi),
#        rpcbind -f $OPTIONS, inetd -i, sshd -D -e $SSHD_OPTS,
#        exim4 -bd -q30m (forks: the listening pid is the child), named -f
#        $OPTIONS, vsftpd /etc/vsftpd.conf, snmpd -f -Lo -u Debian-snmp ...,
#        cupsd -f, avahi-daemon, rpc.statd -F, rpc.mountd -F. rpc.nfsd only
#        if the kernel has nfsd (it has not here: recorded as SKIPPED_NFSD).
#      xinetd flavor: rpcbind -f $OPTIONS, xinetd -dontfork -filelog
#        /dev/stderr -pidfile /run/xinetd.pid $XINETD_OPTS [-inetd_compat]
#        (like /etc/init.d/xinetd with /etc/default/xinetd), sshd, vsftpd.
#      sshd host keys: `ssh-keygen -A` in the root if there is none.
#   4. Waits (AJAR_LAB_WAIT_SECS, default 15 s) until each daemon's expected
#      sockets listen (polling `ip netns exec NAME ss -Hlntup`), then writes
#      STATEDIR/lab.env:
#        NETNS=, NETNS_INODE=, ROOT=, FLAVOR=, STATEDIR=, HOLDER_PID=,
#        DAEMONS=INETD,SSHD,...                 (the ones that run)
#        PID_<D>=<host pid of the process holding the listening sockets>
#        PORTS_<D>=tcp/22,udp/111,...           (as ss shows them in NAME)
#        SOCKETS_<D>=tcp/0.0.0.0:22,tcp/[::]:22  (address and port)
#        FAILED_<D>='reason'  SKIPPED_<D>='reason'  WARN_<D>='reason'
#      (PID_/PORTS_/SOCKETS_ values never contain spaces; reasons are in
#      single quotes so the file can be sourced by sh.)
#      A daemon that fails does not stop the others: FAILED_<D> and the tail
#      of its log. Exit 0 if the super-server (inetd or xinetd), sshd and
#      rpcbind run; otherwise exit 1 after tearing the lab down (set
#      AJAR_LAB_KEEP_ON_FAILURE=1 to keep it for inspection).
#
# down: kills every process in namespace NAME (`ip netns pids`, TERM, then
# KILL after 5 s), unmounts ROOT/run, ROOT/dev/shm, ROOT/dev/pts, ROOT/dev,
# ROOT/proc in the holder's namespace, stops the holder, deletes the
# namespace, and unmounts anything the host mount table still shows under
# ROOT. It acts only on a namespace whose inode matches STATEDIR/netns.inode,
# so it never touches the host's daemons or another lab; safe to run twice and
# after a failed up. Logs stay in STATEDIR.
#
# check: finger root@127.0.0.1 inside NAME (answered by the root's in.fingerd
# via inetd/xinetd), every PID_<D> still holds its PORTS_<D> inside NAME, and
# none of the lab's pids has a listening socket in the host namespace.
set -euo pipefail

PROG=${0##*/}
WAIT_SECS=${AJAR_LAB_WAIT_SECS:-15}
RUN_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

usage() {
    echo "usage: $PROG up NAME ROOT STATEDIR | down NAME STATEDIR | check NAME STATEDIR" >&2
    exit 2
}
die() { echo "$PROG: ERROR: $*" >&2; exit 1; }
log() { echo "$PROG: $*" >&2; }

(($# >= 1)) || usage
ACTION=$1
case $ACTION in
    up) (($# == 4)) || usage; NETNS=$2 ROOT_ARG=$3 STATEDIR=$4 ;;
    down | check) (($# == 3)) || usage; NETNS=$2 STATEDIR=$3 ROOT_ARG="" ;;
    *) usage ;;
esac
[[ $NETNS =~ ^[A-Za-z0-9_.-]{1,64}$ && $NETNS != . && $NETNS != .. ]] \
    || die "bad namespace name '$NETNS' (use [A-Za-z0-9_.-], at most 64 chars)"
[[ -n $STATEDIR ]] || usage
[[ $(id -u) -eq 0 ]] || die "must run as root"
STATEDIR=$(realpath -m -- "$STATEDIR")
NSPATH=/run/netns/$NETNS

# ------------------------------------------------------------------ helpers

ns_inode() { stat -L -c %i "$NSPATH" 2>/dev/null; }
pid_netns_inode() { stat -L -c %i "/proc/$1/ns/net" 2>/dev/null; }

# Alive and not a zombie.
is_running() {
    local st
    st=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null) || return 1
    [[ -n $st && $st != Z && $st != X ]]
}

# Pids in the lab namespace (checked against the recorded inode).
lab_pids() {
    local want=$1 pid
    while read -r pid; do
        [[ $pid =~ ^[0-9]+$ ]] || continue
        if [[ $(pid_netns_inode "$pid") == "$want" ]]; then echo "$pid"; fi
    done < <(ip netns pids "$NETNS" 2>/dev/null || true)
}

mounts_under() { # DIR: mount points at or under DIR in this namespace, deepest first
    findmnt -rn -o TARGET | awk -v d="$1" '$0 == d || index($0, d "/") == 1' | sort -r
}

procs_in_root() { # DIR: pids whose root directory is DIR (or below)
    local p r
    for p in /proc/[0-9]*; do
        r=$(readlink "$p/root" 2>/dev/null) || continue
        if [[ $r == "$1" || $r == "$1"/* ]]; then echo "${p#/proc/}"; fi
    done
}

# "PROTO ADDRESS:PORT PID" for each listening socket in the lab namespace
# and each process holding it.
lab_sockets() {
    ip netns exec "$NETNS" ss -Hlntup 2>/dev/null | awk '{
        proc = $0; sub(/^.*users:\(/, "", proc)
        if (proc == $0) next
        while (match(proc, /pid=[0-9]+/)) {
            print $1, $5, substr(proc, RSTART + 4, RLENGTH - 4)
            proc = substr(proc, RSTART + RLENGTH)
        }
    }' | sort -u
}

kill_pids() { # SECS PID... : TERM, wait up to SECS, KILL, wait up to 2 s
    local secs=$1 pid alive i
    shift
    (($# > 0)) || return 0
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    for ((i = 0; i < secs * 10; i++)); do
        alive=0
        for pid in "$@"; do if is_running "$pid"; then alive=1; fi; done
        ((alive)) || return 0
        sleep 0.1
    done
    for pid in "$@"; do
        if is_running "$pid"; then
            log "pid $pid ($(cat "/proc/$pid/comm" 2>/dev/null || echo '?')) did not exit on TERM within ${secs}s: KILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    for ((i = 0; i < 20; i++)); do
        alive=0
        for pid in "$@"; do if is_running "$pid"; then alive=1; fi; done
        ((alive)) || return 0
        sleep 0.1
    done
}

# ---------------------------------------------------------------------- down

do_down() {
    local want cur name holder root pids=() pid m
    want=$(cat "$STATEDIR/netns.inode" 2>/dev/null || true)
    name=$(cat "$STATEDIR/netns.name" 2>/dev/null || true)
    holder=$(cat "$STATEDIR/holder.pid" 2>/dev/null || true)
    root=$(cat "$STATEDIR/root.path" 2>/dev/null || true)
    if [[ -n $name && $name != "$NETNS" ]]; then
        die "$STATEDIR holds lab '$name', not '$NETNS'; nothing done"
    fi
    cur=$(ns_inode || true)
    if [[ -z $want ]]; then
        if [[ -n $cur ]]; then
            log "namespace $NETNS exists but was not created with STATEDIR $STATEDIR; leaving it alone"
        else
            log "no lab recorded in $STATEDIR; nothing to do"
        fi
        rm -f -- "$STATEDIR/lab.env"
        return 0
    fi
    if [[ -n $cur && $cur == "$want" ]]; then
        # 1. every process of the lab except the holder
        while read -r pid; do
            [[ $pid == "$holder" ]] || pids+=("$pid")
        done < <(lab_pids "$want")
        if ((${#pids[@]})); then
            log "stopping ${#pids[@]} process(es) in namespace $NETNS: ${pids[*]}"
            kill_pids 5 "${pids[@]}"
        fi
        # in.fingerd & co. started by inetd meanwhile
        pids=()
        while read -r pid; do
            [[ $pid == "$holder" ]] || pids+=("$pid")
        done < <(lab_pids "$want")
        kill_pids 2 "${pids[@]}"
        # 2. the holder's mounts, innermost first
        if [[ -n $holder && -n $root ]] && is_running "$holder" \
            && [[ $(pid_netns_inode "$holder") == "$want" ]]; then
            for m in "$root/run" "$root/dev/shm" "$root/dev/pts" "$root/dev" "$root/proc"; do
                if nsenter -t "$holder" -m -- findmnt -rn -o TARGET | grep -qxF -- "$m"; then
                    nsenter -t "$holder" -m -- umount "$m" 2>/dev/null \
                        || nsenter -t "$holder" -m -- umount -l "$m" \
                        || log "warning: could not unmount $m in the lab's mount namespace"
                fi
            done
            kill_pids 2 "$holder"
        fi
        # 3. anything left (should be nothing)
        pids=()
        while read -r pid; do pids+=("$pid"); done < <(lab_pids "$want")
        kill_pids 2 "${pids[@]}"
        ip netns del "$NETNS" || die "ip netns del $NETNS failed"
        log "namespace $NETNS deleted"
    elif [[ -n $cur ]]; then
        log "namespace $NETNS (inode $cur) is not the lab's (inode $want); leaving it alone"
    else
        log "namespace $NETNS is already gone"
    fi
    # 4. the host's mount table: nothing of the lab may remain under ROOT
    if [[ -n $root ]]; then
        while IFS= read -r m; do
            [[ -n $m ]] || continue
            log "unmounting $m (host mount table)"
            umount "$m" 2>/dev/null || umount -l "$m" || log "warning: could not unmount $m"
        done < <(mounts_under "$root")
    fi
    rm -f -- "$STATEDIR/lab.env" "$STATEDIR/lab.env.tmp" "$STATEDIR/netns.inode" "$STATEDIR/netns.name" \
        "$STATEDIR/holder.pid" "$STATEDIR/root.path"
}

# ------------------------------------------------------------------------ up

declare -A EXE=() EXPECT=() LAUNCHER=() STATUS=() REASON=() DPID=() DPORTS=() DSOCKS=() WARN=()
LABELS=()
SKIPPED=()
declare -A SKIP_REASON=()

in_lab() { # CMD... : runs CMD (host binary) in the lab's net+mount namespaces
    nsenter -t "$HOLDER" -m -n -- "$@"
}
in_root() { # CMD... : runs CMD chrooted in ROOT in the lab
    in_lab chroot "$ROOT" /usr/bin/env -i PATH="$RUN_PATH" HOME=/root LC_ALL=C "$@"
}

# Canonical host path of executable $1 of the root (as /proc/PID/exe shows it).
root_exe() {
    local p
    p=$(chroot "$ROOT" /usr/bin/readlink -f -- "$1" 2>/dev/null) || return 1
    [[ -x $ROOT$p ]] || return 1
    echo "$ROOT$p"
}

# Values of shell variables set by an /etc/default file of the root.
root_default() { # FILE VAR
    # shellcheck disable=SC2016 # expanded by the root's sh
    chroot "$ROOT" /usr/bin/env -i PATH="$RUN_PATH" /bin/sh -c \
        '[ -r "$1" ] && . "$1"; eval "printf %s \"\${$2:-}\""' sh "$1" "$2" 2>/dev/null || true
}

skip() { # LABEL REASON
    SKIPPED+=("$1")
    SKIP_REASON[$1]=$2
    log "$1: skipped: $2"
}

# launch LABEL "EXPECTED" EXE ARG... : EXPECTED is "tcp/22 udp/111", "any"
# (at least one listening socket) or "file:/run/x" (a socket file).
launch() {
    local label=$1 expect=$2 exe=$3 hexe
    shift 3
    if ! hexe=$(root_exe "$exe"); then
        skip "$label" "$exe not in the root"
        return 0
    fi
    LABELS+=("$label")
    EXE[$label]=$hexe
    EXPECT[$label]=$expect
    STATUS[$label]=starting
    : >"$STATEDIR/$label.log"
    (exec nsenter -t "$HOLDER" -m -n -- setsid chroot "$ROOT" /usr/bin/env -i \
        PATH="$RUN_PATH" HOME=/root LC_ALL=C "$@") \
        </dev/null >>"$STATEDIR/$label.log" 2>&1 &
    LAUNCHER[$label]=$!
    log "$label: started $* (launcher pid $!)"
}

SNAP=""
declare -A PEXE=()
snapshot() {
    local pid e
    SNAP=$(lab_sockets)
    PEXE=()
    while read -r pid; do
        [[ $pid == "$HOLDER" ]] && continue
        e=$(readlink "/proc/$pid/exe" 2>/dev/null) || continue
        PEXE[$pid]=${e% (deleted)}
    done < <(lab_pids "$NS_INODE")
}

pids_of() { # LABEL: live pids in the lab running the label's executable
    local pid
    [[ -n ${EXE[$1]:-} ]] || return 0
    for pid in "${!PEXE[@]}"; do
        if [[ ${PEXE[$pid]} == "${EXE[$1]}" ]] && is_running "$pid"; then echo "$pid"; fi
    done
    return 0
}

# Sets DPID/DPORTS/DSOCKS of LABEL from the snapshot; returns 0 if it has
# at least one listening socket.
collect() {
    local label=$1 pids best="" bestn=0 n pid lines socks ports
    pids=$(pids_of "$label" | sort -n)
    [[ -n $pids ]] || return 1
    lines=$(awk 'NR == FNR { want[$1] = 1; next } ($3 in want)' <(echo "$pids") <(echo "$SNAP"))
    [[ -n $lines ]] || return 1
    for pid in $pids; do
        n=$(awk -v p="$pid" '$3 == p' <<<"$lines" | wc -l)
        if ((n > bestn)); then best=$pid bestn=$n; fi
    done
    socks=$(awk '{ print $1 "/" $2 }' <<<"$lines" | sort -u -t/ -k1,1 -k2)
    ports=$(awk '{ n = split($2, a, ":"); print $1 "/" a[n] }' <<<"$lines" | sort -u -t/ -k1,1 -k2,2n)
    DPID[$label]=$best
    DPORTS[$label]=$(paste -sd, - <<<"$ports")
    DSOCKS[$label]=$(paste -sd, - <<<"$socks")
    return 0
}

missing_of() { # LABEL: expected items not yet there
    local label=$1 e
    case ${EXPECT[$label]} in
        any) [[ -n ${DPORTS[$label]:-} ]] || echo "any socket" ;;
        file:*)
            e=${EXPECT[$label]#file:}
            in_lab test -S "$ROOT$e" || echo "$e"
            ;;
        *)
            for e in ${EXPECT[$label]}; do
                [[ ,${DPORTS[$label]:-}, == *,"$e",* ]] || echo "$e"
            done
            ;;
    esac
    return 0
}

fail() { # LABEL REASON
    local label=$1 pids
    STATUS[$label]=failed
    REASON[$label]=$2
    {
        echo "$PROG: $label FAILED: $2"
        echo "---- tail of $STATEDIR/$label.log ----"
        tail -n 15 "$STATEDIR/$label.log" 2>/dev/null || true
        echo "---- end ----"
    } >&2
    pids=$(pids_of "$label")
    # shellcheck disable=SC2086 # a list of pids
    if [[ -n $pids ]]; then kill_pids 3 $pids; fi
}

# Waits until every started label in $@ is up or failed.
wait_for() {
    local deadline=$((SECONDS + WAIT_SECS)) label pending miss rc l
    while :; do
        snapshot
        pending=0
        for label in "$@"; do
            [[ ${STATUS[$label]} == starting ]] || continue
            if [[ ${EXPECT[$label]} == file:* ]]; then
                collect "$label" || true
                DPID[$label]=$(pids_of "$label" | sort -n | head -n1)
            else
                collect "$label" || true
            fi
            miss=$(missing_of "$label" | paste -sd' ' -)
            if [[ -z $miss && -n ${DPID[$label]:-} ]]; then
                STATUS[$label]=up
                log "$label: up, pid ${DPID[$label]}, ${DPORTS[$label]:-no inet sockets}"
                continue
            fi
            l=${LAUNCHER[$label]}
            if [[ -z $(pids_of "$label") ]] && ! is_running "$l"; then
                rc=0
                wait "$l" 2>/dev/null || rc=$?
                fail "$label" "exited with status $rc before listening on: ${miss:-?}"
                continue
            fi
            if ((SECONDS >= deadline)); then
                if [[ -n ${DPORTS[$label]:-} && ${EXPECT[$label]} != file:* ]]; then
                    STATUS[$label]=up
                    WARN[$label]="still not listening on $miss after ${WAIT_SECS}s"
                    log "$label: up, pid ${DPID[$label]}, ${DPORTS[$label]} (WARNING: not on $miss)"
                else
                    fail "$label" "not listening on $miss after ${WAIT_SECS}s"
                fi
                continue
            fi
            pending=1
        done
        ((pending)) || return 0
        sleep 0.25
    done
}

UP_DONE=0
CREATED=0
on_up_exit() {
    local rc=$?
    ((UP_DONE)) && return 0
    ((rc != 0)) || rc=1
    echo "$PROG: up failed; tearing the lab down" >&2
    if ((CREATED)); then
        set +e
        do_down
    fi
    exit "$rc"
}

setup_mounts() {
    local r=$ROOT
    in_lab mount -t proc -o nosuid,nodev,noexec proc "$r/proc"
    in_lab mount -t tmpfs -o mode=0755,nosuid,size=4m tmpfs "$r/dev"
    # shellcheck disable=SC2016 # for the inner sh
    in_lab /bin/sh -euc '
        cd "$1/dev"
        mknod -m 666 null c 1 3; mknod -m 666 zero c 1 5; mknod -m 666 full c 1 7
        mknod -m 666 random c 1 8; mknod -m 666 urandom c 1 9; mknod -m 666 tty c 5 0
        mkdir -m 755 pts; mkdir -m 1777 shm
        ln -s pts/ptmx ptmx; ln -s /proc/self/fd fd
        ln -s /proc/self/fd/0 stdin; ln -s /proc/self/fd/1 stdout; ln -s /proc/self/fd/2 stderr
    ' sh "$r"
    in_lab mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$r/dev/pts"
    in_lab mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$r/dev/shm"
    in_lab mount -t tmpfs -o mode=0755,nosuid,nodev,size=64m tmpfs "$r/run"
    # What tmpfiles.d / the init scripts create in /run (users of the root).
    # shellcheck disable=SC2016 # for the inner sh
    in_root /bin/sh -c '
        d() { # MODE OWNER GROUP DIR (owner/group only if they exist in the root)
            install -d -m "$1" "$4"
            if getent passwd "$2" >/dev/null && getent group "$3" >/dev/null; then chown "$2:$3" "$4"; fi
        }
        d 1777 root root /run/lock
        d 0755 root root /run/sshd
        d 0755 _rpc root /run/rpcbind
        d 0775 root bind /run/named
        d 0750 Debian-exim Debian-exim /run/exim4
        d 0755 root root /run/vsftpd/empty
        d 0755 messagebus messagebus /run/dbus
        d 0755 root root /run/agentx
        d 0755 root root /run/cups
        : >/run/utmp
        if getent group utmp >/dev/null; then chgrp utmp /run/utmp; fi
        chmod 0664 /run/utmp
    '
}

# Pids (host) that have a listening socket in the host's namespace.
host_listening_pids() {
    ss -Hlntup 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true
}

envq() { # reason text -> single-quoted, without quotes/newlines inside
    local s=${1//\'/}
    s=${s//$'\n'/ }
    printf "'%s'" "$s"
}

do_up() {
    ROOT=$(realpath -e -- "$ROOT_ARG") || die "ROOT $ROOT_ARG does not exist"
    [[ $ROOT != / && -d $ROOT/usr/sbin && -d $ROOT/etc && -x $ROOT/bin/sh ]] \
        || die "$ROOT does not look like a root file system"
    [[ $ROOT =~ ^[A-Za-z0-9_./+-]+$ ]] || die "ROOT path '$ROOT': use only [A-Za-z0-9_./+-]"
    for cmd in ip ss nsenter unshare setsid chroot findmnt mount umount; do
        command -v "$cmd" >/dev/null 2>&1 || die "$cmd not found on this machine"
    done
    FLAVOR=$(sed -n 's/^AJAR_ROOT_FLAVOR=//p' "$ROOT/ajar-root.env" 2>/dev/null || true)
    if [[ -z $FLAVOR ]]; then
        if [[ -x $ROOT/usr/sbin/xinetd ]]; then FLAVOR=xinetd
        elif [[ -x $ROOT/usr/sbin/inetd ]]; then FLAVOR=inetd
        else die "cannot tell the flavor of $ROOT (no ajar-root.env, no inetd/xinetd)"; fi
    fi
    [[ ! -e $NSPATH ]] || die "namespace $NETNS already exists (run '$PROG down $NETNS STATEDIR' or pick another name)"
    [[ ! -e $STATEDIR/netns.inode ]] || die "$STATEDIR already holds a lab; run '$PROG down NAME $STATEDIR' first"
    [[ -z $(mounts_under "$ROOT") ]] || die "something is mounted under $ROOT in the host: $(mounts_under "$ROOT" | paste -sd' ')"
    [[ -z $(procs_in_root "$ROOT") ]] \
        || die "processes already run chrooted in $ROOT (pids $(procs_in_root "$ROOT" | paste -sd' ')); one lab per root"

    local t0=$SECONDS
    trap on_up_exit EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM

    mkdir -p -- "$STATEDIR"
    rm -f -- "$STATEDIR/lab.env" "$STATEDIR/lab.env.failed" "$STATEDIR"/*.log
    echo "$ROOT" >"$STATEDIR/root.path"

    ip netns add "$NETNS"
    CREATED=1
    echo "$NETNS" >"$STATEDIR/netns.name"
    NS_INODE=$(ns_inode)
    echo "$NS_INODE" >"$STATEDIR/netns.inode"
    ip netns exec "$NETNS" ip link set lo up

    # The holder: a process in the lab's netns with a private mount namespace.
    (exec ip netns exec "$NETNS" unshare --mount --propagation private -- sleep infinity) \
        </dev/null >/dev/null 2>&1 &
    HOLDER=$!
    echo "$HOLDER" >"$STATEDIR/holder.pid"
    local i host_mnt
    host_mnt=$(readlink /proc/self/ns/mnt)
    for ((i = 0; i < 100; i++)); do
        if [[ $(readlink "/proc/$HOLDER/exe" 2>/dev/null) == */sleep ]] \
            && [[ $(readlink "/proc/$HOLDER/ns/mnt" 2>/dev/null) != "$host_mnt" ]]; then
            break
        fi
        is_running "$HOLDER" || die "the namespace holder exited"
        sleep 0.05
    done
    ((i < 100)) || die "the namespace holder did not start"
    [[ $(pid_netns_inode "$HOLDER") == "$NS_INODE" ]] || die "the holder is not in namespace $NETNS"

    setup_mounts
    [[ -z $(mounts_under "$ROOT") ]] || die "lab mounts leaked into the host mount table"

    # sshd needs host keys; the packages' postinst made them, but not always.
    if ! compgen -G "$ROOT/etc/ssh/ssh_host_*_key" >/dev/null; then
        log "no sshd host key in the root: ssh-keygen -A"
        in_root ssh-keygen -A >"$STATEDIR/ssh-keygen.log" 2>&1 || log "ssh-keygen -A failed"
    fi

    local opts=() xopts=() compat
    # ---- phase 1: what others need (rpcbind for RPC services, dbus for avahi)
    if [[ $FLAVOR == inetd && -x $ROOT/usr/sbin/avahi-daemon ]]; then
        launch dbus file:/run/dbus/system_bus_socket /usr/bin/dbus-daemon \
            /usr/bin/dbus-daemon --system --nofork --nopidfile
    fi
    read -ra opts <<<"$(root_default /etc/default/rpcbind OPTIONS)"
    launch rpcbind "tcp/111 udp/111" /usr/sbin/rpcbind /usr/sbin/rpcbind -f "${opts[@]}"
    wait_for "${LABELS[@]}"

    # ---- phase 2
    local first2=${#LABELS[@]}
    case $FLAVOR in
        inetd)
            launch inetd "tcp/79" /usr/sbin/inetd /usr/sbin/inetd -i
            ;;
        xinetd)
            read -ra xopts <<<"$(root_default /etc/default/xinetd XINETD_OPTS)"
            compat=$(root_default /etc/default/xinetd INETD_COMPAT)
            # like /etc/init.d/xinetd (which also adds -inetd_ipv6 when perl
            # can open an AF_INET6 socket; this xinetd does not know that flag)
            if [[ $compat == [Yy]* ]]; then xopts+=(-inetd_compat); fi
            # -filelog: its messages (there is no syslog) go to STATEDIR/xinetd.log
            launch xinetd "tcp/79" /usr/sbin/xinetd /usr/sbin/xinetd -dontfork \
                -filelog /dev/stderr -pidfile /run/xinetd.pid "${xopts[@]}"
            ;;
    esac
    read -ra opts <<<"$(root_default /etc/default/ssh SSHD_OPTS)"
    if in_root /usr/sbin/sshd -t >"$STATEDIR/sshd-t.log" 2>&1; then
        launch sshd "tcp/22" /usr/sbin/sshd /usr/sbin/sshd -D -e "${opts[@]}"
    else
        LABELS+=(sshd)
        STATUS[sshd]=failed
        REASON[sshd]="sshd -t: $(head -n1 "$STATEDIR/sshd-t.log")"
        cp "$STATEDIR/sshd-t.log" "$STATEDIR/sshd.log"
        fail sshd "${REASON[sshd]}"
    fi
    launch vsftpd "tcp/21" /usr/sbin/vsftpd /usr/sbin/vsftpd /etc/vsftpd.conf
    if [[ $FLAVOR == inetd ]]; then
        launch exim4 "tcp/25" /usr/sbin/exim4 /usr/sbin/exim4 -bd -q30m
        read -ra opts <<<"$(root_default /etc/default/named OPTIONS)"
        launch named "tcp/53 udp/53 tcp/953" /usr/sbin/named /usr/sbin/named -f "${opts[@]}"
        launch snmpd "udp/161" /usr/sbin/snmpd /usr/sbin/snmpd -f -Lo \
            -u Debian-snmp -g Debian-snmp -I -smux,mteTrigger,mteTriggerConf
        launch cupsd "tcp/631" /usr/sbin/cupsd /usr/sbin/cupsd -f
        if [[ ${STATUS[dbus]:-} == up ]]; then
            launch avahi "udp/5353" /usr/sbin/avahi-daemon /usr/sbin/avahi-daemon
        elif [[ -x $ROOT/usr/sbin/avahi-daemon ]]; then
            skip avahi "dbus-daemon did not start (${REASON[dbus]:-})"
        fi
        if [[ ${STATUS[rpcbind]} == up ]]; then
            launch statd any /usr/sbin/rpc.statd /usr/sbin/rpc.statd -F
            launch mountd any /usr/sbin/rpc.mountd /usr/sbin/rpc.mountd -F
        else
            skip statd "rpcbind did not start"
            skip mountd "rpcbind did not start"
        fi
        if [[ -x $ROOT/usr/sbin/rpc.nfsd ]]; then
            if grep -qw nfsd /proc/filesystems; then
                skip nfsd "kernel nfsd threads are per network namespace but shared kernel state; not started by the lab"
            else
                skip nfsd "this kernel has no nfsd (no 'nfsd' in /proc/filesystems, no modules): rpc.nfsd cannot start"
            fi
        fi
    fi
    wait_for "${LABELS[@]:first2}"

    # Final picture, after the daemons had a moment to open all their sockets.
    sleep 1
    snapshot
    local label up_labels=()
    for label in "${LABELS[@]}"; do
        [[ ${STATUS[$label]} == up ]] || continue
        if [[ ${EXPECT[$label]} == file:* ]]; then
            DPORTS[$label]="" DSOCKS[$label]=""
            collect "$label" || true
            [[ -n $(pids_of "$label") ]] || fail "$label" "exited after start"
        elif ! collect "$label"; then
            fail "$label" "exited or closed its sockets after start"
        fi
        if [[ ${STATUS[$label]} == up ]]; then up_labels+=("${label^^}"); fi
    done

    local super=inetd
    if [[ $FLAVOR == xinetd ]]; then super=xinetd; fi
    local ok=1 U
    for label in "$super" sshd rpcbind; do
        [[ ${STATUS[$label]:-} == up ]] || ok=0
    done

    {
        echo "NETNS=$NETNS"
        echo "NETNS_INODE=$NS_INODE"
        echo "ROOT=$ROOT"
        echo "FLAVOR=$FLAVOR"
        echo "STATEDIR=$STATEDIR"
        echo "HOLDER_PID=$HOLDER"
        echo "DAEMONS=$(IFS=,; echo "${up_labels[*]}")"
        for label in "${LABELS[@]}"; do
            U=${label^^}
            if [[ ${STATUS[$label]} == up ]]; then
                echo "PID_$U=${DPID[$label]}"
                echo "PORTS_$U=${DPORTS[$label]:-}"
                echo "SOCKETS_$U=${DSOCKS[$label]:-}"
                if [[ -n ${WARN[$label]:-} ]]; then echo "WARN_$U=$(envq "${WARN[$label]}")"; fi
            else
                echo "FAILED_$U=$(envq "${REASON[$label]:-unknown}")"
            fi
        done
        for label in "${SKIPPED[@]}"; do
            echo "SKIPPED_${label^^}=$(envq "${SKIP_REASON[$label]}")"
        done
    } >"$STATEDIR/lab.env.tmp"

    # The lab's daemons must not listen in the host's namespace.
    local hp bad=""
    hp=$(host_listening_pids)
    for label in "${LABELS[@]}"; do
        [[ -n ${DPID[$label]:-} ]] || continue
        if grep -qxF -- "${DPID[$label]}" <<<"$hp"; then bad+=" $label(${DPID[$label]})"; fi
    done
    [[ -z $bad ]] || die "lab daemon(s) listening in the host namespace:$bad"

    if ((!ok)); then
        mv -f "$STATEDIR/lab.env.tmp" "$STATEDIR/lab.env.failed"
        sed 's/^/    /' "$STATEDIR/lab.env.failed" >&2
        if [[ ${AJAR_LAB_KEEP_ON_FAILURE:-0} == 1 ]]; then
            mv -f "$STATEDIR/lab.env.failed" "$STATEDIR/lab.env"
            UP_DONE=1
            trap - EXIT HUP INT TERM
            log "ERROR: $super, sshd and rpcbind must run; lab kept (AJAR_LAB_KEEP_ON_FAILURE=1): run '$PROG down $NETNS $STATEDIR'"
            exit 1
        fi
        die "$super, sshd and rpcbind must run (see $STATEDIR/lab.env.failed and the logs)"
    fi
    mv -f "$STATEDIR/lab.env.tmp" "$STATEDIR/lab.env"
    UP_DONE=1
    trap - EXIT HUP INT TERM
    log "lab $NETNS ($FLAVOR, $ROOT) up in $((SECONDS - t0))s; $STATEDIR/lab.env:"
    sed 's/^/    /' "$STATEDIR/lab.env" >&2
}

# --------------------------------------------------------------------- check

do_check() {
    local envf=$STATEDIR/lab.env fails=0 out key pid ports port p sockets hp env
    [[ -r $envf ]] || die "no $envf (is the lab up?)"
    env=$(cat "$envf")
    [[ $(sed -n 's/^NETNS=//p' "$envf") == "$NETNS" ]] || die "$envf is not for lab $NETNS"
    [[ $(ns_inode || true) == "$(sed -n 's/^NETNS_INODE=//p' "$envf")" ]] \
        || die "namespace $NETNS is gone or not the lab's"
    # finger via the super-server
    out=$(timeout 10 ip netns exec "$NETNS" bash -c \
        'exec 3<>/dev/tcp/127.0.0.1/79 && printf "root\r\n" >&3 && cat <&3' 2>&1 || true)
    if grep -q '^Login: root' <<<"$out"; then
        echo "ok    finger root@127.0.0.1 (tcp/79 in $NETNS): $(grep -m1 '^Login' <<<"$out" | tr -s ' \t' ' ')"
    else
        echo "FAIL  finger root@127.0.0.1 in $NETNS: ${out:-no answer}"
        fails=1
    fi
    sockets=$(lab_sockets)
    hp=$(host_listening_pids)
    while IFS='=' read -r key pid; do
        [[ $key == PID_* ]] || continue
        key=${key#PID_}
        ports=$(sed -n "s/^PORTS_$key=//p" <<<"$env")
        for port in ${ports//,/ }; do
            p=${port#*/}
            if ! awk -v pr="${port%%/*}" -v po="$p" -v pid="$pid" \
                '$1 == pr && $3 == pid { n = split($2, a, ":"); if (a[n] == po) f = 1 } END { exit !f }' <<<"$sockets"; then
                echo "FAIL  $key pid $pid does not listen on $port in $NETNS"
                fails=1
            fi
        done
        if grep -qxF -- "$pid" <<<"$hp"; then
            echo "FAIL  $key pid $pid has a listening socket in the host namespace"
            fails=1
        else
            echo "ok    $key pid $pid listens on ${ports:-(no inet sockets)} in $NETNS only"
        fi
    done <<<"$env"
    ((fails == 0)) || die "check failed"
    echo "check: lab $NETNS OK"
}

case $ACTION in
    up) do_up ;;
    down) do_down ;;
    check) do_check ;;
esac
