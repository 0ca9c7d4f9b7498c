#!/usr/bin/env bash
# imap-bench.sh [MESSAGES] [ROUNDS]
#
# IMAP of Tern beside Dovecot 2.3, on this machine, everything on 127.0.0.1, both servers serving the SAME
# MESSAGES messages (default 10,000, ~4 KiB, realistic headers) in the INBOX of the same two accounts.
#
# The mail: bench-messages.py writes MESSAGES messages (fixed seed: the same bytes on every run; CRLF line ends,
# so a file's size is its RFC822.SIZE) into a Maildir, and a manifest (Message-ID, Subject, size, \Seen, search
# hit per message). smtp-source's messages (mailbox-bench.sh) are not used: they have no Subject to search and
# almost no header for ENVELOPE. The files are copied (cp -a) into the INBOX Maildir of bench@localhost of each
# server, and hard-linked from there into idle@localhost's, BEFORE either server starts: Tern adopts files it
# finds in new/ and cur/ (UIDs in mtime order, then name), Dovecot indexes them (by name); the names and mtimes
# rise together, so message n has the same UID on both. Neither account has any other folder.
#
# Logins are like for like: both servers check the same Argon2id PHC string. bench@localhost has the hash that
# `tern user add` wrote (m=19456 KiB, t=2, p=1; without tern the argon2 command makes one with those parameters),
# given to Dovecot as {ARGON2ID}. idle@localhost has a cheap Argon2id hash (m=8 KiB, t=1) on both, written into
# Tern's users file before it starts: 10,000 logins at full cost would take minutes of pure hashing, and the idle
# part measures what a held connection costs, not the login.
#
# Parts (PARTS, in this order):
#   prime   first session per server and account after the start: LOGIN, SELECT INBOX (Tern adopts the files
#           here, Dovecot builds its index), LOGOUT. Reported, not a figure:
#             tern imap_first_login_ms=L imap_first_select_ms=S user=bench@localhost
#   cold    ROUNDS times per server (order alternating): restart the server with no cached message data
#           (Tern: a new JVM, so its structure cache is empty; Dovecot: dovecot.index.cache deleted, the index and
#           UID list kept, as Tern keeps tern-index), then one session timing UID FETCH 1:* (FLAGS RFC822.SIZE
#           ENVELOPE), the first FETCH of these items since the start. Page cache warm for both.
#             tern imap_cold_fetch_meta_s=T imap_cold_fetch_meta_msgs_per_s=R round=i client_cpu_s=C ...
#           then untimed warm-up sessions per server running the commands of the rounds once.
#   rounds  ROUNDS rounds, who goes first alternating, the machine settled before each measurement:
#           LOGIN_SESSIONS sequential sessions (connect, greeting, LOGIN, SELECT INBOX, LOGOUT) as bench, then one
#           session for each of UID FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE), FETCH 1:* BODY.PEEK[] and
#           UID SEARCH HEADER Subject SEARCH_WORD (hits in every 50th Subject; an untimed UID FETCH 1:* (UID) first
#           maps UIDs to messages), each command REPEAT times, the median (and the spread, _min/_max) being the
#           round's figure. A command that fails (wrong answer, stalled, closed) is reported in the line as
#           error_<op>=<reason>, its figure as na, and the run goes on; the median line counts them (failed=...):
#             tern imap_login_select_ms=M imap_login_select_p99_ms=P imap_login_ms=L imap_select_ms=S
#                  imap_select_p99_ms=Q imap_fetch_meta_s=T imap_fetch_meta_msgs_per_s=R imap_fetch_body_s=T
#                  imap_fetch_body_msgs_per_s=R imap_fetch_body_MiB_per_s=M imap_search_ms=S round=i ...
#             median tern imap_login_select_ms=... (the medians over the rounds of each figure)
#   idle    per server: IDLE_CONNS connections as idle@localhost, each LOGIN, SELECT INBOX, IDLE (at most
#           IDLE_PARALLEL opening at once; the client is one asyncio process), then memory while all idle:
#             tern imap_idle_conns=N heap_used_after_gc_mib=H heap_before_mib=H0 heap_per_conn_kib=K rss_mib=R
#                  rss_before_mib=R0 rss_per_conn_kib=K open_s=T conns_per_s=C ...
#             dovecot imap_idle_conns=N imap_rss_sum_mib=R imap_pss_sum_mib=P imap_processes=n all_rss_sum_mib=A
#                  all_pss_sum_mib=B rss_per_conn_kib=K pss_per_conn_kib=K open_s=T ...
#           Tern: `jcmd <pid> GC.run`, then the used heap of `jcmd <pid> GC.heap_info`, and the JVM's RSS.
#           Dovecot: VmRSS (and PSS, which splits shared pages among the processes sharing them) summed over its
#           imap processes, and over all processes of the instance (master, login, auth, ...). "before" = the
#           same server before the connections were opened; per_conn = (after - before) / connections.
#
# Every answer is checked after its timing, against the manifest: 10,000 FETCH responses, each with UID, FLAGS,
# RFC822.SIZE and a 10-field ENVELOPE whose Message-ID, Subject, size and \Seen match; every BODY[] literal of
# the right size holding the right Message-ID; the exact set of search hits. Any difference stops the script.
# client_cpu_s: the client's CPU seconds during a timed command (client and servers share the two cores).
#
# Last lines, per figure: summary FIGURE tern=T dovecot=D tern_over_dovecot=R (for _ms, _s, _mib and _kib
# figures lower is better, so R < 1 favours Tern; for rates and imap_idle_conns_held R > 1 does). "na" where a
# server was not run or every round of that figure failed. The idle totals compare only when both servers held
# the same number of connections; imap_idle_kib_per_conn_tern_heap_dovecot_pss compares what one costs.
# First line: machine nproc=... (see bench-lib.sh machine_line). Progress on stderr, prefixed "# ".
#
# Needs root (Dovecot starts as root and drops to its users; apt-get when packages are missing: dovecot-core,
# dovecot-imapd, argon2). Nothing of the system's mail set-up is used or changed; the work dir is removed and
# every process this script started is stopped by PID at exit. `ulimit -n` is raised for the servers and the
# client (IDLE_CONNS sockets on each side).
#
# Environment knobs:
#   SIZE=4096                 mean message size (each +-15 %)
#   LOGIN_SESSIONS=200        sequential LOGIN+SELECT sessions per round and server
#   REPEAT=5                  each FETCH/SEARCH of a round runs this often in its session; the round's figure is
#                             the median (a single 0.1-0.5 s command varied by half between runs on this VM)
#   IDLE_CONNS=10000          idle connections per server; IDLE_PARALLEL=50 opening at once
#   IDLE_MIN_FREE_MIB=2048    the idle client stops opening when MemAvailable falls below this (and says so)
#   IDLE_HOLD_S=5             seconds between "all idling" and the memory reading
#   IDLE_MAX_OPEN_S=240       the idle client stops opening after this long (stopped_opening=time), so a slow
#                             server cannot stretch the run; the memory is then read with the connections it has
#   PARTS="prime cold rounds idle"   (prime always runs: the others need the mailbox opened once)
#   SERVERS="tern dovecot"    one alone for debugging; a ratio needs both
#   SEARCH_WORD=quarterly  SEED=1
#   TMPDIR                    parent of the work dir (not tmpfs; traversable by nobody)
#   RUN_TIMEOUT_S=600         upper bound for any one client run or server start
#   STALL_S=20                a command fails when the server sends nothing for this long in mid-answer
#   SETTLE_BUSY_PCT=25 SETTLE_MAX_S=10   wait (at most SETTLE_MAX_S) for a quiet machine before each measurement
#   TERN_JAR                  default <repo>/ops/target/tern.jar (built with mvn when missing)
#   TERN_JAVA_OPTS            JVM options for tern serve (default -Xms1g -Xmx1g)
#   PYTHON=python3            the interpreter for the client and the generator
#   KEEP=1                    keep the work dir for debugging
set -euo pipefail

