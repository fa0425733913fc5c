package dev.ajar.model;

import java.util.List;

/**
 * One open port the audit objects to: which, how bad, why, and how to close it.
 *
 * @param id stable across runs: "finger/tcp/79@host"
 * @param sockets every socket of the port (IPv4 and IPv6, several bind addresses)
 * @param service the knowledge base's id for the service, else the port's service name, or null
 * @param rule what decided: "policy FILE:LINE", "policy default", or "knowledge base"
 * @param posture facts about the daemon that make it worse (runs as root, set-UID program, ...)
 */
public record Finding(
    String id,
    Severity severity,
    List<OpenSocket> sockets,
    String service,
    String why,
    String fix,
    String rule,
    List<String> posture) {

  public OpenSocket first() {
    return sockets.getFirst();
  }
}
