// An admin adds a team and an agent from the admin page; the new agent can sign in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserFor, openDemo, closeDemo } from './helpers.mjs';

let heed, ada;
before(async () => ({ heed, browser: ada } = await openDemo('ada@heed.test')));
after(() => closeDemo(heed, ada));

describe('admin', () => {
  it('adds a team', async () => {
    const { page, watcher } = ada;
    await page.goto(heed.base + '/admin');
    await page.fill('form[action="/admin/teams"] input[name=name]', 'Escalations');
    await Promise.all([page.waitForURL(/flash=Team/), page.click('form[action="/admin/teams"] button[type=submit]')]);
    assert.match(await page.textContent('.flash'), /Team added/);
    assert.match(await page.locator('section.card', { hasText: 'Add a team' }).locator('table').textContent(), /Escalations/);
    const options = await page.$$eval('form[action="/admin/agents"] select[name=team] option', (els) => els.map((e) => e.textContent));
    assert.ok(options.includes('Escalations'), 'the new team can be chosen for an agent');
    watcher.assertClean();
  });

  it('adds an agent to that team, who can then sign in', async () => {
    const { page, watcher } = ada;
    const form = page.locator('form[action="/admin/agents"]');
    await form.locator('input[name=name]').fill('Robin Tan');
    await form.locator('input[name=email]').fill('robin@heed.test');
    await form.locator('select[name=role]').selectOption('agent');
    await form.locator('select[name=team]').selectOption('Escalations');
    await form.locator('input[name=password]').fill('robin-first-pass');
    await Promise.all([page.waitForURL(/flash=Agent/), form.locator('button[type=submit]').click()]);
    assert.match(await page.textContent('.flash'), /Agent added/);
    const row = page.locator('tr', { hasText: 'robin@heed.test' });
    assert.match(await row.textContent(), /Robin Tan.*agent.*Escalations/);
    watcher.assertClean();

    const robin = await browserFor(heed.base, null);
    try {
      await robin.page.goto(heed.base + '/login');
      await robin.page.fill('input[name=email]', 'robin@heed.test');
      await robin.page.fill('input[name=password]', 'robin-first-pass');
      await Promise.all([robin.page.waitForURL(/\/inbox/), robin.page.click('form[action="/login"] button')]);
      assert.match(await robin.page.textContent('.me'), /Robin Tan/);
      robin.watcher.assertClean();
    } finally {
      await robin.context.close();
    }
  });

  it('a duplicate agent is refused with a clear message', async () => {
    const { page } = ada;
    await page.goto(heed.base + '/admin');
    const form = page.locator('form[action="/admin/agents"]');
    await form.locator('input[name=name]').fill('Robin Again');
    await form.locator('input[name=email]').fill('robin@heed.test');
    await form.locator('input[name=password]').fill('robin-first-pass');
    const [res] = await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').click()]);
    assert.ok(res.status() >= 400 && res.status() < 500, `a 4xx, got ${res.status()}`);
    const agents = await heed.api('GET', '/api/v1/agents');
    assert.equal(JSON.stringify(agents.json).split('robin@heed.test').length - 1, 1, 'still one Robin');
  });
});
