#!/usr/bin/env bash
# accept-bench.sh [MESSAGES] [ROUNDS]
#
# Durable accept rate of Tern against Postfix on this machine, both on 127.0.0.1, both fsyncing every message
# before answering 250. Postfix's smtp-source sends MESSAGES messages of SIZE bytes over SESSIONS parallel sessions
#   - to `tern serve` (built from this repository, data in a temp dir), and
#   - to a private, throw-away Postfix instance that relays to smtp-sink,
# alternating for ROUNDS rounds. Per run it prints
#   tern accept_msgs_per_s=R msgs_per_fsync=F round=i cpu_busy_pct=B ...
#   postfix accept_msgs_per_s=R round=i cpu_busy_pct=B ...
# and at the end one line with the medians and their ratio:
#   ratio tern_median_accept_msgs_per_s=T postfix_median_accept_msgs_per_s=P tern_over_postfix=T/P
# accept_msgs_per_s = MESSAGES / wall time of smtp-source (it returns once every message got its 250).
# msgs_per_fsync = MESSAGES / increase of Tern's tern_spool_fsync_total counter during the run (group commit).
# cpu_busy_pct = whole machine (all cores) from /proc/stat during the run; iowait and steal are shown apart.
#
# Needs root (apt-get when smtp-source is missing; Postfix's master starts as root and drops privileges).
# Nothing of the system's mail setup is used or changed: the Postfix instance has its own config, queue and data
# directories in the work dir. Everything listens on 127.0.0.1 only, on free ports; the work dir is removed and
# every process this script started is stopped by PID at exit.
#
# MODE=relay measures end to end as well: Tern relays every message to the same smtp-sink as Postfix (Tern's
# relayhost), and each run also reports end_to_end_msgs_per_s = MESSAGES / time until the sink has them all, and
# Tern's msgs_per_connection (outbound messages / outbound connections opened: connection reuse). The recipient
# is then in a remote domain (rcpt@dest.example), relayed because 127.0.0.1 is a trusted network.
#
# Environment knobs:
#   MODE=accept|relay        what is measured (default accept)
#   SESSIONS=50 SIZE=4096    smtp-source -s and -l
#   WARMUP=1000              warm-up messages per server before the first round (JIT, page cache)
#   RCPT=rcpt@localhost      the recipient; its domain must be local to Tern (the user is created below)
#   TMPDIR                   parent of the work dir; must be on the disk to measure (tmpfs is refused) and
#                            traversable by unprivileged users (Postfix daemons run as user postfix)
#   RUN_TIMEOUT_S=600        upper bound for any one smtp-source run, start-up or queue drain
#   SETTLE_BUSY_PCT=25 SETTLE_MAX_S=30
#                            before each timed run, wait (at most SETTLE_MAX_S) until the machine is below this
#                            CPU busy %, so one server's background work does not bill the other
#   TERN_JAR                 default <repo>/ops/target/tern.jar (built with mvn when missing)
#   TERN_JAVA_OPTS           JVM options for tern serve (default -Xms1g -Xmx1g)
#   SERVERS="tern postfix"   which servers to measure (one alone for debugging; the ratio needs both)
#   KEEP=1                   keep the work dir for debugging
set -euo pipefail

MESSAGES=${1:-${MESSAGES:-20000}}
ROUNDS=${2:-${ROUNDS:-3}}
SESSIONS=${SESSIONS:-50}
SIZE=${SIZE:-4096}
WARMUP=${WARMUP:-1000}
MODE=${MODE:-accept}
case "$MODE" in accept) RCPT=${RCPT:-rcpt@localhost} ;; relay) RCPT=${RCPT:-rcpt@dest.example} ;;
    *) echo "ERROR: MODE must be accept or relay, not '$MODE'" >&2; exit 1 ;; esac
SENDER=sender@bench.example
RUN_TIMEOUT_S=${RUN_TIMEOUT_S:-600}
SETTLE_BUSY_PCT=${SETTLE_BUSY_PCT:-25}
SETTLE_MAX_S=${SETTLE_MAX_S:-30}
TERN_JAVA_OPTS=${TERN_JAVA_OPTS:--Xms1g -Xmx1g}
SERVERS=${SERVERS:-tern postfix}

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TERN_JAR=${TERN_JAR:-$ROOT/ops/target/tern.jar}

