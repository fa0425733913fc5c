package dev.ajar.verify.config;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.Protocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL clusters of Debian's postgresql-common: every /etc/postgresql/VERSION/CLUSTER/ with a
 * postgresql.conf, unless its start.conf says "manual" or "disabled" (not started at boot). Each
 * cluster's postgresql.conf is read with include, include_if_exists and include_dir (relative to
 * the including file; include_dir takes the *.conf files in name order), then postgresql.auto.conf
 * (ALTER SYSTEM) of its data_directory; a later setting wins.
 *
 * <p>listen_addresses: default 'localhost' (127.0.0.1 and ::1), '*' (0.0.0.0 and ::), '' (no TCP),
 * a comma separated list; port: default 5432. A built-in default is reported with the cluster's
 * postgresql.conf and line 0, so each listen names its cluster.
 */
final class PostgresqlConfigReader implements DaemonConfigReader {
  static final String BASE = "/etc/postgresql";
  static final int PORT = 5432;

  public PostgresqlConfigReader() {}

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public Set<String> answersTo() {
    return Set.of("postgresql", "postgres");
  }

  private record Value(String value, String file, int line) {}

  @Override
  public Optional<List<ConfiguredListen>> listens(Host root, Diagnostics diagnostics) {
    List<String> clusters = clusters(root);
    if (clusters.isEmpty()) {
      return Optional.empty();
    }
    List<ConfiguredListen> out = new ArrayList<>();
    for (String cluster : clusters) {
      String conf = cluster + "/postgresql.conf";
      String start = startMode(root, cluster, diagnostics);
      if (!start.equals("auto")) {
        diagnostics.add(
            Diagnostics.Kind.SKIPPED,
            cluster + "/start.conf",
            "cluster not started at boot (" + start + ")");
        continue;
      }
      Map<String, Value> settings = new HashMap<>();
      ConfigFiles.read(root, conf, diagnostics)
          .ifPresent(text -> read(root, conf, text, 0, settings, diagnostics));
      Value dataDirectory = settings.get("data_directory");
      if (dataDirectory != null && dataDirectory.value().startsWith("/")) {
        String auto = dataDirectory.value().replaceAll("/+$", "") + "/postgresql.auto.conf";
        ConfigFiles.read(root, auto, diagnostics)
            .ifPresent(text -> read(root, auto, text, 0, settings, diagnostics));
      }
      out.addAll(cluster(conf, settings, diagnostics));
    }
    return Optional.of(Listens.distinct(out));
  }

  private static List<ConfiguredListen> cluster(
      String conf, Map<String, Value> settings, Diagnostics diagnostics) {
    Value portValue = settings.get("port");
    int port = PORT;
    if (portValue != null) {
      Optional<Integer> p = Listens.port(portValue.value()).filter(n -> n > 0);
      if (p.isPresent()) {
        port = p.get();
      } else {
        Listens.malformed(
            diagnostics,
            portValue.file(),
            portValue.line(),
            "port = " + portValue.value() + " is not a port (the server will not start)");
      }
    }
    Value listen = settings.getOrDefault("listen_addresses", new Value("localhost", conf, 0));
    List<ConfiguredListen> out = new ArrayList<>();
    for (String item : listen.value().split(",")) {
      String a = item.strip();
      List<String> addresses;
      if (a.isEmpty()) {
        continue;
      } else if (a.equals("*")) {
        addresses = List.of("0.0.0.0", "::");
      } else if (a.equals("localhost")) {
        addresses = List.of("127.0.0.1", "::1");
      } else {
        Optional<String> literal = Listens.literal(a);
        if (literal.isEmpty()) {
          diagnostics.add(
              Diagnostics.Kind.SKIPPED,
              listen.file() + ":" + listen.line(),
              "listen_addresses " + a + ": a host name is not resolved offline");
          continue;
        }
        addresses = List.of(literal.get());
      }
      for (String address : addresses) {
        out.add(Listens.of(Protocol.TCP, port, address, listen.file(), listen.line()));
      }
    }
    return out;
  }

  /** /etc/postgresql/15/main, ... in name order. */
  private static List<String> clusters(Host root) {
    List<String> out = new ArrayList<>();
    for (String version : sortedNames(root, BASE)) {
      for (String name : sortedNames(root, BASE + "/" + version)) {
        String dir = BASE + "/" + version + "/" + name;
        if (root.isRegularFile(dir + "/postgresql.conf")) {
          out.add(dir);
        }
      }
    }
    return out;
  }

  private static List<String> sortedNames(Host root, String dir) {
    try {
      List<String> names = root.list(dir);
      names.sort(null);
      return names;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** auto, manual or disabled: the first word of start.conf that is no comment (auto if none). */
  static String startMode(Host root, String cluster, Diagnostics diagnostics) {
    String file = cluster + "/start.conf";
    Optional<String> text = ConfigFiles.read(root, file, diagnostics);
    if (text.isEmpty()) {
      return "auto";
    }
    String[] lines = text.get().split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].replaceAll("#.*", "").strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.equals("auto") || s.equals("manual") || s.equals("disabled")) {
        return s;
      }
      Listens.malformed(diagnostics, file, i + 1, "not auto, manual or disabled: " + s);
      return "auto";
    }
    return "auto";
  }

  private void read(
      Host root,
      String file,
      String text,
      int depth,
      Map<String, Value> settings,
      Diagnostics diagnostics) {
    for (PostgresqlConfParser.Setting s : PostgresqlConfParser.parse(text)) {
      if (s.name() == null) {
        Listens.malformed(diagnostics, file, s.line(), "not name = value: " + s.value());
        continue;
      }
      switch (s.name()) {
        case "include", "include_if_exists", "include_dir" -> {
          if (depth >= ConfigFiles.MAX_INCLUDE_DEPTH) {
            Listens.malformed(diagnostics, file, s.line(), "includes nested too deep");
            continue;
          }
          String base = file.substring(0, file.lastIndexOf('/'));
          String target = s.value().startsWith("/") ? s.value() : base + "/" + s.value();
          List<String> files =
              s.name().equals("include_dir")
                  ? ConfigFiles.expand(root, target, "*.conf", false)
                  : root.exists(target) ? List.of(target) : List.of();
          if (files.isEmpty() && s.name().equals("include")) {
            ConfigFiles.includeNotFound(
                diagnostics, file, s.line(), "include " + target, "the server");
          }
          ConfigFiles.readEach(
              root,
              files,
              diagnostics,
              (included, t) -> read(root, included, t, depth + 1, settings, diagnostics));
        }
        default -> settings.put(s.name(), new Value(s.value(), file, s.line()));
      }
    }
  }
}
