#!/usr/bin/env bash
# capture-procnet-fixtures.sh - capture REAL /proc/net/{tcp,tcp6,udp,udp6,
# udplite,udplite6,raw,raw6} fixtures for ajar's parser tests.
#
# What it does (must run as root on Linux, needs iproute2 + python3, stdlib only):
#   1. creates a private network namespace "$NS" containing only:
#        lo                     127.0.0.1/8, ::1
#        v0  (veth)             10.99.0.1/24, fd00:99::1/64, fe80::99:1/64
#        v1  (veth peer of v0)  no addresses, IPv6 disabled
#      v0 has permanent neighbour entries saying that 10.99.0.2 / fd00:99::2
#      live at v1's MAC.  Nothing answers for them except a tiny userspace TCP
#      in the python helper, which reads/writes raw Ethernet frames on v1
#      (AF_PACKET).  That lets us produce SYN_SENT, SYN_RECV, FIN_WAIT1,
#      CLOSING and LAST_ACK deterministically.  No traffic ever leaves the
#      namespace: there is no route and no interface out of it.
#   2. runs a python3 helper inside the namespace that opens TCP/UDP/UDP-Lite/
#      RAW sockets (IPv4 + IPv6) in as many states as possible, then
#      copies /proc/<pid>/net/<file> of that process verbatim while the
#      sockets are held open, writes states/expected.txt (one line per socket)
#      and cross-checks every captured line against expected.txt.
#   3. copies this host's own /proc/net/{tcp,tcp6,udp,udp6} into host/.
#   4. tears the namespace down (also on error / Ctrl-C).
#
# Output (replaced atomically only if the cross-check passes):
#   src/test/resources/procnet/states/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6}
#   src/test/resources/procnet/states/expected.txt
#   src/test/resources/procnet/states/capture-info.txt
#   src/test/resources/procnet/host/{tcp,tcp6,udp,udp6}
#   src/test/resources/procnet/host/capture-info.txt
# The hand-made files in src/test/resources/procnet/hostile/ are NOT touched.
#
# Re-runnable: a stale namespace of the same name is deleted first.
set -euo pipefail

NS=${AJAR_CAPTURE_NS:-ajar-capture}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/src/test/resources/procnet
FILES=(tcp tcp6 udp udp6 udplite udplite6 raw raw6)
HOST_FILES=(tcp tcp6 udp udp6)

