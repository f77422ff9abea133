#!/usr/bin/env bash
# Runs every test of CleanDashboard: the .NET test projects (unit, integration over real SQLite and
# real HTTP), the four integration projects again on PostgreSQL (CD_TEST_POSTGRES, an admin connection
# string; skipped with the reason when no server answers; the two-instance tests use it and the Redis of
# CD_TEST_REDIS in both runs), the web UI's component tests (vitest) and
# its end-to-end tests (Playwright in Debian's Chromium against the real app).
# Ends with one line: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
status=0
# The solution run is the SQLite run; the PostgreSQL run below sets CD_TEST_DATABASE itself.
unset CD_TEST_DATABASE

echo "== .NET tests"
dotnet build CleanDashboard.sln -c Release -nologo -v minimal || exit 1
dotnet test CleanDashboard.sln -c Release --no-build -nologo \
  --results-directory "$results/dotnet" --logger "trx" --logger "console;verbosity=minimal" || status=1

echo "== .NET integration tests on PostgreSQL"
for project in Infrastructure WebApi Admin Gateway; do
  CD_TEST_DATABASE=Postgres dotnet test "tests/$project.IntegrationTests/CleanDashboard.$project.IntegrationTests.csproj" \
    -c Release --no-build -nologo --results-directory "$results/dotnet/postgres" \
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