MESSAGES=${1:-${MESSAGES:-10000}}
ROUNDS=${2:-${ROUNDS:-3}}
SIZE=${SIZE:-4096}
LOGIN_SESSIONS=${LOGIN_SESSIONS:-200}
REPEAT=${REPEAT:-5}
IDLE_CONNS=${IDLE_CONNS:-10000}
IDLE_PARALLEL=${IDLE_PARALLEL:-50}
IDLE_MIN_FREE_MIB=${IDLE_MIN_FREE_MIB:-2048}
IDLE_HOLD_S=${IDLE_HOLD_S:-5}
IDLE_MAX_OPEN_S=${IDLE_MAX_OPEN_S:-240}
PARTS=${PARTS:-prime cold rounds idle}
SERVERS=${SERVERS:-tern dovecot}
SEARCH_WORD=${SEARCH_WORD:-quarterly}
SEED=${SEED:-1}
RUN_TIMEOUT_S=${RUN_TIMEOUT_S:-600}
STALL_S=${STALL_S:-20}
SETTLE_BUSY_PCT=${SETTLE_BUSY_PCT:-25}
SETTLE_MAX_S=${SETTLE_MAX_S:-10}
TERN_JAVA_OPTS=${TERN_JAVA_OPTS:--Xms1g -Xmx1g}
PYTHON=${PYTHON:-python3}
BENCH_USER=bench@localhost
IDLE_USER=idle@localhost
MAIL_USER=nobody
# The idle account's hash: the least Argon2id allows (PhcHash and libsodium accept it).
IDLE_ARGON2_MEMORY_KIB=8 IDLE_ARGON2_ITERATIONS=1

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TERN_JAR=${TERN_JAR:-$ROOT/ops/target/tern.jar}
CLIENT=$HERE/imap-client.py

