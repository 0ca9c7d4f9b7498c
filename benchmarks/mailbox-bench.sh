#!/usr/bin/env bash
# mailbox-bench.sh [MESSAGES] [ROUNDS]
#
# Local delivery and POP3 download of Tern beside Postfix (virtual(8) into a Maildir) and Dovecot 2.3 (POP3), on
# this machine, everything on 127.0.0.1.
#
# Part 1, local delivery (fsync on for both): Postfix's smtp-source sends MESSAGES messages of SIZE bytes over
# SESSIONS parallel sessions to bench@localhost
#   - of `tern serve` (built from this repository), which delivers into <data>/mail/localhost/bench/, and
#   - of a private, throw-away Postfix instance whose virtual(8) agent delivers into a Maildir in the work dir,
# alternating for ROUNDS rounds (who goes first alternates); defaults 3000 messages, 3 rounds. A run ends when all
# MESSAGES files are in the recipient's Maildir (new/ + cur/). The Maildir grows over the rounds, alike for both
# servers (mailbox_before shows by how much): a server whose cost per delivery grows with the mailbox gets slower
# from round to round. Per run:
#   tern local_delivery_msgs_per_s=D accept_msgs_per_s=A round=i cpu_busy_pct=B iowait_pct=W steal_pct=S
#        seconds=T accept_seconds=U mailbox_before=N0 mailbox_after=N1 delivered_counter=C messages=... ...
#   postfix local_delivery_msgs_per_s=D accept_msgs_per_s=A round=i cpu_busy_pct=B ... (no delivered_counter)
# and after the rounds, per server:
#   median tern local_delivery_msgs_per_s=D accept_msgs_per_s=A rounds=R
# local_delivery_msgs_per_s = MESSAGES / time from the start of smtp-source until the last file is in new/ or cur/.
# accept_msgs_per_s = MESSAGES / wall time of smtp-source (every message got its 250); delivery runs meanwhile.
# cpu_busy_pct (iowait_pct, steal_pct) = whole machine, all cores, from /proc/stat, over the delivery interval;
#   smtp-source and the polling of the Maildir run on the same cores.
# mailbox_before/after = files in the Maildir before and after the run (after - before = MESSAGES, or a
#   duplicate was delivered). delivered_counter = increase of Tern's delivered counter on /metrics (a cross-check;
#   "na" when /metrics lacks it).
#
# Part 2, POP3 download: after the rounds, pop@localhost receives exactly POP_MESSAGES messages through Tern (line
#   pop3_fill server=tern messages=N seconds=T msgs_per_s=R   (informative, not a figure)
# Its Maildir files (new/ and cur/, byte for byte) are copied for a private Dovecot POP3 instance (passwd-file,
# plaintext login, no TLS), so both serve the same messages. One client (Python, raw socket, in this script) logs in
# with USER/PASS, times STAT+LIST, then RETRs every message, pipelined POP_BATCH commands per write, and checks each
# reply: +OK, every message arrived whole (count = STAT count = LIST count; the un-dot-stuffed byte sum equals the
# LIST total, or lies between it and the on-the-wire sum for a server that counts the stuffing). No DELE: the
# mailboxes stay as they are, so rounds repeat. First one untimed-in-the-medians session per server (the first open
# builds the server's index or snapshot; the page cache is warm either way):
#   tern pop3_first_connect_login_ms=L pop3_first_stat_list_ms=S messages=N
# then POP_ROUNDS rounds, alternating who goes first:
#   tern pop3_retr_msgs_per_s=R pop3_retr_MiB_per_s=M pop3_connect_login_ms=L pop3_stat_list_ms=S round=i
#        client_cpu_s=C cpu_busy_pct=B iowait_pct=W steal_pct=S retr_seconds=T messages=N bytes=B batch=K
#   dovecot pop3_retr_msgs_per_s=... (same fields)
#   median tern pop3_retr_msgs_per_s=R pop3_retr_MiB_per_s=M pop3_connect_login_ms=L pop3_stat_list_ms=S client_cpu_s=C
# pop3_connect_login_ms = TCP connect, greeting, USER, PASS. Tern hashes passwords with Argon2id; the Dovecot
#   instance checks a {PLAIN} passwd-file entry, so its login has no hashing cost.
# pop3_stat_list_ms = STAT and LIST (all messages). pop3_retr_* = RETR of all messages: msgs/s and MiB/s of message
#   bytes (un-stuffed, as LIST counts them); client_cpu_s = the client's CPU seconds during RETR (it shares the cores
#   with the server: a high value means the client may be the limit).
#
# First line (machine) and last lines (one per figure, medians of both servers and the ratio):
#   machine nproc=N cpu_model="..." mem_gib=G fs=F kernel=K java=J postfix=P dovecot=D tern_commit=C work_dir=W
#   summary local_delivery_msgs_per_s tern=T postfix=P tern_over_postfix=R
#   summary accept_msgs_per_s tern=T postfix=P tern_over_postfix=R
#   summary pop3_connect_login_ms tern=T dovecot=D tern_over_dovecot=R    (ms: lower is better)
#   summary pop3_stat_list_ms tern=T dovecot=D tern_over_dovecot=R        (ms: lower is better)
#   summary pop3_retr_msgs_per_s tern=T dovecot=D tern_over_dovecot=R
#   summary pop3_retr_MiB_per_s tern=T dovecot=D tern_over_dovecot=R
# A value is "na" when that server was not run. Progress and diagnostics go to stderr, prefixed "# ".
#
# Needs root: apt-get (postfix for smtp-source, dovecot-core and dovecot-pop3d; no system service is started),
# Postfix's master and Dovecot start as root and drop privileges. Nothing of the system's mail setup is used or
# changed: each server has its own config and directories in the work dir, listens on 127.0.0.1 on free ports, and
# the mail files belong to the unprivileged user nobody. The work dir is removed and every process this script
# started is stopped by PID at exit.
#
# Environment knobs:
#   SESSIONS=50 SIZE=4096    smtp-source -s and -l
#   WARMUP=500               warm-up messages per server (to bench@localhost) before the first delivery round
#   POP_MESSAGES=10000       messages in the POP3 mailbox (pop@localhost)
#   POP_ROUNDS=3             timed POP3 sessions per server
#   POP_BATCH=100            RETR commands per write (at most two batches are outstanding)
#   PARTS="delivery pop3"    which parts to run
#   SERVERS="tern postfix dovecot"
#                            which servers to run (one side alone for debugging; a ratio needs both). Without
#                            tern, Postfix fills the POP3 mailbox for Dovecot (then Postfix's files, LF line ends)
#   TMPDIR                   parent of the work dir; must be on the disk to measure (tmpfs is refused) and
#                            traversable by unprivileged users
#   RUN_TIMEOUT_S=600        upper bound for any one smtp-source run, delivery wait, start-up or POP3 session
#   STALL_S=60               a delivery wait fails when the Maildir gains no file for this long
#   SETTLE_BUSY_PCT=25 SETTLE_MAX_S=30
#                            before each timed run, wait (at most SETTLE_MAX_S) until the machine is below this
#                            CPU busy %, so one server's background work does not bill the other
#   TERN_JAR                 default <repo>/ops/target/tern.jar (built with mvn when missing)
#   TERN_JAVA_OPTS           JVM options for tern serve (default -Xms1g -Xmx1g)
#   PYTHON=python3           the interpreter for the POP3 client
#   KEEP=1                   keep the work dir for debugging
set -euo pipefail

