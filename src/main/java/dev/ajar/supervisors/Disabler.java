package dev.ajar.supervisors;

import dev.ajar.host.Host;
import dev.ajar.model.Owner;
import java.io.IOException;

/**
 * Plans the persistent form of "turn this off" for one kind of supervisor entry, the way the
 * distribution's own tool would (update-inetd, update-rc.d disable, chkconfig off, systemctl mask,
 * rc-update del, chmod -x), reading only through the root and changing nothing itself. Each sits
 * beside the reader of its kind and is reached through {@link Supervisor#disabler()}.
 */
public interface Disabler {
  DisablePlan plan(Host root, Owner owner) throws IOException;
}
