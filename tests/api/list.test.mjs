// GET /api/v1/tickets: keyset pagination and filters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { assertOk, newTicket, walk } from './helpers.mjs';

let srv, me, tickets, byId;
const N = 31;

function order(a, b) {
  // updated_at DESC, id DESC
  if (a.updated_at !== b.updated_at) return a.updated_at < b.updated_at ? 1 : -1;
  return b.id - a.id;
}

before(async () => {
  srv = await startHeed();
  me = assertOk(await srv.api('GET', '/api/v1/me'));
  const made = [];
  for (let i = 0; i < N; i++) {
    const who = i % 3 === 0 ? { email: 'repeat@example.com', name: 'Repeat Customer' } : { email: `one-off-${i}@example.com` };
    made.push(await newTicket(srv, { subject: `Order ${i} ${i % 2 ? 'kangaroo' : 'wombat'} delivery`, customer: who, message: `Body of ticket ${i}` }));
  }
  // a second later some tickets change, so updated_at differs across the list and ties remain within
  await new Promise((r) => setTimeout(r, 1100));
  for (const t of made.filter((_, i) => i % 5 === 0))
    assertOk(await srv.api('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'The platypus team has your order details.' }), 201);
  for (const t of made.filter((_, i) => i % 7 === 1)) assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { owner: me.id }));
  for (const t of made.filter((_, i) => i % 4 === 2)) assertOk(await srv.api('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' }));
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${made[3].id}`, { status: 'closed' }));
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${made[4].id}`, { status: 'pending' }));
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${made[8].id}`, { status: 'on-hold' }));
  assertOk(await srv.api('POST', `/api/v1/tickets/${made[9].id}/notes`, { body: 'Escalated to the echidna squad.' }), 201);
  tickets = [];
  for (const t of made) tickets.push(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`)));
  byId = new Map(tickets.map((t) => [t.id, t]));
});
after(async () => { await srv?.stop(); });

// the list has none of the full ticket's parts, and of the customer only who it is
const strip = ({ messages, commitments, handoff, sla, attention, snoozed_until, merged_into, customer: { id, name, email }, ...t }) => ({ ...t, customer: { id, name, email } });
const ids = (list) => list.map((t) => t.id);
const expected = (pred = () => true) => ids(tickets.filter(pred).sort(order));

test('the list returns tickets without messages, in updated_at DESC, id DESC order', async () => {
  const page = assertOk(await srv.api('GET', '/api/v1/tickets?limit=100'));
  assert.deepEqual(Object.keys(page).sort(), ['next_cursor', 'tickets']);
  assert.equal(page.next_cursor, null, 'everything fits: no next page');
  assert.equal(page.tickets.length, N);
  assert.deepEqual(ids(page.tickets), expected());
  for (const t of page.tickets) assert.deepEqual(t, strip(byId.get(t.id)), 'list items match the ticket itself');
  assert.ok(new Set(page.tickets.map((t) => t.updated_at)).size >= 2, 'the fixture has more than one updated_at');
});

test('default limit is 20 with a next_cursor', async () => {
  const page = assertOk(await srv.api('GET', '/api/v1/tickets'));
  assert.equal(page.tickets.length, 20);
  assert.equal(typeof page.next_cursor, 'string');
  assert.deepEqual(ids(page.tickets), expected().slice(0, 20));
});

for (const limit of [1, 2, 5, 7, 20, 30, 31, 100]) {
  test(`walking with limit=${limit} sees every ticket exactly once, in order`, async () => {
    const { tickets: seen, pages } = await walk(srv, '', limit);
    assert.deepEqual(ids(seen), expected());
    assert.equal(new Set(ids(seen)).size, N, 'no duplicates');
    assert.equal(pages, Math.floor(N / limit) + 1, 'pages (a full last page is followed by an empty one)');
  });
}

test('a cursor is stable: the same cursor gives the same page', async () => {
  const first = assertOk(await srv.api('GET', '/api/v1/tickets?limit=4'));
  const a = assertOk(await srv.api('GET', `/api/v1/tickets?limit=4&cursor=${encodeURIComponent(first.next_cursor)}`));
  const b = assertOk(await srv.api('GET', `/api/v1/tickets?limit=4&cursor=${encodeURIComponent(first.next_cursor)}`));
  assert.deepEqual(a, b);
  assert.deepEqual(ids(a.tickets), expected().slice(4, 8));
});

