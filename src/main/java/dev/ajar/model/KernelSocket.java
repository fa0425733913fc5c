package dev.ajar.model;

/**
 * One line of /proc/net/{tcp,udp,udplite,raw}[6]: a socket as the kernel lists it, before
 * ajar knows who holds it. For RAW sockets the "port" is the IP protocol number.
 */
public record KernelSocket(
    Protocol protocol,
    Family family,
    SocketState state,
    Endpoint local,
    Endpoint remote,
    int uid,
    long inode) {}