die() { echo "capture-procnet-fixtures: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || die "must run as root (needs ip netns, raw and packet sockets)"
command -v ip >/dev/null || die "iproute2 'ip' not found"
command -v python3 >/dev/null || die "python3 not found"

WORK=$(mktemp -d /tmp/ajar-procnet.XXXXXX)
PY_PID=
cleanup() {
    local rc=$?
    if [[ -n ${PY_PID:-} ]] && kill -0 "$PY_PID" 2>/dev/null; then
        kill "$PY_PID" 2>/dev/null || true
        wait "$PY_PID" 2>/dev/null || true
    fi
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

nsx() { ip netns exec "$NS" "$@"; }

# ---------------------------------------------------------------- namespace
ip netns del "$NS" 2>/dev/null || true
ip netns add "$NS"
nsx ip link set lo up
nsx ip link add v0 type veth peer name v1
nsx sysctl -qw net.ipv6.conf.v1.disable_ipv6=1
nsx ip link set v0 up
nsx ip link set v1 up
nsx ip addr add 10.99.0.1/24 dev v0
nsx ip -6 addr add fd00:99::1/64 dev v0 nodad
nsx ip -6 addr add fe80::99:1/64 dev v0 nodad
V0MAC=$(nsx cat /sys/class/net/v0/address)
V1MAC=$(nsx cat /sys/class/net/v1/address)
nsx ip neigh add 10.99.0.2 lladdr "$V1MAC" dev v0 nud permanent
nsx ip -6 neigh add fd00:99::2 lladdr "$V1MAC" dev v0 nud permanent

mkdir -p "$WORK/states" "$WORK/host"

# ---------------------------------------------------------------- helper
cat >"$WORK/capture.py" <<'PYEOF'
"""Open sockets in many states inside the capture namespace, hold them,
tell the shell to copy /proc/<pid>/net/*, then cross-check the copies."""
import errno, os, random, select, socket, struct, sys, time

OUTDIR, V0MAC, V1MAC = sys.argv[1], sys.argv[2], sys.argv[3]
FILES = ["tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6"]
ST = dict(ESTABLISHED=0x01, SYN_SENT=0x02, SYN_RECV=0x03, FIN_WAIT1=0x04,
          FIN_WAIT2=0x05, TIME_WAIT=0x06, CLOSE=0x07, CLOSE_WAIT=0x08,
          LAST_ACK=0x09, LISTEN=0x0A, CLOSING=0x0B)
IPPROTO_UDPLITE = 136
A4, A6 = socket.AF_INET, socket.AF_INET6
KEEP = []          # keep every socket object alive until the end
EXPECTED = []      # (file, st, laddr, lport, raddr, rport, inode, uid, note)


def log(*a):
    print("capture.py:", *a, file=sys.stderr, flush=True)


def canon(addr):
    addr = addr.split("%", 1)[0]
    fam = A6 if ":" in addr else A4
    return socket.inet_ntop(fam, socket.inet_pton(fam, addr))


def ino(s):
    return os.fstat(s.fileno()).st_ino


def expect(file, state, local, remote, inode, note, uid=0):
    EXPECTED.append((file, ST[state], canon(local[0]), local[1],
                     canon(remote[0]), remote[1], inode, uid, note))


def keep(*socks):
    KEEP.extend(socks)
    return socks[0] if len(socks) == 1 else socks


def settle(t=0.3):
    time.sleep(t)


# ---------------------------------------------------------------- TCP loopback
def listener(fam, addr, port, v6only=None, backlog=16):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, int(v6only))
    s.bind((addr, port))
    s.listen(backlog)
    s.settimeout(5)
    return keep(s)


def connect(fam, addr, port):
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.settimeout(5)
    c.connect((addr, port))
    return c


def tcp_file(sock):
    return "tcp6" if sock.family == A6 else "tcp"


def est_pair(lst, fam, addr, note):
    """ESTABLISHED client+server pair; returns (client, server)."""
    c = connect(fam, addr, lst.getsockname()[1])
    a, _ = lst.accept()
    keep(c, a)
    return c, a


def tcp_loopback():
    L = {}
    hb = listener(A4, "127.255.255.254", 7010)
    expect("tcp", "LISTEN", hb.getsockname(), ("0.0.0.0", 0), ino(hb),
           "listen 127.255.255.254: address hex FEFFFF7F has the top bit set (overflows a signed 32-bit int)")
    L["l4"] = listener(A4, "127.0.0.1", 7001)
    expect("tcp", "LISTEN", L["l4"].getsockname(), ("0.0.0.0", 0), ino(L["l4"]),
           "listen 127.0.0.1")
    L["any4"] = listener(A4, "0.0.0.0", 7002)
    # rx_queue of this listener will be 1: one connection waits in the accept queue
    expect("tcp", "LISTEN", L["any4"].getsockname(), ("0.0.0.0", 0), ino(L["any4"]),
           "listen 0.0.0.0; accept queue holds 1 (rx_queue=1)")
    L["any6only"] = listener(A6, "::", 7002, v6only=True)
    expect("tcp6", "LISTEN", L["any6only"].getsockname(), ("::", 0), ino(L["any6only"]),
           "listen :: IPV6_V6ONLY=1, same port as the 0.0.0.0 listener")
    L["l6"] = listener(A6, "::1", 7003)
    expect("tcp6", "LISTEN", L["l6"].getsockname(), ("::", 0), ino(L["l6"]),
           "listen ::1")
    L["dual"] = listener(A6, "::", 7004, v6only=False)
    expect("tcp6", "LISTEN", L["dual"].getsockname(), ("::", 0), ino(L["dual"]),
           "listen :: IPV6_V6ONLY=0 (dual stack)")

    # --- ESTABLISHED
    c, a = est_pair(L["l4"], A4, "127.0.0.1", "")
    c.sendall(b"x" * 37)            # never read by a -> a.rx_queue = 0x25
    expect("tcp", "ESTABLISHED", c.getsockname(), c.getpeername(), ino(c),
           "established client v4")
    expect("tcp", "ESTABLISHED", a.getsockname(), a.getpeername(), ino(a),
           "established server v4 (accepted); 37 unread bytes (rx_queue=0x25)")
    c, a = est_pair(L["l6"], A6, "::1", "")
    expect("tcp6", "ESTABLISHED", c.getsockname(), c.getpeername(), ino(c),
           "established client v6")
    expect("tcp6", "ESTABLISHED", a.getsockname(), a.getpeername(), ino(a),
           "established server v6 (accepted)")
    c, a = est_pair(L["dual"], A6, "::ffff:127.0.0.1", "")
    expect("tcp6", "ESTABLISHED", c.getsockname(), c.getpeername(), ino(c),
           "established client AF_INET6 socket connected to v4-mapped ::ffff:127.0.0.1")
    expect("tcp6", "ESTABLISHED", a.getsockname(), a.getpeername(), ino(a),
           "established server accepted on dual-stack :: listener from the v4-mapped client")
    c, a = est_pair(L["dual"], A4, "127.0.0.1", "")
    expect("tcp", "ESTABLISHED", c.getsockname(), c.getpeername(), ino(c),
           "established client AF_INET socket connected to the dual-stack :: listener")
    expect("tcp6", "ESTABLISHED", a.getsockname(), a.getpeername(), ino(a),
           "established server on dual-stack listener; plain IPv4 peer shows up v4-mapped in tcp6")
    c, a = est_pair(L["any6only"], A6, "::1", "")
    expect("tcp6", "ESTABLISHED", c.getsockname(), c.getpeername(), ino(c),
           "established client v6 to the V6ONLY :: listener")
    expect("tcp6", "ESTABLISHED", a.getsockname(), a.getpeername(), ino(a),
           "established server v6 accepted on the V6ONLY :: listener")
    # connection completed by the kernel but never accept()ed: no file -> inode 0
    c = keep(connect(A4, "127.0.0.1", 7002))
    expect("tcp", "ESTABLISHED", c.getsockname(), c.getpeername(), ino(c),
           "established client v4 whose server side is not yet accept()ed")
    expect("tcp", "ESTABLISHED", c.getpeername(), c.getsockname(), 0,
           "established server side sitting in the accept queue (never accept()ed): inode 0")

    # --- TIME_WAIT: active closer = client
    for fam, addr, lst in ((A4, "127.0.0.1", L["l4"]), (A6, "::1", L["l6"])):
        c = connect(fam, addr, lst.getsockname()[1])
        a, _ = lst.accept()
        cl, pr, ci = c.getsockname(), c.getpeername(), ino(c)
        c.close()
        settle(0.1)
        a.close()                   # a: CLOSE_WAIT -> LAST_ACK -> CLOSED
        expect(tcp_file(lst), "TIME_WAIT", cl, pr, 0,
               "time-wait sock after active close by client (fd inode was %d, /proc shows 0)" % ci)

    # --- FIN_WAIT2 (held fd, shutdown(SHUT_WR)) + CLOSE_WAIT
    for fam, addr, lst in ((A4, "127.0.0.1", L["l4"]), (A6, "::1", L["l6"])):
        c, a = est_pair(lst, fam, addr, "")
        c.shutdown(socket.SHUT_WR)
        expect(tcp_file(lst), "FIN_WAIT2", c.getsockname(), c.getpeername(), ino(c),
               "client did shutdown(SHUT_WR), fd still open; peer acked FIN")
        expect(tcp_file(lst), "CLOSE_WAIT", a.getsockname(), a.getpeername(), ino(a),
               "server got FIN and has not closed")

    # --- orphaned FIN_WAIT2 (client close()d) + CLOSE_WAIT
    for fam, addr, lst in ((A4, "127.0.0.1", L["l4"]), (A6, "::1", L["l6"])):
        c = connect(fam, addr, lst.getsockname()[1])
        a, _ = lst.accept()
        keep(a)
        cl, pr, ci = c.getsockname(), c.getpeername(), ino(c)
        c.close()
        expect(tcp_file(lst), "FIN_WAIT2", cl, pr, 0,
               "orphaned FIN_WAIT2 after close() (fd inode was %d, /proc shows 0)" % ci)
        expect(tcp_file(lst), "CLOSE_WAIT", a.getsockname(), a.getpeername(), ino(a),
               "server got FIN from the orphaned client and has not closed")


# ---------------------------------------------------------------- userspace TCP on v1
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class Wire:
    """Raw Ethernet on v1: we play the host 10.99.0.2 / fd00:99::2."""

    def __init__(self, ifname, mymac, peermac):
        self.s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
        self.s.bind((ifname, 0))
        self.mymac = bytes.fromhex(mymac.replace(":", ""))
        self.peermac = bytes.fromhex(peermac.replace(":", ""))

    def send(self, ethertype, pkt):
        self.s.send(self.peermac + self.mymac + struct.pack("!H", ethertype) + pkt)

    def recv_tcp(self, deadline):
        while True:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.s], [], [], left)[0]:
                return None
            data, addr = self.s.recvfrom(65535)
            if addr[2] == socket.PACKET_OUTGOING:
                continue
            et, p = struct.unpack("!H", data[12:14])[0], data[14:]
            if et == 0x0800 and p[9] == 6:
                ihl, tot = (p[0] & 15) * 4, struct.unpack("!H", p[2:4])[0]
                src, dst, seg = p[12:16], p[16:20], p[ihl:tot]
            elif et == 0x86DD and p[6] == 6:
                plen = struct.unpack("!H", p[4:6])[0]
                src, dst, seg = p[8:24], p[24:40], p[40:40 + plen]
            else:
                continue
            sp, dp, seq, ack, off, fl = struct.unpack("!HHIIBB", seg[:14])
            return dict(src=src, dst=dst, sport=sp, dport=dp, seq=seq, ack=ack,
                        flags=fl, payload=seg[(off >> 4) * 4:])


