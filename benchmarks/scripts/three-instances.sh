#!/usr/bin/env bash
# Issue 15's scale-out check: three instances of the built app behind one PostgreSQL and one Redis (all on loopback),
# each sent RATE tracked demo-echo chat completions a second for SECONDS at a constant rate by its own load generator
# (CleanDashboard.Benchmarks load), all at once. Prints what was sent and answered, what the three writers wrote and
# dropped, the request logs in the database, and the CPU each instance and PostgreSQL spent per tracked request —
# the per-instance figures docs/capacity.md builds on.
# Needs PostgreSQL (CD_BENCH_POSTGRES: an Npgsql connection string of a server where it may create a database), Redis
# (CD_BENCH_REDIS, default 127.0.0.1:6379) and psql.
# Usage: benchmarks/scripts/three-instances.sh [rate-per-instance] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-700}
seconds=${2:-30}
server=${CD_BENCH_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"}
redis=${CD_BENCH_REDIS:-127.0.0.1:6379}
key="bench-admin-key-0123456789abcdefghij"
database="cd_three_$(date +%s)"
work=$(mktemp -d /tmp/cleandashboard-three.XXXXXX)
pids=()
field() { sed -E "s/.*(^|;)$1=([^;]*).*/\2/" <<<"$server"; }
export PGPASSWORD="$(field Password)"
psql_admin() { psql -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d postgres -qtAc "$1"; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || true; done
  psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=build-for-benchmarks.sh
source benchmarks/scripts/build-for-benchmarks.sh
psql_admin "CREATE DATABASE $database" >/dev/null
connection="$server;Database=$database"

for i in 1 2 3; do
  (cd "$bin" && exec env Logging__LogLevel__Default=Warning Auth__BootstrapAdminKey=$key Demo__Enabled=false \
    Database__Provider=Postgres ConnectionStrings__Dashboard="$connection" Cache__Redis="$redis" \
    RequestLogWriter__JournalPath="$work/instance-$i.request-journal" ThreatDetection__RateLimit__Enabled=false \
    dotnet CleanDashboard.WebApi.dll --urls "http://127.0.0.1:$((5340 + i))" >"$work/instance-$i.log" 2>&1) &
  pids+=($!)
  # One at a time: the first migrates the database, the others wait on its startup lock anyway.
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$((5340 + i))/api/dashboard/health" >/dev/null && break; sleep 1; done
done

cpu_of() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }                  # clock ticks, user + system
postgres_cpu() { cat /proc/[0-9]*/stat 2>/dev/null | awk '$2 == "(postgres)" { t += $14 + $15 } END { print t + 0 }'; }
ticks=$(getconf CLK_TCK)
declare -A before
for i in 1 2 3; do before[$i]=$(cpu_of "${pids[$((i - 1))]}"); done
pg_before=$(postgres_cpu)

echo "== 3 instances × $rate tracked requests/s for $seconds s"
loads=()
for i in 1 2 3; do
  $bench load --url "http://127.0.0.1:$((5340 + i))" --key "$key" --rate "$rate" --seconds "$seconds" >"$work/load-$i.txt" 2>&1 &
  loads+=($!)
done
wait "${loads[@]}" || true
for i in 1 2 3; do echo "instance $i: $(cat "$work/load-$i.txt")"; done

# Every instance's writer drains within a few batch delays; then count what the database holds.
sleep 3
total=0
for i in 1 2 3; do
  health=$(curl -s "http://127.0.0.1:$((5340 + i))/api/dashboard/health" | grep -o 'written [0-9]*, dropped [0-9]*' || echo "unknown")
  spent=$(( $(cpu_of "${pids[$((i - 1))]}") - before[$i] ))
  sent=$(grep -o 'sent [0-9,]*' "$work/load-$i.txt" | tr -dc 0-9)
  total=$((total + sent))
  echo "instance $i: $health; CPU $(awk -v t="$spent" -v hz="$ticks" -v n="$sent" 'BEGIN { printf "%.1f s = %.0f µs per tracked request", t / hz, 1e6 * t / hz / n }')"
done
pg_spent=$(( $(postgres_cpu) - pg_before ))
rows=$(PGPASSWORD="$PGPASSWORD" psql -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d "$database" -qtAc 'SELECT count(*) FROM request_logs')
sessions=$(PGPASSWORD="$PGPASSWORD" psql -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d "$database" -qtAc 'SELECT count(*), count(*) FILTER (WHERE "SessionEnd" IS NULL) FROM user_sessions')
echo "sent $total; request logs in the database: $rows; sessions (all, open): $sessions"
echo "PostgreSQL's processes: $(awk -v t="$pg_spent" -v hz="$ticks" -v n="$total" 'BEGIN { printf "%.1f s CPU = %.0f µs per tracked request", t / hz, 1e6 * t / hz / n }')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
