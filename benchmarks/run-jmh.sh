#!/usr/bin/env bash
# run-jmh.sh [JMH ARGS...]
#
# Runs Tern's JMH benchmarks and writes the JSON results to benchmarks/results/.
#   benchmarks/run-jmh.sh                          # the whole suite (6 methods, about 4 minutes on 2 cores)
#   benchmarks/run-jmh.sh SpoolAcceptBenchmark     # a regex subset
#   benchmarks/run-jmh.sh 'SmtpTransaction.*fifty' -i 5
# Any argument is passed to JMH as is (regexes and options alike); -rf/-rff are added here.
# Builds benchmarks/jmh/target/benchmarks.jar first when it is missing or older than any source or pom.
#
# Environment:
#   TERN_BENCH_DIR   directory for the benchmark spools (must be on the disk you want to measure, not tmpfs);
#                    default: java.io.tmpdir if disk-backed, else the working directory
#   JAVA             java binary (default: java on PATH)
#   REBUILD=1        build even if the jar looks current
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
JAR=$HERE/jmh/target/benchmarks.jar
RESULTS=$HERE/results
JAVA=${JAVA:-java}

log() { echo "# $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }

command -v "$JAVA" >/dev/null || die "no java on PATH (Java 17 needed)"

needs_build() {
    [ "${REBUILD:-0}" = 1 ] && return 0
    [ -f "$JAR" ] || return 0
    # Any source or pom of the reactor newer than the jar means the jar is stale.
    [ -n "$(find "$ROOT/pom.xml" "$ROOT"/{access,delivery,relay,ops,benchmarks/load,benchmarks/jmh}/pom.xml \
        "$ROOT"/{access,delivery,relay,ops,benchmarks/load,benchmarks/jmh}/src/main -newer "$JAR" -type f -print -quit 2>/dev/null)" ]
}

if needs_build; then
    command -v mvn >/dev/null || die "benchmarks.jar needs building and mvn is not on PATH"
    log "building $JAR"
    # Offline first (everything is usually in ~/.m2 already); online only if that fails.
    (cd "$ROOT" && { mvn -B -q -o -pl benchmarks/jmh -am package -DskipTests \
        || mvn -B -q -pl benchmarks/jmh -am package -DskipTests; }) || die "build failed"
fi
[ -f "$JAR" ] || die "$JAR was not built"

mkdir -p "$RESULTS"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
NAME=${*:-all}
# Keep the file name readable: the first argument if it is a plain benchmark regex, otherwise "custom".
case "${1:-}" in
    "") TAG=all ;;
    -*) TAG=custom ;;
    *) TAG=$(printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_' | cut -c1-60) ;;
esac
OUT=$RESULTS/jmh-$TAG-$STAMP.json
log "running JMH ($NAME), results -> $OUT"
RC=0
"$JAVA" -jar "$JAR" "$@" -rf json -rff "$OUT" || RC=$?
# JMH exits 0 even when every benchmark failed in set-up; an empty result file is a failed run.
COUNT=$(grep -c '"benchmark"' "$OUT" 2>/dev/null || true)
if [ "${COUNT:-0}" -eq 0 ]; then
    rm -f "$OUT"
    die "no benchmark produced a result (JMH exit code $RC); see the output above"
fi
log "$COUNT result(s) written to $OUT"
exit "$RC"
