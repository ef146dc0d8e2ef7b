#!/usr/bin/env bash
# Reproduces the README's results: short JMH runs (2 forks, 2 warm-up and 3 measured 1 s iterations) of every
# benchmark on the default JDK (17), the JDK 22+ ones (Arena, memory) on JDK_22 (default: Temurin 25), then the
# markdown tables and the chart. Takes about an hour on 2 cores. Usage: bench/run-results.sh [step...]
# where a step is peers, ours, pages, jdk22, same, same22 or report (default: all, in that order). "same" runs ours
# and the cached peers in ONE JMH invocation (256 B steady state, churn, traces) so they share the machine's load;
# "same22" does that on JDK 22+ for the memory module's 256 B pair against Netty and malloc.
set -euo pipefail
cd "$(dirname "$0")"
settings=(-f 2 -wi 2 -i 3 -w 1s -r 1s)
jdk22=${JDK_22:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p results target/run
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(peers ours pages jdk22 same same22 report)

jar17=target/run/benchmarks-jdk17.jar
jar22=target/run/benchmarks-jdk22.jar
build17() {
    [ -f "$jar17" ] || { (cd .. && mvn -B -q -pl bench -am package -DskipTests) && cp target/benchmarks.jar "$jar17"; }
}
build22() {
    [ -f "$jar22" ] || { (cd .. && JAVA_HOME=$jdk22 mvn -B -q -pl bench -am package -DskipTests) \
        && cp target/benchmarks.jar "$jar22"; }
}
run() { # jar, java, output, benchmark regex, extra JMH options...
    local jar=$1 java=$2 out=$3 regex=$4
    shift 4
    echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): $regex -> $out"
    "$java" -jar "$jar" "$regex" "${settings[@]}" "$@" -rf json -rff "$out" | tee "${out%.json}.log" \
        | grep -E '^(Benchmark|[A-Z][A-Za-z]+\.)'
}

for step in "${steps[@]}"; do
    case $step in
        peers) build17; run "$jar17" java results/jdk17-peers.json 'dev.allocator.bench.(SteadyState|Churn|TraceReplay)Peers' ;;
        ours) build17; run "$jar17" java results/jdk17-ours.json 'dev.allocator.bench.(SteadyState|Churn|TraceReplay)(Ours|Sliced)' ;;
        pages) build17; run "$jar17" java results/jdk17-pages.json 'dev.allocator.bench.PageTraceBenchmark' ;;
        jdk22) build22; run "$jar22" "$jdk22/bin/java" results/jdk25-jdk22-only.json 'dev.allocator.bench.[A-Za-z]+(Arena|Segments)' ;;
        same) build17; run "$jar17" java results/same-run-jdk17.json 'dev.allocator.bench.(SteadyState|Churn|TraceReplay)(Ours|Peers)' \
            -p size=256 -p peer=netty-pooled,netty-adaptive,malloc ;;
        same22) build22; run "$jar22" "$jdk22/bin/java" results/same-run-jdk25-256.json 'dev.allocator.bench.SteadyState(Ours|Peers|Segments)' \
            -p size=256 -p peer=netty-pooled,netty-adaptive,malloc ;;
        report)
            files=(results/jdk*.json)  # the full matrix; the same-run files get their own report
            for same in results/same-run-*.json; do
                java -Djava.awt.headless=true -cp "$jar17" dev.allocator.bench.report.ResultsReport \
                    "${same%.json}.md" "${same%.json}.png" "one JMH run, ns/op (lower is better)" "$same"
            done
            java -Djava.awt.headless=true -cp "$jar17" dev.allocator.bench.report.ResultsReport \
                results/results.md results/chart.png "ns/op per allocator and workload (lower is better)" "${files[@]}" ;;
        *) echo "unknown step $step: peers, ours, pages, jdk22, same, same22, report" >&2; exit 2 ;;
    esac
done
