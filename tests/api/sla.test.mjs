// SLAs on business hours: calendars, policies matched in order, the ticket's sla member,
// pausing, at risk and breached notifications as the (test) clock moves, lists by due time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, newTicket, ISO } from './helpers.mjs';

let srv, alex, sam, ids, cal, around;
const as = (email) => {
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', email]).trim().split('\n').pop();
  return (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${token}` });
};
const advance = async (s) => assertOk(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: s }));
const until = async (fn, what) => {
  for (let i = 0; i < 100; i++) { if (await fn()) return; await new Promise((r) => setTimeout(r, 100)); }
  assert.fail(`timed out waiting for ${what}`);
};
const HOURS = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] };
before(async () => {
  srv = await startHeed({ demo: true, env: { HEED_TEST_CLOCK: '1' } });
  alex = as('alex@heed.test'); sam = as('sam@heed.test');
  ids = Object.fromEntries(assertOk(await srv.api('GET', '/api/v1/agents')).agents.map((a) => [a.email.split('@')[0], a.id]));
  // start from no SLA setup: the demo's policies and calendar go (a calendar in use cannot)
  const cals = assertOk(await srv.api('GET', '/api/v1/calendars')).calendars;
  if (cals.length) assertError(await srv.api('DELETE', `/api/v1/calendars/${cals[0].id}`), 409, 'conflict');
  for (const p of assertOk(await srv.api('GET', '/api/v1/sla-policies')).policies)
    assert.equal((await srv.api('DELETE', `/api/v1/sla-policies/${p.id}`)).status, 204);
  for (const c of cals) assert.equal((await srv.api('DELETE', `/api/v1/calendars/${c.id}`)).status, 204);
});
after(async () => { await srv?.stop(); });

test('calendars: created, read back in the same shape, refused when wrong', async () => {
  cal = assertOk(await srv.api('POST', '/api/v1/calendars', { name: 'Office', timezone: 'Europe/London', hours: HOURS, holidays: ['2026-12-25'] }), 201);
  assert.deepEqual([cal.name, cal.timezone, cal.hours, cal.holidays], ['Office', 'Europe/London', HOURS, ['2026-12-25']]);
  assert.deepEqual(assertOk(await srv.api('GET', `/api/v1/calendars/${cal.id}`)), cal);
  const C = '/api/v1/calendars';
  assertError(await srv.api('POST', C, { name: 'X', timezone: 'Mars/Base', hours: HOURS }), 422, 'invalid', 'timezone');
  assertError(await srv.api('POST', C, { name: 'X', timezone: 'UTC', hours: { mon: [['17:00', '09:00']] } }), 422, 'invalid', 'hours');
  assertError(await srv.api('POST', C, { name: 'X', timezone: 'UTC', hours: { mon: [['09:00', '13:00'], ['12:00', '17:00']] } }), 422, 'invalid', 'hours');
  assertError(await srv.api('POST', C, { name: 'X', timezone: 'UTC', hours: { mon: [['9am', '5pm']] } }), 422, 'invalid', 'hours');
  assertError(await srv.api('POST', C, { name: 'X', timezone: 'UTC', hours: { funday: [] } }), 422, 'invalid', 'hours');
  assertError(await srv.api('POST', C, { name: 'X', timezone: 'UTC', hours: HOURS, holidays: ['25/12/2026'] }), 422, 'invalid', 'holidays');
  assertError(await srv.api('POST', C, { name: 'X', timezone: 'UTC' }), 400, 'missing_field', 'hours');
  assertError(await alex('POST', C, { name: 'X', timezone: 'UTC', hours: HOURS }), 403, 'forbidden');
  assert.equal(assertOk(await srv.api('GET', C)).calendars.length, 1);
  around = assertOk(await srv.api('POST', C, { name: 'Around the clock', timezone: 'UTC', hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])) }), 201);
});

test('policies: first match wins in order; a new ticket gets its due times', async () => {
  const urgent = assertOk(await srv.api('POST', '/api/v1/sla-policies', { name: 'Urgent', match: { priority: ['urgent'] }, first_response_minutes: 60, resolution_minutes: 480, calendar_id: around.id }), 201);
  const normal = assertOk(await srv.api('POST', '/api/v1/sla-policies', { name: 'Everyone else', first_response_minutes: 240, next_response_minutes: 120, update_minutes: 600, calendar_id: around.id }), 201);
  assert.deepEqual([urgent.position, normal.position], [1, 2]);
  assert.deepEqual(urgent.match, { priority: ['urgent'], team: [], channel: [] });
  const t = await newTicket(srv, { priority: 'urgent' });
  const got = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
  assert.equal(got.sla.policy, 'Urgent');
  assert.equal(got.sla.state, 'ok');
  assert.match(got.sla.first_response_due, ISO);
  const mins = (Date.parse(got.sla.first_response_due) - Date.parse(got.created_at)) / 60000;
  assert.equal(mins, 60);
  assert.equal(got.sla.next_response_due, null);
  assert.equal(got.sla.update_due, null);
  const other = await newTicket(srv, { priority: 'low' });
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${other.id}`)).sla.policy, 'Everyone else');
  const pv = assertOk(await srv.api('GET', '/api/v1/sla-policies/preview?priority=urgent&channel=email'));
  assert.equal(pv.policy.name, 'Urgent');
  assert.match(pv.first_response_due, ISO);
  // bad input
  const P = '/api/v1/sla-policies';
  assertError(await srv.api('POST', P, { name: 'X', match: { priority: ['asap'] } }), 422, 'invalid', 'match');
  assertError(await srv.api('POST', P, { name: 'X', match: { team: ['Nobody'] } }), 422, 'invalid', 'match');
  assertError(await srv.api('POST', P, { name: 'X', match: { mood: ['angry'] } }), 400, 'unknown_field', 'match');
  assertError(await srv.api('POST', P, { name: 'X', first_response_minutes: 0 }), 422, 'invalid', 'first_response_minutes');
  assertError(await srv.api('POST', P, { name: 'X', first_response_minutes: '60' }), 400, 'wrong_type', 'first_response_minutes');
  assertError(await srv.api('POST', P, { name: 'X', calendar_id: 999999 }), 422, 'invalid', 'calendar_id');
  assertError(await srv.api('POST', P, { first_response_minutes: 60 }), 400, 'missing_field', 'name');
  assertError(await alex('POST', P, { name: 'X' }), 403, 'forbidden');
  assert.equal(assertOk(await srv.api('GET', P)).policies.length, 2);
});

