package dev.ajar.cli;

import dev.ajar.model.Severity;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for values the commands take, so a command only maps its options. */
final class Converters {
  private Converters() {}

  /** "80" or "6000-6063": a port or an inclusive range of ports, 0 to 65535. */
  static final class PortRange implements ITypeConverter<int[]> {
    @Override
    public int[] convert(String value) {
      String[] ends = value.split("-", -1);
      if (ends.length > 2) {
        throw new TypeConversionException(value + ": not a port or a range N-M");
      }
      int from = port(ends[0], value);
      int to = ends.length == 2 ? port(ends[1], value) : from;
      if (to < from) {
        throw new TypeConversionException(value + ": range ends before it starts");
      }
      return new int[] {from, to};
    }

    private static int port(String s, String whole) {
      try {
        int v = Integer.parseInt(s.trim());
        if (v < 0 || v > 65535) {
          throw new TypeConversionException(whole + ": " + s + " is not between 0 and 65535");
        }
        return v;
      } catch (NumberFormatException e) {
        throw new TypeConversionException(whole + ": '" + s + "' is not a number");
      }
    }
  }

  /** "info", "low", "medium", "high" or "critical", in any case. */
  static final class SeverityName implements ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      Severity s = Severity.parse(value);
      if (s == null) {
        throw new TypeConversionException(value + ": not one of info, low, medium, high, critical");
      }
      return s;
    }
  }
}
