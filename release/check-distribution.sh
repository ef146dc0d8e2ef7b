#!/usr/bin/env bash
# Proves that the CLI downloads run with only a Java runtime, and the jlink image with nothing at all:
#   - allocator-cli-<version>-bin.zip, unpacked, run with JAVA_HOME pointing at a JRE (a runtime linked from the
#     java.se modules: no javac, no jlink) and a PATH that holds no java;
#   - the jlink image, copied elsewhere, run with no JAVA_HOME and no java on the PATH.
# Each runs 'traces', 'replay' of a bundled trace by name, and 'compare' with a chart.
# Needs the build's outputs first:   mvn -B -DskipTests -pl cli -am package
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)
zip="$root/cli/target/allocator-cli-$version-bin.zip"
image="$root/cli/target/allocator-cli-$version-image"
for built in "$zip" "$image/bin/allocator"; do
    if [ ! -e "$built" ]; then
        echo "no $built: build it first with: mvn -B -DskipTests -pl cli -am package" >&2
        exit 2
    fi
done
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

work=$(mktemp -d /tmp/allocator-dist.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A PATH with the few tools the launchers use, and no java.
mkdir "$work/path"
for tool in dirname readlink; do ln -s "$(command -v "$tool")" "$work/path/$tool"; done

run() { # run LABEL EXPECTED-PATTERN COMMAND...: runs with an empty environment plus what the command line sets
    local label=$1 pattern=$2
    shift 2
    local out
    if ! out=$("$@" 2>&1); then
        echo "FAILED ($label): $*"
        echo "$out"
        exit 1
    fi
    if ! grep -qE "$pattern" <<<"$out"; then
        echo "FAILED ($label): no line matching '$pattern' in:"
        echo "$out"
        exit 1
    fi
    echo "ok $label"
}

check() { # check NAME LAUNCHER ENV...: the same commands on one download
    local name=$1 launcher=$2
    shift 2
    local env=(env -i "PATH=$work/path" "$@")
    run "$name: no java on the PATH" 'no Java|not found|No such file' sh -c "! env -i PATH=$work/path java -version"
    run "$name: --version" "^allocator $version\$" "${env[@]}" "$launcher" --version
    run "$name: traces" '^mixed_align_200K +byte +200000' "${env[@]}" "$launcher" traces
    run "$name: replay by name" '^vec_rand_free_7500_520 +tlsf +15026 ' \
        "${env[@]}" "$launcher" replay vec_rand_free_7500_520 -a tlsf --repeat 1 --warmup 0
    run "$name: compare with a chart" "^wrote $work/$name.png \\(1000 x 560\\)" \
        "${env[@]}" "$launcher" compare -w vec_push_3M,page_mixed_20K --repeat 1 --warmup 0 --chart "$work/$name.png"
}

echo "=== a JRE: java.se linked from $java_home (no compiler, no jlink)"
"$java_home/bin/jlink" --add-modules java.se --strip-debug --no-header-files --no-man-pages --output "$work/jre"
[ ! -e "$work/jre/bin/javac" ] && [ ! -e "$work/jre/bin/jlink" ]

echo "=== $zip, unpacked, on the JRE"
(cd "$work" && unzip -q "$zip")
check zip "$work/allocator-cli-$version/bin/allocator" "JAVA_HOME=$work/jre"
rm -rf "$work/jre"

echo "=== $image, copied, on nothing"
cp -r "$image" "$work/image"
check image "$work/image/bin/allocator"
du -sh "$work/image" | sed 's/^/image size: /'

echo "=== distribution check passed"
