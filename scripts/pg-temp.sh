#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests, in a temp dir, reachable
# only through a unix socket there.
#   scripts/pg-temp.sh start DIR   -> prints the libpq URI
#   scripts/pg-temp.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
bin=/usr/lib/postgresql/15/bin
port=5433
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir/data" "$dir/sock"
    [ "$(id -u)" != 0 ] || chown -R postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w \
      -o "-k $dir/sock -c listen_addresses='' -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/data/server.log" >&2; exit 1; }
    echo "postgresql://postgres@/postgres?host=$dir/sock&port=$port"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
