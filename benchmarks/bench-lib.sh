# bench-lib.sh: shell helpers shared by accept-bench.sh, mailbox-bench.sh and imap-bench.sh (sourced, not run).
# The caller defines log, die, ROOT (the repository), SETTLE_BUSY_PCT, SETTLE_MAX_S, TERN_JAR and TERN_JAVA_OPTS,
# and for the Dovecot set-up MAIL_UID and MAIL_GID, before calling them.
# shellcheck shell=bash disable=SC2034  # variables set here are read by the caller

# apt_install PACKAGE...: installs with no system mail configuration and without starting any service
apt_install() {
    log "installing $* (no system mail configuration, no service start)"
    export DEBIAN_FRONTEND=noninteractive
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    local guard=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        # Keeps the packages from starting the system Postfix or Dovecot; removed again right after.
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        guard=1
    fi
    local rc=0
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null; } || rc=$?
    [ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d
    [ "$rc" = 0 ] || die "apt-get could not install $*"
}

# start_tern DATA_DIR CONFIG LOG: starts `tern serve` in the background and sets TERN_PID.
start_tern() {
    local data=$1 config=$2 logfile=$3
    # shellcheck disable=SC2086  # TERN_JAVA_OPTS is a list of JVM options
    java $TERN_JAVA_OPTS -jar "$TERN_JAR" serve --data "$data" --config "$config" > "$logfile" 2>&1 &
    TERN_PID=$!
}

now() { date +%s.%N; }

# cpu_sample -> "busy iowait steal total" jiffies summed over all cores
cpu_sample() {
    awk '$1 == "cpu" { print $2+$3+$4+$7+$8, $6, $9, $2+$3+$4+$5+$6+$7+$8+$9; exit }' /proc/stat
}
# cpu_share "BEFORE" "AFTER" -> "busy_pct iowait_pct steal_pct" over that interval
cpu_share() {
    awk -v a="$1" -v b="$2" 'BEGIN { split(a, s, " "); split(b, e, " "); total = e[4] - s[4]; if (total <= 0) total = 1;
        printf "%.0f %.0f %.0f\n", 100 * (e[1] - s[1]) / total, 100 * (e[2] - s[2]) / total, 100 * (e[3] - s[3]) / total }'
}

PICKED_PORTS=" "
# pick_port VAR: sets VAR to a TCP port nobody listens on and not picked before by this script (2024 never).
# Not used as $(pick_port): the list of picked ports must survive the call.
pick_port() {
    local port tries=0
    while [ $tries -lt 200 ]; do
        tries=$((tries + 1))
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        [ "$port" = 2024 ] && continue
        [[ "$PICKED_PORTS" == *" $port "* ]] && continue
        [ -n "$(ss -Htan "sport = :$port")" ] && continue
        PICKED_PORTS="$PICKED_PORTS$port "
        printf -v "$1" '%s' "$port"
        return 0
    done
    die "no free port found for $1"
}

