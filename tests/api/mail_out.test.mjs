// Outbound mail against a real SMTP server: aiosmtpd (Debian's python3-aiosmtpd) started
// by the test on 127.0.0.1 and a free high port. heed's replies and acknowledgements are
// sent by `heed mail-send-queue` and by heed serve's own sending thread; the received
// bytes are checked (headers, threading, RFC 2047, MIME), then fed back as the customer's
// reply through `heed mail-ingest`, which must land on the same ticket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHeed, heedCli } from '../lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SINK = join(here, '..', 'lib', 'smtp_sink.py');
const MAIL_ENV = { HEED_MAIL_FROM: 'Acme Support <help@acme.test>', HEED_MAIL_DOMAIN: 'acme.test' };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

async function startSink(args = []) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'heed-smtp-'));
  // Debian's python, where python3-aiosmtpd lives (not a pyenv shim)
  const proc = spawn('/usr/bin/python3', [SINK, String(port), join(dir, 'in'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  await new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => { if (String(d).includes('ready')) resolve(); });
    proc.on('exit', (c) => reject(new Error(`smtp sink exited ${c}: ${log}`)));
    setTimeout(() => reject(new Error('smtp sink did not start: ' + log)), 10000);
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received() {
      const files = readdirSync(join(dir, 'in')).filter((f) => f.endsWith('.eml')).sort((a, b) => parseInt(a) - parseInt(b));
      return files.map((f) => ({
        raw: readFileSync(join(dir, 'in', f), 'utf8'),
        env: JSON.parse(readFileSync(join(dir, 'in', f.replace('.eml', '.json')), 'utf8')),
      }));
    },
    stalled: () => existsSync(join(dir, 'in', 'slow.started')),
    stop() { proc.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
}

// ---- a small reader for what we receive ----------------------------------------------
function splitMessage(raw) {
  const i = raw.indexOf('\r\n\r\n');
  return { head: raw.slice(0, i), body: raw.slice(i + 4) };
}
function headers(raw) {
  const h = {};
  for (const line of splitMessage(raw).head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const c = line.indexOf(':');
    h[line.slice(0, c).toLowerCase()] = line.slice(c + 1).trim();
  }
  return h;
}
const decodeWords = (s) => s.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=\s*(?==\?)/g, '=?UTF-8?B?$1?=')
  .replace(/\?=\s+=\?/g, '?==?')
  .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/g, (_, b) => '\u0000' + b + '\u0000')
  .replace(/(\u0000[^\u0000]*\u0000)+/g, (run) => Buffer.concat(run.split('\u0000').filter(Boolean).map((b) => Buffer.from(b, 'base64'))).toString('utf8'));
const qp = (s) => Buffer.from(s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
function parts(raw) {
  const h = headers(raw);
  const boundary = /boundary="([^"]+)"/.exec(h['content-type'])[1];
  return splitMessage(raw).body.split('--' + boundary).slice(1, -1).map((p) => {
    const { head, body } = splitMessage(p.replace(/^\r\n/, ''));
    return { type: /Content-Type: ([^;\r]+)/.exec(head)[1], text: qp(body.replace(/\r\n$/, '')) }; // that CRLF is the delimiter's
  });
}

const CUSTOMER_MAIL = [
  'From: =?UTF-8?B?Sm9zw6kgR2FyY8OtYQ==?= <jose@example.es>',
  'To: help@acme.test',
  'Subject: =?UTF-8?Q?Pedido_n=C3=BAmero_12_=E2=80=94_urgente?=',
  'Message-ID: <c1.pedido@example.es>',
  'Date: Mon, 23 Nov 2026 09:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'El pedido número 12 no llegó.',
  '',
].join('\r\n');

let sink, srv;
before(async () => {
  sink = await startSink();
  srv = await startHeed({ env: MAIL_ENV }); // no smtp_url: heed serve keeps mail queued
});
after(async () => { await srv?.stop(); sink?.stop(); });

