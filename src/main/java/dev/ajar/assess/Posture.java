package dev.ajar.assess;

import dev.ajar.host.Host;
import dev.ajar.model.Exposure;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.ProcessInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a listening daemon runs, in the words a finding prints: as root or not, chrooted or not, from
 * a set-UID/set-GID program, on every interface or on loopback.
 */
final class Posture {
  private static final int SET_UID = 04000;
  private static final int SET_GID = 02000;

  private Posture() {}

  static List<String> of(Host host, List<OpenSocket> sockets, boolean loopbackWouldDo) {
    Set<String> notes = new LinkedHashSet<>();
    boolean anyInterface =
        sockets.stream().anyMatch(s -> s.exposure().scope() == Exposure.Scope.ANY);
    for (OpenSocket s : sockets) {
      for (ProcessInfo p : s.processes()) {
        if (p.pid() == 1) {
          continue; // systemd listening for a socket unit: the service's own posture is unknown
        }
        if (p.uid() == 0) {
          notes.add("runs as root");
        }
        notes.add(p.isChrooted() ? "chrooted to " + p.root() : "not chrooted");
        int mode = mode(host, "/proc/" + p.pid() + "/exe");
        if ((mode & SET_UID) != 0) {
          notes.add("program is set-UID");
        }
        if ((mode & SET_GID) != 0) {
          notes.add("program is set-GID");
        }
      }
      if (s.owner() != null
          && s.owner().program() != null
          && s.owner().program().startsWith("/")
          && !s.processes().isEmpty()) {
        int mode =
            mode(host, "/proc/" + s.processes().getFirst().pid() + "/root" + s.owner().program());
        if ((mode & (SET_UID | SET_GID)) != 0) {
          notes.add(s.owner().program() + " is set-UID/GID");
        }
      }
    }
    if (anyInterface) {
      notes.add(
          loopbackWouldDo
              ? "listens on all interfaces where loopback would do"
              : "listens on all interfaces");
    }
    return new ArrayList<>(notes);
  }

  private static int mode(Host host, String path) {
    try {
      return ((Number) Files.getAttribute(host.resolve(path), "unix:mode")).intValue();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
