# Sourced by bin/ajar and bin/aot-train: the JVM options of every ajar run. The AOT cache is
# only used by a JVM started with the options it was trained with, so both take them from here.
# - Serial GC, C1 only: a short run on few cores; C2 measured no faster even at 70,000 sockets.
# - -Xmn8m: the default young generation (a third of 1/64 of RAM) let a run touch hundreds of
#   MiB before its first collection; 8 MiB costs no measurable time. No maximum heap is set,
#   so a host with far more sockets cannot run out of heap because of these options.
# - Compact object headers (JEP 519): about 10 MiB less at 70,000 sockets.
# - No perf data: no /tmp/hsperfdata file per run (jcmd PID still works).
# shellcheck disable=SC2034
ajar_jvm_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m -Xmn8m -XX:+UseCompactObjectHeaders
  -XX:-UsePerfData)
# The AOT cache never prints a warning: a stale or mismatched one is ignored, silently.
ajar_jvm_quiet=(-Xlog:aot=off -Xlog:cds=off)
