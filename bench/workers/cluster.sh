# Sourced by the worker benches (throughput.sh, statements.sh): the corpus and the throwaway PostgreSQL cluster they share.
# fnc_bodies N OUT: writes the first N FNC-1 bodies as JSON Lines records (one publication date a day, cycling through 2019).
# start_cluster DIR PORT [-c SETTING ...]: initdb into DIR/data as the postgres user and start it on 127.0.0.1:PORT, its log in
# DIR/server.log; the cluster is stopped and DIR removed when the script exits. Needs $PG (the PostgreSQL bin folder).
fnc_bodies() {
python3 - "$1" "$2" <<'PY'
import csv, json, sys
csv.field_size_limit(10**9)
n, out = int(sys.argv[1]), sys.argv[2]
rows = list(csv.DictReader(open('../shared/eval/fnc1/train_bodies.csv', encoding='utf-8')))[:n]
with open(out, 'w') as f:
    for i, r in enumerate(rows):
        f.write(json.dumps({'url': f'file:fnc-{r["Body ID"]}', 'title': f'Body {r["Body ID"]}', 'text': r['articleBody'],
                            'published': f'2019-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}'}) + '\n')
PY
}
start_cluster() {
  local dir=$1 port=$2; shift 2
  chown postgres "$dir"
  runuser -u postgres -- $PG/initdb -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- $PG/pg_ctl -D "$dir/data" -l "$dir/server.log" -o "-p $port -c listen_addresses=127.0.0.1 -k $dir $*" -w start >/dev/null
  trap "runuser -u postgres -- $PG/pg_ctl -D '$dir/data' -m fast -w stop >/dev/null 2>&1; rm -rf '$dir'" EXIT
}