log() { echo "# $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
# apt_install, start_tern, now, cpu_sample/share, pick_port, wait_listening, stop_pid, settle, median, ratio,
# field, check_work_dir, version_of, machine_line, tern_maildir, tern_users_file, add_tern_user, argon2id_phc,
# need_dovecot, dovecot_user, write_dovecot_conf, run_dovecot
# shellcheck source=bench-lib.sh
. "$HERE/bench-lib.sh"

for n in "$MESSAGES" "$ROUNDS" "$SIZE" "$LOGIN_SESSIONS" "$REPEAT" "$IDLE_CONNS" "$IDLE_PARALLEL" "$IDLE_MIN_FREE_MIB" \
        "$IDLE_HOLD_S" "$IDLE_MAX_OPEN_S" "$SEED" "$RUN_TIMEOUT_S" "$STALL_S" "$SETTLE_BUSY_PCT" "$SETTLE_MAX_S"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: '$n' (usage: $0 [MESSAGES] [ROUNDS])"
done
[ "$MESSAGES" -gt 0 ] && [ "$ROUNDS" -gt 0 ] && [ "$LOGIN_SESSIONS" -gt 0 ] && [ "$IDLE_CONNS" -gt 0 ] \
    && [ "$IDLE_PARALLEL" -gt 0 ] || die "MESSAGES, ROUNDS, LOGIN_SESSIONS, IDLE_CONNS and IDLE_PARALLEL must be > 0"
[ "$SIZE" -ge 512 ] || die "SIZE must be at least 512"
[ "$REPEAT" -gt 0 ] || die "REPEAT must be > 0"
[[ "$SEARCH_WORD" =~ ^[a-z]+$ ]] || die "SEARCH_WORD must be lower-case letters"
has() { case " $1 " in *" $2 "*) return 0 ;; *) return 1 ;; esac; }
for w in $PARTS; do case "$w" in prime|cold|rounds|idle) ;; *) die "PARTS may name prime, cold, rounds and idle, not '$w'" ;; esac; done
for w in $SERVERS; do case "$w" in tern|dovecot) ;; *) die "SERVERS may name tern and dovecot, not '$w'" ;; esac; done
has "$SERVERS" tern && WITH_TERN=1 || WITH_TERN=""
has "$SERVERS" dovecot && WITH_DOVECOT=1 || WITH_DOVECOT=""
[ -n "$WITH_TERN$WITH_DOVECOT" ] || die "SERVERS names no server"
NAMES=()
[ -z "$WITH_TERN" ] || NAMES+=(tern)
[ -z "$WITH_DOVECOT" ] || NAMES+=(dovecot)
[ "$(id -u)" = 0 ] || die "run as root: Dovecot needs it, and so do apt-get and raising ulimit -n"

# Each server and the client hold IDLE_CONNS sockets (Dovecot's log, stats and anvil processes one per imap
# process), plus files: raise the soft limit, and the hard one where this root may (it lacks CAP_SYS_RESOURCE
# in some containers); the hard limit must leave room for IDLE_CONNS + 1000.
NOFILE=$(( IDLE_CONNS * 2 + 20000 ))
[ "$NOFILE" -le "$(cat /proc/sys/fs/nr_open)" ] || NOFILE=$(cat /proc/sys/fs/nr_open)
ulimit -Hn "$NOFILE" 2>/dev/null || true
HARD_NOFILE=$(ulimit -Hn)
[ "$HARD_NOFILE" = unlimited ] || [ "$HARD_NOFILE" -ge "$NOFILE" ] || NOFILE=$HARD_NOFILE
[ "$NOFILE" -ge $(( IDLE_CONNS + 1000 )) ] || die "ulimit -n can go to $NOFILE only; IDLE_CONNS=$IDLE_CONNS needs $(( IDLE_CONNS + 1000 ))"
ulimit -Sn "$NOFILE" || die "cannot raise ulimit -n to $NOFILE"

###############################################################################################################
# Tern-specific: the config file format (ops) and the IMAP listener's keys. If a key changes, fix it here.
###############################################################################################################
# write_tern_config FILE SMTP_PORT HTTP_PORT IMAP_PORT MAX_CONNS: plain IMAP on 127.0.0.1:IMAP_PORT allowing
# MAX_CONNS connections from one address; the SMTP MX listener on 127.0.0.1 (unused), every other listener off.
write_tern_config() {
    local file=$1 smtp_port=$2 http_port=$3 imap_port=$4 max_conns=$5
    cat > "$file" <<YAML
# generated by benchmarks/imap-bench.sh
smtp:
  listeners:
    smtp:
      port: $smtp_port
      bind: ["127.0.0.1"]
    submission:
      enabled: false
    submissions:
      enabled: false
http:
  port: $http_port
pop3:
  listeners:
    pop3:
      enabled: false
    pop3s:
      enabled: false
imap:
  listeners:
    imap:
      enabled: true
      bind: ["127.0.0.1"]
      port: $imap_port
    imaps:
      enabled: false
  limits:
    maxConnections: $max_conns
    maxConnectionsPerIp: $max_conns
YAML
}

###############################################################################################################

# ---------------------------------------------------------------------------------------------- tools
[ -z "$WITH_DOVECOT" ] || need_dovecot imap
command -v argon2 >/dev/null || apt_install argon2
for tool in argon2 ss findmnt runuser timeout awk mkfifo "$PYTHON"; do
    command -v "$tool" >/dev/null || die "$tool not found"
done
if [ -n "$WITH_TERN" ]; then
    for tool in java jcmd; do command -v "$tool" >/dev/null || die "$tool not found"; done
    if [ ! -f "$TERN_JAR" ]; then
        log "building $TERN_JAR (mvn package)"
        (cd "$ROOT" && mvn -B -q -DskipTests package -pl ops -am) || die "build failed"
        [ -f "$TERN_JAR" ] || die "the build did not produce $TERN_JAR"
    fi
fi

