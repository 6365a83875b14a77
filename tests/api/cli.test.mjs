// The CLI and the process: --help everywhere, token create, user add, backup,
// graceful shutdown, and a write acknowledged before kill -9 surviving a restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, mkdirSync, writeFileSync, utimesSync, readdirSync, readFileSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeed } from '../lib/server.mjs';
import { assertOk, cli, freshDbIn, serve } from './helpers.mjs';

let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'heed-cli-')); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

// a fresh database with an admin and a token
const freshDb = (name) => freshDbIn(dir, name);

const commands = [['serve'], ['init'], ['demo'], ['user'], ['user', 'add'], ['token'], ['token', 'create'], ['backup'], ['gc-files'], ['coach'], []];
for (const c of commands) {
  test(`heed ${[...c, '--help'].join(' ')} prints usage and exits 0`, () => {
    const r = cli([...c, '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /usage: heed/);
    if (c.length) assert.match(r.stdout, new RegExp(`heed ${c[0]}`));
  });
}

test('heed coach --answer-features lists what the learned reading of "answered" weighed, per question', () => {
  const c = { customer: 'Why was I charged a late fee? And when is my next bill?', reply: 'The late fee was added because the payment arrived on the 3rd.' };
  const plain = JSON.parse(cli(['coach'], JSON.stringify(c) + '\n').stdout);
  assert.equal(plain.reply.answer_features, undefined, 'only on request');
  const r = cli(['coach', '--answer-features'], JSON.stringify(c) + '\n');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.reply.answered, plain.reply.answered, 'listing them changes no reading');
  assert.equal(out.reply.answer_features.length, 2);
  assert.ok(out.reply.answer_features[0].includes('type_why') && out.reply.answer_features[0].includes('reply_reason'), r.stdout);
  assert.ok(out.reply.answer_features[1].includes('type_when') && out.reply.answer_features[1].includes('last_question'), r.stdout);
  assert.ok(out.reply.answer_features.every(f => f[0] === 'bias'));
});

test('heed coach --lexicon-only lists the lexicon\'s evidence for each emotion; a plain run does not', () => {
  const c = { customer: 'This is absolutely ridiculous, I am furious. Third time I\'ve asked!' };
  const lex = JSON.parse(cli(['coach', '--lexicon-only'], JSON.stringify(c) + '\n').stdout).customer;
  assert.equal(lex.lexicon_emotions.length, 7); // angry, frustrated, anxious, sad, confused, happy, neutral
  assert.ok(lex.lexicon_emotions[0] >= 3, JSON.stringify(lex));
  const full = JSON.parse(cli(['coach'], JSON.stringify(c) + '\n').stdout).customer;
  assert.equal(full.lexicon_emotions, undefined);
  assert.equal(full.emotion, 'angry', 'evidence that strong stands over the model');
});

test('heed with an unknown command fails with a message', () => {
  const r = cli(['frobnicate']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr + r.stdout, /frobnicate|usage/);
});

test('heed token create prints the token alone on its last line, and it works', async () => {
  const { db } = freshDb('token.db');
  const r = cli(['token', 'create', '--db', db, '--email', 'ada@heed.test']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines.pop(), '', 'output ends with a newline');
  const token = lines.pop();
  assert.match(token, /^heed_[0-9a-f]{64}$/, 'the last line is the token and nothing else');
  const other = cli(['token', 'create', '--db', db, '--email', 'ada@heed.test']).stdout.trim().split('\n').pop();
  assert.notEqual(other, token, 'each token is new');

  const srv = await serve(db, token);
  try {
    assert.equal(assertOk(await srv.api('GET', '/api/v1/me')).email, 'ada@heed.test');
  } finally {
    assert.equal((await srv.signal('SIGTERM')).code, 0);
  }
  const none = cli(['token', 'create', '--db', db, '--email', 'nobody@heed.test']);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no agent/);
  assert.doesNotMatch(none.stdout, /heed_/);
  assert.equal(cli(['token', 'create', '--db', db]).status, 2, 'no --email is a usage error');
});