MESSAGES=${1:-${MESSAGES:-3000}}
ROUNDS=${2:-${ROUNDS:-3}}
SESSIONS=${SESSIONS:-50}
SIZE=${SIZE:-4096}
WARMUP=${WARMUP:-500}
POP_MESSAGES=${POP_MESSAGES:-10000}
POP_ROUNDS=${POP_ROUNDS:-3}
POP_BATCH=${POP_BATCH:-100}
PARTS=${PARTS:-delivery pop3}
SERVERS=${SERVERS:-tern postfix dovecot}
RUN_TIMEOUT_S=${RUN_TIMEOUT_S:-600}
STALL_S=${STALL_S:-60}
SETTLE_BUSY_PCT=${SETTLE_BUSY_PCT:-25}
SETTLE_MAX_S=${SETTLE_MAX_S:-30}
TERN_JAVA_OPTS=${TERN_JAVA_OPTS:--Xms1g -Xmx1g}
PYTHON=${PYTHON:-python3}
SENDER=sender@bench.example
BENCH_RCPT=bench@localhost
POP_USER=pop@localhost
MAIL_USER=nobody

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TERN_JAR=${TERN_JAR:-$ROOT/ops/target/tern.jar}

log() { echo "# $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
# apt_install, start_tern, now, cpu_sample/share, pick_port, wait_listening, stop_pid, settle, median, ratio, per_s,
# seconds, field, check_work_dir, version_of, machine_line, tern_maildir, add_tern_user, the Dovecot set-up
# shellcheck source=bench-lib.sh
. "$HERE/bench-lib.sh"

for n in "$MESSAGES" "$ROUNDS" "$SESSIONS" "$SIZE" "$WARMUP" "$POP_MESSAGES" "$POP_ROUNDS" "$POP_BATCH" \
        "$RUN_TIMEOUT_S" "$STALL_S" "$SETTLE_BUSY_PCT" "$SETTLE_MAX_S"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: '$n' (usage: $0 [MESSAGES] [ROUNDS])"
done
[ "$MESSAGES" -gt 0 ] && [ "$ROUNDS" -gt 0 ] && [ "$SESSIONS" -gt 0 ] || die "MESSAGES, ROUNDS and SESSIONS must be > 0"
[ "$POP_MESSAGES" -gt 0 ] && [ "$POP_ROUNDS" -gt 0 ] && [ "$POP_BATCH" -gt 0 ] \
    || die "POP_MESSAGES, POP_ROUNDS and POP_BATCH must be > 0"
has() { case " $1 " in *" $2 "*) return 0 ;; *) return 1 ;; esac; }
for w in $PARTS; do case "$w" in delivery|pop3) ;; *) die "PARTS may name delivery and pop3, not '$w'" ;; esac; done
for w in $SERVERS; do case "$w" in tern|postfix|dovecot) ;; *) die "SERVERS may name tern, postfix and dovecot, not '$w'" ;; esac; done
has "$PARTS" delivery && DO_DELIVERY=1 || DO_DELIVERY=""
has "$PARTS" pop3 && DO_POP3=1 || DO_POP3=""
[ -n "$DO_DELIVERY$DO_POP3" ] || die "PARTS names nothing to run"
has "$SERVERS" tern && WITH_TERN=1 || WITH_TERN=""
has "$SERVERS" postfix && WITH_POSTFIX=1 || WITH_POSTFIX=""
has "$SERVERS" dovecot && WITH_DOVECOT=1 || WITH_DOVECOT=""
[ -n "$DO_DELIVERY" ] && [ -z "$WITH_TERN$WITH_POSTFIX" ] && die "the delivery part needs tern or postfix in SERVERS"
[ -n "$DO_POP3" ] && [ -z "$WITH_TERN$WITH_DOVECOT" ] && die "the pop3 part needs tern or dovecot in SERVERS"
[ -n "$DO_POP3" ] && [ -n "$WITH_DOVECOT" ] && [ -z "$WITH_TERN$WITH_POSTFIX" ] \
    && die "Dovecot's mailbox is filled by tern (or, without tern, by postfix): add one to SERVERS"
