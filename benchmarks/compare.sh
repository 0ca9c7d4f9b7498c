#!/usr/bin/env bash
# compare.sh: Tern beside Postfix (SMTP intake and relay) and Dovecot (IMAP, POP3) in one run, all driven by the
# same client, `tern load`, with the same settings, ending in one table with the issue's targets.
#
#   sudo benchmarks/compare.sh                         # everything, about 15 minutes on 2 vCPUs
#   sudo PARTS="smtp latency" benchmarks/compare.sh    # a subset
#   sudo MESSAGES=2000 ROUNDS=1 MAILBOX_MESSAGES=1000 CONNS=500 HOLD_S=5 benchmarks/compare.sh   # a quick look
#
# Parts (PARTS, default all of them, in this order):
#   smtp     ROUNDS rounds, order alternating: `tern load smtp` sends MESSAGES messages of SIZE bytes over SESSIONS
#            sessions (closed loop) to a remote recipient through each relay; both fsync before 250 and relay
#            everything to one `tern load sink`. accept = messages / time until the last 250; relay = messages /
#            time until the sink holds them all; eod_p99 = end of data -> 250 at that full load.
#   latency  open loop at half of each server's median accept rate for LATENCY_S seconds: p99 of end of data -> 250
#            and of the whole transaction measured from its intended start (coordinated omission counted).
#   imap     MAILBOX_MESSAGES messages (bench-messages.py, same bytes in both) in the INBOX of one account on Tern
#            and on a private Dovecot; per round and server, `tern load imap` over IMAP_SESSIONS sessions:
#            IMAP_OPS x `UID FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE)`, then IMAP_OPS x BODIES x BODY.PEEK[].
#   pop3     the same mailbox over POP3: POP_OPS whole sessions (login, STAT, LIST, RETR of every message with
#            POP_PIPELINE RETRs outstanding, QUIT).
#   sessions Tern only: CONNS concurrent SMTP sessions (open loop at CONNS_RATE messages/s for HOLD_S seconds);
#            Tern's used heap after a full GC while they are open.
#   idle     Tern only: CONNS IMAP connections in IDLE, held HOLD_S seconds; used heap after a full GC.
# Logins are like for like: both servers check the same Argon2id PHC string, a cheap one (m=8 KiB, t=1), so the
# POP3 figure, where each operation is a new login, measures mail access and not the password hash.
#
# Needs root (Postfix's master and Dovecot start as root; apt-get installs postfix, dovecot-imapd, dovecot-pop3d
# and argon2 when missing, with no system mail configuration and no service started). Nothing of the system's mail
# set-up is used or changed: each server is a private instance in the work dir, on picked 127.0.0.1 ports. Every
# process is stopped by PID at exit and the work dir removed (KEEP=1 keeps it).
#
# Knobs: MESSAGES=20000 ROUNDS=3 SESSIONS=50 SIZE=4096 WARMUP=2000 LATENCY_S=30 MAILBOX_MESSAGES=10000
#   IMAP_SESSIONS=2 IMAP_OPS=5 BODIES=200 POP_OPS=3 POP_PIPELINE=32 CONNS=10000 CONNS_RATE=200 HOLD_S=30 PARTS SERVERS="tern
#   postfix dovecot" TMPDIR (a disk, not tmpfs) TERN_JAR TERN_JAVA_OPTS (-Xms1g -Xmx1g) LOAD_JAVA_OPTS
#   SETTLE_BUSY_PCT=25 SETTLE_MAX_S=20 RUN_TIMEOUT_S=900 KEEP.
# Output: one line per run (key=value), then the table (also written to $RESULT_TABLE when set).
set -euo pipefail

