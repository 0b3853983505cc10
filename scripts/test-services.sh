#!/usr/bin/env bash
# Makes sure the services the test suites need are here and running, installing
# them from Debian's packages when missing (CI, or a developer machine):
#   - PostgreSQL server on 127.0.0.1:5432 (user postgres, trust auth on this machine kind)
#   - Chromium for the browser tests (Debian's package; never a browser download)
#   - poppler-utils (pdftotext) for the report PDF tests, which read the text back
#   - nginx (Debian's) for the reverse-proxy test, which starts its own instance
# Idempotent: does nothing when everything is already up.
set -euo pipefail

log() { printf '[test-services] %s\n' "$*"; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- PostgreSQL -------------------------------------------------------------
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt_install postgresql
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  version="$(ls /etc/postgresql | sort -V | tail -n1)"
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  log "PostgreSQL is not reachable on 127.0.0.1:5432" >&2
  exit 1
fi
log "PostgreSQL ready on 127.0.0.1:5432"

# --- Chromium for the browser tests -----------------------------------------
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  apt_install chromium
fi
log "Chromium: $("${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null || echo missing)"

# --- poppler-utils for the report PDF tests -----------------------------------
if ! command -v pdftotext >/dev/null 2>&1; then
  apt_install poppler-utils
fi
log "pdftotext: $(pdftotext -v 2>&1 | head -n1 || echo missing)"

# --- nginx for the reverse-proxy test (src/http/behind-nginx.test.ts) ---------
# Only the binary: the test starts its own nginx (own config, ports, pid and logs
# in a temporary folder); the package's own service is never started here.
if [ ! -x "${NGINX_PATH:-/usr/sbin/nginx}" ]; then
  apt_install nginx
fi
if [ ! -x "${NGINX_PATH:-/usr/sbin/nginx}" ]; then
  log "nginx is missing at ${NGINX_PATH:-/usr/sbin/nginx}" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
else
  log "nginx: $("${NGINX_PATH:-/usr/sbin/nginx}" -v 2>&1)"
fi
# --- Dovecot IMAP server for the mail tests ---------------------------------
# A private instance (own config, run and state folders) on 127.0.0.1:1143,
# plain-text login allowed on loopback only, one test user whose Maildir the
# tests fill over IMAP. Never touches a system Dovecot on port 143.
#   user: guichet-test@example.org   password: guichet-test-password
imap_port="${GUICHET_TEST_IMAP_PORT:-1143}"
dovecot_dir=/etc/dovecot-guichet
dovecot_var=/var/lib/dovecot-guichet
if ! command -v dovecot >/dev/null 2>&1 || [ ! -e /usr/lib/dovecot/imap ]; then
  apt_install dovecot-imapd
fi
mkdir -p "$dovecot_dir" "$dovecot_var/mail" /run/dovecot-guichet
chown mail:mail "$dovecot_var/mail"
cat > "$dovecot_dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = /run/dovecot-guichet
state_dir = $dovecot_var/state
log_path = /var/log/dovecot-guichet.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dovecot_var/mail/%u
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dovecot_dir/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$dovecot_var/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
echo 'guichet-test@example.org:{PLAIN}guichet-test-password' > "$dovecot_dir/users"
chmod 640 "$dovecot_dir/users"
chgrp dovecot "$dovecot_dir/users" 2>/dev/null || true
imap_up() { (exec 3<>"/dev/tcp/127.0.0.1/$imap_port") 2>/dev/null; }
if ! imap_up; then
  log "starting Dovecot on 127.0.0.1:$imap_port"
  mkdir -p "$dovecot_var/state"
  dovecot -c "$dovecot_dir/dovecot.conf"
  for _ in $(seq 1 20); do
    imap_up && break
    sleep 0.5
  done
fi
if ! imap_up; then
  log "Dovecot is not reachable on 127.0.0.1:$imap_port (see /var/log/dovecot-guichet.log)" >&2
  exit 1
fi
log "Dovecot IMAP ready on 127.0.0.1:$imap_port"