# Which servers actually run: Postfix also runs for the pop3 part alone when it fills Dovecot's mailbox.
RUN_POSTFIX=""
[ -n "$WITH_POSTFIX" ] && { [ -n "$DO_DELIVERY" ] || { [ -n "$DO_POP3" ] && [ -n "$WITH_DOVECOT" ] && [ -z "$WITH_TERN" ]; }; } && RUN_POSTFIX=1
RUN_DOVECOT=""
[ -n "$WITH_DOVECOT" ] && [ -n "$DO_POP3" ] && RUN_DOVECOT=1
[ "$(id -u)" = 0 ] || die "run as root: Postfix's master and Dovecot need it, and apt-get if packages are missing"

###############################################################################################################
# Tern-specific knobs: the config file format, the CLI, the Maildir layout and the metric are owned by ops and
# access. If a key, a command or a path changes, fix it here and nowhere else.
###############################################################################################################
TERN_DELIVERED_METRIC=tern_delivery_results_total   # counted when its labels hold the value "delivered" (any case)

# write_tern_config FILE SMTP_PORT HTTP_PORT POP3_PORT: the SMTP MX listener (and plain POP3 when POP3_PORT is
# not empty) on 127.0.0.1, every other listener off (Tern enables POP3 and IMAP on all addresses by default).
write_tern_config() {
    local file=$1 smtp_port=$2 http_port=$3 pop3_port=$4
    cat > "$file" <<YAML
# generated by benchmarks/mailbox-bench.sh
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
imap:
  listeners:
    imap:
      enabled: false
    imaps:
      enabled: false
YAML
    if [ -n "$pop3_port" ]; then
        cat >> "$file" <<YAML
pop3:
  listeners:
    pop3:
      enabled: true
      bind: ["127.0.0.1"]
      port: $pop3_port
    pop3s:
      enabled: false
YAML
    else
        cat >> "$file" <<YAML
pop3:
  listeners:
    pop3:
      enabled: false
    pop3s:
      enabled: false
YAML
    fi
}

###############################################################################################################

# ---------------------------------------------------------------------------------------------- tools
command -v smtp-source >/dev/null && command -v postconf >/dev/null || apt_install postfix
[ -z "$RUN_DOVECOT" ] || need_dovecot pop3
for tool in smtp-source postfix postconf curl ss findmnt runuser timeout awk find "$PYTHON"; do
    command -v "$tool" >/dev/null || die "$tool not found"
done
[ -z "$WITH_TERN" ] || command -v java >/dev/null || die "java not found"

if [ -n "$WITH_TERN" ] && [ ! -f "$TERN_JAR" ]; then
    log "building $TERN_JAR (mvn package)"
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl ops -am) || die "build failed"
    [ -f "$TERN_JAR" ] || die "the build did not produce $TERN_JAR"
fi

# ---------------------------------------------------------------------------------------------- helpers
# maildir_count DIR -> files in DIR/new and DIR/cur (0 while the Maildir does not exist yet)
maildir_count() {
    { find "$1/new" "$1/cur" -mindepth 1 -maxdepth 1 -type f 2>/dev/null || true; } | wc -l
}

# delivered_count -> Tern's delivered counter summed over its label sets, or "na" when /metrics lacks it
delivered_count() {
    # An unreachable endpoint reads as empty input, so awk alone decides what is printed (exactly one line).
    { curl -fsS --max-time 10 "http://127.0.0.1:$TERN_HTTP_PORT/metrics" 2>/dev/null || true; } \
        | awk -v name="$TERN_DELIVERED_METRIC" '
        index($0, name) == 1 {
            rest = substr($0, length(name) + 1)
            if (rest !~ /^\{/) next                           # unlabelled or a longer name with the same prefix
            labels = substr(rest, 1, index(rest, "}"))
            if (tolower(labels) !~ /="delivered"/) next
            sub(/^\{[^}]*\}/, "", rest)
            split(rest, field, " "); sum += field[1]; found = 1
        }
        END { if (found) printf "%.0f\n", sum; else print "na" }'
}

# send PORT COUNT RCPT: smtp-source with the benchmark settings; fails on any refused message
send() {
    timeout --kill-after=10 "$RUN_TIMEOUT_S" smtp-source -M bench.example -f "$SENDER" -t "$3" \
        -s "$SESSIONS" -m "$2" -l "$SIZE" "127.0.0.1:$1"
}

# server_log_tail NAME -> the end of that server's log, for error messages
server_log_tail() {
    case "$1" in
        tern)   # session lines (connect, disconnect, login) say nothing about why delivery stopped
            grep -v -E ' (SmtpSession|Pop3Session) ' "$WORK/tern.log" 2>/dev/null | tail -n 15
            echo "(delivery metrics: $( { curl -fsS --max-time 5 "http://127.0.0.1:$TERN_HTTP_PORT/metrics" 2>/dev/null \
                || true; } | grep '^tern_delivery_results' | tr '\n' ' '))" ;;
        postfix) tail -n 15 "$WORK/postfix/maillog" 2>/dev/null ;;
        dovecot) tail -n 15 "$WORK/dovecot/dovecot.log" 2>/dev/null ;;
    esac
}

