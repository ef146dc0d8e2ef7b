#!/usr/bin/env bash
# Regenerates module-graph.dot and module-graph.svg from the built jars: the `requires` edges come from
# `jdeps --dot-output`, the `provides`/`uses` edges of the AllocatorProvider service from `jar --describe-module`,
# and Graphviz `dot` draws the picture. Commit both files after running it. Not part of CI.
#
# Usage: module-info-docs/regenerate-graph.sh [--no-build]
#   Builds the jars first (mvn -B -q -DskipTests package) unless --no-build is given. Run it with a JDK 22 or
#   newer (JAVA_HOME or PATH) so the memory module is built and drawn. Needs Graphviz: apt-get install -y graphviz
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
docs="$root/module-info-docs"
cd "$root"

if ! command -v dot >/dev/null; then
    echo "Graphviz 'dot' is missing: install it (apt-get install -y graphviz) and run this again" >&2
    exit 1
fi
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
if [ "${1:-}" != "--no-build" ]; then
    mvn -B -q -DskipTests package
fi

# The project's modular jars: every module's main artifact, not the integration tests or the benchmarks.
mapfile -t jars < <(find . -path ./it -prune -o -path ./bench -prune -o \
    -path '*/target/allocator-*.jar' -not -name '*-tests.jar' -not -name '*-sources.jar' \
    -not -name '*-javadoc.jar' -print | sort)
if [ "${#jars[@]}" -eq 0 ]; then
    echo "no jars under */target: build first" >&2
    exit 1
fi
module_path=$(IFS=:; echo "${jars[*]}")
if ! printf '%s\n' "${jars[@]}" | grep -q allocator-memory; then
    echo "note: no allocator-memory jar (built on JDK 22+ only); the graph will not show dev.allocator.memory" >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${java_bin}jdeps" --module-path "$module_path" --add-modules ALL-MODULE-PATH --dot-output "$work/jdeps" -s \
    >/dev/null

service=dev.allocator.api.spi.AllocatorProvider
{
    echo 'digraph "modules" {'
    echo '  rankdir=BT; nodesep=0.4; ranksep=0.7;'
    echo '  node [shape=box, style="rounded,filled", fillcolor="#f4f4f4", color="#888888", fontname="DejaVuSans", fontsize=12];'
    echo '  edge [fontname="DejaVuSans", fontsize=10];'
    echo '  "java.base" [fillcolor="#fde9d9", color="#e76f00"];'
    # requires edges, as jdeps found them (solid: requires transitive, dashed: requires); java.base edges in grey.
    cat "$work"/jdeps/*.dot | grep -E '^ *"[^"]+" -> "[^"]+"' | sed -E 's/^ *//' | sort -u \
        | sed -E 's/color="#dddddd"/color="#cccccc"/' | sed 's/^/  /'
    # service edges: each provider module provides AllocatorProvider, which the api uses.
    for jar in "${jars[@]}"; do
        descriptor=$("${java_bin}jar" --describe-module --file "$jar")
        module=$(echo "$descriptor" | head -n 1 | sed -E 's/@.*//')
        if echo "$descriptor" | grep -q "^provides $service"; then
            echo "  \"$module\" -> \"dev.allocator.api\" [style=dotted, color=\"#1f77b4\", fontcolor=\"#1f77b4\", label=\"provides\"];"
        fi
    done
    echo '}'
} >"$docs/module-graph.dot"

dot -Tsvg "$docs/module-graph.dot" -o "$docs/module-graph.svg"
echo "wrote $docs/module-graph.dot and module-graph.svg from ${#jars[@]} jars:"
printf '  %s\n' "${jars[@]}"
