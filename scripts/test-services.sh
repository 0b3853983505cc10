#!/usr/bin/env bash
# Makes sure the services the test suites need are here and running, installing
# them from Debian's packages when missing (CI, or a developer machine):
#   - PostgreSQL server on 127.0.0.1:5432 (user postgres, trust auth on this machine kind)
#   - Chromium for the browser tests (Debian's package; never a browser download)
#   - poppler-utils (pdftotext) for the report PDF tests, which read the text back
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
