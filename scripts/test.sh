#!/usr/bin/env bash
# The whole test suite: release and sanitizer builds, unit, storage and API
# tests on SQLite and on a throwaway PostgreSQL 15, then the browser test.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc)
t0=$SECONDS

step() { echo; echo "=== $* ($((SECONDS - t0)) s)"; }

step "format (clang-format, .clang-format)"
scripts/check-format.sh

step "release build"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEJ_TESTS=ON >/dev/null
cmake --build build -j "$jobs"

step "sanitizer build (ASan + UBSan)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DEJ_SANITIZE=ON -DEJ_TESTS=ON >/dev/null
cmake --build build-asan -j "$jobs"

step "web front end"
# Types and build; then the unit tests, with the check that src/api/schema.d.ts is generated
# from docs/api/openapi.yaml and that the spec and the route table name the same endpoints.
(cd web && npm run build --silent && npm test --silent)

pgdir=$(mktemp -d /tmp/ejournal-pg.XXXXXX)
trap 'scripts/pg-temp.sh stop "$pgdir"' EXIT
step "throwaway PostgreSQL"
export EJOURNAL_TEST_POSTGRES=$(scripts/pg-temp.sh start "$pgdir")
export EJOURNAL_TEST_REQUIRE_POSTGRES=1
echo "$EJOURNAL_TEST_POSTGRES"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The suites, the long ones in shards (tests/CMakeLists.txt), run side by
# side, two per core: they mostly wait on their servers and databases.
step "tests, release build"
ctest --test-dir build --output-on-failure --timeout 600 -j "$((jobs * 2))"
step "tests, sanitizer build"
ctest --test-dir build-asan --output-on-failure --timeout 900 -j "$((jobs * 2))"

step "end-to-end browser test"
tests/e2e/run.sh "$root/build/ejournal"

step "all tests passed"
