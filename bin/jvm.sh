# Sourced by bin/ajar and bin/aot-train: the JVM options of every ajar run. The AOT cache is
# only used by a JVM started with the options it was trained with, so both take them from here.
# - Serial GC, C1 only: a short run on few cores; C2 measured no faster even at 70,000 sockets.
# - -Xmn4m: the default young generation (a third of 1/64 of RAM) let a run touch hundreds of
#   MiB before its first collection. No maximum heap is set, so a host with far more sockets
#   cannot run out of heap because of these options.
# - MaxTenuringThreshold=0: what survives a young collection is the socket model, kept to the
#   end, so it goes straight to the old generation instead of being copied between survivor
#   spaces up to 15 times: at 70,000 sockets 40 ms of pauses instead of 52-60, peak RSS the same
#   (98.6 MiB; -Xmn6m with it: 99.9, -Xmn8m: 101, -Xmn12m: 103; 34 collections instead of 17).
# - Compact object headers (JEP 519): about 10 MiB less at 70,000 sockets.
# - No perf data: no /tmp/hsperfdata file per run (jcmd PID still works).
# shellcheck disable=SC2034
ajar_jvm_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m -Xmn4m -XX:MaxTenuringThreshold=0
  -XX:+UseCompactObjectHeaders -XX:-UsePerfData)
# The AOT cache never prints a warning: a stale or mismatched one is ignored, silently.
ajar_jvm_quiet=(-Xlog:aot=off -Xlog:cds=off)
