#!/usr/bin/env bash
# Installs what building, running and testing ejournal needs on Debian 12:
# apt packages that are missing, and the web front end's npm packages.
# Idempotent and quick when everything is there already.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  g++ cmake ninja-build pkg-config ccache clang-format
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-system1.81-dev
  libsqlite3-dev libpq-dev postgresql-15 libsodium-dev
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev libhowardhinnant-date-dev
  libicu-dev libzip-dev libpugixml-dev libcairo2-dev libpango1.0-dev libmagic-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium fonts-dejavu-core fonts-paratype poppler-utils curl wrk
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages of web/, reinstalled when package-lock.json changes.
stamp=web/node_modules/.ejournal-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
  echo "install-deps: npm ci in web/"
  (cd web && npm ci --no-audit --no-fund)
  cp web/package-lock.json "$stamp"
fi
