package dev.ajar.model;

/**
 * One line of /proc/net/{tcp,udp,udplite,raw}[6], or one inet_diag message: a socket as the kernel
 * lists it, before ajar knows who holds it. For RAW sockets the "port" is the IP protocol number.
 *
 * @param v6Only IPV6_V6ONLY of a listening or bound IPv6 socket as netlink reports it; null where
 *     it is not known (/proc does not say, IPv4 sockets, other states)
 */
public record KernelSocket(
    Protocol protocol,
    Family family,
    SocketState state,
    Endpoint local,
    Endpoint remote,
    int uid,
    long inode,
    Boolean v6Only) {}