# wait_maildir NAME DIR TARGET T0: until DIR holds TARGET files; sets WAIT_END (time of the poll that saw them
# all) and WAIT_COUNT. T0 = start of the sending, for the rate estimate. Polls sparsely while far from the target
# (each poll reads the directory) and every 20 ms near it. Dies after STALL_S without a new file or RUN_TIMEOUT_S.
wait_maildir() {
    local name=$1 dir=$2 target=$3 t0=$4 n last=-1 last_change t deadline pause
    last_change=$(date +%s); deadline=$(( last_change + RUN_TIMEOUT_S ))
    while :; do
        n=$(maildir_count "$dir")
        t=$(now)
        [ "$n" -ge "$target" ] && break
        if [ "$n" != "$last" ]; then
            last=$n; last_change=$(date +%s)
        elif [ $(( $(date +%s) - last_change )) -ge "$STALL_S" ]; then
            die "$name: no new file in $dir for ${STALL_S}s ($n of $target); its log ends with: $(server_log_tail "$name")"
        fi
        [ "$(date +%s)" -le "$deadline" ] \
            || die "$name: $dir holds $n of $target files after ${RUN_TIMEOUT_S}s; log: $(server_log_tail "$name")"
        # Half the estimated remaining time, between 20 ms and 1 s.
        pause=$(awk -v n="$n" -v goal="$target" -v t0="$t0" -v t="$t" -v base="$WAIT_BASE" 'BEGIN {
            done_ = n - base; rate = (t > t0 && done_ > 0) ? done_ / (t - t0) : 0
            p = rate > 0 ? (goal - n) / rate / 2 : 0.2
            if (p < 0.02) p = 0.02; if (p > 1) p = 1; printf "%.3f\n", p }')
        sleep "$pause"
    done
    WAIT_END=$t WAIT_COUNT=$n
}