log() { echo "# $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
# apt_install, start_tern, now, cpu_sample, cpu_share, pick_port, wait_listening, stop_pid, settle
# shellcheck source=bench-lib.sh
. "$HERE/bench-lib.sh"

for n in "$MESSAGES" "$ROUNDS" "$SESSIONS" "$SIZE" "$WARMUP" "$RUN_TIMEOUT_S"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: '$n' (usage: $0 [MESSAGES] [ROUNDS])"
done
[ "$MESSAGES" -gt 0 ] && [ "$ROUNDS" -gt 0 ] && [ "$SESSIONS" -gt 0 ] || die "MESSAGES, ROUNDS and SESSIONS must be > 0"
case " $SERVERS " in *" tern "*) WITH_TERN=1 ;; *) WITH_TERN="" ;; esac
case " $SERVERS " in *" postfix "*) WITH_POSTFIX=1 ;; *) WITH_POSTFIX="" ;; esac
[ -n "$WITH_TERN$WITH_POSTFIX" ] || die "SERVERS must name tern, postfix or both, not '$SERVERS'"
[[ "$RCPT" == *@* ]] || die "RCPT must be an address, not '$RCPT'"
[ "$(id -u)" = 0 ] || die "run as root: Postfix's master needs it, and apt-get if smtp-source is missing"

###############################################################################################################
# Tern-specific knobs: the config file format and CLI are owned by ops. If a key or a command changes, fix it
# here and nowhere else.
###############################################################################################################
TERN_FSYNC_METRIC=tern_spool_fsync_total

# write_tern_config FILE SMTP_PORT HTTP_PORT: only the SMTP MX listener on 127.0.0.1, other listeners off.
write_tern_config() {
    local file=$1 smtp_port=$2 http_port=$3
    cat > "$file" <<YAML
# generated by benchmarks/accept-bench.sh
smtp:
  listeners:
    smtp:
      port: $smtp_port
      bind: ["127.0.0.1"]
    submission:
      enabled: false
    submissions:
      enabled: false
pop3:
  listeners:
    pop3:
      enabled: false
    pop3s:
      enabled: false
imap:
  listeners:
    imap:
      enabled: false
    imaps:
      enabled: false
http:
  port: $http_port
YAML
    if [ "$MODE" = relay ]; then
        cat >> "$file" <<YAML
delivery:
  relayhost:
    address: "127.0.0.1:$SINK_PORT"
  allowPrivateMx: true
  tls:
    policy: "off"
  connections:
    maxPerSite: 50
YAML
    fi
}

TERN_OUTBOUND_MESSAGES_METRIC=tern_outbound_messages_total
TERN_OUTBOUND_CONNECTIONS_METRIC=tern_outbound_connections_opened_total

# provision_tern_recipient DATA_DIR CONFIG: the recipient must exist, or Tern rightly answers 550 at RCPT.
provision_tern_recipient() {
    local data=$1 config=$2 out
    [ "$MODE" = relay ] && return 0    # a remote recipient needs no account
    if ! out=$(printf 'bench-%s\n' "$RANDOM$RANDOM" | timeout 120 java -jar "$TERN_JAR" user add "$RCPT" \
            --data "$data" --config "$config" --password-stdin 2>&1); then
        log "warning: could not create $RCPT with 'tern user add' (RCPT may then be refused): $out"
    fi
}

###############################################################################################################

# ---------------------------------------------------------------------------------------------- tools
command -v smtp-source >/dev/null && command -v smtp-sink >/dev/null || apt_install postfix
for tool in smtp-source smtp-sink postfix postconf curl ss java timeout awk; do
    command -v "$tool" >/dev/null || die "$tool not found"
done

if [ -n "$WITH_TERN" ] && [ ! -f "$TERN_JAR" ]; then
    log "building $TERN_JAR (mvn package)"
    (cd "$ROOT" && mvn -B -q -DskipTests package) || die "build failed"
    [ -f "$TERN_JAR" ] || die "the build did not produce $TERN_JAR"
fi