test('a ticket updated during a walk moves to the top and is not seen twice', async () => {
  const list = expected();
  const first = assertOk(await srv.api('GET', '/api/v1/tickets?limit=10'));
  assert.deepEqual(ids(first.tickets), list.slice(0, 10));
  // a ticket already seen changes (a second later, so its updated_at is the newest)
  await new Promise((r) => setTimeout(r, 1100));
  // the sixth of the first page that can still take a note (a closed ticket refuses one, and
  // where the one closed ticket falls depends on the second each fixture step ran in)
  const moved = list.slice(0, 10).filter((id) => byId.get(id).status !== 'closed')[5];
  assertOk(await srv.api('POST', `/api/v1/tickets/${moved}/notes`, { body: 'Looked at this again mid-walk.' }), 201);
  const rest = [];
  let cursor = first.next_cursor;
  while (cursor) {
    const page = assertOk(await srv.api('GET', `/api/v1/tickets?limit=10&cursor=${encodeURIComponent(cursor)}`));
    rest.push(...ids(page.tickets));
    cursor = page.next_cursor;
  }
  assert.deepEqual([...ids(first.tickets), ...rest], list, 'the rest is seen once each, the moved ticket not again');
  const top = assertOk(await srv.api('GET', '/api/v1/tickets?limit=1'));
  assert.deepEqual(ids(top.tickets), [moved], 'a new walk starts with it');
  // keep the fixture true for the tests that follow
  tickets = [];
  for (const id of byId.keys()) tickets.push(assertOk(await srv.api('GET', `/api/v1/tickets/${id}`)));
  byId = new Map(tickets.map((t) => [t.id, t]));
});

test('status filter, one status at a time, and status=active', async () => {
  const statuses = ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'];
  let total = 0;
  for (const status of statuses) {
    const { tickets: got } = await walk(srv, `status=${status}`, 3);
    for (const t of got) assert.equal(t.status, status);
    assert.deepEqual(ids(got), expected((t) => t.status === status), status);
    total += got.length;
  }
  assert.equal(total, N, 'the statuses partition the tickets');
  assert.ok(expected((t) => t.status === 'closed').length === 1);
  const { tickets: active } = await walk(srv, 'status=active', 4);
  assert.deepEqual(ids(active), expected((t) => ['new', 'open', 'pending', 'on-hold'].includes(t.status)));
  // empty status means no filter
  assert.equal((await walk(srv, 'status=')).tickets.length, N);
});

test('owner filter: me, none, and an id', async () => {
  const mine = (await walk(srv, 'owner=me', 2)).tickets;
  assert.ok(mine.length > 0);
  assert.deepEqual(ids(mine), expected((t) => t.owner?.id === me.id));
  assert.deepEqual(ids((await walk(srv, `owner=${me.id}`)).tickets), ids(mine));
  const none = (await walk(srv, 'owner=none', 6)).tickets;
  assert.deepEqual(ids(none), expected((t) => t.owner === null));
  assert.equal(mine.length + none.length, N);
  assert.deepEqual((await walk(srv, 'owner=424242')).tickets, []);
});

test('customer filter', async () => {
  const repeat = tickets[0].customer.id;
  const got = (await walk(srv, `customer=${repeat}`, 3)).tickets;
  assert.deepEqual(ids(got), expected((t) => t.customer.id === repeat));
  assert.equal(got.length, Math.ceil(N / 3));
  assert.deepEqual((await walk(srv, 'customer=999999')).tickets, []);
});

test('team filter with no such team is an empty list', async () => {
  assert.deepEqual((await walk(srv, 'team=999999')).tickets, []);
});

test('q searches subjects, first messages, replies and notes; words are ANDed, last word is a prefix', async () => {
  const q = async (text, query = '') => ids((await walk(srv, `q=${encodeURIComponent(text)}${query ? '&' + query : ''}`, 100)).tickets);
  assert.deepEqual(await q('wombat'), expected((t) => t.subject.includes('wombat')));
  assert.deepEqual(await q('KANGAROO'), expected((t) => t.subject.includes('kangaroo')), 'case-insensitive');
  assert.deepEqual(await q('kang'), expected((t) => t.subject.includes('kangaroo')), 'prefix');
  assert.deepEqual(await q('platypus'), expected((t) => t.messages.some((m) => m.kind === 'reply')), 'words from replies');
  assert.deepEqual(await q('echidna'), [tickets[9].id], 'words from notes');
  assert.deepEqual(await q('Body of ticket 12'), [tickets[12].id], 'words from the first message');
  assert.deepEqual(await q('order 7 kangaroo'), [tickets[7].id]);
  assert.deepEqual(await q('wombat kangaroo'), [], 'all words must match');
  assert.deepEqual(await q('zebra'), []);
  assert.deepEqual(await q('"*()-:^'), [], 'punctuation only: no error, no results');
  assert.deepEqual(await q('wombat OR kangaroo'), [], 'FTS operators are words, not syntax');
  assert.deepEqual(await q('NEAR(wombat'), [], 'FTS syntax cannot break the query');
  assert.deepEqual(await q('wombat', 'status=solved'), expected((t) => t.subject.includes('wombat') && t.status === 'solved'), 'q combines with status');
  const paged = (await walk(srv, 'q=delivery', 4)).tickets;
  assert.deepEqual(ids(paged), expected(), 'q pages like the plain list');
});

test('filters combine and paginate', async () => {
  const { tickets: got } = await walk(srv, `status=active&owner=none&customer=${tickets[0].customer.id}`, 2);
  assert.deepEqual(ids(got), expected((t) => ['new', 'open', 'pending', 'on-hold'].includes(t.status) && t.owner === null && t.customer.id === tickets[0].customer.id));
});
