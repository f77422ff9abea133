#!/usr/bin/env bash
# Tracking overhead: the same trivial tracked endpoint (GET /api/me) on two instances of the app, one
# with request tracking on and one with it off, loaded by wrk on loopback in alternating rounds.
# Usage: benchmarks/scripts/tracking-overhead.sh [seconds-per-round] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
connections=${2:-32}
key="bench-admin-key-0123456789abcdefghij"
work=$(mktemp -d)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build src/WebApi -c Release -nologo -v quiet -p:SkipWebUI=true >/dev/null
app="src/WebApi/bin/Release/net10.0/CleanDashboard.WebApi.dll"

start() { # name port tracking
  (cd "$(dirname "$app")" && Logging__LogLevel__Default=Warning Auth__BootstrapAdminKey=$key \
    ConnectionStrings__Dashboard="Data Source=$work/$1.db" RequestTracking__Enabled=$3 \
    exec dotnet "$(basename "$app")" --urls "http://127.0.0.1:$2" >"$work/$1.log" 2>&1) &
  echo $! >"$work/$1.pid"
}
stop() { kill "$(cat "$work/on.pid")" "$(cat "$work/off.pid")" 2>/dev/null || true; }
trap 'stop; rm -rf "$work"' EXIT

start on 5311 true
start off 5312 false
for port in 5311 5312; do
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/dashboard/health" >/dev/null && break; sleep 1; done
done

run() { # port -> "requests/s p50_ms p99_ms"
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $key" "http://127.0.0.1:$1/api/me" |
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' |
    awk 'function ms(v) { if (v ~ /us$/) return substr(v,1,length(v)-2)/1000; if (v ~ /ms$/) return substr(v,1,length(v)-2)+0; if (v ~ /s$/) return substr(v,1,length(v)-1)*1000; return v }
         {printf "%s %.3f %.3f\n", $1, ms($2), ms($3)}'
}

wrk -t1 -c"$connections" -d5s -H "Authorization: Bearer $key" http://127.0.0.1:5311/api/me >/dev/null
wrk -t1 -c"$connections" -d5s -H "Authorization: Bearer $key" http://127.0.0.1:5312/api/me >/dev/null

echo "round tracking requests/s p50_ms p99_ms"
for round in 1 2; do
  echo "$round on $(run 5311)"
  echo "$round off $(run 5312)"
done | tee "$work/rounds.txt"

sleep 1
echo
echo "writer health (tracking on): $(curl -s http://127.0.0.1:5311/api/dashboard/health | grep -o '"requestLogWriter":{[^}]*}')"
awk '$2=="on" {ron+=$3; p99on+=$5; p50on+=$4; n++} $2=="off" {roff+=$3; p99off+=$5; p50off+=$4}
     END {printf "\nmean requests/s: on %.0f, off %.0f -> tracking keeps %.1f%% of throughput\n", ron/n, roff/n, 100*ron/roff;
          printf "mean p50: on %.3f ms, off %.3f ms; mean p99: on %.3f ms, off %.3f ms -> p99 increase %.3f ms\n", p50on/n, p50off/n, p99on/n, p99off/n, (p99on-p99off)/n}' "$work/rounds.txt"
