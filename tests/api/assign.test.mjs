// Automatic assignment per team: off by default; round robin or least open among agents who
// are in, with a cap; a ticket nobody answers in time goes back to the pool and on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, newTicket } from './helpers.mjs';

let srv, ids, support, billing;
const as = (email) => {
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', email]).trim().split('\n').pop();
  return (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${token}` });
};
const until = async (fn, what) => {
  for (let i = 0; i < 100; i++) { if (await fn()) return; await new Promise((r) => setTimeout(r, 100)); }
  assert.fail(`timed out waiting for ${what}`);
};
before(async () => {
  srv = await startHeed({ demo: true, env: { HEED_TEST_CLOCK: '1' } });
  ids = Object.fromEntries(assertOk(await srv.api('GET', '/api/v1/agents')).agents.map((a) => [a.email.split('@')[0], a.id]));
  const teams = assertOk(await srv.api('GET', '/api/v1/teams')).teams;
  support = teams.find((t) => t.name === 'Support').id;
  billing = teams.find((t) => t.name === 'Billing').id;
});
after(async () => { await srv?.stop(); });

const queued = async () => {
  const t = await newTicket(srv);
  return assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { team: support }));
};
const ownerOf = (t) => t.owner?.id ?? null;

test('off by default: a ticket in the queue waits for someone to take it', async () => {
  assert.equal(ownerOf(await queued()), null);
});

test('round robin among the agents who are in, skipping who is away', async () => {
  assertOk(await srv.api('PATCH', `/api/v1/teams/${support}`, { assign: 'round_robin' }));
  const jordan = as('jordan@heed.test');
  assertOk(await jordan('PATCH', '/api/v1/me', { available: false }));
  const got = [];
  for (let i = 0; i < 4; i++) got.push(ownerOf(await queued()));
  assert.ok(!got.includes(ids.jordan), 'Jordan is away');
  const inSupport = [ids.sam, ids.alex].sort((a, b) => a - b);
  assert.deepEqual(new Set(got), new Set(inSupport), 'both who are in get tickets');
  for (let i = 1; i < got.length; i++) assert.notEqual(got[i], got[i - 1], 'in turn');
  assertOk(await jordan('PATCH', '/api/v1/me', { available: true }));
  const alex = assertOk(await as('alex@heed.test')('GET', '/api/v1/notifications?unread=1')).notifications;
  assert.ok(alex.some((n) => n.kind === 'assigned' && /is yours/.test(n.title)));
});

test('least open with a cap; nobody under the cap: the ticket waits', async () => {
  assertOk(await srv.api('PATCH', `/api/v1/teams/${support}`, { assign: 'least_open', assign_cap: 1 }));
  const t = await queued();
  assert.equal(ownerOf(t), null, 'everyone in Support already holds a ticket or more');
  assertOk(await srv.api('PATCH', `/api/v1/teams/${support}`, { assign: 'least_open', assign_cap: 1000 }));
  const counts = {};
  for (const a of ['sam', 'alex', 'jordan'])
    counts[a] = (assertOk(await srv.api('GET', `/api/v1/tickets?owner=${ids[a]}&status=active&limit=100`)).tickets.length);
  const least = Object.entries(counts).sort((x, y) => x[1] - y[1] || ids[x[0]] - ids[y[0]])[0][0];
  assert.equal(ownerOf(await queued()), ids[least], `the one with the fewest open tickets (${JSON.stringify(counts)})`);
});

test('no reply in time: back to the pool and on to the next agent', async () => {
  assertOk(await srv.api('PATCH', `/api/v1/teams/${support}`, { assign: 'round_robin', reassign_minutes: 30 }));
  const t = await queued();
  const first = ownerOf(t);
  assert.ok(first);
  await srv.api('POST', '/api/v1/test/clock', { advance_seconds: 31 * 60 });
  await until(async () => ownerOf(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`))) !== first, 'the ticket moves on');
  const now = ownerOf(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)));
  assert.ok(now && now !== first);
  // answered in time: it stays
  const u = await queued();
  const who = Object.entries(ids).find(([, v]) => v === ownerOf(u))[0];
  assertOk(await as(`${who}@heed.test`)('POST', `/api/v1/tickets/${u.id}/replies`, { body: 'Looking at it now.' }), 201);
  await srv.api('POST', '/api/v1/test/clock', { advance_seconds: 31 * 60 });
  await new Promise((r) => setTimeout(r, 1200));
  assert.equal(ownerOf(assertOk(await srv.api('GET', `/api/v1/tickets/${u.id}`))), ids[who]);
  assertOk(await srv.api('PATCH', `/api/v1/teams/${support}`, { assign: 'off' }));
});

test('bad input changes nothing', async () => {
  const T = `/api/v1/teams/${billing}`;
  assertError(await srv.api('PATCH', T, { assign: 'random' }), 422, 'invalid', 'assign');
  assertError(await srv.api('PATCH', T, { assign: 'round_robin', assign_cap: 0 }), 422, 'invalid', 'assign_cap');
  assertError(await srv.api('PATCH', T, { assign: 'round_robin', reassign_minutes: 'soon' }), 400, 'wrong_type', 'reassign_minutes');
  assertError(await srv.api('PATCH', T, {}), 400, 'missing_field', 'assign');
  assertError(await as('alex@heed.test')('PATCH', T, { assign: 'off' }), 403, 'forbidden');
  assertError(await srv.api('PATCH', '/api/v1/teams/999999', { assign: 'off' }), 404, 'not_found');
});