# ---------------------------------------------------------------------------------------------- helpers
# median V1 V2 ... (numbers) -> the median, "na" when given none
median() {
    [ $# -gt 0 ] || { echo na; return; }
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2];
        else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# fsync_count -> Tern's fsync counter summed over all label sets, or "na" when /metrics lacks it
fsync_count() {
    metric_sum "$TERN_FSYNC_METRIC"
}

# metric_sum NAME -> a Tern metric summed over all its label sets, or "na" when /metrics lacks it
metric_sum() {
    local name=$1
    # An unreachable endpoint reads as empty input, so awk alone decides what is printed (exactly one line).
    { curl -fsS --max-time 10 "http://127.0.0.1:$TERN_HTTP_PORT/metrics" 2>/dev/null || true; } | awk -v name="$name" '
        index($0, name) == 1 {
            rest = substr($0, length(name) + 1)
            if (rest !~ /^[{ \t]/) next                     # a longer metric name with the same prefix
            sub(/^\{.*\}/, "", rest)                       # drop labels (their values may hold spaces)
            split(rest, field, " "); sum += field[1]; found = 1
        }
        END { if (found) printf "%.0f\n", sum; else print "na" }'
}

# send PORT MESSAGES: smtp-source with the benchmark settings; fails on any refused message
send() {
    timeout --kill-after=10 "$RUN_TIMEOUT_S" smtp-source -M bench.example -f "$SENDER" -t "$RCPT" \
        -s "$SESSIONS" -m "$2" -l "$SIZE" "127.0.0.1:$1"
}

# ---------------------------------------------------------------------------------------------- work dir
WORK=$(mktemp -d "${TMPDIR:-/tmp}/accept-bench.XXXXXX")
TERN_PID="" SINK_PID=""
cleanup() {
    set +e
    [ -n "$TERN_PID" ] && stop_pid "$TERN_PID" "tern"
    stop_private_postfix
    [ -n "$SINK_PID" ] && stop_pid "$SINK_PID" "smtp-sink"
    if [ "${KEEP:-0}" = 1 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

chmod 755 "$WORK"
FSTYPE=$(findmnt -no FSTYPE -T "$WORK" 2>/dev/null || stat -f -c %T "$WORK")
case "$FSTYPE" in
    tmpfs|ramfs) die "$WORK is on $FSTYPE, where fsync is free; set TMPDIR to a directory on a disk" ;;
esac
runuser -u nobody -- test -x "$WORK" 2>/dev/null \
    || die "$WORK is not reachable by unprivileged users (a parent lacks o+x); set TMPDIR elsewhere"

# ---------------------------------------------------------------------------------------------- smtp-sink
pick_port SINK_PORT
SINK_OUT=$WORK/sink.out
# -c prints a running message count; 1024 = listen backlog
smtp-sink -c -u nobody "127.0.0.1:$SINK_PORT" 1024 > "$SINK_OUT" 2> "$WORK/sink.err" &
SINK_PID=$!
wait_listening "$SINK_PORT" "$SINK_PID" 10 || die "smtp-sink did not start: $(cat "$WORK/sink.err")"

sink_received() {
    local n
    n=$(tail -c 300 "$SINK_OUT" 2>/dev/null | tr '\r' '\n' | grep -o 'mesg=[0-9]*' | tail -n 1 | cut -d= -f2)
    echo "${n:-0}"
}

# ---------------------------------------------------------------------------------------------- postfix
start_postfix() {
    start_private_postfix "$WORK/postfix" "$SINK_PORT" $(( SESSIONS + 70 )) accept-bench.sh
}

# wait_sink TARGET: until smtp-sink has received TARGET messages in all (Postfix's queue drained)
wait_sink() {
    local deadline=$(( $(date +%s) + RUN_TIMEOUT_S ))
    while [ "$(sink_received)" -lt "$1" ]; do
        [ "$(date +%s)" -le "$deadline" ] || return 1
        sleep 0.1
    done
}

# ---------------------------------------------------------------------------------------------- tern
start_tern_instance() {
    TERN_DATA=$WORK/tern
    TERN_CONFIG=$WORK/tern.yaml
    mkdir -p "$TERN_DATA"
    pick_port TERN_SMTP_PORT
    pick_port TERN_HTTP_PORT
    write_tern_config "$TERN_CONFIG" "$TERN_SMTP_PORT" "$TERN_HTTP_PORT"
    provision_tern_recipient "$TERN_DATA" "$TERN_CONFIG"
    start_tern "$TERN_DATA" "$TERN_CONFIG" "$WORK/tern.log"
    if ! wait_listening "$TERN_SMTP_PORT" "$TERN_PID" 120; then
        local state="still running"
        if ! kill -0 "$TERN_PID" 2>/dev/null; then
            local rc=0
            wait "$TERN_PID" || rc=$?
            state="exited with code $rc"
            TERN_PID=""
        fi
        die "tern serve ($state) is not listening on 127.0.0.1:$TERN_SMTP_PORT; config $TERN_CONFIG; log: $(tail -n 20 "$WORK/tern.log")"
    fi
    wait_listening "$TERN_HTTP_PORT" "$TERN_PID" 30 \
        || die "tern's HTTP port 127.0.0.1:$TERN_HTTP_PORT did not open; its log ends with: $(tail -n 20 "$WORK/tern.log")"
    [ "$(fsync_count)" != na ] || log "warning: $TERN_FSYNC_METRIC not found at http://127.0.0.1:$TERN_HTTP_PORT/metrics; msgs_per_fsync will be na"
}

[ -n "$WITH_POSTFIX" ] && start_postfix
[ -n "$WITH_TERN" ] && start_tern_instance

[ -n "$WITH_TERN" ] && log "tern pid $TERN_PID: smtp 127.0.0.1:$TERN_SMTP_PORT, http 127.0.0.1:$TERN_HTTP_PORT"
[ -n "$WITH_POSTFIX" ] && log "postfix $(postconf -d -h mail_version) on 127.0.0.1:$PF_PORT -> smtp-sink 127.0.0.1:$SINK_PORT"
log "work dir $WORK ($FSTYPE)"
log "messages=$MESSAGES sessions=$SESSIONS size=$SIZE rounds=$ROUNDS rcpt=$RCPT ncpu=$(nproc)"

# ---------------------------------------------------------------------------------------------- runs
SINK_EXPECTED=0

warm_up() {
    [ "$WARMUP" -gt 0 ] || return 0
    log "warm-up: $WARMUP messages to each server"
    [ -z "$WITH_TERN" ] || send "$TERN_SMTP_PORT" "$WARMUP" > "$WORK/warmup-tern.out" 2>&1 \
        || die "warm-up against tern failed: $(tail -n 5 "$WORK/warmup-tern.out"); tern log: $(tail -n 10 "$WORK/tern.log")"
    if [ -n "$WITH_TERN" ] && [ "$MODE" = relay ]; then
        SINK_EXPECTED=$(( SINK_EXPECTED + WARMUP ))
        wait_sink "$SINK_EXPECTED" || die "tern did not relay the warm-up to smtp-sink ($(sink_received)/$SINK_EXPECTED); tern log: $(tail -n 10 "$WORK/tern.log")"
    fi
    [ -n "$WITH_POSTFIX" ] || return 0
    send "$PF_PORT" "$WARMUP" > "$WORK/warmup-postfix.out" 2>&1 \
        || die "warm-up against postfix failed: $(tail -n 5 "$WORK/warmup-postfix.out")"
    SINK_EXPECTED=$(( SINK_EXPECTED + WARMUP ))
    wait_sink "$SINK_EXPECTED" || die "postfix did not relay the warm-up to smtp-sink ($(sink_received)/$SINK_EXPECTED)"
}

# timed_run NAME PORT: sets RUN_SECS RUN_BUSY RUN_IOWAIT RUN_STEAL; dies if smtp-source fails
# (no command substitution here: a die inside one would only leave the subshell)
timed_run() {
    local name=$1 port=$2 c0 c1 t0 t1 hint=""
    c0=$(cpu_sample); t0=$(now); RUN_T0=$t0
    if ! send "$port" "$MESSAGES" > "$WORK/run-$name.out" 2>&1; then
        [ "$name" = tern ] && hint="; tern log: $(tail -n 10 "$WORK/tern.log")"
        die "smtp-source against $name failed: $(tail -n 5 "$WORK/run-$name.out")$hint"
    fi
    t1=$(now); c1=$(cpu_sample)
    RUN_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    read -r RUN_BUSY RUN_IOWAIT RUN_STEAL <<< "$(cpu_share "$c0" "$c1")"
}

TERN_RATES=() POSTFIX_RATES=() TERN_E2E=() POSTFIX_E2E=()

run_tern() {
    local round=$1 f0 f1 rate fsyncs=na per_fsync=na
    settle
    f0=$(fsync_count)
    timed_run tern "$TERN_SMTP_PORT"
    f1=$(fsync_count)
    rate=$(awk -v n="$MESSAGES" -v s="$RUN_SECS" 'BEGIN { printf "%.1f", n / s }')
    if [ "$f0" != na ] && [ "$f1" != na ] && [ "$f1" -gt "$f0" ]; then
        fsyncs=$(( f1 - f0 ))
        per_fsync=$(awk -v n="$MESSAGES" -v f="$fsyncs" 'BEGIN { printf "%.2f", n / f }')
    fi
    TERN_RATES+=("$rate")
    local relay_fields=""
    if [ "$MODE" = relay ]; then
        local e2e o1 c1 reuse=na
        SINK_EXPECTED=$(( SINK_EXPECTED + MESSAGES ))
        wait_sink "$SINK_EXPECTED" || die "tern did not relay round $round to smtp-sink ($(sink_received)/$SINK_EXPECTED)"
        e2e=$(awk -v n="$MESSAGES" -v a="$RUN_T0" -v b="$(now)" 'BEGIN { printf "%.1f", n / (b - a) }')
        TERN_E2E+=("$e2e")
        o1=$(metric_sum "$TERN_OUTBOUND_MESSAGES_METRIC"); c1=$(metric_sum "$TERN_OUTBOUND_CONNECTIONS_METRIC")
        if [ "$o1" != na ] && [ "$c1" != na ] && [ "$c1" -gt 0 ]; then
            reuse=$(awk -v m="$o1" -v c="$c1" 'BEGIN { printf "%.1f", m / c }')
        fi
        relay_fields=" end_to_end_msgs_per_s=$e2e msgs_per_connection=$reuse"
    fi
    echo "tern accept_msgs_per_s=$rate$relay_fields msgs_per_fsync=$per_fsync round=$round cpu_busy_pct=$RUN_BUSY iowait_pct=$RUN_IOWAIT steal_pct=$RUN_STEAL seconds=$RUN_SECS fsyncs=$fsyncs messages=$MESSAGES sessions=$SESSIONS size=$SIZE"
}

run_postfix() {
    local round=$1 rate t_end drained
    settle
    timed_run postfix "$PF_PORT"
    rate=$(awk -v n="$MESSAGES" -v s="$RUN_SECS" 'BEGIN { printf "%.1f", n / s }')
    SINK_EXPECTED=$(( SINK_EXPECTED + MESSAGES ))
    # Let Postfix finish relaying before anything else is measured; reported, not part of the ratio.
    t_end=$(now)
    wait_sink "$SINK_EXPECTED" || die "postfix did not relay round $round to smtp-sink ($(sink_received)/$SINK_EXPECTED)"
    drained=$(awk -v a="$t_end" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
    POSTFIX_RATES+=("$rate")
    local e2e
    e2e=$(awk -v n="$MESSAGES" -v a="$RUN_T0" -v b="$(now)" 'BEGIN { printf "%.1f", n / (b - a) }')
    POSTFIX_E2E+=("$e2e")
    echo "postfix accept_msgs_per_s=$rate end_to_end_msgs_per_s=$e2e round=$round cpu_busy_pct=$RUN_BUSY iowait_pct=$RUN_IOWAIT steal_pct=$RUN_STEAL seconds=$RUN_SECS drain_after_accept_s=$drained messages=$MESSAGES sessions=$SESSIONS size=$SIZE"
}

warm_up
for round in $(seq 1 "$ROUNDS"); do
    # Alternate who goes first, so slow drift of the machine does not always favour the same server.
    if [ $(( round % 2 )) = 1 ]; then
        [ -z "$WITH_TERN" ] || run_tern "$round"; [ -z "$WITH_POSTFIX" ] || run_postfix "$round"
    else
        [ -z "$WITH_POSTFIX" ] || run_postfix "$round"; [ -z "$WITH_TERN" ] || run_tern "$round"
    fi
done

TERN_MEDIAN=$(median ${TERN_RATES[@]+"${TERN_RATES[@]}"})
POSTFIX_MEDIAN=$(median ${POSTFIX_RATES[@]+"${POSTFIX_RATES[@]}"})
RATIO=$(awk -v t="$TERN_MEDIAN" -v p="$POSTFIX_MEDIAN" 'BEGIN { if (t != "na" && p != "na" && p > 0) printf "%.2f", t / p; else print "na" }')
if [ "$MODE" = relay ]; then
    E2E_T=$(median ${TERN_E2E[@]+"${TERN_E2E[@]}"}); E2E_P=$(median ${POSTFIX_E2E[@]+"${POSTFIX_E2E[@]}"})
    E2E_RATIO=$(awk -v t="$E2E_T" -v p="$E2E_P" 'BEGIN { if (t != "na" && p != "na" && p > 0) printf "%.2f", t / p; else print "na" }')
    echo "ratio_end_to_end tern_median_msgs_per_s=$E2E_T postfix_median_msgs_per_s=$E2E_P tern_over_postfix=$E2E_RATIO"
fi
echo "ratio tern_median_accept_msgs_per_s=$TERN_MEDIAN postfix_median_accept_msgs_per_s=$POSTFIX_MEDIAN tern_over_postfix=$RATIO rounds=$ROUNDS messages=$MESSAGES sessions=$SESSIONS size=$SIZE ncpu=$(nproc) fs=$FSTYPE postfix=$(postconf -d -h mail_version)"
