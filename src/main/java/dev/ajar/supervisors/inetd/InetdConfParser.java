package dev.ajar.supervisors.inetd;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses inetd.conf as openbsd-inetd and inetutils-inetd read it, plus the lines that are commented
 * out, which still name a service an administrator might enable again.
 *
 * <pre>
 * #:INTERNAL: Internal services
 * #echo           stream  tcp     nowait  root    internal
 * discard         dgram   udp     wait    root    internal
 * #&lt;off&gt;# telnet stream  tcp     nowait  root    /usr/sbin/tcpd  /usr/sbin/telnetd
 * shell           stream  tcp     nowait  root    /usr/sbin/tcpd  /usr/sbin/in.rshd
 * talk            dgram   udp     wait    nobody.tty      /usr/sbin/in.talkd      in.talkd
 * rstatd/1-5      dgram   rpc/udp wait    nobody  /usr/sbin/tcpd  /usr/sbin/rpc.rstatd
 * 127.0.0.1:
 * ident           stream  tcp4    wait    identd  /usr/sbin/identd        identd
 * [::1]:finger    stream  tcp6    nowait  nobody  /usr/sbin/tcpd  in.fingerd
 * </pre>
 *
 * <p>The rules are the daemons': a comment is a line whose first character is "#"; fields are
 * separated by blanks and tabs; "host:" alone on a line sets the bind address of the lines that
 * follow ("*:" resets it); a protocol may carry socket buffer sizes ("tcp,rcvbuf=64k"). For
 * openbsd-inetd a line that starts with a blank continues the entry above it.
 *
 * <p>A commented line counts as a (disabled) entry only if it has the shape of one: at least six
 * fields with a valid socket type, protocol and wait field. Prose comments are ignored. Active
 * lines that inetd would reject are reported as problems and left out; nothing throws.
 */
public final class InetdConfParser {
  /** Which daemon reads the file: the rules differ in small ways. */
  public enum Dialect {
    /** openbsd-inetd (Debian's default inetd): continuation lines; "tcp" is IPv4 and IPv6. */
    OPENBSD,
    /** inetutils-inetd: reads /etc/inetd.d too; "tcp" is IPv4 only; TCPMUX services. */
    INETUTILS
  }

  /** Something an inetd would reject or warn about, on a 1-based line. */
  public record Problem(int line, String message) {}

  public record Parsed(String file, List<InetdEntry> entries, List<Problem> problems) {}

  private static final Set<String> SOCKET_TYPES =
      Set.of("stream", "dgram", "raw", "rdm", "seqpacket");
  private static final Pattern PROTOCOL = Pattern.compile("(rpc/)?(tcp|udp)(4|6|46|6only)?|unix");
  private static final Pattern WAIT = Pattern.compile("(wait|nowait)(\\.[0-9]+)?");
  private static final Set<String> BUILTINS =
      Set.of("echo", "discard", "chargen", "daytime", "time");
  private static final String OFF = "#<off>#";

  private InetdConfParser() {}