test('next response, update and pause; at risk tells the owner, breached the supervisor', async () => {
  const t = await newTicket(srv, { priority: 'low' });
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { owner: ids.alex }));
  assertOk(await alex('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'Thanks, looking at it now.' }), 201);
  let sla = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).sla;
  assert.equal(sla.first_response_due, null, 'answered');
  assert.match(sla.update_due, ISO);
  assertOk(await alex('PATCH', `/api/v1/tickets/${t.id}`, { status: 'pending' }));
  sla = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).sla;
  assert.equal(sla.state, 'paused');
  assertOk(await alex('PATCH', `/api/v1/tickets/${t.id}`, { status: 'open' }));
  sla = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).sla;
  assert.equal(sla.state, 'ok');
  const unread = async (who) => assertOk(await who('GET', '/api/v1/notifications?unread=1')).notifications.filter((n) => n.kind === 'sla' && n.ticket_id === t.id);
  await advance(8 * 3600); // 480 of 600 update minutes: past 75%
  await until(async () => (await unread(alex)).length === 1, 'at risk');
  assert.match((await unread(alex))[0].title, /is at risk/);
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).sla.state, 'at_risk');
  const risky = assertOk(await srv.api('GET', '/api/v1/tickets?sla=at_risk')).tickets;
  assert.ok(risky.some((x) => x.id === t.id && x.sla.state === 'at_risk'));
  await advance(3 * 3600);
  await until(async () => (await unread(sam)).length === 1, 'breached, the supervisor told');
  assert.match((await unread(sam))[0].title, /breached its SLA/);
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).sla.state, 'breached');
  // told once: later sweeps (the clock moved on, several sweeps' time passed) say nothing more
  await advance(2 * 3600);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await unread(sam)).length, 1);
  assert.equal((await unread(alex)).length, 2, 'the owner heard at risk, then breached, once each');
  const breached = assertOk(await srv.api('GET', '/api/v1/tickets?sla=breached&sort=sla')).tickets;
  assert.ok(breached.some((x) => x.id === t.id));
  assertError(await srv.api('GET', '/api/v1/tickets?sla=late'), 400, 'invalid', 'sla');
  assertError(await srv.api('GET', '/api/v1/tickets?sort=oldest'), 400, 'invalid', 'sort');
  // straight past due, never seen at risk: told once, and the timer rests
  const skipped = await newTicket(srv, { priority: 'urgent' });
  await advance(5 * 3600);
  await until(async () => (await unread(sam)).length === 1 && (await sam('GET', '/api/v1/notifications?unread=1')).json.notifications.some((n) => n.ticket_id === skipped.id), 'the breach of a ticket never seen at risk');
  const about = async (id) => (await sam('GET', '/api/v1/notifications')).json.notifications.filter((n) => n.ticket_id === id).length;
  const was = await about(skipped.id);
  await advance(3600);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await about(skipped.id), was, 'a breach is told once');
  // solved: nothing runs; the state says whether every target was met (here one was not)
  assertOk(await alex('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved', confirm: true }));
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)).sla.state, 'breached');
  const quick = await newTicket(srv, { priority: 'urgent' });
  assertOk(await srv.api('POST', `/api/v1/tickets/${quick.id}/replies`, { body: 'On it.' }), 201);
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${quick.id}`, { status: 'solved' }));
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${quick.id}`)).sla.state, 'met');
});
