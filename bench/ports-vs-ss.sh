#!/usr/bin/env bash
# The speed issue's table: `ajar ports` against `ss` (the anchor tool), timed in the same run.
#   bench/ports-vs-ss.sh [PROCS LISTEN CONNPAIRS UDP] [RUNS]
# Defaults: 20 1000 1000 500 (../shared/bench/sockload.py: 20 processes on 127.0.0.1..20, each
# with 1,000 listeners, 1,000 connected pairs and 500 UDP sockets, about 70,000 sockets), 7 runs.
#
# 1. Idle host, before the load starts: `ajar ports` against `ss -tulpn`, and the optional
#    `ajar boot --root DIR` (AJAR_BENCH_ROOT=DIR) and `ajar verify` (AJAR_BENCH_VERIFY=0 skips).
# 2. Loaded host: starts the load, waits for its READY, then each ajar command against its
#    anchor, ajar and anchor alternating run by run so both see the same machine.
# Every command runs once untimed first (page cache, the launcher's class-data archive), then
# RUNS times under /usr/bin/time (peak RSS); wall clock from bash's EPOCHREALTIME around it
# (ss takes milliseconds, /usr/bin/time's %e has 10 ms steps). Reported: medians, and ratios
# of the medians. Prints a Markdown table; the raw runs go to target/ports-vs-ss.tsv and the
# table to target/ports-vs-ss.md. Loopback only. Stops the load (the loader and its children)
# on every exit.
#
# Environment: AJAR_SOCKLOAD (the load generator), AJAR_BENCH_ROOT, AJAR_BENCH_VERIFY,
# AJAR_BENCH_LOAD_SECONDS (the loader's lifetime, a safety net; default 3600).
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/jdk.sh
. "$here/bin/jdk.sh"
procs=${1:-20} listen=${2:-1000} pairs=${3:-1000} udp=${4:-500} runs=${5:-7}
seconds=${AJAR_BENCH_LOAD_SECONDS:-3600}
root=${AJAR_BENCH_ROOT:-}
verify=${AJAR_BENCH_VERIFY:-1}
load=${AJAR_SOCKLOAD:-$here/../shared/bench/sockload.py}
[[ -f $load ]] || load=$here/bench/sockload.py
[[ -f $load ]] || { echo "bench: sockload.py not found (set AJAR_SOCKLOAD)" >&2; exit 3; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 3; }
command -v ss >/dev/null || { echo "bench: ss missing (apt-get install iproute2)" >&2; exit 3; }
if [[ -n $root ]]; then
  [[ -d $root ]] || { echo "bench: AJAR_BENCH_ROOT=$root: not a directory" >&2; exit 3; }
  [[ $root != *[[:space:]]* ]] || { echo "bench: AJAR_BENCH_ROOT must not contain blanks" >&2; exit 3; }
fi
(( runs >= 1 )) || { echo "bench: RUNS must be at least 1" >&2; exit 2; }
[[ $(id -u) == 0 ]] || echo "bench: not root: ajar and ss see only your own processes' sockets" >&2

mkdir -p "$here/target"
raw=$here/target/ports-vs-ss.tsv
table=$here/target/ports-vs-ss.md
timing=$(mktemp) errlog=$(mktemp) fifo=$(mktemp -u)
loader=

stop_load() {
  [[ -n $loader ]] || return 0
  # Children first: once the loader is gone they are orphans that pkill -P no longer finds.
  pkill -P "$loader" 2>/dev/null || true
  # The loader runs in a process group of its own (setsid): whatever is left of it goes too.
  kill -- "-$loader" 2>/dev/null || kill "$loader" 2>/dev/null || true
  for _ in {1..100}; do kill -0 -- "-$loader" 2>/dev/null || break; sleep 0.1; done
  wait "$loader" 2>/dev/null || true
  loader=
}
trap 'stop_load; rm -f "$fifo" "$timing" "$errlog"' EXIT
trap 'exit 130' INT TERM HUP

# sockets in /proc/net: "total tcp tcp6 udp udp6 tcp-listening"
sockets() {
  awk 'FNR > 1 { n[FILENAME]++; if (FILENAME ~ /tcp/ && $4 == "0A") l++ }
       END { t = n["/proc/net/tcp"]; t6 = n["/proc/net/tcp6"]; u = n["/proc/net/udp"]; u6 = n["/proc/net/udp6"]
             printf "%d %d %d %d %d %d\n", t + t6 + u + u6, t, t6, u, u6, l }' \
    /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6
}

# One timed run: phase label run; the label is the command line, "ajar" meaning bin/ajar.
run() {
  local phase=$1 label=$2 i=$3 cmd t0 t1 out rss rc
  read -ra cmd <<<"$label"
  [[ ${cmd[0]} == ajar ]] && cmd[0]=$here/bin/ajar
  t0=$EPOCHREALTIME
  /usr/bin/time -o "$timing" -f '%M %x' "${cmd[@]}" >/dev/null 2>"$errlog" || true
  t1=$EPOCHREALTIME
  out=$(tail -1 "$timing"); rss=${out% *} rc=${out#* }
  case "$label:$rc" in
    "ajar verify"*:[01] | *:0) ;;  # verify exits 1 when it finds drift
    *) echo "bench: '$label' exited $rc:" >&2; head -5 "$errlog" >&2 ;;
  esac
  printf '%s\t%s\t%d\t%s\t%s\t%s\n' "$phase" "$label" "$i" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')" "$rss" "$rc" >>"$raw"
}

# phase label...: one untimed run of each (run 0), then RUNS rounds running each in turn.
measure() {
  local phase=$1 label i; shift
  for label in "$@"; do run "$phase" "$label" 0; done
  for ((i = 1; i <= runs; i++)); do
    for label in "$@"; do run "$phase" "$label" "$i"; done
  done
}

