#!/usr/bin/env bash
# SIGKILL loss: the built app on loopback under wrk load (demo-echo chat completions through the gateway, each one a
# tracked request), killed with -9 mid-load, restarted on the same SQLite file; counts the rows against the 2xx
# answers wrk received. Entries still in the in-memory queue or in the batch being written die with the process:
# the bound is what arrived in about one batch delay plus one batch write (decision 051).
# With TERM as the fourth argument the same run checks the graceful path instead (expected loss: 0).
# Usage: benchmarks/scripts/sigkill-loss.sh [seconds-before-kill] [connections] [trials] [KILL|TERM]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-16}
trials=${3:-3}
signal=${4:-KILL}
key="bench-admin-key-0123456789abcdefghij"
port=5221
work=$(mktemp -d)
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (apt-get install sqlite3)"; exit 1; }

dotnet build src/WebApi -c Release -nologo -v quiet -p:SkipWebUI=true >/dev/null
bin="$(pwd)/src/WebApi/bin/Release/net10.0"
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

cat >"$work/chat.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"demo-echo","messages":[{"role":"user","content":"count me"}]}'
LUA

start_app() {
  (cd "$bin" && Logging__LogLevel__Default=Warning Auth__BootstrapAdminKey=$key Gateway__DemoModel__Enabled=true \
    ConnectionStrings__Dashboard="Data Source=$work/loss.db" ThreatDetection__RateLimit__Enabled=false \
    exec dotnet CleanDashboard.WebApi.dll --urls "http://127.0.0.1:$port" >>"$work/app.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/dashboard/health" >/dev/null && return; sleep 1; done
  echo "the app did not start; see its log:"; tail -20 "$work/app.log"; exit 1
}

echo "signal $signal after ${seconds} s of load, $connections connections"
echo "trial  ok_2xx  rows  lost  requests/s  lost_ms_of_traffic"
for trial in $(seq 1 "$trials"); do
  rm -f "$work"/loss.db* "$work/wrk.txt"
  start_app
  # wrk runs past the kill; the answers it counts are the ones that arrived before the process died.
  wrk -t2 -c"$connections" -d"$((seconds + 3))s" -s "$work/chat.lua" -H "Authorization: Bearer $key" \
    "http://127.0.0.1:$port/v1/chat/completions" >"$work/wrk.txt" 2>&1 &
  wrk_pid=$!
  sleep "$seconds"
  kill -s "$signal" $pid; wait $pid 2>/dev/null || true; pid=""
  wait $wrk_pid || true
  total=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$work/wrk.txt"); non2xx=${non2xx:-0}
  ok=$((total - non2xx))
  start_app # the restart: migrations and the journal replay run, as after a real crash
  rows=$(sqlite3 "$work/loss.db" "SELECT COUNT(*) FROM request_logs WHERE Endpoint = '/v1/chat/completions' AND StatusCode = 200;")
  kill $pid; wait $pid 2>/dev/null || true; pid=""
  rate=$(awk -v ok="$ok" -v s="$seconds" 'BEGIN {printf "%.0f", ok / s}')
  lost=$((ok - rows))
  echo "$trial  $ok  $rows  $lost  $rate  $(awk -v l="$lost" -v r="$rate" 'BEGIN {printf "%.0f", 1000 * l / r}')"
done
echo "batch: RequestLogWriter:BatchDelayMs $(grep -o '"BatchDelayMs": *[0-9]*' src/WebApi/appsettings.json | grep -o '[0-9]*$' || echo 200) (default 200), BatchSize 1000"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
