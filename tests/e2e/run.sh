#!/usr/bin/env bash
# Runs the browser test against a real server with the demo data.
# Usage: tests/e2e/run.sh [path/to/ejournal]   (default: build/ejournal in the repo root)
# Needs: the built front end (cd web && npm ci && npm run build), curl, node, /usr/bin/chromium.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${1:-$repo/build/ejournal}"
case "$bin" in
  /*) ;;
  *) bin="$(pwd)/$bin" ;;
esac

if [[ ! -x "$bin" ]]; then
  echo "FAIL: server binary not found or not executable: $bin" >&2
  exit 1
fi
if [[ ! -f "$repo/web/dist/index.html" ]]; then
  echo "FAIL: $repo/web/dist is missing: run 'cd web && npm ci && npm run build' first" >&2
  exit 1
fi
if [[ ! -d "$repo/web/node_modules/playwright-core" ]]; then
  echo "FAIL: playwright-core is missing: run 'cd web && npm ci' first" >&2
  exit 1
fi

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -s "$tmp/server.log" ]]; then
    echo "--- last lines of the server log ---" >&2
    tail -n 40 "$tmp/server.log" >&2 || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT

# A port nobody listens on: start from a random base, skip ports that accept a connection.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
base=$((20000 + RANDOM % 20000))
for offset in $(seq 0 99); do
  candidate=$((base + offset))
  if ! port_in_use "$candidate"; then
    port="$candidate"
    break
  fi
done
if [[ -z "$port" ]]; then
  echo "FAIL: no free port found near $base" >&2
  exit 1
fi

db="sqlite:$tmp/e2e.db"
"$bin" demo --database "$db" >"$tmp/demo.log" 2>&1 || {
  echo "FAIL: '$bin demo' failed:" >&2
  cat "$tmp/demo.log" >&2
  exit 1
}

"$bin" serve --database "$db" --listen "127.0.0.1:$port" --web-root "$repo/web/dist" >"$tmp/server.log" 2>&1 &
server_pid=$!

url="http://127.0.0.1:$port"
ready=""
for _ in $(seq 1 100); do # 100 x 0.2 s = 20 s
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "FAIL: the server exited before answering /healthz" >&2
    exit 1
  fi
  if curl -fsS --max-time 1 "$url/healthz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.2
done
if [[ -z "$ready" ]]; then
  echo "FAIL: $url/healthz did not answer within 20 s" >&2
  exit 1
fi

cd "$repo"
status=0
for test in tests/e2e/*.test.mjs; do
  echo "--- $test"
  EJOURNAL_URL="$url" node "$test" || status=1
done
exit "$status"