# ---------------------------------------------------------------------------------------------- work dir
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mailbox-bench.XXXXXX")
TERN_PID="" POSTFIX_UP="" DOVECOT_PID=""
cleanup() {
    set +e
    [ -n "$TERN_PID" ] && stop_pid "$TERN_PID" "tern"
    if [ -n "$POSTFIX_UP" ]; then
        postfix -c "$PF_CONF" stop >/dev/null 2>&1
        local master
        master=$(tr -d ' ' < "$PF_QUEUE/pid/master.pid" 2>/dev/null)
        [ -n "$master" ] && stop_pid "$master" "postfix master"
    fi
    [ -n "$DOVECOT_PID" ] && stop_pid "$DOVECOT_PID" "dovecot master"
    if [ "${KEEP:-0}" = 1 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

chmod 755 "$WORK"
check_work_dir "$WORK" "$MAIL_USER"
MAIL_UID=$(id -u "$MAIL_USER") MAIL_GID=$(id -g "$MAIL_USER")

JAVA_VERSION=na; [ -z "$WITH_TERN" ] || JAVA_VERSION=$(version_of java)
DOVECOT_VERSION=na; [ -z "$RUN_DOVECOT" ] || DOVECOT_VERSION=$(version_of dovecot)
machine_line "$WORK" "java=$JAVA_VERSION postfix=$(version_of postfix) dovecot=$DOVECOT_VERSION"

# ---------------------------------------------------------------------------------------------- postfix
start_postfix() {
    PF_CONF=$WORK/postfix/etc PF_QUEUE=$WORK/postfix/queue PF_DATA=$WORK/postfix/data PF_VMAIL=$WORK/postfix/vmail
    mkdir -p "$PF_CONF" "$PF_QUEUE" "$PF_DATA" "$PF_VMAIL"
    chown postfix "$PF_DATA"
    chown "$MAIL_UID:$MAIL_GID" "$PF_VMAIL"   # virtual(8) creates the Maildirs as the mail user
    pick_port PF_PORT
    # texthash: read as is, no postmap. The trailing "/" makes virtual(8) deliver in Maildir format.
    printf '%s localhost/%s/\n' "$BENCH_RCPT" "${BENCH_RCPT%@*}" "$POP_USER" "${POP_USER%@*}" > "$PF_CONF/vmailbox"
    {
        echo "# private instance of benchmarks/mailbox-bench.sh: virtual(8) delivers localhost into Maildirs"
        echo "compatibility_level = 3.6"
        echo "config_directory = $PF_CONF"
        echo "queue_directory = $PF_QUEUE"
        echo "data_directory = $PF_DATA"
        echo "meta_directory = $(postconf -d -h meta_directory)"
        echo "mail_owner = postfix"
        echo "setgid_group = postdrop"
        echo "myhostname = postfix.bench.localhost"
        echo "mydestination ="
        echo "local_recipient_maps ="
        echo "local_transport = error:no local(8) delivery in the benchmark"
        echo "alias_maps ="
        echo "alias_database ="
        echo "relayhost ="
        echo "default_transport = error:no relaying in the benchmark"
        echo "virtual_mailbox_domains = localhost"
        echo "virtual_mailbox_base = $PF_VMAIL"
        echo "virtual_mailbox_maps = texthash:$PF_CONF/vmailbox"
        echo "virtual_minimum_uid = $MAIL_UID"
        echo "virtual_uid_maps = static:$MAIL_UID"
        echo "virtual_gid_maps = static:$MAIL_GID"
        echo "inet_interfaces = 127.0.0.1"
        echo "inet_protocols = ipv4"
        echo "mynetworks = 127.0.0.0/8"
        echo "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination"
        echo "smtp_dns_support_level = disabled"
        echo "smtpd_peername_lookup = no"
        echo "smtpd_tls_security_level = none"
        echo "default_process_limit = $(( SESSIONS + 50 ))"
        echo "biff = no"
        echo "maillog_file = $WORK/postfix/maillog"
        echo "maillog_file_prefixes = $WORK"
    } > "$PF_CONF/main.cf"
    cp /usr/share/postfix/master.cf.dist "$PF_CONF/master.cf" 2>/dev/null \
        || cp /etc/postfix/master.cf "$PF_CONF/master.cf" \
        || die "no master.cf template found"
    # Our own loopback port instead of :25, and no chroot (the queue dir is no prepared jail).
    postconf -c "$PF_CONF" -M# 'smtp/inet'
    postconf -c "$PF_CONF" -M "127.0.0.1:$PF_PORT/inet = 127.0.0.1:$PF_PORT inet n - n - - smtpd"
    postconf -c "$PF_CONF" -F '*/*/chroot = n'
    postfix -c "$PF_CONF" check > "$WORK/postfix-check.out" 2>&1 \
        || die "postfix check failed: $(cat "$WORK/postfix-check.out")"
    postfix -c "$PF_CONF" start > "$WORK/postfix-start.out" 2>&1 \
        || die "postfix start failed: $(cat "$WORK/postfix-start.out"; tail -n 5 "$WORK/postfix/maillog" 2>/dev/null)"
    POSTFIX_UP=1
    wait_listening "$PF_PORT" "" 20 || die "postfix is not listening on 127.0.0.1:$PF_PORT: $(tail -n 5 "$WORK/postfix/maillog" 2>/dev/null)"
    PF_BENCH_MAILDIR=$PF_VMAIL/localhost/${BENCH_RCPT%@*}
    PF_POP_MAILDIR=$PF_VMAIL/localhost/${POP_USER%@*}
}

# ---------------------------------------------------------------------------------------------- tern
POP_PASSWORD="pop-$RANDOM$RANDOM$RANDOM"
start_tern_instance() {
    TERN_DATA=$WORK/tern
    TERN_CONFIG=$WORK/tern.yaml
    mkdir -p "$TERN_DATA"
    pick_port TERN_SMTP_PORT
    pick_port TERN_HTTP_PORT
    TERN_POP3_PORT=""
    [ -z "$DO_POP3" ] || pick_port TERN_POP3_PORT
    write_tern_config "$TERN_CONFIG" "$TERN_SMTP_PORT" "$TERN_HTTP_PORT" "$TERN_POP3_PORT"
    [ -z "$DO_DELIVERY" ] || add_tern_user "$TERN_DATA" "$TERN_CONFIG" "$BENCH_RCPT" "bench-$RANDOM$RANDOM$RANDOM"
    [ -z "$DO_POP3" ] || add_tern_user "$TERN_DATA" "$TERN_CONFIG" "$POP_USER" "$POP_PASSWORD"
    start_tern "$TERN_DATA" "$TERN_CONFIG" "$WORK/tern.log"
    local port
    for port in "$TERN_SMTP_PORT" "$TERN_HTTP_PORT" $TERN_POP3_PORT; do
        if ! wait_listening "$port" "$TERN_PID" 120; then
            local state="still running"
            if ! kill -0 "$TERN_PID" 2>/dev/null; then
                local rc=0
                wait "$TERN_PID" || rc=$?
                state="exited with code $rc"
                TERN_PID=""
            fi
            die "tern serve ($state) is not listening on 127.0.0.1:$port; config $TERN_CONFIG; log: $(tail -n 20 "$WORK/tern.log")"
        fi
    done
    TERN_BENCH_MAILDIR=$(tern_maildir "$TERN_DATA" "$BENCH_RCPT")
    TERN_POP_MAILDIR=$(tern_maildir "$TERN_DATA" "$POP_USER")
    [ "$(delivered_count)" != na ] || [ -z "$DO_DELIVERY" ] \
        || log "note: no $TERN_DELIVERED_METRIC with a \"delivered\" label yet at /metrics (it may appear with the first delivery)"
}

[ -n "$RUN_POSTFIX" ] && start_postfix
[ -n "$WITH_TERN" ] && start_tern_instance
[ -n "$WITH_TERN" ] && log "tern pid $TERN_PID: smtp 127.0.0.1:$TERN_SMTP_PORT, http 127.0.0.1:$TERN_HTTP_PORT${TERN_POP3_PORT:+, pop3 127.0.0.1:$TERN_POP3_PORT}"
[ -n "$RUN_POSTFIX" ] && log "postfix $(version_of postfix) on 127.0.0.1:$PF_PORT, virtual(8) into $PF_VMAIL"
log "work dir $WORK ($FSTYPE); parts: $PARTS; servers: $SERVERS"

# ---------------------------------------------------------------------------------------------- part 1: delivery
# deliver NAME PORT MAILDIR COUNT RCPT: sends COUNT messages and waits until MAILDIR holds them all; sets
# RUN_T0 RUN_T_ACCEPT RUN_T_END RUN_BEFORE RUN_AFTER RUN_BUSY RUN_IOWAIT RUN_STEAL
deliver() {
    local name=$1 port=$2 maildir=$3 count=$4 rcpt=$5 c0 c1
    RUN_BEFORE=$(maildir_count "$maildir")
    WAIT_BASE=$RUN_BEFORE
    c0=$(cpu_sample); RUN_T0=$(now)
    # The Maildir is not polled while smtp-source runs: delivery cannot end before the last 250.
    send "$port" "$count" "$rcpt" > "$WORK/send-$name.out" 2>&1 \
        || die "smtp-source against $name failed: $(tail -n 5 "$WORK/send-$name.out"); log: $(server_log_tail "$name")"
    RUN_T_ACCEPT=$(now)
    wait_maildir "$name" "$maildir" $(( RUN_BEFORE + count )) "$RUN_T0"
    RUN_T_END=$WAIT_END RUN_AFTER=$WAIT_COUNT
    c1=$(cpu_sample)
    read -r RUN_BUSY RUN_IOWAIT RUN_STEAL <<< "$(cpu_share "$c0" "$c1")"
}

TERN_DELIVERY=() TERN_ACCEPT=() POSTFIX_DELIVERY=() POSTFIX_ACCEPT=()

run_delivery() {
    local name=$1 round=$2 port maildir d0=na d1=na counter=na rate accept
    case "$name" in
        tern) port=$TERN_SMTP_PORT maildir=$TERN_BENCH_MAILDIR ;;
        postfix) port=$PF_PORT maildir=$PF_BENCH_MAILDIR ;;
    esac
    settle
    [ "$name" = tern ] && d0=$(delivered_count)
    deliver "$name" "$port" "$maildir" "$MESSAGES" "$BENCH_RCPT"
    [ "$name" = tern ] && d1=$(delivered_count)
    if [ "$d1" != na ]; then counter=$(( d1 - ${d0/na/0} )); fi
    rate=$(per_s "$MESSAGES" "$RUN_T0" "$RUN_T_END")
    accept=$(per_s "$MESSAGES" "$RUN_T0" "$RUN_T_ACCEPT")
    case "$name" in
        tern) TERN_DELIVERY+=("$rate"); TERN_ACCEPT+=("$accept") ;;
        postfix) POSTFIX_DELIVERY+=("$rate"); POSTFIX_ACCEPT+=("$accept") ;;
    esac
    local extra=""
    [ "$name" = tern ] && extra=" delivered_counter=$counter"
    [ $(( RUN_AFTER - RUN_BEFORE )) -ne "$MESSAGES" ] \
        && log "warning: $name's Maildir gained $(( RUN_AFTER - RUN_BEFORE )) files for $MESSAGES messages"
    echo "$name local_delivery_msgs_per_s=$rate accept_msgs_per_s=$accept round=$round cpu_busy_pct=$RUN_BUSY" \
        "iowait_pct=$RUN_IOWAIT steal_pct=$RUN_STEAL seconds=$(seconds "$RUN_T0" "$RUN_T_END")" \
        "accept_seconds=$(seconds "$RUN_T0" "$RUN_T_ACCEPT") mailbox_before=$RUN_BEFORE mailbox_after=$RUN_AFTER$extra" \
        "messages=$MESSAGES sessions=$SESSIONS size=$SIZE"
}

