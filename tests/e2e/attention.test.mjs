// Priority from the customer's side, as an agent uses it: the inbox orders by "needs
// attention" with the reasons in words, the ticket page shows the score beside the thread,
// and one click on a misread chip corrects the coach's reading and lowers the score.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, alex, angryId, calmId;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  const calm = await heed.api('POST', '/api/v1/tickets', { subject: 'Question about sizes', customer: { email: 'calm.e2e@example.com', name: 'Ines Calm' }, message: 'Hi, do the boots run small or true to size?' });
  const angry = await heed.api('POST', '/api/v1/tickets', { subject: 'Charged and no parcel', customer: { email: 'angry.e2e@example.com', name: 'Omar Quick' }, message: 'This is the third time I am writing. It is unacceptable, I want to make a formal complaint and I need this sorted today, it is urgent.' });
  calmId = calm.json.id;
  angryId = angry.json.id;
});
after(async () => closeDemo(heed, alex));

it('the inbox puts the customer who needs us most first, and says why', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/inbox?view=all`);
  await Promise.all([page.waitForURL(/sort=attention/), page.selectOption('select[name=sort]', 'attention')]);
  const rows = page.locator('#ticket-list tbody tr');
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-href')));
  const a = ids.indexOf(`/tickets/${angryId}`), c = ids.indexOf(`/tickets/${calmId}`);
  assert.ok(a >= 0 && (c === -1 || c > a), `the angry customer before the calm one (who just wrote): ${ids.join(' ')}`);
  const angryRow = page.locator(`#ticket-list tr[data-href="/tickets/${angryId}"]`);
  assert.match(await angryRow.locator('.attention-why').textContent(), /angry, says it is urgent, a complaint, says they have been in touch before/);
  // only those that need attention: the calm one goes
  await Promise.all([page.waitForURL(/needs=attention/), page.check('input[name=needs]')]);
  assert.equal(await page.locator(`#ticket-list tr[data-href="/tickets/${calmId}"]`).count(), 0);
  assert.equal(await page.locator(`#ticket-list tr[data-href="/tickets/${angryId}"]`).count(), 1);
  await page.screenshot({ path: '/tmp/heed-inbox-attention.png' });
});

it('one click on a misread chip corrects it; the score and the coach follow', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${angryId}`);
  const card = page.locator('#attention');
  const before = Number(await card.locator('.attention-score').textContent());
  assert.ok(before >= 50, `angry, urgent, a complaint, wrote before: ${before}`);
  assert.match(await card.textContent(), /says it is urgent/);
  const msg = page.locator('.msg.customer').first();
  // the customer was not urgent after all: one click on the chip
  await Promise.all([page.waitForURL(/flash=Reading\+corrected/), msg.locator('button[data-cue=urgent]').click()]);
  assert.equal(await msg.locator('[data-cue=urgent]').count(), 0, 'the urgent chip is gone');
  assert.match(await msg.locator('.corrected').textContent(), /corrected by Alex/);
  const after = Number(await card.locator('.attention-score').textContent());
  assert.equal(after, before - 12, 'urgency was worth 12');
  assert.doesNotMatch(await card.textContent(), /says it is urgent/);
  assert.equal(await page.locator('#coach-mood [data-cue=urgent]').count(), 0, 'the coach panel reads the same');
  // the whole reading from the details: "angry" was too strong, they sound frustrated
  await msg.locator('.reading-fix summary').click();
  await msg.locator('select[name=emotion]').selectOption('frustrated');
  await Promise.all([page.waitForURL(/flash=Reading\+corrected/), msg.locator('.reading-fix button[type=submit]').click()]);
  assert.equal(await msg.locator('[data-emotion]').getAttribute('data-emotion'), 'frustrated');
  assert.equal(Number(await card.locator('.attention-score').textContent()), after - 5, 'angry 20 became frustrated 15');
  assert.match(await page.locator('#customer-mood').textContent(), /Frustrated/, 'the customer panel reads the same');
  await page.screenshot({ path: '/tmp/heed-ticket-attention.png', fullPage: true });
  // the API sees what the page did
  const t = await heed.api('GET', `/api/v1/tickets/${angryId}`);
  assert.equal(t.json.attention.score, after - 5);
});
