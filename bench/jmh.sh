#!/usr/bin/env bash
# Runs the JMH micro-benchmarks of src/test/java/dev/ajar/bench (ProcNetParserBench, FdIndexBench).
#   bench/jmh.sh [REGEX] [JMH OPTIONS...]
# Compiles main and test classes (the JMH annotation processor writes the benchmark list), builds
# the test class path, then runs org.openjdk.jmh.Main with short defaults: one fork, 3 warm-up
# and 5 measured iterations of 1 s; an option given replaces its default, e.g.
#   bench/jmh.sh ProcNet -p table=tcp -i 10
#   bench/jmh.sh FdIndex -p sockets=0,8000 -prof gc
#   bench/jmh.sh -l                     # list the benchmarks
# Results are also written to target/jmh-result.json (JMH's JSON, for jmh.morethan.io).
# Set AJAR_JMH_SKIP_BUILD=1 to reuse the classes and class path of the last run.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/jdk.sh
. "$here/bin/jdk.sh"
cd "$here"

regex=()
if [[ $# -gt 0 && $1 != -* ]]; then regex=("$1"); shift; fi

cp_file=target/jmh.classpath
if [[ ${AJAR_JMH_SKIP_BUILD:-0} != 1 || ! -f $cp_file ]]; then
  ./mvnw -q -B test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
fi
[[ -f target/test-classes/META-INF/BenchmarkList ]] ||
  { echo "jmh: target/test-classes/META-INF/BenchmarkList missing: the JMH annotation processor did not run" >&2; exit 3; }

echo "jmh: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), open files limit $(ulimit -n)/$(ulimit -Hn), JDK $(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")" >&2
# JMH refuses an option given twice: a default goes in only when the caller did not give it.
defaults=()
default() { # option value
  local a
  for a in "${args[@]}"; do [[ $a == "$1" ]] && return; done
  defaults+=("$1" "$2")
}
args=("$@")
default -f 1; default -wi 3; default -w 1s; default -i 5; default -r 1s
default -rf json; default -rff target/jmh-result.json
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  org.openjdk.jmh.Main "${defaults[@]}" "$@" "${regex[@]}"
