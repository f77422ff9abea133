#!/usr/bin/env bash
# Tracking overhead: the same trivial tracked endpoint (GET /api/me, JSON answer) served by the app
# with request tracking on, then off, one instance at a time (so one run's background writes never
# land in the other's round), alternating for two rounds, loaded by wrk on loopback. The per-key
# rate limit is switched off, since wrk sends every request with one key.
# Usage: benchmarks/scripts/tracking-overhead.sh [seconds-per-round] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
connections=${2:-32}
key="bench-admin-key-0123456789abcdefghij"
port=5311
work=$(mktemp -d)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build src/WebApi -c Release -nologo -v quiet -p:SkipWebUI=true >/dev/null
bin="$(pwd)/src/WebApi/bin/Release/net10.0"
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT

round() { # label tracking-enabled -> prints "label requests/s p50_ms p99_ms"
  rm -f "$work"/bench.db*
  (cd "$bin" && Logging__LogLevel__Default=Warning Auth__BootstrapAdminKey=$key \
    ConnectionStrings__Dashboard="Data Source=$work/bench.db" RequestTracking__Enabled=$2 ThreatDetection__RateLimit__Enabled=false \
    exec dotnet CleanDashboard.WebApi.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/dashboard/health" >/dev/null && break; sleep 1; done
  wrk -t1 -c"$connections" -d5s -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/me" >/dev/null
  local result
  result=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/me" |
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' |
    awk 'function ms(v) { if (v ~ /us$/) return substr(v,1,length(v)-2)/1000; if (v ~ /ms$/) return substr(v,1,length(v)-2)+0; if (v ~ /s$/) return substr(v,1,length(v)-1)*1000; return v }
         {printf "%s %.3f %.3f", $1, ms($2), ms($3)}')
  sleep 1
  local writer
  writer=$(curl -s "http://127.0.0.1:$port/api/dashboard/health" | grep -o '"requestLogWriter":{[^}]*}' || true)
  kill $pid; wait $pid 2>/dev/null || true; pid=""
  echo "$1 $result ${writer:+# $writer}"
}

echo "label requests/s p50_ms p99_ms"
for r in 1 2; do
  round on true
  round off false
done | tee "$work/rounds.txt"

awk '$1=="on" {ron+=$2; p50on+=$3; p99on+=$4; n++} $1=="off" {roff+=$2; p50off+=$3; p99off+=$4}
     END {printf "\nmean requests/s: on %.0f, off %.0f -> tracking keeps %.1f%% of throughput\n", ron/n, roff/n, 100*ron/roff;
          printf "mean p50: on %.3f ms, off %.3f ms; mean p99: on %.3f ms, off %.3f ms -> p99 increase %.3f ms\n", p50on/n, p50off/n, p99on/n, p99off/n, (p99on-p99off)/n}' "$work/rounds.txt"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
