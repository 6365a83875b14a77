// The inbox as a team lead uses it: more filters (tag, the customer's mood), a saved view with
// its count, and a bulk action on the chosen tickets.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, sam, ids = [];
before(async () => {
  ({ heed, browser: sam } = await openDemo('sam@heed.test'));
  for (const n of [1, 2, 3]) {
    const t = await heed.api('POST', '/api/v1/tickets', { subject: `Bulk item ${n}`, tags: ['bulkdemo'], customer: { email: `bulk${n}@example.com` }, message: 'Where is my order?' });
    ids.push(t.json.id);
  }
});
after(async () => closeDemo(heed, sam));

it('filters by tag, saves the view with its count, and assigns the chosen tickets at once', async () => {
  const { page } = sam;
  await page.goto(`${heed.base}/inbox?view=all&tag=bulkdemo`);
  const rows = page.locator('#ticket-list tbody tr');
  assert.equal(await rows.count(), 3);
  await page.locator('#saved-views summary').click();
  await page.fill('#view-name', 'Bulk demo');
  await Promise.all([page.waitForURL(/flash=View\+saved/), page.click('#saved-views button[type=submit]')]);
  assert.match(await page.locator('#saved-views .view-link', { hasText: 'Bulk demo' }).textContent(), /Bulk demo\s+3/);
  // choose two, assign them to Alex and put them on hold
  assert.equal(await page.locator('#bulk-form').isVisible(), false, 'the bar waits for a choice');
  await page.check(`#ticket-list input[name=ids][value="${ids[0]}"]`);
  await page.check(`#ticket-list input[name=ids][value="${ids[1]}"]`);
  await page.selectOption('#bulk-form select[name=owner]', { label: 'Alex Moreau' });
  await page.selectOption('#bulk-form select[name=status]', 'pending');
  await Promise.all([page.waitForURL(/flash=2%20of%202%20done|flash=2\+of\+2\+done|flash=2 of 2 done/), page.click('#bulk-form button[type=submit]')]);
  assert.match(await page.locator('.flash').textContent(), /2 of 2 done/);
  for (const id of ids.slice(0, 2)) {
    const t = (await heed.api('GET', `/api/v1/tickets/${id}`)).json;
    assert.equal(t.owner.name, 'Alex Moreau');
    assert.equal(t.status, 'pending');
  }
  assert.equal((await heed.api('GET', `/api/v1/tickets/${ids[2]}`)).json.status, 'new', 'the one not chosen is untouched');
  await page.screenshot({ path: '/tmp/heed-inbox-views.png' });
});
