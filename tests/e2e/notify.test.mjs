// The bell: Priya mentions Alex in an internal note; Alex's bell counts it on every page,
// the notification leads to the ticket and the count goes once it is read.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, browserFor } from './helpers.mjs';

let heed, priya, alex, id;
before(async () => {
  ({ heed, browser: priya } = await openDemo('priya@heed.test'));
  alex = await browserFor(heed.base, 'alex@heed.test');
  id = (await heed.api('GET', '/api/v1/tickets?status=open&limit=1')).json.tickets[0].id;
});
after(async () => { await alex?.context.close(); await closeDemo(heed, priya); });

const bellCount = async (page) => (await page.locator('a.bell .count').count()) ? (await page.textContent('a.bell .count')).trim() : '0';

it('a mention in a note lights the bell, leads to the ticket, and is read once opened', async () => {
  await alex.page.goto(`${heed.base}/inbox`);
  const before = Number(await bellCount(alex.page));
  const { page } = priya;
  await page.goto(`${heed.base}/tickets/${id}`);
  await page.click('#composer label:has(input[value=note])');
  await page.fill('#body', '@alex could you call the customer back? They prefer mornings.');
  await Promise.all([page.waitForURL(new RegExp(`/tickets/${id}`)), page.click('#send')]);
  await page.waitForSelector('.msg.note >> text=could you call the customer back');

  await alex.page.goto(`${heed.base}/customers`); // any page has the bell
  assert.equal(await bellCount(alex.page), String(before + 1));
  assert.match(await alex.page.getAttribute('a.bell', 'aria-label'), new RegExp(`Notifications: ${before + 1} unread`));
  await alex.page.click('a.bell');
  await alex.page.waitForURL(/\/notifications$/);
  const item = alex.page.locator('#notifications li.unread').first();
  assert.match(await item.textContent(), new RegExp(`Priya Raman mentioned you on #${id}`));
  assert.match(await item.textContent(), /could you call the customer back/);
  await alex.page.screenshot({ path: '/tmp/heed-notifications.png' });
  await Promise.all([alex.page.waitForURL(new RegExp(`/tickets/${id}$`)), item.locator('button.title').click()]);
  assert.equal(await bellCount(alex.page), String(before));
  if (before) {
    await alex.page.goto(`${heed.base}/notifications`);
    await Promise.all([alex.page.waitForURL(/flash=All/), alex.page.click('#mark-all-read')]);
    assert.equal(await bellCount(alex.page), '0');
  }
});
