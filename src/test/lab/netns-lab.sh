#!/usr/bin/env bash
# A "lab" for ajar's integration tests: a network namespace in which real
# daemons from Debian packages listen. Run as root; the packages come from
# src/test/lab/install-test-deps.sh.
#
#   src/test/lab/netns-lab.sh up   NAME STATEDIR
#   src/test/lab/netns-lab.sh down NAME STATEDIR
#
# up creates network namespace NAME (lo up) and starts in it, each as a
# foreground daemon in its own session (setsid), output in STATEDIR/*.log:
#   inetd    /usr/sbin/inetd -i STATEDIR/inetd.conf (openbsd-inetd)
#              tcp 79  finger via /usr/sbin/tcpd /usr/sbin/in.fingerd (IPv4+IPv6)
#              tcp 13  daytime, inetd-internal (IPv4+IPv6)
#   sshd     /usr/sbin/sshd -D -e -f STATEDIR/sshd_config, tcp 22 on 0.0.0.0 and ::
#            (own ed25519 host key in STATEDIR, PidFile in STATEDIR)
#   rpcbind  /usr/sbin/rpcbind -f, tcp+udp 111 on 0.0.0.0 and ::
#   python3  /usr/bin/python3 as user nobody (setpriv): udp 0.0.0.0:9999 and
#            tcp 127.0.0.1:8080 (accepts, writes "ajar-lab\n", closes)
# It waits until every expected socket is listening and owned by the recorded
# pid (checked with `ip netns exec NAME ss -ltnup`), then writes
# STATEDIR/lab.env (KEY=VALUE): NETNS, NETNS_INODE, INETD_PID, SSHD_PID,
# RPCBIND_PID, PY_PID. Each *_PID is the daemon process itself, the one that
# holds the listening sockets (ip netns exec and setsid exec, not fork).
#
# Private /run: every lab daemon runs with STATEDIR/run bind-mounted over /run
# inside the mount namespace that `ip netns exec` creates for it (a slave
# namespace: nothing propagates back to the host). So the paths the daemons
# hard-code -- /run/inetd.pid, /run/rpcbind.lock, /run/rpcbind.sock,
# /run/rpcbind/*.xdr, sshd's privilege separation dir /run/sshd -- land in
# STATEDIR/run, two labs (or a lab and a host rpcbind) do not collide
# (rpcbind refuses to start when /run/rpcbind.lock is held), and nothing is
# written to the host's /run. No systemd is needed by any of them.
#
# down kills the recorded daemons and any other process still in the lab's
# namespace (TERM, then KILL after 3 s) and deletes the namespace. It only
# touches a namespace whose inode matches the one recorded by up in
# STATEDIR/netns.inode (name in netns.name), so it never deletes a namespace it did not create;
# it is safe to run twice and after a failed up. It removes nothing outside
# STATEDIR except the namespace; logs and configs stay in STATEDIR.
#
# up cleans up after itself on failure (trap) and exits non-zero naming the
# daemon that failed, with the tail of its log.
set -euo pipefail