# ---------------------------------------------------------------------------------------------- work dir
WORK=$(mktemp -d "${TMPDIR:-/tmp}/imap-bench.XXXXXX")
TERN_PID="" DOVECOT_PID="" IDLE_CLIENT_PID=""
cleanup() {
    set +e
    [ -n "$IDLE_CLIENT_PID" ] && kill "$IDLE_CLIENT_PID" 2>/dev/null && wait "$IDLE_CLIENT_PID" 2>/dev/null
    [ -n "$TERN_PID" ] && stop_pid "$TERN_PID" "tern"
    [ -n "$DOVECOT_PID" ] && stop_pid "$DOVECOT_PID" "dovecot master"
    if [ "${KEEP:-0}" = 1 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

chmod 755 "$WORK"
check_work_dir "$WORK" "$MAIL_USER"
MAIL_UID=$(id -u "$MAIL_USER") MAIL_GID=$(id -g "$MAIL_USER")
JAVA_VERSION=na; [ -z "$WITH_TERN" ] || JAVA_VERSION=$(version_of java)
DOVECOT_VERSION=na; [ -z "$WITH_DOVECOT" ] || DOVECOT_VERSION=$(version_of dovecot)
machine_line "$WORK" "java=$JAVA_VERSION dovecot=$DOVECOT_VERSION python=$("$PYTHON" -c 'import platform; print(platform.python_version())')"

# ---------------------------------------------------------------------------------------------- the mail
MAILDIR_SRC=$WORK/messages/Maildir
MANIFEST=$WORK/messages/manifest.json
t0=$(now)
GEN_OUT=$("$PYTHON" "$HERE/bench-messages.py" "$MAILDIR_SRC" "$MANIFEST" "$MESSAGES" "$SIZE" "$SEARCH_WORD" "$SEED") \
    || die "bench-messages.py failed"
MAIL_BYTES=$(field bytes "$GEN_OUT")
echo "mail messages=$MESSAGES bytes=$MAIL_BYTES mean_size=$(( MAIL_BYTES / MESSAGES )) search_word=$SEARCH_WORD" \
    "search_hits=$(field search_hits "$GEN_OUT") seed=$SEED"
log "generated $MESSAGES messages in $(seconds "$t0" "$(now)") s"

# place_mail MAILDIR OWNER: the generated files into MAILDIR (cur/ new/ tmp/), owned by OWNER (uid:gid)
place_mail() {
    mkdir -p "$1"
    cp -a "$MAILDIR_SRC/cur" "$MAILDIR_SRC/new" "$MAILDIR_SRC/tmp" "$1/"
    chown -R "$2" "$1"
}

BENCH_PASSWORD="bench-$RANDOM$RANDOM$RANDOM"
IDLE_PASSWORD="idle-$RANDOM$RANDOM$RANDOM"
IDLE_PHC=$(argon2id_phc "$IDLE_PASSWORD" "$IDLE_ARGON2_MEMORY_KIB" "$IDLE_ARGON2_ITERATIONS" 1) \
    || die "argon2 failed"

# ---------------------------------------------------------------------------------------------- tern
start_tern_instance() {   # start_tern_instance LOG_NAME: starts tern serve on the prepared data dir
    start_tern "$TERN_DATA" "$TERN_CONFIG" "$WORK/$1"
    local port
    for port in "$TERN_IMAP_PORT" "$TERN_HTTP_PORT"; do
        if ! wait_listening "$port" "$TERN_PID" 120; then
            local state="still running" rc=0
            if ! kill -0 "$TERN_PID" 2>/dev/null; then
                wait "$TERN_PID" || rc=$?
                state="exited with code $rc"
                TERN_PID=""
            fi
            die "tern serve ($state) is not listening on 127.0.0.1:$port; config $TERN_CONFIG; log: $(tail -n 20 "$WORK/$1")"
        fi
    done
}

TERN_STARTS=0
restart_tern() {
    stop_pid "$TERN_PID" tern
    TERN_PID=""
    TERN_STARTS=$(( TERN_STARTS + 1 ))
    start_tern_instance "tern-$TERN_STARTS.log"
}

if [ -n "$WITH_TERN" ]; then
    TERN_DATA=$WORK/tern TERN_CONFIG=$WORK/tern.yaml
    mkdir -p "$TERN_DATA"
    pick_port TERN_SMTP_PORT; pick_port TERN_HTTP_PORT; pick_port TERN_IMAP_PORT
    write_tern_config "$TERN_CONFIG" "$TERN_SMTP_PORT" "$TERN_HTTP_PORT" "$TERN_IMAP_PORT" $(( IDLE_CONNS + 100 ))
    add_tern_user "$TERN_DATA" "$TERN_CONFIG" "$BENCH_USER" "$BENCH_PASSWORD"
    add_tern_user "$TERN_DATA" "$TERN_CONFIG" "$IDLE_USER" "$IDLE_PASSWORD"
    set_tern_hash "$TERN_DATA" "$IDLE_USER" "$IDLE_PHC"
    BENCH_PHC=$(tern_hash "$TERN_DATA" "$BENCH_USER")
    place_mail "$(tern_maildir "$TERN_DATA" "$BENCH_USER")" "0:0"
    mkdir -p "$(dirname "$(tern_maildir "$TERN_DATA" "$IDLE_USER")")"
    cp -al "$(tern_maildir "$TERN_DATA" "$BENCH_USER")" "$(tern_maildir "$TERN_DATA" "$IDLE_USER")"
    start_tern_instance tern-0.log
    log "tern pid $TERN_PID: imap 127.0.0.1:$TERN_IMAP_PORT, http 127.0.0.1:$TERN_HTTP_PORT"
else
    BENCH_PHC=$(argon2id_phc "$BENCH_PASSWORD" "$TERN_ARGON2_MEMORY_KIB" "$TERN_ARGON2_ITERATIONS" \
        "$TERN_ARGON2_LANES") || die "argon2 failed"
fi

# ---------------------------------------------------------------------------------------------- dovecot
DC_DIR=$WORK/dovecot
DC_BENCH_HOME=$DC_DIR/mail/bench DC_IDLE_HOME=$DC_DIR/mail/idle
# Dovecot's defaults but two: room for IDLE_CONNS connections of one user from one address, and the login
# processes in Dovecot's documented high-performance mode. Still one imap process per connection (its standard
# model), so imap's process limit and the per-process client limits of the services every imap process talks to
# (log, stats, anvil, config, auth) must exceed the connections. High-performance login (a few long-lived
# imap-login processes instead of a new one per connection) halves the time to open 10,000 connections here and
# makes Dovecot's LOGIN faster: the baseline is Dovecot set up for speed, not its most cautious default.
DC_LIMIT=$(( IDLE_CONNS + 200 ))
DC_EXTRA="default_client_limit = $DC_LIMIT
protocol imap {
  mail_max_userip_connections = $DC_LIMIT
}
service imap {
  process_limit = $DC_LIMIT
}
service imap-login {
  service_count = 0
  process_min_avail = $(nproc)
}"
start_dovecot_instance() {
    mkdir -p "$DC_DIR"
    place_mail "$DC_BENCH_HOME/Maildir" "$MAIL_UID:$MAIL_GID"
    cp -al "$DC_BENCH_HOME" "$DC_IDLE_HOME"
    {
        dovecot_user "$BENCH_USER" "{ARGON2ID}$BENCH_PHC" "$DC_BENCH_HOME"
        dovecot_user "$IDLE_USER" "{ARGON2ID}$IDLE_PHC" "$DC_IDLE_HOME"
    } > "$DC_DIR/users"
    pick_port DC_IMAP_PORT
    write_dovecot_conf "$DC_DIR" imap "$DC_IMAP_PORT" "$DC_EXTRA"
    run_dovecot "$DC_DIR" "$DC_IMAP_PORT"
    log "dovecot $DOVECOT_VERSION pid $DOVECOT_PID: imap 127.0.0.1:$DC_IMAP_PORT"
}

# restart_dovecot: stopped, its header cache of the bench INBOX deleted (index and UID list kept), started
restart_dovecot() {
    stop_pid "$DOVECOT_PID" "dovecot master"
    DOVECOT_PID=""
    rm -f "$DC_BENCH_HOME/Maildir/dovecot.index.cache"
    run_dovecot "$DC_DIR" "$DC_IMAP_PORT"
}

[ -z "$WITH_DOVECOT" ] || start_dovecot_instance
log "work dir $WORK ($FSTYPE); parts: $PARTS; servers: $SERVERS"

# ---------------------------------------------------------------------------------------------- client runs
port_of() { case "$1" in tern) echo "$TERN_IMAP_PORT" ;; dovecot) echo "$DC_IMAP_PORT" ;; esac; }