MESSAGES=${MESSAGES:-20000}
ROUNDS=${ROUNDS:-3}
SESSIONS=${SESSIONS:-50}
SIZE=${SIZE:-4096}
WARMUP=${WARMUP:-2000}
LATENCY_S=${LATENCY_S:-30}
MAILBOX_MESSAGES=${MAILBOX_MESSAGES:-10000}
IMAP_SESSIONS=${IMAP_SESSIONS:-2}
IMAP_OPS=${IMAP_OPS:-5}
BODIES=${BODIES:-200}
POP_OPS=${POP_OPS:-3}
POP_PIPELINE=${POP_PIPELINE:-32}
CONNS=${CONNS:-10000}
CONNS_RATE=${CONNS_RATE:-200}
HOLD_S=${HOLD_S:-30}
PARTS=${PARTS:-smtp latency imap pop3 sessions idle}
SERVERS=${SERVERS:-tern postfix dovecot}
RUN_TIMEOUT_S=${RUN_TIMEOUT_S:-900}
SETTLE_BUSY_PCT=${SETTLE_BUSY_PCT:-25}
SETTLE_MAX_S=${SETTLE_MAX_S:-20}
TERN_JAVA_OPTS=${TERN_JAVA_OPTS:--Xms1g -Xmx1g}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:--Xmx2g}
PYTHON=${PYTHON:-python3}
SENDER=sender@bench.example
REMOTE_RCPT=rcpt@dest.example
MAIL_USER=nobody
LOAD_USER=load@localhost
IDLE_USER=idle@localhost
CHEAP_ARGON2_MEMORY_KIB=8 CHEAP_ARGON2_ITERATIONS=1

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TERN_JAR=${TERN_JAR:-$ROOT/ops/target/tern.jar}

log() { echo "# $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
# shellcheck source=bench-lib.sh
. "$HERE/bench-lib.sh"

for n in "$MESSAGES" "$ROUNDS" "$SESSIONS" "$SIZE" "$WARMUP" "$LATENCY_S" "$MAILBOX_MESSAGES" "$IMAP_SESSIONS" \
        "$IMAP_OPS" "$BODIES" "$POP_OPS" "$CONNS" "$CONNS_RATE" "$HOLD_S" "$RUN_TIMEOUT_S"; do
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || die "not a positive number: '$n'"
done
has() { case " $1 " in *" $2 "*) return 0 ;; *) return 1 ;; esac; }
for w in $PARTS; do case "$w" in smtp|latency|imap|pop3|sessions|idle) ;; *) die "unknown part '$w'" ;; esac; done
for w in $SERVERS; do case "$w" in tern|postfix|dovecot) ;; *) die "unknown server '$w'" ;; esac; done
has "$PARTS" latency && ! has "$PARTS" smtp && die "PARTS: latency needs smtp (it runs at half the measured rate)"
[ "$(id -u)" = 0 ] || die "run as root: Postfix's master and Dovecot need it, and so may apt-get and ulimit -n"
WANT_POSTFIX=""; { has "$PARTS" smtp && has "$SERVERS" postfix; } && WANT_POSTFIX=1
WANT_DOVECOT=""; { { has "$PARTS" imap || has "$PARTS" pop3; } && has "$SERVERS" dovecot; } && WANT_DOVECOT=1
WANT_TERN=""; has "$SERVERS" tern && WANT_TERN=1

# Client and Tern each hold CONNS sockets in the sessions and idle parts.
NOFILE=$(( CONNS * 2 + 20000 ))
[ "$NOFILE" -le "$(cat /proc/sys/fs/nr_open)" ] || NOFILE=$(cat /proc/sys/fs/nr_open)
ulimit -Hn "$NOFILE" 2>/dev/null || true
[ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge "$NOFILE" ] || NOFILE=$(ulimit -Hn)
ulimit -Sn "$NOFILE" || die "cannot raise ulimit -n to $NOFILE"

