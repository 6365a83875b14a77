// Search finds a ticket by its number ("22", "#22") and a customer's tickets by the
// customer's name or email, besides the words of the tickets themselves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { assertOk, newTicket } from './helpers.mjs';

let srv, a, b, c;
before(async () => {
  srv = await startHeed();
  a = await newTicket(srv, { subject: 'Parcel lost', customer: { email: 'tunde.okafor@example.com', name: 'Tunde Okafor' }, message: 'Where is it?' });
  b = await newTicket(srv, { subject: 'Invoice copy', customer: { email: 'mia_100%@example.org', name: 'Mia Rossi' }, message: 'Please resend' });
  c = await newTicket(srv, { subject: 'Second parcel', customer: { email: 'tunde.okafor@example.com' }, message: 'Also this one' });
});
after(async () => { await srv?.stop(); });

const ids = async (q) => assertOk(await srv.api('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`)).tickets.map((t) => t.id).sort();

test('a ticket number finds that ticket, with or without #', async () => {
  assert.deepEqual(await ids(String(b.id)), [b.id]);
  assert.deepEqual(await ids(`#${b.id}`), [b.id]);
  assert.deepEqual(await ids('#99999'), []);
});

test('a customer\'s name or email finds their tickets, whatever the case', async () => {
  assert.deepEqual(await ids('okafor'), [a.id, c.id].sort());
  assert.deepEqual(await ids('TUNDE'), [a.id, c.id].sort());
  assert.deepEqual(await ids('mia rossi'), [b.id]);
  assert.deepEqual(await ids('example.org'), [b.id]);
});

test('LIKE wildcards typed are taken literally', async () => {
  assert.deepEqual(await ids('100%'), [b.id]);
  assert.deepEqual(await ids('_'), [b.id], 'only the address that has an underscore');
  assert.deepEqual(await ids('%'), [b.id]);
});

test('words still search the tickets themselves', async () => {
  assert.deepEqual(await ids('parcel'), [a.id, c.id].sort());
  assert.deepEqual(await ids('resend'), [b.id]);
});

test('#N in the inbox search opens the ticket', async () => {
  const res = await fetch(`${srv.base}/inbox?q=%23${a.id}`, { headers: { Authorization: `Bearer ${srv.token}` }, redirect: 'manual' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/tickets/${a.id}`);
});
