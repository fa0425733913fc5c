#!/usr/bin/env bash
# How ajar watch's history grows (docs/PERFORMANCE.md, "ajar watch"): simulates DAYS days of
# 10-second polling of a normal server (15 ports, CHANGES changes a day, a heartbeat a minute)
# through the real HistoryStore (dev.ajar.history.HistoryGrowth, a test class), then 10,000
# changes of new ports and of ports seen before; prints the database's and the WAL's sizes.
#   bench/history-growth.sh [DAYS] [CHANGES]        # defaults: 30 6
# Writes to a temporary directory (removed at the end); each transaction is fsynced, as the
# watcher's are, so a month takes a minute or two on a disk (seconds on tmpfs).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/jdk.sh
. "$here/bin/jdk.sh"
cd "$here"
cp_file=target/history-growth.classpath
./mvnw -q -B test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dslf4j.internal.verbosity=ERROR \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.ajar.history.HistoryGrowth "${1:-30}" "${2:-6}"
