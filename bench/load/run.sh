#!/usr/bin/env bash
# Load benchmark of the HTTP server (issue 3's figures): requests/s of
# GET /healthz and of an authenticated GET /api/v1/me with
# `wrk -t2 -c64 -d5s`, and the latency of POST /api/v1/auth/login.
#   bench/load/run.sh [BINARY] [DATABASE_URL]
# Default: build/ejournal on a fresh SQLite demo database. Set
# ACCESS_LOG=0 to run without the access log (it is on by default, as in production).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/ejournal}
tmp=$(mktemp -d /tmp/ejournal-bench.XXXXXX)
db=${2:-sqlite:$tmp/bench.db}
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -n "${2:-}" ] || "$bin" demo --database "$db" >/dev/null
args=(serve --database "$db" --listen 127.0.0.1:0)
[ "${ACCESS_LOG:-1}" = 1 ] || args+=(--no-access-log)
"$bin" "${args[@]}" >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/server.log" && break; sleep 0.1; done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$tmp/server.log")
url=http://127.0.0.1:$port
echo "server: $bin, database $db, access log ${ACCESS_LOG:-1}, $(nproc) cores"

cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"teacher","password":"demo"}' "$url/api/v1/auth/login" | sed -n 's/^Set-Cookie: \(ej_session=[^;]*\).*/\1/Ip')
[ -n "$cookie" ] || { echo "login failed" >&2; exit 1; }

rps() { awk '/Requests\/sec/ {print $2}'; }
echo "--- wrk -t2 -c64 -d5s $url/healthz"
healthz=$(wrk -t2 -c64 -d5s "$url/healthz" | tee /dev/stderr | rps)
echo "--- wrk -t2 -c64 -d5s $url/api/v1/me (authenticated)"
me=$(wrk -t2 -c64 -d5s -H "Cookie: $cookie" "$url/api/v1/me" | tee /dev/stderr | rps)

echo "--- login latency (20 sequential logins)"
for _ in $(seq 20); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
    -d '{"login":"student","password":"demo"}' "$url/api/v1/auth/login"
done | sort -n > "$tmp/login.txt"
login_median=$(sed -n '10p' "$tmp/login.txt")
login_max=$(tail -n 1 "$tmp/login.txt")

echo
echo "RESULT healthz_rps=$healthz me_rps=$me me_to_healthz=$(awk -v a="$me" -v b="$healthz" 'BEGIN{printf "%.2f", a/b}')" \
     "login_median_s=$login_median login_max_s=$login_max"
