// Drafts: an agent's unsent reply or note, kept per agent and ticket; sending clears it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv, ticketId, alex;
before(async () => {
  srv = await startHeed({ demo: true });
  ticketId = (await srv.api('GET', '/api/v1/tickets?status=open&limit=1')).json.tickets[0].id;
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', 'alex@heed.test']).trim().split('\n').pop();
  alex = (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${token}` });
});
after(async () => { await srv?.stop(); });

const D = () => `/api/v1/tickets/${ticketId}/draft`;

test('a draft is kept per agent and ticket, replaced by the next save', async () => {
  assertError(await srv.api('GET', D()), 404, 'not_found');
  const saved = assertOk(await srv.api('PUT', D(), { kind: 'reply', body: 'Dear Noah, first go' }));
  assert.equal(saved.body, 'Dear Noah, first go');
  assertOk(await srv.api('PUT', D(), { kind: 'note', body: 'Second go — ünïcode kept' }));
  const got = assertOk(await srv.api('GET', D()));
  assert.deepEqual([got.kind, got.body, got.ticket_id], ['note', 'Second go — ünïcode kept', ticketId]);
  assertError(await alex('GET', D()), 404, 'not_found'); // another agent's drafts are not yours
  assertOk(await alex('PUT', D(), { body: 'Alex writes his own' }));
  assert.equal(assertOk(await srv.api('GET', D())).body, 'Second go — ünïcode kept');
});

test('sending a reply or note clears that agent\'s draft only', async () => {
  assertOk(await srv.api('POST', `/api/v1/tickets/${ticketId}/notes`, { body: 'Second go — ünïcode kept' }), 201);
  assertError(await srv.api('GET', D()), 404, 'not_found');
  assert.equal(assertOk(await alex('GET', D())).body, 'Alex writes his own');
});

test('an empty draft removes it; DELETE removes it', async () => {
  assert.equal((await alex('PUT', D(), { body: '  \n ' })).status, 204);
  assertError(await alex('GET', D()), 404, 'not_found');
  assertOk(await srv.api('PUT', D(), { body: 'x' }));
  assert.equal((await srv.api('DELETE', D())).status, 204);
  assertError(await srv.api('GET', D()), 404, 'not_found');
});

test('bad drafts are refused and change nothing', async () => {
  assertOk(await srv.api('PUT', D(), { body: 'kept' }));
  assertError(await srv.api('PUT', D(), { kind: 'email', body: 'x' }), 422, 'invalid', 'kind');
  assertError(await srv.api('PUT', D(), { kind: 'reply' }), 400, 'missing_field', 'body');
  assertError(await srv.api('PUT', D(), { body: 'x', extra: 1 }), 400, 'unknown_field', 'extra');
  assertError(await srv.api('PUT', D(), { body: 'x'.repeat(100001) }), 422, 'invalid', 'body');
  assertError(await srv.api('PUT', '/api/v1/tickets/999999/draft', { body: 'x' }), 404, 'not_found');
  assert.equal(assertOk(await srv.api('GET', D())).body, 'kept');
});
