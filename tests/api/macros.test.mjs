// Macros: saved replies with placeholders, personal or shared with the author's team, whose
// actions (status, tags, take) follow a reply sent from them; the coach reads each saved body;
// the agent's after-send choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv, bea, cy;
before(async () => {
  srv = await startHeed();
  heedCli(['user', 'add', '--db', srv.db, '--email', 'bea@heed.test', '--name', 'Bea Lund', '--role', 'agent']);
  heedCli(['user', 'add', '--db', srv.db, '--email', 'cy@heed.test', '--name', 'Cy Ong', '--role', 'agent']);
  const tok = (email) => heedCli(['token', 'create', '--db', srv.db, '--email', email]).trim().split('\n').pop();
  const bt = tok('bea@heed.test'), ct = tok('cy@heed.test');
  bea = (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${bt}` });
  cy = (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${ct}` });
});
after(async () => { await srv?.stop(); });

test('a macro fills its placeholders for the ticket, and its actions follow the reply', async () => {
  const m = assertOk(await bea('POST', '/api/v1/macros', {
    name: 'Refund sent', body: 'Hi {{customer.first_name}},\n\nI have refunded order {{ ticket.id }} today.\n\n{{agent.first_name}}',
    actions: { status: 'pending', tags: ['Refund'], take: true },
  }), 201);
  assert.equal(m.shortcut, 'refund-sent', 'made from the name');
  assert.equal(m.shared, false);
  assert.deepEqual(m.actions, { status: 'pending', tags: ['refund'], take: true });
  assert.deepEqual(m.author, { id: m.author.id, name: 'Bea Lund' });
  assert.deepEqual(m.coach.flags, [], JSON.stringify(m.coach));
  const t = assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'Refund please', customer: { email: 'nina@example.com', name: 'Nina Park' }, message: 'Can I get my money back?' }), 201);
  const list = assertOk(await bea('GET', `/api/v1/tickets/${t.id}/macros`)).macros;
  assert.equal(list.length, 1);
  assert.equal(list[0].body, `Hi Nina,\n\nI have refunded order ${t.id} today.\n\nBea`);
  // a personal macro is Bea's alone
  assert.equal(assertOk(await cy('GET', '/api/v1/macros')).macros.length, 0);
  assertError(await cy('GET', `/api/v1/macros/${m.id}`), 404, 'not_found');
  assertError(await cy('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'x', macro_id: m.id }), 404, 'not_found', 'macro_id');
  // sent from the macro: pending, tagged, Bea's
  const sent = assertOk(await bea('POST', `/api/v1/tickets/${t.id}/replies`, { body: list[0].body, macro_id: m.id }), 201);
  assert.deepEqual(sent.macro, { id: m.id, applied: true });
  const got = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
  assert.equal(got.status, 'pending');
  assert.deepEqual(got.tags, ['refund']);
  assert.equal(got.owner.name, 'Bea Lund');
  assert.equal(assertOk(await bea('GET', `/api/v1/macros/${m.id}`)).uses, 1);
});

test('shared macros reach the team; the coach flags a saved reply; only the author or a lead changes it', async () => {
  const m = assertOk(await bea('POST', '/api/v1/macros', {
    name: 'Not us', shortcut: 'not-us', shared: true,
    body: 'Unfortunately that is not my department. You need to contact the courier yourself.',
  }), 201);
  assert.ok(m.coach.flags.length > 0, `the coach reads the saved text: ${JSON.stringify(m.coach)}`);
  assert.ok(m.coach.flags.every((f) => typeof f.code === 'string' && typeof f.why === 'string'));
  assert.ok(assertOk(await cy('GET', '/api/v1/macros')).macros.some((x) => x.id === m.id), 'shared: Cy sees it');
  assertError(await cy('PATCH', `/api/v1/macros/${m.id}`, { name: 'Mine now' }), 403, 'forbidden');
  assertError(await cy('DELETE', `/api/v1/macros/${m.id}`), 403, 'forbidden');
  const fixed = assertOk(await bea('PATCH', `/api/v1/macros/${m.id}`, { body: 'I am sorry about the wait. I have asked the courier myself and will write to you by Friday.' }));
  assert.equal(fixed.name, 'Not us', 'what PATCH leaves out stays');
  assert.equal(fixed.shortcut, 'not-us');
  assert.equal(assertOk(await srv.api('PATCH', `/api/v1/macros/${m.id}`, { name: 'Courier chase' })).name, 'Courier chase', 'an admin may');
  assert.equal((await bea('DELETE', `/api/v1/macros/${m.id}`)).status, 204);
  assertError(await bea('GET', `/api/v1/macros/${m.id}`), 404, 'not_found');
});

test('bad macros are refused, naming the field, and nothing is saved', async () => {
  const before = assertOk(await bea('GET', '/api/v1/macros')).macros.length;
  assertError(await bea('POST', '/api/v1/macros', { body: 'Hello' }), 400, 'missing_field', 'name');
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi' }), 400, 'missing_field', 'body');
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi there', body: 'Dear {{customer.nickname}}' }), 422, 'invalid', 'body');
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi there', body: 'Dear {{customer.name' }), 422, 'invalid', 'body');
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi there', body: 'Hello you', shortcut: 'Has Space' }), 422, 'invalid', 'shortcut');
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi there', body: 'Hello you', actions: { status: 'done' } }), 422, 'invalid', 'status');
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi there', body: 'Hello you', actions: { tags: ['has space'] } }), 422, 'invalid', 'tags');
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi there', body: 'Hello you', actions: { owner: 3 } }), 400, 'unknown_field', 'actions');
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi there', body: 'Hello you', shared: 'yes' }), 400, 'wrong_type', 'shared');
  assertOk(await bea('POST', '/api/v1/macros', { name: 'Hi there', body: 'Hello you' }), 201);
  assertError(await bea('POST', '/api/v1/macros', { name: 'Hi there!', body: 'Hello again' }), 409, 'shortcut_taken', 'shortcut');
  assert.equal(assertOk(await bea('GET', '/api/v1/macros')).macros.length, before + 1);
  assertError(await bea('POST', '/api/v1/tickets/1/replies', { body: 'x', macro_id: 'refund' }), 400, 'wrong_type', 'macro_id');
});

test('after send: stay or the next ticket, each agent\'s own choice', async () => {
  assert.deepEqual(assertOk(await bea('GET', '/api/v1/me/after-send')), { after_send: 'stay' });
  assert.deepEqual(assertOk(await bea('PUT', '/api/v1/me/after-send', { after_send: 'next' })), { after_send: 'next' });
  assert.deepEqual(assertOk(await bea('GET', '/api/v1/me/after-send')), { after_send: 'next' });
  assert.deepEqual(assertOk(await cy('GET', '/api/v1/me/after-send')), { after_send: 'stay' }, 'Cy\'s is his own');
  assertError(await bea('PUT', '/api/v1/me/after-send', { after_send: 'away' }), 422, 'invalid', 'after_send');
  assertError(await bea('PUT', '/api/v1/me/after-send', {}), 400, 'missing_field', 'after_send');
});