test('heed user add rejects a bad role with a message and adds nobody', () => {
  const { db } = freshDb('users.db');
  const r = cli(['user', 'add', '--db', db, '--email', 'bob@heed.test', '--name', 'Bob', '--role', 'boss']);
  assert.ok([1, 2].includes(r.status), `exit ${r.status}`);
  assert.match(r.stderr, /role/);
  assert.equal(cli(['token', 'create', '--db', db, '--email', 'bob@heed.test']).status, 1, 'bob was not added');

  for (const args of [['--email', 'x@heed.test', '--name', 'X'], ['--name', 'X', '--role', 'agent'], ['--email', 'x@heed.test', '--role', 'agent']]) {
    const m = cli(['user', 'add', '--db', db, ...args]);
    assert.equal(m.status, 2, `missing flag: ${args.join(' ')}`);
    assert.match(m.stderr, /needs --email, --name and --role/);
  }
  const email = cli(['user', 'add', '--db', db, '--email', 'not-an-email', '--name', 'X', '--role', 'agent']);
  assert.equal(email.status, 1);
  assert.match(email.stderr, /email/);
  const short = cli(['user', 'add', '--db', db, '--email', 'y@heed.test', '--name', 'Y', '--role', 'agent', '--password-stdin'], 'short\n');
  assert.equal(short.status, 1);
  assert.match(short.stderr, /password/);
  const dup = cli(['user', 'add', '--db', db, '--email', 'ADA@heed.test', '--name', 'Ada 2', '--role', 'agent']);
  assert.equal(dup.status, 1, 'an email is one agent');
  assert.match(dup.stderr, /exists/);
  const ok = cli(['user', 'add', '--db', db, '--email', 'Cleo@Heed.Test', '--name', 'Cleo', '--role', 'supervisor']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(cli(['token', 'create', '--db', db, '--email', 'cleo@heed.test']).status, 0);
});

test('heed backup copies a live database that heed serve can read', async () => {
  const { db, token } = freshDb('live.db');
  const live = await serve(db, token);
  let ticket;
  const dest = join(dir, 'backup.db');
  try {
    ticket = assertOk(await live.api('POST', '/api/v1/tickets', { subject: 'Backed up', customer: { email: 'b@example.com' }, message: 'keep me' }), 201);
    assertOk(await live.api('POST', `/api/v1/tickets/${ticket.id}/replies`, { body: 'kept' }), 201);
    const r = cli(['backup', '--db', db, dest]); // while serving
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(dest));
  } finally {
    assert.equal((await live.signal('SIGTERM')).code, 0);
  }
  const copy = await serve(dest, token);
  try {
    const got = assertOk(await copy.api('GET', `/api/v1/tickets/${ticket.id}`));
    assert.equal(got.subject, 'Backed up');
    assert.deepEqual(got.messages.map((m) => m.body), ['keep me', 'kept']);
    assert.equal(assertOk(await copy.api('GET', '/api/v1/tickets?q=keep')).tickets.length, 1, 'the search index came along');
  } finally {
    assert.equal((await copy.signal('SIGTERM')).code, 0);
  }
  assert.equal(cli(['backup', '--db', db]).status, 2, 'no destination is a usage error');
});

// an email with one attachment: its bytes, and the message
function attachmentMail(id, bytes) {
  return `From: Kai <kai@example.com>\r\nTo: help@heed.test\r\nSubject: Files ${id}\r\nMessage-ID: <${id}@example.com>\r\n` +
    'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee file\r\n' +
    '--b\r\nContent-Type: application/octet-stream; name="data.bin"\r\nContent-Disposition: attachment; filename="data.bin"\r\n' +
    `Content-Transfer-Encoding: base64\r\n\r\n${bytes.toString('base64')}\r\n--b--\r\n`;
}

