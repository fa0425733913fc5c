package dev.ajar.model;

/**
 * A port a supervisor entry opens (or will open at boot).
 *
 * @param address the bind address as configured, or null for every address
 */
public record ListenSpec(Protocol protocol, int port, String address) {}
