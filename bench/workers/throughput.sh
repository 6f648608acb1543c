#!/bin/bash
# Ingest + analysis throughput, as ratios in one run: N FNC-1 bodies (default 300) into SQLite in one process, into PostgreSQL through the
# queue with one worker, and again with two workers at once (each model on every core, then each on one thread, --model-threads 1); then checks the three claims ledgers are byte-identical. Needs Debian's
# postgresql, python3, bc and a Release build of the CLI; run from the repository root as root (PostgreSQL runs as the postgres user).
set -u
cd "$(dirname "$0")/../.."
N=${1:-300}
S=src/Storyline.Cli/bin/Release/net10.0/Storyline.Cli
PG=${PG:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
D=$(mktemp -d /tmp/storyline-throughput-XXXX); chown postgres "$D"
python3 - "$N" "$D/bodies.jsonl" <<'PY'
import csv, json, sys
csv.field_size_limit(10**9)
n, out = int(sys.argv[1]), sys.argv[2]
rows = list(csv.DictReader(open('../shared/eval/fnc1/train_bodies.csv', encoding='utf-8')))[:n]
with open(out, 'w') as f:
    for i, r in enumerate(rows):
        f.write(json.dumps({'url': f'file:fnc-{r["Body ID"]}', 'title': f'Body {r["Body ID"]}', 'text': r['articleBody'],
                            'published': f'2019-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}'}) + '\n')
PY
runuser -u postgres -- $PG/initdb -D "$D/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- $PG/pg_ctl -D "$D/data" -l "$D/server.log" -o "-p 55433 -c listen_addresses=127.0.0.1 -k $D" -w start >/dev/null
trap 'runuser -u postgres -- $PG/pg_ctl -D "$D/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$D"' EXIT
seconds() { local s=$(date +%s.%N); "$@" > /dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
a=$(seconds $S ingest "$D/bodies.jsonl" --store "$D/plain.db"); echo "SQLite, one process (ingest + analysis): $a s"
P1=postgresql://postgres@127.0.0.1:55433/one
q1=$(seconds $S ingest "$D/bodies.jsonl" --queue --store $P1); w1=$(seconds $S worker --once --store $P1)
echo "PostgreSQL: ingest --queue $q1 s, one worker $w1 s"
P2=postgresql://postgres@127.0.0.1:55433/two
q2=$(seconds $S ingest "$D/bodies.jsonl" --queue --store $P2)
s=$(date +%s.%N); $S worker --once --store $P2 >/dev/null 2>&1 & x=$!; $S worker --once --store $P2 >/dev/null 2>&1 & y=$!; wait $x $y
w2=$(echo "$(date +%s.%N) - $s" | bc); echo "PostgreSQL: ingest --queue $q2 s, two workers $w2 s"
P3=postgresql://postgres@127.0.0.1:55433/three
q3=$(seconds $S ingest "$D/bodies.jsonl" --queue --store $P3)
s=$(date +%s.%N); $S worker --once --model-threads 1 --store $P3 >/dev/null 2>&1 & x=$!; $S worker --once --model-threads 1 --store $P3 >/dev/null 2>&1 & y=$!; wait $x $y
w3=$(echo "$(date +%s.%N) - $s" | bc); echo "PostgreSQL: ingest --queue $q3 s, two workers of one model thread each $w3 s"
echo "ratios: PostgreSQL one worker (queue + analysis) / SQLite $(echo "scale=2; ($q1 + $w1) / $a" | bc); one worker / two workers $(echo "scale=2; $w1 / $w2" | bc); one worker / two one-thread workers $(echo "scale=2; $w1 / $w3" | bc)"
$S claims --json --store "$D/plain.db" > "$D/c0.json"; $S claims --json --store $P1 > "$D/c1.json"; $S claims --json --store $P2 > "$D/c2.json"
cmp -s "$D/c0.json" "$D/c1.json" && cmp -s "$D/c1.json" "$D/c2.json" && echo "claims ledgers: byte-identical on all three" || echo "claims ledgers differ"
