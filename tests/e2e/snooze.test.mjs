// Snooze from the ticket page: on hold for a while, the card says until when, and "Wake it
// now" brings it back open.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, alex, ticketId;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Call me next week', customer: { email: 'snooze.e2e@example.com', name: 'Kai Snooze' }, message: 'Can you call me next week about the upgrade?' });
  ticketId = t.json.id;
});
after(async () => closeDemo(heed, alex));

it('snoozes a ticket for a day and wakes it by hand', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${ticketId}`);
  await page.selectOption('#snooze select[name=for]', '86400');
  await Promise.all([page.waitForURL(/flash=Snoozed/), page.click('#snooze button[type=submit]')]);
  assert.equal(await page.locator('#status-badge').textContent(), 'On hold');
  assert.match(await page.locator('#snooze').textContent(), /Snoozed until .* it comes back then/);
  const t = await heed.api('GET', `/api/v1/tickets/${ticketId}`);
  assert.ok(Date.parse(t.json.snoozed_until) - Date.now() > 23 * 3600 * 1000, t.json.snoozed_until);
  await Promise.all([page.waitForURL(/flash=Back\+from\+snooze/), page.click('#snooze button:has-text("Wake it now")')]);
  assert.equal(await page.locator('#status-badge').textContent(), 'Open');
});
