// /healthz, /api/v1/me, agents, teams, customers, the coach, and authentication,
// on a demo database (an admin, a supervisor, three agents, two teams, ~40 tickets).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, newTicket, walk, ISO } from './helpers.mjs';

let srv, agents, teams;
before(async () => {
  srv = await startHeed({ demo: true });
  agents = assertOk(await srv.api('GET', '/api/v1/agents')).agents;
  teams = assertOk(await srv.api('GET', '/api/v1/teams')).teams;
});
after(async () => { await srv?.stop(); });

async function asToken(token, method, path, body) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(srv.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text, headers: r.headers };
}

test('GET /healthz needs no token and says ok', async () => {
  const r = await fetch(srv.base + '/healthz');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(await r.json(), { status: 'ok' });
});

test('GET /api/v1/me is the agent behind the token', async () => {
  const me = assertOk(await srv.api('GET', '/api/v1/me'));
  assert.deepEqual(Object.keys(me).sort(), ['active', 'available', 'email', 'id', 'name', 'role', 'team', 'timezone']);
  assert.equal(me.email, 'ada@heed.test');
  assert.equal(me.role, 'admin');
  assert.equal(me.active, true);
  assert.ok(Number.isInteger(me.id));

  // another agent's token is another agent
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', 'alex@heed.test']).trim().split('\n').pop();
  const alex = assertOk(await asToken(token, 'GET', '/api/v1/me'));
  assert.equal(alex.email, 'alex@heed.test');
  assert.equal(alex.role, 'agent');
  assert.deepEqual(Object.keys(alex.team).sort(), ['id', 'name']);
  // an agent may work tickets through the API too
  const t = assertOk(await asToken(token, 'POST', '/api/v1/tickets', { subject: 'From Alex', customer: { email: 'c@example.com' }, message: 'hi' }), 201);
  const u = assertOk(await asToken(token, 'PATCH', `/api/v1/tickets/${t.id}`, { owner: alex.id }));
  assert.deepEqual(u.owner, { id: alex.id, name: alex.name });
  const mine = assertOk(await asToken(token, 'GET', '/api/v1/tickets?owner=me&limit=100'));
  assert.ok(mine.tickets.some((x) => x.id === t.id));
  for (const x of mine.tickets) assert.equal(x.owner.id, alex.id);
});

test('GET /api/v1/agents lists the team with roles and teams', async () => {
  assert.equal(agents.length, 5);
  for (const a of agents) {
    assert.deepEqual(Object.keys(a).sort(), ['active', 'available', 'email', 'id', 'name', 'role', 'team', 'timezone']);
    assert.ok(['agent', 'supervisor', 'admin'].includes(a.role));
    assert.equal(typeof a.active, 'boolean');
    if (a.team !== null) assert.ok(teams.some((t) => t.id === a.team.id && t.name === a.team.name));
  }
  assert.deepEqual(agents.map((a) => a.role).sort(), ['admin', 'agent', 'agent', 'agent', 'supervisor']);
  assert.equal(new Set(agents.map((a) => a.email)).size, 5);
});

test('GET /api/v1/teams lists teams with agent counts and open tickets', async () => {
  assert.deepEqual(teams.map((t) => t.name).sort(), ['Billing', 'Support']);
  for (const t of teams) {
    assert.deepEqual(Object.keys(t).sort(), ['agents', 'id', 'name', 'open_tickets']);
    assert.equal(t.agents, agents.filter((a) => a.team?.id === t.id).length);
    const { tickets } = await walk(srv, `team=${t.id}&status=active`);
    assert.equal(t.open_tickets, tickets.length, `open tickets of ${t.name}`);
  }
});

test('PATCH team sets and clears a ticket\'s team; the team filter finds it', async () => {
  const t = await newTicket(srv);
  const team = teams[0];
  let u = assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { team: team.id }));
  assert.deepEqual(u.team, { id: team.id, name: team.name });
  const { tickets } = await walk(srv, `team=${team.id}`);
  assert.ok(tickets.some((x) => x.id === t.id));
  for (const x of tickets) assert.equal(x.team.id, team.id);
  u = assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { team: null }));
  assert.equal(u.team, null);
  assert.ok(!(await walk(srv, `team=${team.id}`)).tickets.some((x) => x.id === t.id));
});

