# Sourced by bin/ajar and bin/aot-train: the JVM options of every ajar run. The AOT cache is
# only used by a JVM started with the options it was trained with, so both take them from here.
# shellcheck disable=SC2034
ajar_jvm_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m -XX:-UsePerfData)
# The AOT cache never prints a warning: a stale or mismatched one is ignored, silently.
ajar_jvm_quiet=(-Xlog:aot=off -Xlog:cds=off)
