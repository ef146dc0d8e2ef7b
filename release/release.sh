#!/usr/bin/env bash
# The release command: turns the SNAPSHOT into a release, e.g.
#
#   release/release.sh 0.1.0 0.2.0-SNAPSHOT
#
# 1. stamps CHANGELOG.md: its "## [Unreleased]" section becomes "## [0.1.0] - <today>" under a new empty
#    Unreleased section, committed as "changelog: 0.1.0";
# 2. runs maven-release-plugin's release:prepare (configured in the root pom): sets 0.1.0 and a new
#    project.build.outputTimestamp in the poms (the BOM gets the version), runs `mvn clean verify`, commits
#    "release: prepare release v0.1.0", tags v0.1.0, sets 0.2.0-SNAPSHOT and commits again;
# 3. removes release:prepare's working files (release:clean).
# Nothing is pushed or deployed: the script ends by printing those commands. Needs a clean work tree.
# Arguments after the two versions go to release:prepare (for a quick trial on a scratch clone:
# '-Darguments=-DskipTests').
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: release/release.sh RELEASE-VERSION NEXT-SNAPSHOT-VERSION [release:prepare options]" \
        "  (e.g. 0.1.0 0.2.0-SNAPSHOT)" >&2
    exit 2
fi
version=$1
next=$2
shift 2
cd "$(dirname "$0")/.."
case "$version" in *-SNAPSHOT|"") echo "release version '$version' must not be a SNAPSHOT" >&2; exit 2;; esac
case "$next" in *-SNAPSHOT) ;; *) echo "next version '$next' must end in -SNAPSHOT" >&2; exit 2;; esac
# The memory module joins the reactor on JDK 22+ only; on an older JDK release:prepare would leave its pom at the
# SNAPSHOT version.
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
feature=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${feature%%.*}" -lt 22 ] 2>/dev/null || [ -z "$feature" ]; then
    echo "release with JDK 22 or newer (JAVA_HOME=...), not Java '$feature': the memory module is built only there" >&2
    exit 2
fi
if [ -n "$(git status --porcelain)" ]; then
    echo "the work tree has changes: commit or stash them first" >&2
    exit 2
fi
if git rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
    echo "tag v$version exists already" >&2
    exit 2
fi
if ! grep -q '^## \[Unreleased\]$' CHANGELOG.md; then
    echo "CHANGELOG.md has no '## [Unreleased]' section to release" >&2
    exit 2
fi

today=$(date -u +%Y-%m-%d)
sed -i "s/^## \[Unreleased\]\$/## [Unreleased]\n\n## [$version] - $today/" CHANGELOG.md
git commit -q -m "changelog: $version" CHANGELOG.md

mvn -B release:prepare -DreleaseVersion="$version" -DdevelopmentVersion="$next" "$@"
mvn -B -q release:clean

echo
echo "Released v$version locally (now at $next). Next:"
echo "  git push origin HEAD v$version                       # publish the commits and the tag"
echo "  git checkout v$version && mvn -B deploy && git checkout -   # deploy, once distributionManagement is set"
echo "  cli/target/allocator-cli-$version-bin.zip, .tar.gz  # the CLI download, for the release page"