test('owner filters on demo data: each agent\'s tickets and the unassigned ones partition the list', async () => {
  const all = (await walk(srv, '', 13)).tickets;
  assert.ok(all.length >= 40);
  let total = (await walk(srv, 'owner=none', 9)).tickets.length;
  for (const a of agents) {
    const { tickets } = await walk(srv, `owner=${a.id}`, 5);
    for (const t of tickets) assert.equal(t.owner.id, a.id);
    total += tickets.length;
  }
  assert.equal(total, all.length);
  const active = (await walk(srv, 'status=active', 8)).tickets;
  assert.equal(active.length, all.filter((t) => ['new', 'open', 'pending', 'on-hold'].includes(t.status)).length);
});

test('an owner may be any active agent, not only the caller', async () => {
  const t = await newTicket(srv);
  const other = agents.find((a) => a.role === 'agent');
  const u = assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { owner: other.id }));
  assert.deepEqual(u.owner, { id: other.id, name: other.name });
});

test('GET /api/v1/customers/{id} returns the customer and their tickets', async () => {
  const a = await newTicket(srv, { customer: { email: 'Noor.Haddad@Example.com', name: 'Noor Haddad' }, subject: 'First' });
  const b = await newTicket(srv, { customer: { email: 'noor.haddad@example.com' }, subject: 'Second' });
  const c = assertOk(await srv.api('GET', `/api/v1/customers/${a.customer.id}`));
  assert.deepEqual(Object.keys(c).sort(), ['created_at', 'email', 'first_contact_at', 'id', 'language', 'name', 'notes', 'tags',
    'ticket_count', 'tickets', 'tickets_count']); // the customer panel's facts (issue 11) besides the record
  assert.equal(c.tickets_count, 2);
  assert.equal(c.first_contact_at, c.created_at);
  assert.deepEqual([c.tags, c.notes, c.language], [[], '', '']);
  assert.equal(c.id, a.customer.id);
  assert.equal(c.email, 'noor.haddad@example.com');
  assert.equal(c.name, 'Noor Haddad');
  assert.match(c.created_at, ISO);
  assert.equal(c.ticket_count, 2);
  assert.deepEqual(c.tickets.map((t) => t.id).sort((x, y) => x - y), [a.id, b.id]);
  for (const t of c.tickets) {
    assert.equal(t.customer.id, c.id);
    assert.ok(!('messages' in t));
  }
});

test('every API route refuses a missing or wrong token with a JSON 401', async () => {
  const routes = [['GET', '/api/v1/me'], ['GET', '/api/v1/agents'], ['GET', '/api/v1/teams'], ['GET', '/api/v1/tickets'],
    ['POST', '/api/v1/tickets'], ['GET', '/api/v1/tickets/1'], ['PATCH', '/api/v1/tickets/1'], ['POST', '/api/v1/tickets/1/replies'],
    ['POST', '/api/v1/tickets/1/notes'], ['GET', '/api/v1/customers/1'], ['POST', '/api/v1/coach']];
  for (const [method, path] of routes) {
    const body = method === 'GET' ? undefined : { body: 'x' };
    assertError(await asToken(null, method, path, body), 401, 'unauthorized');
    assertError(await asToken('heed_' + 'f'.repeat(64), method, path, body), 401, 'unauthorized');
    assertError(await asToken(srv.token + 'x', method, path, body), 401, 'unauthorized');
  }
  const one = assertOk(await srv.api('GET', '/api/v1/tickets/1'));
  assert.equal(one.id, 1, 'nothing was changed by the refused requests');
});

test('a browser session cookie that is not heed\'s is not a login', async () => {
  const r = await fetch(srv.base + '/api/v1/me', { headers: { Cookie: 'heed_session=' + 'a'.repeat(64) } });
  assert.equal(r.status, 401);
  assert.equal((await r.json()).error.code, 'unauthorized');
});