test('heed backup copies the attachment files too, and only what is missing', () => {
  const { db } = freshDb('files.db');
  const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
  assert.equal(cli(['mail-ingest', '--db', db], attachmentMail('bk1', bytes)).status, 0);
  const dest = join(dir, 'files-backup.db');
  const first = cli(['backup', '--db', db, dest]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /attachment files in .*: (1 copied \(3000 bytes\), 0 linked|0 copied \(0 bytes\), 1 linked), 0 already there/);
  const sub = readdirSync(join(dest + '.files')).filter((n) => n !== 'tmp');
  assert.equal(sub.length, 1);
  const [name] = readdirSync(join(dest + '.files', sub[0]));
  assert.deepEqual(readFileSync(join(dest + '.files', sub[0], name)), bytes);
  assert.deepEqual(readdirSync(join(dest + '.files', 'tmp')), [], 'no partial copies left');
  const again = cli(['backup', '--db', db, dest]);
  assert.match(again.stdout, /0 copied \(0 bytes\), 0 linked, 1 already there/);
});

test('the database, its WAL and SHM, attachments and backups are the owner\'s alone, whatever the umask', async () => {
  const old = process.umask(0o022);
  try {
    const { db, token } = freshDb('modes.db');
    assert.equal(cli(['mail-ingest', '--db', db], attachmentMail('md1', Buffer.from('private bytes'))).status, 0);
    const live = await serve(db, token);
    try {
      assertOk(await live.api('POST', '/api/v1/tickets', { subject: 'Modes', customer: { email: 'm@example.com' }, message: 'hi' }), 201);
      const mode = (p) => (statSync(p).mode & 0o777).toString(8);
      for (const f of [db, db + '-wal', db + '-shm']) assert.equal(mode(f), '600', f);
      assert.equal(mode(db + '.files'), '700');
      const sub = readdirSync(db + '.files').find((n) => n !== 'tmp');
      assert.equal(mode(join(db + '.files', sub)), '700');
      assert.equal(mode(join(db + '.files', sub, readdirSync(join(db + '.files', sub))[0])), '600');
      const dest = join(dir, 'modes-backup.db');
      assert.equal(cli(['backup', '--db', db, dest]).status, 0);
      assert.equal(mode(dest), '600');
      assert.equal(mode(dest + '.files'), '700');
    } finally {
      assert.equal((await live.signal('SIGTERM')).code, 0);
    }
    // a database left world-readable by an older heed is tightened when it is opened
    chmodSync(db, 0o644);
    assert.equal(cli(['init', '--db', db]).status, 0);
    assert.equal((statSync(db).mode & 0o777).toString(8), '600');
  } finally {
    process.umask(old);
  }
});

test('heed gc-files removes old unreferenced files and stale tmp files, keeps the rest', () => {
  const { db } = freshDb('gc.db');
  const bytes = Buffer.from('kept: a row names me');
  assert.equal(cli(['mail-ingest', '--db', db], attachmentMail('gc1', bytes)).status, 0);
  const files = db + '.files';
  const old = new Date(Date.now() - 3 * 86400 * 1000);
  const orphan = (hex, age) => {
    mkdirSync(join(files, hex.slice(0, 2)), { recursive: true });
    const p = join(files, hex.slice(0, 2), hex.slice(2));
    writeFileSync(p, 'orphan ' + hex);
    if (age) utimesSync(p, age, age);
    return p;
  };
  const oldOrphan = orphan('ab'.repeat(32), old), youngOrphan = orphan('cd'.repeat(32), null);
  const oldTmp = join(files, 'tmp', 'att-1234'), youngTmp = join(files, 'tmp', 'att-5678');
  writeFileSync(oldTmp, 'half an attachment'); utimesSync(oldTmp, old, old);
  writeFileSync(youngTmp, 'being written');
  const stranger = join(files, 'ab', 'README'); // not a content address: never touched
  writeFileSync(stranger, 'x'); utimesSync(stranger, old, old);
  // the one the row names is old too: it stays all the same
  const kept = readdirSync(files).filter((n) => /^[0-9a-f]{2}$/.test(n)).flatMap((d) => readdirSync(join(files, d)).map((f) => join(files, d, f)))
    .filter((p) => readFileSync(p).equals(bytes));
  assert.equal(kept.length, 1);
  utimesSync(kept[0], old, old);

  const dry = cli(['gc-files', '--db', db, '--dry-run']);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /^would remove 1 unreferenced files and 1 stale tmp files \(\d+ bytes\); kept 1 in use, 1 younger than 1d/);
  for (const p of [oldOrphan, youngOrphan, oldTmp, youngTmp, kept[0]]) assert.ok(existsSync(p), `dry run keeps ${p}`);

  const run = cli(['gc-files', '--db', db]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^removed 1 unreferenced files and 1 stale tmp files/);
  assert.ok(!existsSync(oldOrphan) && !existsSync(oldTmp), 'old orphans are gone');
  for (const p of [youngOrphan, youngTmp, kept[0], stranger]) assert.ok(existsSync(p), `kept ${p}`);
  // a shorter grace takes the younger orphan once it has aged past it
  utimesSync(youngOrphan, new Date(Date.now() - 120000), new Date(Date.now() - 120000));
  assert.match(cli(['gc-files', '--db', db, '--grace', '1m']).stdout, /^removed 1 unreferenced/);
  assert.ok(!existsSync(youngOrphan));
  assert.ok(existsSync(kept[0]));
  // bad flags change nothing
  assert.equal(cli(['gc-files', '--db', db, '--grace', '10s']).status, 2, 'under the 60 s minimum');
  assert.equal(cli(['gc-files', '--db', db, '--grace', 'soon']).status, 2);
  assert.equal(cli(['gc-files', '--db', db, '--force']).status, 2);
  assert.ok(existsSync(youngTmp));
});

