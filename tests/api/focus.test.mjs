// Focus mode: GET /api/v1/focus/next gives the one ticket to work now: an overdue promise
// first, then the SLA's due time, then priority, then the longest wait; never one a colleague
// has open, nor one the agent skipped (with a reason supervisors can read); 204 when nothing
// waits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv, bea;
const advance = async (s) => assertOk(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: s }));
before(async () => {
  srv = await startHeed({ env: { HEED_TEST_CLOCK: '1' } });
  heedCli(['user', 'add', '--db', srv.db, '--email', 'bea@heed.test', '--name', 'Bea Lund', '--role', 'agent']);
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', 'bea@heed.test']).trim().split('\n').pop();
  bea = (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${token}` });
});
after(async () => { await srv?.stop(); });

const ticket = async (subject, priority) =>
  assertOk(await srv.api('POST', '/api/v1/tickets', { subject, priority, customer: { email: `${subject.split(' ')[0].toLowerCase()}@example.com` }, message: 'Please help.' }), 201);

test('the most pressing first; a colleague\'s open ticket and a skipped one are passed over', async () => {
  assert.equal((await srv.api('GET', '/api/v1/focus/next')).status, 204, 'nothing waits yet');
  const plain = await ticket('Plain question', 'normal');
  const urgent = await ticket('Urgent outage', 'urgent');
  const low = await ticket('Low whisper', 'low');
  let next = assertOk(await srv.api('GET', '/api/v1/focus/next'));
  assert.equal(next.ticket.id, urgent.id, 'urgent before normal and low');
  assert.ok(next.why.some((w) => /urgent priority/.test(w)));
  // a promise on the low one, then its time passes: it comes first
  const due = new Date(Date.now() + 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  assertOk(await srv.api('POST', `/api/v1/tickets/${low.id}/commitments`, { text: 'I will call you back today', due }), 201);
  await advance(2 * 3600);
  next = assertOk(await srv.api('GET', '/api/v1/focus/next'));
  assert.equal(next.ticket.id, low.id, 'an overdue promise first');
  assert.match(next.why[0], /a promise to the customer was due/);
  // skipping asks why
  assertError(await srv.api('POST', '/api/v1/focus/skip', { ticket_id: low.id }), 400, 'missing_field', 'reason');
  assertError(await srv.api('POST', '/api/v1/focus/skip', { ticket_id: low.id, reason: '' }), 422, 'invalid', 'reason');
  assertError(await srv.api('POST', '/api/v1/focus/skip', { ticket_id: 'x', reason: 'later' }), 400, 'wrong_type', 'ticket_id');
  assertError(await srv.api('POST', '/api/v1/focus/skip', { ticket_id: 987654, reason: 'waiting on the courier' }), 404, 'not_found');
  assert.equal((await srv.api('POST', '/api/v1/focus/skip', { ticket_id: low.id, reason: 'waiting on the courier' })).status, 204);
  assert.equal(assertOk(await srv.api('GET', '/api/v1/focus/next')).ticket.id, urgent.id, 'the skipped one is passed over');
  // Bea has the urgent one open: Ada is given the plain one
  assert.equal((await bea('POST', `/api/v1/tickets/${urgent.id}/presence`, { state: 'viewing' })).status, 204);
  assert.equal(assertOk(await srv.api('GET', '/api/v1/focus/next')).ticket.id, plain.id, 'a colleague has the urgent one open');
  assert.equal(assertOk(await bea('GET', '/api/v1/focus/next')).ticket.id, low.id, 'Bea did not skip the low one; its promise is overdue');
  // the supervisor's view of skips; an agent may not read it
  const skips = assertOk(await srv.api('GET', '/api/v1/focus/skips')).skips;
  assert.equal(skips.length, 1);
  assert.equal(skips[0].ticket_id, low.id);
  assert.equal(skips[0].reason, 'waiting on the courier');
  assert.equal(skips[0].agent, 'Ada Okafor');
  assertError(await bea('GET', '/api/v1/focus/skips'), 403, 'forbidden');
  // four hours later the skip is over
  await advance(4 * 3600 + 60);
  assert.equal(assertOk(await srv.api('GET', '/api/v1/focus/next')).ticket.id, low.id);
  // solved tickets are done: when all are, nothing waits
  for (const t of [plain, urgent, low]) assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved', confirm: true }));
  assert.equal((await srv.api('GET', '/api/v1/focus/next')).status, 204);
});

test('below promises and SLAs, the customer\'s side comes first: an angry customer before a calm urgent one', async () => {
  const calm = await ticket('Calmurgent question', 'urgent');
  const angry = assertOk(await srv.api('POST', '/api/v1/tickets', {
    subject: 'Angry about my bill', priority: 'normal', customer: { email: 'angry@example.com' },
    message: 'This is unacceptable. I want to make a formal complaint about your service.',
  }), 201);
  const next = assertOk(await srv.api('GET', '/api/v1/focus/next'));
  assert.equal(next.ticket.id, angry.id, 'needs attention 30 before a calm customer whose ticket is marked urgent');
  assert.equal(next.ticket.attention.score, 30);
  assert.ok(next.why.some((w) => /^needs attention 30: waited 0 minutes, angry, a complaint$/.test(w)), next.why.join(' | '));
  for (const t of [calm, angry]) assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved', confirm: true }));
});
