package dev.ajar.supervisors;

import dev.ajar.model.ServiceEntry;

/**
 * An entry that starts when the root boots, and why.
 *
 * @param reason what starts it, for the administrator: "multi-user.target wants it", "S01ssh in
 *     /etc/rc2.d", "active line in /etc/inetd.conf"
 * @param socketActivated a service whose listening sockets a socket unit that also starts at boot
 *     hands it: its ports are that unit's, not its own configuration's
 */
public record BootStart(ServiceEntry entry, String reason, boolean socketActivated) {}