###############################################################################################################
# Tern-specific: the config keys (ops) and metric names. If one changes, fix it here and nowhere else.
###############################################################################################################
# write_tern_config FILE: the MX listener, plain IMAP and POP3 on 127.0.0.1, every other listener off; remote mail
# to the sink (relayhost); connection limits above CONNS.
write_tern_config() {
    cat > "$1" <<YAML
# generated by benchmarks/compare.sh
smtp:
  listeners:
    smtp: { port: $TERN_SMTP_PORT, bind: ["127.0.0.1"] }
    submission: { enabled: false }
    submissions: { enabled: false }
  limits:
    maxConnections: $(( CONNS + 1000 ))
    maxConnectionsPerIp: $(( CONNS + 1000 ))
pop3:
  listeners:
    pop3: { port: $TERN_POP3_PORT, bind: ["127.0.0.1"] }
    pop3s: { enabled: false }
imap:
  listeners:
    imap: { port: $TERN_IMAP_PORT, bind: ["127.0.0.1"] }
    imaps: { enabled: false }
  limits:
    maxConnections: $(( CONNS + 1000 ))
    maxConnectionsPerIp: $(( CONNS + 1000 ))
http:
  port: $TERN_HTTP_PORT
delivery:
  relayhost:
    address: "127.0.0.1:$SINK_PORT"
  allowPrivateMx: true
  tls:
    policy: "off"
  connections:
    maxPerSite: 50
YAML
}
METRIC_SMTP_SESSIONS=tern_smtp_sessions_active
METRIC_IMAP_SESSIONS=tern_imap_sessions_active
###############################################################################################################

# ---------------------------------------------------------------------------------------------- tools
command -v smtp-source >/dev/null || [ -z "$WANT_POSTFIX" ] || apt_install postfix
[ -z "$WANT_DOVECOT" ] || { has "$PARTS" imap && need_dovecot imap; } || true
[ -z "$WANT_DOVECOT" ] || { has "$PARTS" pop3 && need_dovecot pop3; } || true
command -v argon2 >/dev/null || apt_install argon2
for tool in java jcmd curl ss findmnt runuser timeout awk argon2 "$PYTHON"; do
    command -v "$tool" >/dev/null || die "$tool not found"
done
if [ ! -f "$TERN_JAR" ]; then
    log "building $TERN_JAR (mvn package)"
    (cd "$ROOT" && mvn -B -q -DskipTests package) || die "build failed"
fi
[ -f "$TERN_JAR" ] || die "no $TERN_JAR"