class UTcp:
    """Just enough TCP to drive the kernel peer into the state we want."""

    def __init__(self, wire, fam, src, dst, sport, dport):
        self.w, self.fam = wire, fam
        self.src, self.dst = socket.inet_pton(fam, src), socket.inet_pton(fam, dst)
        self.sport, self.dport = sport, dport
        self.snd_nxt = random.getrandbits(32)
        self.rcv_nxt = 0

    def send(self, flags, payload=b"", ack=None):
        ack = self.rcv_nxt if ack is None else ack
        seg = struct.pack("!HHIIBBHHH", self.sport, self.dport, self.snd_nxt & 0xFFFFFFFF,
                          ack & 0xFFFFFFFF if flags & ACK else 0, 5 << 4, flags, 65535, 0, 0) + payload
        if self.fam == A4:
            pseudo = self.src + self.dst + struct.pack("!BBH", 0, 6, len(seg))
        else:
            pseudo = self.src + self.dst + struct.pack("!I3xB", len(seg), 6)
        seg = seg[:16] + struct.pack("!H", csum(pseudo + seg)) + seg[18:]
        if self.fam == A4:
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), random.getrandbits(16),
                             0x4000, 64, 6, 0, self.src, self.dst)
            ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
            self.w.send(0x0800, ip + seg)
        else:
            ip = struct.pack("!IHBB16s16s", 6 << 28, len(seg), 6, 64, self.src, self.dst)
            self.w.send(0x86DD, ip + seg)
        self.snd_nxt += len(payload) + (1 if flags & (SYN | FIN) else 0)

    def wait(self, flags, timeout=3.0, min_payload=0):
        deadline = time.time() + timeout
        while True:
            p = self.w.recv_tcp(deadline)
            if p is None:
                raise RuntimeError("timeout waiting for flags %#x on port %d" % (flags, self.sport))
            if (p["src"], p["dst"], p["sport"], p["dport"]) != (self.dst, self.src, self.dport, self.sport):
                continue
            if p["flags"] & RST:
                raise RuntimeError("got RST on port %d" % self.sport)
            if p["flags"] & flags == flags and len(p["payload"]) >= min_payload:
                return p

    def syn(self):
        self.send(SYN)
        p = self.wait(SYN | ACK)
        self.rcv_nxt = p["seq"] + 1

    def handshake(self):
        self.syn()
        self.send(ACK)