server_log_tail() {
    case "$1" in
        tern) tail -n 15 "$(ls -t "$WORK"/tern-*.log | head -n 1)" 2>/dev/null ;;
        dovecot) tail -n 15 "$DC_DIR/dovecot.log" 2>/dev/null ;;
    esac
}

# client NAME MODE ARGS...: one run of imap-client.py as bench@localhost against NAME; sets OUT (its key=value
# line) and BUSY IOWAIT STEAL (whole machine over the run)
client() {
    local name=$1 mode=$2 c0 c1; shift 2
    c0=$(cpu_sample)
    OUT=$(timeout --kill-after=10 "$RUN_TIMEOUT_S" "$PYTHON" "$CLIENT" "$mode" --port "$(port_of "$name")" \
            --user "$BENCH_USER" --password "$BENCH_PASSWORD" --manifest "$MANIFEST" --timeout "$RUN_TIMEOUT_S" \
            --stall-s "$STALL_S" "$@" 2> "$WORK/client.err") \
        || die "imap client ($mode) against $name failed: $(cat "$WORK/client.err"); log: $(server_log_tail "$name")"
    c1=$(cpu_sample)
    read -r BUSY IOWAIT STEAL <<< "$(cpu_share "$c0" "$c1")"
}

# try_client NAME MODE ARGS...: like client, but a failed run (a wrong answer, a stalled or closed connection)
# returns 1 with the client's reason in CLIENT_ERROR (one word: spaces become _) instead of ending the script
try_client() {
    local name=$1 mode=$2 c0 c1; shift 2
    c0=$(cpu_sample)
    if OUT=$(timeout --kill-after=10 "$RUN_TIMEOUT_S" "$PYTHON" "$CLIENT" "$mode" --port "$(port_of "$name")" \
            --user "$BENCH_USER" --password "$BENCH_PASSWORD" --manifest "$MANIFEST" --timeout "$RUN_TIMEOUT_S" \
            --stall-s "$STALL_S" "$@" 2> "$WORK/client.err"); then
        c1=$(cpu_sample)
        read -r BUSY IOWAIT STEAL <<< "$(cpu_share "$c0" "$c1")"
        return 0
    fi
    CLIENT_ERROR=$(sed -e 's/^imap client: //' "$WORK/client.err" | tail -n 1 | tr -s ' \t' '__' | cut -c1-300)
    [ -n "$CLIENT_ERROR" ] || CLIENT_ERROR=client_failed
    log "$name: $mode $* failed: $(cat "$WORK/client.err")"
    OUT="" BUSY=na IOWAIT=na STEAL=na
    return 1
}

