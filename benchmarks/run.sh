#!/usr/bin/env bash
# run.sh [--quick | --full] [JMH ARGS...]
#
# Runs Tern's JMH suite (benchmarks/jmh), writes the JSON results to benchmarks/results/ and prints a table.
#   benchmarks/run.sh                              # everything, profile "quick": about 6 minutes on 2 cores
#   benchmarks/run.sh --full                       # profile "full": 3 forks, 6 measured iterations (~20 minutes)
#   benchmarks/run.sh micro                        # a regex subset (here: the micro benchmarks)
#   benchmarks/run.sh 'ImapFetch.*body' -prof gc   # any further JMH options pass through
#
# Profiles:
#   quick  the settings in the benchmarks' annotations: micro benchmarks 1 fork, 3 x 1 s warm-up, 5 x 1 s measured
#          (MicroSettings); end-to-end ones 1 fork, 2 x 3 s warm-up, 4 x 3 s measured (BenchmarkSettings).
#   full   adds -f 3 -i 6: three JVMs per benchmark, so run-to-run variance shows in the error, and more samples.
#          An -f or -i given on the command line wins over the profile's.
# Arguments other than --quick/--full go to JMH as they are (regexes and options alike); -rf/-rff are added here.
# Builds benchmarks/jmh/target/benchmarks.jar first when it is missing or older than any source or pom.
# JMH's output is kept beside the JSON (same name, .log). Fails when a selected benchmark, or one of its parameter
# combinations, produced no result (JMH itself exits 0 when a benchmark throws).
#
# Environment:
#   TERN_BENCH_DIR   directory for the spools and mailboxes (must be on the disk you want to measure, not tmpfs);
#                    default: java.io.tmpdir if disk-backed, else the working directory
#   JAVA             java binary (default: java on PATH)
#   PYTHON           python3 binary for the table (default: python3; without it only the JSON is written)
#   REBUILD=1        build even if the jar looks current
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
JAR=$HERE/jmh/target/benchmarks.jar
RESULTS=$HERE/results
JAVA=${JAVA:-java}
PYTHON=${PYTHON:-python3}
STARTED=$(date +%s)

log() { echo "# $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }

PROFILE=quick
case "${1:-}" in
    --quick) PROFILE=quick; shift ;;
    --full) PROFILE=full; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

command -v "$JAVA" >/dev/null || die "no java on PATH (Java 17 needed)"

needs_build() {
    [ "${REBUILD:-0}" = 1 ] && return 0
    [ -f "$JAR" ] || return 0
    # Any source or pom of the reactor newer than the jar means the jar is stale.
    [ -n "$(find "$ROOT/pom.xml" "$ROOT"/{access,delivery,relay,ops,benchmarks,benchmarks/load,benchmarks/jmh}/pom.xml \
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
BUILT=$(date +%s)

has_option() {
    local wanted=$1; shift
    local arg
    for arg in "$@"; do [ "$arg" = "$wanted" ] && return 0; done
    return 1
}
PROFILE_ARGS=()
if [ "$PROFILE" = full ]; then
    has_option -f "$@" || PROFILE_ARGS+=(-f 3)
    has_option -i "$@" || PROFILE_ARGS+=(-i 6)
fi

# The benchmarks the arguments select; each must have a result at the end.
mapfile -t SELECTED < <("$JAVA" -jar "$JAR" -l "$@" | grep -v '^Benchmarks:' | sed '/^$/d')
[ "${#SELECTED[@]}" -gt 0 ] || die "no benchmark matches: $*"

mkdir -p "$RESULTS"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
# Keep the file name readable: the first argument if it is a plain benchmark regex, otherwise "custom".
case "${1:-}" in
    "") TAG=all ;;
    -*) TAG=custom ;;
    *) TAG=$(printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_' | cut -c1-60) ;;
esac
OUT=$RESULTS/jmh-$PROFILE-$TAG-$STAMP.json
LOG=${OUT%.json}.log
log "running ${#SELECTED[@]} benchmark(s), profile $PROFILE ${PROFILE_ARGS[*]:-}, results -> $OUT"
set +e
"$JAVA" -jar "$JAR" ${PROFILE_ARGS[@]+"${PROFILE_ARGS[@]}"} "$@" -rf json -rff "$OUT" 2>&1 | tee "$LOG"
RC=${PIPESTATUS[0]}
set -e
FINISHED=$(date +%s)
# A benchmark that throws (in set-up or in an operation) shows as <failure> in its iteration line.
FAILURES=$(grep -c '<failure>' "$LOG" || true)

if [ ! -s "$OUT" ] || ! grep -q '"benchmark"' "$OUT"; then
    rm -f "$OUT"
    die "no benchmark produced a result (JMH exit code $RC); see $LOG"
fi

MISSING=()
for benchmark in "${SELECTED[@]}"; do
    grep -q "\"benchmark\" : \"$benchmark\"" "$OUT" || MISSING+=("$benchmark")
done

if command -v "$PYTHON" >/dev/null; then
    "$PYTHON" - "$OUT" <<'PY'
import json, math, sys

def number(value):
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "-"
    if math.isnan(value):
        return "-"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"

rows = []
for result in json.load(open(sys.argv[1])):
    name = result["benchmark"].removeprefix("dev.tern.benchmarks.")
    params = ",".join(f"{k}={v}" for k, v in sorted((result.get("params") or {}).items())) or "-"
    metrics = [("", result["primaryMetric"])] + sorted((result.get("secondaryMetrics") or {}).items())
    for label, metric in metrics:
        rows.append((name + (":" + label if label else ""), params, number(metric["score"]),
                     number(metric.get("scoreError")), metric["scoreUnit"]))
    # Every envelope FETCH is checked to answer exactly `messages` messages: the message rate is a multiple.
    per_op = (result.get("params") or {}).get("messages")
    if name.startswith("imap.ImapFetchBenchmark.envelopes") and per_op:
        primary = result["primaryMetric"]
        scale = lambda value: float(value) * int(per_op) if number(value) != "-" else value
        rows.append((name + ":messages", params, number(scale(primary["score"])),
                     number(scale(primary.get("scoreError"))), "messages/s"))
header = ("benchmark", "params", "score", "error (99.9%)", "unit")
widths = [max(len(row[i]) for row in rows + [header]) for i in range(5)]
align = ["<", "<", ">", ">", "<"]
for row in [header] + rows:
    print("  ".join(f"{cell:{a}{w}}" for cell, a, w in zip(row, align, widths)))
PY
else
    log "no $PYTHON: table skipped, see $OUT"
fi

log "results: $OUT (JMH's output: $LOG)"
log "wall time: $((FINISHED - STARTED)) s in total, $((FINISHED - BUILT)) s of it running JMH"
if [ "${#MISSING[@]}" -gt 0 ]; then
    die "no result for: ${MISSING[*]} (JMH exit code $RC); see $LOG"
fi
if [ "${FAILURES:-0}" -gt 0 ]; then
    die "$FAILURES benchmark run(s) failed (<failure> in $LOG); their results are missing from the table"
fi
exit "$RC"
