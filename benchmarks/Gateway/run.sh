#!/usr/bin/env bash
# Added latency of the gateway: wrk against the stub upstream directly, through nginx proxy_pass, through a bare
# YARP forwarder (the floor: Kestrel + IHttpForwarder, nothing else) and through the gateway (request tracking on,
# demo data off), twice: capture off, then capture on (issue 18: bodies redacted, compressed and indexed).
# Everything listens on 127.0.0.1 only, every wait is bounded, and every process this script starts is stopped when it exits. Writes benchmarks/Gateway/results.md.
# Needs Debian's nginx and wrk: apt-get install -y nginx wrk
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-20}"
THREADS="${THREADS:-2}"
THINK_MS="${THINK_MS:-20}"
STUB_PORT="${STUB_PORT:-18081}"
NGINX_PORT="${NGINX_PORT:-18082}"
GATEWAY_PORT="${GATEWAY_PORT:-18083}"
BARE_PORT="${BARE_PORT:-18084}"
CAPTURE_PORT="${CAPTURE_PORT:-18085}"
export BENCH_API_KEY="bench-admin-key-0123456789-abcdefghij"

for tool in nginx wrk curl dotnet; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y nginx wrk curl)" >&2; exit 1; }
done

WORK="$(mktemp -d /tmp/cleandashboard-bench.XXXXXX)"
PIDS=()
cleanup() {
  local status=$?
  if [[ $status -ne 0 ]]; then
    echo "Failed ($status); the servers' logs:" >&2
    tail -n 30 "$WORK"/*.log >&2 2>/dev/null || true
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do timeout 15 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() { # url, name: up to 60 s
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null --max-time 2 "$1"; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not start; its log:" >&2; cat "$WORK/$2.log" >&2 || true; exit 1
}

echo "Building (Release)…"
timeout 900 dotnet build -c Release -v q -nologo "$ROOT/src/WebApi/CleanDashboard.WebApi.csproj" >/dev/null
timeout 900 dotnet build -c Release -v q -nologo "$HERE/StubUpstream/CleanDashboard.Benchmarks.StubUpstream.csproj" >/dev/null
timeout 900 dotnet build -c Release -v q -nologo "$HERE/BareForwarder/CleanDashboard.Benchmarks.BareForwarder.csproj" >/dev/null

# Other work on the machine shows up as latency: wait (bounded) for a quiet machine, and record how busy it was.
QUIET_WAIT_SECONDS="${QUIET_WAIT_SECONDS:-300}"
for _ in $(seq 1 $((QUIET_WAIT_SECONDS / 10))); do
  awk -v cores="$(nproc)" '{ exit !($1 < cores) }' /proc/loadavg && break
  echo "  waiting for a quieter machine (load $(cut -d' ' -f1 /proc/loadavg))…"
  sleep 10
done
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "Starting the stub upstream (think time ${THINK_MS} ms) on 127.0.0.1:$STUB_PORT"
dotnet "$HERE/StubUpstream/bin/Release/net10.0/CleanDashboard.Benchmarks.StubUpstream.dll" \
  --urls "http://127.0.0.1:$STUB_PORT" --think-ms "$THINK_MS" >"$WORK/stub.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$STUB_PORT/health" stub

echo "Starting nginx on 127.0.0.1:$NGINX_PORT"
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  upstream stub { server 127.0.0.1:$STUB_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://stub;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/health" nginx

echo "Starting the bare YARP forwarder on 127.0.0.1:$BARE_PORT"
dotnet "$HERE/BareForwarder/bin/Release/net10.0/CleanDashboard.Benchmarks.BareForwarder.dll" \
  --urls "http://127.0.0.1:$BARE_PORT" --upstream "http://127.0.0.1:$STUB_PORT/" >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$BARE_PORT/health" bare

start_gateway() { # name, port, capture on (true/false)
  echo "Starting $1 on 127.0.0.1:$2 (tracking on, capture $3, demo data off)"
  (
    cd "$ROOT/src/WebApi/bin/Release/net10.0"
    exec env ConnectionStrings__Dashboard="Data Source=$WORK/$1.db" \
      Auth__BootstrapAdminKey="$BENCH_API_KEY" \
      Demo__Enabled=false \
      RequestTracking__Enabled=true \
      Capture__Enabled="$3" \
      ThreatDetection__RateLimit__Enabled=false \
      Gateway__Upstreams__0__Name=bench \
      Gateway__Upstreams__0__BaseUrl="http://127.0.0.1:$STUB_PORT/v1" \
      Gateway__Upstreams__0__Kind=openai \
      Gateway__Upstreams__0__Models__0='*' \
      Logging__LogLevel__Default=Warning \
      dotnet CleanDashboard.WebApi.dll --urls "http://127.0.0.1:$2"
  ) >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$2/api/dashboard/health" "$1"
}
start_gateway gateway "$GATEWAY_PORT" false
start_gateway gateway-capture "$CAPTURE_PORT" true

check() { # name, url: one request must answer 200 with the stub's usage
  local status
  status="$(curl -s -o "$WORK/check.json" -w '%{http_code}' --max-time 10 -X POST "$2" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_API_KEY" \
    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}')"
  if [[ "$status" != 200 ]] || ! grep -q '"total_tokens":18' "$WORK/check.json"; then
    echo "$1 answered $status: $(cat "$WORK/check.json")" >&2; exit 1
  fi
}

declare -A RESULT
measure() { # name, base url
  local url="$2/v1/chat/completions"
  check "$1" "$url"
  timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/post.lua" "$url" >/dev/null
  local line
  line="$(timeout 300 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s -s "$HERE/post.lua" "$url" | tee "$WORK/$1.wrk" | grep '^RESULT')"
  RESULT[$1]="$line"
  echo "  $1: $line"
}

field() { sed -E "s/.* $2=([0-9]+).*/\1/" <<<"${RESULT[$1]}"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f", (a - b) / 1000 }'; }
rate() { awk -v n="$(field "$1" requests)" -v us="$(field "$1" duration_us)" 'BEGIN { printf "%.0f", n / (us / 1000000) }'; }