# wait_listening PORT PID SECONDS: until something listens on 127.0.0.1:PORT; fails early if PID dies
wait_listening() {
    local port=$1 pid=$2 deadline=$(( $(date +%s) + $3 ))
    while [ "$(date +%s)" -le "$deadline" ]; do
        [ -n "$(ss -Hltn "sport = :$port")" ] && return 0
        [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && return 1
        sleep 0.2
    done
    return 1
}

# stop_pid PID NAME: SIGTERM, up to 20 s grace, then SIGKILL
stop_pid() {
    local pid=$1 name=$2 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name (pid $pid) ignored SIGTERM for 20 s: SIGKILL"
        kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# settle: wait until the machine is quiet (other server's queue work, page-cache writeback, GC) or SETTLE_MAX_S
settle() {
    local start busy a b
    start=$(date +%s)
    while :; do
        a=$(cpu_sample); sleep 1; b=$(cpu_sample)
        busy=$(cpu_share "$a" "$b" | cut -d' ' -f1)
        [ "$busy" -le "$SETTLE_BUSY_PCT" ] && return 0
        if [ $(( $(date +%s) - start )) -ge "$SETTLE_MAX_S" ]; then
            log "machine still ${busy}% busy after ${SETTLE_MAX_S}s; measuring anyway"
            return 0
        fi
    done
}


# ---------------------------------------------------------------------------------------------- figures
# median V1 V2 ... (numbers) -> the median (the middle value as given, or the mean of the two middle ones to
# three decimals), "na" when given none. (accept-bench.sh keeps its own, printed with one decimal.)
median() {
    [ $# -gt 0 ] || { echo na; return; }
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
        else { m = sprintf("%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2); sub(/\.?0+$/, "", m); print m } }'
}

# ratio A B -> A/B with two decimals, "na" when either is missing or B is 0
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a != "na" && b != "na" && b > 0) printf "%.2f\n", a / b; else print "na" }'
}

# per_s COUNT T0 T1 -> COUNT / (T1 - T0) with one decimal
per_s() {
    awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { d = b - a; if (d <= 0) d = 1e-9; printf "%.1f\n", n / d }'
}

# seconds T0 T1 -> T1 - T0 with three decimals
seconds() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'
}

# field KEY LINE -> the value of KEY=... in LINE (empty when absent)
field() { awk -v k="$1" '{ for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit } }' <<< "$2"; }

# ---------------------------------------------------------------------------------------------- machine
# check_work_dir DIR USER: refuses a memory file system (fsync is free there) and a DIR that USER cannot reach
# (the servers' mail files belong to that unprivileged user); sets FSTYPE.
check_work_dir() {
    local dir=$1 user=$2
    FSTYPE=$(findmnt -no FSTYPE -T "$dir" 2>/dev/null || stat -f -c %T "$dir")
    case "$FSTYPE" in
        tmpfs|ramfs) die "$dir is on $FSTYPE, where fsync is free; set TMPDIR to a directory on a disk" ;;
    esac
    runuser -u "$user" -- test -x "$dir" 2>/dev/null \
        || die "$dir is not reachable by unprivileged users (a parent lacks o+x); set TMPDIR elsewhere"
}

# version_of java|postfix|dovecot -> the installed version ("" when missing)
version_of() {
    case "$1" in
        java) java -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }' ;;
        postfix) postconf -d -h mail_version 2>/dev/null ;;
        dovecot) dovecot --version 2>/dev/null | cut -d' ' -f1 ;;
    esac
}

# machine_line WORK KEY=VALUE...: the first line of a result: this machine, the given versions, the commit of
# the repository at ROOT, the work dir. Needs FSTYPE (check_work_dir).
machine_line() {
    local work=$1; shift
    echo "machine nproc=$(nproc) cpu_model=\"$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)\"" \
        "mem_gib=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo) fs=$FSTYPE kernel=$(uname -r)" \
        "$* tern_commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo na) work_dir=$work"
}

###############################################################################################################
# Tern-specific: the Maildir layout and the `tern user` command are owned by access and ops. If a path or a
# command changes, fix it here and nowhere else (each script's config writer has its own marked block).
###############################################################################################################
# tern_maildir DATA_DIR ADDRESS -> the account's INBOX Maildir (<data>/mail/<domain>/<local>)
tern_maildir() {
    local data=$1 address=$2
    echo "$data/mail/${address#*@}/${address%@*}"
}

# tern_users_file DATA_DIR -> the accounts file with one "address hash [attributes]" line per user
tern_users_file() {
    echo "$1/accounts/users"
}

# add_tern_user DATA_DIR CONFIG ADDRESS PASSWORD: the recipient must exist, or Tern rightly answers 550 at RCPT.
add_tern_user() {
    local data=$1 config=$2 address=$3 password=$4 out
    out=$(printf '%s\n' "$password" | timeout 120 java -jar "$TERN_JAR" user add "$address" \
            --data "$data" --config "$config" --password-stdin 2>&1) \
        || die "could not create $address with 'tern user add': $out"
}

# set_tern_hash DATA_DIR ADDRESS PHC: replaces ADDRESS's password hash in the users file (tern serve not running)
set_tern_hash() {
    local users
    users=$(tern_users_file "$1")
    awk -v a="$2" -v h="$3" '$1 == a { $2 = h; found = 1 } { print } END { exit !found }' "$users" > "$users.new" \
        || die "$2 is not in $users"
    chmod 600 "$users.new"
    mv "$users.new" "$users"
}

# tern_hash DATA_DIR ADDRESS -> ADDRESS's PHC string in the users file
tern_hash() {
    awk -v a="$2" '$1 == a { print $2; exit }' "$(tern_users_file "$1")"
}

