package dev.ajar.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** An address and port as the kernel reports them. */
public record Endpoint(InetAddress address, int port) {
  public boolean isWildcard() {
    return address.isAnyLocalAddress();
  }

  /** 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.y.z). */
  public boolean isLoopback() {
    if (address.isLoopbackAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    return isMappedV4(b) && b[12] == 127;
  }

  /** The address as ss prints it: dotted quad, or compressed IPv6 (RFC 5952). */
  public String addressText() {
    return Addresses.format(address);
  }

  static boolean isMappedV4(byte[] b) {
    if (b.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  public Family family() {
    return address instanceof Inet4Address ? Family.INET : Family.INET6;
  }

  @Override
  public String toString() {
    return (address instanceof Inet6Address ? "[" + addressText() + "]" : addressText())
        + ":"
        + port;
  }
}