def tcp_veth():
    wire = Wire("v1", V1MAC, V0MAC)
    for fam, me, peer, f in ((A4, "10.99.0.1", "10.99.0.2", "tcp"),
                             (A6, "fd00:99::1", "fd00:99::2", "tcp6")):
        lst = listener(fam, me, 7100)
        expect(f, "LISTEN", lst.getsockname(), (canon("::" if fam == A6 else "0.0.0.0"), 0),
               ino(lst), "listen on veth address; the peer is the userspace TCP on v1")

        # SYN_SENT: nobody ever answers SYNs sent to peer:9
        c = keep(socket.socket(fam, socket.SOCK_STREAM))
        c.setblocking(False)
        err = c.connect_ex((peer, 9))
        assert err == errno.EINPROGRESS, err
        expect(f, "SYN_SENT", c.getsockname(), (peer, 9), ino(c),
               "non-blocking connect() to %s:9, SYN never answered" % peer)

        # SYN_RECV: peer sends SYN, never ACKs the SYN-ACK -> request sock
        u = UTcp(wire, fam, peer, me, 50001, 7100)
        u.syn()
        expect(f, "SYN_RECV", (me, 7100), (peer, 50001), 0,
               "request sock: SYN received, SYN-ACK never acked (no file -> inode 0)")

        # ESTABLISHED with 100 unacked bytes in the send queue
        u = UTcp(wire, fam, peer, me, 50002, 7100)
        u.handshake()
        a, _ = lst.accept()
        keep(a)
        a.sendall(b"y" * 100)
        u.wait(ACK, min_payload=1)
        expect(f, "ESTABLISHED", a.getsockname(), a.getpeername(), ino(a),
               "established; 100 bytes sent, never acked by peer (tx_queue=0x64)")

        # FIN_WAIT1: we shutdown(SHUT_WR), peer never ACKs our FIN
        u = UTcp(wire, fam, peer, me, 50003, 7100)
        u.handshake()
        a, _ = lst.accept()
        keep(a)
        a.shutdown(socket.SHUT_WR)
        u.wait(FIN)
        expect(f, "FIN_WAIT1", a.getsockname(), a.getpeername(), ino(a),
               "shutdown(SHUT_WR); our FIN never acked by peer")

        # CLOSING: simultaneous close - peer sends its FIN without acking ours
        u = UTcp(wire, fam, peer, me, 50004, 7100)
        u.handshake()
        a, _ = lst.accept()
        keep(a)
        a.shutdown(socket.SHUT_WR)
        u.wait(FIN)                 # do NOT advance rcv_nxt past their FIN
        u.send(FIN | ACK)
        u.wait(ACK)
        expect(f, "CLOSING", a.getsockname(), a.getpeername(), ino(a),
               "simultaneous close: peer's FIN arrived before our FIN was acked")

        # LAST_ACK: peer closes first, we shutdown(SHUT_WR), peer never ACKs our FIN
        u = UTcp(wire, fam, peer, me, 50005, 7100)
        u.handshake()
        a, _ = lst.accept()
        keep(a)
        u.send(FIN | ACK)
        u.wait(ACK)
        settle(0.05)
        a.shutdown(socket.SHUT_WR)  # CLOSE_WAIT -> LAST_ACK
        u.wait(FIN)
        expect(f, "LAST_ACK", a.getsockname(), a.getpeername(), ino(a),
               "peer closed first, then we shutdown(SHUT_WR); our FIN never acked")
    keep(wire.s)