delivery_part() {
    local round
    if [ "$WARMUP" -gt 0 ]; then
        log "delivery warm-up: $WARMUP messages to each server"
        [ -z "$WITH_TERN" ] || deliver tern "$TERN_SMTP_PORT" "$TERN_BENCH_MAILDIR" "$WARMUP" "$BENCH_RCPT"
        [ -z "$WITH_POSTFIX" ] || deliver postfix "$PF_PORT" "$PF_BENCH_MAILDIR" "$WARMUP" "$BENCH_RCPT"
    fi
    for round in $(seq 1 "$ROUNDS"); do
        # Alternate who goes first, so slow drift of the machine does not always favour the same server.
        if [ $(( round % 2 )) = 1 ]; then
            [ -z "$WITH_TERN" ] || run_delivery tern "$round"; [ -z "$WITH_POSTFIX" ] || run_delivery postfix "$round"
        else
            [ -z "$WITH_POSTFIX" ] || run_delivery postfix "$round"; [ -z "$WITH_TERN" ] || run_delivery tern "$round"
        fi
    done
    [ -z "$WITH_TERN" ] || echo "median tern local_delivery_msgs_per_s=$(median "${TERN_DELIVERY[@]}")" \
        "accept_msgs_per_s=$(median "${TERN_ACCEPT[@]}") rounds=$ROUNDS"
    [ -z "$WITH_POSTFIX" ] || echo "median postfix local_delivery_msgs_per_s=$(median "${POSTFIX_DELIVERY[@]}")" \
        "accept_msgs_per_s=$(median "${POSTFIX_ACCEPT[@]}") rounds=$ROUNDS"
}

# ---------------------------------------------------------------------------------------------- part 2: pop3
POP_CLIENT=$WORK/pop3-client.py
cat > "$POP_CLIENT" <<'PY'
# POP3 download client of benchmarks/mailbox-bench.sh: raw socket (poplib parses line by line, too slow to
# measure a fast server). Prints one line of key=value; exits 1 with a reason on stderr on any failure.
import socket, sys, time

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
batch, mode, expected, timeout = int(sys.argv[4]), sys.argv[5], int(sys.argv[6]), float(sys.argv[7])
TERMINATOR = b"\r\n.\r\n"

def fail(why):
    sys.stderr.write(f"pop3 client: {why}\n")
    sys.exit(1)

class Reader:
    """Buffered reader over the socket; replies are located by their CRLF or CRLF.CRLF terminator."""
    def __init__(self, sock):
        self.sock, self.buf, self.pos = sock, bytearray(), 0

    def _fill(self):
        data = self.sock.recv(1 << 20)
        if not data:
            fail("server closed the connection")
        self.buf += data

    def line(self):
        # Drop what was consumed now and then; only here, between replies, so no offset is held elsewhere.
        if self.pos > (1 << 22):
            del self.buf[:self.pos]
            self.pos = 0
        while True:
            end = self.buf.find(b"\r\n", self.pos)
            if end >= 0:
                text = bytes(self.buf[self.pos:end])
                self.pos = end + 2
                return text
            self._fill()

    def multiline_after_status(self):
        """The data of a multi-line reply whose status line was just read: (start, end) in buf, end excluding
        the terminating ".CRLF" but including the CRLF of the last data line."""
        start, scan = self.pos, self.pos - 2     # an empty body is ".CRLF" right after the status line's CRLF
        while True:
            hit = self.buf.find(TERMINATOR, scan)
            if hit >= 0:
                self.pos = hit + len(TERMINATOR)
                return start, hit + 2
            scan = max(start - 2, len(self.buf) - len(TERMINATOR) + 1)
            self._fill()

def ok(reply, what):
    if not reply.startswith(b"+OK"):
        fail(f"{what}: {reply[:200]!r}")

