// GET /api/v1/outbox and an admin's cancel / retry (resend) of outbound mail, and the
// expiry of queued mail (HEED_MAIL_EXPIRE) through `heed mail-send-queue`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, ISO } from './helpers.mjs';

let srv, agentToken;
before(async () => {
  srv = await startHeed({ demo: true });
  agentToken = heedCli(['token', 'create', '--db', srv.db, '--email', 'alex@heed.test']).trim().split('\n').pop();
});
after(async () => { await srv?.stop(); });

const mail = (id, from, subject) => Buffer.from(
  `From: Kim Park <${from}>\r\nTo: help@heed.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.com>\r\n` +
  'Content-Type: text/plain; charset=utf-8\r\n\r\nMy parcel never came.\r\n');

function emailTicket(id, from) {
  const out = heedCli(['mail-ingest', '--db', srv.db], { input: mail(id, from, `Parcel ${id}`) });
  return Number(/new ticket (\d+)/.exec(out)[1]);
}

async function rowsFor(to, query = '') {
  const list = assertOk(await srv.api('GET', `/api/v1/outbox${query}`));
  return list.outbox.filter((o) => o.to === to);
}

test('GET /api/v1/outbox lists mail newest first, filters by state and pages by cursor', async () => {
  const t = emailTicket('api-ob-1', 'kim@example.org');
  const [ack] = await rowsFor('kim@example.org');
  assert.equal(ack.kind, 'ack');
  assert.equal(ack.ticket_id, t);
  assert.equal(ack.state, 'queued');
  assert.equal(ack.attempts, 0);
  assert.match(ack.created_at, ISO);
  assert.equal(ack.queued_at, ack.created_at);
  assert.match(ack.subject, new RegExp(`\\[#${t}\\]`));
  const one = assertOk(await srv.api('GET', `/api/v1/outbox/${ack.id}`));
  assert.deepEqual(one, ack);
  emailTicket('api-ob-2', 'lee@example.org');
  const page1 = assertOk(await srv.api('GET', '/api/v1/outbox?limit=1'));
  assert.equal(page1.outbox.length, 1);
  assert.equal(page1.outbox[0].to, 'lee@example.org'); // newest first
  const page2 = assertOk(await srv.api('GET', `/api/v1/outbox?limit=1&cursor=${page1.next_cursor}`));
  assert.equal(page2.outbox[0].id, ack.id);
  assert.equal((await rowsFor('kim@example.org', '?state=sent')).length, 0);
  assert.equal((await rowsFor('kim@example.org', '?state=queued')).length, 1);
});

test('bad list parameters are refused by name', async () => {
  assertError(await srv.api('GET', '/api/v1/outbox?state=lost'), 400, 'invalid', 'state');
  assertError(await srv.api('GET', '/api/v1/outbox?limit=0'), 400, 'invalid', 'limit');
  assertError(await srv.api('GET', '/api/v1/outbox?limit=201'), 400, 'invalid', 'limit');
  assertError(await srv.api('GET', '/api/v1/outbox?cursor=abc'), 400, 'invalid', 'cursor');
  assertError(await srv.api('GET', '/api/v1/outbox?status=queued'), 400, 'unknown_field', 'status');
  assertError(await srv.api('GET', '/api/v1/outbox/abc'), 404, 'not_found');
  assertError(await srv.api('GET', '/api/v1/outbox/99999'), 404, 'not_found');
});

test('an admin cancels a queued reply and resends it; the ticket shows the state', async () => {
  const t = emailTicket('api-ob-3', 'max@example.org');
  assertOk(await srv.api('POST', `/api/v1/tickets/${t}/replies`, { body: 'A new parcel is on its way.' }), 201);
  const reply = (await rowsFor('max@example.org')).find((o) => o.kind === 'reply');
  assert.equal(reply.state, 'queued');
  const cancelled = assertOk(await srv.api('POST', `/api/v1/outbox/${reply.id}/cancel`));
  assert.equal(cancelled.state, 'cancelled');
  assert.equal(cancelled.next_attempt_at, null);
  const msg = assertOk(await srv.api('GET', `/api/v1/tickets/${t}`)).messages.find((m) => m.id === reply.message_id);
  assert.equal(msg.delivery.state, 'cancelled');
  // twice: 409, naming the state, nothing changes
  const again = await srv.api('POST', `/api/v1/outbox/${reply.id}/cancel`);
  assertError(again, 409, 'conflict', 'state');
  assert.match(again.json.error.message, /is cancelled/);
  const resent = assertOk(await srv.api('POST', `/api/v1/outbox/${reply.id}/retry`, {}));
  assert.equal(resent.state, 'queued');
  assert.equal(resent.attempts, 0);
  assert.ok(resent.queued_at >= reply.queued_at);
  assertError(await srv.api('POST', `/api/v1/outbox/${reply.id}/retry`), 409, 'conflict', 'state');
});