# ---------------------------------------------------------------- UDP / UDP-Lite
def dgram(fam, proto, bind=None, connect=None, v6only=None):
    s = socket.socket(fam, socket.SOCK_DGRAM, proto)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, int(v6only))
    if bind:
        s.bind(bind)
    if connect:
        s.connect(connect)
    return keep(s)


def udp_like(proto, base, f4, f6, name):
    s = dgram(A4, proto, bind=("127.0.0.1", base + 1))
    expect(f4, "CLOSE", s.getsockname(), ("0.0.0.0", 0), ino(s), name + " bound 127.0.0.1, unconnected")
    if proto == 0:
        t = dgram(A4, 0)
        t.sendto(b"z" * 11, ("127.0.0.1", base + 1))   # never read -> rx_queue != 0
        expect(f4, "CLOSE", t.getsockname(), ("0.0.0.0", 0), ino(t),
               name + " unbound sender, auto-bound to 0.0.0.0 by sendto()")
    s = dgram(A4, proto, bind=("0.0.0.0", base + 2))
    expect(f4, "CLOSE", s.getsockname(), ("0.0.0.0", 0), ino(s), name + " bound 0.0.0.0, unconnected")
    s = dgram(A4, proto, connect=("127.0.0.1", base + 1))
    expect(f4, "ESTABLISHED", s.getsockname(), s.getpeername(), ino(s), name + " connected v4")
    s = dgram(A6, proto, bind=("::1", base + 3))
    expect(f6, "CLOSE", s.getsockname(), ("::", 0), ino(s), name + " bound ::1, unconnected")
    s = dgram(A6, proto, bind=("::", base + 4), v6only=False)
    expect(f6, "CLOSE", s.getsockname(), ("::", 0), ino(s), name + " bound :: dual stack, unconnected")
    s = dgram(A6, proto, bind=("::", base + 2), v6only=True)
    expect(f6, "CLOSE", s.getsockname(), ("::", 0), ino(s), name + " bound :: V6ONLY, same port as 0.0.0.0")
    s = dgram(A6, proto, connect=("::1", base + 3))
    expect(f6, "ESTABLISHED", s.getsockname(), s.getpeername(), ino(s), name + " connected v6")
    s = dgram(A6, proto, connect=("::ffff:127.0.0.1", base + 1))
    expect(f6, "ESTABLISHED", s.getsockname(), s.getpeername(), ino(s),
           name + " AF_INET6 socket connected to v4-mapped ::ffff:127.0.0.1")
    if proto == 0:
        s = dgram(A4, proto, bind=("127.255.255.254", base + 7))
        expect(f4, "CLOSE", s.getsockname(), ("0.0.0.0", 0), ino(s),
               name + " bound 127.255.255.254 (hex FEFFFF7F, top bit set)")
        s = dgram(A6, proto, bind=("fe80::99:1", base + 5, 0, socket.if_nametoindex("v0")))
        expect(f6, "CLOSE", s.getsockname()[:2], ("::", 0), ino(s),
               name + " bound to link-local fe80::99:1%v0 (scope id is NOT in /proc)")
        s = dgram(A6, proto, bind=("fd00:99::1", base + 6), connect=("fd00:99::2", 53))
        expect(f6, "ESTABLISHED", s.getsockname(), s.getpeername(), ino(s),
               name + " global-scope fd00:99::1 connected to fd00:99::2:53")


