# Sourced by bin/ajar and bin/test: sets JAVA_HOME to a JDK >= 25, or fails with one line.
# Looks at $JAVA_HOME, then /usr/lib/jvm/*; reads each JDK's "release" file, starting no JVM.
ajar_min_jdk=25

ajar_jdk_major() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null) || return 1
  [[ -n "$v" ]] && echo "$v"
}

ajar_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    major=$(ajar_jdk_major "$candidate") || continue
    if (( major >= ajar_min_jdk )); then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(ajar_find_jdk); then
  echo "ajar: no JDK $ajar_min_jdk or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*); install one, e.g. Temurin $ajar_min_jdk, or set JAVA_HOME" >&2
  exit 3
fi
export JAVA_HOME
