#!/usr/bin/env bash
# Disk full + SIGTERM: the built app with its SQLite file on a small tmpfs, the disk then filled up, 1,000 tracked
# requests sent (they all answer 200; their rows cannot be written), SIGTERM; then space is freed, the app restarted,
# and the rows counted. Before decision 050 all 1,000 were lost; now they wait in the journal (reserved at start)
# and are replayed at the restart. Needs root for the tmpfs mount.
# Usage: benchmarks/scripts/diskfull-loss.sh [requests]
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-1000}
key="bench-admin-key-0123456789abcdefghij"
port=5222
work=$(mktemp -d)
full="$work/full"
mkdir -p "$full"
mount -t tmpfs -o size=96m tmpfs "$full" 2>/dev/null || { echo "needs root to mount a small tmpfs"; rm -rf "$work"; exit 1; }

dotnet build src/WebApi -c Release -nologo -v quiet -p:SkipWebUI=true >/dev/null
bin="$(pwd)/src/WebApi/bin/Release/net10.0"
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; umount "$full" 2>/dev/null; rm -rf "$work"' EXIT

start_app() {
  (cd "$bin" && exec env Logging__LogLevel__Default=Warning "Logging__LogLevel__CleanDashboard.Infrastructure.Tracking=Information" \
    Auth__BootstrapAdminKey=$key Gateway__DemoModel__Enabled=true ThreatDetection__RateLimit__Enabled=false \
    ConnectionStrings__Dashboard="Data Source=$full/loss.db" \
    dotnet CleanDashboard.WebApi.dll --urls "http://127.0.0.1:$port" >>"$work/app.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/dashboard/health" >/dev/null && return; sleep 1; done
  echo "the app did not start; see its log:"; tail -20 "$work/app.log"; exit 1
}

health() { curl -s "http://127.0.0.1:$port/api/dashboard/health" | grep -o '"requestLogWriter":{[^}]*}'; }

start_app
echo "journal reserved at start: $(du -k "$full/loss.db.request-journal" | cut -f1) KiB on disk"
dd if=/dev/zero of="$full/filler" bs=1M 2>/dev/null || true
echo "disk: $(df -h "$full" | awk 'NR==2 {print $4 " free of " $2}')"
seq 1 "$requests" | xargs -P8 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST \
  -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"model":"demo-echo","messages":[{"role":"user","content":"disk full"}]}' \
  "http://127.0.0.1:$port/v1/chat/completions" | sort | uniq -c | awk '{print "answers: " $1 " x " $2}'
sleep 1
echo "before SIGTERM: $(health)"
kill -TERM $pid; wait $pid 2>/dev/null || true; pid=""
echo "journal after SIGTERM: $(du -k "$full/loss.db.request-journal" | cut -f1) KiB on disk (the same reservation)"

rm -f "$full/filler"
start_app
for _ in $(seq 1 60); do
  rows=$(sqlite3 "$full/loss.db" "SELECT COUNT(*) FROM request_logs WHERE Endpoint = '/v1/chat/completions';")
  [ "$rows" -ge "$requests" ] && break; sleep 1
done
echo "after the restart: rows $rows of $requests answered; $(health)"
grep -o "Replayed [0-9]* journaled entries" "$work/app.log" || true
kill $pid; wait $pid 2>/dev/null || true; pid=""
echo "machine: $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
