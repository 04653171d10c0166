#!/usr/bin/env bash
# Fails, naming the files, when a C++ file of src/, tests/ or bench/ is not as
# clang-format (.clang-format) writes it. `scripts/check-format.sh --fix`
# rewrites them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -co --exclude-standard 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' \
                     'bench/*.cpp' 'bench/*.h' | while read -r f; do [[ -f "$f" ]] && echo "$f"; done)
if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i "${files[@]}"
  exit 0
fi
# One run for all (quick); the files are named one by one only when it fails.
if clang-format --dry-run --Werror "${files[@]}" >/dev/null 2>&1; then
  echo "clang-format: ${#files[@]} files formatted"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
echo "not formatted by clang-format (run scripts/check-format.sh --fix):" >&2
printf '  %s\n' "${bad[@]}" >&2
exit 1
