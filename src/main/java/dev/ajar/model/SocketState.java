package dev.ajar.model;

/**
 * The kernel's socket states (include/net/tcp_states.h), as the "st" column of /proc/net prints
 * them in hex. UDP and RAW sockets use two of them: 01 when connected, 07 when merely bound, which
 * ss calls UNCONN and so do we.
 */
public enum SocketState {
  ESTABLISHED(0x01),
  SYN_SENT(0x02),
  SYN_RECV(0x03),
  FIN_WAIT1(0x04),
  FIN_WAIT2(0x05),
  TIME_WAIT(0x06),
  CLOSE(0x07),
  CLOSE_WAIT(0x08),
  LAST_ACK(0x09),
  LISTEN(0x0A),
  CLOSING(0x0B),
  NEW_SYN_RECV(0x0C),
  /** A datagram or raw socket that is bound but not connected (kernel state 07). */
  UNCONN(0x07);

  private final int code;

  SocketState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The state for a kernel code, or null for a code the kernel does not define. */
  public static SocketState of(Protocol protocol, int code) {
    if (protocol != Protocol.TCP && code == 0x07) {
      return UNCONN;
    }
    for (SocketState s : values()) {
      if (s.code == code && s != UNCONN) {
        return s;
      }
    }
    return null;
  }

  /** A socket that waits for others: listening TCP, or bound UDP/RAW that is not connected. */
  public boolean isOpenPort() {
    return this == LISTEN || this == UNCONN;
  }
}
