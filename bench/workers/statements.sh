#!/bin/bash
# What a PostgreSQL worker sends, statement by statement: N FNC-1 bodies (default 48) queued, then drained by one worker (WORKERS=2: two at
# once), on a throwaway cluster logging every statement with its duration (log_min_duration_statement=0). Prints the statement counts by
# kind (deterministic for one worker) and the story placement transactions: wall time from BEGIN to COMMIT, server time (lock wait and
# commit apart) and what is left, the client's own work and the round trips; GAPS=1 adds the time between consecutive statements.
# Needs Debian's postgresql, python3 and a Release build of the CLI ($S to use another); run from the repository root as root.
set -u
cd "$(dirname "$0")/../.."
N=${1:-48}
PORT=${PORT:-55435}
WORKERS=${WORKERS:-1}
S=${S:-src/Storyline.Cli/bin/Release/net10.0/Storyline.Cli}
PG=${PG:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
D=$(mktemp -d /tmp/storyline-statements-XXXX); chown postgres "$D"
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
runuser -u postgres -- $PG/pg_ctl -D "$D/data" -l "$D/server.log" -o "-p $PORT -c listen_addresses=127.0.0.1 -k $D -c log_min_duration_statement=0 -c log_line_prefix='%m [%p] '" -w start >/dev/null
trap 'runuser -u postgres -- $PG/pg_ctl -D "$D/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$D"' EXIT
P=postgresql://postgres@127.0.0.1:$PORT/statements
# (exit 1 when an input failed, e.g. over its time budget on a loaded machine: the rest are queued)
$S ingest "$D/bodies.jsonl" --queue --store $P 2>&1 | tail -1
from=$(wc -l < "$D/server.log")
for i in $(seq 1 "$WORKERS"); do $S worker --once --store $P > "$D/worker$i.log" 2>&1 & done; wait
tail -n +$((from + 1)) "$D/server.log" > "$D/worker.sql.log"
python3 bench/workers/pglog.py "$D/worker.sql.log" 12 ${GAPS:+gaps}
