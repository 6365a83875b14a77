// GET /api/v1/events: live updates as Server-Sent Events. A change made through the API, and
// one made by another process (mail filed by `heed mail-ingest`), reach every open stream;
// a notification reaches only its agent; Last-Event-ID resumes after what a client saw and an
// unknown one says `reset`; an idle stream carries heartbeats; strangers get 401.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv, alexToken;
before(async () => {
  srv = await startHeed({ demo: true, env: { HEED_EVENTS_HEARTBEAT: '1' } });
  alexToken = heedCli(['token', 'create', '--db', srv.db, '--email', 'alex@heed.test']).trim().split('\n').pop();
});
after(async () => { await srv?.stop(); });

// an open stream: its events as they come ({id, event, data} or {comment}), and a way to wait for one
async function open(token, headers = {}) {
  const ctl = new AbortController();
  const res = await fetch(`${srv.base}/api/v1/events`, { headers: { Authorization: `Bearer ${token}`, ...headers }, signal: ctl.signal });
  const got = [];
  let waiters = [];
  const pump = (async () => {
    const dec = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of res.body) {
        text += dec.decode(chunk, { stream: true });
        let cut;
        while ((cut = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          const ev = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) ev.comment = line.slice(1).trim();
            else if (line.startsWith('id: ')) ev.id = line.slice(4);
            else if (line.startsWith('event: ')) ev.event = line.slice(7);
            else if (line.startsWith('data: ')) ev.data = JSON.parse(line.slice(6));
            else if (line.startsWith('retry: ')) ev.retry = Number(line.slice(7));
          }
          got.push(ev);
          waiters = waiters.filter((w) => !w());
        }
      }
    } catch { /* aborted */ }
  })();
  const waitFor = (pred, what, ms = 4000) => new Promise((resolve, reject) => {
    const check = () => { const hit = got.find(pred); if (hit) { resolve(hit); return true; } return false; };
    if (check()) return;
    waiters.push(check);
    setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; got ${JSON.stringify(got)}`)), ms);
  });
  return { res, got, waitFor, close: async () => { ctl.abort(); await pump; } };
}

test('a new ticket and a reply reach the stream; a mention reaches only its agent', async () => {
  const ada = await open(srv.token);
  const alex = await open(alexToken);
  try {
    assert.equal(ada.res.status, 200);
    assert.match(ada.res.headers.get('content-type'), /^text\/event-stream/);
    assert.equal(ada.res.headers.get('cache-control'), 'no-store');
    const t = assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'Live one', customer: { email: 'live@example.com' }, message: 'Is anyone there?' }), 201);
    const msg = await ada.waitFor((e) => e.event === 'message.created' && e.data.ticket_id === t.id, 'message.created');
    assert.equal(msg.data.kind, 'customer');
    assert.match(msg.id, /^[0-9a-f]+-\d+$/);
    const upd = await alex.waitFor((e) => e.event === 'ticket.updated' && e.data.ticket_id === t.id, 'ticket.updated on the other stream');
    assert.equal(upd.data.version, t.version);
    assert.equal(upd.data.status, 'new');
    assertOk(await srv.api('POST', `/api/v1/tickets/${t.id}/notes`, { body: '@alex could you take this one?' }), 201);
    const note = await alex.waitFor((e) => e.event === 'notification' && e.data.ticket_id === t.id, 'the mention');
    assert.equal(note.data.kind, 'mention');
    assert.equal(note.data.url, `/tickets/${t.id}`);
    await ada.waitFor((e) => e.event === 'message.created' && e.data.ticket_id === t.id && e.data.kind === 'note', 'the note');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!ada.got.some((e) => e.event === 'notification'), "Ada does not get Alex's notification");
  } finally {
    await ada.close();
    await alex.close();
  }
});

test('mail filed by another process reaches the stream', async () => {
  const s = await open(srv.token);
  try {
    const mail = 'From: Noor <noor@example.com>\r\nTo: help@heed.test\r\nSubject: Printer jammed\r\nMessage-ID: <ev1@example.com>\r\n\r\nIt jams on every page.\r\n';
    heedCli(['mail-ingest', '--db', srv.db], { input: mail });
    const ev = await s.waitFor((e) => e.event === 'message.created' && e.data.kind === 'customer', 'the mailed message', 3000);
    const t = assertOk(await srv.api('GET', `/api/v1/tickets/${ev.data.ticket_id}`));
    assert.equal(t.subject, 'Printer jammed');
  } finally {
    await s.close();
  }
});

test('Last-Event-ID resumes after what was seen; an unknown one gets reset first', async () => {
  const other = await open(alexToken); // another tab stays open meanwhile: the hub keeps reading
  const first = await open(srv.token);
  const t = assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'Resume me', customer: { email: 'resume@example.com' }, message: 'First.' }), 201);
  const seen = await first.waitFor((e) => e.event === 'ticket.updated' && e.data.ticket_id === t.id, 'the ticket');
  await first.close();
  assertOk(await srv.api('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'Missed while away.' }), 201);
  await new Promise((r) => setTimeout(r, 500)); // the hub has published it before the client comes back
  const again = await open(srv.token, { 'Last-Event-ID': seen.id });
  try {
    const missed = await again.waitFor((e) => e.event === 'message.created' && e.data.ticket_id === t.id && e.data.kind === 'reply', 'the missed reply');
    assert.ok(Number(missed.id.split('-')[1]) > Number(seen.id.split('-')[1]));
    assert.ok(!again.got.some((e) => e.event === 'reset'), 'a known id resumes without a reset');
  } finally {
    await again.close();
  }
  // with every stream closed, nothing is read; whoever comes back is told to reset
  const last = seen.id;
  await other.close();
  await new Promise((r) => setTimeout(r, 2500)); // the next heartbeat finds the closed connections; then the hub rests
  assertOk(await srv.api('POST', `/api/v1/tickets/${t.id}/notes`, { body: 'Written while nobody listened.' }), 201);
  const back = await open(srv.token, { 'Last-Event-ID': last });
  try {
    assert.equal((await back.waitFor((e) => e.event, 'any event')).event, 'reset', 'a quiet spell is a gap: reset, never a silent loss');
  } finally {
    await back.close();
  }
  const stranger = await open(srv.token, { 'Last-Event-ID': 'abc-99999999' });
  try {
    const first2 = await stranger.waitFor((e) => e.event, 'any event');
    assert.equal(first2.event, 'reset');
  } finally {
    await stranger.close();
  }
});

test('an idle stream carries heartbeats; strangers are refused', async () => {
  const s = await open(srv.token);
  try {
    assert.equal((await s.waitFor((e) => e.retry, 'the retry line')).retry, 3000);
    await s.waitFor((e) => e.comment === 'heartbeat', 'a heartbeat', 3500);
  } finally {
    await s.close();
  }
  const res = await fetch(`${srv.base}/api/v1/events`);
  const text = await res.text();
  assertError({ status: res.status, headers: res.headers, text, json: JSON.parse(text) }, 401, 'unauthorized');
});

test("presence across a reload and two tabs: one page's goodbye does not end another open page's hello", async () => {
  const t = assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'Reloaded', customer: { email: 'reload@example.com' }, message: 'Hi.' }), 201);
  const alex = (body) => srv.api('POST', `/api/v1/tickets/${t.id}/presence`, body, { Authorization: `Bearer ${alexToken}` });
  const who = async () => assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}/presence`)).agents.map((a) => a.name);
  assert.equal((await alex({ state: 'viewing', page: 'old-page' })).status, 204);
  assert.equal((await alex({ state: 'viewing', page: 'new-page' })).status, 204);
  assert.equal((await alex({ state: 'left', page: 'old-page' })).status, 204);
  assert.deepEqual(await who(), ['Alex Moreau'], 'the older page leaving is not Alex leaving');
  assert.equal((await alex({ state: 'left', page: 'new-page' })).status, 204);
  assert.deepEqual(await who(), [], 'the latest page leaving is');
  // two tabs on one ticket: closing one leaves Alex there, closing both does not
  assert.equal((await alex({ state: 'viewing', page: 'tab-one' })).status, 204);
  assert.equal((await alex({ state: 'viewing', page: 'tab-two' })).status, 204);
  assert.equal((await alex({ state: 'left', page: 'tab-two' })).status, 204); // the newer tab closes
  assert.deepEqual(await who(), ['Alex Moreau'], 'the first tab is still open');
  assert.equal((await alex({ state: 'viewing', page: 'tab-one' })).status, 204); // its refresh
  assert.equal((await alex({ state: 'left', page: 'tab-one' })).status, 204);
  assert.deepEqual(await who(), [], 'no tab is open');
  // a client that names no page is taken at its word
  assert.equal((await alex({ state: 'viewing', page: 'a-page' })).status, 204);
  assert.equal((await alex({ state: 'left' })).status, 204);
  assert.deepEqual(await who(), []);
});