def udplite_supported():
    try:
        socket.socket(A4, socket.SOCK_DGRAM, IPPROTO_UDPLITE).close()
        socket.socket(A6, socket.SOCK_DGRAM, IPPROTO_UDPLITE).close()
        return True
    except OSError as e:
        log("UDP-Lite not supported by this kernel:", e)
        return False


# ---------------------------------------------------------------- RAW
def raw():
    s = keep(socket.socket(A4, socket.SOCK_RAW, socket.IPPROTO_ICMP))
    expect("raw", "CLOSE", ("0.0.0.0", socket.IPPROTO_ICMP), ("0.0.0.0", 0), ino(s),
           "raw ICMP, unbound (port column = protocol 1)")
    s = keep(socket.socket(A4, socket.SOCK_RAW, socket.IPPROTO_ICMP))
    s.bind(("127.0.0.1", 0))
    s.connect(("127.0.0.2", 0))
    expect("raw", "ESTABLISHED", ("127.0.0.1", 1), ("127.0.0.2", 0), ino(s),
           "raw ICMP bound 127.0.0.1 and connect()ed to 127.0.0.2")
    s = keep(socket.socket(A4, socket.SOCK_RAW, socket.IPPROTO_RAW))
    expect("raw", "CLOSE", ("0.0.0.0", 255), ("0.0.0.0", 0), ino(s),
           "raw IPPROTO_RAW (255), send-only")
    s = keep(socket.socket(A6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6))
    expect("raw6", "CLOSE", ("::", 58), ("::", 0), ino(s), "raw ICMPv6, unbound (port column = protocol 58)")
    s = keep(socket.socket(A6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6))
    s.bind(("::1", 0))
    expect("raw6", "CLOSE", ("::1", 58), ("::", 0), ino(s), "raw ICMPv6 bound ::1")