test('POST /api/v1/coach reads a case and returns the coach\'s report', async () => {
  const r = assertOk(await srv.api('POST', '/api/v1/coach', {
    customer: 'My order is three weeks late and nobody answers!',
    reply: 'I am sorry about the wait. I have checked your order and it ships tomorrow; I will email you the tracking number.',
  }));
  assert.equal(typeof r, 'object');
  assertError(await srv.api('POST', '/api/v1/coach', 'not json'), 400, 'malformed_json');
  assertError(await srv.api('POST', '/api/v1/coach', '{"reply":"hi"}', { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type');
  assertError(await srv.api('POST', '/api/v1/coach', Buffer.from([0x7b, 0xff, 0x7d])), 400, 'invalid_utf8');
  assertError(await srv.api('GET', '/api/v1/coach'), 405, 'method_not_allowed');
  assertError(await srv.api('POST', '/api/v1/coach', '[1]'), 400, 'malformed_json');
  assertError(await srv.api('POST', '/api/v1/coach', { reply: 'hi', mood: 'sad' }), 400, 'unknown_field');
  assertError(await srv.api('POST', '/api/v1/coach', { reply: 5 }), 400, 'wrong_type');
  assertError(await srv.api('POST', '/api/v1/coach', { reply: 'hi', now: 'yesterday' }), 422, 'invalid');
});

test('POST /api/v1/coach: earlier replies answer questions; the ticket\'s reading wins over the words', async () => {
  const before = assertOk(await srv.api('POST', '/api/v1/coach', {
    customer: 'When will my parcel arrive? And can I change the address?',
    earlier: 'Hi, your parcel arrives on Friday by 5pm.',
    reply: 'Yes, you can change the address in your account settings.',
    now: '2026-11-23T10:00:00Z',
  }));
  assert.deepEqual(before.customer.answered_before, [true, false]);
  assert.deepEqual(before.reply.answered, [false, true]);
  assert.ok(!before.reply.flags.some((f) => f.code === 'unanswered_question'), 'answered earlier is not "not answered yet"');
  const plain = assertOk(await srv.api('POST', '/api/v1/coach', { customer: 'When will my parcel arrive?', reply: 'Thanks!' }));
  assert.equal(plain.customer.answered_before, undefined, 'no earlier replies: no answered_before');
  assert.ok(plain.reply.flags.some((f) => f.code === 'unanswered_question'));
  const read = assertOk(await srv.api('POST', '/api/v1/coach', {
    customer: 'Hello, a quick question about my order please.',
    reading: { emotion: 'angry', complaint: true, repeat_contact: true },
    reply: 'Here is the tracking link for your order.',
  }));
  assert.equal(read.customer.emotion, 'angry');
  assert.equal(read.customer.repeat_contact, true);
  assert.ok(read.reply.flags.some((f) => f.code === 'no_empathy'), 'judged against the ticket\'s reading');
  assertError(await srv.api('POST', '/api/v1/coach', { customer: 'x', reading: 'angry' }), 400, 'wrong_type');
  assertError(await srv.api('POST', '/api/v1/coach', { customer: 'x', reading: { urgent: 1 } }), 400, 'wrong_type');
  assertError(await srv.api('POST', '/api/v1/coach', { customer: 'x', reading: { mood: 'sad' } }), 400, 'unknown_field');
  assertError(await srv.api('POST', '/api/v1/coach', { customer: 'x', reading: { emotion: 'mad' } }), 422, 'invalid', 'reading.emotion');
  assertError(await srv.api('POST', '/api/v1/coach', { customer: 'x', earlier: 3 }), 400, 'wrong_type');
});

test('errors and answers carry nosniff; the API never answers HTML', async () => {
  for (const path of ['/api/v1/me', '/api/v1/nope', '/api/v1/tickets/abc']) {
    const r = await srv.api('GET', path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(r.headers.get('content-type'), /^application\/json/);
  }
});
