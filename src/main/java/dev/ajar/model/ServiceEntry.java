package dev.ajar.model;

import java.util.List;

/**
 * One entry of a supervisor's configuration: an inetd.conf line, a systemd unit, an init script.
 *
 * @param enabled whether it starts at boot (or, for inetd/xinetd, whether the entry is active)
 * @param listens the ports it opens, when the supervisor itself says (inetd, socket units); empty
 *     when only the daemon's own configuration knows
 */
public record ServiceEntry(Owner owner, boolean enabled, List<ListenSpec> listens) {}
