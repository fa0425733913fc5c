package dev.ajar.history;

import dev.ajar.model.PackageRef;

/**
 * An open port as one snapshot saw it: its key and who held it then. Text chosen by a process (its
 * name, its program) is as {@link dev.ajar.model.Text#forJson} gives it.
 *
 * @param service the port's service name, or null
 * @param exposure loopback, any or address (the widest of the key's sockets)
 * @param ownerFile the file that defines the owner's entry, or null
 * @param ownerLine its line, 0 when the whole file does or there is none
 * @param program the server program (the owner's, else the holder's executable), or null
 * @param pkg the program's package, or null
 * @param pid the lowest pid holding the port, or -1 when no holder is seen
 * @param process that holder's name (comm), or null
 * @param user that holder's user name, or null
 * @param uid that holder's uid, else the socket's
 * @param verdict what the judge said when the port was first seen, or null for nothing
 */
public record PortState(
    PortKey key,
    String service,
    String exposure,
    String ownerFile,
    int ownerLine,
    String program,
    PackageRef pkg,
    int pid,
    String process,
    String user,
    int uid,
    Verdict verdict) {

  public PortState {
    java.util.Objects.requireNonNull(key, "key");
  }

  public PortState withVerdict(Verdict v) {
    return new PortState(
        key, service, exposure, ownerFile, ownerLine, program, pkg, pid, process, user, uid, v);
  }
}
