#!/usr/bin/env python3
"""Feasibility check for the next step of the learned "answered" reading (issue 12; docs/COACH.md,
"The twentieth look"): does a reading with the reply's words beat the coach's final answer on
blind batches it has not seen?

A logistic regression (AdaGrad, L2, a fixed seed) over, per question whose count the coach gets
right: the coach's own answer features (`heed coach --answer-features`), its final answer, the
question's place and the number of questions, the question's first six words, and the reply's
words and adjacent pairs. Trained on blind batches TRAIN, read on TEST. Not part of the product:
it prints how many answers the coach gets right on TEST and how many the reading would.

    make heed && python3 bench/coach/answered_words_proto.py [TRAIN TEST]   # e.g. 1-61 62-75 (default)

Measured 2026-12-07 at f693f31 (about 2 minutes a run): trained on 01-61 and read on 62-75, the
coach gets 1,842 of 2,024 questions right, the reading 1,855-1,865 (L2 1e-4 to 1e-2, features
seen 3 or 10 times), and 1,849 without the words (the coach's features and final answer only).
Trained on 01-71 and read on 72-75: the coach 462 of 517, the reading 458-467, 466 without the
words. About one answer a batch: not enough to build it this way.
"""
import collections
import json
import math
import random
import re
import subprocess
import sys

HEED = './heed'
NOW = '2026-11-23T10:00:00Z'  # as heed coach --eval reads a case without "now"
STOP = set(("the a an and or but if of to in on at for with from by is are was were be been am i me my we us our you your it "
            "its this that these those there here can could would should will shall do does did have has had not no yes please "
            "thanks thank hi hello dear just also any some").split())


def span(s):
    a, b = (int(x) for x in s.split('-'))
    return [f'tests/data/coach/blind/batch-{i:02d}.jsonl' for i in range(a, b + 1)]


def words(text):
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z']+|\d+|[?!]", text)]


def load(files):
    """one row per question: (feature names, the writer's answer, the coach's answer)"""
    cases = [json.loads(l) for f in files for l in open(f) if l.strip()]
    cases = [c for c in cases if isinstance(c.get('reply'), str) and 'answered' in c.get('expect', {})]
    lines = []
    for c in cases:
        o = {k: v for k, v in c.items() if k not in ('id', 'expect', 'note')}
        o.setdefault('now', NOW)
        lines.append(json.dumps(o))
    out = subprocess.run([HEED, 'coach', '--answer-features'], input='\n'.join(lines) + '\n',
                         capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for c, line in zip(cases, out):
        r = json.loads(line)
        feats, got = r['reply'].get('answer_features', []), r['reply'].get('answered', [])
        asked = [q['text'] if isinstance(q, dict) else q for q in r['customer'].get('questions', [])]
        want = c['expect']['answered']
        if len(feats) != len(want):
            continue  # a question the coach split or missed has no expectation to learn from
        rw = words(c['reply'])
        reply = {'r:' + w for w in rw if w not in STOP} | {'rb:' + a + ' ' + b for a, b in zip(rw, rw[1:])}
        for i, (x, w) in enumerate(zip(feats, want)):
            f = {'a:' + n for n in x} | {'final:' + str(bool(got[i])), 'n:' + str(min(len(want), 4)), 'pos:' + str(min(i, 2))}
            f |= {'q:' + t for t in (words(asked[i])[:6] if i < len(asked) else [])}
            rows.append((f | reply, 1 if w else 0, bool(got[i])))
    return rows


def train(rows, l2, min_count, epochs=15, rate=0.1):
    seen = collections.Counter(k for f, _, _ in rows for k in f)
    w, g2 = collections.defaultdict(float), collections.defaultdict(float)
    order = list(range(len(rows)))
    random.seed(1)
    for _ in range(epochs):
        random.shuffle(order)
        for j in order:
            f, y, _ = rows[j]
            keys = [k for k in f if seen[k] >= min_count] + ['bias']
            z = max(-30.0, min(30.0, sum(w[k] for k in keys)))
            err = 1 / (1 + math.exp(-z)) - y
            for k in keys:
                grad = err + l2 * w[k]
                g2[k] += grad * grad
                w[k] -= rate * grad / math.sqrt(g2[k] + 1e-8)
    return w


def right(w, rows):
    return sum(1 for f, y, _ in rows if (sum(w.get(k, 0.0) for k in f) + w.get('bias', 0.0) > 0) == (y == 1))


def main():
    tr_span, te_span = (sys.argv[1], sys.argv[2]) if len(sys.argv) == 3 else ('1-61', '62-75')
    tr, te = load(span(tr_span)), load(span(te_span))
    print(f'train {tr_span}: {len(tr)} questions; test {te_span}: {len(te)} questions')
    print(f'the coach on the test: {sum(1 for _, y, g in te if g == (y == 1))} right')
    for l2 in (1e-2, 1e-3, 1e-4):
        for min_count in (3, 10):
            w = train(tr, l2, min_count)
            print(f'L2 {l2}, features seen {min_count}+ times: {right(w, te)} right on the test ({right(w, tr)} on the training)')
    plain = [({k for k in f if k.split(':')[0] in ('a', 'final', 'n', 'pos')}, y, g) for f, y, g in tr]
    plain_te = [({k for k in f if k.split(':')[0] in ('a', 'final', 'n', 'pos')}, y, g) for f, y, g in te]
    print(f'without words (L2 1e-3): {right(train(plain, 1e-3, 3), plain_te)} right on the test')


if __name__ == '__main__':
    main()
