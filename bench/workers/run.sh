#!/bin/bash
# One throwaway PostgreSQL cluster, two `storyline worker` processes and two web instances on loopback (README: Workers), then a
# worker killed with kill -9 mid-batch and its batch taken again after the lease. Needs Debian's postgresql (apt-get install -y
# postgresql) and a Release build of the CLI (dotnet build src/Storyline.Cli -c Release). Run from the repository root, as root
# (PostgreSQL runs as the postgres user). Ports 55432, 5081 and 5082 must be free.
set -u
cd "$(dirname "$0")/../.."
storyline=src/Storyline.Cli/bin/Release/net10.0/Storyline.Cli
PG=${PG:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
D=$(mktemp -d /tmp/storyline-demo-XXXX); chown postgres "$D"; echo "folder $D"
runuser -u postgres -- $PG/initdb -D "$D/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- $PG/pg_ctl -D "$D/data" -l "$D/server.log" -o "-p 55432 -c listen_addresses=127.0.0.1 -k $D" -w start
trap 'kill ${W1:-} ${W2:-} ${S1:-} ${S2:-} ${K:-} 2>/dev/null; runuser -u postgres -- $PG/pg_ctl -D "$D/data" -m fast -w stop >/dev/null 2>&1' EXIT
export STORYLINE_STORE=postgresql://postgres@127.0.0.1:55432/news
echo "== ingest --queue"; $storyline ingest ../shared/samples/xinjiang --queue | tail -2
echo "== two workers"
$storyline worker > "$D/worker1.log" 2>&1 & W1=$!
$storyline worker > "$D/worker2.log" 2>&1 & W2=$!
export STORYLINE_API_KEY=demo-key-0123456789 STORYLINE_USE_WORKERS=true
$storyline serve --urls http://127.0.0.1:5081 > "$D/web1.log" 2>&1 & S1=$!
$storyline serve --urls http://127.0.0.1:5082 > "$D/web2.log" 2>&1 & S2=$!
for i in $(seq 1 60); do curl -sf http://127.0.0.1:5081/healthz >/dev/null && curl -sf http://127.0.0.1:5082/healthz >/dev/null && break; sleep 1; done
for i in $(seq 1 90); do h=$(curl -s http://127.0.0.1:5082/healthz); case "$h" in *'"queue_depth":0'*) break;; esac; sleep 1; done
echo "== healthz after the workers drained the queue: $h"
echo "== ingest through web 1"
curl -s -H "X-Api-Key: $STORYLINE_API_KEY" -H 'Content-Type: application/json' -d '{"text":"Officials weigh cotton measures\n\nParagraph 1: officials in Urumqi discussed cotton exports at length on Tuesday, according to people present at the meeting in the capital.\n\nParagraph 2: the cotton measures were debated again on Wednesday.","source":"Wire","published":"2021-03-04"}' http://127.0.0.1:5081/api/ingest; echo
echo "== healthz on web 2 right after: $(curl -s http://127.0.0.1:5082/healthz)"
for i in $(seq 1 60); do h=$(curl -s http://127.0.0.1:5082/healthz); case "$h" in *'"queue_depth":0'*) break;; esac; sleep 1; done
echo "== healthz on web 2 once drained: $h"
echo "== stories via web 2: $(curl -s http://127.0.0.1:5082/api/stories | head -c 400)"
kill -TERM $W1 $W2; wait $W1; echo "worker 1 exited: $?"; wait $W2; echo "worker 2 exited: $?"
echo "== worker 1 log"; cat "$D/worker1.log"; echo "== worker 2 log"; cat "$D/worker2.log"
kill $S1 $S2; wait $S1 $S2 2>/dev/null

unset STORYLINE_USE_WORKERS
echo "== kill -9 a worker mid-batch"
export STORYLINE_STORE=postgresql://postgres@127.0.0.1:55432/killed
$storyline ingest ../shared/samples/xinjiang --queue | tail -1
$storyline worker --batch 5 --lease 15 > "$D/killed.log" 2>&1 & K=$!
sleep 3; kill -9 $K; wait $K 2>/dev/null; echo "killed worker log:"; cat "$D/killed.log"
echo "queue right after the kill:"; $storyline worker --once --json
sleep 15
echo "after the lease:"; $storyline worker --once --json
$storyline brief --format json > "$D/brief-killed.json" 2>/dev/null
rm -f "$D/plain2.db"; $storyline ingest ../shared/samples/xinjiang --store "$D/plain2.db" >/dev/null 2>&1
$storyline brief --format json --store "$D/plain2.db" > "$D/brief-sqlite.json" 2>/dev/null
cmp "$D/brief-killed.json" "$D/brief-sqlite.json" && echo "killed-worker store: brief identical to plain SQLite ingest"
runuser -u postgres -- $PG/pg_ctl -D "$D/data" -m fast -w stop
rm -rf "$D"
