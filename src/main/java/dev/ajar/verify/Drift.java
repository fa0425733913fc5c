package dev.ajar.verify;

import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Owner;
import java.util.ArrayList;
import java.util.List;

/**
 * The difference between what listens now (in the host's namespace) and what the next boot will
 * open, plus what the policy forbids in either.
 *
 * @param openNotAtBoot listening now, but nothing starts it at boot: started by hand (gone at the
 *     next reboot) or a sign of intrusion; also a port open wider now than boot will open it
 * @param closedButWillOpen predicted for boot, but not listening now: disabled at runtime only, the
 *     mistake Toxen's reboot test exists to catch (or a daemon that failed to start)
 * @param forbiddenNow the policy's findings on what listens now (empty without a policy)
 * @param forbiddenAtBoot the policy's findings on the prediction (empty without a policy)
 */
public record Drift(
    List<OpenSocket> openNotAtBoot,
    List<PredictedPort> closedButWillOpen,
    List<Finding> forbiddenNow,
    List<Finding> forbiddenAtBoot) {

  public Drift {
    openNotAtBoot = List.copyOf(openNotAtBoot);
    closedButWillOpen = List.copyOf(closedButWillOpen);
    forbiddenNow = List.copyOf(forbiddenNow);
    forbiddenAtBoot = List.copyOf(forbiddenAtBoot);
  }

  public boolean isClean() {
    return openNotAtBoot.isEmpty()
        && closedButWillOpen.isEmpty()
        && forbiddenNow.isEmpty()
        && forbiddenAtBoot.isEmpty();
  }

  /**
   * Compares the open ports of the host's namespace with the prediction. A live socket is accounted
   * for by a prediction of its protocol and port (a dynamic prediction: by one of the same entry)
   * that reaches at least as far: a socket beyond loopback needs a prediction beyond loopback.
   */
  public static Drift between(
      List<OpenSocket> live,
      List<PredictedPort> predicted,
      List<Finding> forbiddenNow,
      List<Finding> forbiddenAtBoot) {
    List<OpenSocket> open = new ArrayList<>();
    for (OpenSocket s : live) {
      if (s.netns().isHost() && s.socket().state().isOpenPort()) {
        open.add(s);
      }
    }
    List<OpenSocket> unexpected = new ArrayList<>();
    for (OpenSocket s : open) {
      boolean accounted =
          predicted.stream()
              .anyMatch(
                  p ->
                      samePort(p, s)
                          && (s.socket().local().isLoopback() || reachesBeyondLoopback(p)));
      if (!accounted) {
        unexpected.add(s);
      }
    }
    List<PredictedPort> missing = new ArrayList<>();
    for (PredictedPort p : predicted) {
      if (open.stream().noneMatch(s -> samePort(p, s))) {
        missing.add(p);
      }
    }
    return new Drift(unexpected, missing, forbiddenNow, forbiddenAtBoot);
  }

  private static boolean samePort(PredictedPort p, OpenSocket s) {
    if (p.protocol() != s.socket().protocol()) {
      return false;
    }
    if (p.isDynamic()) {
      return sameEntry(p.owner(), s.owner());
    }
    return p.port() == s.socket().local().port();
  }

  private static boolean sameEntry(Owner predicted, Owner live) {
    return live != null
        && (BootPredictor.baseName(predicted).equals(BootPredictor.baseName(live))
            || (predicted.program() != null && predicted.program().equals(live.program())));
  }

  private static boolean reachesBeyondLoopback(PredictedPort p) {
    for (String address : p.addresses()) {
      var bound = PredictedSockets.bindAddress(address);
      if (bound == null || !bound.isLoopbackAddress()) {
        return true;
      }
    }
    return false;
  }
}
