// Merge: one thread in time order on the target, the source closed and pointing at it, the
// customers told when asked, two customers' tickets only by a lead, and an unmerge within a
// day that gives everything back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv, bea;
const advance = async (s) => assertOk(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: s }));
before(async () => {
  srv = await startHeed({ env: { HEED_TEST_CLOCK: '1' } });
  heedCli(['user', 'add', '--db', srv.db, '--email', 'bea@heed.test', '--name', 'Bea Lund', '--role', 'agent']);
  const t = heedCli(['token', 'create', '--db', srv.db, '--email', 'bea@heed.test']).trim().split('\n').pop();
  bea = (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${t}` });
});
after(async () => { await srv?.stop(); });

const ticket = async (email, subject, message, tags = []) =>
  assertOk(await srv.api('POST', '/api/v1/tickets', { subject, customer: { email, name: 'Nora Lind' }, message, tags }), 201);

test('merging makes one thread in time order; the source closes and points at the target; undo gives it back', async () => {
  const a = await ticket('nora@example.com', 'Router down', 'My router is down since this morning.', ['router']);
  await advance(60);
  const b = await ticket('nora@example.com', 'Still no internet', 'Writing again: still no internet.', ['outage']);
  await advance(60);
  assertOk(await srv.api('POST', `/api/v1/tickets/${a.id}/replies`, { body: 'Sorry Nora, checking your line now.' }), 201);
  const merged = assertOk(await bea('POST', `/api/v1/tickets/${b.id}/merge`, { into: a.id, notify: true }));
  assert.equal(merged.id, a.id);
  const bodies = merged.messages.map((m) => m.body);
  assert.deepEqual(bodies.slice(0, 3), ['My router is down since this morning.', 'Writing again: still no internet.', 'Sorry Nora, checking your line now.']);
  assert.match(bodies[3], /^Hi Nora,\n\nWe have brought your request "Still no internet" \(#\d+\) together with this one/);
  const times = merged.messages.map((m) => m.created_at);
  assert.deepEqual(times, [...times].sort(), 'in time order');
  assert.deepEqual([...merged.tags].sort(), ['outage', 'router']);
  const src = assertOk(await srv.api('GET', `/api/v1/tickets/${b.id}`));
  assert.equal(src.merged_into, a.id);
  assert.equal(src.status, 'closed');
  assert.equal(src.messages.length, 0);
  assert.equal(merged.merged_into, null);
  assertError(await bea('POST', `/api/v1/tickets/${b.id}/merge`, { into: a.id }), 409, 'already_merged');
  // undone: the messages and status come back; the notice stays where it was sent
  const back = assertOk(await bea('POST', `/api/v1/tickets/${b.id}/unmerge`));
  assert.equal(back.merged_into, null);
  assert.equal(back.status, 'new');
  assert.deepEqual(back.messages.map((m) => m.body), ['Writing again: still no internet.']);
  const target = assertOk(await srv.api('GET', `/api/v1/tickets/${a.id}`));
  assert.equal(target.messages.length, 3, 'its own two and the notice');
  assertError(await bea('POST', `/api/v1/tickets/${b.id}/unmerge`), 409, 'not_merged');
});

test('an unmerge after a day is refused; two customers\' tickets need a lead', async () => {
  const a = await ticket('ola@example.com', 'Invoice wrong', 'The invoice has the wrong VAT number.');
  const b = await ticket('ola@example.com', 'Invoice again', 'And the address is wrong too.');
  assertOk(await srv.api('POST', `/api/v1/tickets/${b.id}/merge`, { into: a.id }));
  await advance(25 * 3600);
  assertError(await srv.api('POST', `/api/v1/tickets/${b.id}/unmerge`), 409, 'too_late');
  const c = await ticket('someone.else@example.com', 'Same invoice problem', 'Our invoice has the wrong VAT number too.');
  assertError(await bea('POST', `/api/v1/tickets/${c.id}/merge`, { into: a.id }), 403, 'forbidden', 'into');
  const both = assertOk(await srv.api('POST', `/api/v1/tickets/${c.id}/merge`, { into: a.id, notify: true }), 200);
  assert.ok(both.messages.some((m) => m.body === 'Our invoice has the wrong VAT number too.'));
  // the other customer was told on their own ticket
  const told = assertOk(await srv.api('GET', `/api/v1/tickets/${c.id}`));
  assert.equal(told.messages.length, 1);
  assert.match(told.messages[0].body, /is being handled together with a related one/);
});

test('bad merges are refused by field and change nothing', async () => {
  const a = await ticket('pia@example.com', 'One', 'First.');
  assertError(await srv.api('POST', `/api/v1/tickets/${a.id}/merge`, {}), 400, 'missing_field', 'into');
  assertError(await srv.api('POST', `/api/v1/tickets/${a.id}/merge`, { into: 'two' }), 400, 'wrong_type', 'into');
  assertError(await srv.api('POST', `/api/v1/tickets/${a.id}/merge`, { into: a.id }), 422, 'invalid', 'into');
  assertError(await srv.api('POST', `/api/v1/tickets/${a.id}/merge`, { into: 987654 }), 404, 'not_found', 'into');
  assertError(await srv.api('POST', `/api/v1/tickets/${a.id}/merge`, { into: a.id + 1, notify: 'yes' }), 400, 'wrong_type', 'notify');
  const b = await ticket('pia@example.com', 'Two', 'Second.');
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${b.id}`, { status: 'closed', confirm: true }));
  assertError(await srv.api('POST', `/api/v1/tickets/${a.id}/merge`, { into: b.id }), 409, 'ticket_closed', 'into');
  const still = assertOk(await srv.api('GET', `/api/v1/tickets/${a.id}`));
  assert.equal(still.status, 'new');
  assert.equal(still.merged_into, null);
  assert.equal(still.messages.length, 1);
});
