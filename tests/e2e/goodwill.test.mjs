// The goodwill budget as people use it: Alex gives 15.00 from the ticket page and it is
// granted at once; 250.00 goes to a supervisor; Sam approves it from /goodwill; the
// customer's page shows the ledger.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, browserFor } from './helpers.mjs';

let heed, alex, sam, id, customer;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  sam = await browserFor(heed.base, 'sam@heed.test');
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Parcel a week late', customer: { email: 'ines@example.com', name: 'Ines Duarte' }, message: 'My order arrived a week after the promised date.' });
  id = t.json.id;
  customer = t.json.customer.id;
});
after(async () => { await sam?.context.close(); await closeDemo(heed, alex); });

it('within the allowance it is granted at once; above it waits for a supervisor', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${id}`);
  assert.match(await page.textContent('#gw-allowance'), /up to 100\.00 USD a ticket, 1000\.00 USD left this month/);
  await page.click('.gw-grant summary');
  await page.selectOption('#goodwill select[name=kind]', 'credit');
  await page.fill('#goodwill input[name=amount]', '15');
  await page.fill('#goodwill input[name=reason]', 'The parcel arrived a week late');
  await Promise.all([page.waitForURL(/flash=Granted/), page.click('#gw-send')]);
  assert.match(await page.textContent('#goodwill .gw-list'), /15\.00 USD credit/);
  assert.match(await page.textContent('#goodwill .gw-list'), /granted by Alex Moreau/);
  await page.click('.gw-grant summary');
  await page.selectOption('#goodwill select[name=kind]', 'refund');
  await page.fill('#goodwill input[name=amount]', '250.00');
  await page.fill('#goodwill input[name=reason]', 'Second late order this year: refund the order');
  await Promise.all([page.waitForURL(/flash=Sent/), page.click('#gw-send')]);
  assert.match(await page.textContent('#goodwill li.pending'), /Waiting for a supervisor/);
  await page.screenshot({ path: '/tmp/heed-goodwill.png' });
});

it('Sam approves it from /goodwill; the customer page shows the ledger', async () => {
  const p = sam.page;
  await p.goto(`${heed.base}/goodwill`);
  const item = p.locator(`#pending-goodwill li:has-text("Parcel a week late")`);
  assert.match(await item.textContent(), /250\.00 USD refund/);
  await Promise.all([p.waitForURL(/flash=Approved/), item.locator('button.approve').click()]);
  assert.equal(await p.locator('#pending-goodwill li:has-text("Parcel a week late")').count(), 0);
  await alex.page.goto(`${heed.base}/customers/${customer}`);
  const ledger = await alex.page.textContent('#customer-goodwill');
  assert.match(ledger, /250\.00 USD refund/);
  assert.match(ledger, /Approved by Sam Lindqvist/);
  assert.match(ledger, /15\.00 USD credit/);
});
