#!/usr/bin/env bash
# Makes sure a PostgreSQL server runs on localhost with the test role (mmb/mmb), installing Debian's package if missing.
# Skipped when MMB_TEST_POSTGRES points at a server of your own.
set -euo pipefail

if [ -n "${MMB_TEST_POSTGRES:-}" ]; then
  echo "Using PostgreSQL from MMB_TEST_POSTGRES"
  exit 0
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing PostgreSQL (Debian package)…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

if ! pg_isready -q -h localhost; then
  as_root service postgresql start >/dev/null
  for _ in $(seq 1 30); do pg_isready -q -h localhost && break; sleep 1; done
fi
pg_isready -h localhost

if ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'mmb'" | grep -q 1; then
  as_postgres psql -q -c "CREATE ROLE mmb LOGIN CREATEDB PASSWORD 'mmb'"
fi
