package dev.ajar.remedy;

import dev.ajar.model.Owner;
import dev.ajar.supervisors.DisablePlan;
import java.util.List;

/**
 * One entry to disable, the ports it opens, how the words found it, and its plan.
 *
 * @param matched how the words found it ("'ftp': tcp/21, predicted from /etc/vsftpd.conf
 *     (config)"); empty when it was not named (--unlisted, a super-server)
 */
public record Target(Owner owner, List<Integer> ports, List<String> matched, DisablePlan plan) {
  public Target {
    ports = List.copyOf(ports);
    matched = List.copyOf(matched);
  }
}
