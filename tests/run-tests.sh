#!/usr/bin/env bash
# README's test command: every test project against a real PostgreSQL, browser tests in Debian's Chromium, the
# crisis net's words checked against Debian's word lists.
# Screenshots land in TestResults/screenshots. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash tests/ensure-postgres.sh || { echo "0 passed, 1 failed"; exit 1; }
bash tests/ensure-chromium.sh || { echo "0 passed, 1 failed"; exit 1; }
bash tests/ensure-wordlists.sh || { echo "0 passed, 1 failed"; exit 1; }

results=TestResults
rm -rf "$results"
dotnet test MobilityMentoring.Bot.sln --logger trx --results-directory "$results" "$@"
status=$?

# Count from the TRX files the runs wrote, not from console text.
counter() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
passed=$(counter passed)
failed=$(counter failed)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # the build or a test host broke before counting
echo "$passed passed, $failed failed"
exit "$status"
