#!/usr/bin/env bash
# The concurrent benchmarks in one JMH run: the steady 256 B pair and churn at 1 and 2 threads, and the
# producer/consumer pipe, for ConcurrentByteAllocator (tlsf, buddy, slab), the synchronized view of tlsf and Netty
# pooled and adaptive with their thread caches; then the isolated control (each thread an allocator of its own:
# the same code sharing nothing, so its 2/1 ratio is what the machine allows); then ours under -prof gc, checked
# for 0 B/op. Not part of CI. THREADS=4,8 (or 1,2,4,8) selects other @Threads copies on a bigger machine; extra
# arguments go to JMH (e.g. -f 1 -wi 2 -i 3 for a short run). Writes target/concurrent.json, target/concurrent-isolated.json
# and target/concurrent-gc.json.
set -euo pipefail
cd "$(dirname "$0")"
jar=target/benchmarks.jar
if [ ! -f "$jar" ]; then
    (cd .. && mvn -B -q -pl bench -am package -DskipTests)
fi
threads=${THREADS:-1,2}
copies="T(${threads//,/|})"
uptime
java -jar "$jar" "Concurrent(SteadyState\.pair|Churn\.churn)${copies}\$|ConcurrentHandoff" \
    -rf json -rff target/concurrent.json "$@"
uptime
java -jar "$jar" "Concurrent(SteadyState\.pair|Churn\.churn)${copies}\$" \
    -p subject=isolated-tlsf,isolated-buddy,isolated-slab -rf json -rff target/concurrent-isolated.json "$@"
uptime
java -jar "$jar" "Concurrent(SteadyState\.pair|Churn\.churn)${copies}\$|ConcurrentHandoff" \
    -p subject=concurrent-tlsf,concurrent-buddy,concurrent-slab -prof gc -f 1 -wi 2 -i 3 -w 1s -r 1s \
    -rf json -rff target/concurrent-gc.json
java -cp "$jar" dev.allocator.bench.report.GcCheck target/concurrent-gc.json '\.Concurrent' 1.0
uptime
