// Merge from the ticket page: the customer's other ticket is offered, the merged thread reads
// in time order, the old ticket's address leads to the merged one, and the merge can be undone.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, alex, a, b;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  a = (await heed.api('POST', '/api/v1/tickets', { subject: 'Parcel missing', customer: { email: 'merge.e2e@example.com', name: 'Tove Berg' }, message: 'My parcel never arrived.' })).json;
  b = (await heed.api('POST', '/api/v1/tickets', { subject: 'Parcel missing (again)', customer: { email: 'merge.e2e@example.com', name: 'Tove Berg' }, message: 'Writing again about the parcel.' })).json;
});
after(async () => closeDemo(heed, alex));

it('merges a duplicate into the first ticket, redirects its page, and undoes it', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${b.id}`);
  await page.locator('#merge summary').click();
  assert.equal(await page.locator(`#merge-candidates option[value="${a.id}"]`).count(), 1, 'the customer\'s other ticket is offered');
  await page.fill('#merge-into', String(a.id));
  await Promise.all([page.waitForURL(new RegExp(`/tickets/${a.id}\\?flash=Merged`)), page.click('#merge .merge-form button[type=submit]')]);
  const bodies = await page.locator('.thread .msg .body').allTextContents();
  assert.match(bodies[0], /never arrived/);
  assert.match(bodies[1], /Writing again/);
  assert.match(bodies[2], /^Hi Tove,/, 'the customer was told');
  await page.goto(`${heed.base}/tickets/${b.id}`);
  assert.match(page.url(), new RegExp(`/tickets/${a.id}\\?flash=%23${b.id}\\+was\\+merged`));
  await Promise.all([page.waitForURL(new RegExp(`/tickets/${b.id}\\?flash=Merge\\+undone`)), page.click(`#merge button:has-text("Undo the merge of #${b.id}")`)]);
  assert.match(await page.locator('.thread .msg .body').first().textContent(), /Writing again/);
});
