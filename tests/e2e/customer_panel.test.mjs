// The customer panel beside a ticket: how long they have been with us, how their latest
// messages read, and the team's tags and notes on them, kept from the ticket page; a refused
// language comes back on the customer's page beside its field, with everything typed kept.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, alex, ticketId;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Where is my parcel', customer: { email: 'nora@example.com', name: 'Nora Berg' }, message: 'This is the third time I write. I am really angry, nobody answers!' });
  ticketId = t.json.id;
});
after(async () => closeDemo(heed, alex));

it('shows the customer and keeps the team\'s notes on them', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${ticketId}`);
  const panel = page.locator('#customer-panel');
  assert.match(await panel.locator('#customer-standing').textContent(), /First conversation with us/);
  assert.match(await panel.locator('#customer-mood').textContent(), /Angry|Frustrated/);
  // refused: back on the customer's page, the error beside Language, all typed kept
  await panel.locator('summary:has-text("Tags and notes")').click();
  await page.fill('#customer-tags-input', 'vip, wholesale');
  await page.fill('#customer-language', 'German');
  await page.fill('#customer-notes-input', 'Call after 16:00 only.');
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('#customer-profile-form button[type=submit]')]);
  assert.match(await page.textContent('#customer-language-error'), /language tag/);
  assert.equal(await page.inputValue('#customer-tags-input'), 'vip, wholesale');
  assert.equal(await page.inputValue('#customer-notes-input'), 'Call after 16:00 only.');
  // fixed and saved: back on the ticket, where the panel shows it
  await page.fill('#customer-language', 'de');
  await Promise.all([page.waitForURL(/\/customers\/\d+\?flash=Customer\+notes\+saved/), page.click('#customer-profile-form button[type=submit]')]);
  await page.goto(`${heed.base}/tickets/${ticketId}`);
  assert.match(await panel.locator('#customer-tags').textContent(), /vip\s+wholesale/);
  assert.match(await panel.textContent(), /Writes in de/);
  assert.match(await panel.locator('#customer-notes').textContent(), /Call after 16:00 only\./);
  await panel.screenshot({ path: '/tmp/heed-customer-panel.png' });
  // saved from the ticket page itself: it comes back to the ticket
  await panel.locator('summary:has-text("Tags and notes")').click();
  await page.fill('#customer-notes-input', 'Call after 16:00 only. Prefers email.');
  await Promise.all([page.waitForURL(new RegExp(`/tickets/${ticketId}\\?flash=Customer\\+notes\\+saved`)), page.click('#customer-profile-form button[type=submit]')]);
  assert.match(await panel.locator('#customer-notes').textContent(), /Prefers email/);
});
