#!/usr/bin/env bash
# Load test of `storyline serve` (Release) with wrk: builds the CLI, ingests the samples into a temporary store, serves it, and measures
# requests/s and p95 latency per target, each as a ratio of the /documents baseline measured in the same run.
#
#   bench/load/run.sh                      # defaults: 10 s per target, 2 threads, 16 connections
#   DURATION=20s CONNECTIONS=32 bench/load/run.sh
#
# Settings (environment): DURATION (wrk -d, default 10s), THREADS (wrk -t, 2), CONNECTIONS (wrk -c, 16), PORT (5399),
# SAMPLES (folder of articles to ingest, default ../shared/samples/xinjiang beside the repository).
# wrk is installed with apt-get when missing (only this script needs it; .ci/run does not).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-5399}
SAMPLES=${SAMPLES:-$repo/../shared/samples/xinjiang}
base="http://127.0.0.1:$PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null; }
fi
[ -d "$SAMPLES" ] || { echo "no samples at $SAMPLES (set SAMPLES)" >&2; exit 2; }

work=$(mktemp -d)
server=""
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi
}
trap 'stop_server; rm -rf "$work"' EXIT

echo "building storyline (Release)..." >&2
dotnet publish src/Storyline.Cli -c Release -o "$work/bin" --nologo -v quiet -p:UseAppHost=false >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }
cli="$work/bin/Storyline.Cli.dll"
store="$work/store.db"
dotnet "$cli" ingest --store "$store" "$SAMPLES" >/dev/null

start_server() { # $1: cache stories (true/false)
  if curl -s -o /dev/null "$base/"; then echo "port $PORT is in use (set PORT)" >&2; exit 1; fi
  # Search is rate-limited per client; the load generator is one client, so the limit is lifted for the run.
  # dotnet itself is the background job, so that $! is the server's own pid and stopping it stops the server.
  STORYLINE_CACHE_STORIES="$1" Storyline__SearchesPerMinute=2000000000 \
    dotnet "$cli" serve --store "$store" --urls "$base" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    if curl -fs -o /dev/null "$base/api/stories"; then
      kill -0 "$server" 2>/dev/null && return 0
      break
    fi
    sleep 0.3
  done
  echo "server did not start:" >&2; cat "$work/serve.log" >&2; exit 1
}

urlencode() { local s=$1 out="" c i; for ((i = 0; i < ${#s}; i++)); do c=${s:i:1}; case "$c" in [a-zA-Z0-9.~_-]) out+=$c ;; *) out+=$(printf '%%%02X' "'$c") ;; esac; done; echo "$out"; }

declare -a rows=()
baseline_rps=""
run() { # $1: name, $2: path
  curl -fs -o /dev/null "$base$2" || { echo "$2 does not answer 200" >&2; exit 1; }
  local line rps p50 p95 p99 status errors requests ratio
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$repo/bench/load/report.lua" "$base$2" | grep '^RESULT')
  read -r _ rps p50 p95 p99 status errors requests <<<"$line"
  [ -z "$baseline_rps" ] && baseline_rps=$rps
  ratio=$(awk -v a="$rps" -v b="$baseline_rps" 'BEGIN { printf "%.2f", a / b }')
  rows+=("$(printf '%-16s %-44s %10s %9s %9s %7s %8s %6s' "$1" "${2:0:44}" "$rps" "$p50" "$p95" "$ratio" "$requests" "$((status + errors))")")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_server true
story=$(curl -fs "$base/api/stories" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
# The most quoted resolved speaker (unresolved sources have no entity key).
speaker=$(curl -fs "$base/api/speakers" | grep -o '"speaker":"[^"]*","speaker_key":"' | head -1 | cut -d'"' -f4)
[ -n "$story" ] && [ -n "$speaker" ] || { echo "no story or speaker in the store" >&2; exit 1; }

run documents "/documents"
run story-cached "/stories/$story"
run api-search "/api/search?q=xinjiang"
run search-speaker "/search?speaker=$(urlencode "$speaker")"
stop_server
start_server false
run story-uncached "/stories/$story"
stop_server
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "storyline serve (Release), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, store: $(ls "$SAMPLES" | wc -l) samples"
echo "load average before: $load_before, after: $load_after"
printf '%-16s %-44s %10s %9s %9s %7s %8s %6s\n' target path "req/s" "p50 ms" "p95 ms" "ratio" requests errors
printf '%s\n' "${rows[@]}"
echo "ratio: requests/s relative to /documents in this run; errors: non-2xx/3xx answers plus socket errors"
