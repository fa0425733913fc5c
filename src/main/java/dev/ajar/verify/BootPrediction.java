package dev.ajar.verify;

import dev.ajar.supervisors.BootStart;
import dev.ajar.supervisors.InitSystem;
import java.util.List;

/**
 * What a root will listen on after its next boot.
 *
 * @param init the init system the root boots with
 * @param target what it boots into: systemd's default target ("graphical.target"), a SysV runlevel
 *     ("runlevel 2"), OpenRC's "boot, default"; null when unknown
 * @param ports every predicted port, by protocol, port and owner
 * @param unknown entries that start at boot but for which ajar knows no port (no reader, no
 *     knowledge-base entry): most open none, a few may
 */
public record BootPrediction(
    InitSystem init, String target, List<PredictedPort> ports, List<BootStart> unknown) {
  public BootPrediction {
    ports = List.copyOf(ports);
    unknown = List.copyOf(unknown);
  }
}