PROG=${0##*/}
WAIT_SECS=${LAB_WAIT_SECS:-10}

usage() {
    echo "usage: $PROG up|down NAME STATEDIR" >&2
    exit 2
}
die() {
    echo "$PROG: ERROR: $*" >&2
    exit 1
}
log() { echo "$PROG: $*" >&2; }

(($# == 3)) || usage
ACTION=$1
NETNS=$2
STATEDIR=$3
[[ $NETNS =~ ^[A-Za-z0-9_.-]{1,64}$ && $NETNS != . && $NETNS != .. ]] \
    || die "bad namespace name '$NETNS' (use [A-Za-z0-9_.-], at most 64 chars)"
[[ -n $STATEDIR ]] || usage
[[ $(id -u) -eq 0 ]] || die "must run as root"
STATEDIR=$(realpath -m -- "$STATEDIR")
NSPATH=/run/netns/$NETNS
PIDDIR=$STATEDIR/pids
INODE_FILE=$STATEDIR/netns.inode
NAME_FILE=$STATEDIR/netns.name

# ---------------------------------------------------------------- helpers

ns_inode() { stat -L -c %i "$NSPATH" 2>/dev/null; }

# The inode of the network namespace of PID, or nothing.
pid_netns_inode() { stat -L -c %i "/proc/$1/ns/net" 2>/dev/null; }

# Prints "PROTO PORT" (tcp/udp) for every listening socket of PID inside the
# lab namespace.
ports_of_pid() {
    ip netns exec "$NETNS" ss -Hlntup 2>/dev/null \
        | awk -v want="pid=$1," 'index($0, want) {
              n = split($5, a, ":"); print $1, a[n] }' \
        | sort -u
}

# ------------------------------------------------------------------- down

# Alive and not a zombie (an exited daemon stays a zombie until its parent,
# pid 1 here, reaps it).
is_running() {
    local st
    st=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null) || return 1
    [[ -n $st && $st != Z && $st != X ]]
}

kill_pids() { # PID... : TERM, wait up to 3 s, KILL
    local pid alive i
    (($# > 0)) || return 0
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 30; i++)); do
        alive=0
        for pid in "$@"; do
            if is_running "$pid"; then alive=1; fi
        done
        ((alive)) || return 0
        sleep 0.1
    done
    for pid in "$@"; do
        if is_running "$pid"; then
            log "pid $pid did not exit on TERM within 3 s, sending KILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}

do_down() {
    local want cur f pid name pids=()
    want=$(cat "$INODE_FILE" 2>/dev/null || true)
    name=$(cat "$NAME_FILE" 2>/dev/null || true)
    if [[ -n $want && -n $name && $name != "$NETNS" ]]; then
        die "$STATEDIR holds lab '$name', not '$NETNS'; nothing done"
    fi
    cur=$(ns_inode || true)
    if [[ -z $want ]]; then
        if [[ -n $cur ]]; then
            log "namespace $NETNS exists but was not created by this STATEDIR ($STATEDIR); leaving it alone"
        fi
        rm -rf -- "$PIDDIR" "$STATEDIR/lab.env"
        return 0
    fi
    # Recorded daemons, if still alive and still in the lab's namespace (so a
    # recycled pid is never killed).
    if [[ -d $PIDDIR ]]; then
        for f in "$PIDDIR"/*; do
            [[ -f $f ]] || continue
            pid=$(cat "$f" 2>/dev/null || true)
            [[ $pid =~ ^[0-9]+$ ]] || continue
            [[ $(pid_netns_inode "$pid") == "$want" ]] && pids+=("$pid")
        done
    fi
    kill_pids "${pids[@]}"
    if [[ -n $cur && $cur == "$want" ]]; then
        # Whatever else still runs in the namespace (in.fingerd, sshd children..).
        pids=()
        while read -r pid; do
            [[ $pid =~ ^[0-9]+$ && $(pid_netns_inode "$pid") == "$want" ]] && pids+=("$pid")
        done < <(ip netns pids "$NETNS" 2>/dev/null || true)
        kill_pids "${pids[@]}"
        ip netns del "$NETNS" || die "ip netns del $NETNS failed"
        log "namespace $NETNS deleted"
    elif [[ -n $cur ]]; then
        log "namespace $NETNS (inode $cur) is not the lab's (inode $want); leaving it alone"
    fi
    rm -rf -- "$PIDDIR" "$STATEDIR/lab.env" "$INODE_FILE" "$NAME_FILE"
}

# --------------------------------------------------------------------- up

# in_lab CMD... : execs CMD in the lab namespace with the lab's private /run
# (`ip netns exec` unshares a mount namespace, the inner sh bind-mounts
# STATEDIR/run over /run there and execs CMD).
in_lab() {
    # shellcheck disable=SC2016 # $1/$@ are for the inner sh
    exec ip netns exec "$NETNS" /bin/sh -c \
        'mount -n --bind "$1" /run || exit 125; shift; exec "$@"' \
        lab-run "$STATEDIR/run" "$@"
}

# start_daemon LABEL CMD... : runs CMD inside the lab namespace with the lab's
# private /run, in a new session, detached, output to STATEDIR/LABEL.log;
# records the pid. The background subshell, `ip netns exec`, the inner sh,
# `setsid` (not a process group leader here, so it does not fork) and setpriv
# all exec, so $! is the daemon's own pid (wait_listening checks it).
start_daemon() {
    local label=$1
    shift
    : >"$STATEDIR/$label.log"
    (in_lab setsid "$@") </dev/null >>"$STATEDIR/$label.log" 2>&1 &
    echo "$!" >"$PIDDIR/$label"
    CURRENT=$label
}

fail_daemon() { # LABEL MESSAGE
    local label=$1 msg=$2
    {
        echo "$PROG: ERROR: daemon '$label' failed: $msg"
        echo "---- tail of $STATEDIR/$label.log ----"
        tail -n 20 "$STATEDIR/$label.log" 2>/dev/null || true
        echo "---- end of log ----"
    } >&2
    exit 1
}

# wait_listening LABEL "tcp 79" "udp 111" ... : waits (up to WAIT_SECS) until
# the recorded pid of LABEL holds all the given listening sockets.
wait_listening() {
    local label=$1 pid have missing want deadline
    shift
    CURRENT=$label
    pid=$(cat "$PIDDIR/$label")
    deadline=$((SECONDS + WAIT_SECS))
    while :; do
        if ! is_running "$pid"; then
            fail_daemon "$label" "process $pid exited before listening"
        fi
        have=$(ports_of_pid "$pid")
        missing=()
        for want in "$@"; do
            grep -qxF -- "$want" <<<"$have" || missing+=("$want")
        done
        ((${#missing[@]} == 0)) && break
        if ((SECONDS >= deadline)); then
            fail_daemon "$label" "pid $pid not listening on ${missing[*]} after ${WAIT_SECS}s (it has: $(echo "$have" | paste -sd, -))"
        fi
        sleep 0.1
    done
    [[ $(pid_netns_inode "$pid") == "$(cat "$INODE_FILE")" ]] \
        || fail_daemon "$label" "pid $pid is not in namespace $NETNS"
    log "$label pid $pid listening: $(echo "$have" | paste -sd, -)"
}

PY_SERVER='
import os, select, socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
u.bind(("0.0.0.0", 9999))
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("127.0.0.1", 8080))
t.listen(16)
print("ajar-lab python listener pid %d uid %d" % (os.getpid(), os.getuid()), flush=True)
while True:
    r, _, _ = select.select([u, t], [], [])
    if u in r:
        data, peer = u.recvfrom(2048)
        u.sendto(data, peer)
    if t in r:
        c, _ = t.accept()
        try:
            c.sendall(b"ajar-lab\n")
        except OSError:
            pass
        c.close()
'

UP_DONE=0
CREATED_NS=0
CURRENT=""

on_up_exit() {
    local rc=$?
    ((UP_DONE)) && return 0
    ((rc != 0)) || rc=1
    if [[ -n $CURRENT ]]; then
        echo "$PROG: up failed (last step: $CURRENT); cleaning up" >&2
    else
        echo "$PROG: up failed; cleaning up" >&2
    fi
    if ((CREATED_NS)); then
        set +e
        do_down
    fi
    exit "$rc"
}

do_up() {
    local cmd
    for cmd in ip ss setsid setpriv mount ssh-keygen /usr/sbin/inetd /usr/sbin/tcpd \
        /usr/sbin/in.fingerd /usr/sbin/sshd /usr/sbin/rpcbind /usr/bin/python3; do
        command -v "$cmd" >/dev/null 2>&1 \
            || die "$cmd not found; run src/test/lab/install-test-deps.sh first"
    done
    if [[ -e $NSPATH ]]; then
        die "namespace $NETNS already exists (run '$PROG down $NETNS STATEDIR' or pick another name)"
    fi
    if [[ -e $INODE_FILE ]]; then
        die "$STATEDIR already holds a lab ($INODE_FILE); run '$PROG down NAME $STATEDIR' first"
    fi
    local t0=$SECONDS
    trap on_up_exit EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM

    mkdir -p -- "$STATEDIR"
    rm -rf -- "$PIDDIR" "$STATEDIR/lab.env" "$STATEDIR/run"
    mkdir -p -- "$PIDDIR"
    install -d -m 0755 -o root -g root "$STATEDIR/run" "$STATEDIR/run/sshd"
    install -d -m 0755 -o _rpc -g root "$STATEDIR/run/rpcbind"
    : >"$STATEDIR/run/utmp"
    chmod 0644 "$STATEDIR/run/utmp"

    CURRENT="namespace"
    ip netns add "$NETNS"
    CREATED_NS=1
    echo "$NETNS" >"$NAME_FILE"
    ns_inode >"$INODE_FILE"
    ip netns exec "$NETNS" ip link set lo up

    # a) openbsd-inetd: finger (tcpd + in.fingerd) and internal daytime.
    CURRENT="inetd"
    cat >"$STATEDIR/inetd.conf" <<'EOF'
# ajar lab inetd.conf (openbsd-inetd); "tcp" = IPv4 and IPv6 sockets
finger	stream	tcp	nowait	nobody	/usr/sbin/tcpd	/usr/sbin/in.fingerd
daytime	stream	tcp	nowait	root	internal
EOF
    # -i: do not daemonize; the last argument is the configuration file.
    start_daemon inetd /usr/sbin/inetd -i "$STATEDIR/inetd.conf"

    # b) sshd with its own host key.
    CURRENT="sshd"
    if [[ ! -s $STATEDIR/ssh_host_ed25519_key ]]; then
        rm -f "$STATEDIR/ssh_host_ed25519_key" "$STATEDIR/ssh_host_ed25519_key.pub"
        ssh-keygen -q -t ed25519 -N '' -C "ajar-lab-$NETNS" -f "$STATEDIR/ssh_host_ed25519_key" >/dev/null
    fi
    cat >"$STATEDIR/sshd_config" <<EOF
# ajar lab sshd_config
Port 22
ListenAddress 0.0.0.0
ListenAddress ::
HostKey $STATEDIR/ssh_host_ed25519_key
PidFile $STATEDIR/sshd.pid
UsePAM no
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile none
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PrintMotd no
EOF
    (in_lab /usr/sbin/sshd -t -f "$STATEDIR/sshd_config") >"$STATEDIR/sshd.log" 2>&1 \
        || fail_daemon sshd "sshd -t rejected $STATEDIR/sshd_config"
    # -D: no detach; -e: log to stderr (STATEDIR/sshd.log).
    start_daemon sshd /usr/sbin/sshd -D -e -f "$STATEDIR/sshd_config"

    # c) rpcbind. -f: foreground. No -w (warm start), so no state is read;
    # the state files it writes on exit go to the private /run (STATEDIR/run).
    CURRENT="rpcbind"
    start_daemon rpcbind /usr/sbin/rpcbind -f

    # d) an unprivileged python3 listener, as nobody.
    CURRENT="python3"
    start_daemon python3 setpriv --reuid=nobody --regid=nogroup --clear-groups \
        /usr/bin/python3 -u -c "$PY_SERVER"

    wait_listening inetd "tcp 79" "tcp 13"
    wait_listening sshd "tcp 22"
    wait_listening rpcbind "tcp 111" "udp 111"
    wait_listening python3 "tcp 8080" "udp 9999"
    CURRENT="lab.env"

    local inode
    inode=$(cat "$INODE_FILE")
    cat >"$STATEDIR/lab.env.tmp" <<EOF
NETNS=$NETNS
NETNS_INODE=$inode
INETD_PID=$(cat "$PIDDIR/inetd")
SSHD_PID=$(cat "$PIDDIR/sshd")
RPCBIND_PID=$(cat "$PIDDIR/rpcbind")
PY_PID=$(cat "$PIDDIR/python3")
EOF
    mv -f "$STATEDIR/lab.env.tmp" "$STATEDIR/lab.env"

    # The lab's daemons must not show up in the host namespace.
    CURRENT="host check"
    local host_ss pid
    host_ss=$(ss -Hlntup 2>/dev/null || true)
    local f
    for f in "$PIDDIR"/*; do
        pid=$(cat "$f")
        if grep -q "pid=$pid," <<<"$host_ss"; then
            die "lab pid $pid ($f) has a listening socket in the HOST namespace"
        fi
    done
    local host_lab_ports
    host_lab_ports=$(awk '{n = split($5, a, ":"); if (a[n] ~ /^(13|22|79|111|8080|9999)$/) print}' <<<"$host_ss")
    if [[ -n $host_lab_ports ]]; then
        log "host check OK: no lab pid listens in the host namespace (host's own listeners on lab ports, not the lab's:)"
        while IFS= read -r l; do printf '    %s\n' "$l"; done <<<"$host_lab_ports" >&2
    else
        log "host check OK: nothing listens on 13/22/79/111/8080/9999 in the host namespace"
    fi

    UP_DONE=1
    trap - EXIT HUP INT TERM
    log "lab $NETNS up in $((SECONDS - t0))s; $STATEDIR/lab.env:"
    sed 's/^/    /' "$STATEDIR/lab.env" >&2
}

case $ACTION in
    up) do_up ;;
    down) do_down ;;
    *) usage ;;
esac
