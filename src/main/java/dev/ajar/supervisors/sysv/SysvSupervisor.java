package dev.ajar.supervisors.sysv;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import dev.ajar.model.ServiceEntry;
import dev.ajar.model.SupervisorKind;
import dev.ajar.supervisors.BootStart;
import dev.ajar.supervisors.Disabler;
import dev.ajar.supervisors.InitScripts;
import dev.ajar.supervisors.ProcessLookup;
import dev.ajar.supervisors.RootCache;
import dev.ajar.supervisors.Supervisor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SysV init: scripts in /etc/init.d started by S links in /etc/rcN.d (Debian) or /etc/rc.d/init.d
 * and /etc/rc.d/rcN.d (Red Hat). An entry is enabled when the default runlevel (inittab's
 * initdefault; Debian 2, Red Hat 3 when unset) or rcS.d has an S link to it.
 */
public final class SysvSupervisor implements Supervisor {
  /** Scripts that are part of init itself, not services. */
  private static final Set<String> NOT_SERVICES =
      Set.of(
          "README",
          "skeleton",
          "rc",
          "rcS",
          "rc.local",
          "functions",
          "halt",
          "reboot",
          "single",
          "killall",
          "sendsigs",
          "umountfs",
          "umountroot",
          "umountnfs.sh",
          "hwclock.sh");

  /** Where one distribution family keeps scripts and links. */
  record Layout(String scripts, String links, int defaultRunlevel) {
    String rcDir(String level) {
      return links + "/rc" + level + ".d";
    }
  }

  static final Layout DEBIAN = new Layout("/etc/init.d", "/etc", 2);
  static final Layout RED_HAT = new Layout("/etc/rc.d/init.d", "/etc/rc.d", 3);

  private final RootCache<InitScripts.Catalog> scripts = new RootCache<>();

  @Override
  public SupervisorKind kind() {
    return SupervisorKind.SYSV;
  }

  /** "runlevel N": inittab's initdefault, else the layout's usual one. */
  @Override
  public String bootTarget(Host root, Diagnostics diagnostics) {
    int level = bootRunlevel(root);
    return level > 0 ? "runlevel " + level : null;
  }

  /** Red Hat's chkconfig for its /etc/rc.d layout, else Debian's update-rc.d. */
  @Override
  public String howToDisable(Owner o) {
    return o.file() != null && o.file().startsWith("/etc/rc.d/")
        ? o.file() + " stop; chkconfig " + o.entry() + " off"
        : "service " + o.entry() + " stop; update-rc.d " + o.entry() + " disable";
  }

  @Override
  public Optional<Disabler> disabler() {
    return Optional.of(new SysvDisabler());
  }

  /** Per root: ownerOf asks for every socket, and each answer costs up to four stat calls. */
  private final java.util.Map<Host, java.util.Optional<Layout>> layouts =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  @Override
  public boolean isPresent(Host root) {
    return layout(root) != null;
  }

  private Layout cachedLayout(Host root) {
    return layouts
        .computeIfAbsent(root, r -> java.util.Optional.ofNullable(layout(r)))
        .orElse(null);
  }

  static Layout layout(Host root) {
    if (root.isDirectory(RED_HAT.scripts()) && root.isDirectory(RED_HAT.rcDir("3"))) {
      return RED_HAT;
    }
    if (root.isDirectory(DEBIAN.scripts()) && root.isDirectory(DEBIAN.rcDir("2"))) {
      return DEBIAN;
    }
    return null;
  }

  @Override
  public List<ServiceEntry> entries(Host root, Diagnostics diagnostics) {
    Layout layout = layout(root);
    if (layout == null) {
      return List.of();
    }
    List<String> levels = bootLevels(root, layout);
    List<ServiceEntry> entries = new ArrayList<>();
    for (InitScripts.Script s : services(root, layout, diagnostics).scripts()) {
      boolean enabled = levels.stream().anyMatch(l -> hasStartLink(root, layout, l, s.name()));
      entries.add(s.entry(SupervisorKind.SYSV, enabled));
    }
    return entries;
  }

