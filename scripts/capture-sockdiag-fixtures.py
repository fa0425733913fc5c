#!/usr/bin/env python3
"""capture-sockdiag-fixtures.py - capture REAL netlink sock_diag (inet_diag) dumps for ajar's
SockDiagParser tests, together with /proc/net of the same moment to cross-check them.

Run as root (it makes and removes a private network namespace, loopback only):
    scripts/capture-sockdiag-fixtures.py [OUTDIR]      (default src/test/resources/sockdiag)
In the namespace a child opens: TCP LISTEN on 127.0.0.1, on :: IPv6-only and on :: dual-stack,
an established loopback pair (v4 and v6), UDP bound v4 and v6 (IPv6-only), a connected UDP
socket, and UDP-Lite bound v4. It then dumps each (protocol, family) in every state with the
request ajar sends, saving every recv() buffer as it came: FILE.bin holds [u32 big-endian
length][bytes] chunks. /proc/self/net/* of the same process is copied beside them.
"""
import os, socket, struct, subprocess, sys

NS = "ajar-sockdiag-capture"
OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/sockdiag")
TABLES = [("tcp", 6, socket.AF_INET), ("tcp6", 6, socket.AF_INET6), ("udp", 17, socket.AF_INET),
          ("udp6", 17, socket.AF_INET6), ("udplite", 136, socket.AF_INET), ("udplite6", 136, socket.AF_INET6)]

def child():
    keep = []
    def tcp(fam, addr, port, v6only=None):
        s = socket.socket(fam, socket.SOCK_STREAM)
        if v6only is not None:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
        s.bind((addr, port)); s.listen(8); keep.append(s); return s
    tcp(socket.AF_INET, "127.0.0.1", 5001)
    tcp(socket.AF_INET6, "::", 5002, 1)
    tcp(socket.AF_INET6, "::", 5003, 0)
    for fam, addr, port in ((socket.AF_INET, "127.0.0.1", 5004), (socket.AF_INET6, "::1", 5005)):
        srv = tcp(fam, addr, port)
        c = socket.socket(fam, socket.SOCK_STREAM); c.connect((addr, port)); a, _ = srv.accept()
        keep += [c, a]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("0.0.0.0", 5006)); keep.append(u)
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    u6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1); u6.bind(("::", 5007)); keep.append(u6)
    uc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); uc.bind(("127.0.0.1", 5008))
    uc.connect(("127.0.0.1", 5006)); keep.append(uc)
    try:
        ul = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, 136); ul.bind(("127.0.0.1", 5009)); keep.append(ul)
    except OSError:
        pass
    os.makedirs(OUT, exist_ok=True)
    for name, proto, fam in TABLES:
        nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 4)
        req = struct.pack("=IHHII", 72, 20, 0x301, 1, 0) + struct.pack("=BBBBI", fam, proto, 0, 0, 0x1FFE) + bytes(48)
        nl.sendto(req, (0, 0))
        chunks = b""
        while True:
            data = nl.recv(65536)
            chunks += struct.pack(">I", len(data)) + data
            typ = struct.unpack_from("=H", data, 4)[0]
            if typ in (2, 3):  # the last buffer ends with ERROR or DONE
                break
        nl.close()
        with open(os.path.join(OUT, name + ".bin"), "wb") as f:
            f.write(chunks)
        try:
            with open("/proc/self/net/" + name, "rb") as src, open(os.path.join(OUT, name + ".proc"), "wb") as f:
                f.write(src.read())
        except FileNotFoundError:
            pass
    with open(os.path.join(OUT, "capture-info.txt"), "w") as f:
        f.write("kernel %s, %s, native byte order %s\n" % (os.uname().release, os.uname().machine, sys.byteorder))
        f.write("v6only: tcp6 5002 yes, tcp6 5003 no, udp6 5007 yes\n")

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--child":
        child(); sys.exit(0)
    subprocess.run(["ip", "netns", "del", NS], stderr=subprocess.DEVNULL)
    subprocess.run(["ip", "netns", "add", NS], check=True)
    try:
        subprocess.run(["ip", "-n", NS, "link", "set", "lo", "up"], check=True)
        subprocess.run(["ip", "netns", "exec", NS, sys.executable, os.path.abspath(__file__), OUT, "--child"], check=True)
    finally:
        subprocess.run(["ip", "netns", "del", NS])