test('presence: who has a ticket open and who types, told on the stream; bad input refused', async () => {
  const t = assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'Who is here', customer: { email: 'here@example.com' }, message: 'Hi.' }), 201);
  const watch = await open(srv.token);
  const alex = (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${alexToken}` });
  try {
    assert.equal((await alex('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'viewing' })).status, 204);
    const seen = await watch.waitFor((e) => e.event === 'presence' && e.data.ticket_id === t.id, 'presence');
    assert.equal(seen.data.state, 'viewing');
    assert.equal(seen.data.name, 'Alex Moreau');
    assert.deepEqual(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}/presence`)).agents.map((a) => [a.name, a.state]), [['Alex Moreau', 'viewing']]);
    // saying it again is no news; typing is
    assert.equal((await alex('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'viewing' })).status, 204);
    assert.equal((await alex('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'typing' })).status, 204);
    await watch.waitFor((e) => e.event === 'presence' && e.data.ticket_id === t.id && e.data.state === 'typing', 'typing');
    assert.equal(watch.got.filter((e) => e.event === 'presence' && e.data.ticket_id === t.id).length, 2, 'a repeated viewing is not an event');
    assert.equal((await alex('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'left' })).status, 204);
    await watch.waitFor((e) => e.event === 'presence' && e.data.ticket_id === t.id && e.data.state === 'left', 'left');
    assert.deepEqual(assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}/presence`)).agents, []);
  } finally {
    await watch.close();
  }
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'dancing' }), 422, 'invalid', 'state');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'viewing', page: 'x'.repeat(33) }), 422, 'invalid', 'page');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'viewing', page: 'a b' }), 422, 'invalid', 'page');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'viewing', page: '' }), 422, 'invalid', 'page');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'viewing', page: 7 }), 400, 'wrong_type', 'page');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/presence`, {}), 400, 'missing_field', 'state');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/presence`, { state: 'viewing', mood: 'happy' }), 400, 'unknown_field', 'mood');
  assertError(await srv.api('POST', '/api/v1/tickets/987654/presence', { state: 'viewing' }), 404, 'not_found');
  assertError(await srv.api('GET', '/api/v1/tickets/987654/presence'), 404, 'not_found');
});