test('cancel and retry take no fields, and are for admins only', async () => {
  const [ack] = await rowsFor('kim@example.org');
  assertError(await srv.api('POST', `/api/v1/outbox/${ack.id}/cancel`, { reason: 'x' }), 400, 'unknown_field', 'reason');
  assertError(await srv.api('POST', `/api/v1/outbox/${ack.id}/cancel`, '{"'), 400, 'malformed_json');
  assertError(await srv.api('POST', '/api/v1/outbox/99999/cancel'), 404, 'not_found');
  assertError(await srv.api('POST', '/api/v1/outbox/0/retry'), 404, 'not_found');
  for (const [method, path] of [['GET', '/api/v1/outbox'], ['GET', `/api/v1/outbox/${ack.id}`],
    ['POST', `/api/v1/outbox/${ack.id}/cancel`], ['POST', `/api/v1/outbox/${ack.id}/retry`]]) {
    const r = await fetch(srv.base + path, { method, headers: { Authorization: `Bearer ${agentToken}` } });
    assert.equal(r.status, 403, `${method} ${path}`);
    assert.equal((await r.json()).error.code, 'forbidden');
  }
  assert.equal((await rowsFor('kim@example.org'))[0].state, 'queued'); // nothing changed
});

test('queued mail past mail_expire fails with the reason when the sender runs', async () => {
  const t = emailTicket('api-ob-4', 'old@example.org');
  await new Promise((r) => setTimeout(r, 1100));
  // sending on (towards a closed port), expiry 1 second: the row is given up before any attempt
  const out = heedCli(['mail-send-queue', '--db', srv.db, '--mail_expire', '1s'],
    { env: { ...process.env, HEED_SMTP_URL: 'smtp://127.0.0.1:9' } });
  assert.match(out, /sent 0/);
  const [ack] = await rowsFor('old@example.org');
  assert.equal(ack.ticket_id, t);
  assert.equal(ack.state, 'failed');
  assert.equal(ack.attempts, 0);
  assert.equal(ack.last_error, 'gave up after 0 attempts over 1 second: no attempt was made (sending was off)');
  // a bad setting is refused before anything runs
  assert.throws(() => heedCli(['mail-send-queue', '--db', srv.db, '--mail_expire', '3w']), /bad value '3w' for mail_expire/);
});

test('with sending off, heed serve itself fails queued mail past mail_expire', async () => {
  const env = { HEED_MAIL_EXPIRE: '2s', HEED_SMTP_URL: '' };
  const off = await startHeed({ env });
  try {
    assert.match(off.log(), /outbound mail is off .*checked once a minute/);
    const out = heedCli(['mail-ingest', '--db', off.db], { input: mail('api-ob-off', 'lee@example.org', 'Parcel off') });
    const t = Number(/new ticket (\d+)/.exec(out)[1]);
    const row = async () => assertOk(await off.api('GET', '/api/v1/outbox')).outbox.find((o) => o.ticket_id === t);
    assert.equal((await row()).state, 'queued');
    let ack;
    for (let i = 0; i < 80 && (ack = await row()).state === 'queued'; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(ack.state, 'failed', 'expired by the serve process within 8 s');
    assert.equal(ack.attempts, 0);
    assert.equal(ack.last_error, 'gave up after 0 attempts over 2 seconds: no attempt was made (sending was off)');
    assert.match(off.log(), /outbox: 1 queued email past mail_expire failed/);
  } finally {
    await off.stop();
  }
});

test('mail-send-queue with sending off still expires, and counts what it expired', async () => {
  emailTicket('api-ob-5', 'ola@example.org');
  emailTicket('api-ob-6', 'ola@example.org');
  await new Promise((r) => setTimeout(r, 1100));
  const queued = assertOk(await srv.api('GET', '/api/v1/outbox?state=queued&limit=100')).outbox;
  assert.ok(queued.length >= 2, 'two acknowledgements at least');
  const out = heedCli(['mail-send-queue', '--db', srv.db, '--mail_expire', '1s'], { env: { ...process.env, HEED_SMTP_URL: '' } });
  assert.equal(out.trim(), `sent 0, retry later 0, failed 0, expired ${queued.length}, leases expired 0`);
  assert.deepEqual(assertOk(await srv.api('GET', '/api/v1/outbox?state=queued')).outbox, []);
  const [ola] = await rowsFor('ola@example.org');
  assert.equal(ola.state, 'failed');
  // nothing left to expire: the second run counts none
  assert.match(heedCli(['mail-send-queue', '--db', srv.db, '--mail_expire', '1s'], { env: { ...process.env, HEED_SMTP_URL: '' } }),
    /expired 0,/);
});
