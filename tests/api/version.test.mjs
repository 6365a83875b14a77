// The version guard: every ticket has a version bumped by every change, sent as its ETag;
// PATCH and new replies and notes honour If-Match, and a stale one gets 409 `stale` with
// the version now and what changed since, changing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { assertOk, newTicket } from './helpers.mjs';

let srv, ticket;
before(async () => {
  srv = await startHeed();
  ticket = await newTicket(srv, { subject: 'Versioned', customer: { email: 'v@example.com', name: 'Vera' } });
});
after(async () => { await srv?.stop(); });

const T = () => `/api/v1/tickets/${ticket.id}`;

test('a ticket carries its version, as a field and an ETag, and every change bumps it', async () => {
  const got = await srv.api('GET', T());
  assert.equal(got.json.version, 1);
  assert.equal(got.headers.get('etag'), '"1"');
  const patched = assertOk(await srv.api('PATCH', T(), { priority: 'high' }, { 'If-Match': '"1"' }));
  assert.equal(patched.version, 2);
  assertOk(await srv.api('POST', `${T()}/notes`, { body: 'checked the logs' }, { 'If-Match': '2' }), 201);
  const now = await srv.api('GET', T());
  assert.equal(now.json.version, 3);
  assert.equal(now.headers.get('etag'), '"3"');
});

test('a PATCH on a stale version is refused with what changed, and changes nothing', async () => {
  const seen = (await srv.api('GET', T())).json.version;
  assertOk(await srv.api('PATCH', T(), { status: 'pending' })); // a colleague, without If-Match
  const res = await srv.api('PATCH', T(), { owner: null, priority: 'low' }, { 'If-Match': `"${seen}"` });
  assert.equal(res.status, 409);
  assert.equal(res.json.error.code, 'stale');
  assert.equal(res.json.version, seen + 1);
  assert.equal(res.headers.get('etag'), `"${seen + 1}"`);
  assert.deepEqual(res.json.changes.map((c) => [c.action, c.before, c.after, c.by]), [['status', 'new', 'pending', 'Ada Okafor']]);
  const after = (await srv.api('GET', T())).json;
  assert.equal(after.priority, 'high', 'the stale change was not applied');
  assert.equal(after.version, seen + 1);
  assertOk(await srv.api('PATCH', T(), { priority: 'low' }, { 'If-Match': `W/"${seen + 1}"` }));
});

test('a reply or note on a stale version is refused and not added', async () => {
  const seen = (await srv.api('GET', T())).json.version;
  assertOk(await srv.api('POST', `${T()}/replies`, { body: 'We are on it.' }), 201);
  const before = (await srv.api('GET', T())).json.messages.length;
  const res = await srv.api('POST', `${T()}/replies`, { body: 'Me too!' }, { 'If-Match': String(seen) });
  assert.equal(res.status, 409);
  assert.equal(res.json.error.code, 'stale');
  assert.ok(res.json.changes.some((c) => c.action === 'reply'), 'the reply that came in between is listed');
  assert.equal((await srv.api('GET', T())).json.messages.length, before);
});

test('an If-Match that is not a version is a 400, and * or none is unchecked', async () => {
  for (const bad of ['"abc"', 'x1', '""', '-3']) {
    const res = await srv.api('PATCH', T(), { priority: 'normal' }, { 'If-Match': bad });
    assert.equal(res.status, 400, bad);
    assert.equal(res.json.error.field, 'If-Match');
  }
  assertOk(await srv.api('PATCH', T(), { priority: 'normal' }, { 'If-Match': '*' }));
  assertOk(await srv.api('PATCH', T(), { priority: 'high' }));
});

test('what changed since a new ticket\'s first version is the later change alone, not its creation', async () => {
  const fresh = await newTicket(srv, { subject: 'Fresh', customer: { email: 'f@example.com', name: 'Femi' } });
  assert.equal(fresh.version, 1);
  const path = `/api/v1/tickets/${fresh.id}`;
  assertOk(await srv.api('PATCH', path, { status: 'pending' })); // a colleague
  const res = await srv.api('PATCH', path, { priority: 'low' }, { 'If-Match': '"1"' });
  assert.equal(res.status, 409);
  assert.deepEqual(res.json.changes.map((c) => [c.action, c.before, c.after]), [['status', 'new', 'pending']]);
});
