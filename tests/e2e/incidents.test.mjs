// An incident as a supervisor works it: the demo's checkout outage suggests Raj's ticket by its
// words; Sam links it and sends one update, which lands on each linked customer's thread by name.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b;
before(async () => { ({ heed, browser: b } = await openDemo('sam@heed.test')); });
after(() => closeDemo(heed, b));

it('link a suggested ticket and send one update to every linked customer', async () => {
  const { page } = b;
  await page.goto(`${heed.base}/incidents`);
  await Promise.all([page.waitForURL(/\/incidents\/\d+$/), page.click('#incidents a:has-text("checkout payment failing")')]);
  const suggested = page.locator('#suggested li:has-text("Raj Patel")');
  await Promise.all([page.waitForURL(/flash=Linked/), suggested.locator('button.link-ticket').click()]);
  assert.match(await page.textContent('.ticket-head .meta'), /2 tickets/);
  await page.fill('.incident-post textarea[name=body]', 'The payment provider is back. Please try your order again; nothing was charged twice.');
  await page.check('.incident-post input[name=resolve]');
  await page.screenshot({ path: '/tmp/heed-incident.png' });
  await Promise.all([page.waitForURL(/flash=Sent\+to\+2/), page.click('#incident-send')]);
  assert.match(await page.textContent('.ticket-head .meta'), /resolved/);
  const list = (await heed.api('GET', '/api/v1/tickets?q=checkout&status=solved&limit=20')).json.tickets;
  const raj = list.find((t) => t.customer.name === 'Raj Patel');
  assert.ok(raj, 'Raj\'s ticket is solved');
  const thread = (await heed.api('GET', `/api/v1/tickets/${raj.id}`)).json.messages;
  assert.match(thread[thread.length - 1].body, /^Hi Raj,\n\nThe payment provider is back/);
});
