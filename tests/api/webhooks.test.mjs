// Webhooks: admins subscribe a URL to events; deliveries are signed JSON, retried with
// backoff, in order per ticket, each attempt visible; private addresses are refused unless
// the operator allows them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, newTicket, ISO } from './helpers.mjs';

let srv, receiver, got = [], failNext = 0, url;
before(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (failNext > 0) { failNext--; res.writeHead(503); res.end('busy'); return; }
      got.push({ headers: req.headers, body });
      res.writeHead(204); res.end();
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${receiver.address().port}/hooks/heed`;
  srv = await startHeed({ demo: true, env: { HEED_WEBHOOK_ALLOW_PRIVATE: '1', HEED_TEST_CLOCK: '1' } });
});
after(async () => { await srv?.stop(); receiver?.close(); });
const until = async (fn, what) => {
  for (let i = 0; i < 100; i++) { if (await fn()) return; await new Promise((r) => setTimeout(r, 100)); }
  assert.fail(`timed out waiting for ${what}`);
};

test('a subscription gets signed deliveries of its events, in order per ticket', async () => {
  const hook = assertOk(await srv.api('POST', '/api/v1/webhooks', { url, events: ['ticket.created', 'message.created', 'commitment.created', 'ticket.solved'] }), 201);
  assert.match(hook.secret, /^whsec_[0-9a-f]{64}$/);
  assert.deepEqual(hook.events, ['ticket.created', 'message.created', 'commitment.created', 'ticket.solved']);
  const list = assertOk(await srv.api('GET', '/api/v1/webhooks')).webhooks;
  assert.ok(list.some((w) => w.id === hook.id && !('secret' in w)), 'the secret is shown once');
  const t = await newTicket(srv);
  await srv.api('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'I will send you the label by tomorrow.' });
  await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved', confirm: true });
  await until(() => got.filter((g) => JSON.parse(g.body).ticket?.id === t.id).length >= 4, 'four deliveries');
  const mine = got.filter((g) => JSON.parse(g.body).ticket?.id === t.id);
  assert.deepEqual(mine.map((g) => g.headers['x-heed-event']), ['ticket.created', 'message.created', 'commitment.created', 'ticket.solved']);
  for (const g of mine) {
    const sig = 'sha256=' + createHmac('sha256', hook.secret).update(g.body).digest('hex');
    assert.equal(g.headers['x-heed-signature'], sig);
    assert.equal(g.headers['content-type'], 'application/json');
    const body = JSON.parse(g.body);
    assert.equal(body.id, g.headers['x-heed-delivery']);
    assert.equal(body.event, g.headers['x-heed-event']);
    assert.match(body.created_at, ISO);
  }
  assert.equal(JSON.parse(mine[2].body).data.commitment.text, 'I will send you the label by tomorrow.');
  assert.equal(new Set(mine.map((g) => g.headers['x-heed-delivery'])).size, 4, 'a unique id per delivery');
  const deliveries = assertOk(await srv.api('GET', `/api/v1/webhooks/${hook.id}/deliveries`)).deliveries;
  assert.ok(deliveries.filter((d) => d.ticket_id === t.id).every((d) => d.state === 'delivered' && d.attempts.length === 1 && d.attempts[0].status === 204));
  assert.equal((await srv.api('DELETE', `/api/v1/webhooks/${hook.id}`)).status, 204);
});

test('a failing receiver is retried with backoff; later deliveries for that ticket wait their turn', async () => {
  const hook = assertOk(await srv.api('POST', '/api/v1/webhooks', { url, events: ['ticket.created', 'message.created'], secret: 'a-shared-secret-1234' }), 201);
  assert.equal(hook.secret, 'a-shared-secret-1234');
  got = [];
  failNext = 1;
  const t = await newTicket(srv);
  await srv.api('POST', `/api/v1/tickets/${t.id}/notes`, { body: 'internal: checked the order' });
  await until(async () => (assertOk(await srv.api('GET', `/api/v1/webhooks/${hook.id}/deliveries`)).deliveries
    .find((d) => d.event === 'ticket.created')?.attempts.length ?? 0) >= 1, 'the failed attempt');
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(got.length, 0, 'the message waits behind the ticket it belongs to: ' + JSON.stringify(got.map((g) => [g.headers['x-heed-event'], JSON.parse(g.body).ticket?.id, t.id])));
  let ds = assertOk(await srv.api('GET', `/api/v1/webhooks/${hook.id}/deliveries`)).deliveries;
  const first = ds.find((d) => d.event === 'ticket.created');
  assert.deepEqual([first.state, first.attempts[0].status, first.attempts[0].error], ['queued', 503, 'HTTP 503']);
  await srv.api('POST', '/api/v1/test/clock', { advance_seconds: 120 }); // past the first backoff
  await until(() => got.length >= 2, 'the retry and the one after it');
  assert.deepEqual(got.map((g) => g.headers['x-heed-event']), ['ticket.created', 'message.created']);
  ds = assertOk(await srv.api('GET', `/api/v1/webhooks/${hook.id}/deliveries`)).deliveries;
  assert.deepEqual(ds.find((d) => d.event === 'ticket.created').attempts.map((a) => a.status), [503, 204]);
  await srv.api('DELETE', `/api/v1/webhooks/${hook.id}`);
});

test('bad input and private addresses are refused; nothing is created', async () => {
  const W = '/api/v1/webhooks';
  assertError(await srv.api('POST', W, { events: ['ticket.created'] }), 400, 'missing_field', 'url');
  assertError(await srv.api('POST', W, { url: 'ftp://example.com/x', events: ['ticket.created'] }), 422, 'invalid', 'url');
  assertError(await srv.api('POST', W, { url: 'http://', events: ['ticket.created'] }), 422, 'invalid', 'url');
  assertError(await srv.api('POST', W, { url: 'http://user:pw@example.com/', events: ['ticket.created'] }), 422, 'invalid', 'url');
  assertError(await srv.api('POST', W, { url }), 400, 'missing_field', 'events');
  assertError(await srv.api('POST', W, { url, events: [] }), 422, 'invalid', 'events');
  assertError(await srv.api('POST', W, { url, events: ['ticket.exploded'] }), 422, 'invalid', 'events');
  assertError(await srv.api('POST', W, { url, events: 'ticket.created' }), 400, 'wrong_type', 'events');
  assertError(await srv.api('POST', W, { url, events: ['ticket.created'], secret: 'short' }), 422, 'invalid', 'secret');
  assertError(await srv.api('POST', W, { url, events: ['ticket.created'], colour: 1 }), 400, 'unknown_field', 'colour');
  const alex = heedCli(['token', 'create', '--db', srv.db, '--email', 'alex@heed.test']).trim().split('\n').pop();
  assertError(await srv.api('POST', W, { url, events: ['ticket.created'] }, { Authorization: `Bearer ${alex}` }), 403, 'forbidden');
  assertError(await srv.api('GET', '/api/v1/webhooks/999999/deliveries'), 404, 'not_found');
  assertError(await srv.api('DELETE', '/api/v1/webhooks/999999'), 404, 'not_found');
  assert.equal(assertOk(await srv.api('GET', W)).webhooks.length, 0);
  // without the operator's permission, loopback and private addresses are refused
  const strict = await startHeed({});
  try {
    for (const u of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://10.1.2.3/x', 'http://192.168.0.10/x', 'http://[::1]:8080/x', 'http://169.254.169.254/latest/meta-data'])
      assertError(await strict.api('POST', W, { url: u, events: ['ticket.created'] }), 422, 'invalid', 'url');
  } finally { await strict.stop(); }
});
