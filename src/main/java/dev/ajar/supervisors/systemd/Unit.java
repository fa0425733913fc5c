package dev.ajar.supervisors.systemd;

import dev.ajar.model.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * A unit as systemd loads it: its fragment (the first file of that name in the search path), then
 * its drop-ins in name order.
 *
 * @param name the unit's own name (aliases resolved): "ssh.service", "getty@.service"
 * @param file the path of the fragment inside the root: the file a name's search found first, or
 *     the target of a link to a file elsewhere; for a masked unit, the masking link or file
 * @param masked linked to /dev/null (or an empty file): nothing can start it
 * @param aliases other names of the unit (symbolic links to it in the search path)
 * @param dropIns the drop-in files applied, in the order applied
 * @param settings every assignment of the fragment, then of each drop-in
 */
record Unit(
    String name,
    String file,
    boolean masked,
    List<String> aliases,
    List<String> dropIns,
    List<UnitFileParser.Setting> settings) {

  public Unit {
    aliases = List.copyOf(aliases);
    dropIns = List.copyOf(dropIns);
    settings = List.copyOf(settings);
  }

  public boolean isSocket() {
    return name.endsWith(".socket");
  }

  /** The last value of a single-valued setting, or null. */
  public String last(String section, String key) {
    String value = null;
    for (UnitFileParser.Setting s : settings) {
      if (s.section().equals(section) && s.key().equals(key)) {
        value = s.value();
      }
    }
    return value;
  }

  /** The program the service runs: the first ExecStart= left after resets (empty values). */
  public String execStartProgram() {
    List<String> commands = new ArrayList<>();
    for (UnitFileParser.Setting s : settings) {
      if (s.section().equals("Service") && s.key().equals("ExecStart")) {
        if (s.value().isEmpty()) {
          commands.clear();
        } else {
          commands.add(s.value());
        }
      }
    }
    return commands.isEmpty() ? null : UnitValues.execProgram(commands.get(0));
  }

  /** A Listen*= assignment that survived resets. */
  public record ListenSetting(String key, String value, int line) {}

  private static final List<String> LISTEN_KEYS =
      List.of(
          "ListenStream",
          "ListenDatagram",
          "ListenSequentialPacket",
          "ListenFIFO",
          "ListenSpecial",
          "ListenNetlink",
          "ListenMessageQueue",
          "ListenUSBFunction");

  /** The Listen*= settings of a socket unit; an empty value of any of them resets them all. */
  public List<ListenSetting> listenSettings() {
    List<ListenSetting> listens = new ArrayList<>();
    for (UnitFileParser.Setting s : settings) {
      if (s.section().equals("Socket") && LISTEN_KEYS.contains(s.key())) {
        if (s.value().isEmpty()) {
          listens.clear();
        } else {
          listens.add(new ListenSetting(s.key(), s.value(), s.line()));
        }
      }
    }
    return listens;
  }

  /** The IP ports of a socket unit, with their parsed addresses. */
  public record IpListen(Protocol protocol, UnitValues.Listen address) {}

  public List<IpListen> ipListens() {
    List<IpListen> result = new ArrayList<>();
    String socketProtocol = last("Socket", "SocketProtocol");
    for (ListenSetting l : listenSettings()) {
      Protocol p = UnitValues.transport(l.key(), socketProtocol);
      if (p == null) {
        continue;
      }
      UnitValues.Listen a = UnitValues.parseListen(l.value());
      if (a.inet()) {
        result.add(new IpListen(p, a));
      }
    }
    return result;
  }

  public boolean accepts() {
    String accept = last("Socket", "Accept");
    return accept != null && UnitValues.isTrue(accept);
  }

  /**
   * The service a socket unit activates: Service=, else NAME@.service with Accept=yes, else
   * NAME.service.
   */
  public String activatedService() {
    String service = last("Socket", "Service");
    if (service != null && !service.isEmpty()) {
      return service;
    }
    String base = name.substring(0, name.length() - ".socket".length());
    return accepts() ? base + "@.service" : base + ".service";
  }
}
