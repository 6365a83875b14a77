// What the pages refuse: forms without their CSRF token, and admin pages
// for an agent who is not an admin.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { request } from 'playwright-core';
import { browserFor } from './helpers.mjs';

let heed, ada, alex;
before(async () => {
  heed = await startHeed({ demo: true });
  [ada, alex] = await Promise.all([browserFor(heed.base, 'ada@heed.test'), browserFor(heed.base, 'alex@heed.test')]);
});
after(async () => {
  await ada?.context.close();
  await alex?.context.close();
  await heed?.stop();
});

async function firstTicket(status) {
  const res = await heed.api('GET', `/api/v1/tickets?status=${status}&limit=5`);
  const list = res.json.tickets ?? res.json.items ?? res.json.data ?? res.json;
  return list[0];
}
async function ticket(id) {
  const res = await heed.api('GET', `/api/v1/tickets/${id}`);
  return { ...(res.json.ticket ?? res.json), messages: res.json.messages ?? res.json.ticket?.messages };
}

describe('CSRF', () => {
  it('a reply form posted without its token is refused with 403 and changes nothing', async () => {
    const { page, watcher } = ada;
    const t = await firstTicket('open');
    const before = await ticket(t.id);
    await page.goto(`${heed.base}/tickets/${t.id}`);
    await page.fill('#body', 'this reply must never be stored');
    await page.$eval('#composer input[name=_csrf]', (el) => el.remove());
    const [res] = await Promise.all([page.waitForNavigation(), page.click('#send')]);
    assert.equal(res.status(), 403);
    assert.match(await page.textContent('main'), /expired or did not come from heed/);
    const afterwards = await ticket(t.id);
    assert.equal(afterwards.messages.length, before.messages.length, 'no message was added');
    assert.equal(afterwards.updated_at, before.updated_at);
    watcher.assertClean();
  });

  it('a status change with a wrong token is refused with 403 and changes nothing', async () => {
    const { page, watcher } = ada;
    const t = await firstTicket('open');
    await page.goto(`${heed.base}/tickets/${t.id}`);
    await page.$eval('#props input[name=_csrf]', (el) => { el.value = 'f'.repeat(el.value.length || 64); });
    await page.selectOption('#status', 'solved');
    const [res] = await Promise.all([page.waitForNavigation(), page.click('#save-props')]);
    assert.equal(res.status(), 403);
    assert.equal((await ticket(t.id)).status, 'open');
    watcher.assertClean();
  });

  it('a request from outside the page, with the session cookie but no token, is refused', async () => {
    const t = await firstTicket('open');
    for (const [path, form] of [[`/tickets/${t.id}`, { status: 'closed' }], [`/tickets/${t.id}/messages`, { kind: 'reply', body: 'forged' }],
                                ['/admin/teams', { name: 'Forged team' }], ['/logout', {}]]) {
      const res = await ada.context.request.post(heed.base + path, { form, maxRedirects: 0 });
      assert.equal(res.status(), 403, `POST ${path}`);
    }
    const after = await ticket(t.id);
    assert.equal(after.status, 'open');
    assert.ok(!after.messages.some((m) => m.body === 'forged'));
    const teams = await heed.api('GET', '/api/v1/teams');
    assert.ok(!JSON.stringify(teams.json).includes('Forged team'));
    // still signed in: the forged sign-out did nothing
    await ada.page.goto(heed.base + '/inbox');
    assert.match(ada.page.url(), /\/inbox/);
  });

  it('the sign-in form without its token is refused', async () => {
    const anon = await request.newContext();
    try {
      const res = await anon.post(heed.base + '/login', { form: { email: 'ada@heed.test', password: 'heed-demo-2026' }, maxRedirects: 0 });
      assert.equal(res.status(), 403);
      assert.ok(!(res.headers()['set-cookie'] ?? '').includes('heed_session='), 'no session was started');
    } finally {
      await anon.dispose();
    }
  });
});

describe('roles', () => {
  it('an agent who is not an admin cannot open the admin page', async () => {
    const { page, watcher } = alex;
    await page.goto(heed.base + '/inbox');
    assert.equal(await page.locator('.topbar nav a[href="/admin"]').count(), 0, 'no Admin link for an agent');
    const res = await page.goto(heed.base + '/admin');
    assert.equal(res.status(), 403);
    assert.match(await page.textContent('main'), /for admins/);
    assert.equal(await page.locator('form[action="/admin/agents"]').count(), 0);
    const post = await page.evaluate(async (base) => {
      const csrf = document.querySelector('input[name=_csrf]').value;
      const r = await fetch(base + '/admin/teams', { method: 'POST', body: new URLSearchParams({ _csrf: csrf, name: 'Sneaky team' }), redirect: 'manual' });
      return r.status;
    }, heed.base);
    assert.equal(post, 403, 'even with a valid token, an agent cannot add a team');
    watcher.forget(/\/admin\/teams\).*403/);
    const teams = await heed.api('GET', '/api/v1/teams');
    assert.ok(!JSON.stringify(teams.json).includes('Sneaky team'));
    watcher.assertClean();
  });
});
