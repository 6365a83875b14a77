#!/usr/bin/env python3
"""Do two builds of `heed coach` give the same bytes? The check every coach speed step must pass.

    python3 bench/coach/same_output.py OLD_HEED NEW_HEED [--data ../shared/data]

Runs both binaries, with and without the example organisation lexicon, on: every test-set file
and the held-out file; the test set again with time zones and offset clocks; the GoEmotions dev
texts (from ../shared/data, never committed) as customer messages and as replies; email-sized
cases built from the test set; the fuzz corpus as cases; and seeded random text made of the
pieces the tokenizer treats specially (apostrophes straight and curly, numbers with '.', ',' and
':', abbreviations, capitals, accents, emoji, invalid bytes, terminators, long words).
Exits 1 at the first input whose outputs differ, naming it and the first differing line.
Inputs are written to build/coach-same/.
"""
import json
import os
import random
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'build', 'coach-same')
LEXICON = os.path.join(ROOT, 'data', 'coach', 'examples', 'organisation.tsv')
NOW = '2026-11-23T10:00:00Z'


def test_set_files():
    d = os.path.join(ROOT, 'tests', 'data', 'coach')
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith('.jsonl'))
    return files + [os.path.join(d, 'heldout', 'heldout.jsonl')]


def read_cases(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def write(name, cases):
    path = os.path.join(OUT, name)
    with open(path, 'w', encoding='utf-8') as f:
        for c in cases:
            f.write(c if isinstance(c, str) else json.dumps(c, ensure_ascii=False))
            f.write('\n')
    return path


def strip(c):
    return {k: v for k, v in c.items() if k in ('customer', 'reply', 'now', 'customer_name', 'tz')}


def zoned(cases):
    """the test set's texts with time zones and clocks with offsets, some without a customer"""
    zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney']
    offsets = ['2026-11-23T10:00:00-05:00', '2026-03-29T00:30:00+01:00', '2026-11-23T23:59:00+05:30', '2026-10-04T01:30:00Z']
    out = []
    for i, c in enumerate(cases):
        c = strip(c)
        if i % 3 == 0:
            c['tz'] = zones[i % 4]
            c['now'] = offsets[3] if i % 2 else NOW
        else:
            c['now'] = offsets[i % 4]
        if i % 5 == 0:
            c.pop('customer', None)
        out.append(c)
    return out


def email_sized(cases, rng):
    """long customer messages and replies: several of the test set's texts joined"""
    texts = [c.get('customer', '') for c in cases if c.get('customer')]
    replies = [c.get('reply', '') for c in cases if c.get('reply')]
    out = []
    for _ in range(400):
        out.append({'customer': '\n\n'.join(rng.sample(texts, 6)), 'reply': ' '.join(rng.sample(replies, 8)),
                    'now': NOW, 'customer_name': 'Sam'})
    return out


PIECES = ['word', 'Word', 'WORD', 'OK', 'I', 'a', "don't", "DON'T", 'don\u2019t', "l'\u00e9t\u00e9", "it's'", "'tis",
          "rock'n'roll", "9's", "x'1", '3.50', '1,000', '12:30', '1.2.3', '4.', '.5', 'e.g.', 'Mr.', 'Dr', 'etc.',
          'approx.', 'U.S.A.', 'caf\u00e9', '\u00c9T', '\u00e9t', 'na\u00efve', '\u0130stanbul', 'stra\u00dfe',
          '\U0001F600', '\U0001F44D\U0001F3FD', '\u2764\ufe0f', '\u2026', '\u3002', '\uff01', '\uff1f', '!', '?', '!!!',
          '?!', '.', ',', ':', ';', '-', '(', ')', '"', '\u201c', '\u201d', '\u2018', '\u2019', '\u02bc', '#44812',
          '$20', '\u00a320', '5pm', 'by Friday', 'not happy', 'very very good', 'but', 'thank you', 'calm down',
          'as soon as possible', 'x' * 63, 'y' * 64, 'z' * 70, 'A' * 65, '\n', '\n\n', '  ', '\t', 'abc123def',
          'x9Y', 'ALLCAPS', 'MiXeD', '\u0645\u0631\u062d\u0628\u0627', '\u4f60\u597d', '\u0301', 'e\u0301']


def random_text(rng, n):
    parts = []
    for _ in range(n):
        p = rng.choice(PIECES)
        parts.append(p)
        parts.append(rng.choice([' ', ' ', ' ', '', ', ', '. ', '\n', '! ', '? ']))
    return ''.join(parts)


def random_cases(rng):
    out = []
    for i in range(3000):
        n = rng.choice([1, 2, 3, 5, 8, 13, 30, 80, 200])
        c = {'customer': random_text(rng, n), 'now': NOW}
        if i % 2:
            c['reply'] = random_text(rng, rng.choice([2, 10, 40, 150]))
        if i % 7 == 0:
            c['customer_name'] = rng.choice(['Sam', 'Ana', '\u00c9lodie'])
        out.append(c)
    return out


def fuzz_cases():
    """the fuzz corpus: JSON cases as they are, raw customer/reply bytes as cases (invalid UTF-8
    replaced: a JSON string cannot carry it)"""
    d = os.path.join(ROOT, 'fuzz', 'coach', 'corpus')
    out = []
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), 'rb') as f:
            b = f.read()
        if not b:
            continue
        if b[0] % 2 == 0:
            out.extend(b[1:].decode('utf-8', 'replace').split('\n'))
            continue
        body = b[9:] if len(b) >= 9 else b[1:]
        cust, _, reply = body.partition(b'\0')
        c = {'customer': cust.decode('utf-8', 'replace'), 'now': NOW}
        if reply:
            c['reply'] = reply.decode('utf-8', 'replace')
        out.append(c)
    return out


