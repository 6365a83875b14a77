// The jobs mechanism across kill -9: heed serve is killed while it fires a few hundred due
// commitment timers; after a restart every timer has fired exactly once (one overdue notice
// per commitment), none lost, none twice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertOk, freshDbIn, serve } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'heed-jobs-kill-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const N = 300;

test('kill -9 while timers fire: after a restart each has fired exactly once', async () => {
  const { db, token } = freshDbIn(dir, 'kill.db');
  const env = { HEED_TEST_CLOCK: '1' };
  const first = await serve(db, token, [], env);
  const t = assertOk(await first.api('POST', '/api/v1/tickets', { subject: 'Many promises', customer: { email: 'k@example.com' }, message: 'm' }), 201);
  const due = new Date(Date.now() + 3 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const ids = [];
  for (let i = 0; i < N; i++)
    ids.push(assertOk(await first.api('POST', `/api/v1/tickets/${t.id}/commitments`, { text: `Promise number ${i}`, due }), 201).id);
  assertOk(await first.api('POST', '/api/v1/test/clock', { advance_seconds: 4 * 3600 }));
  // let the workers get going, then kill the server in the middle of it
  const overdue = async (s) => assertOk(await s.api('GET', '/api/v1/notifications?limit=100')).unread;
  for (let i = 0; i < 200 && (await overdue(first)) === 0; i++) await new Promise((r) => setTimeout(r, 5));
  assert.equal((await first.signal('SIGKILL')).sig, 'SIGKILL');

  const second = await serve(db, token, [], env);
  try {
    assertOk(await second.api('POST', '/api/v1/test/clock', { advance_seconds: 4 * 3600 })); // the clock again, after the restart
    const count = async () => {
      let n = 0, cursor = null;
      for (;;) {
        const page = assertOk(await second.api('GET', `/api/v1/notifications?limit=100${cursor ? `&cursor=${cursor}` : ''}`));
        n += page.notifications.filter((x) => x.kind === 'commitment' && /overdue/.test(x.title)).length;
        if (!page.next_cursor) return n;
        cursor = page.next_cursor;
      }
    };
    for (let i = 0; i < 300 && (await count()) < N; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500)); // time to fire any twice, if that could happen
    assert.equal(await count(), N, 'one overdue notice per commitment: none lost, none twice');
    const jobs = assertOk(await second.api('GET', '/api/v1/jobs?kind=commitment.due&state=done&limit=200'));
    assert.ok(jobs.jobs.length > 0);
    const left = assertOk(await second.api('GET', '/api/v1/jobs?kind=commitment.due&state=due&limit=200')).jobs;
    assert.equal(left.length, 0, 'nothing left due');
  } finally {
    await second.signal('SIGTERM');
  }
});
