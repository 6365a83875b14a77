// Agents' time zones (PATCH /api/v1/me, PATCH /api/v1/agents/{id}, heed serve --timezone) and
// the coach's deadlines in them (POST /api/v1/coach with "tz" or a "now" with an offset).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startHeed, heedCli, HEED } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv, alexToken, alex;
before(async () => {
  srv = await startHeed({ demo: true });
  alexToken = heedCli(['token', 'create', '--db', srv.db, '--email', 'alex@heed.test']).trim().split('\n').pop();
  alex = assertOk(await asAlex('GET', '/api/v1/me'));
});
after(async () => { await srv?.stop(); });

async function asAlex(method, path, body) {
  return srv.api(method, path, body, { Authorization: `Bearer ${alexToken}` });
}

test('the demo agents work in different zones', async () => {
  const { agents } = assertOk(await srv.api('GET', '/api/v1/agents'));
  const zone = Object.fromEntries(agents.map((a) => [a.email, a.timezone]));
  assert.equal(zone['jordan@heed.test'], 'America/New_York');
  assert.equal(zone['priya@heed.test'], 'Asia/Kolkata');
  assert.equal(zone['alex@heed.test'], 'Europe/London');
});

test('PATCH /api/v1/me sets and resets my time zone', async () => {
  const me = assertOk(await asAlex('PATCH', '/api/v1/me', { timezone: 'America/Argentina/Buenos_Aires' }));
  assert.equal(me.timezone, 'America/Argentina/Buenos_Aires');
  assert.equal(me.email, 'alex@heed.test');
  assert.equal(assertOk(await asAlex('GET', '/api/v1/me')).timezone, 'America/Argentina/Buenos_Aires');
  assert.equal(assertOk(await asAlex('PATCH', '/api/v1/me', { timezone: null })).timezone, null, 'null: the server default');
  assert.equal(assertOk(await asAlex('GET', '/api/v1/me')).timezone, null);
  assertOk(await asAlex('PATCH', '/api/v1/me', { timezone: 'Europe/London' }));
});

test('a bad time zone is refused at the door and changes nothing', async () => {
  for (const tz of ['Mars/Olympus_Mons', '../../etc/passwd', 'America', 'EST5EDT,M3.2.0,M11.1.0', 'x'.repeat(300)])
    assertError(await asAlex('PATCH', '/api/v1/me', { timezone: tz }), 422, 'invalid', 'timezone');
  assertError(await asAlex('PATCH', '/api/v1/me', { timezone: 5 }), 400, 'wrong_type', 'timezone');
  assertError(await asAlex('PATCH', '/api/v1/me', {}), 400, 'missing_field', 'timezone');
  assertError(await asAlex('PATCH', '/api/v1/me', { timezone: 'UTC', name: 'x' }), 400, 'unknown_field');
  assertError(await asAlex('PATCH', '/api/v1/me', '{"timezone":'), 400, 'malformed_json');
  assert.equal(assertOk(await asAlex('GET', '/api/v1/me')).timezone, 'Europe/London', 'unchanged');
});

test("an admin sets an agent's zone; an agent may not", async () => {
  const { agents } = assertOk(await srv.api('GET', '/api/v1/agents'));
  const priya = agents.find((a) => a.email === 'priya@heed.test');
  assertError(await asAlex('PATCH', `/api/v1/agents/${priya.id}`, { timezone: 'UTC' }), 403, 'forbidden');
  const got = assertOk(await srv.api('PATCH', `/api/v1/agents/${priya.id}`, { timezone: 'Asia/Tokyo' }));
  assert.equal(got.timezone, 'Asia/Tokyo');
  assertError(await srv.api('PATCH', '/api/v1/agents/99999', { timezone: 'UTC' }), 404, 'not_found');
  assertError(await srv.api('PATCH', `/api/v1/agents/${priya.id}`, { timezone: 'Nowhere/Land' }), 422, 'invalid', 'timezone');
  assert.equal(assertOk(await srv.api('PATCH', `/api/v1/agents/${priya.id}`, { timezone: 'Asia/Kolkata' })).timezone, 'Asia/Kolkata');
});

test('the coach resolves promises in the case zone, with DST', async () => {
  const ask = async (c) => assertOk(await srv.api('POST', '/api/v1/coach', c)).reply.commitments.map((x) => x.due);
  assert.deepEqual(await ask({ reply: "I'll call you by 5pm.", now: '2026-11-23T15:00:00Z', tz: 'America/New_York' }),
                   ['2026-11-23T17:00:00-05:00']);
  assert.deepEqual(await ask({ reply: "I'll call you by 5pm.", now: '2026-11-23T10:00:00-05:00' }), ['2026-11-23T17:00:00-05:00']);
  assert.deepEqual(await ask({ reply: "I'll call you by 5pm.", now: '2026-11-23T15:00:00Z' }), ['2026-11-23T17:00:00Z'], 'UTC as before');
  assert.deepEqual(await ask({ reply: "I'll ring you on Monday.", now: '2026-10-30T15:00:00Z', tz: 'America/New_York' }),
                   ['2026-11-02T17:00:00-05:00'], 'Monday is after the clocks go back');
  const bad = await srv.api('POST', '/api/v1/coach', { reply: 'x', tz: 'Mars/Base' });
  assertError(bad, 422, 'invalid', 'tz');
  assert.match(bad.json.error.message, /unknown time zone "Mars\/Base"/);
  assertError(await srv.api('POST', '/api/v1/coach', { reply: 'x', now: '2026-11-23T10:00:00+25:00' }), 422, 'invalid', 'now');
});

test('heed serve refuses an unknown default zone before it listens', () => {
  const r = spawnSync(HEED, ['serve', '--db', srv.db, '--listen', '127.0.0.1:1', '--timezone', 'Mars/Base'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad value 'Mars\/Base' for timezone/);
});

test('heed serve takes a default zone from HEED_TZ; agents without one keep null', async () => {
  const other = await startHeed({ env: { HEED_TZ: 'Asia/Kolkata' } });
  try {
    assert.equal(assertOk(await other.api('GET', '/api/v1/me')).timezone, null);
    const r = spawnSync(HEED, ['serve', '--help'], { encoding: 'utf8' });
    assert.match(r.stdout, /--timezone ZONE/);
  } finally { await other.stop(); }
});
