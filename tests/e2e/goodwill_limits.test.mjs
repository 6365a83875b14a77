// An admin sets what agents may give without asking: from /admin to /admin/goodwill, a
// refused amount comes back beside its field with what was typed kept, then every agent's
// per-ticket limit becomes 40.00, which the API reports for Alex.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, ada;
before(async () => ({ heed, browser: ada } = await openDemo('ada@heed.test')));
after(async () => closeDemo(heed, ada));

it('an admin sets the agents\' goodwill limits from the admin pages', async () => {
  const { page } = ada;
  await page.goto(`${heed.base}/admin`);
  await Promise.all([page.waitForURL(/\/admin\/goodwill$/), page.click('a[href="/admin/goodwill"]')]);
  const alexRow = page.locator('#goodwill-limits tr:has-text("Alex Moreau")');
  assert.match(await alexRow.textContent(), /100\.00 USD/, 'the default per-ticket limit');
  // refused: kept as typed, the error beside the field
  await page.selectOption('#limits-who', 'role:agent');
  await page.fill('#limits-per-ticket', 'forty');
  await page.fill('#limits-per-month', '500');
  const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#goodwill-limits-form button[type=submit]')]);
  assert.equal(refused.status(), 422);
  assert.match(await page.textContent('#limits-per-ticket-error'), /amount like 100/);
  assert.equal(await page.inputValue('#limits-per-ticket'), 'forty');
  assert.equal(await page.inputValue('#limits-per-month'), '500');
  assert.equal(await page.inputValue('#limits-who'), 'role:agent');
  // saved
  await page.fill('#limits-per-ticket', '40');
  await Promise.all([page.waitForURL(/flash=Limits/), page.click('#goodwill-limits-form button[type=submit]')]);
  assert.match(await page.locator('#goodwill-limits tr:has-text("Alex Moreau")').textContent(), /40\.00 USD.*500\.00 USD/);
  await page.screenshot({ path: '/tmp/heed-goodwill-limits.png', fullPage: true });
  // what the rule uses for Alex, through the API
  const alex = (await heed.api('GET', '/api/v1/goodwill/limits')).json.agents.find((x) => x.name === 'Alex Moreau');
  assert.equal(alex.per_ticket_minor, 4000);
  assert.equal(alex.per_month_minor, 50000);
});
