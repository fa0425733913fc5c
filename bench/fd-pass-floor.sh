#!/usr/bin/env bash
# The raw cost of the /proc/*/fd pass (bench/fd-pass-floor.c, in C) on this host as it is, with
# 1 and 2 threads, RUNS times each: the floor under ajar's owners pass. Run it beside the same
# load as bench/ports-vs-ss.sh (../shared/bench/sockload.py 20 1000 1000 500 SECONDS) to
# compare with ajar's "process table and fds" stage (-Dajar.timing=true).
#   bench/fd-pass-floor.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${1:-5}
command -v cc >/dev/null || { echo "fd-pass-floor: no C compiler (apt-get install gcc)" >&2; exit 3; }
bin=$(mktemp -d)/fd-pass-floor
trap 'rm -rf "$(dirname "$bin")"' EXIT
cc -O2 -pthread -o "$bin" "$here/fd-pass-floor.c"
for threads in 1 2; do
  for ((i = 0; i < runs; i++)); do "$bin" "$threads"; done
done
