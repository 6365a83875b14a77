// The goodwill budget: within an agent's limits a grant is at once; above, it waits for a
// supervisor (nobody approves their own); limits per role and agent; the month refills;
// the ledger shows what the customer said afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, newTicket, ISO } from './helpers.mjs';

let srv, alex, sam, priya, ids;
const as = (email) => {
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', email]).trim().split('\n').pop();
  return (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${token}` });
};
before(async () => {
  srv = await startHeed({ demo: true, env: { HEED_TEST_CLOCK: '1' } });
  alex = as('alex@heed.test'); sam = as('sam@heed.test'); priya = as('priya@heed.test');
  ids = Object.fromEntries(assertOk(await srv.api('GET', '/api/v1/agents')).agents.map((a) => [a.email.split('@')[0], a.id]));
});
after(async () => { await srv?.stop(); });

const G = (id) => `/api/v1/tickets/${id}/goodwill`;
const grant = (who, id, amount, kind = 'credit') => who('POST', G(id), { kind, amount_minor: amount, currency: 'USD', reason: 'Delivery was a week late' });

test('within the limits: granted at once; above the per-ticket limit: pending, the supervisor told', async () => {
  const t = await newTicket(srv);
  const g = assertOk(await grant(alex, t.id, 1500), 201);
  assert.deepEqual([g.state, g.kind, g.amount_minor, g.currency, g.agent, g.decided_by], ['granted', 'credit', 1500, 'USD', 'Alex Moreau', null]);
  assert.match(g.created_at, ISO);
  const p = assertOk(await grant(alex, t.id, 9000, 'refund'), 201); // 15.00 + 90.00 > 100.00 on this ticket
  assert.equal(p.state, 'pending');
  const told = assertOk(await sam('GET', '/api/v1/notifications?unread=1')).notifications.find((n) => n.kind === 'goodwill' && n.ticket_id === t.id);
  assert.match(told.title, /Alex Moreau asks to give 90\.00 USD refund/);
  assert.ok(assertOk(await sam('GET', '/api/v1/goodwill?state=pending')).goodwill.some((x) => x.id === p.id));
  assertError(await alex('POST', `/api/v1/goodwill/${p.id}/approve`), 403, 'forbidden'); // an agent
  assertError(await sam('POST', `/api/v1/goodwill/${p.id}/decline`, {}), 422, 'invalid', 'reason');
  const ok = assertOk(await sam('POST', `/api/v1/goodwill/${p.id}/approve`));
  assert.deepEqual([ok.state, ok.decided_by], ['approved', ids.sam]);
  assertError(await sam('POST', `/api/v1/goodwill/${p.id}/approve`), 409, 'conflict', 'state');
  assert.ok(assertOk(await alex('GET', '/api/v1/notifications?unread=1')).notifications.some((n) => /Sam Lindqvist approved your 90\.00 USD refund/.test(n.title)));
});

test('nobody approves their own, not even a supervisor; declined grants keep the reason', async () => {
  const t = await newTicket(srv);
  assertOk(await srv.api('PUT', '/api/v1/goodwill/limits', { agent_id: ids.sam, per_ticket_minor: 1000, per_month_minor: 50000 }));
  const mine = assertOk(await grant(sam, t.id, 5000), 201);
  assert.equal(mine.state, 'pending');
  assertError(await sam('POST', `/api/v1/goodwill/${mine.id}/approve`), 403, 'forbidden');
  const d = assertOk(await srv.api('POST', `/api/v1/goodwill/${mine.id}/decline`, { reason: 'Over what we give for a late delivery' }));
  assert.deepEqual([d.state, d.decline_reason], ['declined', 'Over what we give for a late delivery']);
  assertOk(await srv.api('PUT', '/api/v1/goodwill/limits', { agent_id: ids.sam, per_ticket_minor: null, per_month_minor: null }));
});

test('the monthly allowance: counted across tickets, refilled next month; limits per role', async () => {
  assertOk(await srv.api('PUT', '/api/v1/goodwill/limits', { role: 'agent', per_ticket_minor: 5000, per_month_minor: 8000 }));
  const a = assertOk(await priya('GET', '/api/v1/goodwill/allowance'));
  assert.deepEqual([a.per_ticket_minor, a.per_month_minor, a.spent_this_month_minor, a.remaining_month_minor], [5000, 8000, 0, 8000]);
  const t1 = await newTicket(srv), t2 = await newTicket(srv);
  assert.equal(assertOk(await grant(priya, t1.id, 5000), 201).state, 'granted');
  assert.equal(assertOk(await grant(priya, t2.id, 3000, 'gift'), 201).state, 'granted');
  assert.equal(assertOk(await grant(priya, t2.id, 100), 201).state, 'pending'); // the month is spent
  assert.equal(assertOk(await priya('GET', '/api/v1/goodwill/allowance')).remaining_month_minor, 0);
  await srv.api('POST', '/api/v1/test/clock', { advance_seconds: 32 * 86400 });
  assert.equal(assertOk(await priya('GET', '/api/v1/goodwill/allowance')).remaining_month_minor, 8000);
  assert.equal(assertOk(await grant(priya, t2.id, 100), 201).state, 'granted');
  const limits = assertOk(await srv.api('GET', '/api/v1/goodwill/limits'));
  assert.equal(limits.currency, 'USD');
  assert.deepEqual(limits.agents.find((x) => x.agent_id === ids.priya), { agent_id: ids.priya, name: 'Priya Raman', role: 'agent', per_ticket_minor: 5000, per_month_minor: 8000 });
  assert.equal(limits.agents.find((x) => x.agent_id === ids.ada).per_month_minor, null, 'admins: no limit');
});

test('the ledger on the ticket and the customer', async () => {
  const t = await newTicket(srv);
  const g = assertOk(await grant(alex, t.id, 1000, 'gift'), 201);
  const list = assertOk(await alex('GET', G(t.id))).goodwill;
  assert.deepEqual(list.map((x) => [x.id, x.customer_said_after]), [[g.id, null]]);
  const byCustomer = assertOk(await alex('GET', `/api/v1/customers/${t.customer.id}/goodwill`)).goodwill;
  assert.deepEqual(byCustomer.map((x) => x.id), [g.id]);
});

test('bad input changes nothing', async () => {
  const t = await newTicket(srv);
  assertError(await alex('POST', G(t.id), { kind: 'voucher', amount_minor: 100, currency: 'USD', reason: 'Late delivery' }), 422, 'invalid', 'kind');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: 0, currency: 'USD', reason: 'Late delivery' }), 422, 'invalid', 'amount_minor');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: -5, currency: 'USD', reason: 'Late delivery' }), 422, 'invalid', 'amount_minor');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: 12.5, currency: 'USD', reason: 'Late delivery' }), 400, 'wrong_type', 'amount_minor');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: '1250', currency: 'USD', reason: 'Late delivery' }), 400, 'wrong_type', 'amount_minor');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: 100, currency: 'EUR', reason: 'Late delivery' }), 422, 'invalid', 'currency');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: 100, currency: 'usd', reason: 'Late delivery' }), 422, 'invalid', 'currency');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: 100, currency: 'USD', reason: 'ok' }), 422, 'invalid', 'reason');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: 100, currency: 'USD' }), 422, 'invalid', 'reason');
  assertError(await alex('POST', G(t.id), { kind: 'credit', currency: 'USD', reason: 'Late delivery' }), 400, 'missing_field', 'amount_minor');
  assertError(await alex('POST', G(t.id), { kind: 'credit', amount_minor: 100, reason: 'Late delivery', tip: 1 }), 400, 'unknown_field', 'tip');
  assertError(await alex('POST', G(999999), { kind: 'credit', amount_minor: 100, currency: 'USD', reason: 'Late delivery' }), 404, 'not_found');
  assertError(await alex('PUT', '/api/v1/goodwill/limits', { role: 'agent', per_ticket_minor: 1, per_month_minor: 1 }), 403, 'forbidden');
  assertError(await srv.api('PUT', '/api/v1/goodwill/limits', { role: 'agent', agent_id: ids.alex, per_ticket_minor: 1, per_month_minor: 1 }), 422, 'invalid', 'role');
  assertError(await srv.api('PUT', '/api/v1/goodwill/limits', { per_ticket_minor: 1, per_month_minor: 1 }), 422, 'invalid', 'role');
  assertError(await srv.api('PUT', '/api/v1/goodwill/limits', { role: 'intern', per_ticket_minor: 1, per_month_minor: 1 }), 422, 'invalid', 'role');
  assertError(await srv.api('PUT', '/api/v1/goodwill/limits', { role: 'agent', per_ticket_minor: -1, per_month_minor: 1 }), 400, 'wrong_type', 'per_ticket_minor');
  assertError(await srv.api('GET', '/api/v1/goodwill?state=maybe'), 400, 'invalid', 'state');
  assertError(await srv.api('POST', '/api/v1/goodwill/999999/approve'), 404, 'not_found');
  assert.equal(assertOk(await alex('GET', G(t.id))).goodwill.length, 0);
});
