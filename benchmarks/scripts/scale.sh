#!/usr/bin/env bash
# Issue 7's scale figures, for one provider at a time:
#  1. fill the database with ~10 million request logs over 90 days (timed: populate's rate, rollups included),
#  2. time the dashboard (cache off) for 24h, 7d, 3m and a custom 45-day range from mid-hour, from the rollups
#     and, for the ratio, from the raw rows; each pair of answers is compared,
#  3. start the app on that database and send it 2,000 tracked gateway requests/s for 60 s at a constant rate,
#     sampling its resident memory (working set) every second; then read the writer's dropped count from health.
# Usage: benchmarks/scripts/scale.sh sqlite [rows] [data-dir]
#        benchmarks/scripts/scale.sh postgres [rows]     (CD_BENCH_POSTGRES: an Npgsql connection string to a database it may fill)
# A database already holding ~rows request logs is reused.
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=${1:-sqlite}
rows=${2:-10000000}
data=${3:-/tmp/cleandashboard-scale}
key="bench-admin-key-0123456789abcdefghij"
port=5312
mkdir -p "$data"

case "$provider" in
  sqlite) connection="Data Source=$data/scale.db"; provider_name=Sqlite ;;
  postgres) connection=${CD_BENCH_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cleandashboard_scale"}; provider_name=Postgres ;;
  *) echo "usage: $0 sqlite|postgres [rows] [data-dir]" >&2; exit 2 ;;
esac

# shellcheck source=build-for-benchmarks.sh
source benchmarks/scripts/build-for-benchmarks.sh

echo "== $provider_name: populate and dashboard timings"
$bench dashboard --provider "$provider_name" --connection "$connection" --rows "$rows" 2>&1 | grep -v '^\(info\|warn\|      \)'

echo "== $provider_name: 2,000 tracked requests/s for 60 s"
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT
(cd "$bin" && Logging__LogLevel__Default=Warning Auth__BootstrapAdminKey=$key Database__Provider=$provider_name \
  ConnectionStrings__Dashboard="$connection" ThreatDetection__RateLimit__Enabled=false \
  exec dotnet CleanDashboard.WebApi.dll --urls "http://127.0.0.1:$port" >"$data/app.log" 2>&1) &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/dashboard/health" >/dev/null && break; sleep 1; done
echo "resident memory after start: $(( $(ps -o rss= -p $pid) / 1024 )) MiB"
(while kill -0 $pid 2>/dev/null; do ps -o rss= -p $pid; sleep 1; done) > "$data/rss.txt" &
sampler=$!
$bench load --url "http://127.0.0.1:$port" --key "$key" --rate 2000 --seconds 60
sleep 2
kill $sampler 2>/dev/null || true
echo "resident memory during the run: max $(( $(sort -n "$data/rss.txt" | tail -1) / 1024 )) MiB over $(wc -l < "$data/rss.txt") samples"
curl -s -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/dashboard/health" | grep -o '"requestLogWriter":{[^}]*}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
