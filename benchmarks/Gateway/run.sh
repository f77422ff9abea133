#!/usr/bin/env bash
# The gateway against its peers, side by side in one run (issue 15):
#  1. added latency at about 1,000 requests/s (stub upstream thinking THINK_MS): wrk against the stub directly, through
#     nginx proxy_pass, through Portkey's open-source gateway (npm, recording nothing), through a bare YARP forwarder
#     (the floor: Kestrel + IHttpForwarder, nothing else) and through the gateway (request tracking on, demo data off),
#     capture off and on (issue 18); ROUNDS rounds, the paths interleaved in each;
#  2. saturation (a second stub that answers at once, SATURATION_CONNECTIONS connections): the gateway with tracking on
#     against the same build with tracking off, nginx and Portkey.
# Everything listens on 127.0.0.1 only, every wait is bounded, and every process this script starts is stopped when
# it exits. Writes benchmarks/Gateway/results.md.
# Needs Debian's nginx and wrk (apt-get install -y nginx wrk) and Node with npm (Portkey is installed by npm ci).
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
PORTKEY_PORT="${PORTKEY_PORT:-18086}"
FAST_STUB_PORT="${FAST_STUB_PORT:-18087}"
NGINX_FAST_PORT="${NGINX_FAST_PORT:-18088}"
UNTRACKED_PORT="${UNTRACKED_PORT:-18089}"
ROUNDS="${ROUNDS:-2}"
SATURATION_CONNECTIONS="${SATURATION_CONNECTIONS:-64}"
SATURATION_DURATION="${SATURATION_DURATION:-15s}"
export BENCH_API_KEY="bench-admin-key-0123456789-abcdefghij"

