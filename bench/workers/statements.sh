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
D=$(mktemp -d /tmp/storyline-statements-XXXX)
. bench/workers/cluster.sh
fnc_bodies "$N" "$D/bodies.jsonl"
start_cluster "$D" "$PORT" -c log_min_duration_statement=0 -c "log_line_prefix='%m [%p] '"
P=postgresql://postgres@127.0.0.1:$PORT/statements
# (exit 1 when an input failed, e.g. over its time budget on a loaded machine: the rest are queued)
$S ingest "$D/bodies.jsonl" --queue --store $P 2>&1 | tail -1
from=$(wc -l < "$D/server.log")
for i in $(seq 1 "$WORKERS"); do $S worker --once --store $P > "$D/worker$i.log" 2>&1 & done; wait
tail -n +$((from + 1)) "$D/server.log" > "$D/worker.sql.log"
python3 bench/workers/pglog.py "$D/worker.sql.log" 12 ${GAPS:+gaps}