# ---------------------------------------------------------------- other uid
def other_uid(uid=65534):
    """Fork a child that drops to uid 65534 and holds a TCP listener + UDP6 socket."""
    r, w = os.pipe()
    hold_r, hold_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r); os.close(hold_w)
            os.setgroups([]); os.setgid(uid); os.setuid(uid)
            t = listener(A4, "127.0.0.1", 7009)
            u = dgram(A6, 0, bind=("::1", 7209))
            os.write(w, struct.pack("QQ", ino(t), ino(u)))
            os.read(hold_r, 1)          # EOF when the parent exits
        finally:
            os._exit(0)
    os.close(w); os.close(hold_r)
    ti, ui = struct.unpack("QQ", os.read(r, 16))
    os.close(r)
    expect("tcp", "LISTEN", ("127.0.0.1", 7009), ("0.0.0.0", 0), ti, "listen, owned by uid 65534", uid)
    expect("udp6", "CLOSE", ("::1", 7209), ("::", 0), ui, "udp bound ::1, owned by uid 65534", uid)
    return hold_w


# ---------------------------------------------------------------- verification
def parse_addr(h, v6):
    a, p = h.split(":")
    raw = bytes.fromhex(a)
    if v6:
        # four 32-bit words, each printed as %08X of the host-order (LE) value
        raw = b"".join(struct.pack("<I", w) for w in struct.unpack(">4I", raw))
        return socket.inet_ntop(A6, raw), int(p, 16)
    return socket.inet_ntop(A4, struct.pack("<I", int(a, 16))), int(p, 16)


def verify():
    seen = []
    for f in FILES:
        path = os.path.join(OUTDIR, f)
        if not os.path.exists(path):
            continue
        with open(path) as fh:
            lines = fh.read().splitlines()
        for ln in lines[1:]:
            c = ln.split()
            la, lp = parse_addr(c[1], f.endswith("6"))
            ra, rp = parse_addr(c[2], f.endswith("6"))
            seen.append((f, int(c[3], 16), la, lp, ra, rp, int(c[9]), int(c[7]), ln))
    bad = 0
    pool = list(seen)
    for e in EXPECTED:
        # ephemeral ports / addresses are exact; inode 0 may repeat
        hit = [s for s in pool if s[:8] == e[:8]]
        if not hit:
            log("MISSING:", e); bad += 1
        else:
            pool.remove(hit[0])
    for s in pool:
        log("UNEXPECTED LINE in", s[0] + ":", s[8]); bad += 1
    log("verified %d expected sockets against %d captured lines, %d problems"
        % (len(EXPECTED), len(seen), bad))
    return bad == 0


