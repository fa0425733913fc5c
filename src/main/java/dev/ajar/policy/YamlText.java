package dev.ajar.policy;

import dev.ajar.model.Text;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Text written into YAML: scalars quoted only when they must be, comments kept printable. */
final class YamlText {
  private YamlText() {}

  /** Characters that never need quotes in a flow collection (a leading '-' or '.' does). */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./@+-]*");

  private static final ScalarResolver CORE = new CoreSchema().getScalarResolver();

  private static final Set<String> RESERVED =
      Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");

  /** The string as a YAML scalar that reads back as exactly this string. */
  static String scalar(String s) {
    // Plain only when YAML 1.2 reads it back as a string (not 22, 1e3, 0x16, true or null),
    // nor YAML 1.1 as a boolean (yes, on).
    if (PLAIN.matcher(s).matches()
        && CORE.resolve(s, true) == Tag.STR
        && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (!isPrintable(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** Text for a {@code #} comment: one line, only characters YAML allows in a stream. */
  static String comment(String s) {
    String escaped = Text.forTerminal(s);
    StringBuilder sb = null;
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < escaped.length()
              && Character.isLowSurrogate(escaped.charAt(i + 1));
      boolean bad = !pair && (!isPrintable(c) || c == '\u0085');
      if (bad && sb == null) {
        sb = new StringBuilder(escaped.length() + 8).append(escaped, 0, i);
      }
      if (sb != null) {
        if (bad) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
          if (pair) {
            sb.append(escaped.charAt(i + 1));
          }
        }
      }
      if (pair) {
        i++;
      }
    }
    return sb == null ? escaped : sb.toString();
  }

  /** YAML 1.2's printable set for one UTF-16 unit (surrogates only as a valid pair). */
  private static boolean isPrintable(char c) {
    return c == '\t' || c == '\n' || c == '\r'
        ? false
        : (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
  }
}