const cli = (args, opts = {}) => heedCli([...args, '--db', srv.db], { ...opts, env: { ...process.env, ...MAIL_ENV, ...(opts.env || {}) } });
const sendQueue = (extra = {}) => cli(['mail-send-queue'], { env: { HEED_SMTP_URL: sink.url, ...extra } });
const thread = async (id) => (await srv.api('GET', `/api/v1/tickets/${id}`)).json.messages;

let ticketId, replyMessageId;

test('a new email ticket and a public reply are queued; a note is not; nothing is sent without smtp_url', async () => {
  const out = cli(['mail-ingest'], { input: CUSTOMER_MAIL });
  ticketId = Number(/new ticket (\d+)/.exec(out)[1]);
  const r = await srv.api('POST', `/api/v1/tickets/${ticketId}/replies`, { body: 'Hola José,\nel pedido <12> sale hoy — 100 % seguro.\n\nAda' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.delivery, { state: 'queued', attempts: 0, last_error: null, sent_at: null });
  const n = await srv.api('POST', `/api/v1/tickets/${ticketId}/notes`, { body: 'internal: VIP customer' });
  assert.equal(n.status, 201);
  assert.equal(n.json.delivery, undefined);
  const msgs = await thread(ticketId);
  assert.deepEqual(msgs.map((m) => m.kind), ['customer', 'reply', 'note']);
  assert.equal(msgs[1].delivery.state, 'queued');
  assert.equal(msgs[0].delivery, undefined);
  assert.equal(msgs[2].delivery, undefined);
  replyMessageId = msgs[1].id;
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(sink.received().length, 0, 'serve without smtp_url sends nothing');
  // the page shows the state under the reply
  const page = await fetch(srv.base + `/tickets/${ticketId}`, { headers: { Authorization: `Bearer ${srv.token}` } });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Email: queued/);
});

test('mail-send-queue delivers the acknowledgement and the reply with correct headers', () => {
  const out = sendQueue();
  assert.match(out, /sent 2, retry later 0, failed 0/);
  const got = sink.received();
  assert.equal(got.length, 2);
  const [ack, reply] = got;
  const ha = headers(ack.raw), hr = headers(reply.raw);
  // the acknowledgement: automatic, null envelope sender, threaded on the customer's mail
  assert.equal(ha['auto-submitted'], 'auto-replied');
  assert.equal(ack.env.mail_from, '<>', 'MAIL FROM:<> (RFC 3834)');
  assert.equal(ha['in-reply-to'], '<c1.pedido@example.es>');
  assert.equal(decodeWords(ha.from), 'Acme Support <help@acme.test>');
  assert.match(parts(ack.raw)[0].text, new RegExp(`ticket #${ticketId}`));
  // the reply: the agent via support, signed Message-ID in heed's domain, threading, encoding
  assert.equal(hr['auto-submitted'], undefined);
  assert.equal(reply.env.mail_from, 'help@acme.test');
  assert.deepEqual(reply.env.rcpt_tos, ['jose@example.es']);
  assert.equal(decodeWords(hr.from), 'Ada Okafor via Acme Support <help@acme.test>');
  assert.equal(hr['reply-to'], '<help@acme.test>');
  assert.equal(decodeWords(hr.to), 'José García <jose@example.es>');
  assert.equal(decodeWords(hr.subject), `Re: Pedido número 12 — urgente [#${ticketId}]`);
  assert.match(hr.subject, /^=\?UTF-8\?B\?/);
  assert.match(hr['message-id'], new RegExp(`^<t${ticketId}\\.m${replyMessageId}\\.[0-9a-f]{32}@acme\\.test>$`));
  assert.equal(hr['in-reply-to'], '<c1.pedido@example.es>');
  assert.equal(hr.references, `<c1.pedido@example.es> ${ha['message-id']}`);
  assert.equal(hr['mime-version'], '1.0');
  assert.match(hr['content-type'], /^multipart\/alternative;/);
  assert.match(hr.date, /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/);
  const [plain, html] = parts(reply.raw);
  assert.equal(plain.type, 'text/plain');
  assert.equal(plain.text, 'Hola José,\r\nel pedido <12> sale hoy — 100 % seguro.\r\n\r\nAda\r\n');
  assert.equal(html.type, 'text/html');
  assert.match(html.text, /el pedido &lt;12&gt; sale hoy/);
  assert.ok(/^[\x00-\x7f]*$/.test(reply.raw), 'the message is 7-bit');
  // sending again sends nothing: each message exactly once
  assert.match(sendQueue(), /sent 0, retry later 0, failed 0/);
  assert.equal(sink.received().length, 2);
});