  /**
   * @param file the path the text came from, recorded in every entry
   */
  public static Parsed parse(String file, String text, Dialect dialect) {
    List<InetdEntry> entries = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    List<String> defaultHosts = List.of();
    boolean crReported = false;
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      int lineNo = i + 1;
      if (raw.endsWith("\r")) {
        raw = raw.substring(0, raw.length() - 1);
        if (!crReported) {
          problems.add(
              new Problem(
                  lineNo,
                  "line ends with a carriage return (CR LF file); inetd keeps it"
                      + " as part of the last field"));
          crReported = true;
        }
      }
      if (raw.startsWith("#")) {
        InetdEntry disabled = commented(file, lineNo, raw, defaultHosts);
        if (disabled != null) {
          entries.add(disabled);
        }
        continue;
      }
      StringBuilder logical = new StringBuilder(raw);
      if (dialect == Dialect.OPENBSD) {
        while (i + 1 < lines.length && startsWithBlank(lines[i + 1])) {
          i++;
          logical.append(' ').append(stripCr(lines[i]));
        }
      }
      List<String> fields = fields(logical.toString());
      if (fields.isEmpty()) {
        continue;
      }
      String first = fields.get(0);
      if (first.endsWith(":") && fields.size() == 1) {
        defaultHosts = hosts(first.substring(0, first.length() - 1));
        continue;
      }
      List<String> problem = new ArrayList<>(1);
      InetdEntry entry =
          entry(file, lineNo, InetdEntry.Status.ACTIVE, fields, defaultHosts, problem);
      if (!problem.isEmpty()) {
        problems.add(new Problem(lineNo, problem.get(0)));
      }
      if (entry != null) {
        entries.add(entry);
      }
    }
    return new Parsed(file, List.copyOf(entries), List.copyOf(problems));
  }

  private static InetdEntry commented(
      String file, int lineNo, String raw, List<String> defaultHosts) {
    InetdEntry.Status status;
    String rest;
    if (raw.startsWith(OFF)) {
      status = InetdEntry.Status.OFF;
      rest = raw.substring(OFF.length());
    } else {
      status = InetdEntry.Status.COMMENTED;
      int k = 0;
      while (k < raw.length() && raw.charAt(k) == '#') {
        k++;
      }
      rest = raw.substring(k);
    }
    List<String> fields = fields(rest);
    if (fields.size() < 6) {
      return null;
    }
    List<String> problem = new ArrayList<>(1);
    InetdEntry entry = entry(file, lineNo, status, fields, defaultHosts, problem);
    // A comment that would not even parse as an entry is prose, not a disabled service.
    return problem.isEmpty() ? entry : null;
  }

  /**
   * One entry from its fields, or null with the reason in {@code problem} when inetd would skip it.
   * A reason with a non-null entry is a warning only.
   */
  private static InetdEntry entry(
      String file,
      int lineNo,
      InetdEntry.Status status,
      List<String> fieldList,
      List<String> defaultHosts,
      List<String> problem) {
    List<String> fields = new ArrayList<>(fieldList);
    List<String> hosts = defaultHosts;
    String first = fields.get(0);
    if (first.endsWith(":")) {
      // "host:" followed by the service on a continuation line, as openbsd-inetd reads it.
      hosts = hosts(first.substring(0, first.length() - 1));
      fields.remove(0);
    } else {
      int colon = first.lastIndexOf(':');
      if (colon >= 0) {
        String host = first.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
          host = host.substring(1, host.length() - 1);
        }
        hosts = host.isEmpty() ? List.of() : hosts(host);
        fields.set(0, first.substring(colon + 1));
      }
    }
    if (fields.size() < 6) {
      problem.add(
          "not enough fields: service, socket type, protocol, wait/nowait, user and server"
              + " program are required");
      return null;
    }
    String service = fields.get(0);
    String socketType = fields.get(1);
    String protocol = fields.get(2);
    int comma = protocol.indexOf(',');
    if (comma >= 0) {
      protocol = protocol.substring(0, comma);
    }
    if (service.isEmpty()) {
      problem.add("empty service name");
      return null;
    }
    if (!SOCKET_TYPES.contains(socketType)) {
      problem.add("unknown socket type \"" + socketType + "\"");
      return null;
    }
    if (!PROTOCOL.matcher(protocol).matches()) {
      problem.add("unknown protocol \"" + protocol + "\"");
      return null;
    }
    if (protocol.startsWith("rpc/") && service.indexOf('/') <= 0) {
      problem.add("RPC service \"" + service + "\" has no version (name/version)");
      return null;
    }
    String server = fields.get(5);
    if (server.equals("internal")
        && !protocol.startsWith("rpc/")
        && !BUILTINS.contains(service)
        && !service.equals("tcpmux")) {
      problem.add("\"" + service + "\" is not an internal service of inetd");
      return null;
    }
    InetdEntry entry =
        new InetdEntry(
            file,
            lineNo,
            status,
            hosts,
            service,
            socketType,
            protocol,
            fields.get(3),
            fields.get(4),
            server,
            fields.subList(6, fields.size()));
    if (!WAIT.matcher(fields.get(3)).matches()) {
      problem.add(
          "\""
              + fields.get(3)
              + "\" is neither wait nor nowait[.max]; inetd takes it as"
              + " nowait");
    }
    return entry;
  }

  private static List<String> hosts(String spec) {
    List<String> hosts = new ArrayList<>();
    for (String h : spec.split(",")) {
      if (h.startsWith("[") && h.endsWith("]") && h.length() >= 2) {
        h = h.substring(1, h.length() - 1);
      }
      if (!h.isEmpty() && !h.equals("*")) {
        hosts.add(h);
      }
    }
    return List.copyOf(hosts);
  }

  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && isBlank(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isBlank(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        fields.add(line.substring(start, i));
      }
    }
    return fields;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean startsWithBlank(String line) {
    return !line.isEmpty() && isBlank(line.charAt(0));
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
