#!/bin/bash
# Ingest + analysis throughput, as ratios in one run: N FNC-1 bodies (default 300) into SQLite in one process, into PostgreSQL through the
# queue with one worker, and again with two workers at once (each model on every core); then one worker and two workers that each run
# on one thread (--model-threads 1 --documents-at-once 1: the fair test of scaling, since one default worker's model already takes both cores); then checks
# the claims ledgers are byte-identical. Each run prints wall and CPU seconds (user + system, summed over its processes). Needs Debian's
# postgresql, python3, bc and a Release build of the CLI; run from the repository root as root (PostgreSQL runs as the postgres user).
# The throwaway cluster listens on $PORT (default 55433); $S names another build of the CLI.
set -u
cd "$(dirname "$0")/../.."
N=${1:-300}
PORT=${PORT:-55433}
S=${S:-src/Storyline.Cli/bin/Release/net10.0/Storyline.Cli}
PG=${PG:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
D=$(mktemp -d /tmp/storyline-throughput-XXXX)
. bench/workers/cluster.sh
fnc_bodies "$N" "$D/bodies.jsonl"
start_cluster "$D" "$PORT"
# run NAME CMD...: times one process; par NAME CMD...: the same command twice at once. Both record "wall cpu" in $D/NAME.
# (time's last line: a failed command adds a line before it.)
run() { local n=$1; shift; /usr/bin/time -f "%e %U %S" -o "$D/$n.t" "$@" > "$D/$n.out" 2>&1 || echo "$n: exit $? ($(tail -1 "$D/$n.out"))" >&2
  tail -1 "$D/$n.t" | awk '{printf "%s %.2f\n", $1, $2 + $3}' > "$D/$n"; }
par() { local n=$1; shift; local s=$(date +%s.%N)
  /usr/bin/time -f "%e %U %S" -o "$D/$n.a" "$@" > /dev/null 2>&1 & local x=$!
  /usr/bin/time -f "%e %U %S" -o "$D/$n.b" "$@" > /dev/null 2>&1 & local y=$!; wait $x $y
  echo "$(echo "$(date +%s.%N) - $s" | bc) $( (tail -1 "$D/$n.a"; tail -1 "$D/$n.b") | awk '{c += $2 + $3} END {printf "%.2f", c}')" > "$D/$n"; }
wall() { cut -d' ' -f1 "$D/$1"; }
cpu() { cut -d' ' -f2 "$D/$1"; }
show() { printf '%-58s %8.1f s wall %8.1f s CPU  %6.1f docs per CPU-s\n' "$1" "$(wall $2)" "$(cpu $2)" "$(echo "scale=2; $N / $(cpu $2)" | bc)"; }
ratio() { echo "scale=2; $1 / $2" | bc; }
run a $S ingest "$D/bodies.jsonl" --store "$D/plain.db"; show "SQLite, one process (ingest + analysis)" a
P1=postgresql://postgres@127.0.0.1:$PORT/one
run q1 $S ingest "$D/bodies.jsonl" --queue --store $P1; run w1 $S worker --once --store $P1
show "PostgreSQL: ingest --queue" q1; show "PostgreSQL: one worker" w1
P2=postgresql://postgres@127.0.0.1:$PORT/two
run q2 $S ingest "$D/bodies.jsonl" --queue --store $P2; par w2 $S worker --once --store $P2; show "PostgreSQL: two workers" w2
P3=postgresql://postgres@127.0.0.1:$PORT/three
run q3 $S ingest "$D/bodies.jsonl" --queue --store $P3; run w3 $S worker --once --model-threads 1 --documents-at-once 1 --store $P3
show "PostgreSQL: one worker, one model thread" w3
P4=postgresql://postgres@127.0.0.1:$PORT/four
run q4 $S ingest "$D/bodies.jsonl" --queue --store $P4; par w4 $S worker --once --model-threads 1 --documents-at-once 1 --store $P4
show "PostgreSQL: two workers, one model thread each" w4
echo "ratios (wall): PostgreSQL one worker (queue + analysis) / SQLite $(ratio "($(wall q1) + $(wall w1))" "$(wall a)")"
echo "  one worker / two workers $(ratio "$(wall w1)" "$(wall w2)")"
echo "  one one-thread worker / two one-thread workers $(ratio "$(wall w3)" "$(wall w4)")"
same=yes; $S claims --json --store "$D/plain.db" > "$D/c0.json"
for P in $P1 $P2 $P3 $P4; do $S claims --json --store $P > "$D/c.json"; cmp -s "$D/c0.json" "$D/c.json" || same=no; done
[ $same = yes ] && echo "claims ledgers: byte-identical in all five stores" || echo "claims ledgers differ"