# ---------------------------------------------------------------------------------------------- work dir
WORK=$(mktemp -d "${TMPDIR:-/tmp}/compare.XXXXXX")
TERN_PID="" SINK_PID="" DC_IMAP_PID="" DC_POP3_PID="" LOAD_PID=""
cleanup() {
    set +e
    [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null && wait "$LOAD_PID" 2>/dev/null
    [ -n "$TERN_PID" ] && stop_pid "$TERN_PID" tern
    stop_private_postfix
    [ -n "$DC_IMAP_PID" ] && stop_pid "$DC_IMAP_PID" "dovecot imap"
    [ -n "$DC_POP3_PID" ] && stop_pid "$DC_POP3_PID" "dovecot pop3"
    [ -n "$SINK_PID" ] && stop_pid "$SINK_PID" sink
    if [ "${KEEP:-0}" = 1 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$WORK"
check_work_dir "$WORK" "$MAIL_USER"
MAIL_UID=$(id -u "$MAIL_USER") MAIL_GID=$(id -g "$MAIL_USER")
machine_line "$WORK" "java=$(version_of java) postfix=$(version_of postfix || true) dovecot=$(version_of dovecot || true)"

# json FILE EXPRESSION -> a value of a `tern load` JSON report; EXPRESSION is Python over the parsed report `r`
json() {
    "$PYTHON" -c 'import json, sys
r = json.load(open(sys.argv[1]))
v = eval(sys.argv[2], {"r": r})
print(("%.3f" % v).rstrip("0").rstrip(".") if isinstance(v, float) else v)' "$1" "$2"
}
# The report's fields this script reads (the load module owns the format; benchmarks/load/README.md).
ops_ok() { json "$1" 'r["operations"]["ok"]'; }
ops_issued() { json "$1" 'r["operations"]["issued"]'; }
phase_p99_ms() { json "$1" "r['phases']['$2']['p99'] / 1000.0"; }
phase_p50_ms() { json "$1" "r['phases']['$2']['p50'] / 1000.0"; }
# per_second_of FILE COUNT_EXPRESSION -> COUNT_EXPRESSION / the run's elapsed seconds
per_second_of() { json "$1" "($2) / r['elapsedSeconds']"; }

# load_run NAME ARGS...: runs `tern load ARGS --report WORK/NAME.json`, dies unless every operation was accepted
load_run() {
    local name=$1 rc=0; shift
    timeout --kill-after=10 "$RUN_TIMEOUT_S" java $LOAD_JAVA_OPTS -jar "$TERN_JAR" load "$@" --quiet \
        --report "$WORK/$name.json" > "$WORK/$name.out" 2>&1 || rc=$?
    [ "$rc" = 0 ] || die "tern load $1 ($name) exited $rc: $(tail -n 30 "$WORK/$name.out")"
    REPORT=$WORK/$name.json
}

# ---------------------------------------------------------------------------------------------- sink
# Every relay (and Tern's sessions part) delivers to this one sink; it keeps its count in SINK_COUNT.
pick_port SINK_PORT
SINK_COUNT=$WORK/sink.count
if has "$PARTS" smtp || has "$PARTS" sessions; then
    # java itself in the background (not a function, which would leave java a grandchild that stop_pid misses)
    # shellcheck disable=SC2086  # LOAD_JAVA_OPTS is a list of JVM options
    java $LOAD_JAVA_OPTS -jar "$TERN_JAR" load sink --port "$SINK_PORT" --bind 127.0.0.1 --count-file "$SINK_COUNT" \
        --quiet > "$WORK/sink.out" 2>&1 &
    SINK_PID=$!
    wait_listening "$SINK_PORT" "$SINK_PID" 60 || die "the sink did not start: $(cat "$WORK/sink.out")"
fi
sink_received() { local n; n=$(cat "$SINK_COUNT" 2>/dev/null || true); echo "${n:-0}"; }
SINK_EXPECTED=0
# wait_sink N: until the sink holds N messages in all
wait_sink() {
    local deadline=$(( $(date +%s) + RUN_TIMEOUT_S ))
    while [ "$(sink_received)" -lt "$1" ]; do
        [ "$(date +%s)" -le "$deadline" ] || die "the sink got $(sink_received) of $1 messages in ${RUN_TIMEOUT_S}s"
        sleep 0.05
    done
}

# ---------------------------------------------------------------------------------------------- the mailbox
PASSWORD="load-$RANDOM$RANDOM$RANDOM"
CHEAP_PHC=$(argon2id_phc "$PASSWORD" "$CHEAP_ARGON2_MEMORY_KIB" "$CHEAP_ARGON2_ITERATIONS" 1) || die "argon2 failed"
MAILDIR_SRC=$WORK/messages/Maildir
if has "$PARTS" imap || has "$PARTS" pop3; then
    GEN_OUT=$("$PYTHON" "$HERE/bench-messages.py" "$MAILDIR_SRC" "$WORK/messages/manifest.json" "$MAILBOX_MESSAGES" \
        "$SIZE" quarterly 1) || die "bench-messages.py failed"
    echo "mailbox messages=$MAILBOX_MESSAGES bytes=$(field bytes "$GEN_OUT")"
fi
place_mail() {   # place_mail MAILDIR OWNER
    mkdir -p "$1"
    cp -a "$MAILDIR_SRC/cur" "$MAILDIR_SRC/new" "$MAILDIR_SRC/tmp" "$1/"
    chown -R "$2" "$1"
}

# ---------------------------------------------------------------------------------------------- tern
if [ -n "$WANT_TERN" ]; then
    TERN_DATA=$WORK/tern TERN_CONFIG=$WORK/tern.yaml
    mkdir -p "$TERN_DATA"
    pick_port TERN_SMTP_PORT; pick_port TERN_IMAP_PORT; pick_port TERN_POP3_PORT; pick_port TERN_HTTP_PORT
    write_tern_config "$TERN_CONFIG"
    for user in "$LOAD_USER" "$IDLE_USER"; do
        add_tern_user "$TERN_DATA" "$TERN_CONFIG" "$user" "$PASSWORD"
        set_tern_hash "$TERN_DATA" "$user" "$CHEAP_PHC"
    done
    [ -d "$MAILDIR_SRC" ] && place_mail "$(tern_maildir "$TERN_DATA" "$LOAD_USER")" 0:0
    start_tern "$TERN_DATA" "$TERN_CONFIG" "$WORK/tern.log"
    for port in "$TERN_SMTP_PORT" "$TERN_IMAP_PORT" "$TERN_POP3_PORT" "$TERN_HTTP_PORT"; do
        wait_listening "$port" "$TERN_PID" 120 || die "tern serve is not listening on $port: $(tail -n 20 "$WORK/tern.log")"
    done
    log "tern pid $TERN_PID: smtp $TERN_SMTP_PORT imap $TERN_IMAP_PORT pop3 $TERN_POP3_PORT http $TERN_HTTP_PORT"
fi
metric() {   # metric NAME -> Tern's metric summed over its label sets (0 when absent)
    { curl -fsS --max-time 10 "http://127.0.0.1:$TERN_HTTP_PORT/metrics" 2>/dev/null || true; } \
        | awk -v n="$1" 'index($0, n) == 1 && substr($0, length(n) + 1) ~ /^[{ ]/ { sub(/^[^ ]*\}?/, ""); s += $1 }
                         END { printf "%.0f\n", s }'
}
# heap_used_mib: Tern's used heap right after a full GC
heap_used_mib() {
    jcmd "$TERN_PID" GC.run > /dev/null 2>&1 || true
    jcmd "$TERN_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen|Shenandoah/ {
        for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.0f\n", v / 1024; exit } }'
}

# ---------------------------------------------------------------------------------------------- postfix
[ -z "$WANT_POSTFIX" ] || start_private_postfix "$WORK/postfix" "$SINK_PORT" $(( SESSIONS + 100 )) compare.sh

# ---------------------------------------------------------------------------------------------- dovecot
if [ -n "$WANT_DOVECOT" ]; then
    DC_PROTOS=""; has "$PARTS" imap && DC_PROTOS="imap"; has "$PARTS" pop3 && DC_PROTOS="$DC_PROTOS pop3"
    for proto in $DC_PROTOS; do
        dir=$WORK/dovecot-$proto
        mkdir -p "$dir/mail/load"
        place_mail "$dir/mail/load/Maildir" "$MAIL_UID:$MAIL_GID"
        chown "$MAIL_UID:$MAIL_GID" "$dir/mail/load"
        dovecot_user "$LOAD_USER" "{ARGON2ID}$CHEAP_PHC" "$dir/mail/load" > "$dir/users"
        pick_port dc_port   # not "port": pick_port has a local of that name
        extra=""; [ "$proto" = pop3 ] && extra="pop3_uidl_format = %08Xu%08Xv"
        write_dovecot_conf "$dir" "$proto" "$dc_port" "$extra"
        run_dovecot "$dir" "$dc_port"
        if [ "$proto" = imap ]; then DC_IMAP_PORT=$dc_port DC_IMAP_PID=$DOVECOT_PID; else DC_POP3_PORT=$dc_port DC_POP3_PID=$DOVECOT_PID; fi
    done
fi

# ---------------------------------------------------------------------------------------------- table
TABLE=()
# row "measure" TERN OTHER OTHER_NAME HIGHER_IS_BETTER TARGET
row() {
    local r; r=$(ratio "$2" "$3")
    TABLE+=("| $1 | $2 | $3 ($4) | $r | $6 |")
}

# ---------------------------------------------------------------------------------------------- smtp
smtp_target() { [ "$1" = tern ] && echo "127.0.0.1:$TERN_SMTP_PORT" || echo "127.0.0.1:$PF_PORT"; }
SMTP_SERVERS=(); has "$SERVERS" tern && SMTP_SERVERS+=(tern); [ -n "$WANT_POSTFIX" ] && SMTP_SERVERS+=(postfix)
declare -A ACCEPT RELAY EOD_P99
# smtp_run SERVER ROUND: one closed-loop run through SERVER to the sink
smtp_run() {
    local server=$1 round=$2 t0 t1 accept relay
    settle
    t0=$(now)
    load_run "smtp-$server-$round" smtp --target "$(smtp_target "$server")" --sessions "$SESSIONS" \
        --messages "$MESSAGES" --size "$SIZE" --from "$SENDER" --to "$REMOTE_RCPT"
    SINK_EXPECTED=$(( SINK_EXPECTED + $(ops_ok "$REPORT") ))
    wait_sink "$SINK_EXPECTED"
    t1=$(now)
    accept=$(per_second_of "$REPORT" 'r["operations"]["ok"]')
    relay=$(per_s "$MESSAGES" "$t0" "$t1")
    ACCEPT[$server]+=" $accept"; RELAY[$server]+=" $relay"; EOD_P99[$server]+=" $(phase_p99_ms "$REPORT" eod)"
    echo "$server smtp round=$round accept_msgs_per_s=$accept relay_msgs_per_s=$relay eod_p99_ms=$(phase_p99_ms "$REPORT" eod)" \
        "eod_p50_ms=$(phase_p50_ms "$REPORT" eod) messages=$MESSAGES sessions=$SESSIONS size=$SIZE"
}
if has "$PARTS" smtp; then
    for server in "${SMTP_SERVERS[@]}"; do
        log "warm-up: $WARMUP messages through $server"
        load_run "warmup-$server" smtp --target "$(smtp_target "$server")" --sessions "$SESSIONS" --messages "$WARMUP" \
            --size "$SIZE" --from "$SENDER" --to "$REMOTE_RCPT"
        SINK_EXPECTED=$(( SINK_EXPECTED + WARMUP )); wait_sink "$SINK_EXPECTED"
    done
    for round in $(seq 1 "$ROUNDS"); do
        if [ $(( round % 2 )) = 1 ]; then order=("${SMTP_SERVERS[@]}"); else order=(); for (( i=${#SMTP_SERVERS[@]}-1; i>=0; i-- )); do order+=("${SMTP_SERVERS[$i]}"); done; fi
        for server in "${order[@]}"; do smtp_run "$server" "$round"; done
    done
    # shellcheck disable=SC2086  # word lists on purpose
    {
        T_ACC=$(median ${ACCEPT[tern]:-}) P_ACC=$(median ${ACCEPT[postfix]:-})
        T_REL=$(median ${RELAY[tern]:-}) P_REL=$(median ${RELAY[postfix]:-})
        T_EOD=$(median ${EOD_P99[tern]:-}) P_EOD=$(median ${EOD_P99[postfix]:-})
    }
    row "SMTP durable accept, msgs/s (${SIZE} B, $SESSIONS sessions)" "$T_ACC" "$P_ACC" postfix up ">= 5x"
    row "SMTP relay to sink end to end, msgs/s" "$T_REL" "$P_REL" postfix up ">= 5x"
    row "end of data -> 250 p99 at full load, ms" "$T_EOD" "$P_EOD" postfix down ""
fi

# ---------------------------------------------------------------------------------------------- latency
if has "$PARTS" latency; then
    for server in "${SMTP_SERVERS[@]}"; do
        case $server in tern) max=$T_ACC ;; *) max=$P_ACC ;; esac
        rate=$(awk -v m="$max" 'BEGIN { printf "%d", m / 2 }')
        [ "$rate" -ge 1 ] || continue
        settle
        load_run "latency-$server" smtp --target "$(smtp_target "$server")" --sessions "$SESSIONS" --rate "$rate" \
            --duration "${LATENCY_S}s" --size "$SIZE" --from "$SENDER" --to "$REMOTE_RCPT"
        SINK_EXPECTED=$(( SINK_EXPECTED + $(ops_ok "$REPORT") )); wait_sink "$SINK_EXPECTED"
        eod=$(phase_p99_ms "$REPORT" eod) op=$(phase_p99_ms "$REPORT" operation)
        echo "$server latency rate_per_s=$rate seconds=$LATENCY_S eod_p99_ms=$eod transaction_p99_ms=$op" \
            "eod_p50_ms=$(phase_p50_ms "$REPORT" eod) messages=$(ops_issued "$REPORT")"
        case $server in tern) T_HALF=$eod T_HALF_OP=$op ;; *) P_HALF=$eod P_HALF_OP=$op ;; esac
    done
    row "end of data -> 250 p99 at half max rate, ms" "${T_HALF:-na}" "${P_HALF:-na}" postfix down "Tern < 10 ms"
    row "transaction p99 from intended start at half max rate, ms" "${T_HALF_OP:-na}" "${P_HALF_OP:-na}" postfix down ""
fi

# ---------------------------------------------------------------------------------------------- imap / pop3
MB_SERVERS=(); has "$SERVERS" tern && MB_SERVERS+=(tern); [ -n "$WANT_DOVECOT" ] && MB_SERVERS+=(dovecot)
declare -A ENV_RATE BODY_RATE RETR_RATE ENV_P99 RETR_P99
imap_target() { [ "$1" = tern ] && echo "127.0.0.1:$TERN_IMAP_PORT" || echo "127.0.0.1:$DC_IMAP_PORT"; }
pop3_target() { [ "$1" = tern ] && echo "127.0.0.1:$TERN_POP3_PORT" || echo "127.0.0.1:$DC_POP3_PORT"; }
if has "$PARTS" imap; then
    for server in "${MB_SERVERS[@]}"; do   # the first SELECT indexes the mailbox: not timed
        load_run "imap-prime-$server" imap --target "$(imap_target "$server")" --auth "$LOAD_USER:$PASSWORD" \
            --sessions 1 --operations 1 --envelopes all --bodies 0
    done
    for round in $(seq 1 "$ROUNDS"); do
        for server in "${MB_SERVERS[@]}"; do
            settle
            load_run "imap-env-$server-$round" imap --target "$(imap_target "$server")" --auth "$LOAD_USER:$PASSWORD" \
                --sessions "$IMAP_SESSIONS" --operations "$IMAP_OPS" --envelopes all --bodies 0
            env=$(per_second_of "$REPORT" "r['results']['envelopes']")
            envp=$(phase_p99_ms "$REPORT" envelopes)
            load_run "imap-body-$server-$round" imap --target "$(imap_target "$server")" --auth "$LOAD_USER:$PASSWORD" \
                --sessions "$IMAP_SESSIONS" --operations "$IMAP_OPS" --envelopes 0 --bodies "$BODIES"
            body=$(per_second_of "$REPORT" "r['results']['bodies']")
            ENV_RATE[$server]+=" $env"; BODY_RATE[$server]+=" $body"; ENV_P99[$server]+=" $envp"
            echo "$server imap round=$round envelope_msgs_per_s=$env envelope_fetch_p99_ms=$envp body_msgs_per_s=$body" \
                "sessions=$IMAP_SESSIONS operations=$IMAP_OPS mailbox=$MAILBOX_MESSAGES bodies=$BODIES"
        done
    done
    # shellcheck disable=SC2086
    row "IMAP UID FETCH 1:* envelopes, msgs/s" "$(median ${ENV_RATE[tern]:-})" "$(median ${ENV_RATE[dovecot]:-})" dovecot up ">= 1x"
    # shellcheck disable=SC2086
    row "IMAP UID FETCH 1:* p99 (one command, $MAILBOX_MESSAGES msgs), ms" "$(median ${ENV_P99[tern]:-})" "$(median ${ENV_P99[dovecot]:-})" dovecot down ""
    # shellcheck disable=SC2086
    row "IMAP FETCH BODY.PEEK[], msgs/s" "$(median ${BODY_RATE[tern]:-})" "$(median ${BODY_RATE[dovecot]:-})" dovecot up ">= 1x"
fi
if has "$PARTS" pop3; then
    for round in $(seq 1 "$ROUNDS"); do
        for server in "${MB_SERVERS[@]}"; do
            settle
            load_run "pop3-$server-$round" pop3 --target "$(pop3_target "$server")" --auth "$LOAD_USER:$PASSWORD" \
                --sessions 1 --operations "$POP_OPS" --retr all --pipeline "$POP_PIPELINE"
            retr=$(per_second_of "$REPORT" "r['results']['retrieved']")
            retrp=$(phase_p99_ms "$REPORT" retr)
            RETR_RATE[$server]+=" $retr"; RETR_P99[$server]+=" $retrp"
            echo "$server pop3 round=$round retr_msgs_per_s=$retr retr_p99_ms=$retrp operations=$POP_OPS mailbox=$MAILBOX_MESSAGES"
        done
    done
    # shellcheck disable=SC2086
    row "POP3 RETR (whole sessions), msgs/s" "$(median ${RETR_RATE[tern]:-})" "$(median ${RETR_RATE[dovecot]:-})" dovecot up ">= 1x"
    # shellcheck disable=SC2086
    row "POP3 RETR p99, ms" "$(median ${RETR_P99[tern]:-})" "$(median ${RETR_P99[dovecot]:-})" dovecot down ""
fi

# ---------------------------------------------------------------------------------------------- memory
# hold_and_measure METRIC NAME ARGS...: starts `tern load ARGS` in the background, waits until Tern counts CONNS
# open sessions of METRIC (or the client ends), then reads the heap; sets HELD and HEAP
hold_and_measure() {
    local metric_name=$1 name=$2 deadline open=0; shift 2
    java $LOAD_JAVA_OPTS -jar "$TERN_JAR" load "$@" --quiet --report "$WORK/$name.json" > "$WORK/$name.out" 2>&1 &
    LOAD_PID=$!
    deadline=$(( $(date +%s) + RUN_TIMEOUT_S ))
    while kill -0 "$LOAD_PID" 2>/dev/null && [ "$(date +%s)" -le "$deadline" ]; do
        open=$(metric "$metric_name")
        [ "$open" -ge "$CONNS" ] && break
        sleep 1
    done
    HELD=$(metric "$metric_name")
    HEAP=$(heap_used_mib)
    wait "$LOAD_PID" || log "tern load ($name) exited $?: $(tail -n 5 "$WORK/$name.out")"
    LOAD_PID=""
}
if has "$PARTS" sessions && [ -n "$WANT_TERN" ]; then
    settle
    base=$(heap_used_mib)
    hold_and_measure "$METRIC_SMTP_SESSIONS" sessions smtp --target "127.0.0.1:$TERN_SMTP_PORT" --sessions "$CONNS" \
        --rate "$CONNS_RATE" --duration "$(( HOLD_S + CONNS / 100 ))s" --size "$SIZE" --from "$SENDER" --to "$REMOTE_RCPT"
    SINK_EXPECTED=$(( SINK_EXPECTED + $(ops_ok "$WORK/sessions.json") ))
    echo "tern sessions open=$HELD heap_used_mib=$HEAP heap_before_mib=$base messages=$(ops_issued "$WORK/sessions.json")"
    TABLE+=("| concurrent SMTP sessions held / Tern heap used, MiB | $HELD / $HEAP | | | $CONNS within 1024 MiB |")
fi
if has "$PARTS" idle && [ -n "$WANT_TERN" ]; then
    settle
    base=$(heap_used_mib)
    hold_and_measure "$METRIC_IMAP_SESSIONS" idle imap --target "127.0.0.1:$TERN_IMAP_PORT" --auth "$IDLE_USER:$PASSWORD" \
        --idle "$CONNS" --hold "$(( HOLD_S + CONNS / 100 ))s"
    echo "tern idle open=$HELD heap_used_mib=$HEAP heap_before_mib=$base"
    TABLE+=("| idle IMAP connections held / Tern heap used, MiB | $HELD / $HEAP | | | $CONNS within 1024 MiB |")
fi

# ---------------------------------------------------------------------------------------------- the table
{
    echo
    echo "| measure | Tern | other | Tern/other | target |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${TABLE[@]}"
    echo
    echo "For ms rows lower is better, so a ratio below 1 favours Tern; for rates above 1 does."
} | tee "${RESULT_TABLE:-/dev/null}"
