#!/usr/bin/env bash
# Issue 15's memory figures: the built app on loopback (SQLite in a temporary directory, request tracking on, demo data
# off), its resident memory (RSS) sampled every 0.5 s through
#  1. 2,000 tracked demo-echo chat completions a second for 60 s at a constant rate (CleanDashboard.Benchmarks load),
#     then the writer's dropped count from the health check;
#  2. five clients streaming a 100,000-word demo-echo answer each and reading it slowly (curl --limit-rate) for
#     SLOW_SECONDS, all at once, SLOW_ROUNDS times: how much the slow readers grow it (the first round also loads the
#     tokenizer that counts the abandoned streams' tokens).
# Extra environment for the app (a GC setting to compare, say) goes in CD_MEMORY_APP_ENV="NAME=value NAME=value".
# Usage: benchmarks/scripts/memory.sh [rate] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-2000}
seconds=${2:-60}
slow_seconds=${SLOW_SECONDS:-30}
slow_rate=${SLOW_RATE:-64k}
slow_rounds=${SLOW_ROUNDS:-2}
key="bench-admin-key-0123456789abcdefghij"
port=${MEMORY_PORT:-5331}
work=$(mktemp -d /tmp/cleandashboard-memory.XXXXXX)
pid=""
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=build-for-benchmarks.sh
source benchmarks/scripts/build-for-benchmarks.sh
echo "app environment: ${CD_MEMORY_APP_ENV:-(defaults)}"

# shellcheck disable=SC2086 # CD_MEMORY_APP_ENV is a list of NAME=value words
(cd "$bin" && exec env Logging__LogLevel__Default=Warning Auth__BootstrapAdminKey=$key Demo__Enabled=false \
  ConnectionStrings__Dashboard="Data Source=$work/memory.db" ThreatDetection__RateLimit__Enabled=false \
  ThreatDetection__OversizedPayload__Enabled=false ${CD_MEMORY_APP_ENV:-} \
  dotnet CleanDashboard.WebApi.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/dashboard/health" >/dev/null && break; sleep 1; done
rss() { echo $(( $(ps -o rss= -p "$pid") / 1024 )); }
sample() { # file: RSS in MiB every 0.5 s until killed
  while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid" | awk '{ print int($1 / 1024) }'; sleep 0.5; done >"$1"
}
max_of() { sort -n "$1" | tail -1; }

echo "== $rate tracked requests/s for $seconds s"
echo "resident memory after start: $(rss) MiB"
sample "$work/load.rss" & sampler=$!
$bench load --url "http://127.0.0.1:$port" --key "$key" --rate "$rate" --seconds "$seconds"
sleep 2
kill "$sampler" 2>/dev/null || true; sampler=""
echo "resident memory during the run: max $(max_of "$work/load.rss") MiB over $(wc -l < "$work/load.rss") samples; after it $(rss) MiB"
curl -s "http://127.0.0.1:$port/api/dashboard/health" | grep -o 'written [0-9]*, dropped [0-9]*' || true

echo "== five slow readers of a 100,000-word stream at once ($slow_rate/s each, $slow_seconds s), $slow_rounds rounds"
python3 - "$work/long.json" <<'PY'
import json, sys
words = " ".join(f"w{i % 1000}" for i in range(100_000))
json.dump({"model": "demo-echo", "stream": True, "messages": [{"role": "user", "content": words}]}, open(sys.argv[1], "w"))
PY
for round in $(seq 1 "$slow_rounds"); do
  before=$(rss)
  sample "$work/slow.rss" & sampler=$!
  readers=()
  for i in 1 2 3 4 5; do
    curl -s -o "$work/slow-$i.out" --limit-rate "$slow_rate" -m "$slow_seconds" -X POST "http://127.0.0.1:$port/v1/chat/completions" \
      -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary @"$work/long.json" &
    readers+=($!)
  done
  wait "${readers[@]}" || true
  sleep 2
  kill "$sampler" 2>/dev/null || true; sampler=""
  echo "round $round: resident memory before $before MiB, while they read max $(max_of "$work/slow.rss") MiB (+$(( $(max_of "$work/slow.rss") - before )) MiB), after they hung up $(rss) MiB; each read $(for i in 1 2 3 4 5; do printf '%s ' "$(( $(stat -c %s "$work/slow-$i.out" 2>/dev/null || echo 0) / 1024 ))"; done)KiB"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