test('SIGTERM stops heed serve with exit 0; SIGINT too', async () => {
  const srv = await startHeed();
  assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'x', customer: { email: 'x@example.com' }, message: 'y' }), 201);
  const exited = new Promise((r) => srv.proc.on('exit', (code, sig) => r({ code, sig })));
  await srv.stop(); // throws unless the exit code is 0
  assert.deepEqual(await exited, { code: 0, sig: null });
  assert.match(srv.log(), /stopped/);
  await assert.rejects(fetch(srv.base + '/healthz'), 'nothing listens any more');

  const { db, token } = freshDb('sigint.db');
  const s2 = await serve(db, token);
  assert.deepEqual(await s2.signal('SIGINT'), { code: 0, sig: null });
});

test('SIGTERM while requests are in flight: every answered write is kept, exit 0', async () => {
  const { db, token } = freshDb('inflight.db');
  const s = await serve(db, token);
  const writes = Array.from({ length: 20 }, (_, i) =>
    s.api('POST', '/api/v1/tickets', { subject: `In flight ${i}`, customer: { email: 'f@example.com' }, message: 'm' }).catch(() => null));
  await new Promise((r) => setTimeout(r, 5));
  const exit = await s.signal('SIGTERM');
  assert.deepEqual(exit, { code: 0, sig: null });
  const acked = (await Promise.all(writes)).filter((r) => r && r.status === 201).map((r) => r.json.id);
  const again = await serve(db, token);
  try {
    for (const id of acked) assertOk(await again.api('GET', `/api/v1/tickets/${id}`));
  } finally {
    await again.signal('SIGTERM');
  }
});

test('a write acknowledged before kill -9 survives a restart', async () => {
  const { db, token } = freshDb('crash.db');
  const first = await serve(db, token);
  const t = assertOk(await first.api('POST', '/api/v1/tickets', { subject: 'Survive the crash', customer: { email: 'k@example.com' }, message: 'first' }), 201);
  assertOk(await first.api('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'acknowledged reply' }), 201);
  const patched = assertOk(await first.api('PATCH', `/api/v1/tickets/${t.id}`, { status: 'pending', tags: ['crash'] }));
  const exit = await first.signal('SIGKILL');
  assert.equal(exit.sig, 'SIGKILL');

  const second = await serve(db, token);
  try {
    const got = assertOk(await second.api('GET', `/api/v1/tickets/${t.id}`));
    assert.equal(got.status, 'pending');
    assert.deepEqual(got.tags, ['crash']);
    assert.deepEqual(got.messages.map((m) => m.body), ['first', 'acknowledged reply']);
    assert.equal(got.updated_at, patched.updated_at);
    // and the database still takes writes
    assertOk(await second.api('POST', `/api/v1/tickets/${t.id}/notes`, { body: 'after the crash' }), 201);
  } finally {
    assert.equal((await second.signal('SIGTERM')).code, 0);
  }
});
