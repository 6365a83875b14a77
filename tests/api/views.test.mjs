// Search filters (tag, priority, channel, mood, dates; the waiting order), saved views with
// their counts, and bulk actions that say per ticket what was done.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv, bea, t1, t2, t3;
before(async () => {
  srv = await startHeed();
  heedCli(['user', 'add', '--db', srv.db, '--email', 'bea@heed.test', '--name', 'Bea Lund', '--role', 'agent']);
  const tok = heedCli(['token', 'create', '--db', srv.db, '--email', 'bea@heed.test']).trim().split('\n').pop();
  bea = (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${tok}` });
  const mk = async (subject, extra) => assertOk(await srv.api('POST', '/api/v1/tickets', { subject, customer: { email: `${subject.split(' ')[0].toLowerCase()}@example.com` }, message: 'Hello there, a question.', ...extra }), 201);
  t1 = await mk('Refund please', { tags: ['refund'], priority: 'high', channel: 'email' });
  t2 = await mk('Angry about delivery', { message: 'This is unacceptable. I want to make a formal complaint about your service.', channel: 'phone' });
  t3 = await mk('Other refund', { tags: ['refund'], channel: 'web' });
});
after(async () => { await srv?.stop(); });

const ids = (list) => list.tickets.map((t) => t.id).sort((a, b) => a - b);

test('the list filters by tag, priority, channel, mood and creation date; refusals name the field', async () => {
  assert.deepEqual(ids(assertOk(await srv.api('GET', '/api/v1/tickets?tag=refund'))), [t1.id, t3.id]);
  assert.deepEqual(ids(assertOk(await srv.api('GET', '/api/v1/tickets?tag=refund&priority=high'))), [t1.id]);
  assert.deepEqual(ids(assertOk(await srv.api('GET', '/api/v1/tickets?channel=phone'))), [t2.id]);
  assert.deepEqual(ids(assertOk(await srv.api('GET', '/api/v1/tickets?mood=upset'))), [t2.id]);
  assert.deepEqual(ids(assertOk(await srv.api('GET', '/api/v1/tickets?mood=complaint'))), [t2.id]);
  const today = t1.created_at.slice(0, 10);
  assert.equal(ids(assertOk(await srv.api('GET', `/api/v1/tickets?created_from=${today}&created_to=${today}`))).length, 3);
  assert.equal(ids(assertOk(await srv.api('GET', `/api/v1/tickets?created_to=${today}T00:00:00Z`))).length, 0);
  for (const [q, field] of [['priority=top', 'priority'], ['channel=fax', 'channel'], ['mood=grumpy', 'mood'],
    ['tag=has%20space', 'tags'], ['created_from=yesterday', 'created_from'], ['created_to=2026-13-40', 'created_to']]) {
    const res = await srv.api('GET', `/api/v1/tickets?${q}`);
    assert.equal(res.status, 400, `${q}: ${res.text}`);
    assert.equal(res.json.error.field, field, q);
  }
  // the waiting order: the longest wait first
  const waiting = assertOk(await srv.api('GET', '/api/v1/tickets?sort=waiting')).tickets.map((t) => t.id);
  assert.deepEqual(waiting.slice(0, 3), [t1.id, t2.id, t3.id]);
});

test('a saved view keeps a filter, counts its tickets, and is shared with the team when asked', async () => {
  const v = assertOk(await srv.api('POST', '/api/v1/views', { name: 'Refunds', owner: 'all', tag: 'Refund' }), 201);
  assert.equal(v.tag, 'refund');
  assert.equal(v.count, 2);
  assert.equal(v.url, '/inbox?view=all&status=active&tag=refund');
  assertOk(await srv.api('POST', '/api/v1/views', { name: 'Upset customers', owner: 'all', mood: 'upset', shared: true }), 201);
  const mine = assertOk(await srv.api('GET', '/api/v1/views')).views;
  assert.deepEqual(mine.map((x) => [x.name, x.count]), [['Refunds', 2], ['Upset customers', 1]]);
  const beas = assertOk(await bea('GET', '/api/v1/views')).views;
  assert.deepEqual(beas.map((x) => x.name), ['Upset customers'], 'only the shared one');
  assertError(await bea('DELETE', `/api/v1/views/${v.id}`), 404, 'not_found');
  assertError(await bea('DELETE', `/api/v1/views/${beas[0].id}`), 403, 'forbidden');
  assert.equal((await srv.api('DELETE', `/api/v1/views/${v.id}`)).status, 204);
  assertError(await srv.api('POST', '/api/v1/views', { owner: 'all' }), 400, 'missing_field', 'name');
  assertError(await srv.api('POST', '/api/v1/views', { name: 'Bad', owner: 'everyone' }), 422, 'invalid', 'owner');
  assertError(await srv.api('POST', '/api/v1/views', { name: 'Bad', mood: 'grumpy' }), 422, 'invalid', 'mood');
  assertError(await srv.api('POST', '/api/v1/views', { name: 'Bad', priority: 'top' }), 422, 'invalid', 'priority');
  assert.equal(assertOk(await srv.api('GET', '/api/v1/views')).views.length, 1, 'nothing refused was saved');
});

test('bulk: assign, tag and set status on many, each answered on its own; merge into the first', async () => {
  const me = assertOk(await srv.api('GET', '/api/v1/me'));
  let r = assertOk(await srv.api('POST', '/api/v1/tickets/bulk', { ids: [t1.id, t3.id, 987654], owner: me.id, add_tag: 'bulk', status: 'pending' }));
  assert.deepEqual(r.results.map((x) => [x.id, x.ok]), [[t1.id, true], [t3.id, true], [987654, false]]);
  assert.match(r.results[2].error, /no ticket|not found/i);
  for (const id of [t1.id, t3.id]) {
    const t = assertOk(await srv.api('GET', `/api/v1/tickets/${id}`));
    assert.equal(t.owner.id, me.id);
    assert.equal(t.status, 'pending');
    assert.ok(t.tags.includes('bulk') && t.tags.includes('refund'), t.tags.join(','));
  }
  r = assertOk(await srv.api('POST', '/api/v1/tickets/bulk', { ids: [t1.id, t3.id], merge: true }));
  assert.ok(r.results.every((x) => x.ok), JSON.stringify(r));
  assert.equal(assertOk(await srv.api('GET', `/api/v1/tickets/${t3.id}`)).merged_into, t1.id);
  assertError(await srv.api('POST', '/api/v1/tickets/bulk', { ids: [] }), 422, 'invalid', 'ids');
  assertError(await srv.api('POST', '/api/v1/tickets/bulk', { ids: [t1.id] }), 422, 'invalid', 'ids');
  assertError(await srv.api('POST', '/api/v1/tickets/bulk', { ids: [t1.id], status: 'done' }), 422, 'invalid', 'status');
  assertError(await srv.api('POST', '/api/v1/tickets/bulk', { ids: 'all', status: 'open' }), 400, 'wrong_type', 'ids');
  assertError(await srv.api('POST', '/api/v1/tickets/bulk', { ids: [t1.id], merge: true }), 422, 'invalid', 'ids');
});
