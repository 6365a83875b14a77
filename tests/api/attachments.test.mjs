// Files on agents' replies and notes: POST /api/v1/tickets/{id}/replies and /notes as
// multipart/form-data (a text field "body", file parts "files"). The happy path, the
// download, and every bad input: a clear 4xx naming the field, and nothing changed
// (no message, no attachment row, no file left in the spool or the store).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { startHeed } from '../lib/server.mjs';
import { assertError, assertOk, newTicket } from './helpers.mjs';

let srv, ticket;
before(async () => {
  srv = await startHeed();
  ticket = await newTicket(srv, { channel: 'email' });
});
after(async () => { await srv?.stop(); });

const bytes = (n, seed = 1) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 255; return b; };

// posts a FormData (or a raw body with its own Content-Type) with the bearer token
async function post(path, form, headers = {}) {
  const res = await fetch(srv.base + path, { method: 'POST', headers: { Authorization: `Bearer ${srv.token}`, ...headers }, body: form });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

function form(body, files = [], name = 'files') {
  const f = new FormData();
  if (body !== undefined) f.append('body', body);
  for (const [filename, data, type] of files) f.append(name, new Blob([data], { type: type ?? 'application/octet-stream' }), filename);
  return f;
}

// what the refusals must leave alone
const store = () => (existsSync(srv.db + '.files') ? readdirSync(srv.db + '.files').filter((d) => d !== 'tmp').sort() : []);
const spool = () => (existsSync(srv.db + '.files/tmp') ? readdirSync(srv.db + '.files/tmp') : []);
async function snapshot() {
  const t = assertOk(await srv.api('GET', `/api/v1/tickets/${ticket.id}`));
  return { messages: t.messages.length, files: t.messages.flatMap((m) => m.attachments ?? []).length, store: store() };
}
async function spoolEmpties() { // the connection's clean-up runs just after the answer
  for (let i = 0; i < 40 && spool().length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(spool(), [], 'no file left in the spool');
}

test('a reply with files: 201, the message lists them, the download is the same bytes', async () => {
  const pdf = bytes(70000, 7), txt = new TextEncoder().encode('line one\nline two\n');
  const res = await post(`/api/v1/tickets/${ticket.id}/replies`,
    form('Here are the documents.', [['../../Rechnung März.pdf', pdf, 'application/pdf'], ['notes.txt', txt, 'text/plain; charset=utf-8']]));
  const m = assertOk(res, 201);
  assert.equal(m.kind, 'reply');
  assert.equal(m.body, 'Here are the documents.');
  assert.equal(m.delivery.state, 'queued', 'an email ticket: the reply is queued with its files');
  assert.equal(m.attachments.length, 2);
  const [a, b] = m.attachments;
  assert.equal(a.filename, 'Rechnung März.pdf', 'no path in the name, UTF-8 kept');
  assert.equal(a.content_type, 'application/pdf');
  assert.equal(a.size, pdf.length);
  assert.equal(a.stored, true);
  assert.equal(a.url, `/attachments/${a.id}`);
  assert.equal(b.content_type, 'text/plain');
  assert.equal(b.size, txt.length);
  // the ticket shows them under the message
  const t = assertOk(await srv.api('GET', `/api/v1/tickets/${ticket.id}`));
  assert.deepEqual(t.messages.find((x) => x.id === m.id).attachments, m.attachments);
  // the download: the same bytes, never rendered by the browser
  const dl = await fetch(srv.base + a.url, { headers: { Authorization: `Bearer ${srv.token}` } });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-type'), 'application/octet-stream');
  assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
  assert.match(dl.headers.get('content-disposition'), /^attachment; filename="Rechnung_M__rz\.pdf"; filename\*=UTF-8''Rechnung%20M%C3%A4rz\.pdf$/);
  assert.deepEqual(new Uint8Array(await dl.arrayBuffer()), pdf);
  await spoolEmpties();
});

test('a note with a file: listed, not emailed; "file" is accepted as the field name too', async () => {
  const res = await post(`/api/v1/tickets/${ticket.id}/notes`, form('Internal log.', [['server.log', 'boot ok\n']], 'file'));
  const m = assertOk(res, 201);
  assert.equal(m.kind, 'note');
  assert.equal(m.delivery, undefined, 'notes are never emailed');
  assert.equal(m.attachments[0].filename, 'server.log');
  assert.equal(m.attachments[0].content_type, 'application/octet-stream', 'a type off the list is sent as octet-stream');
});

test('JSON replies still work, and have no attachments member', async () => {
  const m = assertOk(await srv.api('POST', `/api/v1/tickets/${ticket.id}/replies`, { body: 'plain' }), 201);
  assert.equal(m.attachments, undefined);
});

test('the same bytes twice are stored once', async () => {
  const count = () => store().reduce((n, d) => n + readdirSync(`${srv.db}.files/${d}`).length, 0);
  const before = count();
  const data = bytes(5000, 99);
  assertOk(await post(`/api/v1/tickets/${ticket.id}/notes`, form('one', [['x.bin', data]])), 201);
  assert.equal(count(), before + 1);
  assertOk(await post(`/api/v1/tickets/${ticket.id}/notes`, form('two', [['y.bin', data]])), 201);
  assert.equal(count(), before + 1, 'the second upload reuses the stored file');
});

const MiB = 1024 * 1024;
const bad = [
  ['an empty file', () => form('x', [['empty.txt', new Uint8Array(0)]]), 400, 'empty_attachment', 'files'],
  ['eleven files', () => form('x', Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, 'abc'])), 400, 'too_many_attachments', 'files'],
  ['a file one byte over 10 MiB', () => form('x', [['big.bin', bytes(10 * MiB + 1)]]), 413, 'attachment_too_large', 'files'],
  ['three files of 8.5 MiB (25.5 MiB in all)', () => form('x', [1, 2, 3].map((i) => [`p${i}.bin`, bytes(8.5 * MiB, i)])), 413, 'attachments_too_large', 'files'],
  ['no body', () => form(undefined, [['a.txt', 'abc']]), 400, 'missing_field', 'body'],
  ['an empty body', () => form('   ', [['a.txt', 'abc']]), 422, 'invalid', 'body'],
  ['an unknown text field', () => { const f = form('x', [['a.txt', 'abc']]); f.append('status', 'solved'); return f; }, 400, 'unknown_field', 'status'],
  ['files under another name', () => form('x', [['a.txt', 'abc']], 'upload'), 400, 'unknown_field', 'upload'],
];

