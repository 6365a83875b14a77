// Drafts survive what an agent's day throws at them: a change of the ticket's properties,
// a reload, a crashed tab and a sign-out. The inbox shows them; sending clears them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, signIn, browserFor } from './helpers.mjs';

let heed, b, id;
before(async () => {
  ({ heed, browser: b } = await openDemo('priya@heed.test'));
  id = (await heed.api('GET', '/api/v1/tickets?status=open&limit=1')).json.tickets[0].id;
});
after(() => closeDemo(heed, b));

const TEXT = 'Hi Noah — I have checked the mail logs and resent the link; it should arrive within minutes.';

describe('a draft', () => {
  it('survives saving the properties and a reload', async () => {
    const { page } = b;
    await page.goto(`${heed.base}/tickets/${id}`);
    await page.fill('#body', TEXT);
    await page.selectOption('#priority', 'high');
    await Promise.all([page.waitForURL(/flash=Saved/), page.click('#save-props')]); // at once, before the debounce
    assert.equal(await page.inputValue('#body'), TEXT);
    await page.waitForFunction(() => document.getElementById('draft-status').textContent === 'Draft saved' ||
      document.getElementById('draft-status').textContent === 'Draft restored');
    await page.reload();
    assert.equal(await page.inputValue('#body'), TEXT);
  });

  it('survives a crashed tab (kept in the browser before the server has it)', async () => {
    const { page, context } = b;
    await page.fill('#body', TEXT + ' P.S.');
    const cdp = await context.newCDPSession(page);
    cdp.send('Page.crash').catch(() => {}); // no pagehide, no time to save (the call never answers)
    await new Promise((r) => setTimeout(r, 500));
    const again = await context.newPage();
    await again.goto(`${heed.base}/tickets/${id}`);
    assert.equal(await again.inputValue('#body'), TEXT + ' P.S.');
    b.page = again;
    await again.waitForFunction(() => document.getElementById('draft-status').textContent !== '');
  });

  it('survives a sign-out, shows in the inbox, and is gone once sent', async () => {
    const { context } = b;
    const page = b.page;
    await page.fill('#body', TEXT); // saved on the server as the agent types
    await page.waitForFunction(() => document.getElementById('draft-status').textContent === 'Draft saved');
    await Promise.all([page.waitForURL(/\/login/), page.click('form[action="/logout"] button')]);
    await context.clearCookies();
    await page.evaluate(() => window.localStorage.clear()); // only the server's copy is left
    await signIn(page, heed.base, 'priya@heed.test');
    await page.goto(`${heed.base}/inbox?view=all`);
    assert.equal(await page.locator(`tr[data-href="/tickets/${id}"] .draft-mark`).count(), 1, 'the inbox marks the draft');
    await page.goto(`${heed.base}/tickets/${id}`);
    assert.equal(await page.inputValue('#body'), TEXT);
    await Promise.all([page.waitForURL(/flash=Reply/), page.click('#send')]);
    assert.equal(await page.inputValue('#body'), '');
    await page.reload();
    assert.equal(await page.inputValue('#body'), '', 'nothing comes back after sending');
    await page.goto(`${heed.base}/inbox?view=all`);
    assert.equal(await page.locator(`tr[data-href="/tickets/${id}"] .draft-mark`).count(), 0);
  });

  it('typed just before signing out reaches the server, and this browser keeps no copy of it', async () => {
    const page = b.page;
    const late = 'Last words before the end of my shift: the refund is approved.';
    await page.goto(`${heed.base}/tickets/${id}`);
    await page.fill('#body', late); // and at once Sign out: the save is still pending
    await Promise.all([page.waitForURL(/\/login/), page.click('form[action="/logout"] button')]);
    const kept = await page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith('heed-draft-')));
    assert.deepEqual(kept, [], 'a shared computer keeps no draft after sign-out');
    const other = await browserFor(heed.base, 'priya@heed.test'); // another computer
    try {
      await other.page.goto(`${heed.base}/tickets/${id}`);
      assert.equal(await other.page.inputValue('#body'), late);
    } finally { await other.context.close(); }
  });
});
