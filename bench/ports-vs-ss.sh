#!/usr/bin/env bash
# Times `ajar ports` against `ss -p` (the anchor tool) on a host loaded with loopback sockets.
#   bench/ports-vs-ss.sh [PROCS LISTEN CONNPAIRS UDP] [RUNS]
# Opens the sockets with ../shared/bench/sockload.py (or bench/sockload.py when present), waits
# for READY, then times each command RUNS times (wall clock and peak RSS from /usr/bin/time),
# and prints a Markdown table of medians for docs/PERFORMANCE.md. Loopback only.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
procs=${1:-8} listen=${2:-1000} pairs=${3:-500} udp=${4:-250} runs=${5:-7}
load=${AJAR_SOCKLOAD:-$here/../shared/bench/sockload.py}
[[ -f $load ]] || load=$here/bench/sockload.py
[[ -f $load ]] || { echo "bench: sockload.py not found" >&2; exit 3; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 3; }

"$here/bin/ajar" --version >/dev/null   # build (and train the AOT cache) first
fifo=$(mktemp -u); mkfifo "$fifo"
python3 "$load" "$procs" "$listen" "$pairs" "$udp" 600 >"$fifo" &
loader=$!
# Children first: once the loader is gone they are orphans that pkill -P no longer finds.
trap 'pkill -P $loader 2>/dev/null; kill $loader 2>/dev/null; rm -f "$fifo" "$timing"' EXIT
read -r ready <"$fifo"; [[ $ready == READY ]] || { echo "bench: load did not start" >&2; exit 4; }
sockets=$(($(cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 | wc -l) - 4))

timing=$(mktemp)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, command...
  local label=$1; shift
  local times=() rss=()
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$timing" -f '%e %M' "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$timing")
    times+=("${out% *}"); rss+=("${out#* }")
  done
  printf '%s\t%s\t%s\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
}

{
  measure "ss -tulpn" ss -tulpn
  measure "ajar ports" "$here/bin/ajar" ports
  measure "ajar ports --no-owners" "$here/bin/ajar" ports --no-owners
  measure "ss -tuapn" ss -tuapn
  measure "ajar ports -a" "$here/bin/ajar" ports -a
  measure "ajar ports -a --no-owners" "$here/bin/ajar" ports -a --no-owners
} >"$here/target/bench.tsv"

echo "Host: $(nproc) cores, $(uname -r); $sockets sockets in /proc/net (tcp, tcp6, udp, udp6); $runs runs each, medians."
echo
echo "| command | wall (s) | vs ss | peak RSS (MiB) |"
echo "|---|---|---|---|"
awk -F'\t' '
  /^ss -tulpn/ {base=$2} /^ss -tuapn/ {base=$2}
  {printf "| `%s` | %.2f | %.1fx | %.0f |\n", $1, $2, $2/base, $3/1024}' "$here/target/bench.tsv"
