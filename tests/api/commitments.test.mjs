// Commitments: promises in replies become due work; by hand too; reminders and overdue
// notifications come from the jobs mechanism as the (test) clock moves; solving asks first;
// kept late counts as broken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, newTicket, ISO } from './helpers.mjs';

let srv, alex, sam;
const as = (email) => {
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', email]).trim().split('\n').pop();
  return (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${token}` });
};
const advance = async (seconds) => assertOk(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: seconds }));
const until = async (fn, what) => {
  for (let i = 0; i < 100; i++) { if (await fn()) return; await new Promise((r) => setTimeout(r, 100)); }
  assert.fail(`timed out waiting for ${what}`);
};
before(async () => {
  srv = await startHeed({ demo: true, env: { HEED_TEST_CLOCK: '1' } });
  alex = as('alex@heed.test');
  sam = as('sam@heed.test');
});
after(async () => { await srv?.stop(); });

test('a reply with promises creates commitments in its transaction; a vague one is due next business day', async () => {
  const t = await newTicket(srv);
  const reply = assertOk(await alex('POST', `/api/v1/tickets/${t.id}/replies`,
    { body: 'Hi, sorry for the wait. I will call you back within 3 hours. I will look into the invoice too.' }), 201);
  assert.equal(reply.commitments.length, 2);
  const [timed, vague] = reply.commitments;
  assert.equal(timed.text, 'I will call you back within 3 hours.');
  assert.equal(timed.state, 'open');
  assert.equal(timed.vague, false);
  assert.match(timed.due, ISO);
  const hours = (Date.parse(timed.due) - Date.now()) / 3600e3;
  assert.ok(hours > 2.9 && hours < 3.1, `due in about 3 hours, not ${hours}`);
  assert.equal(vague.vague, true);
  const d = new Date(vague.due);
  assert.ok(d.getUTCDay() >= 1 && d.getUTCDay() <= 5, 'a weekday');
  assert.ok(Date.parse(vague.due) > Date.now());
  // the ticket shows them; a note never makes one
  const got = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
  assert.deepEqual(got.commitments.map((c) => c.id), [timed.id, vague.id].sort((a, b) => a - b));
  const note = assertOk(await alex('POST', `/api/v1/tickets/${t.id}/notes`, { body: 'I will call them tomorrow' }), 201);
  assert.equal(note.commitments, undefined);
  // a customer's "thanks, OK" cancels nothing
  const mine = assertOk(await alex('GET', `/api/v1/commitments?owner=me&ticket=${t.id}`)).commitments;
  assert.equal(mine.length, 2);
  assert.ok(mine.every((c) => c.owner === 'Alex Moreau'));
});

test('solving with open commitments asks first; confirm solves and leaves them open', async () => {
  const t = await newTicket(srv);
  assertOk(await alex('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'I will send the new invoice by tomorrow.' }), 201);
  assertError(await alex('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' }), 409, 'open_commitments', 'status');
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).status, 'open');
  assertError(await alex('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved', confirm: 'yes' }), 400, 'wrong_type', 'confirm');
  assert.equal(assertOk(await alex('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved', confirm: true })).status, 'solved');
  const c = assertOk(await srv.api('GET', `/api/v1/commitments?ticket=${t.id}`)).commitments;
  assert.equal(c[0].state, 'open');
});

test('by hand, kept on time, moved, cancelled; only the owner or a lead may change one', async () => {
  const t = await newTicket(srv);
  const due = new Date(Date.now() + 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const c = assertOk(await alex('POST', `/api/v1/tickets/${t.id}/commitments`, { text: 'Send the replacement charger', due }), 201);
  assert.deepEqual([c.text, c.due, c.vague, c.state, c.message_id], ['Send the replacement charger', due, false, 'open', null]);
  const vague = assertOk(await alex('POST', `/api/v1/tickets/${t.id}/commitments`, { text: 'Check the warranty' }), 201);
  assert.equal(vague.vague, true);
  const priya = as('priya@heed.test');
  assertError(await priya('PATCH', `/api/v1/commitments/${c.id}`, { state: 'kept' }), 403, 'forbidden');
  const later = new Date(Date.now() + 2 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const moved = assertOk(await alex('PATCH', `/api/v1/commitments/${vague.id}`, { due: later }));
  assert.deepEqual([moved.due, moved.vague], [later, false]);
  assert.equal(assertOk(await alex('PATCH', `/api/v1/commitments/${c.id}`, { state: 'kept' })).state, 'kept');
  assertError(await alex('PATCH', `/api/v1/commitments/${c.id}`, { state: 'cancelled' }), 409, 'conflict', 'state');
  assert.equal(assertOk(await sam('PATCH', `/api/v1/commitments/${vague.id}`, { state: 'cancelled' })).state, 'cancelled');
  const kept = assertOk(await srv.api('GET', `/api/v1/commitments?state=kept&ticket=${t.id}`)).commitments;
  assert.deepEqual(kept.map((x) => x.id), [c.id]);
});

test('bad input changes nothing', async () => {
  const t = await newTicket(srv);
  const C = `/api/v1/tickets/${t.id}/commitments`;
  assertError(await alex('POST', C, { due: '2030-01-01T00:00:00Z' }), 400, 'missing_field', 'text');
  assertError(await alex('POST', C, { text: ' . ' }), 422, 'invalid', 'text');
  assertError(await alex('POST', C, { text: 'Call back', due: 'Friday' }), 422, 'invalid', 'due');
  assertError(await alex('POST', C, { text: 'Call back', due: '2001-01-01T00:00:00Z' }), 422, 'invalid', 'due');
  assertError(await alex('POST', C, { text: 'Call back', due: '2099-01-01T00:00:00Z' }), 422, 'invalid', 'due');
  assertError(await alex('POST', C, { text: 'Call back', when: 'soon' }), 400, 'unknown_field', 'when');
  assertError(await alex('POST', '/api/v1/tickets/999999/commitments', { text: 'Call back' }), 404, 'not_found');
  assert.equal(assertOk(await srv.api('GET', `/api/v1/commitments?ticket=${t.id}`)).commitments.length, 0);
  const c = assertOk(await alex('POST', C, { text: 'Call back' }), 201);
  assertError(await alex('PATCH', `/api/v1/commitments/${c.id}`, { state: 'broken' }), 422, 'invalid', 'state');
  assertError(await alex('PATCH', `/api/v1/commitments/${c.id}`, {}), 422, 'invalid');
  assertError(await alex('PATCH', '/api/v1/commitments/999999', { state: 'kept' }), 404, 'not_found');
  assertError(await alex('GET', '/api/v1/commitments?state=late'), 400, 'invalid', 'state');
  assertError(await alex('GET', '/api/v1/commitments?owner=x'), 400, 'invalid', 'owner');
  assert.equal(assertOk(await srv.api('GET', `/api/v1/commitments?ticket=${t.id}`)).commitments[0].state, 'open');
});

test('the reminder, then overdue: the owner and the supervisor are told; kept late is broken', async () => {
  const t = await newTicket(srv);
  const reply = assertOk(await alex('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'I will call you back within 4 hours.' }), 201);
  const c = reply.commitments[0];
  const unread = async (who) => assertOk(await who('GET', '/api/v1/notifications?unread=1')).notifications.filter((n) => n.ticket_id === t.id);
  assert.equal((await unread(alex)).length, 0);
  await advance(3 * 3600 + 60); // an hour before: the reminder
  await until(async () => (await unread(alex)).length === 1, 'the reminder');
  assert.match((await unread(alex))[0].title, /due in an hour/);
  assert.equal((await unread(sam)).length, 0);
  await advance(3600); // past due
  await until(async () => (await unread(alex)).length === 2, 'the overdue notice');
  assert.match((await unread(alex))[0].title, /overdue/);
  await until(async () => (await unread(sam)).length === 1, 'the supervisor told');
  assert.match((await unread(sam))[0].title, /Alex Moreau's promise on #\d+ is overdue/);
  const overdue = assertOk(await alex('GET', `/api/v1/commitments?owner=me&state=overdue`)).commitments;
  assert.ok(overdue.some((x) => x.id === c.id));
  const before = assertOk(await alex('GET', '/api/v1/commitments/record?owner=me'));
  assert.equal(assertOk(await alex('PATCH', `/api/v1/commitments/${c.id}`, { state: 'kept' })).state, 'broken');
  const after = assertOk(await alex('GET', '/api/v1/commitments/record?owner=me'));
  assert.deepEqual([after.broken - before.broken, after.overdue - before.overdue], [1, -1], 'counted per agent');
  assertError(await alex('GET', '/api/v1/commitments/record?owner=x'), 400, 'invalid', 'owner');
});
