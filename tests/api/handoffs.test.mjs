// Warm hand-offs: a note that says something, the receiver accepts or declines with a
// reason, the old owner owns it until then; on accept the customer hears who looks after
// them; three hand-offs flag the ticket to the supervisor. Availability: in or away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, newTicket } from './helpers.mjs';

let srv, alex, priya, jordan, sam, ids;
const as = (email) => {
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', email]).trim().split('\n').pop();
  return (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${token}` });
};
const NOTE = 'Tried a password reset twice; promised a call back today. She is frustrated but polite.';
before(async () => {
  srv = await startHeed({ demo: true });
  alex = as('alex@heed.test'); priya = as('priya@heed.test'); jordan = as('jordan@heed.test'); sam = as('sam@heed.test');
  const agents = assertOk(await srv.api('GET', '/api/v1/agents')).agents ?? assertOk(await srv.api('GET', '/api/v1/agents'));
  ids = Object.fromEntries(agents.map((a) => [a.email.split('@')[0], a.id]));
});
after(async () => { await srv?.stop(); });

async function ownedBy(who, owner) {
  const t = await newTicket(srv, { customer: { email: `h${Date.now()}${Math.random()}@example.com`, name: 'Mia Chen' } });
  return assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { owner: ids[owner] }));
}

test('a hand-off waits for its receiver: the old owner keeps the ticket until accepted', async () => {
  const t = await ownedBy(alex, 'alex');
  const h = assertOk(await alex('POST', `/api/v1/tickets/${t.id}/handoffs`, { to: ids.priya, note: NOTE }), 201);
  assert.deepEqual([h.state, h.from, h.to, h.note], ['pending', 'Alex Moreau', 'Priya Raman', NOTE]);
  let got = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
  assert.equal(got.owner.id ?? got.owner, ids.alex);
  assert.equal(got.handoff.id, h.id);
  const told = assertOk(await priya('GET', '/api/v1/notifications?unread=1')).notifications.find((n) => n.ticket_id === t.id);
  assert.match(told.title, /Alex Moreau asks you to take over/);
  assert.deepEqual(assertOk(await priya('GET', '/api/v1/handoffs?to=me&state=pending')).handoffs.map((x) => x.id).includes(h.id), true);
  assertError(await alex('POST', `/api/v1/handoffs/${h.id}/accept`), 403, 'forbidden');
  assertError(await alex('POST', `/api/v1/tickets/${t.id}/handoffs`, { to: ids.jordan, note: NOTE }), 409, 'conflict');
  const acc = assertOk(await priya('POST', `/api/v1/handoffs/${h.id}/accept`));
  assert.equal(acc.state, 'accepted');
  got = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
  assert.equal(got.owner.id ?? got.owner, ids.priya);
  assert.equal(got.handoff_count, 1);
  assert.equal(got.handoff, null);
  const last = got.messages[got.messages.length - 1];
  assert.equal(last.kind, 'reply');
  assert.match(last.body, /^Hi Mia, I'm Priya, and I'm looking after your request from now on\./);
  assertError(await priya('POST', `/api/v1/handoffs/${h.id}/accept`), 409, 'conflict', 'state');
  assert.ok(assertOk(await alex('GET', '/api/v1/notifications?unread=1')).notifications.some((n) => /Priya Raman accepted/.test(n.title)));
});

test('decline needs a reason and tells who asked; cancel by who asked', async () => {
  const t = await ownedBy(alex, 'alex');
  const h = assertOk(await alex('POST', `/api/v1/tickets/${t.id}/handoffs`, { to: ids.jordan, note: NOTE }), 201);
  assertError(await jordan('POST', `/api/v1/handoffs/${h.id}/decline`, {}), 422, 'invalid', 'reason');
  assertError(await jordan('POST', `/api/v1/handoffs/${h.id}/decline`, { reason: 'no' }), 422, 'invalid', 'reason');
  const d = assertOk(await jordan('POST', `/api/v1/handoffs/${h.id}/decline`, { reason: 'I am off from tomorrow for a week' }));
  assert.deepEqual([d.state, d.reason], ['declined', 'I am off from tomorrow for a week']);
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).owner.id ?? 0, ids.alex);
  assert.ok(assertOk(await alex('GET', '/api/v1/notifications?unread=1')).notifications.some((n) => /Jordan Ellis declined/.test(n.title)));
  const again = assertOk(await alex('POST', `/api/v1/tickets/${t.id}/handoffs`, { to: ids.priya, note: NOTE }), 201);
  assertError(await jordan('POST', `/api/v1/handoffs/${again.id}/cancel`), 403, 'forbidden');
  assert.equal(assertOk(await alex('POST', `/api/v1/handoffs/${again.id}/cancel`)).state, 'cancelled');
});

test('bad input changes nothing', async () => {
  const t = await ownedBy(alex, 'alex');
  const H = `/api/v1/tickets/${t.id}/handoffs`;
  assertError(await alex('POST', H, { to: ids.priya }), 422, 'invalid', 'note');
  assertError(await alex('POST', H, { to: ids.priya, note: '' }), 422, 'invalid', 'note');
  assertError(await alex('POST', H, { to: ids.priya, note: 'see above' }), 422, 'invalid', 'note');
  assertError(await alex('POST', H, { to: ids.priya, note: 'x'.repeat(30) }), 422, 'invalid', 'note'); // one "word"
  assertError(await alex('POST', H, { note: NOTE }), 400, 'missing_field', 'to');
  assertError(await alex('POST', H, { to: 'priya', note: NOTE }), 400, 'wrong_type', 'to');
  assertError(await alex('POST', H, { to: 999999, note: NOTE }), 422, 'invalid', 'to');
  assertError(await alex('POST', H, { to: ids.alex, note: NOTE }), 422, 'invalid', 'to');
  assertError(await alex('POST', H, { to: ids.priya, note: NOTE, urgent: true }), 400, 'unknown_field', 'urgent');
  assertError(await priya('POST', H, { to: ids.jordan, note: NOTE }), 403, 'forbidden'); // not hers to hand off
  assertError(await alex('POST', '/api/v1/tickets/999999/handoffs', { to: ids.priya, note: NOTE }), 404, 'not_found');
  assertError(await alex('POST', '/api/v1/handoffs/999999/accept'), 404, 'not_found');
  assertError(await alex('GET', '/api/v1/handoffs?state=maybe'), 400, 'invalid', 'state');
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).handoff, null);
});

test('three hand-offs: passed around, and the supervisor is told', async () => {
  const t = await ownedBy(alex, 'alex');
  const chain = [[alex, 'priya', priya], [priya, 'jordan', jordan], [jordan, 'alex', alex]];
  for (const [from, to, toApi] of chain) {
    const h = assertOk(await from('POST', `/api/v1/tickets/${t.id}/handoffs`, { to: ids[to], note: NOTE }), 201);
    assertOk(await toApi('POST', `/api/v1/handoffs/${h.id}/accept`));
  }
  const got = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
  assert.deepEqual([got.handoff_count, got.passed_around], [3, true]);
  const told = assertOk(await sam('GET', '/api/v1/notifications?unread=1')).notifications.find((n) => n.ticket_id === t.id);
  assert.match(told.title, /has been passed around: 3 hand-offs/);
});

test('agents set themselves in or away', async () => {
  assert.equal(assertOk(await priya('GET', '/api/v1/me')).available, true);
  assert.equal(assertOk(await priya('PATCH', '/api/v1/me', { available: false })).available, false);
  assert.equal(assertOk(await srv.api('GET', '/api/v1/agents')).agents.find((a) => a.id === ids.priya).available, false);
  assertError(await priya('PATCH', '/api/v1/me', { available: 'no' }), 400, 'wrong_type', 'available');
  assert.equal(assertOk(await priya('PATCH', '/api/v1/me', { available: true })).available, true);
});