# The Argon2id parameters `tern user add` writes (access's Argon2idHasher: m=19456 KiB, t=2, p=1).
TERN_ARGON2_MEMORY_KIB=19456 TERN_ARGON2_ITERATIONS=2 TERN_ARGON2_LANES=1
###############################################################################################################

# argon2id_phc PASSWORD MEMORY_KIB ITERATIONS LANES -> a PHC string ($argon2id$v=19$m=..,t=..,p=..$salt$hash) with
# a random 16-byte salt, which Tern and Dovecot ({ARGON2ID}) both verify. Needs the argon2 command.
argon2id_phc() {
    local salt
    salt=$(tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 16)
    printf '%s' "$1" | argon2 "$salt" -id -k "$2" -t "$3" -p "$4" -l 32 -e
}

# ---------------------------------------------------------------------------------------------- dovecot
# A private Dovecot 2.3 instance for one protocol: its own config, base and state dirs and log in a directory of
# the work dir, a passwd-file, 127.0.0.1 on a picked port, no TLS, plaintext login allowed. Nothing of the
# system's Dovecot set-up (/etc/dovecot, its service) is used or changed. The caller makes the mail homes and
# the users file; mail files must belong to MAIL_UID/MAIL_GID.

# need_dovecot PROTOCOL: installs dovecot-core and dovecot-<PROTOCOL>d (pop3, imap) when missing
need_dovecot() {
    dpkg-query -W -f='${Status}' "dovecot-${1}d" 2>/dev/null | grep -q 'install ok installed' \
        && command -v dovecot >/dev/null || apt_install dovecot-core "dovecot-${1}d"
    command -v dovecot >/dev/null || die "dovecot not found"
}

# dovecot_user USER PASSWORD_FIELD HOME -> a passwd-file line (PASSWORD_FIELD e.g. {PLAIN}secret or
# {ARGON2ID}$argon2id$...); the mail user is MAIL_UID/MAIL_GID, the Maildir is HOME/Maildir
dovecot_user() {
    echo "$1:$2:$MAIL_UID:$MAIL_GID::$3::"
}

# write_dovecot_conf DIR PROTOCOL PORT [EXTRA_LINES]: DIR/dovecot.conf serving PROTOCOL on 127.0.0.1:PORT for the
# users in DIR/users; EXTRA_LINES (settings, sections) are appended as they are.
write_dovecot_conf() {
    local dir=$1 protocol=$2 port=$3 extra=${4:-}
    mkdir -p "$dir/run" "$dir/state"
    [ -f "$dir/users" ] || die "write_dovecot_conf: $dir/users is missing"
    # Readable by Dovecot's auth process (user dovecot) only, where that group exists.
    if chgrp dovecot "$dir/users" 2>/dev/null; then chmod 640 "$dir/users"; else chmod 644 "$dir/users"; fi
    cat > "$dir/dovecot.conf" <<CONF
# private instance of a Tern benchmark (benchmarks/bench-lib.sh)
base_dir = $dir/run
state_dir = $dir/state
instance_name = bench-$(basename "$(dirname "$dir")")-$protocol
log_path = $dir/dovecot.log
protocols = $protocol
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = $MAIL_UID
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
service $protocol-login {
  inet_listener $protocol {
    address = 127.0.0.1
    port = $port
  }
  inet_listener ${protocol}s {
    port = 0
  }
}
$extra
CONF
}

# run_dovecot DIR PORT: starts the instance of DIR/dovecot.conf, sets DOVECOT_PID (its master) and waits until
# it listens on PORT. Stop it with stop_pid "$DOVECOT_PID".
run_dovecot() {
    local dir=$1 port=$2 i
    rm -f "$dir/run/master.pid"
    dovecot -c "$dir/dovecot.conf" > "$dir/start.err" 2>&1 \
        || die "dovecot did not start: $(cat "$dir/start.err"; tail -n 5 "$dir/dovecot.log" 2>/dev/null)"
    for i in $(seq 1 100); do [ -s "$dir/run/master.pid" ] && break; sleep 0.1; done
    DOVECOT_PID=$(cat "$dir/run/master.pid" 2>/dev/null) || die "dovecot wrote no master.pid: $(tail -n 5 "$dir/dovecot.log")"
    wait_listening "$port" "$DOVECOT_PID" 20 \
        || die "dovecot is not listening on 127.0.0.1:$port: $(tail -n 5 "$dir/dovecot.log")"
}

