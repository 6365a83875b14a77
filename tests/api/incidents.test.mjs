// Incidents: link tickets (suggested by their words); one update reaches every linked
// customer on their own thread, by name, in one transaction; resolving solves them all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { assertOk, assertError, newTicket } from './helpers.mjs';

let srv;
before(async () => { srv = await startHeed({}); });
after(async () => { await srv?.stop(); });

test('an update goes to every linked ticket addressed by name; resolving solves them all', async () => {
  const a = await newTicket(srv, { subject: 'Checkout broken', customer: { email: 'mia@example.com', name: 'Mia Chen' }, message: 'The checkout payment page fails with an error' });
  const b = await newTicket(srv, { subject: 'Cannot pay', customer: { email: 'tom@example.com', name: 'Tom Berg' }, message: 'Payment at checkout fails since this morning' });
  const c = await newTicket(srv, { subject: 'Password reset', customer: { email: 'ann@example.com', name: 'Ann Lee' }, message: 'I forgot my password' });
  const inc = assertOk(await srv.api('POST', '/api/v1/incidents', { title: 'checkout payment' }), 201);
  assert.deepEqual([inc.state, inc.ticket_count, inc.tickets, inc.updates], ['open', 0, [], []]);
  assert.deepEqual(inc.suggested.map((t) => t.id).sort(), [a.id, b.id].sort(), 'the two that mention checkout and payment');
  const linked = assertOk(await srv.api('POST', `/api/v1/incidents/${inc.id}/tickets`, { ticket_ids: [a.id, b.id] }));
  assert.equal(linked.ticket_count, 2);
  assert.deepEqual(linked.suggested, []);
  assertOk(await srv.api('POST', `/api/v1/incidents/${inc.id}/tickets`, { ticket_ids: [a.id] })); // again: no harm
  const up = assertOk(await srv.api('POST', `/api/v1/incidents/${inc.id}/updates`, { body: 'We found the cause and are rolling out a fix. Next update within the hour.' }), 201);
  assert.deepEqual(up.updates.map((u) => [u.tickets, u.resolved]), [[2, false]]);
  for (const [t, name] of [[a, 'Mia'], [b, 'Tom']]) {
    const got = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
    const last = got.messages[got.messages.length - 1];
    assert.equal(last.kind, 'reply');
    assert.equal(last.body, `Hi ${name},\n\nWe found the cause and are rolling out a fix. Next update within the hour.`);
  }
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${c.id}`)).messages.length, 1, 'an unlinked ticket hears nothing');
  const done = assertOk(await srv.api('POST', `/api/v1/incidents/${inc.id}/updates`, { body: 'Fixed: payments work again. Sorry for the trouble.', resolve: true }), 201);
  assert.equal(done.state, 'resolved');
  for (const t of [a, b]) assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).status, 'solved');
  assertError(await srv.api('POST', `/api/v1/incidents/${inc.id}/updates`, { body: 'One more thing to say here' }), 409, 'conflict', 'state');
  assert.ok(assertOk(await srv.api('GET', '/api/v1/incidents?state=resolved')).incidents.some((i) => i.id === inc.id));
});

test('bad input changes nothing', async () => {
  const inc = assertOk(await srv.api('POST', '/api/v1/incidents', { title: 'Login outage' }), 201);
  assertError(await srv.api('POST', '/api/v1/incidents', {}), 400, 'missing_field', 'title');
  assertError(await srv.api('POST', '/api/v1/incidents', { title: ' ' }), 422, 'invalid', 'title');
  assertError(await srv.api('POST', `/api/v1/incidents/${inc.id}/tickets`, { ticket_ids: [999999] }), 422, 'invalid', 'ticket_ids');
  assertError(await srv.api('POST', `/api/v1/incidents/${inc.id}/tickets`, { ticket_ids: 'all' }), 400, 'wrong_type', 'ticket_ids');
  assertError(await srv.api('POST', `/api/v1/incidents/${inc.id}/tickets`, { ticket_ids: [] }), 422, 'invalid', 'ticket_ids');
  assertError(await srv.api('POST', `/api/v1/incidents/${inc.id}/updates`, { body: 'short' }), 422, 'invalid', 'body');
  assertError(await srv.api('POST', `/api/v1/incidents/${inc.id}/updates`, { body: 'A long enough update text', resolve: 'yes' }), 400, 'wrong_type', 'resolve');
  assertError(await srv.api('POST', '/api/v1/incidents/999999/updates', { body: 'A long enough update text' }), 404, 'not_found');
  assertError(await srv.api('GET', '/api/v1/incidents?state=maybe'), 400, 'invalid', 'state');
  const again = assertOk(await srv.api('GET', `/api/v1/incidents/${inc.id}`));
  assert.deepEqual([again.ticket_count, again.updates.length], [0, 0]);
});