fieldna() { local v; v=$(field "$1" "$2"); echo "${v:-na}"; }

declare -A R=()   # "<server> <figure>" -> space-separated values of the rounds
keep() { R["$1 $2"]+="$3 "; }
med() {
    # shellcheck disable=SC2086  # the stored values are a space-separated list
    median ${R["$1 $2"]:-}
}
# failures NAME PREFIX -> how often each op whose name starts with PREFIX failed ("meta:3,search:1"), or none
failures() {
    # shellcheck disable=SC2086
    printf '%s\n' ${R["$1 failed"]:-} | awk -v p="$2" 'index($0, p) == 1 && $0 != "" { sub("^" p, ""); n[$0]++ }
        END { s = ""; for (k in n) s = s (s == "" ? "" : ",") k ":" n[k]; print (s == "" ? "none" : s) }'
}

# ---------------------------------------------------------------------------------------------- prime
for name in "${NAMES[@]}"; do
    for user in "$BENCH_USER" "$IDLE_USER"; do
        password=$BENCH_PASSWORD; [ "$user" = "$IDLE_USER" ] && password=$IDLE_PASSWORD
        OUT=$(timeout "$RUN_TIMEOUT_S" "$PYTHON" "$CLIENT" prime --port "$(port_of "$name")" --user "$user" \
                --password "$password" --manifest "$MANIFEST" 2> "$WORK/client.err") \
            || die "first session with $name as $user failed: $(cat "$WORK/client.err"); log: $(server_log_tail "$name")"
        echo "$name imap_first_login_ms=$(field first_login_ms "$OUT") imap_first_select_ms=$(field first_select_ms "$OUT") user=$user"
    done
done

# ---------------------------------------------------------------------------------------------- cold
cold_run() {
    local name=$1 round=$2 error=""
    case "$name" in tern) restart_tern ;; dovecot) restart_dovecot ;; esac
    settle
    if try_client "$name" fetch --ops meta; then
        keep "$name" cold_meta_msgs_per_s "$(field meta_msgs_per_s "$OUT")"
        keep "$name" cold_meta_s "$(field meta_s "$OUT")"
    else
        error=" error=$CLIENT_ERROR"
        keep "$name" failed cold_meta
    fi
    echo "$name imap_cold_fetch_meta_s=$(fieldna meta_s "$OUT") imap_cold_fetch_meta_msgs_per_s=$(fieldna meta_msgs_per_s "$OUT")" \
        "round=$round client_cpu_s=$(fieldna meta_client_cpu_s "$OUT") cpu_busy_pct=$BUSY iowait_pct=$IOWAIT" \
        "steal_pct=$STEAL envelopes_checked=$(fieldna meta_envelopes_checked "$OUT")$error"
}

