// Accounts in the browser: a refused admin form comes back with the error beside its field and
// the typing kept; an agent changes their password (other sessions end), makes and revokes a
// token; "Forgot your password?" -> the admin's reset link -> a new password, once; an admin
// deactivates an agent, whose open session ends at once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserFor, openDemo, closeDemo, signIn, DEMO_PASSWORD } from './helpers.mjs';
import { heedCli } from '../lib/server.mjs';

let heed, ada;
before(async () => ({ heed, browser: ada } = await openDemo('ada@heed.test')));
after(() => closeDemo(heed, ada));

async function withBrowser(email, fn) {
  const b = await browserFor(heed.base, email);
  try { return await fn(b); } finally { await b.context.close(); }
}

describe('accounts', () => {
  it('shows a refused "Add an agent" again, the error beside the field and the typing kept', async () => {
    const { page, watcher } = ada;
    await page.goto(heed.base + '/admin');
    const form = page.locator('form[action="/admin/agents"]');
    await form.locator('input[name=name]').fill('Second Alex');
    await form.locator('input[name=email]').fill('alex@heed.test');
    await form.locator('select[name=role]').selectOption('supervisor');
    await form.locator('select[name=team]').selectOption('Billing');
    await form.locator('input[name=password]').fill('a-first-password');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/agents')), form.locator('button[type=submit]').click()]);
    assert.equal(res.status(), 409);
    await page.waitForLoadState();
    assert.equal(new URL(page.url()).pathname, '/admin/agents');
    const email = page.locator('#add-email');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#add-email-error').textContent(), /alex@heed\.test exists/);
    assert.equal(await page.locator('#add-email').inputValue(), 'alex@heed.test');
    assert.equal(await page.locator('#add-name').inputValue(), 'Second Alex');
    assert.equal(await page.locator('#add-role').inputValue(), 'supervisor');
    assert.equal(await page.locator('#add-team').inputValue(), 'Billing');
    assert.equal(await page.locator('#add-password').inputValue(), '', 'a password is never sent back');
    // a blank (spaces only) name: the error is beside the name this time
    await page.locator('#add-name').fill('   ');
    await page.locator('#add-email').fill('new.person@heed.test');
    await page.locator('#add-password').fill('a-first-password');
    await Promise.all([page.waitForLoadState(), form.locator('button[type=submit]').click()]);
    assert.match(await page.locator('#add-name-error').textContent(), /name must not be empty/);
    assert.equal(await page.locator('#add-email').inputValue(), 'new.person@heed.test');
    watcher.assertClean();
  });

  it('an agent changes their password with the current one, and their other sessions end', async () => {
    await withBrowser('alex@heed.test', async (other) => {
      await withBrowser('alex@heed.test', async ({ page, watcher }) => {
        await page.goto(heed.base + '/settings');
        assert.equal(await page.locator('#sessions tbody tr').count(), 2, 'both sessions are listed');
        await page.fill('#pw-current', 'not-my-password');
        await page.fill('#pw-new', 'alex-new-password');
        await Promise.all([page.waitForLoadState(), page.click('form[action="/settings/password"] button[type=submit]')]);
        assert.match(await page.locator('#pw-current-error').textContent(), /not your current password/);
        await page.fill('#pw-current', DEMO_PASSWORD);
        await page.fill('#pw-new', 'alex-new-password');
        await Promise.all([page.waitForURL(/flash=Password/), page.click('form[action="/settings/password"] button[type=submit]')]);
        assert.equal(await page.locator('#sessions tbody tr').count(), 1, 'only this one is left');
        watcher.assertClean();
      });
      await other.page.goto(heed.base + '/inbox');
      assert.match(other.page.url(), /\/login/, 'the other browser was signed out');
      await signIn(other.page, heed.base, 'alex@heed.test', 'alex-new-password');
    });
  });

  it('makes a named token that is shown once, and revokes it', async () => {
    const { page, watcher } = ada;
    await page.goto(heed.base + '/settings');
    await page.fill('#token-name', 'Browser test');
    await page.selectOption('#token-days', '30');
    await Promise.all([page.waitForLoadState(), page.click('form[action="/settings/tokens"] button[type=submit]')]);
    const secret = await page.inputValue('.token-secret');
    assert.match(secret, /^heed_[0-9a-f]{64}$/);
    const me = await fetch(heed.base + '/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(me.status, 200);
    await page.goto(heed.base + '/settings');
    assert.equal(await page.locator('.token-secret').count(), 0, 'shown only once');
    const row = page.locator('#tokens tr', { hasText: 'Browser test' });
    await Promise.all([page.waitForURL(/flash=Token/), row.locator('button', { hasText: 'Revoke' }).click()]);
    assert.equal(await page.locator('#tokens tr', { hasText: 'Browser test' }).count(), 0);
    const again = await fetch(heed.base + '/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(again.status, 401);
    watcher.assertClean();
  });

  it('"Forgot your password?" reaches the admin, whose link sets a new password once', async () => {
    const link = await withBrowser(null, async ({ page, watcher }) => {
      await page.goto(heed.base + '/login');
      await Promise.all([page.waitForURL(/\/forgot/), page.click('text=Forgot your password?')]);
      await page.fill('input[name=email]', 'nobody-here@heed.test');
      await Promise.all([page.waitForLoadState(), page.click('form[action="/forgot"] button')]);
      const unknown = await page.locator('.flash').textContent();
      await page.goto(heed.base + '/forgot');
      await page.fill('input[name=email]', 'sam@heed.test');
      await Promise.all([page.waitForLoadState(), page.click('form[action="/forgot"] button')]);
      assert.equal(await page.locator('.flash').textContent(), unknown, 'the same answer whatever the email');
      watcher.assertClean();
      // the admin sees the request and makes the link
      const { page: admin } = ada;
      await admin.goto(heed.base + '/admin');
      const ask = admin.locator('.reset-requests tr', { hasText: 'sam@heed.test' });
      assert.equal(await ask.count(), 1);
      assert.equal(await admin.locator('.reset-requests tr', { hasText: 'nobody-here' }).count(), 0);
      await Promise.all([admin.waitForLoadState(), ask.locator('button').click()]);
      return admin.inputValue('.reset-link');
    });
    assert.match(link, /\/reset\/[0-9a-f]{64}$/);
    await withBrowser('sam@heed.test', async (samOld) => {
      await withBrowser(null, async ({ page, watcher }) => {
        await page.goto(link);
        await page.fill('#reset-password', 'short');
        await page.evaluate(() => document.querySelector('#reset-password').removeAttribute('minlength'));
        await Promise.all([page.waitForLoadState(), page.click('form button[type=submit]')]);
        assert.match(await page.locator('#reset-password-error').textContent(), /8 to 200 characters/);
        await page.fill('#reset-password', 'sam-chose-this-one');
        await Promise.all([page.waitForURL(/\/login/), page.click('form button[type=submit]')]);
        await signIn(page, heed.base, 'sam@heed.test', 'sam-chose-this-one');
        await page.goto(link);
        assert.match(await page.locator('.error').textContent(), /used already or has expired/);
        watcher.forget(/status of 410/);
        watcher.assertClean();
      });
      await samOld.page.goto(heed.base + '/inbox');
      assert.match(samOld.page.url(), /\/login/, 'the reset signed Sam out everywhere');
    });
  });

  it('an admin sees an agent\'s tokens on their page and revokes one', async () => {
    const { page, watcher } = ada;
    const token = heedCli(['token', 'create', '--db', heed.db, '--email', 'priya@heed.test', '--name', 'Priya sync']).trim().split('\n').pop();
    await page.goto(heed.base + '/admin');
    await Promise.all([page.waitForURL(/\/admin\/agents\/\d+$/), page.click('a:text("Priya Raman")')]);
    const row = page.locator('table.tokens tr', { hasText: 'Priya sync' });
    await Promise.all([page.waitForURL(/\/admin\/agents\/\d+\?flash=Token/), row.locator('button').click()]);
    assert.equal(await page.locator('table.tokens tr', { hasText: 'Priya sync' }).count(), 0);
    const r = await fetch(heed.base + '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(r.status, 401);
    watcher.assertClean();
  });

  it('deactivating an agent ends their open session at once', async () => {
    await withBrowser('priya@heed.test', async (priya) => {
      const { page, watcher } = ada;
      await page.goto(heed.base + '/admin');
      await Promise.all([page.waitForURL(/\/admin\/agents\/\d+$/), page.click('a:text("Priya Raman")')]);
      await page.fill('#agent-name', 'Priya R.');
      await Promise.all([page.waitForURL(/flash=Saved/), page.click('form.agent-edit button[type=submit]')]);
      assert.equal(await page.inputValue('#agent-name'), 'Priya R.');
      const token = heedCli(['token', 'create', '--db', heed.db, '--email', 'priya@heed.test', '--name', 'Priya laptop']).trim().split('\n').pop();
      await page.reload();
      assert.equal(await page.locator('table.tokens tr', { hasText: 'Priya laptop' }).count(), 1);
      await Promise.all([page.waitForURL(/flash=Deactivated/), page.click('button:text("Deactivate")')]);
      assert.equal(await page.locator('table.tokens').count(), 0, 'every token was revoked');
      assert.equal((await fetch(heed.base + '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).status, 401);
      await priya.page.goto(heed.base + '/inbox');
      assert.match(priya.page.url(), /\/login/);
      await Promise.all([page.waitForURL(/flash=Reactivated/), page.click('button:text("Reactivate")')]);
      watcher.assertClean();
    });
  });
});
