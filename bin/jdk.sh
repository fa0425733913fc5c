# Sourced by bin/ajar and bin/test: sets JAVA_HOME to a JDK >= 25, or fails with one line.
# Looks at $JAVA_HOME, then /usr/lib/jvm/*; reads each JDK's "release" file with bash builtins,
# starting no JVM and no other process (this runs before every ajar command).
ajar_min_jdk=25

# Sets ajar_jdk_major to the major version of the JDK in $1; fails when it has none.
ajar_jdk_major() {
  local line
  ajar_jdk_major=
  [[ -r "$1/release" ]] || return 1
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
      ajar_jdk_major=${BASH_REMATCH[1]}
      return 0
    fi
  done <"$1/release"
  return 1
}

# Sets ajar_jdk to the first JDK >= ajar_min_jdk; fails when there is none.
ajar_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    ajar_jdk_major "$candidate" || continue
    if (( ajar_jdk_major >= ajar_min_jdk )); then
      ajar_jdk=$candidate
      return 0
    fi
  done
  return 1
}

if ! ajar_find_jdk; then
  echo "ajar: no JDK $ajar_min_jdk or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*); install one, e.g. Temurin $ajar_min_jdk, or set JAVA_HOME" >&2
  exit 3
fi
JAVA_HOME=$ajar_jdk
export JAVA_HOME
