package dev.ajar.model;

/**
 * What starts a service: the thing an administrator disables to close its port.
 *
 * @param supervisor what kind of supervisor: systemd, sysv, inetd, ... ({@link SupervisorKind})
 * @param entry the supervisor's name for it: "ssh.service", "finger" (an inetd.conf service name),
 *     "rpcbind.socket", an init script's name, a container's name
 * @param file the file that defines the entry, as a path inside the root (null for manual)
 * @param line the 1-based line of {@code file} that defines it, or 0 when the whole file does
 * @param program the real server program, e.g. /usr/sbin/in.fingerd behind tcpd (null if unknown)
 */
public record Owner(
    SupervisorKind supervisor, String entry, String file, int line, String program) {
  public Owner {
    java.util.Objects.requireNonNull(supervisor, "supervisor");
  }
}
