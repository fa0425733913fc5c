package dev.ajar.verify;

import dev.ajar.model.Endpoint;
import dev.ajar.model.Exposure;
import dev.ajar.model.Family;
import dev.ajar.model.KernelSocket;
import dev.ajar.model.Namespace;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Protocol;
import dev.ajar.model.SocketState;
import dev.ajar.verify.config.ConfiguredListen;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicted ports as the sockets they will be, so that the audit and the policy judge a prediction
 * exactly as they judge what runs: one socket per address, held by no process, in a namespace named
 * "boot". An every-interface binding counts as the wildcard of its family (it reaches beyond
 * loopback wherever the host has another address).
 */
public final class PredictedSockets {
  /** The namespace predicted sockets are in: the root as it will boot. */
  public static final Namespace BOOT = new Namespace(0, "boot", Namespace.Kind.HOST);

  private PredictedSockets() {}

  public static List<OpenSocket> of(BootPrediction prediction) {
    List<OpenSocket> sockets = new ArrayList<>();
    for (PredictedPort p : prediction.ports()) {
      for (String address : p.addresses()) {
        InetAddress bound = bindAddress(address);
        if (bound == null) {
          continue;
        }
        Family family = bound instanceof java.net.Inet6Address ? Family.INET6 : Family.INET;
        SocketState state = p.protocol() == Protocol.TCP ? SocketState.LISTEN : SocketState.UNCONN;
        Endpoint local = new Endpoint(bound, p.port());
        KernelSocket k =
            new KernelSocket(
                p.protocol(), family, state, local, new Endpoint(wildcard(family), 0), -1, 0, null);
        sockets.add(
            new OpenSocket(k, BOOT, null, exposure(local), List.of(), false)
                .withAttribution(p.owner(), p.pkg()));
      }
    }
    return List.copyOf(sockets);
  }

  /** The address a listen binds, or null for text that is no address (a name left unresolved). */
  static InetAddress bindAddress(String address) {
    String literal =
        switch (address) {
          case ConfiguredListen.EVERY_IPV4 -> "0.0.0.0";
          case ConfiguredListen.EVERY_IPV6 -> "::";
          default -> address;
        };
    int percent = literal.indexOf('%');
    try {
      // ofLiteral never resolves a name: no DNS query for a configuration's text.
      return InetAddress.ofLiteral(percent >= 0 ? literal.substring(0, percent) : literal);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static InetAddress wildcard(Family family) {
    return InetAddress.ofLiteral(family == Family.INET6 ? "::" : "0.0.0.0");
  }

  static Exposure exposure(Endpoint local) {
    if (local.isLoopback()) {
      return new Exposure(Exposure.Scope.LOOPBACK, null, null);
    }
    return new Exposure(
        local.isWildcard() ? Exposure.Scope.ANY : Exposure.Scope.ADDRESS, null, null);
  }
}