  /** The scripts with an S link in the default runlevel or rcS.d, each with its link named. */
  @Override
  public List<BootStart> bootStarts(Host root, Diagnostics diagnostics) {
    Layout layout = layout(root);
    return layout == null
        ? List.of()
        : startedIn(root, layout, bootLevels(root, layout), diagnostics);
  }

  /** The levels whose S links start a script at boot: rcS.d and the default runlevel's. */
  private static List<String> bootLevels(Host root, Layout layout) {
    return List.of("S", Integer.toString(defaultRunlevel(root, layout)));
  }

  /** The runlevel the root boots into (inittab's initdefault, else the layout's), or 0 if none. */
  public int bootRunlevel(Host root) {
    Layout layout = layout(root);
    return layout == null ? 0 : defaultRunlevel(root, layout);
  }

  /**
   * What systemd-sysv-generator starts on a systemd root: scripts with an S link in rc2.d to rc5.d
   * (multi-user and graphical). The caller drops those that have a native unit of the same name, as
   * the generator does.
   */
  public List<BootStart> generatedBootStarts(Host root, Diagnostics diagnostics) {
    Layout layout = layout(root);
    return layout == null
        ? List.of()
        : startedIn(root, layout, List.of("2", "3", "4", "5"), diagnostics);
  }

  private List<BootStart> startedIn(
      Host root, Layout layout, List<String> levels, Diagnostics diagnostics) {
    List<BootStart> starts = new ArrayList<>();
    for (InitScripts.Script s : services(root, layout, diagnostics).scripts()) {
      for (String level : levels) {
        String link = startLink(root, layout, level, s.name());
        if (link != null) {
          starts.add(
              new BootStart(
                  s.entry(SupervisorKind.SYSV, true), link + " in " + layout.rcDir(level), false));
          break;
        }
      }
    }
    return List.copyOf(starts);
  }

  @Override
  public Optional<Owner> ownerOf(
      Host root, OpenSocket socket, ProcessLookup processes, Diagnostics diagnostics) {
    Layout layout = cachedLayout(root);
    if (layout == null || socket.processes().isEmpty()) {
      return Optional.empty();
    }
    return services(root, layout, diagnostics)
        .claim(socket.processes())
        .map(c -> c.owner(SupervisorKind.SYSV));
  }

  private InitScripts.Catalog services(Host root, Layout layout, Diagnostics d) {
    return scripts.get(
        root, d, (r, diagnostics) -> new InitScripts.Catalog(readServices(r, layout, diagnostics)));
  }

  private static List<InitScripts.Script> readServices(Host root, Layout layout, Diagnostics d) {
    List<InitScripts.Script> scripts = new ArrayList<>();
    for (InitScripts.Script s : InitScripts.read(root, layout.scripts(), d)) {
      if (!NOT_SERVICES.contains(s.name()) && !s.name().startsWith(".")) {
        scripts.add(s);
      }
    }
    return scripts;
  }

  /** An S link in rcLEVEL.d whose target is the script ("S02ssh -> ../init.d/ssh"). */
  static boolean hasStartLink(Host root, Layout layout, String level, String script) {
    return startLink(root, layout, level, script) != null;
  }

  /** The name of the S link in rcLEVEL.d that starts the script, or null. */
  static String startLink(Host root, Layout layout, String level, String script) {
    try {
      for (String link : root.list(layout.rcDir(level))) {
        if (link.length() > 3 && link.charAt(0) == 'S' && link.substring(3).equals(script)) {
          String path = layout.rcDir(level) + "/" + link;
          String target = root.readLink(path);
          if (target.endsWith("/" + script) || target.equals(script)) {
            return link;
          }
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /**
   * The runlevel of "id:3:initdefault:" in /etc/inittab, else the layout's default.
   *
   * <pre>
   * id:2:initdefault:
   * </pre>
   */
  static int defaultRunlevel(Host root, Layout layout) {
    try {
      for (String line : root.readText("/etc/inittab").split("\n")) {
        String[] f = line.trim().split(":");
        if (f.length >= 3 && f[2].equals("initdefault") && f[1].matches("[0-6]")) {
          return Integer.parseInt(f[1]);
        }
      }
    } catch (IOException e) {
      // no inittab (systemd hosts keep rc links for compatibility)
    }
    return layout.defaultRunlevel();
  }
}