t_connect, cpu_connect = time.perf_counter(), time.process_time()
sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
r = Reader(sock)
ok(r.line(), "greeting")
sock.sendall(b"USER " + user.encode() + b"\r\n"); ok(r.line(), "USER")
sock.sendall(b"PASS " + password.encode() + b"\r\n"); ok(r.line(), "PASS")
t_login = time.perf_counter()

sock.sendall(b"STAT\r\n")
stat = r.line(); ok(stat, "STAT")
try:
    stat_count, stat_octets = (int(x) for x in stat.split()[1:3])
except ValueError:
    fail(f"STAT reply unreadable: {stat!r}")
sock.sendall(b"LIST\r\n")
ok(r.line(), "LIST")
start, end = r.multiline_after_status()
sizes = {}
for entry in bytes(r.buf[start:end]).split(b"\r\n")[:-1]:
    number, size = entry.split()
    sizes[int(number)] = int(size)
t_list = time.perf_counter()

if stat_count != len(sizes) or stat_octets != sum(sizes.values()):
    fail(f"STAT says {stat_count} messages / {stat_octets} octets, LIST {len(sizes)} / {sum(sizes.values())}")
if stat_count != expected:
    fail(f"mailbox holds {stat_count} messages, expected {expected}")
if sorted(sizes) != list(range(1, stat_count + 1)):
    fail("LIST does not number the messages 1..n")
result = {"connect_login_ms": f"{(t_login - t_connect) * 1000:.1f}",
          "stat_list_ms": f"{(t_list - t_login) * 1000:.1f}", "messages": stat_count}

if mode == "retr":
    n, sent, received = stat_count, 0, 0
    wire_bytes = message_bytes = size_mismatches = 0
    t_retr, cpu_retr = time.perf_counter(), time.process_time()
    while received < n:
        # Keep at most two batches outstanding: the next batch is written while the previous one is read.
        if sent < n and sent - received <= batch:
            k = min(batch, n - sent)
            sock.sendall(b"".join(b"RETR %d\r\n" % i for i in range(sent + 1, sent + k + 1)))
            sent += k
        status = r.line()
        received += 1
        if not status.startswith(b"+OK"):
            fail(f"RETR {received}: {status[:200]!r}")
        start, end = r.multiline_after_status()
        body = r.buf[start:end]
        stuffed = body.count(b"\r\n..") + (1 if body.startswith(b"..") else 0)
        wire_bytes += end - start
        message_bytes += end - start - stuffed
        if end - start - stuffed != sizes[received]:
            size_mismatches += 1
    t_done, cpu_done = time.perf_counter(), time.process_time()
    list_total = sum(sizes.values())
    if not message_bytes <= list_total <= wire_bytes:
        fail(f"received {message_bytes} message bytes ({wire_bytes} on the wire) for a LIST total of {list_total}"
             f" ({size_mismatches} messages differ from their LIST size)")
    secs = t_done - t_retr
    result.update({"retr_msgs_per_s": f"{n / secs:.1f}", "retr_MiB_per_s": f"{message_bytes / secs / 1048576:.1f}",
                   "retr_seconds": f"{secs:.3f}", "client_cpu_s": f"{cpu_done - cpu_retr:.3f}",
                   "bytes": message_bytes, "wire_bytes": wire_bytes, "size_mismatches": size_mismatches})

sock.sendall(b"QUIT\r\n")
ok(r.line(), "QUIT")
sock.close()
print(" ".join(f"{k}={v}" for k, v in result.items()))
PY

start_dovecot() {
    local dir=$WORK/dovecot
    DC_HOME=$dir/mail/pop
    mkdir -p "$DC_HOME/Maildir/tmp"
    # The same message files Tern serves (or Postfix's without tern), byte for byte. Tern's own files
    # (tern-index, subscriptions, its other folders) are left out: they mean nothing to Dovecot.
    cp -a "$POP_SOURCE_MAILDIR/new" "$POP_SOURCE_MAILDIR/cur" "$DC_HOME/Maildir/"
    chown -R "$MAIL_UID:$MAIL_GID" "$dir/mail"
    pick_port DC_POP3_PORT
    dovecot_user "$POP_USER" "{PLAIN}$POP_PASSWORD" "$DC_HOME" > "$dir/users"
    write_dovecot_conf "$dir" pop3 "$DC_POP3_PORT" "pop3_uidl_format = %08Xu%08Xv"
    run_dovecot "$dir" "$DC_POP3_PORT"
    log "dovecot $DOVECOT_VERSION pid $DOVECOT_PID: pop3 127.0.0.1:$DC_POP3_PORT, $POP_MESSAGES messages copied"
}

# pop_session NAME PORT MODE: one client session (MODE list: login, STAT, LIST; retr: and RETR of all); sets
# POP_OUT (the client's key=value line) and POP_BUSY POP_IOWAIT POP_STEAL
pop_session() {
    local name=$1 port=$2 mode=$3 c0 c1
    c0=$(cpu_sample)
    POP_OUT=$("$PYTHON" "$POP_CLIENT" "$port" "$POP_USER" "$POP_PASSWORD" "$POP_BATCH" "$mode" "$POP_MESSAGES" \
        "$RUN_TIMEOUT_S" 2> "$WORK/pop3-client.err") \
        || die "POP3 session with $name failed: $(cat "$WORK/pop3-client.err"); log: $(server_log_tail "$name")"
    c1=$(cpu_sample)
    read -r POP_BUSY POP_IOWAIT POP_STEAL <<< "$(cpu_share "$c0" "$c1")"
}

declare -A POP_RESULTS=()   # "<server> <figure>" -> space-separated values of the rounds
POP_BYTES_tern="" POP_BYTES_dovecot=""

