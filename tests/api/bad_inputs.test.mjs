// The table of bad inputs: each gets the right 4xx, a JSON error with the right
// code (and field), and changes nothing. No bad input may get a 5xx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { assertOk, assertError, newTicket } from './helpers.mjs';

let srv, ctx;

before(async () => {
  srv = await startHeed();
  const open = await newTicket(srv, { subject: 'Printer on fire', customer: { email: 'pat@example.com', name: 'Pat' }, tags: ['hardware'] });
  assertOk(await srv.api('POST', `/api/v1/tickets/${open.id}/replies`, { body: 'Please step away from the printer.' }), 201);
  const closed = await newTicket(srv, { subject: 'Old question', customer: { email: 'old@example.com' } });
  assertOk(await srv.api('PATCH', `/api/v1/tickets/${closed.id}`, { status: 'closed' }));
  const me = assertOk(await srv.api('GET', '/api/v1/me'));
  ctx = { open: open.id, closed: closed.id, me: me.id, nextCustomer: Math.max(open.customer.id, closed.customer.id) + 1 };
});
after(async () => { await srv?.stop(); });

// Everything a bad request could have changed, as seen through the API.
async function snapshot() {
  const all = assertOk(await srv.api('GET', '/api/v1/tickets?limit=100'));
  const open = assertOk(await srv.api('GET', `/api/v1/tickets/${ctx.open}`));
  const closed = assertOk(await srv.api('GET', `/api/v1/tickets/${ctx.closed}`));
  const nextCustomer = (await srv.api('GET', `/api/v1/customers/${ctx.nextCustomer}`)).status;
  const pat = assertOk(await srv.api('GET', `/api/v1/customers/${open.customer.id}`));
  return { all, open, closed, nextCustomer, pat };
}

const good = () => ({ subject: 'Cannot log in', customer: { email: 'sam@example.com', name: 'Sam' }, message: 'Password reset loops.' });
const bad = (over) => ({ ...good(), ...over });
const without = (key) => { const b = good(); delete b[key]; return b; };
const raw = (s) => s; // a string body is sent as is, with Content-Type: application/json
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const BIG = 1024 * 1024 + 1;

const T = '/api/v1/tickets';
const O = () => `${T}/${ctx.open}`;
const C = () => `${T}/${ctx.closed}`;

