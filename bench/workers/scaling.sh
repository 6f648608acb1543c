#!/bin/bash
# Do workers scale when the machine has room for them? On a 2-vCPU machine two workers cannot run at 2x one (one worker already keeps
# more than a core busy with the PostgreSQL server), so this gives each worker a CPU quota of Q cores (default 0.5, a cgroup v1 `cpu`
# group each, CFS quota) and leaves the server unlimited: one worker, then two at once, drain N queued FNC-1 bodies (default 300), and the
# wall-time ratio says what the software does with a second worker when cores are not the limit. Prints each run's wall and CPU seconds
# and checks the two stores' claims ledgers are byte-identical. Needs root, /sys/fs/cgroup/cpu, Debian's postgresql, python3, bc and a
# Release build of the CLI ($S for another); run from the repository root. The throwaway cluster listens on $PORT (default 55436).
set -u
cd "$(dirname "$0")/../.."
N=${1:-300}
Q=${Q:-0.5}
PORT=${PORT:-55436}
S=${S:-src/Storyline.Cli/bin/Release/net10.0/Storyline.Cli}
PG=${PG:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
CG=/sys/fs/cgroup/cpu
[ -w "$CG" ] || { echo "error: $CG is not a writable cgroup v1 cpu hierarchy" >&2; exit 2; }
D=$(mktemp -d /tmp/storyline-scaling-XXXX)
. bench/workers/cluster.sh
fnc_bodies "$N" "$D/bodies.jsonl"
start_cluster "$D" "$PORT"
quota=$(echo "$Q * 100000 / 1" | bc)
for g in a b; do mkdir -p "$CG/storyline-$g-$$"; echo 100000 > "$CG/storyline-$g-$$/cpu.cfs_period_us"; echo "$quota" > "$CG/storyline-$g-$$/cpu.cfs_quota_us"; done
trap 'runuser -u postgres -- $PG/pg_ctl -D "$D/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$D"; rmdir $CG/storyline-a-$$ $CG/storyline-b-$$ 2>/dev/null' EXIT
# worker GROUP STORE OUT: one worker draining the queue inside the cgroup, timed (wall, user + system CPU).
worker() { /usr/bin/time -f "%e %U %S" -o "$3" sh -c "echo \$\$ > $CG/storyline-$1-$$/cgroup.procs && exec $S worker --once --store $2" >/dev/null 2>&1; }
P1=postgresql://postgres@127.0.0.1:$PORT/one
P2=postgresql://postgres@127.0.0.1:$PORT/two
$S ingest "$D/bodies.jsonl" --queue --store $P1 >/dev/null 2>&1
$S ingest "$D/bodies.jsonl" --queue --store $P2 >/dev/null 2>&1
worker a $P1 "$D/one"
s=$(date +%s.%N); worker a $P2 "$D/two-a" & x=$!; worker b $P2 "$D/two-b" & y=$!; wait $x $y; two=$(echo "$(date +%s.%N) - $s" | bc)
one=$(tail -1 "$D/one" | cut -d' ' -f1)
printf 'one worker (%s cores)       %6.1f s wall %6.1f s CPU\n' "$Q" "$one" "$(tail -1 "$D/one" | awk '{print $2 + $3}')"
printf 'two workers (%s cores each) %6.1f s wall %6.1f s CPU\n' "$Q" "$two" "$( (tail -1 "$D/two-a"; tail -1 "$D/two-b") | awk '{c += $2 + $3} END {print c}')"
echo "two workers' speed-up: $(echo "scale=2; $one / $two" | bc)"
$S claims --json --store $P1 > "$D/c1.json"; $S claims --json --store $P2 > "$D/c2.json"
cmp -s "$D/c1.json" "$D/c2.json" && echo "claims ledgers: byte-identical" || echo "claims ledgers differ"
