#!/usr/bin/env python3
"""How often two writers' expectations for the same cases agree (docs/COACH.md, "Two writers, one
batch"): the ceiling a coach can reach against one writer's labels.

    python3 bench/coach/agreement.py tests/data/coach/blind/batch-38.jsonl tests/data/coach/blind/second/batch-38.jsonl

The first file is scored as `heed coach --eval` scores the coach (src/cli/coach_eval.c), with the
second writer's expectations standing for the coach's readings. Where the second writer gave no
verdict on an expectation of the first, it is not counted (and the count of those is printed):
the figure is agreement where both decided. Prints per key and in all.
"""
import json
import sys
from collections import Counter


def sentiment_of(label):
    return {'positive': 0.5, 'negative': -0.5, 'neutral': 0.0}.get(label)


def compare(a, b, agree, total):
    """a: the first writer's expect (scored), b: the second's (the readings)"""
    for key, want in a.items():
        if key == 'emotion':
            if 'emotion' not in b:
                continue
            got = b['emotion'] if isinstance(b['emotion'], list) else [b['emotion']]
            wants = want if isinstance(want, list) else [want]
            total[key] += 1
            agree[key] += any(g in wants for g in got[:1])  # the second writer's first choice
        elif key in ('urgent', 'complaint', 'thanks', 'repeat_contact', 'questions', 'commitments'):
            if key not in b:
                continue
            total[key] += 1
            agree[key] += b[key] == want
        elif key == 'answered':
            if 'answered' not in b:
                continue
            total[key] += 1
            agree[key] += b['answered'] == want
        elif key == 'sentiment':
            if 'sentiment' not in b:
                continue
            total[key] += 1
            agree[key] += b['sentiment'] == want
        elif key in ('flags', 'not_flags', 'strengths', 'not_strengths'):
            kind = 'flags' if 'flags' in key else 'strengths'
            yes, no = set(b.get(kind, [])), set(b.get('not_' + kind, []))
            for code in want:
                if code not in yes and code not in no:
                    continue
                k = key + ' ' + code
                total[k] += 1
                agree[k] += (code in yes) == (not key.startswith('not_'))
        elif key == 'commitment_due':
            if 'commitment_due' not in b:
                continue
            for due in want:
                total[key] += 1
                agree[key] += due in b['commitment_due']


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    first = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
    second = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
    if len(first) != len(second):
        sys.exit('the two files have different numbers of cases')
    agree, total = Counter(), Counter()
    given = 0
    for a, b in zip(first, second):
        if a['customer'] != b['customer'] or a.get('reply') != b.get('reply'):
            sys.exit(f"{a.get('id')}: the two files' texts differ")
        ea, eb = a.get('expect', {}), b.get('expect', {})
        given += sum(len(v) if k in ('flags', 'not_flags', 'strengths', 'not_strengths', 'commitment_due') else 1
                     for k, v in ea.items())
        compare(ea, eb, agree, total)
    groups = Counter(), Counter()
    for k in total:
        g = k.split(' ')[0]
        groups[0][g] += agree[k]
        groups[1][g] += total[k]
    for g in sorted(groups[1], key=lambda g: -groups[1][g]):
        print(f'{g:15} {groups[0][g]:5} of {groups[1][g]:5} agree ({100 * groups[0][g] / groups[1][g]:.1f}%)')
    a, t = sum(agree.values()), sum(total.values())
    print(f'all: {a} of {t} agree ({100 * a / t:.1f}%); {given - t} of the first writer\'s {given} expectations '
          f'had no verdict from the second')


if __name__ == '__main__':
    main()
