// Snooze: a ticket on hold until a time comes back by itself (open, its owner told), or at
// once when the customer writes; refusals name the field and change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv;
const advance = async (s) => assertOk(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: s }));
const clock = async () => Date.parse(assertOk(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: 0 })).now);
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
before(async () => { srv = await startHeed({ env: { HEED_TEST_CLOCK: '1' } }); });
after(async () => { await srv?.stop(); });

const ticket = async (subject) =>
  assertOk(await srv.api('POST', '/api/v1/tickets', { subject, customer: { email: 'snooze@example.com', name: 'Sid Nooze' }, message: 'Please call me next week.' }), 201);

test('a snoozed ticket waits on hold and comes back when its time comes, to its owner', async () => {
  const t = await ticket('Call next week');
  const me = assertOk(await srv.api('GET', '/api/v1/me'));
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { owner: me.id }));
  const until = iso((await clock()) + 2 * 3600 * 1000);
  const s = assertOk(await srv.api('POST', `/api/v1/tickets/${t.id}/snooze`, { until }));
  assert.equal(s.status, 'on-hold');
  assert.equal(s.snoozed_until, until);
  assert.equal(s.attention.score, 0, 'on hold: not waiting in the lists');
  await advance(2 * 3600 + 60);
  let back;
  for (let i = 0; i < 100; i++) { // the sweep runs every 30 s of wall time; the test clock jumped
    back = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
    if (back.status === 'open') break;
    await new Promise((r) => setTimeout(r, 400));
  }
  assert.equal(back.status, 'open');
  assert.equal(back.snoozed_until, null);
  const bell = assertOk(await srv.api('GET', '/api/v1/notifications?unread=1')).notifications;
  assert.ok(bell.some((n) => n.ticket_id === t.id && /back from snooze/.test(n.title)), JSON.stringify(bell));
});

test('an agent can end a snooze (the customer writing ends one too: tests/unit/test_service.c)', async () => {
  const t = await ticket('Snoozed then wrote');
  const until = iso((await clock()) + 24 * 3600 * 1000);
  assertOk(await srv.api('POST', `/api/v1/tickets/${t.id}/snooze`, { until }));
  assert.equal(assertOk(await srv.api('DELETE', `/api/v1/tickets/${t.id}/snooze`)).status, 'open');
  assertError(await srv.api('DELETE', `/api/v1/tickets/${t.id}/snooze`), 404, 'not_snoozed');
});

test('bad snoozes are refused, naming the field, and change nothing', async () => {
  const t = await ticket('Bad snoozes');
  const now = await clock();
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/snooze`, {}), 400, 'missing_field', 'until');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/snooze`, { until: 'next week' }), 422, 'invalid', 'until');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/snooze`, { until: iso(now - 60000) }), 422, 'invalid', 'until');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/snooze`, { until: iso(now + 91 * 86400000) }), 422, 'invalid', 'until');
  assertError(await srv.api('POST', '/api/v1/tickets/987654/snooze', { until: iso(now + 3600000) }), 404, 'not_found');
  const got = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
  assert.equal(got.status, 'new');
  assert.equal(got.snoozed_until, null);
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved', confirm: true }));
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/snooze`, { until: iso(now + 3600000) }), 409, 'ticket_solved');
});
