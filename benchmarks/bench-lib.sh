# bench-lib.sh: shell helpers shared by accept-bench.sh, mailbox-bench.sh and imap-bench.sh (sourced, not run).
# The caller defines log, die, ROOT (the repository), SETTLE_BUSY_PCT, SETTLE_MAX_S, TERN_JAR and TERN_JAVA_OPTS,
# and for the Dovecot set-up MAIL_UID and MAIL_GID, before calling them.

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

