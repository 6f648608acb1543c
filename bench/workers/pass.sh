#!/bin/bash
# The stories pass at the end of a drain: W (default 2) one-thread workers (--model-threads 1 --documents-at-once 1, no quotas) drain N
# queued FNC-1 bodies (default 300) from a throwaway cluster; for each worker, when its last batch ended, when it exited, the time between
# (its share of the stories pass, plus any wait for stories another worker was building) and the ledgers and briefings it wrote. Needs
# Debian's postgresql, python3, bc and a Release build of the CLI ($S for another); run from the repository root as root. The cluster
# listens on $PORT (default 55437).
set -u
cd "$(dirname "$0")/../.."
N=${1:-300}
W=${W:-2}
PORT=${PORT:-55437}
S=${S:-src/Storyline.Cli/bin/Release/net10.0/Storyline.Cli}
PG=${PG:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
D=$(mktemp -d /tmp/storyline-pass-XXXX)
. bench/workers/cluster.sh
fnc_bodies "$N" "$D/bodies.jsonl"
start_cluster "$D" "$PORT"
P=postgresql://postgres@127.0.0.1:$PORT/pass
$S ingest "$D/bodies.jsonl" --queue --store $P >/dev/null 2>&1
stamp() { while IFS= read -r line; do echo "$(date +%s.%N) $line"; done; }
start=$(date +%s.%N)
for w in $(seq 1 "$W"); do ($S worker --once --model-threads 1 --documents-at-once 1 --store $P 2>&1 | stamp > "$D/w$w.log") & done
wait
echo "wall $(echo "$(date +%s.%N) - $start" | bc) s"
for w in $(seq 1 "$W"); do python3 - "$D/w$w.log" "$start" "$w" <<'PY'
import sys
lines = [l.rstrip('\n').split(' ', 1) for l in open(sys.argv[1])]
start = float(sys.argv[2])
batches = [float(t) for t, l in lines if l.startswith('batch ')]
last = batches[-1] if batches else start
end = float(lines[-1][0])
wrote = [l for t, l in lines if 'ledgers' in l]
print(f"worker {sys.argv[3]}: {len(batches)} batches, last ended at {last - start:.1f} s, exit at {end - start:.1f} s: "
      f"{end - last:.1f} s after its last batch; {'; '.join(wrote) or 'wrote no ledger'}")
PY
done