// [name, method, path, body, status, code, field?, headers?]
const cases = [
  // ---- body syntax -------------------------------------------------------------
  ['malformed JSON', 'POST', T, raw('{"subject": "x", '), 400, 'malformed_json'],
  ['trailing garbage after the object', 'POST', T, raw(JSON.stringify(good()) + ' trailing'), 400, 'malformed_json'],
  ['two objects in one body', 'POST', T, raw(JSON.stringify(good()) + JSON.stringify(good())), 400, 'malformed_json'],
  ['empty body', 'POST', T, raw(''), 400, 'malformed_json'],
  ['whitespace-only body', 'POST', T, raw('  \n '), 400, 'malformed_json'],
  ['JSON array body', 'POST', T, [good()], 400, 'malformed_json'],
  ['JSON string body', 'POST', T, raw('"subject"'), 400, 'malformed_json'],
  ['JSON number body', 'POST', T, raw('42'), 400, 'malformed_json'],
  ['JSON null body', 'POST', T, raw('null'), 400, 'malformed_json'],
  ['invalid UTF-8 bytes in the body', 'POST', T, bytes('{"subject":"caf', [0xc3, 0x28], '","customer":{"email":"a@b.co"},"message":"m"}'), 400, 'invalid_utf8'],
  ['overlong UTF-8 encoding', 'POST', T, bytes('{"subject":"', [0xc0, 0xaf], '","customer":{"email":"a@b.co"},"message":"m"}'), 400, 'invalid_utf8'],
  ['UTF-8 surrogate bytes', 'POST', T, bytes('{"subject":"', [0xed, 0xa0, 0x80], '","customer":{"email":"a@b.co"},"message":"m"}'), 400, 'invalid_utf8'],
  ['lone surrogate escape', 'POST', T, raw('{"subject":"\\ud800","customer":{"email":"a@b.co"},"message":"m"}'), 400, 'malformed_json'],
  ['NUL escaped in a string', 'POST', T, raw('{"subject":"a\\u0000b","customer":{"email":"a@b.co"},"message":"m"}'), 400, 'malformed_json'],
  ['duplicate keys', 'POST', T, raw('{"subject":"a","subject":"b","customer":{"email":"a@b.co"},"message":"m"}'), 400, 'malformed_json'],
  ['duplicate keys inside customer', 'POST', T, raw('{"subject":"a","customer":{"email":"a@b.co","email":"c@d.co"},"message":"m"}'), 400, 'malformed_json'],
  ['Content-Type text/plain', 'POST', T, JSON.stringify(good()), 415, 'unsupported_media_type', undefined, { 'Content-Type': 'text/plain' }],
  ['Content-Type form-urlencoded', 'POST', T, 'subject=x&message=y', 415, 'unsupported_media_type', undefined, { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ['body larger than 1 MiB', 'POST', T, bad({ message: 'x'.repeat(BIG) }), 413, 'body_too_large'],
  ['no Content-Type', 'POST', T, JSON.stringify(good()), 415, 'unsupported_media_type', undefined, { 'Content-Type': null }],
  ['Content-Type application/jsonpatch', 'POST', T, good(), 415, 'unsupported_media_type', undefined, { 'Content-Type': 'application/jsonpatch' }],
  ['Content-Type application/json-seq', 'POST', T, good(), 415, 'unsupported_media_type', undefined, { 'Content-Type': 'application/json-seq' }],
  ['byte order mark before the JSON', 'POST', T, raw('\ufeff' + JSON.stringify(good())), 400, 'malformed_json'],
  ['JSON nested 100000 deep', 'POST', T, raw('['.repeat(100000) + ']'.repeat(100000)), 400, 'malformed_json'],
  ['20000 unknown keys', 'POST', T, raw('{' + Array.from({ length: 20000 }, (_, i) => `"k${i}":1`).join(',') + '}'), 400, 'unknown_field'],
  ['single-quoted JSON', 'POST', T, raw("{'subject':'x'}"), 400, 'malformed_json'],
  ['JSON with a trailing comma', 'POST', T, raw('{"subject":"x",}'), 400, 'malformed_json'],
  ['JSON with a comment', 'POST', T, raw('{"subject":"x" /* hi */}'), 400, 'malformed_json'],

  // ---- POST /api/v1/tickets: types ------------------------------------------------
  ['subject is a number', 'POST', T, bad({ subject: 42 }), 400, 'wrong_type', 'subject'],
  ['subject is null', 'POST', T, bad({ subject: null }), 400, 'wrong_type', 'subject'],
  ['subject is an array', 'POST', T, bad({ subject: ['a'] }), 400, 'wrong_type', 'subject'],
  ['customer is a string', 'POST', T, bad({ customer: 'sam@example.com' }), 400, 'wrong_type', 'customer'],
  ['customer is an array', 'POST', T, bad({ customer: [{ email: 'sam@example.com' }] }), 400, 'wrong_type', 'customer'],
  ['customer.email is a number', 'POST', T, bad({ customer: { email: 7 } }), 400, 'wrong_type', 'customer.email'],
  ['customer.name is an object', 'POST', T, bad({ customer: { email: 'sam@example.com', name: { first: 'Sam' } } }), 400, 'wrong_type', 'customer.name'],
  ['message is a boolean', 'POST', T, bad({ message: true }), 400, 'wrong_type', 'message'],
  ['channel is a number', 'POST', T, bad({ channel: 1 }), 400, 'wrong_type', 'channel'],
  ['priority is a number', 'POST', T, bad({ priority: 1 }), 400, 'wrong_type', 'priority'],
  ['tags is a string', 'POST', T, bad({ tags: 'vip,billing' }), 400, 'wrong_type', 'tags'],
  ['tags holds a number', 'POST', T, bad({ tags: ['vip', 3] }), 400, 'wrong_type', 'tags'],
  ['tags holds null', 'POST', T, bad({ tags: [null] }), 400, 'wrong_type', 'tags'],
  ['tags is an object', 'POST', T, bad({ tags: { vip: true } }), 400, 'wrong_type', 'tags'],

  // ---- POST /api/v1/tickets: missing and unknown fields -----------------------------
  ['missing subject', 'POST', T, without('subject'), 400, 'missing_field', 'subject'],
  ['missing customer', 'POST', T, without('customer'), 400, 'missing_field', 'customer'],
  ['missing customer.email', 'POST', T, bad({ customer: { name: 'Sam' } }), 400, 'missing_field', 'customer.email'],
  ['missing message', 'POST', T, without('message'), 400, 'missing_field', 'message'],
  ['empty object', 'POST', T, {}, 400, 'missing_field', 'subject'],
  ['unknown top-level field', 'POST', T, bad({ status: 'open' }), 400, 'unknown_field', 'status'],
  ['unknown top-level field (typo)', 'POST', T, bad({ subjct: 'x' }), 400, 'unknown_field', 'subjct'],
  ['unknown field inside customer', 'POST', T, bad({ customer: { email: 'sam@example.com', phone: '+1 555' } }), 400, 'unknown_field', 'customer'],

  // ---- POST /api/v1/tickets: values that break a rule --------------------------------
  ['channel "fax"', 'POST', T, bad({ channel: 'fax' }), 422, 'invalid', 'channel'],
  ['priority "p1"', 'POST', T, bad({ priority: 'p1' }), 422, 'invalid', 'priority'],
  ['priority in capitals', 'POST', T, bad({ priority: 'HIGH' }), 422, 'invalid', 'priority'],
  ['empty subject', 'POST', T, bad({ subject: '' }), 422, 'invalid', 'subject'],
  ['whitespace subject', 'POST', T, bad({ subject: ' \t  ' }), 422, 'invalid', 'subject'],
  ['subject of 201 characters', 'POST', T, bad({ subject: 'a'.repeat(201) }), 422, 'invalid', 'subject'],
  ['control character in subject', 'POST', T, bad({ subject: 'bell \u0007 here' }), 422, 'invalid', 'subject'],
  ['escape character in subject', 'POST', T, bad({ subject: 'red \u001b[31m' }), 422, 'invalid', 'subject'],
  ['DEL character in subject', 'POST', T, bad({ subject: 'del \u007f' }), 422, 'invalid', 'subject'],
  ['newline in subject', 'POST', T, bad({ subject: 'two\nlines' }), 422, 'invalid', 'subject'],
  ['empty message', 'POST', T, bad({ message: '' }), 422, 'invalid', 'message'],
  ['whitespace message', 'POST', T, bad({ message: '\n\n  \r\n' }), 422, 'invalid', 'message'],
  ['message over 100000 bytes', 'POST', T, bad({ message: 'y'.repeat(100001) }), 422, 'invalid', 'message'],
  ['message over 100000 bytes in multi-byte characters', 'POST', T, bad({ message: 'é'.repeat(50001) }), 422, 'invalid', 'message'],
  ['control character in message', 'POST', T, bad({ message: 'null\u0001byte' }), 422, 'invalid', 'message'],
  ['email without @', 'POST', T, bad({ customer: { email: 'sam.example.com' } }), 422, 'invalid', 'customer.email'],
  ['email with a space', 'POST', T, bad({ customer: { email: 'sam smith@example.com' } }), 422, 'invalid', 'customer.email'],
  ['email with two @', 'POST', T, bad({ customer: { email: 'sam@@example.com' } }), 422, 'invalid', 'customer.email'],
  ['email without a domain dot', 'POST', T, bad({ customer: { email: 'sam@localhost' } }), 422, 'invalid', 'customer.email'],
  ['empty email', 'POST', T, bad({ customer: { email: '' } }), 422, 'invalid', 'customer.email'],
  ['customer name with a control character', 'POST', T, bad({ customer: { email: 'new1@example.com', name: 'Sam\u0008' } }), 422, 'invalid', 'customer.name'],
  ['customer name of 121 characters', 'POST', T, bad({ customer: { email: 'new2@example.com', name: 'n'.repeat(121) } }), 422, 'invalid', 'customer.name'],
  ['tag with a space', 'POST', T, bad({ tags: ['two words'] }), 422, 'invalid', 'tags'],
  ['empty tag', 'POST', T, bad({ tags: [''] }), 422, 'invalid', 'tags'],
  ['tag of 41 characters', 'POST', T, bad({ tags: ['t'.repeat(41)] }), 422, 'invalid', 'tags'],
  ['21 tags', 'POST', T, bad({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), 422, 'invalid', 'tags'],
  ['101 tags', 'POST', T, bad({ tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }), 400, 'wrong_type', 'tags'],

  // ---- PATCH /api/v1/tickets/{id} --------------------------------------------------
  ['PATCH status "done"', 'PATCH', O, { status: 'done' }, 422, 'invalid', 'status'],
  ['PATCH status "active" (a filter, not a status)', 'PATCH', O, { status: 'active' }, 422, 'invalid', 'status'],
  ['PATCH status is a number', 'PATCH', O, { status: 3 }, 400, 'wrong_type', 'status'],
  ['PATCH priority "p1"', 'PATCH', O, { priority: 'p1' }, 422, 'invalid', 'priority'],
  ['PATCH priority is a boolean', 'PATCH', O, { priority: false }, 400, 'wrong_type', 'priority'],
  ['PATCH owner is a string', 'PATCH', O, () => ({ owner: String(ctx.me) }), 400, 'wrong_type', 'owner'],
  ['PATCH owner is negative', 'PATCH', O, { owner: -1 }, 400, 'wrong_type', 'owner'],
  ['PATCH owner is zero', 'PATCH', O, { owner: 0 }, 400, 'wrong_type', 'owner'],
  ['PATCH owner is a fraction', 'PATCH', O, { owner: 1.5 }, 400, 'wrong_type', 'owner'],
  ['PATCH owner is an object', 'PATCH', O, () => ({ owner: { id: ctx.me } }), 400, 'wrong_type', 'owner'],
  ['PATCH owner 999999 (no such agent)', 'PATCH', O, { owner: 999999 }, 422, 'invalid', 'owner'],
  ['PATCH owner too large for an integer', 'PATCH', O, raw('{"owner": 99999999999999999999999}'), 400, 'malformed_json'],
  ['PATCH team 999999 (no such team)', 'PATCH', O, { team: 999999 }, 422, 'invalid', 'team'],
  ['PATCH team is a string', 'PATCH', O, { team: 'Support' }, 400, 'wrong_type', 'team'],
  ['PATCH tags is a string', 'PATCH', O, { tags: 'vip' }, 400, 'wrong_type', 'tags'],
  ['PATCH tags holds a number', 'PATCH', O, { tags: ['vip', 1] }, 400, 'wrong_type', 'tags'],
  ['PATCH tag with a slash', 'PATCH', O, { tags: ['a/b'] }, 422, 'invalid', 'tags'],
  ['PATCH unknown field subject', 'PATCH', O, { subject: 'renamed' }, 400, 'unknown_field', 'subject'],
  ['PATCH unknown field messages', 'PATCH', O, { messages: [] }, 400, 'unknown_field', 'messages'],
  ['PATCH a good change with a bad one: nothing applies', 'PATCH', O, { priority: 'urgent', status: 'done' }, 422, 'invalid', 'status'],
  ['PATCH good fields with an unknown owner: nothing applies', 'PATCH', O, { priority: 'urgent', tags: ['x'], owner: 999999 }, 422, 'invalid', 'owner'],
  ['PATCH good fields with an unknown team: nothing applies', 'PATCH', O, () => ({ owner: ctx.me, status: 'pending', team: 999999 }), 422, 'invalid', 'team'],
  ['PATCH malformed JSON', 'PATCH', O, raw('{"status":'), 400, 'malformed_json'],
  ['PATCH empty body', 'PATCH', O, raw(''), 400, 'malformed_json'],
  ['PATCH array body', 'PATCH', O, [{ status: 'open' }], 400, 'malformed_json'],
  ['PATCH invalid UTF-8', 'PATCH', O, bytes('{"status":"', [0xff, 0xfe], '"}'), 400, 'invalid_utf8'],
  ['PATCH text/plain', 'PATCH', O, '{"status":"open"}', 415, 'unsupported_media_type', undefined, { 'Content-Type': 'text/plain' }],
  ['PATCH body larger than 1 MiB', 'PATCH', O, { tags: ['x'.repeat(BIG)] }, 413, 'body_too_large'],
  ['PATCH a closed ticket: status', 'PATCH', C, { status: 'open' }, 409, 'ticket_closed'],
  ['PATCH a closed ticket: priority', 'PATCH', C, { priority: 'high' }, 409, 'ticket_closed'],
  ['PATCH a closed ticket: owner', 'PATCH', C, () => ({ owner: ctx.me }), 409, 'ticket_closed'],
  ['PATCH a closed ticket: tags', 'PATCH', C, { tags: ['late'] }, 409, 'ticket_closed'],
  ['PATCH ticket 999999', 'PATCH', `${T}/999999`, { status: 'open' }, 404, 'not_found'],
  ['PATCH ticket abc', 'PATCH', `${T}/abc`, { status: 'open' }, 404, 'not_found'],

  // ---- replies and notes ------------------------------------------------------------
  ['reply without body', 'POST', () => `${O()}/replies`, {}, 400, 'missing_field', 'body'],
  ['reply body is a number', 'POST', () => `${O()}/replies`, { body: 12 }, 400, 'wrong_type', 'body'],
  ['reply body is null', 'POST', () => `${O()}/replies`, { body: null }, 400, 'wrong_type', 'body'],
  ['reply body empty', 'POST', () => `${O()}/replies`, { body: '' }, 422, 'invalid', 'body'],
  ['reply body whitespace', 'POST', () => `${O()}/replies`, { body: ' \n\t ' }, 422, 'invalid', 'body'],
  ['reply body over 100000 bytes', 'POST', () => `${O()}/replies`, { body: 'z'.repeat(100001) }, 422, 'invalid', 'body'],
  ['reply body with a control character', 'POST', () => `${O()}/replies`, { body: 'form\u000cfeed' }, 422, 'invalid', 'body'],
  ['reply with an unknown field', 'POST', () => `${O()}/replies`, { body: 'hi', internal: true }, 400, 'unknown_field', 'internal'],
  ['reply with invalid UTF-8', 'POST', () => `${O()}/replies`, bytes('{"body":"', [0xe2, 0x82], '"}'), 400, 'invalid_utf8'],
  ['reply malformed JSON', 'POST', () => `${O()}/replies`, raw('{body: "hi"}'), 400, 'malformed_json'],
  ['reply text/plain', 'POST', () => `${O()}/replies`, 'hello', 415, 'unsupported_media_type', undefined, { 'Content-Type': 'text/plain' }],
  ['reply body larger than 1 MiB', 'POST', () => `${O()}/replies`, { body: 'x'.repeat(BIG) }, 413, 'body_too_large'],
  ['reply to a closed ticket', 'POST', () => `${C()}/replies`, { body: 'hello?' }, 409, 'ticket_closed'],
  ['note on a closed ticket', 'POST', () => `${C()}/notes`, { body: 'fyi' }, 409, 'ticket_closed'],
  ['reply to ticket 999999', 'POST', `${T}/999999/replies`, { body: 'hi' }, 404, 'not_found'],
  ['note on ticket 0', 'POST', `${T}/0/notes`, { body: 'hi' }, 404, 'not_found'],
  ['note without body', 'POST', () => `${O()}/notes`, { text: 'hi' }, 400, 'unknown_field', 'text'],
  ['note body is an array', 'POST', () => `${O()}/notes`, { body: ['hi'] }, 400, 'wrong_type', 'body'],

  // ---- ids in the path --------------------------------------------------------------
  ['GET ticket 999999', 'GET', `${T}/999999`, undefined, 404, 'not_found'],
  ['GET ticket abc', 'GET', `${T}/abc`, undefined, 404, 'not_found'],
  ['GET ticket 0', 'GET', `${T}/0`, undefined, 404, 'not_found'],
  ['GET ticket -1', 'GET', `${T}/-1`, undefined, 404, 'not_found'],
  ['GET ticket 1.5', 'GET', `${T}/1.5`, undefined, 404, 'not_found'],
  ['GET ticket 1e3', 'GET', `${T}/1e3`, undefined, 404, 'not_found'],
  ['GET ticket with a 20-digit id', 'GET', `${T}/99999999999999999999`, undefined, 404, 'not_found'],
  ['GET ticket with leading +', 'GET', `${T}/+1`, undefined, 404, 'not_found'],
  ['GET customer 999999', 'GET', '/api/v1/customers/999999', undefined, 404, 'not_found'],
  ['GET customer abc', 'GET', '/api/v1/customers/abc', undefined, 404, 'not_found'],
  ['GET customer -3', 'GET', '/api/v1/customers/-3', undefined, 404, 'not_found'],

  // ---- query parameters of the list -----------------------------------------------------
  ['limit=0', 'GET', `${T}?limit=0`, undefined, 400, 'invalid', 'limit'],
  ['limit=101', 'GET', `${T}?limit=101`, undefined, 400, 'invalid', 'limit'],
  ['limit=abc', 'GET', `${T}?limit=abc`, undefined, 400, 'invalid', 'limit'],
  ['limit=-5', 'GET', `${T}?limit=-5`, undefined, 400, 'invalid', 'limit'],
  ['limit empty', 'GET', `${T}?limit=`, undefined, 400, 'invalid', 'limit'],
  ['limit=99999999999999999999', 'GET', `${T}?limit=99999999999999999999`, undefined, 400, 'invalid', 'limit'],
  ['unknown query parameter', 'GET', `${T}?order=asc`, undefined, 400, 'unknown_field', 'order'],
  ['sort by something unknown', 'GET', `${T}?sort=asc`, undefined, 400, 'invalid', 'sort'],
  ['cursor that heed never returned', 'GET', `${T}?cursor=bogus`, undefined, 400, 'invalid', 'cursor'],
  ['cursor with a bad date', 'GET', `${T}?cursor=2026-13-45T00:00:00Z_1`, undefined, 400, 'invalid', 'cursor'],
  ['cursor with a bad id', 'GET', `${T}?cursor=2026-01-01T00:00:00Z_abc`, undefined, 400, 'invalid', 'cursor'],
  ['cursor with SQL in it', 'GET', `${T}?cursor=${encodeURIComponent("2026-01-01T00:00:00Z' OR 1=1 --_1")}`, undefined, 400, 'invalid', 'cursor'],
  ['very long cursor', 'GET', `${T}?cursor=${'9'.repeat(500)}_1`, undefined, 400, 'invalid', 'cursor'],
  ['owner=xyz', 'GET', `${T}?owner=xyz`, undefined, 400, 'invalid', 'owner'],
  ['owner=0', 'GET', `${T}?owner=0`, undefined, 400, 'invalid', 'owner'],
  ['status=bogus', 'GET', `${T}?status=bogus`, undefined, 400, 'invalid', 'status'],
  ['team=abc', 'GET', `${T}?team=abc`, undefined, 400, 'invalid', 'team'],
  ['customer=-1', 'GET', `${T}?customer=-1`, undefined, 400, 'invalid', 'customer'],
  ['q longer than 200 bytes', 'GET', `${T}?q=${'w'.repeat(201)}`, undefined, 400, 'invalid', 'q'],
  ['q with invalid UTF-8', 'GET', `${T}?q=caf%C3%28`, undefined, 400, 'invalid', 'q'],
  ['status with a NUL (open%00x)', 'GET', `${T}?status=open%00x`, undefined, 400, 'invalid', 'status'],
  ['q with a NUL', 'GET', `${T}?q=printer%00fire`, undefined, 400, 'invalid', 'q'],
  ['limit with a NUL', 'GET', `${T}?limit=5%00`, undefined, 400, 'invalid', 'limit'],
  ['status=active%20 (trailing space)', 'GET', `${T}?status=active%20`, undefined, 400, 'invalid', 'status'],

  // ---- authentication, routes and methods -------------------------------------------------
  ['no token', 'GET', T, undefined, 401, 'unauthorized', undefined, { Authorization: '' }],
  ['no token on create', 'POST', T, good(), 401, 'unauthorized', undefined, { Authorization: '' }],
  ['wrong token on create', 'POST', T, good(), 401, 'unauthorized', undefined, { Authorization: `Bearer heed_${'0'.repeat(64)}` }],
  ['malformed token', 'PATCH', O, { status: 'solved' }, 401, 'unauthorized', undefined, { Authorization: 'Bearer not-a-token' }],
  ['empty bearer token', 'POST', () => `${O()}/replies`, { body: 'hi' }, 401, 'unauthorized', undefined, { Authorization: 'Bearer ' }],
  ['Basic auth instead of a bearer token', 'GET', '/api/v1/me', undefined, 401, 'unauthorized', undefined, { Authorization: 'Basic YWRhOmhlZWQ=' }],
  ['unknown endpoint', 'GET', '/api/v1/nope', undefined, 404, 'not_found'],
  ['unknown API version', 'GET', '/api/v2/tickets', undefined, 404, 'not_found'],
  ['DELETE a ticket', 'DELETE', O, undefined, 405, 'method_not_allowed'],
  ['PUT a ticket', 'PUT', O, { status: 'open' }, 405, 'method_not_allowed'],
  ['POST to a ticket', 'POST', O, { status: 'open' }, 405, 'method_not_allowed'],
  ['PATCH the ticket list', 'PATCH', T, { status: 'open' }, 405, 'method_not_allowed'],
  ['GET replies', 'GET', () => `${O()}/replies`, undefined, 405, 'method_not_allowed'],
  ['POST to agents', 'POST', '/api/v1/agents', { email: 'x@y.co' }, 405, 'method_not_allowed'],
  ['DELETE a customer', 'DELETE', '/api/v1/customers/1', undefined, 405, 'method_not_allowed'],
  ['POST /healthz', 'POST', '/healthz', {}, 405, 'method_not_allowed', undefined, { Authorization: '' }],
  // ---- promises: commitments, hand-offs (issue 10) -------------------------------------
  ['commitment without text', 'POST', () => `${O()}/commitments`, { due: '2030-01-01T00:00:00Z' }, 400, 'missing_field', 'text'],
  ['commitment text of blanks', 'POST', () => `${O()}/commitments`, { text: '   ' }, 422, 'invalid', 'text'],
  ['commitment due not a time', 'POST', () => `${O()}/commitments`, { text: 'Call back', due: 'tomorrow' }, 422, 'invalid', 'due'],
  ['commitment due in the past', 'POST', () => `${O()}/commitments`, { text: 'Call back', due: '2001-01-01T00:00:00Z' }, 422, 'invalid', 'due'],
  ['commitment due as a number', 'POST', () => `${O()}/commitments`, { text: 'Call back', due: 1700000000 }, 400, 'wrong_type', 'due'],
  ['commitment unknown field', 'POST', () => `${O()}/commitments`, { text: 'Call back', owner: 1 }, 400, 'unknown_field', 'owner'],
  ['commitment on a missing ticket', 'POST', `${T}/999999/commitments`, { text: 'Call back' }, 404, 'not_found'],
  ['commitment state broken by hand', 'PATCH', '/api/v1/commitments/1', { state: 'broken' }, 422, 'invalid', 'state'],
  ['missing commitment', 'PATCH', '/api/v1/commitments/999999', { state: 'kept' }, 404, 'not_found'],
  ['commitments list bad state', 'GET', '/api/v1/commitments?state=late', undefined, 400, 'invalid', 'state'],
  ['hand-off without a note', 'POST', () => `${O()}/handoffs`, () => ({ to: ctx.me }), 422, 'invalid', 'note'],
  ['hand-off note of two words', 'POST', () => `${O()}/handoffs`, { to: 999, note: 'see above' }, 422, 'invalid', 'note'],
  ['hand-off without to', 'POST', () => `${O()}/handoffs`, { note: 'Tried the reset twice; promised a call back; calm.' }, 400, 'missing_field', 'to'],
  ['hand-off to a name', 'POST', () => `${O()}/handoffs`, { to: 'ada', note: 'Tried the reset twice; promised a call back; calm.' }, 400, 'wrong_type', 'to'],
  ['hand-off to nobody', 'POST', () => `${O()}/handoffs`, { to: 999999, note: 'Tried the reset twice; promised a call back; calm.' }, 422, 'invalid', 'to'],
  ['decline a missing hand-off', 'POST', '/api/v1/handoffs/999999/decline', { reason: 'I am away all week' }, 404, 'not_found'],
  ['hand-offs list bad state', 'GET', '/api/v1/handoffs?state=maybe', undefined, 400, 'invalid', 'state'],
  ['available as a string', 'PATCH', '/api/v1/me', { available: 'no' }, 400, 'wrong_type', 'available'],
  ['solve confirm as a string', 'PATCH', O, { status: 'solved', confirm: 'yes' }, 400, 'wrong_type', 'confirm'],
  ['read a missing notification', 'POST', '/api/v1/notifications/999999/read', undefined, 404, 'not_found'],
  ['notifications bad unread', 'GET', '/api/v1/notifications?unread=maybe', undefined, 400, 'invalid', 'unread'],
  ['jobs list bad state', 'GET', '/api/v1/jobs?state=exploded', undefined, 400, 'invalid', 'state'],
  ['webhook to ftp', 'POST', '/api/v1/webhooks', { url: 'ftp://example.com/x', events: ['ticket.created'] }, 422, 'invalid', 'url'],
  ['webhook to loopback', 'POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/x', events: ['ticket.created'] }, 422, 'invalid', 'url'],
  ['webhook unknown event', 'POST', '/api/v1/webhooks', { url: 'https://example.com/x', events: ['ticket.exploded'] }, 422, 'invalid', 'events'],
  ['webhook events as a string', 'POST', '/api/v1/webhooks', { url: 'https://example.com/x', events: 'ticket.created' }, 400, 'wrong_type', 'events'],
  ['goodwill of an unknown kind', 'POST', () => `${O()}/goodwill`, { kind: 'voucher', amount_minor: 100, currency: 'USD', reason: 'Late delivery' }, 422, 'invalid', 'kind'],
  ['goodwill amount with a fraction', 'POST', () => `${O()}/goodwill`, { kind: 'credit', amount_minor: 1.5, currency: 'USD', reason: 'Late delivery' }, 400, 'wrong_type', 'amount_minor'],
  ['goodwill in another currency', 'POST', () => `${O()}/goodwill`, { kind: 'credit', amount_minor: 100, currency: 'EUR', reason: 'Late delivery' }, 422, 'invalid', 'currency'],
  ['goodwill without a reason', 'POST', () => `${O()}/goodwill`, { kind: 'credit', amount_minor: 100, currency: 'USD' }, 422, 'invalid', 'reason'],
  ['goodwill limits for nobody', 'PUT', '/api/v1/goodwill/limits', { per_ticket_minor: 1, per_month_minor: 1 }, 422, 'invalid', 'role'],
  ['calendar in an unknown zone', 'POST', '/api/v1/calendars', { name: 'X', timezone: 'Mars/Base', hours: {} }, 422, 'invalid', 'timezone'],
  ['calendar hours backwards', 'POST', '/api/v1/calendars', { name: 'X', timezone: 'UTC', hours: { mon: [['17:00', '09:00']] } }, 422, 'invalid', 'hours'],
  ['calendar holiday not a date', 'POST', '/api/v1/calendars', { name: 'X', timezone: 'UTC', hours: {}, holidays: ['Christmas'] }, 422, 'invalid', 'holidays'],
  ['policy matching a made-up priority', 'POST', '/api/v1/sla-policies', { name: 'X', match: { priority: ['asap'] } }, 422, 'invalid', 'match'],
  ['policy target of zero minutes', 'POST', '/api/v1/sla-policies', { name: 'X', first_response_minutes: 0 }, 422, 'invalid', 'first_response_minutes'],
  ['incident without a title', 'POST', '/api/v1/incidents', {}, 400, 'missing_field', 'title'],
  ['incident linking a missing ticket', 'POST', '/api/v1/incidents/999999/tickets', { ticket_ids: [1] }, 404, 'not_found'],
  ['team assignment of an unknown kind', 'PATCH', '/api/v1/teams/999999', { assign: 'random' }, 422, 'invalid', 'assign'],
  ['presence of an unknown state', 'POST', () => `${O()}/presence`, { state: 'away' }, 422, 'invalid', 'state'],
  ['presence without a state', 'POST', () => `${O()}/presence`, {}, 400, 'missing_field', 'state'],
  ['presence on a missing ticket', 'POST', '/api/v1/tickets/999999/presence', { state: 'viewing' }, 404, 'not_found'],
  ['focus skip without a reason', 'POST', '/api/v1/focus/skip', { ticket_id: 1 }, 400, 'missing_field', 'reason'],
  ['focus skip saying nothing', 'POST', '/api/v1/focus/skip', { ticket_id: 1, reason: '  ' }, 422, 'invalid', 'reason'],
  ['focus skip of no ticket', 'POST', '/api/v1/focus/skip', { reason: 'later' }, 400, 'missing_field', 'ticket_id'],
  ['webhook short secret', 'POST', '/api/v1/webhooks', { url: 'https://example.com/x', events: ['ticket.created'], secret: 'abc' }, 422, 'invalid', 'secret'],
];

test('the table has at least 40 bad inputs', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c[0])).size, cases.length, 'case names are unique');
});

