#!/usr/bin/env bash
# Regenerates module-graph.dot, module-graph.svg and descriptors.txt from the built jars:
#   - the `requires` edges come from `jdeps --dot-output` on the project's modular jars;
#   - the `provides AllocatorProvider` edges and descriptors.txt come from `jar --describe-module`;
#   - Graphviz `dot` draws the picture.
# Commit the three files after running it. Not part of CI.
#
# Usage: module-info-docs/regenerate-graph.sh [--no-build]
#   Without --no-build it first runs `mvn -B -q -DskipTests package dependency:build-classpath` (the jars, and the
#   third-party jars they require, such as JUnit for the tck and picocli for the CLI). Run it with a JDK 22 or newer
#   (JAVA_HOME or PATH) so that the memory module is built and drawn. Needs Graphviz: apt-get install -y graphviz
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
docs="$root/module-info-docs"
cd "$root"

if ! command -v dot >/dev/null; then
    echo "Graphviz 'dot' is missing: install it (apt-get install -y graphviz) and run this again" >&2
    exit 1
fi
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
classpath_file=target/module-graph-classpath.txt
if [ "${1:-}" != "--no-build" ]; then
    mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=runtime \
        -Dmdep.outputFile="$classpath_file"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The project's modular jars, one per module name: every module's main artifact, not the integration tests or the
# benchmarks (no module), not automatic modules.
declare -A seen=() jar_of=()
jars=()
while IFS= read -r jar; do
    descriptor=$("${java_bin}jar" --describe-module --file "$jar" 2>/dev/null) || continue
    case "$descriptor" in *automatic*|"No module descriptor"*) continue ;; esac
    module=$(echo "$descriptor" | head -n 1 | sed -E 's/[@ ].*//')
    case "$module" in dev.allocator.*) ;; *) continue ;; esac
    [ -n "${seen[$module]:-}" ] && continue
    seen[$module]=1
    jar_of[$module]=$jar
    jars+=("$jar")
    echo "$descriptor" | sed -E '1s/ .*//' >>"$work/descriptors"
    echo >>"$work/descriptors"
done < <(find . -path ./it -prune -o -path ./bench -prune -o -path '*/target/allocator-*.jar' -print \
    | awk '{ print length($0) "\t" $0 }' | sort -n | cut -f2-)
if [ "${#jars[@]}" -eq 0 ]; then
    echo "no modular jars under */target: build first (or drop --no-build)" >&2
    exit 1
fi
if [ -z "${seen[dev.allocator.memory]:-}" ]; then
    echo "note: no allocator-memory jar (built on JDK 22+ only): the graph will not show dev.allocator.memory" >&2
fi

# Third-party jars the modules require (JUnit, picocli...), one per module name, so that jdeps can resolve them.
deps=()
while IFS= read -r jar; do
    name=$("${java_bin}jar" --describe-module --file "$jar" 2>/dev/null | head -n 1 | sed -E 's/[@ ].*//')
    [ -z "$name" ] || [ -n "${seen[$name]:-}" ] && continue
    seen[$name]=third-party
    deps+=("$jar")
done < <(find . -path "*/$classpath_file" -exec sh -c 'cat "$1"; echo' _ {} \; | tr ':' '\n' \
    | grep -v '/target/' | grep '\.jar$' | sort -u)
module_path=$(IFS=:; echo "${jars[*]}${deps[*]:+:${deps[*]}}")
ours=$(for m in "${!seen[@]}"; do [ "${seen[$m]}" = 1 ] && echo "$m"; done | sort)

# jdeps, all modules at once; where that fails, module by module. jdeps (17 to 25) cannot draw a module whose
# graph holds a `requires static transitive` (JUnit's, which the tck requires): for such a module the edges are
# read from its descriptor instead, and the script says so.
edges="$work/edges"
: >"$edges"
jdeps_dot() { # module-list output-dir
    "${java_bin}jdeps" --module-path "$module_path" --add-modules "$1" --multi-release 17 --dot-output "$2" -s \
        >"$work/jdeps.log" 2>&1
}
if jdeps_dot "$(echo "$ours" | paste -sd, -)" "$work/jdeps"; then
    cat "$work"/jdeps/*.dot >>"$edges"
else
    for module in $ours; do
        if jdeps_dot "$module" "$work/jdeps-$module"; then
            cat "$work/jdeps-$module"/*.dot >>"$edges"
        else
            echo "note: jdeps cannot draw $module ($(grep -m1 -E 'Exception|Error' "$work/jdeps.log")):" \
                "its edges come from jar --describe-module" >&2
            "${java_bin}jar" --describe-module --file "${jar_of[$module]}" \
                | awk -v m="$module" '$1 == "requires" && $2 != "java.base" {
                    style = ($0 ~ / transitive/) ? "[]" : "[style=\"dashed\"]"
                    printf "  \"%s\" -> \"%s\" %s;\n", m, $2, style }' >>"$edges"
        fi
    done
fi

service=dev.allocator.api.spi.AllocatorProvider
{
    echo 'digraph "modules" {'
    echo '  rankdir=BT; nodesep=0.35; ranksep=0.8;'
    echo '  node [shape=box, style="rounded,filled", fillcolor="#f4f4f4", color="#888888", fontname="DejaVuSans", fontsize=12];'
    echo '  edge [fontname="DejaVuSans", fontsize=10, arrowsize=0.7];'
    echo '  "java.base" [fillcolor="#fde9d9", color="#e76f00"];'
    for module in "${!seen[@]}"; do
        [ "${seen[$module]}" = 1 ] || continue
        echo "  \"$module\" [fillcolor=\"#e3eefa\", color=\"#1f4e79\"];"
    done | sort
    # `requires` edges of the project's modules, as jdeps reports them (dashed: requires, solid: requires
    # transitive); edges to java.base in light grey. Third-party modules appear as targets only.
    grep -E '^ *"dev\.allocator\.[^"]+" -> "[^"]+"' "$edges" | sed -E 's/^ *//' | sort -u \
        | sed -E 's/color="#dddddd"/color="#cccccc"/' | sed 's/^/  /'
    # Service edges: each provider module provides AllocatorProvider, which the api uses.
    for jar in "${jars[@]}"; do
        descriptor=$("${java_bin}jar" --describe-module --file "$jar")
        module=$(echo "$descriptor" | head -n 1 | sed -E 's/[@ ].*//')
        if echo "$descriptor" | grep -q "^provides $service"; then
            echo "  \"$module\" -> \"dev.allocator.api\" [style=dotted, color=\"#1f77b4\", fontcolor=\"#1f77b4\", label=\"provides\"];"
        fi
    done
    echo '}'
} >"$docs/module-graph.dot"
dot -Tsvg "$docs/module-graph.dot" -o "$docs/module-graph.svg"

{
    echo "# Module descriptors of the built jars (jar --describe-module), written by regenerate-graph.sh."
    echo "# Java: $("${java_bin}java" -version 2>&1 | head -n 1)"
    echo
    cat "$work/descriptors"
} >"$docs/descriptors.txt"

echo "wrote module-graph.dot, module-graph.svg and descriptors.txt in $docs from ${#jars[@]} jars:"
printf '  %s\n' "${jars[@]}"
