// Priority from the customer's side: a ticket waiting for our answer carries
// attention {score, reasons, waiting_since}; the score grows with the wait, lists sort and
// filter by it (?sort=attention, ?attention=N), a reply ends the wait, and an agent's
// correction of a misread message (POST /api/v1/messages/{id}/reading) changes the score.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv;
const advance = async (s) => assertOk(await srv.api('POST', '/api/v1/test/clock', { advance_seconds: s }));
before(async () => { srv = await startHeed({ env: { HEED_TEST_CLOCK: '1' } }); });
after(async () => { await srv?.stop(); });

const ticket = async (who, message) =>
  assertOk(await srv.api('POST', '/api/v1/tickets', { subject: `From ${who}`, customer: { email: `${who}@example.com` }, message }), 201);
const attentionOf = async (id) => assertOk(await srv.api('GET', `/api/v1/tickets/${id}`)).attention;

test('the score is the wait plus what the customer said, in words', async () => {
  const calm = await ticket('calm', 'Hi, could you tell me how to change my delivery address?');
  const upset = await ticket('upset', 'This is the third time I am writing about this. I am really frustrated and I need it fixed today, it is urgent.');
  let a = await attentionOf(calm.id);
  assert.equal(a.score, 0, 'a calm customer who just wrote');
  assert.deepEqual(a.reasons, ['waited 0 minutes']);
  assert.match(a.waiting_since, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // the clock ticks: the two tickets may have been written in different seconds
  const calmSince = a.waiting_since;
  a = await attentionOf(upset.id);
  // frustrated 15 + urgent 12 + a complaint 10 (writing a third time is one) + wrote before 10
  assert.equal(a.score, 47, JSON.stringify(a));
  assert.deepEqual(a.reasons, ['waited 0 minutes', 'frustrated', 'says it is urgent', 'a complaint', 'says they have been in touch before']);

  await advance(2 * 3600); // no SLA calendar here: hours around the clock, 3 points each
  assert.deepEqual(await attentionOf(calm.id), { score: 6, reasons: ['waited 2 hours'], waiting_since: calmSince });
  assert.equal((await attentionOf(upset.id)).score, 53);

  // the list by attention: the upset customer first; ?attention=40 keeps only them
  let list = assertOk(await srv.api('GET', '/api/v1/tickets?sort=attention')).tickets;
  const ids = list.map((t) => t.id);
  assert.ok(ids.indexOf(upset.id) < ids.indexOf(calm.id), `upset before calm: ${ids}`);
  assert.equal(list.find((t) => t.id === upset.id).attention.score, 53);
  list = assertOk(await srv.api('GET', '/api/v1/tickets?attention=40')).tickets;
  assert.deepEqual(list.map((t) => t.id), [upset.id]);

  // our reply ends the wait: no score, and it leaves the list
  assertOk(await srv.api('POST', `/api/v1/tickets/${upset.id}/replies`, { body: 'I am sorry for the wait. I have fixed it now.' }), 201);
  assert.deepEqual(await attentionOf(upset.id), { score: 0, reasons: [], waiting_since: null });
  list = assertOk(await srv.api('GET', '/api/v1/tickets?sort=attention')).tickets;
  assert.ok(!list.some((t) => t.id === upset.id), 'answered: not waiting');
  // a note is not an answer
  assertOk(await srv.api('POST', `/api/v1/tickets/${calm.id}/notes`, { body: 'Looking into the address change.' }), 201);
  assert.equal((await attentionOf(calm.id)).score, 6);
});

test('an agent corrects a misread message; the score follows', async () => {
  const t = await ticket('misread', 'This is unacceptable. I want to make a formal complaint about your service.');
  const mid = t.messages[0].id;
  let r = assertOk(await srv.api('GET', `/api/v1/messages/${mid}/reading`));
  assert.deepEqual(r, { message_id: mid, emotion: 'angry', urgent: false, complaint: true, repeat_contact: false, corrected: false });
  assert.equal((await attentionOf(t.id)).score, 30, 'angry 20 + complaint 10');

  r = assertOk(await srv.api('POST', `/api/v1/messages/${mid}/reading`, { emotion: 'neutral', complaint: false }));
  assert.equal(r.emotion, 'neutral');
  assert.equal(r.complaint, false);
  assert.equal(r.corrected, true);
  assert.equal(r.corrected_by, 'Ada Okafor');
  assert.deepEqual(r.coach_read, { emotion: 'angry', urgent: false, complaint: true, repeat_contact: false });
  const a = await attentionOf(t.id);
  assert.equal(a.score, 0);
  assert.deepEqual(a.reasons, ['waited 0 minutes']);
  // the correction is what agents see from now on
  assert.equal(assertOk(await srv.api('GET', `/api/v1/messages/${mid}/reading`)).emotion, 'neutral');
  // a cue the coach missed can be added
  r = assertOk(await srv.api('POST', `/api/v1/messages/${mid}/reading`, { urgent: true }));
  assert.equal(r.emotion, 'neutral', 'the earlier correction stays');
  assert.equal((await attentionOf(t.id)).score, 12);

  // the corrections come back as coach cases
  const out = heedCli(['coach', '--export-corrections', '--db', srv.db]);
  const cases = out.trim().split('\n').map((l) => JSON.parse(l));
  const mine = cases.find((c) => c.id === `correction-${mid}`);
  assert.ok(mine, out);
  assert.equal(mine.customer, 'This is unacceptable. I want to make a formal complaint about your service.');
  assert.deepEqual(mine.expect, { emotion: 'neutral', urgent: true, complaint: false, repeat_contact: false });
  assert.match(mine.note, /corrected by Ada Okafor .* the coach read angry, complaint/);
});

test('bad corrections and lists are refused, naming the problem', async () => {
  const t = await ticket('picky', 'Where is my parcel?');
  const mid = t.messages[0].id;
  assertError(await srv.api('POST', `/api/v1/messages/${mid}/reading`, { emotion: 'grumpy' }), 422, 'invalid', 'emotion');
  assertError(await srv.api('POST', `/api/v1/messages/${mid}/reading`, { urgent: 'yes' }), 400, 'wrong_type', 'urgent');
  assertError(await srv.api('POST', `/api/v1/messages/${mid}/reading`, {}), 400, 'missing_field');
  assertError(await srv.api('POST', `/api/v1/messages/${mid}/reading`, { mood: 'sad' }), 400, 'unknown_field', 'mood');
  assertError(await srv.api('GET', '/api/v1/messages/99999999/reading'), 404, 'not_found');
  assertError(await srv.api('GET', '/api/v1/messages/abc/reading'), 404, 'not_found');
  const reply = assertOk(await srv.api('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'It is on its way.' }), 201);
  assertError(await srv.api('POST', `/api/v1/messages/${reply.id}/reading`, { emotion: 'sad' }), 409, 'not_customer_message');
  assertError(await srv.api('GET', '/api/v1/tickets?sort=attention&status=open'), 400, 'invalid', 'status');
  assertError(await srv.api('GET', '/api/v1/tickets?attention=101'), 400, 'invalid', 'attention');
  assertError(await srv.api('GET', '/api/v1/tickets?attention=lots'), 400, 'invalid', 'attention');
  assertError(await srv.api('GET', '/api/v1/tickets?attention=10&sort=sla'), 400, 'invalid', 'sort');
  assertError(await srv.api('GET', '/api/v1/tickets?sort=loudest'), 400, 'invalid', 'sort');
  // nothing was stored by the refusals
  assert.equal(assertOk(await srv.api('GET', `/api/v1/messages/${mid}/reading`)).corrected, false);
});