printf 'phase\tcommand\trun\twall_s\tmax_rss_kib\texit\n' >"$raw"
"$here/bin/ajar" --version >/dev/null   # builds target/ajar.jar (and trains its AOT cache) when the sources are newer

read -r idle_total _ <<<"$(sockets)"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
idle_note=
if (( idle_total > 1000 )); then
  idle_note="host not idle"
  echo "bench: $idle_total sockets in /proc/net before the load starts (another load running?):" \
    "the idle rows are not an idle host's" >&2
fi
measure idle "ss -tulpn" "ajar ports"
[[ -z $root ]] || measure idle "ajar boot --root $root"
[[ $verify == 0 ]] || measure idle "ajar verify"

mkfifo "$fifo"
# Not a process-group leader (no job control here), so setsid makes the new group without forking:
# $! is the loader itself and its pid the group's id.
setsid python3 "$load" "$procs" "$listen" "$pairs" "$udp" "$seconds" >"$fifo" &
loader=$!
read -r ready <"$fifo" || true
[[ ${ready:-} == READY ]] || { echo "bench: the load did not start ($load)" >&2; exit 4; }
read -r loaded tcp tcp6 udp4 udp6 listening <<<"$(sockets)"
expected=$((procs * (listen + 1 + 2 * pairs + udp)))
(( loaded >= expected )) || echo "bench: only $loaded sockets in /proc/net, $expected expected" >&2
measure load "ss -tuapn" "ajar ports -a --json"
measure load "ss -tulpn" "ajar ports"
measure load "ss -tuln" "ajar ports --no-owners"
read -r after _ <<<"$(sockets)"
stop_load

jdk=$(sed -n 's/^IMPLEMENTOR_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$here" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo "+changes" || true)
{
  echo "Host: $(nproc) cores, kernel $(uname -r), load average $loadavg before; $started;" \
    "JDK ${jdk:-$JAVA_HOME}; ajar $commit$dirty. Sockets in /proc/net: idle $idle_total${idle_note:+ ($idle_note)};" \
    "loaded $loaded (tcp $tcp, $listening of them listening; tcp6 $tcp6; udp $udp4; udp6 $udp6), $after at the end." \
    "Load: $(basename "$load") $procs $listen $pairs $udp. Medians of $runs runs, ratios of medians."
  echo
  echo "| measure | ajar | anchor | ratio | goal | result |"
  echo "|---|---|---|---|---|---|"
  # row: title phase command anchor metric goal-kind goal
  awk -F'\t' -v rows="$(cat <<'ROWS'
`ajar ports -a --json`|load|ajar ports -a --json|ss -tuapn|wall|ratio|0.25
`ajar ports` (listening, owners)|load|ajar ports|ss -tulpn|wall|ratio|0.5
`ajar ports --no-owners`|load|ajar ports --no-owners|ss -tuln|wall|ratio|2
peak RSS of `ajar ports -a --json`|load|ajar ports -a --json|ss -tuapn|rss|abs|100
idle host: `ajar ports` (no load)|idle|ajar ports|ss -tulpn|wall|abs|0.12
`ajar boot --root DIR`|idle|ajar boot --root|-|wall|abs|0.4
`ajar verify`|idle|ajar verify|-|wall|abs|0.4
ROWS
)" -v idle_note="$idle_note" '
    function median(key,   n, v, i, j, t) {
      n = split(runs[key], v, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return n == 0 ? "" : (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2)
    }
    function find(phase, command,   k) {
      if (command != "ajar boot --root") return (phase SUBSEP command) in seen ? phase SUBSEP command : ""
      for (k in seen) if (index(k, phase SUBSEP command " ") == 1) return k  # its DIR follows
      return ""
    }
    function show(metric, v) { return metric == "rss" ? sprintf("%.0f MiB", v / 1024) : sprintf("%.3f s", v) }
    NR > 1 && $3 > 0 {
      key = $1 SUBSEP $2; seen[key] = 1
      runs[key "wall"] = runs[key "wall"] " " $4; runs[key "rss"] = runs[key "rss"] " " $5
      if ($6 != 0 && !($6 == 1 && $2 == "ajar verify")) bad[key] = $6
    }
    END {
      n = split(rows, row, "\n")
      for (r = 1; r <= n; r++) {
        split(row[r], f, "|"); title = f[1]; metric = f[5]; kind = f[6]; goal = f[7]
        key = find(f[2], f[3]); if (key == "") continue
        if (f[3] == "ajar boot --root") { split(key, kk, SUBSEP); title = "`" kk[2] "`" }
        a = median(key metric); anchor = "—"; ratio = "—"; akey = ""; b = 0
        if (f[4] != "-") {
          akey = f[2] SUBSEP f[4]; b = median(akey metric)
          anchor = show(metric, b) " (`" f[4] "`)"; ratio = b > 0 ? sprintf("%.2fx", a / b) : "—"
        }
        if (kind == "ratio") { goalText = "≤ " goal "x"; ok = b > 0 && a / b <= goal }
        else if (metric == "rss") { goalText = "≤ " goal " MiB"; ok = a / 1024 <= goal }
        else { goalText = "≤ " goal " s"; ok = a <= goal }
        result = ok ? "pass" : "fail"
        if (key in bad || akey in bad) result = "error (exit " (key in bad ? bad[key] : bad[akey]) ")"
        else if (f[2] == "idle" && idle_note != "") result = result " (" idle_note ")"
        printf "| %s | %s | %s | %s | %s | %s |\n", title, show(metric, a), anchor, ratio, goalText, result
      }
    }' "$raw"
} | tee "$table"
