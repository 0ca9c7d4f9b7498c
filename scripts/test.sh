#!/usr/bin/env bash
# The whole test suite: installs what the integration tests drive (real clients that nobody here wrote: smtplib,
# poplib/imaplib, swaks, curl, fetchmail, mbsync), then runs
# every unit test (Surefire) and integration test (Failsafe) of every module.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v swaks >/dev/null || need+=(swaks libio-socket-ssl-perl libauthen-sasl-perl)
command -v smtp-source >/dev/null || need+=(postfix)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
command -v fetchmail >/dev/null || need+=(fetchmail ca-certificates)
command -v mbsync >/dev/null || need+=(isync)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing test tools: ${need[*]} (run as root, or install them with apt-get)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Postfix is only wanted for smtp-source/smtp-sink: no system mailer configuration, no service start.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  added_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    added_policy=1
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  [ -n "$added_policy" ] && rm -f /usr/sbin/policy-rc.d
fi

exec mvn -B verify "$@"
