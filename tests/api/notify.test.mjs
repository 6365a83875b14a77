// Notifications (the bell) and the jobs mechanism as the API shows them: an @mention in a
// note notifies that agent; marking read; the admin's view of jobs with their last error;
// the test clock exists only with HEED_TEST_CLOCK=1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError, ISO } from './helpers.mjs';

let srv, alex, priya, ticketId;
const as = (email) => {
  const token = heedCli(['token', 'create', '--db', srv.db, '--email', email]).trim().split('\n').pop();
  return (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${token}` });
};
before(async () => {
  srv = await startHeed({ demo: true, env: { HEED_TEST_CLOCK: '1' } });
  alex = as('alex@heed.test');
  priya = as('priya@heed.test');
  ticketId = (await srv.api('GET', '/api/v1/tickets?status=open&limit=1')).json.tickets[0].id;
});
after(async () => { await srv?.stop(); });

test('an @mention in a note notifies that agent once; an email address or a reply does not', async () => {
  const before = assertOk(await alex('GET', '/api/v1/notifications')).unread;
  // the demo's handoffs may already have told Priya of this ticket (which ticket lists first
  // depends on the time of day the demo was made): count hers before
  const priyaOn = async () => assertOk(await priya('GET', '/api/v1/notifications?unread=1')).notifications.filter((x) => x.ticket_id === ticketId).length;
  const priyaBefore = await priyaOn();
  const note = `@alex can you check the refund? Cc @Priya. (Not priya@heed.test, @nobody or @alex again.)`;
  assertOk(await srv.api('POST', `/api/v1/tickets/${ticketId}/notes`, { body: note }), 201);
  const got = assertOk(await alex('GET', '/api/v1/notifications?unread=1'));
  assert.equal(got.unread, before + 1);
  const n = got.notifications[0];
  assert.equal(n.kind, 'mention');
  assert.equal(n.ticket_id, ticketId);
  assert.equal(n.title, `Ada Okafor mentioned you on #${ticketId}`);
  assert.equal(n.url, `/tickets/${ticketId}`);
  assert.equal(n.actor, 'Ada Okafor');
  assert.equal(n.read, false);
  assert.match(n.created_at, ISO);
  assert.ok(n.body.startsWith('@alex can you check'));
  assert.equal(await priyaOn(), priyaBefore + 1);
  // a public reply never notifies, whatever it says
  assertOk(await srv.api('POST', `/api/v1/tickets/${ticketId}/replies`, { body: 'Thanks @alex for the help' }), 201);
  assert.equal(assertOk(await alex('GET', '/api/v1/notifications')).unread, before + 1);
  // nobody is told of their own mention
  const ada = assertOk(await srv.api('GET', '/api/v1/notifications')).unread;
  assertOk(await srv.api('POST', `/api/v1/tickets/${ticketId}/notes`, { body: 'note to self @ada' }), 201);
  assert.equal(assertOk(await srv.api('GET', '/api/v1/notifications')).unread, ada);
});

test('marking read: one, then all; another agent\'s notification is not found', async () => {
  assertOk(await srv.api('POST', `/api/v1/tickets/${ticketId}/notes`, { body: '@alex and again, @alex.' }), 201);
  const list = assertOk(await alex('GET', '/api/v1/notifications?unread=1'));
  assert.ok(list.unread >= 2);
  const first = list.notifications[0].id;
  assertError(await priya('POST', `/api/v1/notifications/${first}/read`), 404, 'not_found');
  const one = assertOk(await alex('POST', `/api/v1/notifications/${first}/read`));
  assert.deepEqual([one.marked, one.unread], [1, list.unread - 1]);
  assert.equal(assertOk(await alex('POST', `/api/v1/notifications/${first}/read`)).marked, 0); // already read
  const all = assertOk(await alex('POST', '/api/v1/notifications/read', {}));
  assert.deepEqual([all.marked, all.unread], [list.unread - 1, 0]);
  const after = assertOk(await alex('GET', '/api/v1/notifications'));
  assert.ok(after.notifications.every((x) => x.read && ISO.test(x.read_at)));
});

test('bad input at the notification doors changes nothing', async () => {
  assertError(await alex('GET', '/api/v1/notifications?unread=maybe'), 400, 'invalid', 'unread');
  assertError(await alex('GET', '/api/v1/notifications?limit=0'), 400, 'invalid', 'limit');
  assertError(await alex('GET', '/api/v1/notifications?limit=101'), 400, 'invalid', 'limit');
  assertError(await alex('GET', '/api/v1/notifications?cursor=abc'), 400, 'invalid', 'cursor');
  assertError(await alex('GET', '/api/v1/notifications?colour=red'), 400, 'unknown_field', 'colour');
  assertError(await alex('POST', '/api/v1/notifications/read', { all: true }), 400, 'unknown_field', 'all');
  assertError(await alex('POST', '/api/v1/notifications/0/read'), 404, 'not_found');
});

test('jobs: admins see them with their state, agents may not; only a failed job can be retried', async () => {
  const jobs = assertOk(await srv.api('GET', '/api/v1/jobs?kind=mail.send'));
  assert.ok(jobs.jobs.length > 0, 'the demo queued mail: each queued email has a mail.send job');
  for (const j of jobs.jobs) {
    assert.equal(j.kind, 'mail.send');
    assert.ok(['due', 'running', 'done', 'failed', 'cancelled'].includes(j.state));
    assert.match(j.due_at, ISO);
  }
  assertError(await alex('GET', '/api/v1/jobs'), 403, 'forbidden');
  assertError(await srv.api('GET', '/api/v1/jobs?state=exploded'), 400, 'invalid', 'state');
  const due = jobs.jobs.find((j) => j.state === 'due');
  assertError(await srv.api('POST', `/api/v1/jobs/${due.id}/retry`), 409, 'conflict');
  assertError(await srv.api('POST', '/api/v1/jobs/999999/retry'), 404, 'not_found');
  assertError(await alex('POST', `/api/v1/jobs/${due.id}/retry`), 403, 'forbidden');
});

test('the test clock moves only with HEED_TEST_CLOCK=1, and only forward', async () => {
  assertError(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: -5 }), 422, 'invalid', 'advance_seconds');
  assertError(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: '60' }), 422, 'invalid', 'advance_seconds');
  assertError(await alex('POST', '/api/v1/test/clock', { advance_seconds: 60 }), 403, 'forbidden');
  const moved = assertOk(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: 3600 }));
  assert.equal(moved.offset_seconds, 3600);
  assert.ok(Date.parse(moved.now) - Date.now() > 3500 * 1000);
  const other = await startHeed({});
  try {
    assertError(await other.api('POST', '/api/v1/test/clock', { advance_seconds: 60 }), 404, 'not_found');
  } finally { await other.stop(); }
});