def write_expected():
    order = {f: i for i, f in enumerate(FILES)}
    rows = sorted(enumerate(EXPECTED), key=lambda t: (order[t[1][0]], t[0]))
    with open(os.path.join(OUTDIR, "expected.txt"), "w") as fh:
        fh.write("# Sockets created by scripts/capture-procnet-fixtures.sh for the files in this directory.\n"
                 "# One line per socket (= one line in the named /proc/net file):\n"
                 "#   <file> <state-hex> <local-address>:<port> <remote-address>:<port> <inode> uid=<uid> <note...>\n"
                 "# Addresses are in normal textual form (IPv6 not bracketed: split address and port at the LAST ':').\n"
                 "# Ports are decimal. For RAW sockets the 'port' is the IP protocol number (1=ICMP, 58=ICMPv6, 255=RAW).\n"
                 "# inode 0 = socket without a file (time-wait/orphaned/request/not-yet-accepted sockets).\n"
                 "# Every non-header line of every file in this directory is listed here exactly once.\n")
        for _, (f, st, la, lp, ra, rp, inode, uid, note) in rows:
            fh.write("%s %02X %s:%d %s:%d %d uid=%d %s\n" % (f, st, la, lp, ra, rp, inode, uid, note))


def main():
    random.seed()
    hold = other_uid()
    tcp_loopback()
    tcp_veth()
    udp_like(0, 7200, "udp", "udp6", "udp")
    if udplite_supported():
        udp_like(IPPROTO_UDPLITE, 7300, "udplite", "udplite6", "udplite")
    raw()
    settle(0.5)                     # let loopback FIN/ACK exchanges finish
    write_expected()
    print("READY", os.getpid(), flush=True)
    cmd = sys.stdin.readline().strip()
    if cmd != "CAPTURED":
        log("aborted:", repr(cmd)); return 1
    ok = verify()
    os.close(hold)
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
PYEOF

# ---------------------------------------------------------------- run + capture
coproc PY { exec ip netns exec "$NS" python3 -u "$WORK/capture.py" "$WORK/states" "$V0MAC" "$V1MAC"; }
PY_IN=${PY[1]}
read -r -t 60 -u "${PY[0]}" ready pypid || die "helper did not become ready"
[[ $ready == READY && $pypid =~ ^[0-9]+$ ]] || die "unexpected helper output: $ready $pypid"
NS_INODE=$(ip netns exec "$NS" readlink /proc/self/ns/net)
[[ $(readlink "/proc/$pypid/ns/net") == "$NS_INODE" ]] || die "helper pid $pypid is not in namespace $NS"
for f in "${FILES[@]}"; do
    cat "/proc/$pypid/net/$f" >"$WORK/states/$f"
done
echo CAPTURED >&"$PY_IN"
rc=0
wait "$PY_PID" || rc=$?
PY_PID=
[[ $rc -eq 0 ]] || die "cross-check of captured files failed (rc=$rc); fixtures NOT updated"

for f in "${HOST_FILES[@]}"; do
    cat "/proc/net/$f" >"$WORK/host/$f"
done

info() {
    echo "captured-by: scripts/capture-procnet-fixtures.sh"
    echo "date-utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "kernel: $(uname -r)"
    echo "machine: $(uname -m)"
    echo "python: $(python3 -c 'import platform; print(platform.python_version())')"
    echo "$1"
}
info "source: /proc/<helper-pid>/net/* of the python helper inside netns $NS (see expected.txt)" \
    >"$WORK/states/capture-info.txt"
info "source: /proc/net/* of the host network namespace ($(readlink /proc/self/ns/net)), copied as-is" \
    >"$WORK/host/capture-info.txt"

mkdir -p "$OUT"
for d in states host; do
    rm -rf "${OUT:?}/$d"
    cp -r "$WORK/$d" "$OUT/$d"
done
echo "capture-procnet-fixtures: wrote $OUT/states and $OUT/host (kernel $(uname -r))"
