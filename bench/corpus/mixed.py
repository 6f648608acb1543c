#!/usr/bin/env python3
"""Writes a JSON Lines corpus of real news text from ../shared/eval for whole-store measurements (ingest throughput, page sizes at scale):
FNC-1 bodies, then PolNeAR texts (train, dev), DUC 2004 dev documents and CoNLL++ training documents (tokens joined by spaces) until N
records. Each record gets a publication day, 28 to a month, so that stories have a time line.

    python3 bench/corpus/mixed.py 3000 /tmp/corpus3000.jsonl
    dotnet src/Storyline.Cli/bin/Release/net10.0/Storyline.Cli.dll ingest /tmp/corpus3000.jsonl --store /tmp/big3000.db --json
"""
import csv, glob, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(here, '..', '..', '..', 'shared', 'eval')
n, out_path = int(sys.argv[1]), sys.argv[2]
csv.field_size_limit(10**9)
records = []
for r in csv.DictReader(open(os.path.join(shared, 'fnc1', 'train_bodies.csv'), encoding='utf-8')):
    records.append((f'file:fnc-{r["Body ID"]}', r['articleBody']))
for split in ['train', 'dev']:
    for f in sorted(glob.glob(os.path.join(shared, 'polnear', 'data', split, 'text', '*'))):
        records.append((f'file:polnear-{os.path.basename(f)}', open(f, encoding='utf-8').read()))
for f in sorted(glob.glob(os.path.join(shared, 'duc2004-dev', '*', 'docs', '*'))):
    records.append((f'file:duc-{f.split(os.sep)[-3]}-{os.path.basename(f)}', open(f, encoding='utf-8', errors='replace').read()))
docs, doc = [], []
for line in open(os.path.join(shared, 'conll2003', 'conllpp_train.txt'), encoding='utf-8'):
    if line.startswith('-DOCSTART-'):
        if doc: docs.append(doc)
        doc = []
    elif line.strip():
        doc.append(line.split()[0])
    else:
        doc.append('\n')
if doc: docs.append(doc)
for i, tokens in enumerate(docs):
    if len(records) >= n: break
    text = ' '.join(tokens).replace(' \n ', '\n').replace('\n \n', '\n')
    if len(text.split()) >= 60: records.append((f'file:conll-{i + 1}', text))
with open(out_path, 'w', encoding='utf-8') as out:
    for k, (url, text) in enumerate(records[:n]):
        out.write(json.dumps({'url': url, 'text': text, 'published': f'2019-{1 + k // 28 % 12:02d}-{1 + k % 28:02d}'}) + '\n')
print(f'{min(n, len(records))} records written to {out_path}', file=sys.stderr)
