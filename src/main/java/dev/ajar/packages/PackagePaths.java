package dev.ajar.packages;

/** Paths as package databases write them, made comparable with the paths ajar asks about. */
final class PackagePaths {
  private PackagePaths() {}

  /**
   * An absolute path without empty or "." components and without a trailing slash: "/.", "./" and
   * "" become "/", "usr/bin/" (pacman, apk, Slackware) becomes "/usr/bin". ".." is kept as it is: a
   * database never writes it, and resolving it would need the file system.
   */
  static String normalize(String path) {
    if (isNormal(path)) {
      return path;
    }
    StringBuilder sb = new StringBuilder(path.length() + 1);
    int i = 0;
    int n = path.length();
    while (i < n) {
      int j = path.indexOf('/', i);
      if (j < 0) {
        j = n;
      }
      if (j > i && !(j == i + 1 && path.charAt(i) == '.')) {
        sb.append('/').append(path, i, j);
      }
      i = j + 1;
    }
    return sb.isEmpty() ? "/" : sb.toString();
  }

  private static boolean isNormal(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) != '/') {
      return false;
    }
    if (n == 1) {
      return true;
    }
    if (path.charAt(n - 1) == '/') {
      return false;
    }
    // One pass for what would otherwise be three: no "//", no "/./", no final "/.".
    char before = 0;
    char last = '/';
    for (int i = 1; i < n; i++) {
      char c = path.charAt(i);
      if (c == '/' && (last == '/' || (last == '.' && before == '/'))) {
        return false;
      }
      before = last;
      last = c;
    }
    return !(last == '.' && before == '/');
  }
}
