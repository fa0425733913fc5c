package dev.ajar.model;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Textual addresses: RFC 5952 for IPv6 (what ss and ip print), dotted quad for IPv4. */
public final class Addresses {
  private Addresses() {}

  public static String format(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
    if (Endpoint.isMappedV4(b)) {
      return "::ffff:"
          + (b[12] & 0xff)
          + "."
          + (b[13] & 0xff)
          + "."
          + (b[14] & 0xff)
          + "."
          + (b[15] & 0xff);
    }
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    // The longest run of two or more zero words becomes "::" (the first such run on a tie).
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(words[i]));
    }
    return sb.toString();
  }
}