if has "$PARTS" cold; then
    for round in $(seq 1 "$ROUNDS"); do
        if [ $(( round % 2 )) = 1 ]; then order=("${NAMES[@]}"); else order=(); for (( i = ${#NAMES[@]} - 1; i >= 0; i-- )); do order+=("${NAMES[i]}"); done; fi
        for name in "${order[@]}"; do cold_run "$name" "$round"; done
    done
    for name in "${NAMES[@]}"; do
        echo "median $name imap_cold_fetch_meta_s=$(med "$name" cold_meta_s)" \
            "imap_cold_fetch_meta_msgs_per_s=$(med "$name" cold_meta_msgs_per_s) rounds=$ROUNDS failed=$(failures "$name" cold_)"
    done
fi

# ---------------------------------------------------------------------------------------------- rounds
FIGURES="login_select_ms login_select_p99_ms login_ms select_ms select_p99_ms fetch_meta_s fetch_meta_msgs_per_s
    fetch_body_s fetch_body_msgs_per_s fetch_body_MiB_per_s search_ms"

warm_run() {
    local name=$1 round=$2 logins lbusy op errors="" meta="" body="" search="" fbusy=""
    settle
    client "$name" logins --sessions "$LOGIN_SESSIONS"
    logins=$OUT lbusy=$BUSY
    # One session per command, each checked on its own: a server that fails one still gets the others measured.
    settle
    for op in meta body search; do
        if try_client "$name" fetch --ops "$op" --repeat "$REPEAT"; then
            printf -v "$op" '%s' "$OUT"
            fbusy+="${fbusy:+,}$BUSY"
        else
            errors+=" error_$op=$CLIENT_ERROR"
            keep "$name" failed "warm_$op"
        fi
    done
    local -A v=(
        [login_select_ms]=$(field login_select_ms_median "$logins") [login_select_p99_ms]=$(field login_select_ms_p99 "$logins")
        [login_ms]=$(field login_ms_median "$logins") [select_ms]=$(field select_ms_median "$logins")
        [select_p99_ms]=$(field select_ms_p99 "$logins")
        [fetch_meta_s]=$(field meta_s "$meta") [fetch_meta_msgs_per_s]=$(field meta_msgs_per_s "$meta")
        [fetch_body_s]=$(field body_s "$body") [fetch_body_msgs_per_s]=$(field body_msgs_per_s "$body")
        [fetch_body_MiB_per_s]=$(field body_MiB_per_s "$body") [search_ms]=$(field search_ms "$search"))
    local line="$name" f
    for f in $FIGURES; do
        [ -z "${v[$f]}" ] || keep "$name" "$f" "${v[$f]}"
        line+=" imap_$f=${v[$f]:-na}"
    done
    echo "$line round=$round sessions=$(field sessions "$logins") logins_client_cpu_s=$(field client_cpu_s "$logins")" \
        "logins_cpu_busy_pct=$lbusy meta_client_cpu_s=$(fieldna meta_client_cpu_s "$meta")" \
        "body_client_cpu_s=$(fieldna body_client_cpu_s "$body") search_client_cpu_s=$(fieldna search_client_cpu_s "$search")" \
        "fetch_cpu_busy_pct=${fbusy:-na} body_bytes=$(fieldna body_bytes "$body") search_hits=$(fieldna search_hits "$search")" \
        "meta_s_spread=$(fieldna meta_s_min "$meta")-$(fieldna meta_s_max "$meta")" \
        "body_s_spread=$(fieldna body_s_min "$body")-$(fieldna body_s_max "$body")" \
        "search_ms_spread=$(fieldna search_ms_min "$search")-$(fieldna search_ms_max "$search") repeat=$REPEAT$errors"
}

if has "$PARTS" rounds; then
    for name in "${NAMES[@]}"; do
        log "warm-up sessions against $name"
        for op in meta body search; do try_client "$name" fetch --ops "$op" || true; done
    done
    for round in $(seq 1 "$ROUNDS"); do
        if [ $(( round % 2 )) = 1 ]; then order=("${NAMES[@]}"); else order=(); for (( i = ${#NAMES[@]} - 1; i >= 0; i-- )); do order+=("${NAMES[i]}"); done; fi
        for name in "${order[@]}"; do warm_run "$name" "$round"; done
    done
    for name in "${NAMES[@]}"; do
        line="median $name"
        for f in $FIGURES; do line+=" imap_$f=$(med "$name" "$f")"; done
        echo "$line rounds=$ROUNDS failed=$(failures "$name" warm_)"
    done
fi

# ---------------------------------------------------------------------------------------------- idle
# proc_memory PID...: "rss_mib pss_mib" summed over the processes (VmRSS; Pss from smaps_rollup)
proc_memory() {
    "$PYTHON" - "$@" <<'PY'
import sys
rss = pss = 0
for pid in sys.argv[1:]:
    try:
        with open(f"/proc/{pid}/status") as f:
            rss += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        with open(f"/proc/{pid}/smaps_rollup") as f:
            pss += next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
    except (OSError, StopIteration):
        pass   # a process that ended meanwhile, or a kernel thread
print(f"{rss / 1024:.1f} {pss / 1024:.1f}")
PY
}

# dovecot_memory -> "imap_rss imap_pss imap_processes all_rss all_pss all_processes" (MiB) of this instance
dovecot_memory() {
    local imap all
    imap=$(ps -o pid= -o comm= --ppid "$DOVECOT_PID" | awk '$2 == "imap" { print $1 }')
    all=$(ps -o pid= --ppid "$DOVECOT_PID"; echo "$DOVECOT_PID")
    # shellcheck disable=SC2086  # lists of PIDs
    echo "$(proc_memory $imap) $(echo $imap | wc -w) $(proc_memory $all) $(echo $all | wc -w)"
}

# tern_memory -> "heap_used_mib rss_mib pss_mib" after a full GC
tern_memory() {
    local heap
    jcmd "$TERN_PID" GC.run > /dev/null || die "jcmd GC.run failed"
    heap=$(jcmd "$TERN_PID" GC.heap_info | awk 'match($0, /heap.*used [0-9]+K/) { s = substr($0, RSTART, RLENGTH);
        sub(/.*used /, "", s); sub(/K/, "", s); printf "%.1f\n", s / 1024; exit }')
    [ -n "$heap" ] || die "no used heap in jcmd GC.heap_info: $(jcmd "$TERN_PID" GC.heap_info | head -n 3)"
    echo "$heap $(proc_memory "$TERN_PID")"
}

per_conn_kib() {   # per_conn_kib AFTER_MIB BEFORE_MIB CONNS
    awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (n > 0) printf "%.1f\n", (a - b) * 1024 / n; else print "na" }'
}

idle_run() {
    local name=$1 before after fifo=$WORK/idle.ctl held i ready=""
    settle
    case "$name" in tern) before=$(tern_memory) ;; dovecot) before=$(dovecot_memory) ;; esac
    rm -f "$fifo"; mkfifo "$fifo"
    timeout --kill-after=10 $(( RUN_TIMEOUT_S * 2 + IDLE_MAX_OPEN_S )) "$PYTHON" "$CLIENT" idle --port "$(port_of "$name")" \
        --user "$IDLE_USER" --password "$IDLE_PASSWORD" --manifest "$MANIFEST" --timeout "$RUN_TIMEOUT_S" \
        --conns "$IDLE_CONNS" --parallel "$IDLE_PARALLEL" --min-free-mib "$IDLE_MIN_FREE_MIB" \
        --max-open-s "$IDLE_MAX_OPEN_S" --stall-s "$STALL_S" \
        < "$fifo" > "$WORK/idle.out" 2> "$WORK/idle.err" &
    IDLE_CLIENT_PID=$!
    exec 9> "$fifo"   # opened after the client, which waits for a writer; the client reads "stop" from here
    for i in $(seq 1 $(( (RUN_TIMEOUT_S + IDLE_MAX_OPEN_S) * 5 ))); do
        grep -q '^held=' "$WORK/idle.out" 2>/dev/null && { ready=1; break; }
        kill -0 "$IDLE_CLIENT_PID" 2>/dev/null || break
        sleep 0.2
    done
    [ -n "$ready" ] || die "idle client against $name: $(tail -n 5 "$WORK/idle.err"); log: $(server_log_tail "$name")"
    OUT=$(grep '^held=' "$WORK/idle.out")
    held=$(field held "$OUT")
    sleep "$IDLE_HOLD_S"
    case "$name" in tern) after=$(tern_memory) ;; dovecot) after=$(dovecot_memory) ;; esac
    echo stop >&9
    exec 9>&-
    wait "$IDLE_CLIENT_PID" || die "idle client against $name failed: $(tail -n 5 "$WORK/idle.err")"
    IDLE_CLIENT_PID=""
    local final
    final=$(tail -n 1 "$WORK/idle.out")
    [ "$held" = "$IDLE_CONNS" ] || log "warning: only $held of $IDLE_CONNS connections to $name idled ($OUT)"
    local common
    common="open_s=$(field open_s "$OUT") conns_per_s=$(field conns_per_s "$OUT") failed=$(field failed "$OUT")"
    common+=" stopped_opening=$(field stopped "$OUT") first_error=$(field first_error "$OUT")"
    common+=" dropped_while_held=$(field dropped_while_held "$final")"
    local a b
    read -r -a a <<< "$after"; read -r -a b <<< "$before"
    case "$name" in
        tern)
            keep tern idle_conns "$held"; keep tern idle_heap_mib "${a[0]}"; keep tern idle_rss_mib "${a[1]}"
            keep tern idle_per_conn_kib "$(per_conn_kib "${a[0]}" "${b[0]}" "$held")"
            echo "tern imap_idle_conns=$held heap_used_after_gc_mib=${a[0]} heap_before_mib=${b[0]}" \
                "heap_per_conn_kib=$(per_conn_kib "${a[0]}" "${b[0]}" "$held") rss_mib=${a[1]} rss_before_mib=${b[1]}" \
                "rss_per_conn_kib=$(per_conn_kib "${a[1]}" "${b[1]}" "$held") pss_mib=${a[2]} $common" ;;
        dovecot)
            keep dovecot idle_conns "$held"; keep dovecot idle_heap_mib "${a[0]}"; keep dovecot idle_rss_mib "${a[4]}"
            keep dovecot idle_per_conn_kib "$(per_conn_kib "${a[4]}" "${b[4]}" "$held")"
            echo "dovecot imap_idle_conns=$held imap_rss_sum_mib=${a[0]} imap_pss_sum_mib=${a[1]} imap_processes=${a[2]}" \
                "all_rss_sum_mib=${a[3]} all_pss_sum_mib=${a[4]} all_processes=${a[5]} all_rss_before_mib=${b[3]}" \
                "all_pss_before_mib=${b[4]} rss_per_conn_kib=$(per_conn_kib "${a[3]}" "${b[3]}" "$held")" \
                "pss_per_conn_kib=$(per_conn_kib "${a[4]}" "${b[4]}" "$held") $common" \
                "inotify_fallbacks=$(grep -c 'Inotify instance limit' "$DC_DIR/dovecot.log" || true)" ;;
    esac
    # The servers drop their sessions after LOGOUT; give them the time before anything else is measured.
    sleep 2
}

