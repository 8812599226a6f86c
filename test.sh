#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test against a throwaway PostgreSQL
# cluster, a real Hangfire and Debian's Chromium. Ends with one line: N passed, N failed, N skipped.
set -uo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh --tests || exit 1
dotnet tool restore >/dev/null || exit 1

results=.artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

dotnet build DigitalBrain.sln -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

dotnet test DigitalBrain.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  # xunit's skipped tests are NotExecuted results that no counter holds: total − executed.
  skipped=$((skipped + $(value total) - $(value executed)))
done
scripts/lib/failed-tests.sh "$results"/*.trx
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
