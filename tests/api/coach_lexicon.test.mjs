// An organisation's coach lexicon through the doors: heed coach --lexicon, and
// heed serve --coach-lexicon (flag > HEED_COACH_LEXICON > heed.conf) for POST /api/v1/coach.
// A bad line stops both, naming FILE:LINE and the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertOk, cli, freshDbIn, serve } from './helpers.mjs';

let dir, good, bad;
const LEXICON = [
  '# our words',
  'flag\tnegative_phrasing\tcomputer says no\tlet me look at what I can do\tis our banned phrase',
  'cue\turgent\tstocktake', // not "payroll run": the learned model reads "run" as urgent unaided
  'synonym\tinvoice\tremittance',
].join('\n') + '\n';
const CASE = { customer: 'The stocktake is on Thursday. Where is my remittance?', reply: 'Computer says no. Your invoice is attached.', now: '2026-11-23T10:00:00Z' };

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'heed-lexicon-'));
  good = join(dir, 'ours.tsv');
  bad = join(dir, 'bad.tsv');
  writeFileSync(good, LEXICON);
  writeFileSync(bad, '# ours\nsentiment\t1\tfine\nemotion\tbored\tmeh\n');
});
after(() => { rmSync(dir, { recursive: true, force: true }); });

// what the lexicon changes in a report
function withLexicon(report) {
  const flag = report.reply.flags.find((f) => f.code === 'negative_phrasing');
  assert.ok(flag, JSON.stringify(report.reply.flags));
  assert.equal(flag.text, 'Computer says no');
  assert.equal(flag.suggestion, 'Let me look at what I can do');
  assert.match(flag.why, /^"Computer says no" is our banned phrase \(negative_phrasing rule/);
  assert.equal(report.customer.urgent, true);
  assert.deepEqual(report.reply.answered, [true]);
}
function withoutLexicon(report) {
  assert.equal(report.reply.flags.find((f) => f.code === 'negative_phrasing'), undefined);
  assert.equal(report.customer.urgent, false);
  assert.deepEqual(report.reply.answered, [false]);
}

test('heed coach --lexicon uses every entry, and a bad line stops it with FILE:LINE', () => {
  const plain = cli(['coach'], JSON.stringify(CASE) + '\n');
  assert.equal(plain.status, 0, plain.stderr);
  withoutLexicon(JSON.parse(plain.stdout));
  const ours = cli(['coach', '--lexicon', good], JSON.stringify(CASE) + '\n');
  assert.equal(ours.status, 0, ours.stderr);
  withLexicon(JSON.parse(ours.stdout));
  const refused = cli(['coach', '--lexicon', bad], JSON.stringify(CASE) + '\n');
  assert.equal(refused.status, 1);
  assert.equal(refused.stdout, '', 'nothing is analysed with half a lexicon');
  assert.equal(refused.stderr.trim(), `heed: ${bad}:3: unknown emotion "bored" (expected angry, frustrated, anxious, sad, confused or happy)`);
  const missing = cli(['coach', '--lexicon', join(dir, 'nope.tsv')], '');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot open coach lexicon/);
});

test('heed serve --coach-lexicon: POST /api/v1/coach uses it', async () => {
  const { db, token } = freshDbIn(dir, 'flag.db');
  const plain = await serve(db, token);
  try {
    withoutLexicon(assertOk(await plain.api('POST', '/api/v1/coach', CASE)));
  } finally {
    assert.equal((await plain.signal('SIGTERM')).code, 0);
  }
  // the flag wins over the environment (which names a bad file here)
  const srv = await serve(db, token, ['--coach-lexicon', good], { HEED_COACH_LEXICON: bad });
  try {
    withLexicon(assertOk(await srv.api('POST', '/api/v1/coach', CASE)));
  } finally {
    assert.equal((await srv.signal('SIGTERM')).code, 0);
  }
});

test('HEED_COACH_LEXICON and heed.conf coach_lexicon', async () => {
  const { db, token } = freshDbIn(dir, 'env.db');
  const conf = join(dir, 'heed.conf');
  writeFileSync(conf, `coach_lexicon = ${good}\n`);
  const byConf = await serve(db, token, ['--config', conf]);
  try {
    withLexicon(assertOk(await byConf.api('POST', '/api/v1/coach', CASE)));
  } finally {
    assert.equal((await byConf.signal('SIGTERM')).code, 0);
  }
  // the environment wins over heed.conf, and --coach_lexicon is --coach-lexicon
  writeFileSync(conf, `coach_lexicon = ${bad}\n`);
  for (const [args, env] of [[['--config', conf], { HEED_COACH_LEXICON: good }], [['--config', conf, '--coach_lexicon', good], {}]]) {
    const srv = await serve(db, token, args, env);
    try {
      withLexicon(assertOk(await srv.api('POST', '/api/v1/coach', CASE)));
    } finally {
      assert.equal((await srv.signal('SIGTERM')).code, 0);
    }
  }
});

test('heed serve with a bad lexicon does not start, and says which line', () => {
  const { db } = freshDbIn(dir, 'bad.db');
  const r = cli(['serve', '--db', db, '--listen', '127.0.0.1:1', '--coach-lexicon', bad]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, new RegExp(`^heed: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: unknown emotion "bored"`));
});