# ---------------------------------------------------------------------------------------------- postfix
# A private Postfix instance relaying everything it accepts to 127.0.0.1:RELAY_PORT: its own config, queue and data
# directories under DIR, 127.0.0.1 on a picked port, trusted 127.0.0.0/8, no TLS, no DNS, no chroot. Nothing of
# /etc/postfix is changed. Its relay concurrency is 50 (the sessions Tern's relayhost pool may open, too).

POSTFIX_UP=""
# start_private_postfix DIR RELAY_PORT PROCESS_LIMIT WHO: sets PF_CONF, PF_QUEUE, PF_PORT; WHO names the caller in
# main.cf. Stop it with stop_private_postfix.
start_private_postfix() {
    local dir=$1 relay_port=$2 process_limit=$3 who=$4 concurrency=50
    PF_CONF=$dir/etc PF_QUEUE=$dir/queue
    local data=$dir/data
    mkdir -p "$PF_CONF" "$PF_QUEUE" "$data"
    chown postfix "$data"
    pick_port PF_PORT
    {
        echo "# private instance of benchmarks/$who: relays everything to 127.0.0.1:$relay_port"
        echo "compatibility_level = 3.6"
        echo "config_directory = $PF_CONF"
        echo "queue_directory = $PF_QUEUE"
        echo "data_directory = $data"
        echo "meta_directory = $(postconf -d -h meta_directory)"
        echo "mail_owner = postfix"
        echo "setgid_group = postdrop"
        echo "myhostname = postfix.bench.localhost"
        echo "mydestination ="
        echo "local_recipient_maps ="
        echo "local_transport = error:no local delivery in the benchmark"
        echo "alias_maps ="
        echo "alias_database ="
        echo "inet_interfaces = 127.0.0.1"
        echo "inet_protocols = ipv4"
        echo "mynetworks = 127.0.0.0/8"
        echo "smtpd_relay_restrictions = permit_mynetworks, reject"
        echo "relayhost = [127.0.0.1]:$relay_port"
        echo "smtp_dns_support_level = disabled"
        echo "smtp_host_lookup = native"
        echo "smtpd_peername_lookup = no"
        echo "smtpd_tls_security_level = none"
        echo "smtp_tls_security_level = none"
        echo "default_destination_concurrency_limit = $concurrency"
        echo "smtp_destination_concurrency_limit = $concurrency"
        echo "default_process_limit = $process_limit"
        echo "biff = no"
        echo "maillog_file = $dir/maillog"
        echo "maillog_file_prefixes = $dir"
    } > "$PF_CONF/main.cf"
    cp /usr/share/postfix/master.cf.dist "$PF_CONF/master.cf" 2>/dev/null \
        || cp /etc/postfix/master.cf "$PF_CONF/master.cf" \
        || die "no master.cf template found"
    # Our own loopback port instead of :25, and no chroot (the queue dir is no prepared jail).
    postconf -c "$PF_CONF" -M# 'smtp/inet'
    postconf -c "$PF_CONF" -M "127.0.0.1:$PF_PORT/inet = 127.0.0.1:$PF_PORT inet n - n - - smtpd"
    postconf -c "$PF_CONF" -F '*/*/chroot = n'
    postfix -c "$PF_CONF" check > "$dir/check.out" 2>&1 \
        || die "postfix check failed: $(cat "$dir/check.out")"
    postfix -c "$PF_CONF" start > "$dir/start.out" 2>&1 \
        || die "postfix start failed: $(cat "$dir/start.out"; tail -n 5 "$dir/maillog" 2>/dev/null)"
    POSTFIX_UP=1
    wait_listening "$PF_PORT" "" 20 || die "postfix is not listening on 127.0.0.1:$PF_PORT: $(tail -n 5 "$dir/maillog" 2>/dev/null)"
}

stop_private_postfix() {
    [ -n "$POSTFIX_UP" ] || return 0
    postfix -c "$PF_CONF" stop >/dev/null 2>&1
    local master
    master=$(tr -d ' ' < "$PF_QUEUE/pid/master.pid" 2>/dev/null)
    [ -n "$master" ] && stop_pid "$master" "postfix master"
    POSTFIX_UP=""
}