def goemotions(data):
    path = os.path.join(data, 'goemotions', 'dev.tsv')
    if not os.path.exists(path):
        print(f'same_output: {path} not found, the GoEmotions texts are left out')
        return [], []
    with open(path, encoding='utf-8') as f:
        texts = [line.split('\t')[0] for line in f if line.strip()]
    asks = 'Where is my refund? Can you tell me when it will arrive, and whether I need to do anything?'
    return ([{'customer': t, 'now': NOW} for t in texts],
            [{'customer': asks, 'reply': t, 'now': NOW} for t in texts])


def run(binary, path, lexicon):
    cmd = [binary, 'coach'] + (['--lexicon', LEXICON] if lexicon else [])
    with open(path, 'rb') as f:
        r = subprocess.run(cmd, stdin=f, capture_output=True)
    return r.returncode, r.stdout


def main():
    args = sys.argv[1:]
    data = os.path.join(ROOT, '..', 'shared', 'data')
    if '--data' in args:
        i = args.index('--data')
        data = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    old, new = (os.path.abspath(a) for a in args)
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20261123)
    test_cases = [c for f in test_set_files() for c in read_cases(f)]
    inputs = list(test_set_files())
    inputs.append(write('zoned.jsonl', zoned(test_cases)))
    inputs.append(write('email.jsonl', email_sized(test_cases, rng)))
    inputs.append(write('random.jsonl', random_cases(rng)))
    inputs.append(write('fuzz.jsonl', fuzz_cases()))
    customers, replies = goemotions(data)
    if customers:
        inputs.append(write('goemotions-customer.jsonl', customers))
        inputs.append(write('goemotions-reply.jsonl', replies))
    lines = 0
    for path in inputs:
        for lexicon in (False, True):
            a, b = run(old, path, lexicon), run(new, path, lexicon)
            if a != b:
                la, lb = a[1].split(b'\n'), b[1].split(b'\n')
                k = next((i for i in range(min(len(la), len(lb))) if la[i] != lb[i]), min(len(la), len(lb)))
                print(f'same_output: DIFFERENT on {os.path.relpath(path, ROOT)}{" with the lexicon" if lexicon else ""}: '
                      f'exit {a[0]} vs {b[0]}, first at line {k + 1}')
                print('  old:', la[k][:400].decode('utf-8', 'replace') if k < len(la) else '(none)')
                print('  new:', lb[k][:400].decode('utf-8', 'replace') if k < len(lb) else '(none)')
                return 1
            lines += a[1].count(b'\n')
    print(f'same_output: identical on {len(inputs)} inputs, with and without the lexicon ({lines} reports)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
