package dev.ajar.packages;

/**
 * Whether a package is part of the base system its manager refuses to lose (dpkg's "Essential:
 * yes", "Protected: yes" and "Priority: required"), as far as the manager's database says.
 *
 * @param why the field that decides ("Essential: yes"), or why ajar cannot tell
 */
public record Essential(Answer answer, String why) {
  public enum Answer {
    YES,
    NO,
    UNKNOWN
  }

  public static Essential yes(String why) {
    return new Essential(Answer.YES, why);
  }

  public static Essential no(String why) {
    return new Essential(Answer.NO, why);
  }

  public static Essential unknown(String why) {
    return new Essential(Answer.UNKNOWN, why);
  }

  public boolean isEssential() {
    return answer == Answer.YES;
  }
}