run_pop() {
    local name=$1 round=$2 port figure
    case "$name" in tern) port=$TERN_POP3_PORT ;; dovecot) port=$DC_POP3_PORT ;; esac
    settle
    pop_session "$name" "$port" retr
    for figure in retr_msgs_per_s retr_MiB_per_s connect_login_ms stat_list_ms client_cpu_s; do
        POP_RESULTS["$name $figure"]+="$(field "$figure" "$POP_OUT") "
    done
    printf -v "POP_BYTES_$name" '%s' "$(field bytes "$POP_OUT")"
    echo "$name pop3_retr_msgs_per_s=$(field retr_msgs_per_s "$POP_OUT")" \
        "pop3_retr_MiB_per_s=$(field retr_MiB_per_s "$POP_OUT")" \
        "pop3_connect_login_ms=$(field connect_login_ms "$POP_OUT") pop3_stat_list_ms=$(field stat_list_ms "$POP_OUT")" \
        "round=$round client_cpu_s=$(field client_cpu_s "$POP_OUT") cpu_busy_pct=$POP_BUSY iowait_pct=$POP_IOWAIT" \
        "steal_pct=$POP_STEAL retr_seconds=$(field retr_seconds "$POP_OUT") messages=$(field messages "$POP_OUT")" \
        "bytes=$(field bytes "$POP_OUT") wire_bytes=$(field wire_bytes "$POP_OUT")" \
        "size_mismatches=$(field size_mismatches "$POP_OUT") batch=$POP_BATCH"
}

pop_median() {
    # shellcheck disable=SC2086  # the stored values are a space-separated list
    median ${POP_RESULTS["$1 $2"]:-}
}

pop3_part() {
    local filler port maildir name round
    if [ -n "$WITH_TERN" ]; then
        filler=tern port=$TERN_SMTP_PORT maildir=$TERN_POP_MAILDIR
    else
        filler=postfix port=$PF_PORT maildir=$PF_POP_MAILDIR
    fi
    log "filling $POP_USER with $POP_MESSAGES messages through $filler"
    settle
    deliver "$filler" "$port" "$maildir" "$POP_MESSAGES" "$POP_USER"
    [ "$RUN_AFTER" = "$POP_MESSAGES" ] || die "$POP_USER's Maildir holds $RUN_AFTER files, not $POP_MESSAGES"
    echo "pop3_fill server=$filler messages=$POP_MESSAGES seconds=$(seconds "$RUN_T0" "$RUN_T_END")" \
        "msgs_per_s=$(per_s "$POP_MESSAGES" "$RUN_T0" "$RUN_T_END")"
    POP_SOURCE_MAILDIR=$maildir
    [ -z "$WITH_DOVECOT" ] || start_dovecot

    local servers=()
    [ -z "$WITH_TERN" ] || servers+=(tern)
    [ -z "$WITH_DOVECOT" ] || servers+=(dovecot)
    for name in "${servers[@]}"; do
        case "$name" in tern) port=$TERN_POP3_PORT ;; dovecot) port=$DC_POP3_PORT ;; esac
        settle
        pop_session "$name" "$port" list
        echo "$name pop3_first_connect_login_ms=$(field connect_login_ms "$POP_OUT")" \
            "pop3_first_stat_list_ms=$(field stat_list_ms "$POP_OUT") messages=$(field messages "$POP_OUT")"
    done
    for round in $(seq 1 "$POP_ROUNDS"); do
        if [ $(( round % 2 )) = 1 ]; then
            for name in "${servers[@]}"; do run_pop "$name" "$round"; done
        else
            for (( i = ${#servers[@]} - 1; i >= 0; i-- )); do run_pop "${servers[i]}" "$round"; done
        fi
    done
    for name in "${servers[@]}"; do
        echo "median $name pop3_retr_msgs_per_s=$(pop_median "$name" retr_msgs_per_s)" \
            "pop3_retr_MiB_per_s=$(pop_median "$name" retr_MiB_per_s)" \
            "pop3_connect_login_ms=$(pop_median "$name" connect_login_ms)" \
            "pop3_stat_list_ms=$(pop_median "$name" stat_list_ms)" \
            "client_cpu_s=$(pop_median "$name" client_cpu_s) rounds=$POP_ROUNDS"
    done
    if [ -n "$POP_BYTES_tern" ] && [ -n "$POP_BYTES_dovecot" ] && [ "$POP_BYTES_tern" != "$POP_BYTES_dovecot" ]; then
        log "warning: Tern served $POP_BYTES_tern message bytes, Dovecot $POP_BYTES_dovecot, from the same files"
    fi
}

# ---------------------------------------------------------------------------------------------- run
[ -z "$DO_DELIVERY" ] || delivery_part
[ -z "$DO_POP3" ] || pop3_part

summary() {   # summary FIGURE OTHER_NAME TERN_VALUE OTHER_VALUE
    echo "summary $1 tern=$3 $2=$4 tern_over_$2=$(ratio "$3" "$4")"
}
if [ -n "$DO_DELIVERY" ]; then
    summary local_delivery_msgs_per_s postfix "$(median ${TERN_DELIVERY[@]+"${TERN_DELIVERY[@]}"})" \
        "$(median ${POSTFIX_DELIVERY[@]+"${POSTFIX_DELIVERY[@]}"})"
    summary accept_msgs_per_s postfix "$(median ${TERN_ACCEPT[@]+"${TERN_ACCEPT[@]}"})" \
        "$(median ${POSTFIX_ACCEPT[@]+"${POSTFIX_ACCEPT[@]}"})"
fi
if [ -n "$DO_POP3" ]; then
    for figure in connect_login_ms stat_list_ms retr_msgs_per_s retr_MiB_per_s; do
        summary "pop3_$figure" dovecot "$(pop_median tern "$figure")" "$(pop_median dovecot "$figure")"
    done
fi
