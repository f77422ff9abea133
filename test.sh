#!/usr/bin/env bash
# Runs every test of CleanDashboard: the .NET test projects (unit, integration over real SQLite and
# real HTTP), the four integration projects again on PostgreSQL (CD_TEST_POSTGRES, an admin connection
# string; skipped with the reason when no server answers; the two-instance tests use it and the Redis of
# CD_TEST_REDIS in both runs), the web UI's component tests (vitest) and
# its end-to-end tests (Playwright in Debian's Chromium against the real app).
# Ends with the skipped tests and their reasons, then one line: "tests: N passed, N failed, N skipped".
#
#   ./test.sh          every test
#   ./test.sh --fast   unit tests (Domain, Application) and the web UI's component tests only: no web UI build,
#                      no database server, no browser
set -uo pipefail
fast=false
case "${1:-}" in
  --fast) fast=true ;;
  "") ;;
  *) echo "usage: ./test.sh [--fast]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
status=0
# The solution run is the SQLite run; the PostgreSQL run below sets CD_TEST_DATABASE itself.
unset CD_TEST_DATABASE

if $fast; then
  echo "== .NET unit tests"
  for project in Domain Application; do
    dotnet test "tests/$project.UnitTests/CleanDashboard.$project.UnitTests.csproj" -c Release -nologo -p:SkipWebUI=true \
      --results-directory "$results/dotnet" --logger "trx;LogFileName=$project.UnitTests.trx" --logger "console;verbosity=minimal" || status=1
  done
  echo "== Web UI component tests"
  [ -d src/WebUI/node_modules ] || (cd src/WebUI && npm ci --no-audit --no-fund)
  (cd src/WebUI && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json") || status=1
  node scripts/count-tests.mjs "$results" --only dotnet,vitest
  count_status=$?
  [ $status -eq 0 ] && [ $count_status -eq 0 ]
  exit
fi

echo "== .NET tests"
dotnet build CleanDashboard.sln -c Release -nologo -v minimal || exit 1
dotnet test CleanDashboard.sln -c Release --no-build -nologo \
  --results-directory "$results/dotnet" --logger "trx" --logger "console;verbosity=minimal" || status=1

echo "== .NET integration tests on PostgreSQL"
# Only the tests whose outcome depends on the database: a class marked [Trait("Database", "Independent")]
# (bad input refused before any query, routing tables, the two-instance tests that always use PostgreSQL) ran above.
for project in Infrastructure WebApi Admin Gateway; do
  CD_TEST_DATABASE=Postgres dotnet test "tests/$project.IntegrationTests/CleanDashboard.$project.IntegrationTests.csproj" \
    -c Release --no-build -nologo --results-directory "$results/dotnet/postgres" --filter "Database!=Independent" \
    --logger "trx;LogFileName=$project.IntegrationTests.postgres.trx" --logger "console;verbosity=minimal" || status=1
done

echo "== Web UI component tests"
(cd src/WebUI && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json") || status=1

echo "== Web UI end-to-end tests"
export CD_E2E_SERVER_COMMAND="dotnet $root/src/WebApi/bin/Release/net10.0/CleanDashboard.WebApi.dll --contentRoot $root/src/WebApi --demo --urls http://127.0.0.1:5187"
(cd src/WebUI && PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json) || status=1

node scripts/count-tests.mjs "$results"
count_status=$?
[ $status -eq 0 ] && [ $count_status -eq 0 ]