for tool in nginx wrk curl dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y nginx wrk curl; Node 20 with npm)" >&2; exit 1; }
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
echo "Installing Portkey's gateway (npm ci, pinned in benchmarks/Gateway/Portkey/package-lock.json)…"
(cd "$HERE/Portkey" && timeout 600 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
PORTKEY_VERSION="$(node -p "require('$HERE/Portkey/node_modules/@portkey-ai/gateway/package.json').version")"

# Other work on the machine shows up as latency: wait (bounded) for a quiet machine, and record how busy it was.
QUIET_WAIT_SECONDS="${QUIET_WAIT_SECONDS:-300}"
for _ in $(seq 1 $((QUIET_WAIT_SECONDS / 10))); do
  awk -v cores="$(nproc)" '{ exit !($1 < cores) }' /proc/loadavg && break
  echo "  waiting for a quieter machine (load $(cut -d' ' -f1 /proc/loadavg))…"
  sleep 10
done
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

start_stub() { # name, port, think ms
  echo "Starting $1 (think time $3 ms) on 127.0.0.1:$2"
  dotnet "$HERE/StubUpstream/bin/Release/net10.0/CleanDashboard.Benchmarks.StubUpstream.dll" \
    --urls "http://127.0.0.1:$2" --think-ms "$3" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$2/health" "$1"
}
start_stub stub "$STUB_PORT" "$THINK_MS"
start_stub stub-fast "$FAST_STUB_PORT" 0

echo "Starting nginx on 127.0.0.1:$NGINX_PORT (and :$NGINX_FAST_PORT for the fast stub)"
mkdir -p "$WORK/nginx/logs"
nginx_server() { # listen port, upstream name
  cat <<NGINX
  server {
    listen 127.0.0.1:$1;
    location / {
      proxy_pass http://$2;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
NGINX
}
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
  upstream stubfast { server 127.0.0.1:$FAST_STUB_PORT; keepalive 128; }
$(nginx_server "$NGINX_PORT" stub)
$(nginx_server "$NGINX_FAST_PORT" stubfast)
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/health" nginx

# Portkey routes each request by its headers (x-portkey-provider, x-portkey-custom-host); a custom host on loopback
# must be trusted. loopback.cjs binds its server to 127.0.0.1 (it has no option for the address).
echo "Starting Portkey's gateway $PORTKEY_VERSION on 127.0.0.1:$PORTKEY_PORT"
(
  cd "$HERE/Portkey"
  exec env NODE_ENV=production TRUSTED_CUSTOM_HOSTS=127.0.0.1 \
    node -r ./loopback.cjs node_modules/@portkey-ai/gateway/build/start-server.js --port="$PORTKEY_PORT" --headless
) >"$WORK/portkey.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$PORTKEY_PORT/" portkey

echo "Starting the bare YARP forwarder on 127.0.0.1:$BARE_PORT"
dotnet "$HERE/BareForwarder/bin/Release/net10.0/CleanDashboard.Benchmarks.BareForwarder.dll" \
  --urls "http://127.0.0.1:$BARE_PORT" --upstream "http://127.0.0.1:$STUB_PORT/" >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$BARE_PORT/health" bare

start_gateway() { # name, port, upstream port, tracking on, capture on (true/false)
  echo "Starting $1 on 127.0.0.1:$2 (upstream :$3, tracking $4, capture $5, demo data off)"
  (
    cd "$ROOT/src/WebApi/bin/Release/net10.0"
    exec env ConnectionStrings__Dashboard="Data Source=$WORK/$1.db" \
      Auth__BootstrapAdminKey="$BENCH_API_KEY" \
      Demo__Enabled=false \
      RequestTracking__Enabled="$4" \
      Capture__Enabled="$5" \
      ThreatDetection__RateLimit__Enabled=false \
      Gateway__Upstreams__0__Name=bench \
      Gateway__Upstreams__0__BaseUrl="http://127.0.0.1:$3/v1" \
      Gateway__Upstreams__0__Kind=openai \
      Gateway__Upstreams__0__Models__0='*' \
      Logging__LogLevel__Default=Warning \
      dotnet CleanDashboard.WebApi.dll --urls "http://127.0.0.1:$2"
  ) >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  GATEWAY_PID[$1]=$!
  wait_for "http://127.0.0.1:$2/api/dashboard/health" "$1"
}
stop_gateway() { # name
  kill "${GATEWAY_PID[$1]}" 2>/dev/null || true
  timeout 30 tail --pid="${GATEWAY_PID[$1]}" -f /dev/null 2>/dev/null || kill -9 "${GATEWAY_PID[$1]}" 2>/dev/null || true
}
declare -A GATEWAY_PID
start_gateway gateway "$GATEWAY_PORT" "$STUB_PORT" true false
start_gateway gateway-capture "$CAPTURE_PORT" "$STUB_PORT" true true

check() { # name, url, extra curl arguments…: one request must answer 200 with the stub's usage
  local status name="$1" url="$2"
  shift 2
  status="$(curl -s -o "$WORK/check.json" -w '%{http_code}' --max-time 10 -X POST "$url" "$@" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_API_KEY" \
    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}')"
  if [[ "$status" != 200 ]] || ! grep -q '"total_tokens":18' "$WORK/check.json"; then
    echo "$name answered $status: $(cat "$WORK/check.json")" >&2; exit 1
  fi
}

declare -A RESULT BASE EXTRA
BASE[direct]="http://127.0.0.1:$STUB_PORT"; BASE[nginx]="http://127.0.0.1:$NGINX_PORT"
BASE[portkey]="http://127.0.0.1:$PORTKEY_PORT"; BASE[yarp-bare]="http://127.0.0.1:$BARE_PORT"
BASE[gateway]="http://127.0.0.1:$GATEWAY_PORT"; BASE[gateway-capture]="http://127.0.0.1:$CAPTURE_PORT"
BASE[sat-direct]="http://127.0.0.1:$FAST_STUB_PORT"; BASE[sat-nginx]="http://127.0.0.1:$NGINX_FAST_PORT"
BASE[sat-portkey]="http://127.0.0.1:$PORTKEY_PORT"; BASE[sat-untracked]="http://127.0.0.1:$UNTRACKED_PORT"
BASE[sat-gateway]="http://127.0.0.1:$GATEWAY_PORT"
EXTRA[portkey]="http://127.0.0.1:$STUB_PORT/v1"; EXTRA[sat-portkey]="http://127.0.0.1:$FAST_STUB_PORT/v1"

measure() { # key (name/round), name, connections, duration
  local key="$1" name="$2" url="${BASE[$2]}/v1/chat/completions" headers=()
  if [[ -n "${EXTRA[$name]:-}" ]]; then
    headers=(-H "x-portkey-provider: openai" -H "x-portkey-custom-host: ${EXTRA[$name]}")
  fi
  check "$name" "$url" "${headers[@]}"
  timeout 120 wrk -t"$THREADS" -c"$3" -d"$WARMUP" "${headers[@]}" -s "$HERE/post.lua" "$url" >/dev/null
  local line
  line="$(timeout 300 wrk -t"$THREADS" -c"$3" -d"$4" --timeout 5s "${headers[@]}" -s "$HERE/post.lua" "$url" | tee "$WORK/${key//\//-}.wrk" | grep '^RESULT')"
  RESULT[$key]="$line"
  echo "  $key: $line"
}

LATENCY_PATHS=(direct nginx portkey yarp-bare gateway gateway-capture)
echo "Added latency: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up each), $ROUNDS rounds"
for round in $(seq 1 "$ROUNDS"); do
  for name in "${LATENCY_PATHS[@]}"; do measure "$name/$round" "$name" "$CONNECTIONS" "$DURATION"; done
done

ROWS="$(curl -s --max-time 10 -H "Authorization: Bearer $BENCH_API_KEY" "http://127.0.0.1:$GATEWAY_PORT/api/dashboard/?range=24h" \
  | grep -o '"totalRequests":[0-9]*' | head -1 | cut -d: -f2)"
# Every request the capturing gateway answered has its bodies stored and indexed: found by a phrase of its prompt.
CAPTURED="$(curl -s --max-time 30 -H "Authorization: Bearer $BENCH_API_KEY" "http://127.0.0.1:$CAPTURE_PORT/api/admin/request-logs?q=say%20hello&pageSize=1" \
  | grep -o '"totalCount":[0-9]*' | head -1 | cut -d: -f2)"

echo "Saturation: wrk -t$THREADS -c$SATURATION_CONNECTIONS -d$SATURATION_DURATION against a stub that answers at once"
stop_gateway gateway-capture
stop_gateway gateway
start_gateway gateway "$GATEWAY_PORT" "$FAST_STUB_PORT" true false
start_gateway gateway-untracked "$UNTRACKED_PORT" "$FAST_STUB_PORT" false false
SATURATION_PATHS=(sat-direct sat-nginx sat-portkey sat-untracked sat-gateway)
for round in $(seq 1 "$ROUNDS"); do
  for name in "${SATURATION_PATHS[@]}"; do measure "$name/$round" "$name" "$SATURATION_CONNECTIONS" "$SATURATION_DURATION"; done
done
DROPPED="$(curl -s --max-time 10 "http://127.0.0.1:$GATEWAY_PORT/api/dashboard/health" | grep -o 'dropped [0-9]*' | head -1 | cut -d' ' -f2)"

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -E "s/.* $2=([0-9]+).*/\1/" <<<"${RESULT[$1]}"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f", (a - b) / 1000 }'; }
rate() { awk -v n="$(field "$1" requests)" -v us="$(field "$1" duration_us)" 'BEGIN { printf "%.0f", n / (us / 1000000) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.1f", a / b }'; }
verdict() { awk -v v="$1" -v limit="$2" 'BEGIN { print (v <= limit ? "met" : "not met") }'; }
# added latency in µs of a path over direct in one round
added_us() { echo $(( $(field "$1/$3" "$2") - $(field "direct/$3" "$2") )); }

CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
OUT="$HERE/results.md"
{
  echo "# The gateway against nginx and Portkey"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`benchmarks/Gateway/run.sh\` ($ROUNDS rounds, the paths interleaved in each)."
  echo
  echo "- Machine: $(nproc) cores, $CPU, $MEM memory; $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version), $(nginx -v 2>&1 | sed 's/.*: //'), Portkey gateway $PORTKEY_VERSION on Node $(node --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo "- Added latency: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION\` (after a $WARMUP warm-up of the same path, long enough for tiered JIT compilation to settle), one POST /v1/chat/completions per request; the upstream thinks $THINK_MS ms, so $CONNECTIONS connections give about 1,000 requests/s (Debian's wrk has no fixed-rate mode)."
  echo "- Saturation: \`wrk -t$THREADS -c$SATURATION_CONNECTIONS -d$SATURATION_DURATION\` against a stub that answers at once: the requests/s the whole machine reaches through each path."
  echo "- Everything on loopback on the same machine: wrk, the stubs, nginx, Portkey and the gateway share the $(nproc) cores."
  echo "- gateway: Release build, request tracking on (every request is authenticated, parsed for usage, priced and written to SQLite by the background writer), demo data off. gateway-capture: the same with capture on (bodies redacted, compressed and indexed). untracked: the same build with \`RequestTracking:Enabled=false\`."
  echo "- nginx: \`proxy_pass\` with upstream keep-alive, buffering off. Portkey: \`@portkey-ai/gateway\` from npm, \`NODE_ENV=production\`, provider \`openai\` with a custom host, records nothing."
  echo "- yarp-bare: Kestrel and YARP's \`IHttpForwarder\` with the gateway's HTTP client settings and nothing else (no authentication, no body parsing, no tracking): the floor the gateway is built on."
  echo "- Load average (1, 5, 15 min) before the measurements: $LOAD_BEFORE; after: $LOAD_AFTER. Anything above $(nproc) means other processes competed for the cores and inflated the figures."
  echo
  echo "## Added latency at about 1,000 requests/s"
  echo
  echo "| round | path | requests/s | p50 ms | p90 ms | p99 ms | added p50 ms | added p99 ms | non-2xx | socket errors |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for round in $(seq 1 "$ROUNDS"); do
    for name in "${LATENCY_PATHS[@]}"; do
      key="$name/$round"
      echo "| $round | $name | $(rate "$key") | $(ms "$(field "$key" p50_us)") | $(ms "$(field "$key" p90_us)") | $(ms "$(field "$key" p99_us)") | $(added "$(field "$key" p50_us)" "$(field "direct/$round" p50_us)") | $(added "$(field "$key" p99_us)" "$(field "direct/$round" p99_us)") | $(field "$key" non2xx) | $(field "$key" socket_errors) |"
    done
  done
  echo
  echo "Request logs the gateway recorded (dashboard, last 24 h; includes warm-up and the check requests): ${ROWS:-unknown}."
  echo "Captured requests gateway-capture finds by the phrase \"say hello\" (full-text search, includes warm-up): ${CAPTURED:-unknown}."
  echo
  echo "Targets (issue 15), each round:"
  for round in $(seq 1 "$ROUNDS"); do
    gw50=$(added_us gateway p50_us "$round"); gw99=$(added_us gateway p99_us "$round")
    ng50=$(added_us nginx p50_us "$round"); pk50=$(added_us portkey p50_us "$round"); pk99=$(added_us portkey p99_us "$round")
    cap50=$(added_us gateway-capture p50_us "$round"); cap99=$(added_us gateway-capture p99_us "$round")
    echo "- round $round: added p50 $(ms "$gw50") ms vs 2 × nginx's $(ms "$ng50") ms: $(verdict "$gw50" $((2 * ng50))); added p99 $(ms "$gw99") ms ≤ 1 ms: $(verdict "$gw99" 1000); Portkey's added p50 / p99 are $(ratio "$pk50" "$gw50")× / $(ratio "$pk99" "$gw99")× ours (target ≥ 10×); capture on adds $(added "$cap50" "$gw50") ms p50, $(added "$cap99" "$gw99") ms p99."
  done
  echo
  echo "## Saturation"
  echo
  echo "| round | path | requests/s | p50 ms | p99 ms | non-2xx | socket errors |"
  echo "|---:|---|---:|---:|---:|---:|---:|"
  for round in $(seq 1 "$ROUNDS"); do
    for name in "${SATURATION_PATHS[@]}"; do
      key="$name/$round"
      echo "| $round | ${name#sat-} | $(rate "$key") | $(ms "$(field "$key" p50_us)") | $(ms "$(field "$key" p99_us)") | $(field "$key" non2xx) | $(field "$key" socket_errors) |"
    done
  done
  echo
  echo "Entries the tracking gateway's writer dropped (health check, end of run): ${DROPPED:-unknown}."
  echo
  echo "Targets (issue 15), each round:"
  for round in $(seq 1 "$ROUNDS"); do
    on=$(rate "sat-gateway/$round"); off=$(rate "sat-untracked/$round")
    p99_added=$(( $(field "sat-gateway/$round" p99_us) - $(field "sat-untracked/$round" p99_us) ))
    percent=$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.1f", 100 * a / b }')
    echo "- round $round: tracking on keeps $percent % of tracking off's throughput ($on vs $off requests/s; target ≥ 90 %: $(awk -v p="$percent" 'BEGIN { print (p >= 90 ? "met" : "not met") }')); p99 $(added "$(field "sat-gateway/$round" p99_us)" "$(field "sat-untracked/$round" p99_us)") ms (target < +1 ms: $(verdict "$p99_added" 999)); against nginx's $(rate "sat-nginx/$round") requests/s: $(ratio "$on" "$(rate "sat-nginx/$round")")×; against Portkey's $(rate "sat-portkey/$round"): $(ratio "$on" "$(rate "sat-portkey/$round")")×."
  done
} >"$OUT"
cat "$OUT"
