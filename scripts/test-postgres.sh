#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL cluster for the test suite and print its URL.
# Only the URL goes to stdout (the Makefile captures it); everything else to stderr.
# Debian's postgresql package; as root, pg_createcluster runs initdb as the postgres user.
set -euo pipefail
PORT="${CHIBO_TEST_PG_PORT:-55432}"
NAME=chibotest
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is not installed: apt-get install postgresql (or set CHIBO_TEST_POSTGRES_URL)" >&2
  exit 1
fi
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $NAME"; then
  pg_createcluster "$VERSION" "$NAME" -p "$PORT" -- -A trust -E UTF8 --locale=C.UTF-8 >&2
  # Tests only: durability off for speed, enough connections for parallel workers.
  conf="/etc/postgresql/$VERSION/$NAME/conf.d/chibo-test.conf"
  printf "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\nlisten_addresses = '127.0.0.1'\n" > "$conf"
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" -v n="$NAME" '$1==v && $2==n {print $4}' | grep -qx online; then
  pg_ctlcluster "$VERSION" "$NAME" start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
psql -q -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='chibo_test'" | grep -q 1 \
  || psql -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE chibo_test" >/dev/null
echo "postgresql+asyncpg://postgres@127.0.0.1:$PORT/chibo_test"