echo "Measuring: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up each)"
measure direct "http://127.0.0.1:$STUB_PORT"
measure nginx "http://127.0.0.1:$NGINX_PORT"
measure yarp-bare "http://127.0.0.1:$BARE_PORT"
measure gateway "http://127.0.0.1:$GATEWAY_PORT"
measure gateway-capture "http://127.0.0.1:$CAPTURE_PORT"

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
sleep 1
ROWS="$(curl -s --max-time 10 -H "Authorization: Bearer $BENCH_API_KEY" "http://127.0.0.1:$GATEWAY_PORT/api/dashboard/?range=24h" \
  | grep -o '"totalRequests":[0-9]*' | head -1 | cut -d: -f2)"
# Every request the capturing gateway answered has its bodies stored and indexed: found by a phrase of its prompt.
CAPTURED="$(curl -s --max-time 30 -H "Authorization: Bearer $BENCH_API_KEY" "http://127.0.0.1:$CAPTURE_PORT/api/admin/request-logs?q=say%20hello&pageSize=1" \
  | grep -o '"totalCount":[0-9]*' | head -1 | cut -d: -f2)"

CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
OUT="$HERE/results.md"
{
  echo "# Gateway added latency"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`benchmarks/Gateway/run.sh\` (one run)."
  echo
  echo "- Machine: $(nproc) cores, $CPU, $MEM memory; $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version), $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo "- Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION\` (after a $WARMUP warm-up of the same path, long enough for tiered JIT compilation to settle), one POST /v1/chat/completions per request; the upstream thinks $THINK_MS ms, so $CONNECTIONS connections give about 1,000 requests/s (Debian's wrk has no fixed-rate mode)."
  echo "- Everything on loopback on the same machine: wrk, the stub upstream, nginx and the gateway share the $(nproc) cores."
  echo "- Gateway: Release build, request tracking on (every request is parsed for usage, priced and written to SQLite), demo data off, authenticated with an API key."
  echo "- nginx: \`proxy_pass\` to the stub with upstream keep-alive, buffering off."
  echo "- yarp-bare: Kestrel and YARP's \`IHttpForwarder\` with the gateway's HTTP client settings and nothing else (no authentication, no body parsing, no tracking): the floor the gateway is built on."
  echo "- Load average (1, 5, 15 min) before the measurements: $LOAD_BEFORE; after: $LOAD_AFTER. Anything above $(nproc) means other processes competed for the cores and inflated the figures."
  echo
  echo "| path | requests/s | p50 ms | p90 ms | p99 ms | added p50 ms | added p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for name in direct nginx yarp-bare gateway gateway-capture; do
    echo "| $name | $(rate $name) | $(ms "$(field $name p50_us)") | $(ms "$(field $name p90_us)") | $(ms "$(field $name p99_us)") | $(added "$(field $name p50_us)" "$(field direct p50_us)") | $(added "$(field $name p99_us)" "$(field direct p99_us)") |"
  done
  echo
  echo "Non-2xx answers: direct $(field direct non2xx), nginx $(field nginx non2xx), yarp-bare $(field yarp-bare non2xx), gateway $(field gateway non2xx), gateway-capture $(field gateway-capture non2xx); socket errors: direct $(field direct socket_errors), nginx $(field nginx socket_errors), yarp-bare $(field yarp-bare socket_errors), gateway $(field gateway socket_errors), gateway-capture $(field gateway-capture socket_errors)."
  echo "Request logs the gateway recorded (dashboard, last 24 h; includes warm-up and the check request): ${ROWS:-unknown}."
  echo "Captured requests gateway-capture finds by the phrase \"say hello\" (full-text search, includes warm-up): ${CAPTURED:-unknown}."
  echo
  echo "Goals (issue 4), gateway against direct:"
  verdict() { awk -v v="$1" -v limit="$2" 'BEGIN { print (v < limit ? "met" : "not met") }'; }
  gw50=$(( $(field gateway p50_us) - $(field direct p50_us) )); gw99=$(( $(field gateway p99_us) - $(field direct p99_us) ))
  ng50=$(( $(field nginx p50_us) - $(field direct p50_us) )); ng99=$(( $(field nginx p99_us) - $(field direct p99_us) ))
  echo "- added p50 under 1 ms: $(ms $gw50) ms, $(verdict $gw50 1000)."
  echo "- added p99 under 5 ms: $(ms $gw99) ms, $(verdict $gw99 5000)."
  cap50=$(( $(field gateway-capture p50_us) - $(field gateway p50_us) )); cap99=$(( $(field gateway-capture p99_us) - $(field gateway p99_us) ))
  echo "- capture on vs off (issue 18), same run: added p50 $(ms $(( gw50 + cap50 ))) vs $(ms $gw50) ms ($(added "$(field gateway-capture p50_us)" "$(field gateway p50_us)") ms), added p99 $(ms $(( gw99 + cap99 ))) vs $(ms $gw99) ms ($(added "$(field gateway-capture p99_us)" "$(field gateway p99_us)") ms)."
  echo "- within 2× of nginx's added latency: p50 $(ms $gw50) vs 2 × $(ms $ng50) ms, $(verdict $gw50 $((2 * ng50))); p99 $(ms $gw99) vs 2 × $(ms $ng99) ms, $(verdict $gw99 $((2 * ng99)))."
} >"$OUT"
cat "$OUT"
