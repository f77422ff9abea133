#!/usr/bin/env bash
# Fresh data (decision 080): the app in-process on a fresh SQLite file, 2,000 tracked demo-echo chat completions a
# second and 1,000 dashboard reads a second on a fixed schedule; prints the delay from a request's response to the
# first dashboard read that counts it (p50/p99/max) and the cache hit rate from the app's cleandashboard.cache.requests counter.
# Usage: benchmarks/scripts/fresh-data.sh [rate] [reads] [seconds] [redis, e.g. 127.0.0.1:6379]
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-2000}
reads=${2:-1000}
seconds=${3:-30}
redis=${4:+--redis $4}
# CD_FRESH_KESTREL=1: over Kestrel on a loopback port instead of TestServer's in-memory pipes.
kestrel=${CD_FRESH_KESTREL:+--kestrel}
dotnet build benchmarks/CleanDashboard.Benchmarks -c Release -nologo -v quiet -p:SkipWebUI=true >/dev/null
uptime
# From its own folder: the app's content root is found through the MvcTestingAppManifest.json beside it.
(cd benchmarks/CleanDashboard.Benchmarks/bin/Release/net10.0 && dotnet CleanDashboard.Benchmarks.dll fresh --rate "$rate" --reads "$reads" --seconds "$seconds" $redis $kestrel)
uptime
