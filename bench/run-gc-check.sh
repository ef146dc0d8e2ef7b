#!/usr/bin/env bash
# Runs our allocators' steady-state benchmark under JMH's GC profiler and checks that it allocates nothing on the
# Java heap: gc.alloc.rate.norm at most 1 B/op (0 up to JMH's own noise) for every allocator and size.
# Not part of CI. Extra arguments go to JMH (e.g. -p allocator=tlsf). Exit status 1 if the check fails.
set -euo pipefail
cd "$(dirname "$0")"
jar=target/benchmarks.jar
if [ ! -f "$jar" ]; then
    (cd .. && mvn -B -q -pl bench -am package -DskipTests)
fi
out=${GC_CHECK_JSON:-target/gc-check.json}
java -jar "$jar" 'dev.allocator.bench.SteadyStateOurs' -prof gc -f 1 -wi 2 -i 3 -w 1s -r 1s \
    -rf json -rff "$out" "$@"
java -cp "$jar" dev.allocator.bench.report.GcCheck "$out" '\.SteadyStateOurs\.' 1.0
