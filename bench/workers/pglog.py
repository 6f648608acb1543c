#!/usr/bin/env python3
"""Reads a PostgreSQL server log written with log_min_duration_statement=0 and log_line_prefix='%m [%p] ' (bench/workers/statements.sh):
statement counts by kind (the first KINDS, default 25), then the story placement transactions (those that write document vectors), the
title transactions of the build before batches and those that found nothing to place: per transaction its wall time (BEGIN to COMMIT, to
the log's millisecond), the server's time (lock wait and commit apart), the rest (the client's work and round trips) and the statements
that took the server's time. A third argument, gaps, adds the time between consecutive statements of the placement transactions.
Usage: pglog.py LOG [KINDS] [gaps]"""
import re, sys, collections, datetime
entry = re.compile(r'^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) UTC \[(\d+)\] LOG:  duration: ([0-9.]+) ms  (statement|parse|bind|execute) ?[^:]*: (.*)$')
entries = []
for line in open(sys.argv[1], encoding='utf-8', errors='replace'):
    m = entry.match(line)
    if m:
        ts = datetime.datetime.strptime(m[1], '%Y-%m-%d %H:%M:%S.%f').timestamp()
        entries.append([ts, int(m[2]), float(m[3]), m[4], m[5].strip()])
    elif entries and line.startswith('\t'):
        entries[-1][4] += ' ' + line.strip()
def kind(sql):
    s = re.sub(r'\s+', ' ', sql)
    return s[:90]
statements = [e for e in entries if e[3] in ('statement', 'execute')]
print(f'statements (simple + extended executes): {len(statements)}')
c = collections.Counter(kind(e[4]) for e in statements)
for k, n in c.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 25): print(f'{n:7d}  {k}')
# Transactions per backend: BEGIN ... COMMIT/ROLLBACK
by_pid = collections.defaultdict(list)
for e in entries: by_pid[e[1]].append(e)
place = []; titles = []; empty = []
for pid, es in by_pid.items():
    cur = None
    for e in es:
        if e[3] == 'statement' and e[4].startswith('BEGIN'): cur = [e]; continue
        if cur is None: continue
        cur.append(e)
        if e[3] == 'statement' and (e[4].startswith('COMMIT') or e[4].startswith('ROLLBACK')):
            if any(x[4].startswith('INSERT INTO story_vectors') for x in cur): place.append(cur)
            elif any(x[4].startswith('SELECT title FROM documents') for x in cur): titles.append(cur)
            elif any('FROM story_vectors), 0)' in x[4] for x in cur): empty.append(cur)
            cur = None
def report(name, txns):
    print(f'{name}: {len(txns)}')
    if not txns: return
    place = txns
    tot = collections.defaultdict(float); cnt = collections.Counter()
    wall = server = commit = lock = 0.0; execs = 0
    for t in place:
        # wall: from the end of BEGIN's log line to the end of COMMIT's (ms precision), plus BEGIN's own duration
        wall += (t[-1][0] - t[0][0]) * 1000 + t[0][2]
        for e in t:
            server += e[2]
            k = kind(e[4])[:60]
            tot[k] += e[2]
            if e[3] in ('statement', 'execute'): cnt[k] += 1; execs += 1
            if e[4].startswith('COMMIT'): commit += e[2]
            if 'pg_advisory_xact_lock' in e[4] and e[3] == 'execute': lock += e[2]
    n = len(place)
    print(f'  per transaction: wall {wall / n:.2f} ms, server busy {server / n:.2f} ms (lock wait {lock / n:.2f}, commit {commit / n:.2f}), '
          f'statements {execs / n:.1f}; rest (client + round trips) {(wall - server) / n:.2f} ms')
    for k, v in sorted(tot.items(), key=lambda kv: -kv[1])[:20]: print(f'  {v / n:7.3f} ms/txn  {cnt[k] / n:5.2f}/txn  {k}')

report('placement transactions (writing document vectors)', place)
report('story title transactions', titles)
report('transactions finding nothing to place', empty)
# Gaps inside the placement transactions: time between one statement's end and the next one's start (log time minus its duration),
# i.e. what the client spent (computing, or the round trip) before sending the next statement.
if len(sys.argv) > 3 and place:
    gaps = collections.defaultdict(float); gc = collections.Counter()
    for t in place:
        ex = [e for e in t if e[3] in ('statement', 'execute', 'parse')]
        prev = None
        for e in ex:
            if e[3] == 'parse':
                start = e[0] - e[2] / 1000
                if prev is not None:
                    g = (start - prev[0]) * 1000
                    key = kind(prev[4])[:40] + ' -> ' + kind(e[4])[:40]
                    gaps[key] += g; gc[key] += 1
            if e[3] in ('statement', 'execute'): prev = e
            if e[3] == 'statement' and prev is not None and e is not t[0]:
                pass
    n = len(place)
    print('gaps (ms per placement transaction, count per transaction):')
    for k, v in sorted(gaps.items(), key=lambda kv: -kv[1])[:25]: print(f'  {v / n:7.2f}  {gc[k] / n:5.2f}  {k}')
    print(f'  total {sum(gaps.values()) / n:.2f}')
