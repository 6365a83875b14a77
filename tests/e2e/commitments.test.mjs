// Promises on the ticket page: a reply's promise appears above the composer with its
// countdown and is kept in one click; one added by hand without a time is vague and asks for
// one; solving with an open promise asks first, and "Solve anyway" solves.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b, id;
before(async () => {
  ({ heed, browser: b } = await openDemo('alex@heed.test'));
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Charger stopped working', customer: { email: 'mia@example.com', name: 'Mia Chen' }, message: 'My charger died after a week.' });
  id = t.json.id;
});
after(() => closeDemo(heed, b));

it('a promise in a reply is kept above the composer, with its countdown, until kept', async () => {
  const { page } = b;
  await page.goto(`${heed.base}/tickets/${id}`);
  assert.ok(await page.isVisible('#no-promises'));
  await page.fill('#body', 'Hi Mia, I am sorry about that. I will call you back within 2 hours with a replacement date.');
  await Promise.all([page.waitForURL(/flash=Reply/), page.click('#send')]);
  const item = page.locator('#promises li.promise').first();
  assert.match(await item.locator('.text').textContent(), /I will call you back within 2 hours/);
  assert.match(await item.locator('.countdown').textContent(), /^due in (1 h 5\d|2 h 0) min$/);
  await page.screenshot({ path: '/tmp/heed-promises.png', fullPage: false });
  await Promise.all([page.waitForURL(/flash=Promise\+kept/), item.locator('button.kept').click()]);
  assert.ok(await page.isVisible('#no-promises'));
  const api = (await heed.api('GET', `/api/v1/commitments?ticket=${id}`)).json.commitments;
  assert.deepEqual(api.map((c) => c.state), ['kept']);
});

it('one added by hand without a time is vague and asks for a time', async () => {
  const { page } = b;
  await page.click('.add-promise summary');
  await page.fill('.add-promise input[name=text]', 'Check whether the warranty covers a second charger');
  await Promise.all([page.waitForURL(/flash=Promise\+added/), page.click('.add-promise button[type=submit]')]);
  const item = page.locator('#promises li.promise').first();
  assert.ok(await item.locator('.tag.vague').isVisible());
  assert.ok(await item.locator('details.set-time[open]').isVisible());
  await item.locator('input[name=due]').fill('2099-01-01T10:00'); // too far: refused, nothing changes
  await item.locator('details.set-time button[type=submit]:not([name])').click();
  assert.match(await page.textContent('body'), /within a year/);
  await page.goBack();
  await page.reload();
  const d = new Date(Date.now() + 3 * 86400e3);
  const local = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T15:30`;
  const again = page.locator('#promises li.promise').first();
  await again.locator('input[name=due]').fill(local);
  await Promise.all([page.waitForURL(/flash=Due/), again.locator('details.set-time button[type=submit]:not([name])').click()]);
  const one = page.locator('#promises li.promise').first();
  assert.equal(await one.locator('.tag.vague').count(), 0);
  assert.match(await one.locator('.when time').textContent(), /15:30/); // in Alex's zone, as typed
});

it('solving with an open promise asks first; Solve anyway solves', async () => {
  const { page } = b;
  await page.fill('#body', 'I will also email you the return label by tomorrow.');
  await page.selectOption('select[name=status_after]', 'solved');
  await Promise.all([page.waitForURL(/solve=ask/), page.click('#send')]);
  assert.match(await page.textContent('#solve-ask'), /Not solved yet: 2 promises to Mia Chen are open/);
  assert.equal(await page.textContent('#status-badge'), 'Open');
  await Promise.all([page.waitForURL(/flash=Saved/), page.click('#solve-anyway')]);
  assert.equal(await page.textContent('#status-badge'), 'Solved');
  assert.equal(await page.locator('#promises li.promise').count(), 2); // still kept on the list
});
