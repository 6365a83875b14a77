// Correcting a customer: PATCH /api/v1/customers/{id} {name?, email?}.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { assertOk, assertError, newTicket } from './helpers.mjs';

let srv, kim, lee;
before(async () => {
  srv = await startHeed();
  kim = (await newTicket(srv, { subject: 'Bounce', customer: { email: 'kim@exmaple.com', name: 'kim' } })).customer;
  lee = (await newTicket(srv, { subject: 'Other', customer: { email: 'lee@example.com', name: 'Lee' } })).customer;
});
after(async () => { await srv?.stop(); });

test('a misspelt address and a name are fixed; the email is kept in lower case', async () => {
  const c = assertOk(await srv.api('PATCH', `/api/v1/customers/${kim.id}`, { email: 'Kim@Example.com', name: 'Kim Lee' }));
  assert.deepEqual([c.email, c.name], ['kim@example.com', 'Kim Lee']);
  const again = assertOk(await srv.api('GET', `/api/v1/customers/${kim.id}`));
  assert.equal(again.email, 'kim@example.com');
  assert.equal(again.tickets[0].customer.email, 'kim@example.com');
  assert.equal(assertOk(await srv.api('PATCH', `/api/v1/customers/${kim.id}`, { name: 'Kim A. Lee' })).email, 'kim@example.com');
});

test('refused corrections change nothing', async () => {
  const before = assertOk(await srv.api('GET', `/api/v1/customers/${kim.id}`));
  assertError(await srv.api('PATCH', `/api/v1/customers/${kim.id}`, { email: 'LEE@example.com' }), 409, 'conflict', 'email');
  assertError(await srv.api('PATCH', `/api/v1/customers/${kim.id}`, { email: 'not an email' }), 422, 'invalid', 'email');
  assertError(await srv.api('PATCH', `/api/v1/customers/${kim.id}`, { name: '' }), 422, 'invalid', 'name');
  assertError(await srv.api('PATCH', `/api/v1/customers/${kim.id}`, { phone: '1' }), 400, 'unknown_field', 'phone');
  assertError(await srv.api('PATCH', '/api/v1/customers/99999', { name: 'x' }), 404, 'not_found');
  assert.deepEqual(assertOk(await srv.api('GET', `/api/v1/customers/${kim.id}`)), before);
  assert.equal(assertOk(await srv.api('GET', `/api/v1/customers/${lee.id}`)).email, 'lee@example.com');
});

test('GET /api/v1/customers lists customers newest first, searches name and email, and pages', async () => {
  const all = assertOk(await srv.api('GET', '/api/v1/customers'));
  assert.deepEqual(all.customers.map((c) => c.id), [lee.id, kim.id]);
  assert.deepEqual(assertOk(await srv.api('GET', '/api/v1/customers?q=KIM')).customers.map((c) => c.id), [kim.id]);
  assert.deepEqual(assertOk(await srv.api('GET', '/api/v1/customers?q=lee%40example')).customers.map((c) => c.id), [lee.id]);
  assert.deepEqual(assertOk(await srv.api('GET', '/api/v1/customers?q=%25')).customers, []);
  const first = assertOk(await srv.api('GET', '/api/v1/customers?limit=1'));
  assert.equal(first.customers.length, 1);
  const second = assertOk(await srv.api('GET', `/api/v1/customers?limit=1&cursor=${first.next_cursor}`));
  assert.deepEqual(second.customers.map((c) => c.id), [kim.id]);
  assertError(await srv.api('GET', '/api/v1/customers?limit=0'), 400, 'invalid', 'limit');
  assertError(await srv.api('GET', '/api/v1/customers?sort=name'), 400, 'unknown_field', 'sort');
});

test('the customer panel: the team keeps tags, notes and a language on a customer; the ticket shows them', async () => {
  const t = assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'Panel one', customer: { email: 'panel@example.com', name: 'Pia Lenz' }, message: 'Hallo, mein Paket fehlt.' }), 201);
  const cid = t.customer.id;
  const c = assertOk(await srv.api('PATCH', `/api/v1/customers/${cid}`, { tags: ['VIP', 'wholesale', 'vip'], notes: 'Prefers email; call only after 16:00.', language: 'de' }));
  assert.deepEqual(c.tags, ['vip', 'wholesale']);
  assert.equal(c.notes, 'Prefers email; call only after 16:00.');
  assert.equal(c.language, 'de');
  assert.equal(c.tickets_count, 1);
  assert.match(c.first_contact_at, /^\d{4}-\d{2}-\d{2}T/);
  const full = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}`));
  assert.deepEqual(full.customer.tags, ['vip', 'wholesale']);
  assert.equal(full.customer.language, 'de');
  assert.equal(full.customer.tickets_count, 1);
  assert.equal(full.customer.notes, 'Prefers email; call only after 16:00.');
  // a second ticket makes them long-standing; the customer's own GET agrees
  assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'Panel two', customer: { email: 'panel@example.com' }, message: 'Noch eine Frage.' }), 201);
  const again = assertOk(await srv.api('GET', `/api/v1/customers/${cid}`));
  assert.equal(again.tickets_count, 2);
  assert.deepEqual(again.tags, ['vip', 'wholesale']);
  // only what is sent changes
  assert.equal(assertOk(await srv.api('PATCH', `/api/v1/customers/${cid}`, { language: 'pt-BR' })).notes, 'Prefers email; call only after 16:00.');
  // refused, and nothing changed
  assertError(await srv.api('PATCH', `/api/v1/customers/${cid}`, { language: 'German' }), 422, 'invalid', 'language');
  assertError(await srv.api('PATCH', `/api/v1/customers/${cid}`, { tags: ['x'.repeat(41)] }), 422, 'invalid', 'tags');
  assertError(await srv.api('PATCH', `/api/v1/customers/${cid}`, { notes: 'bell\u0007' }), 422, 'invalid', 'notes');
  assertError(await srv.api('PATCH', `/api/v1/customers/${cid}`, { tags: 'vip' }), 400, 'wrong_type', 'tags');
  const after = assertOk(await srv.api('GET', `/api/v1/customers/${cid}`));
  assert.equal(after.language, 'pt-BR');
  assert.deepEqual(after.tags, ['vip', 'wholesale']);
});
