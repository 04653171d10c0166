#!/usr/bin/env bash
# 20 teachers saving marks at once for a minute (issue 5's figure): no error,
# no lost or doubled write, the history chain intact afterwards.
#   bench/load/marks.sh [BINARY] [TEACHERS] [SECONDS]
# Default: build/ejournal on a fresh SQLite demo database, 20 teachers, 60 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/ejournal}
teachers=${2:-20}
seconds=${3:-60}
tmp=$(mktemp -d /tmp/ejournal-marks.XXXXXX)
db=sqlite:$tmp/bench.db
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$bin" demo --database "$db" >/dev/null
"$bin" serve --database "$db" --listen 127.0.0.1:0 --no-access-log >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/server.log" && break; sleep 0.1; done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$tmp/server.log")
echo "server: $bin, database $db, $(nproc) cores"
status=0
node bench/load/marks.mjs "http://127.0.0.1:$port" "$teachers" "$seconds" || status=1
echo "--- ejournal verify"
"$bin" verify --database "$db" || status=1
exit $status