if has "$PARTS" idle; then
    for name in "${NAMES[@]}"; do idle_run "$name"; done
fi

# ---------------------------------------------------------------------------------------------- summary
summary() {   # summary FIGURE TERN_VALUE DOVECOT_VALUE
    echo "summary $1 tern=${2:-na} dovecot=${3:-na} tern_over_dovecot=$(ratio "${2:-na}" "${3:-na}")"
}
if has "$PARTS" cold; then
    summary imap_cold_fetch_meta_msgs_per_s "$(med tern cold_meta_msgs_per_s)" "$(med dovecot cold_meta_msgs_per_s)"
fi
if has "$PARTS" rounds; then
    for f in $FIGURES; do summary "imap_$f" "$(med tern "$f")" "$(med dovecot "$f")"; done
fi
if has "$PARTS" idle; then
    # The connections each server held (Tern's heap may end the opening early), then what one costs: Tern's
    # used heap after GC, Dovecot's PSS (shared pages split among the processes that share them), each as
    # growth over the same server before the connections, per connection. Then, as asked for, the totals:
    # Tern's used heap against the RSS sum of Dovecot's imap processes (which counts shared pages once per
    # process), and the JVM's RSS against the PSS sum of all of Dovecot's processes. The totals compare only
    # when both held the same number of connections.
    summary imap_idle_conns_held "$(med tern idle_conns)" "$(med dovecot idle_conns)"
    summary imap_idle_kib_per_conn_tern_heap_dovecot_pss "$(med tern idle_per_conn_kib)" "$(med dovecot idle_per_conn_kib)"
    summary imap_idle_tern_heap_vs_dovecot_imap_rss_mib "$(med tern idle_heap_mib)" "$(med dovecot idle_heap_mib)"
    summary imap_idle_tern_rss_vs_dovecot_pss_mib "$(med tern idle_rss_mib)" "$(med dovecot idle_rss_mib)"
fi