for (const [what, make, status, code, field] of bad) {
  test(`refused, nothing changed: ${what}`, async () => {
    const was = await snapshot();
    const res = await post(`/api/v1/tickets/${ticket.id}/replies`, make());
    assertError(res, status, code, field);
    assert.deepEqual(await snapshot(), was);
    await spoolEmpties();
  });
}

test('refused, nothing changed: 5,000 tiny file parts (each costs bookkeeping: at most 40 are read)', async () => {
  const was = await snapshot();
  const res = await post(`/api/v1/tickets/${ticket.id}/replies`, form('x', Array.from({ length: 5000 }, (_, i) => [`t${i}.txt`, 'a'])));
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error.code, 'too_many_parts');
  assert.deepEqual(await snapshot(), was);
  await spoolEmpties();
});

test('refused, nothing changed: a body over the upload limit (26 MiB), read and answered 413', async () => {
  const was = await snapshot();
  const res = await post(`/api/v1/tickets/${ticket.id}/notes`, form('x', [['a.bin', bytes(10 * MiB)], ['b.bin', bytes(10 * MiB, 2)], ['c.bin', bytes(7 * MiB, 3)]]));
  assertError(res, 413, 'body_too_large');
  assert.deepEqual(await snapshot(), was);
  await spoolEmpties();
});

test('refused, nothing changed: a malformed multipart body', async () => {
  const was = await snapshot();
  const res = await post(`/api/v1/tickets/${ticket.id}/replies`, '--zzz\r\nContent-Disposition: form-data; name="body"\r\n\r\nhi\r\n--zzz\r\nContent-Disp',
    { 'Content-Type': 'multipart/form-data; boundary=zzz' });
  assertError(res, 400, 'malformed_multipart');
  assert.deepEqual(await snapshot(), was);
  await spoolEmpties();
});

test('refused, nothing changed: files on a closed ticket (409), without a token (401), on another route (415)', async () => {
  const closed = await newTicket(srv);
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${closed.id}`, { status: 'closed' }));
  const was = store();
  assertError(await post(`/api/v1/tickets/${closed.id}/replies`, form('late', [['late.txt', bytes(3000, 5)]])), 409, 'ticket_closed');
  const anon = await fetch(srv.base + `/api/v1/tickets/${ticket.id}/replies`, { method: 'POST', body: form('x', [['a.txt', bytes(3000, 6)]]) });
  assert.equal(anon.status, 401);
  assertError(await post('/api/v1/tickets', form('x', [['a.txt', 'abc']])), 415, 'unsupported_media_type');
  assert.deepEqual(store(), was, 'no file reached the store');
  await spoolEmpties();
});

// Streams a multipart upload in two halves and reports whether anything reached the spool
// between them; a stranger's upload must never be written to disk.
async function spooledMidway(headers) {
  const boundary = 'heedBoundary7MA4YWxk';
  const enc = new TextEncoder();
  const head = enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  let release, seen = null;
  const gate = new Promise((r) => { release = r; });
  const stream = new ReadableStream({
    async start(ctl) {
      ctl.enqueue(head); ctl.enqueue(bytes(256 * 1024, 3));
      await gate;
      ctl.enqueue(bytes(256 * 1024, 4)); ctl.enqueue(tail); ctl.close();
    },
  });
  const answer = fetch(srv.base + `/api/v1/tickets/${ticket.id}/notes`, {
    method: 'POST', duplex: 'half', body: stream,
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, ...headers },
  });
  for (let i = 0; i < 20 && !seen?.length; i++) { await new Promise((r) => setTimeout(r, 50)); seen = spool(); }
  release();
  const res = await answer;
  return { status: res.status, json: await res.json(), spooled: seen.length > 0 };
}

test('an upload is spooled only for a signed-in sender: a stranger gets 401 and nothing touches the disk', async () => {
  const before = await snapshot();
  const agent = await spooledMidway({ Authorization: `Bearer ${srv.token}` });
  assert.equal(agent.status, 201);
  assert.ok(agent.spooled, 'control: a signed-in upload is streamed to the spool as it arrives');
  const mid = await snapshot();
  for (const auth of [{}, { Authorization: 'Bearer not-a-token' }, { Cookie: 'heed_session=forged' }]) {
    const stranger = await spooledMidway(auth);
    assert.equal(stranger.status, 401, JSON.stringify(auth));
    assert.equal(stranger.json.error.code, 'unauthorized');
    assert.equal(stranger.spooled, false, `no spool file for ${JSON.stringify(auth)}`);
  }
  assert.deepEqual(await snapshot(), mid, 'the strangers changed nothing');
  assert.equal(mid.messages, before.messages + 1);
  await spoolEmpties();
});
