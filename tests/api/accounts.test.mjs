// Accounts: API tokens (GET/POST/DELETE /api/v1/tokens, heed token list|revoke), deactivation
// that stops a token and a session on the very next request, and the sign-in limit (per account
// and per address; another account's success resets nothing; concurrent guesses cannot pass it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli, DEMO_PASSWORD } from '../lib/server.mjs';
import { assertOk, assertError, ISO } from './helpers.mjs';

let srv;
before(async () => { srv = await startHeed({ demo: true }); });
after(async () => { await srv?.stop(); });

async function as(token, method, path, body) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(srv.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text, headers: r.headers };
}

const cliToken = (email, ...more) => heedCli(['token', 'create', '--db', srv.db, '--email', email, ...more]).trim().split('\n').pop();

// one sign-in attempt through the form (with its double-submit token); returns the response
async function signIn(email, password) {
  const form = await fetch(srv.base + '/login');
  const cookie = form.headers.get('set-cookie').split(';')[0];
  const sent = (await form.text()).match(/name="_login" value="([0-9a-f]{32})"/)[1];
  return fetch(srv.base + '/login', {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ _login: sent, email, password }).toString(),
  });
}
const sessionOf = (res) => (res.headers.get('set-cookie') || '').match(/heed_session=([0-9a-f]{64})/)?.[1];

test('POST /api/v1/tokens makes a named, expiring token, shown once; GET lists it; DELETE revokes it', async () => {
  const made = assertOk(await srv.api('POST', '/api/v1/tokens', { name: 'Reporting script', expires_at: '2099-01-31T00:00:00Z' }), 201);
  assert.match(made.token, /^heed_[0-9a-f]{64}$/);
  assert.equal(made.name, 'Reporting script');
  assert.equal(made.expires_at, '2099-01-31T00:00:00Z');
  assert.equal(made.last_used_at, null);
  assert.match(made.created_at, ISO);
  assert.equal(made.agent.email, 'ada@heed.test');

  const me = assertOk(await as(made.token, 'GET', '/api/v1/me'));
  assert.equal(me.email, 'ada@heed.test');
  const list = assertOk(await srv.api('GET', '/api/v1/tokens')).tokens;
  const row = list.find((t) => t.id === made.id);
  assert.ok(row, 'the new token is listed');
  assert.equal(row.token, undefined, 'the secret is never listed');
  assert.match(row.last_used_at, ISO, 'its use is recorded');

  assertOk(await srv.api('DELETE', `/api/v1/tokens/${made.id}`));
  assertError(await as(made.token, 'GET', '/api/v1/me'), 401, 'unauthorized');
  assert.ok(!assertOk(await srv.api('GET', '/api/v1/tokens')).tokens.some((t) => t.id === made.id), 'gone from the list');
  assertError(await srv.api('DELETE', `/api/v1/tokens/${made.id}`), 404, 'not_found');
});

test('POST /api/v1/tokens refuses bad input and changes nothing', async () => {
  const before = assertOk(await srv.api('GET', '/api/v1/tokens')).tokens.length;
  assertError(await srv.api('POST', '/api/v1/tokens', {}), 400, 'missing_field', 'name');
  assertError(await srv.api('POST', '/api/v1/tokens', { name: '   ' }), 422, 'invalid', 'name');
  assertError(await srv.api('POST', '/api/v1/tokens', { name: 'x'.repeat(81) }), 422, 'invalid', 'name');
  assertError(await srv.api('POST', '/api/v1/tokens', { name: 'x', expires_at: 'tomorrow' }), 422, 'invalid', 'expires_at');
  assertError(await srv.api('POST', '/api/v1/tokens', { name: 'x', expires_at: '2001-01-01T00:00:00Z' }), 422, 'invalid', 'expires_at');
  assertError(await srv.api('POST', '/api/v1/tokens', { name: 'x', expires_at: 5 }), 400, 'wrong_type', 'expires_at');
  assertError(await srv.api('POST', '/api/v1/tokens', { name: 'x', scope: 'all' }), 400, 'unknown_field', 'scope');
  assertError(await srv.api('GET', '/api/v1/tokens?agent=nobody'), 400, 'invalid', 'agent');
  assert.equal(assertOk(await srv.api('GET', '/api/v1/tokens')).tokens.length, before);
});

test('an agent sees and revokes only their own tokens; an admin anyone\'s', async () => {
  const alex = cliToken('alex@heed.test', '--name', 'alex laptop');
  const sam = cliToken('sam@heed.test');
  const alexList = assertOk(await as(alex, 'GET', '/api/v1/tokens')).tokens;
  assert.ok(alexList.length >= 1);
  for (const t of alexList) assert.equal(t.agent.email, 'alex@heed.test');
  assert.ok(alexList.some((t) => t.name === 'alex laptop'));
  assertError(await as(alex, 'GET', '/api/v1/tokens?agent=all'), 403, 'forbidden');
  const all = assertOk(await srv.api('GET', '/api/v1/tokens?agent=all')).tokens;
  const samRow = all.find((t) => t.agent.email === 'sam@heed.test');
  assert.ok(samRow, 'an admin lists every agent\'s tokens');
  assert.equal(samRow.name, 'heed token create', 'the CLI names a token it makes without --name');
  assertError(await as(alex, 'DELETE', `/api/v1/tokens/${samRow.id}`), 404, 'not_found');
  assertOk(await as(sam, 'GET', '/api/v1/me'));
  assertOk(await srv.api('DELETE', `/api/v1/tokens/${samRow.id}`));
  assertError(await as(sam, 'GET', '/api/v1/me'), 401, 'unauthorized');
});