// Sends with the admin's token unless headers say otherwise: Authorization '' sends
// none, 'Content-Type': null sends no content type. Objects go as JSON.
async function send(method, path, body, headers = {}) {
  const h = { Authorization: `Bearer ${srv.token}` };
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) payload = JSON.stringify(body);
  if (body !== undefined) h['Content-Type'] = 'application/json';
  for (const [k, v] of Object.entries(headers)) {
    if (v === '' || v === null) delete h[k];
    else h[k] = v;
  }
  const r = await fetch(srv.base + path, { method, headers: h, body: payload });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text, headers: r.headers };
}

for (const [name, method, path, body, status, code, field, headers] of cases) {
  test(`bad input: ${name} → ${status} ${code}`, async () => {
    const before = await snapshot();
    const p = typeof path === 'function' ? path() : path;
    const b = typeof body === 'function' ? body() : body;
    const res = await send(method, p, b, headers);
    assert.ok(res.status < 500, `no 5xx: ${res.status} ${res.text.slice(0, 200)}`);
    assertError(res, status, code, field);
    const afterwards = await snapshot();
    assert.deepEqual(afterwards, before, 'nothing changed');
  });
}

test('bad input: a chunked body larger than 1 MiB → 413 body_too_large, nothing changed', async () => {
  const before = await snapshot();
  const chunk = new Uint8Array(65536).fill(0x20);
  let sent = 0;
  const stream = new ReadableStream({
    pull(c) { if (sent > BIG) c.close(); else { c.enqueue(chunk); sent += chunk.length; } },
  });
  const r = await fetch(srv.base + T, {
    method: 'POST', body: stream, duplex: 'half',
    headers: { Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json' },
  });
  const text = await r.text();
  assertError({ status: r.status, text, json: JSON.parse(text), headers: r.headers }, 413, 'body_too_large');
  assert.deepEqual(await snapshot(), before);
});

test('Content-Type application/json with parameters is JSON', async () => {
  const r = await send('PATCH', O(), { priority: 'normal' }, { 'Content-Type': 'Application/JSON; charset=utf-8' });
  assert.equal(r.status, 200, r.text);
});

test('no 5xx was logged while the table ran', () => {
  assert.doesNotMatch(srv.log(), /answered 5\d\d/);
  assert.doesNotMatch(srv.log(), /"level":"error"/);
});
