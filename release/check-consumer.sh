#!/usr/bin/env bash
# Proves that a user can depend on the release artifacts: installs the reactor into a PRIVATE local repository
# (a copy of ~/.m2/repository without dev/allocator; the shared ~/.m2 is never written), checks that every
# installed allocator jar has its sources and javadoc jars and is in the BOM, then builds release/consumer (a
# project that knows only the BOM) offline from that repository and runs it on the module path and on the class
# path. Run from anywhere, on the JDK to check (JAVA_HOME or java on the PATH):
#
#   release/check-consumer.sh            # a fresh private repository under /tmp, removed at the end
#   ALLOCATOR_CHECK_REPO=/tmp/my-m2 release/check-consumer.sh   # reuse (and keep) this one
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
consumer="$root/release/consumer"

build=$(mktemp -d /tmp/allocator-consumer.XXXXXX)
if [ -n "${ALLOCATOR_CHECK_REPO:-}" ]; then
    repo=$ALLOCATOR_CHECK_REPO
    trap 'rm -rf "$build"' EXIT
else
    repo=$(mktemp -d /tmp/allocator-check-m2.XXXXXX)
    trap 'rm -rf "$build" "$repo"' EXIT
fi
if [ ! -d "$repo/org" ]; then
    echo "=== seeding the private repository $repo from ~/.m2/repository (without dev/allocator)"
    mkdir -p "$repo"
    cp -r "$HOME/.m2/repository/." "$repo/"
fi
rm -rf "$repo/dev/allocator"

# The project's version: the root pom's first two-space-indented <version>.
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)
echo "=== installing allocator $version into $repo (tests skipped: mvn verify runs them)"
(cd "$root" && mvn -B -q -Dmaven.repo.local="$repo" -DskipTests -Dallocator.image.skip=true install)
echo # mvn -q leaves its colour reset codes without a newline

echo "=== every installed jar artifact: in the BOM, with sources and javadoc"
failures=0
for dir in "$repo"/dev/allocator/*/; do
    artifact=$(basename "$dir")
    jar="$dir$version/$artifact-$version.jar"
    [ -f "$jar" ] || continue
    before=$failures
    for classifier in sources javadoc; do
        if [ ! -f "$dir$version/$artifact-$version-$classifier.jar" ]; then
            echo "MISSING: $artifact-$version-$classifier.jar"
            failures=$((failures + 1))
        fi
    done
    if ! grep -q "<artifactId>$artifact</artifactId>" "$root/bom/pom.xml"; then
        echo "MISSING from bom/pom.xml: $artifact"
        failures=$((failures + 1))
    fi
    [ "$failures" -ne "$before" ] || echo "ok $artifact"
done
[ "$failures" -eq 0 ] || { echo "=== $failures problems"; exit 1; }

echo "=== building release/consumer offline, from the BOM only"
cp -r "$consumer/." "$build/"
(cd "$build" && mvn -B -q -o -Dmaven.repo.local="$repo" -Dallocator.version="$version" compile)
echo

expect() { # expect LABEL OUTPUT PATTERN...
    local label=$1 output=$2
    shift 2
    for pattern in "$@"; do
        if ! grep -qE "$pattern" <<<"$output"; then
            echo "FAILED ($label): no line matching '$pattern' in:"
            echo "$output"
            exit 1
        fi
    done
}
checks=('providers .*BYTE:tlsf' 'providers .*BYTE:buddy' 'providers .*BYTE:slab' 'providers .*PAGE:bitmap'
    '^tlsf aligned true used [1-9][0-9]* after 0 double-free NOT_ALLOCATED$'
    '^buddy aligned true used [1-9][0-9]* after 0 double-free NOT_ALLOCATED$'
    '^slab aligned true used [1-9][0-9]* after 0 double-free NOT_ALLOCATED$'
    '^bitmap pages 16 at ')

echo "=== module path: java --module-path target/classes:target/lib -m org.example.consumer/..."
out=$(cd "$build" && java --module-path target/classes:target/lib -m org.example.consumer/org.example.consumer.Main)
expect "module path" "$out" '^path module$' "${checks[@]}"
echo "$out"

echo "=== class path: java -cp 'target/classes:target/lib/*' org.example.consumer.Main"
out=$(cd "$build" && java -cp 'target/classes:target/lib/*' org.example.consumer.Main)
expect "class path" "$out" '^path class$' "${checks[@]}"
echo "$out"

echo "=== consumer check passed: allocator $version from the BOM, on the module path and the class path"
