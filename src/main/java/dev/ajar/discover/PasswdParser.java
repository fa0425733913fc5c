package dev.ajar.discover;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses /etc/passwd into uid → name, first entry winning as with getpwuid(3).
 *
 * <pre>
 * sshd:x:104:65534::/run/sshd:/usr/sbin/nologin
 * </pre>
 */
final class PasswdParser {
  private PasswdParser() {}

  public static Map<Integer, String> parse(String text) {
    Map<Integer, String> names = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length < 3 || f[0].isEmpty() || f[0].startsWith("+") || f[0].startsWith("-")) {
        continue;
      }
      try {
        long uid = Long.parseLong(f[2]);
        if (uid >= 0 && uid <= 0xFFFF_FFFFL) {
          names.putIfAbsent((int) uid, f[0]);
        }
      } catch (NumberFormatException e) {
        // A malformed line: getpwuid skips it too.
      }
    }
    return names;
  }
}
