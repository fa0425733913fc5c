package dev.ajar.remedy;

import dev.ajar.model.OpenSocket;
import java.util.List;

/**
 * Where the close path finds what is open: on the live host what listens now, on an offline root
 * what its next boot opens. Asked lazily: naming words needs only the first, --unlisted only the
 * second.
 */
public interface OpenPorts {
  /** What words are resolved against: each owner with a port it opens, and how ajar knows. */
  List<Closable> closables();

  /** What a policy judges for --unlisted, attributed. */
  List<OpenSocket> judged();
}