test('an expired token is refused', async () => {
  const soon = new Date(Date.now() + 2500).toISOString().replace(/\.\d+Z$/, 'Z');
  const t = assertOk(await srv.api('POST', '/api/v1/tokens', { name: 'short', expires_at: soon }), 201);
  assertOk(await as(t.token, 'GET', '/api/v1/me')); // cached on a pool thread now
  await new Promise((r) => setTimeout(r, 3200));
  assertError(await as(t.token, 'GET', '/api/v1/me'), 401, 'unauthorized');
});

test('heed token list and revoke; create still prints the token on its last line', () => {
  const out = heedCli(['token', 'create', '--db', srv.db, '--email', 'jordan@heed.test', '--name', 'cli-made', '--expires', '30d']);
  assert.match(out.trim().split('\n').pop(), /^heed_[0-9a-f]{64}$/);
  const list = heedCli(['token', 'list', '--db', srv.db, '--email', 'jordan@heed.test']);
  const line = list.split('\n').find((l) => l.includes('cli-made'));
  assert.ok(line, list);
  const id = line.trim().split(/\s+/)[0];
  assert.match(heedCli(['token', 'revoke', '--db', srv.db, id]), new RegExp(`revoked token ${id}`));
  assert.ok(!heedCli(['token', 'list', '--db', srv.db]).includes('cli-made'));
});

test('deactivating an agent stops their token and their session on the very next request', async () => {
  const agents = assertOk(await srv.api('GET', '/api/v1/agents')).agents;
  const jordan = agents.find((a) => a.email === 'jordan@heed.test');
  const token = cliToken('jordan@heed.test');
  // warm the token cache of every pool thread
  await Promise.all(Array.from({ length: 24 }, () => as(token, 'GET', '/api/v1/me').then((r) => assert.equal(r.status, 200))));
  const session = sessionOf(await signIn('jordan@heed.test', DEMO_PASSWORD));
  assert.ok(session, 'signed in');
  const page = await fetch(srv.base + '/inbox', { headers: { Cookie: `heed_session=${session}` }, redirect: 'manual' });
  assert.equal(page.status, 200);

  const after = assertOk(await srv.api('POST', `/api/v1/agents/${jordan.id}/deactivate`));
  assert.equal(after.active, false);
  const refused = await Promise.all(Array.from({ length: 24 }, () => as(token, 'GET', '/api/v1/me')));
  for (const r of refused) assertError(r, 401, 'unauthorized');
  const again = await fetch(srv.base + '/inbox', { headers: { Cookie: `heed_session=${session}` }, redirect: 'manual' });
  assert.equal(again.status, 303);
  assert.match(again.headers.get('location'), /\/login/);
  assert.equal((await signIn('jordan@heed.test', DEMO_PASSWORD)).status, 401, 'a deactivated agent cannot sign in');

  // reactivated: the password works again, the old token stays revoked
  assert.equal(assertOk(await srv.api('POST', `/api/v1/agents/${jordan.id}/reactivate`)).active, true);
  assertError(await as(token, 'GET', '/api/v1/me'), 401, 'unauthorized');
  assert.equal((await signIn('jordan@heed.test', DEMO_PASSWORD)).status, 303);
  // an admin cannot deactivate themselves; a non-admin cannot deactivate anyone
  const me = assertOk(await srv.api('GET', '/api/v1/me'));
  assertError(await srv.api('POST', `/api/v1/agents/${me.id}/deactivate`), 409, 'conflict');
  assertError(await as(cliToken('alex@heed.test'), 'POST', `/api/v1/agents/${jordan.id}/deactivate`), 403, 'forbidden');
});

// The limiter is per process and these sign in from 127.0.0.1 too: each gets a fresh heed.
async function withFreshHeed(fn) {
  const saved = srv;
  srv = await startHeed({ demo: true });
  try { await fn(); } finally { await srv.stop(); srv = saved; }
}

test('another account\'s successful sign-in does not reset the failures against a colleague', () => withFreshHeed(async () => {
  for (let i = 0; i < 9; i++) assert.equal((await signIn('priya@heed.test', 'guess-' + i)).status, 401);
  assert.equal((await signIn('sam@heed.test', DEMO_PASSWORD)).status, 303, 'the insider signs in to their own account');
  assert.equal((await signIn('priya@heed.test', 'guess-9')).status, 401, 'the tenth guess is still counted');
  assert.equal((await signIn('priya@heed.test', 'guess-10')).status, 429, 'and the eleventh is refused');
  assert.equal((await signIn('priya@heed.test', DEMO_PASSWORD)).status, 429, 'even with the right password, until the window passes');
}));

test('concurrent guesses cannot get past the limit', () => withFreshHeed(async () => {
  // 16 forms first, then 16 wrong passwords at once
  const forms = await Promise.all(Array.from({ length: 16 }, async () => {
    const form = await fetch(srv.base + '/login');
    return { cookie: form.headers.get('set-cookie').split(';')[0], sent: (await form.text()).match(/name="_login" value="([0-9a-f]{32})"/)[1] };
  }));
  const statuses = await Promise.all(forms.map(({ cookie, sent }, i) => fetch(srv.base + '/login', {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ _login: sent, email: 'priya@heed.test', password: 'wrong-' + i }).toString(),
  }).then((r) => r.status)));
  assert.equal(statuses.filter((s) => s === 401).length, 10, `checked: ${statuses}`);
  assert.equal(statuses.filter((s) => s === 429).length, 6, `refused: ${statuses}`);
}));

test('unknown emails are refused like wrong passwords and count against the address', () => withFreshHeed(async () => {
  for (let i = 0; i < 10; i++) assert.equal((await signIn(`nobody${i}@heed.test`, 'whatever-pass')).status, 401);
  assert.equal((await signIn('alex@heed.test', DEMO_PASSWORD)).status, 429, 'the address is at its limit');
}));
