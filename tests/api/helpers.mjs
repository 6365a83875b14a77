// Shared pieces of the API tests (not a test file itself: run-node-tests.sh
// only picks up *.test.mjs).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DEMO_PASSWORD, HEED } from '../lib/server.mjs';

export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// Every error is {"error":{"code","message","field"?}} with a JSON content type.
export function assertError(res, status, code, field) {
  const where = `${res.status} ${res.text.slice(0, 300)}`;
  assert.equal(res.status, status, `status: ${where}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `content type: ${where}`);
  assert.ok(res.json && typeof res.json === 'object' && !Array.isArray(res.json), `JSON object body: ${where}`);
  assert.deepEqual(Object.keys(res.json), ['error'], `only "error" at the top: ${where}`);
  const e = res.json.error;
  assert.ok(e && typeof e === 'object', `error is an object: ${where}`);
  for (const k of Object.keys(e)) assert.ok(['code', 'message', 'field'].includes(k), `unexpected error member ${k}: ${where}`);
  assert.equal(e.code, code, `error code: ${where}`);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0, 'error message is not empty');
  if ('field' in e) assert.ok(typeof e.field === 'string' && e.field.length > 0, 'field, when present, names something');
  if (field !== undefined) assert.equal(e.field, field, `error field: ${where}`);
}

export function assertOk(res, status = 200) {
  assert.equal(res.status, status, `${res.status} ${res.text.slice(0, 500)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.ok(res.json, 'JSON body');
  return res.json;
}

let seq = 0;
// creates a ticket through the API and returns its JSON
export async function newTicket(srv, over = {}) {
  seq++;
  const body = {
    subject: `Ticket ${seq}`,
    customer: { email: `customer${seq}@example.com`, name: `Customer ${seq}` },
    message: `Message number ${seq}`,
    ...over,
  };
  return assertOk(await srv.api('POST', '/api/v1/tickets', body), 201);
}

// walks GET /api/v1/tickets?<query> page by page; returns the tickets in order and the pages
export async function walk(srv, query = '', limit = 100) {
  const tickets = [];
  let cursor = null;
  let pages = 0;
  for (;;) {
    const qs = new URLSearchParams(query);
    qs.set('limit', String(limit));
    if (cursor) qs.set('cursor', cursor);
    const page = assertOk(await srv.api('GET', `/api/v1/tickets?${qs}`));
    assert.ok(page.tickets.length <= limit, 'a page holds at most limit tickets');
    tickets.push(...page.tickets);
    pages++;
    assert.ok(pages < 1000, 'pagination ends');
    if (!page.next_cursor) break;
    assert.equal(page.tickets.length, limit, 'only a full page has a next_cursor');
    cursor = page.next_cursor;
  }
  return { tickets, pages };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

export function cli(args, input) {
  return spawnSync(HEED, args, { encoding: 'utf8', input: input ?? '', timeout: 30000 });
}

// a fresh database in dir with an admin (ada@heed.test) and a token
export function freshDbIn(dir, name) {
  const db = join(dir, name);
  assert.equal(cli(['init', '--db', db]).status, 0);
  const add = cli(['user', 'add', '--db', db, '--email', 'ada@heed.test', '--name', 'Ada Okafor', '--role', 'admin', '--password-stdin'], DEMO_PASSWORD + '\n');
  assert.equal(add.status, 0, add.stderr);
  const tok = cli(['token', 'create', '--db', db, '--email', 'ada@heed.test']);
  assert.equal(tok.status, 0, tok.stderr);
  return { db, token: tok.stdout.trim().split('\n').pop() };
}

// starts `heed serve` on an existing database (for restart and backup tests); args and env are extra
export async function serve(db, token, args = [], env = {}) {
  const port = await freePort();
  const proc = spawn(HEED, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...args],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((r) => proc.on('exit', (code, sig) => r({ code, sig })));
  const base = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 200 && !up; i++) {
    try { up = (await fetch(base + '/healthz')).ok; } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error('heed serve exited: ' + log);
    if (!up) await new Promise((r) => setTimeout(r, 50));
  }
  if (!up) throw new Error('heed serve did not come up: ' + log);
  return {
    base, proc, exited, log: () => log,
    async api(method, path, body) {
      const h = { Authorization: `Bearer ${token}` };
      if (body !== undefined) h['Content-Type'] = 'application/json';
      const res = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let json = null;
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, json, text, headers: res.headers };
    },
    async signal(sig) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
      return exited;
    },
  };
}