test('the delivery state shows sent', async () => {
  const msgs = await thread(ticketId);
  assert.equal(msgs[1].delivery.state, 'sent');
  assert.equal(msgs[1].delivery.attempts, 1);
  assert.equal(msgs[1].delivery.last_error, null);
  assert.match(msgs[1].delivery.sent_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('the received reply, answered by the customer, lands on the same ticket', async () => {
  const reply = sink.received()[1].raw;
  const h = headers(reply);
  // the customer's client quotes heed's mail and answers it
  const { body } = splitMessage(reply);
  const answer = [
    'From: =?UTF-8?B?Sm9zw6kgR2FyY8OtYQ==?= <jose@example.es>',
    'To: help@acme.test',
    `Subject: Re: ${splitMessage(reply).head.match(/^Subject: ([^\r]*(?:\r\n [^\r]*)*)/m)[1]}`,
    'Message-ID: <c2.pedido@example.es>',
    `In-Reply-To: ${h['message-id']}`,
    `References: ${h.references} ${h['message-id']}`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    `Content-Type: ${h['content-type']}`,
    '',
    body.replace('Hola Jos=C3=A9', 'Gracias, lleg=C3=B3 bien.\r\n\r\nHola Jos=C3=A9'),
  ].join('\r\n');
  const out = cli(['mail-ingest'], { input: answer });
  assert.match(out, new RegExp(`joined ticket ${ticketId} by message-id`));
  const msgs = await thread(ticketId);
  assert.equal(msgs.length, 4);
  assert.equal(msgs[3].kind, 'customer');
  assert.match(msgs[3].body, /Gracias, llegó bien\./);
  assert.equal(msgs[3].author.name, 'José García');
  // a reply now threads on the customer's latest mail
  const r = await srv.api('POST', `/api/v1/tickets/${ticketId}/replies`, { body: 'De nada.' });
  assert.equal(r.status, 201);
  assert.match(sendQueue(), /sent 1,/);
  const third = headers(sink.received()[2].raw);
  assert.equal(third['in-reply-to'], '<c2.pedido@example.es>');
  assert.match(third.references, /^<c1\.pedido@example\.es> .*<c2\.pedido@example\.es>$/);
});

function customerMail(from, id, subject) {
  return [`From: ${from}`, 'To: help@acme.test', `Subject: ${subject}`, `Message-ID: <${id}>`,
    'Date: Mon, 23 Nov 2026 09:00:00 +0100', '', 'Hello?', ''].join('\r\n');
}

test('4xx answers are retried later, 5xx answers fail for good; both keep the server\'s answer', async () => {
  const t1 = Number(/new ticket (\d+)/.exec(cli(['mail-ingest'], { input: customerMail('tempfail@example.org', 't1@example.org', 'Slow mailbox') }))[1]);
  const t2 = Number(/new ticket (\d+)/.exec(cli(['mail-ingest'], { input: customerMail('reject@example.org', 'r1@example.org', 'Gone mailbox') }))[1]);
  await srv.api('POST', `/api/v1/tickets/${t1}/replies`, { body: 'one' });
  await srv.api('POST', `/api/v1/tickets/${t2}/replies`, { body: 'two' });
  assert.match(sendQueue(), /sent 0, retry later 2, failed 2/);
  const [m1, m2] = [(await thread(t1))[1], (await thread(t2))[1]];
  assert.equal(m1.delivery.state, 'queued');
  assert.equal(m1.delivery.attempts, 1);
  assert.match(m1.delivery.last_error, /^451 4\.3\.0 Mailbox temporarily unavailable/);
  assert.equal(m2.delivery.state, 'failed');
  assert.match(m2.delivery.last_error, /^550 5\.1\.1 <reject@example\.org>: Recipient address rejected/);
  // not due again yet (backoff): nothing is sent
  assert.match(sendQueue(), /sent 0, retry later 0, failed 0/);
  const page = await fetch(srv.base + `/tickets/${t2}`, { headers: { Authorization: `Bearer ${srv.token}` } });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Email: failed &middot; 550 5\.1\.1/);
});

test('an unreachable server is a temporary failure', async () => {
  const t = Number(/new ticket (\d+)/.exec(cli(['mail-ingest'], { input: customerMail('later@example.org', 'l1@example.org', 'Later') }))[1]);
  const port = await freePort(); // nothing listens there
  assert.match(cli(['mail-send-queue'], { env: { HEED_SMTP_URL: `smtp://127.0.0.1:${port}` } }), /sent 0, retry later 1, failed 0/);
  const err = execFileSync('sqlite3', [srv.db, `SELECT state || ' ' || last_error FROM outbox WHERE ticket_id = ${t}`], { encoding: 'utf8' }).trim();
  assert.match(err, /^queued .*(connect|Connection refused)/i);
});

test('SMTP AUTH is used when a user is set', async () => {
  const authSink = await startSink(['--auth', 'heed:s3cret']);
  try {
    const t = Number(/new ticket (\d+)/.exec(cli(['mail-ingest'], { input: customerMail('auth@example.org', 'a1@example.org', 'Auth') }))[1]);
    await srv.api('POST', `/api/v1/tickets/${t}/replies`, { body: 'with auth' });
    const bad = cli(['mail-send-queue'], { env: { HEED_SMTP_URL: authSink.url, HEED_SMTP_USER: 'heed', HEED_SMTP_PASSWORD: 'wrong' } });
    assert.match(bad, /sent 0, retry later 2, failed 0/); // a configuration problem: retried, not failed
    assert.equal(authSink.received().length, 0);
    const m = (await thread(t))[1];
    assert.equal(m.delivery.state, 'queued');
    assert.match(m.delivery.last_error, /^535 5\.7\.8 Authentication credentials invalid/);
  } finally { authSink.stop(); }
});

// a self-signed certificate for 127.0.0.1 made for the test, in a new temp dir
function selfSigned() {
  const dir = mkdtempSync(join(tmpdir(), 'heed-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return dir;
}

test('STARTTLS is used when offered, and the certificate is verified', async () => {
  const dir = selfSigned();
  const tlsSink = await startSink(['--tls', join(dir, 'cert.pem'), join(dir, 'key.pem')]);
  try {
    const t = Number(/new ticket (\d+)/.exec(cli(['mail-ingest'], { input: customerMail('tls@example.org', 'tls1@example.org', 'TLS') }))[1]);
    await srv.api('POST', `/api/v1/tickets/${t}/replies`, { body: 'over TLS' });
    // a certificate no CA vouches for: refused, retried later
    const untrusted = cli(['mail-send-queue'], { env: { HEED_SMTP_URL: tlsSink.url } });
    assert.match(untrusted, /sent 0, retry later 2, failed 0/);
    assert.equal(tlsSink.received().length, 0);
    assert.match((await thread(t))[1].delivery.last_error, /certificate|SSL/i);
    // with its CA trusted: sent, inside STARTTLS
    cli(['mail-send-queue'], { env: { HEED_SMTP_URL: tlsSink.url, HEED_SMTP_CA_FILE: join(dir, 'cert.pem') } }); // not due yet
    execFileSync('sqlite3', [srv.db, "UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE state = 'queued'; UPDATE jobs SET due_at = '2000-01-01T00:00:00Z' WHERE state = 'due'"]); // due now: the mail jobs decide
    const ok = cli(['mail-send-queue'], { env: { HEED_SMTP_URL: tlsSink.url, HEED_SMTP_CA_FILE: join(dir, 'cert.pem') } });
    assert.match(ok, /sent [2-9]\d*, /);
    const got = tlsSink.received();
    assert.ok(got.length >= 2);
    assert.ok(got.every((g) => g.env.tls), 'every message went inside STARTTLS');
  } finally { tlsSink.stop(); rmSync(dir, { recursive: true, force: true }); }
});

test('smtps:// speaks TLS from the first byte, and the certificate is verified', async () => {
  const dir = selfSigned();
  const sink = await startSink(['--implicit-tls', join(dir, 'cert.pem'), join(dir, 'key.pem')]);
  const url = sink.url.replace('smtp://', 'smtps://');
  try {
    const t = Number(/new ticket (\d+)/.exec(cli(['mail-ingest'], { input: customerMail('smtps@example.org', 'smtps1@example.org', 'SMTPS') }))[1]);
    await srv.api('POST', `/api/v1/tickets/${t}/replies`, { body: 'over implicit TLS' });
    execFileSync('sqlite3', [srv.db, "UPDATE outbox SET state = 'cancelled' WHERE state = 'queued' AND to_addr <> 'smtps@example.org'"]);
    // untrusted: nothing is sent, the row stays queued with the TLS failure as its answer
    const untrusted = cli(['mail-send-queue'], { env: { HEED_SMTP_URL: url } });
    assert.match(untrusted, /sent 0, retry later 2, failed 0/);
    assert.equal(sink.received().length, 0);
    const reply = (await thread(t))[1].delivery;
    assert.equal(reply.state, 'queued');
    assert.match(reply.last_error, /certificate|SSL/i);
    // trusted: delivered, inside TLS from the start (no STARTTLS)
    execFileSync('sqlite3', [srv.db, "UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE state = 'queued'; UPDATE jobs SET due_at = '2000-01-01T00:00:00Z' WHERE state = 'due'"]); // due now: the mail jobs decide
    const ok = cli(['mail-send-queue'], { env: { HEED_SMTP_URL: url, HEED_SMTP_CA_FILE: join(dir, 'cert.pem') } });
    assert.match(ok, /sent 2, retry later 0, failed 0/);
    const got = sink.received();
    assert.equal(got.length, 2);
    assert.ok(got.every((g) => g.env.implicit_tls && !g.env.tls), 'both went over implicit TLS');
    assert.ok(got.some((g) => g.raw.includes('over implicit TLS')));
    assert.equal((await thread(t))[1].delivery.state, 'sent');
  } finally { sink.stop(); rmSync(dir, { recursive: true, force: true }); }
});

test('heed serve sends by itself and stops cleanly on SIGTERM', async () => {
  const own = await startSink(['--auth', 'heed:s3cret']);
  const s = await startHeed({ env: { ...MAIL_ENV, HEED_SMTP_URL: own.url, HEED_SMTP_USER: 'heed', HEED_SMTP_PASSWORD: 's3cret' } });
  try {
    const out = heedCli(['mail-ingest', '--db', s.db], { input: CUSTOMER_MAIL, env: { ...process.env, ...MAIL_ENV } });
    const id = Number(/new ticket (\d+)/.exec(out)[1]);
    await s.api('POST', `/api/v1/tickets/${id}/replies`, { body: 'Sent by the worker.' });
    let msgs;
    for (let i = 0; i < 100; i++) {
      msgs = (await s.api('GET', `/api/v1/tickets/${id}`)).json.messages;
      if (msgs[1].delivery.state === 'sent') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(msgs[1].delivery.state, 'sent');
    const got = own.received();
    assert.equal(got.length, 2);
    assert.ok(got.every((g) => g.env.auth), 'authenticated');
  } finally {
    await s.stop(); // throws unless heed exits 0 after SIGTERM
    own.stop();
  }
});

test('SIGTERM while a transfer stalls: heed serve aborts it, exits 0 at once, and the mail stays queued', async () => {
  const slow = await startSink();
  const s = await startHeed({ env: { ...MAIL_ENV, HEED_SMTP_URL: slow.url } });
  const db = s.db;
  try {
    heedCli(['mail-ingest', '--db', db], { input: customerMail('slow@example.org', 's1@example.org', 'Slow'), env: { ...process.env, ...MAIL_ENV } });
    for (let i = 0; i < 100 && !slow.stalled(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(slow.stalled(), 'the acknowledgement is being sent');
    const started = Date.now();
    const exited = new Promise((r) => s.proc.on('exit', (code) => r(code)));
    s.proc.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.ok(Date.now() - started < 5000, `stopped in ${Date.now() - started} ms`);
    const row = execFileSync('sqlite3', [db, "SELECT state, attempts, last_error IS NOT NULL FROM outbox"], { encoding: 'utf8' }).trim();
    assert.equal(row, 'queued|1|1');
  } finally {
    await s.stop();
    slow.stop();
  }
});

test('an attachment over the size limit: the customer gets an automatic notice besides the acknowledgement', async () => {
  const own = await startSink();
  const s = await startHeed({ env: MAIL_ENV });
  try {
    const line = 'QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n'; // 57 bytes decoded
    const big = [
      'From: Lena Berg <lena@example.se>', 'To: help@acme.test', 'Subject: Crash dump', 'Message-ID: <dump.1@example.se>',
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="xx"', '', '--xx', 'Content-Type: text/plain', '',
      'The dump is attached.', '--xx', 'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename="core.dump"', 'Content-Transfer-Encoding: base64', '',
      line.repeat(Math.ceil((10 * 1024 * 1024 + 4096) / 57)) + '--xx--', '',
    ].join('\r\n');
    const out = heedCli(['mail-ingest', '--db', s.db], { input: big, env: { ...process.env, ...MAIL_ENV } });
    const id = Number(/new ticket (\d+)/.exec(out)[1]);
    const sent = heedCli(['mail-send-queue', '--db', s.db], { env: { ...process.env, ...MAIL_ENV, HEED_SMTP_URL: own.url } });
    assert.match(sent, /sent 2, retry later 0, failed 0/);
    const [ack, notice] = own.received();
    assert.match(parts(ack.raw)[0].text, /filed it as ticket/);
    const h = headers(notice.raw);
    assert.equal(h['auto-submitted'], 'auto-replied');
    assert.equal(notice.env.mail_from, '<>');
    assert.deepEqual(notice.env.rcpt_tos, ['lena@example.se']);
    assert.equal(decodeWords(h.subject), `Re: Crash dump [#${id}]`);
    assert.equal(h['in-reply-to'], '<dump.1@example.se>');
    assert.notEqual(h['message-id'], headers(ack.raw)['message-id']);
    assert.match(parts(notice.raw)[0].text.replace(/\r\n/g, ' '), /could not keep\s+these attachments: "core\.dump" \(10\.0 MiB\)/);
    const msgs = (await s.api('GET', `/api/v1/tickets/${id}`)).json.messages;
    assert.deepEqual(msgs.map((m) => m.kind), ['customer', 'note']);
    assert.match(msgs[1].body, /The customer is told so by an automatic email\./);
  } finally {
    await s.stop();
    own.stop();
  }
});

// RFC 2231 parameter values (name*0*=UTF-8''..; name*1*=..) or a plain quoted one
function param2231(head, name) {
  const unfolded = head.replace(/\r\n[ \t]/g, ' ');
  const plain = new RegExp(`;\\s*${name}="([^"]*)"`).exec(unfolded);
  if (plain) return plain[1];
  const pieces = [...unfolded.matchAll(new RegExp(`;\\s*${name}\\*(\\d+)\\*=([^;\\r\\n]*)`, 'g'))].sort((a, b) => a[1] - b[1]);
  return decodeURIComponent(pieces.map((m) => m[2]).join('').replace(/^UTF-8''/i, ''));
}

test('a reply with files is sent as multipart/mixed with the files intact; a note with a file is never emailed', async () => {
  const own = await startSink();
  const s = await startHeed({ env: MAIL_ENV });
  try {
    const out = heedCli(['mail-ingest', '--db', s.db], { input: CUSTOMER_MAIL.replace('c1.pedido@example.es', 'c2.files@example.es'), env: { ...process.env, ...MAIL_ENV } });
    const id = Number(/new ticket (\d+)/.exec(out)[1]);
    const pdf = new Uint8Array(150000);
    for (let i = 0; i < pdf.length; i++) pdf[i] = (i * 13 + 5) & 255;
    const name = 'Factura de marzo – pedido número 12 para José García con un nombre largo.pdf';
    const post = async (kind, body, file, data) => {
      const f = new FormData();
      f.append('body', body);
      f.append('files', new Blob([data], { type: 'application/pdf' }), file);
      const r = await fetch(s.base + `/api/v1/tickets/${id}/${kind}`, { method: 'POST', headers: { Authorization: `Bearer ${s.token}` }, body: f });
      assert.equal(r.status, 201, await r.clone().text());
      return r.json();
    };
    const reply = await post('replies', 'Hola José, la factura va adjunta.', name, pdf);
    assert.equal(reply.delivery.state, 'queued');
    const note = await post('notes', 'internal copy', 'internal-only.pdf', new Uint8Array([1, 2, 3]));
    assert.equal(note.delivery, undefined);
    const sent = heedCli(['mail-send-queue', '--db', s.db], { env: { ...process.env, ...MAIL_ENV, HEED_SMTP_URL: own.url } });
    assert.match(sent, /sent 2, retry later 0, failed 0/, 'the acknowledgement and the reply; not the note');
    const got = own.received();
    assert.equal(got.length, 2);
    assert.ok(!got.some((m) => m.raw.includes('internal')), 'nothing of the note leaves');
    const raw = got[1].raw;
    assert.ok(/^[\x00-\x7f]*$/.test(raw), 'the message is 7-bit');
    const h = headers(raw);
    assert.match(h['content-type'], /^multipart\/mixed;/);
    const boundary = /boundary="([^"]+)"/.exec(h['content-type'])[1];
    const sections = splitMessage(raw).body.split('--' + boundary).slice(1, -1).map((p) => splitMessage(p.replace(/^\r\n/, '')));
    assert.equal(sections.length, 2);
    assert.match(sections[0].head, /^Content-Type: multipart\/alternative;/);
    assert.match(qp(sections[0].body), /la factura va adjunta/);
    const file = sections[1];
    assert.match(file.head, /^Content-Type: application\/pdf;/);
    assert.match(file.head, /Content-Transfer-Encoding: base64/);
    assert.match(file.head, /Content-Disposition: attachment;/);
    assert.equal(param2231(file.head.split('Content-Disposition:')[1], 'filename'), name);
    assert.deepEqual(new Uint8Array(Buffer.from(file.body.replace(/\r\n/g, ''), 'base64')), pdf);
    // the delivery state follows the reply
    const msgs = (await s.api('GET', `/api/v1/tickets/${id}`)).json.messages;
    assert.equal(msgs.find((m) => m.id === reply.id).delivery.state, 'sent');
  } finally {
    await s.stop();
    own.stop();
  }
});
