// SLAs as an admin and an agent see them: the admin adds a calendar and a policy from
// /admin/sla and previews what a ticket would get; tickets show their countdowns; the inbox
// orders by the soonest due.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b;
before(async () => { ({ heed, browser: b } = await openDemo('ada@heed.test')); });
after(() => closeDemo(heed, b));

it('an admin adds a calendar and a policy, and previews it', async () => {
  const { page } = b;
  await page.goto(`${heed.base}/admin/sla`);
  await page.fill('form[action="/admin/sla/calendars"] input[name=name]', 'Weekend desk');
  await page.fill('form[action="/admin/sla/calendars"] input[name=timezone]', 'Europe/Berlin');
  for (const d of [1, 2, 3, 4, 5]) await page.uncheck(`form[action="/admin/sla/calendars"] input[name=day_${d}]`);
  for (const d of [6, 0]) await page.check(`form[action="/admin/sla/calendars"] input[name=day_${d}]`);
  await Promise.all([page.waitForURL(/flash=Calendar/), page.click('form[action="/admin/sla/calendars"] button[type=submit]')]);
  assert.match(await page.textContent('#calendars'), /Weekend desk \(Europe\/Berlin\): Sat 09:00–17:00, Sun 09:00–17:00/);
  const form = 'form[action="/admin/sla/policies"]';
  await page.fill(`${form} input[name=name]`, 'Social media');
  await page.check(`${form} input[name=ch_social]`);
  await page.fill(`${form} input[name=first_response]`, '30');
  await page.fill(`${form} input[name=position]`, '1'); // before Standard, which matches everything
  await Promise.all([page.waitForURL(/flash=Policy/), page.click(`${form} button[type=submit]`)]);
  assert.match(await page.textContent('#policies'), /Social media/);
  await page.selectOption('#sla-preview select[name=priority]', 'normal');
  await page.selectOption('#sla-preview select[name=channel]', 'social');
  await Promise.all([page.waitForURL(/priority=normal/), page.click('#sla-preview button[type=submit]')]);
  assert.match(await page.textContent('#preview-result'), /gets Social media: first reply due/);
  await page.selectOption('#sla-preview select[name=priority]', 'urgent');
  await Promise.all([page.waitForURL(/priority=urgent/), page.click('#sla-preview button[type=submit]')]);
  assert.match(await page.textContent('#preview-result'), /gets Urgent, around the clock/);
});

it('tickets show their SLA; the inbox orders by the soonest due', async () => {
  const { page } = b;
  await page.goto(`${heed.base}/inbox?view=all&sort=sla`);
  // the urgent ticket 50 minutes into its hour comes next after every ticket already overdue;
  // which office-hours tickets are overdue by then depends on the time of day the demo is made
  const rows = await page.locator('#ticket-list tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ text: tr.textContent, state: tr.querySelector('.sla-chip')?.dataset.state,
      chip: tr.querySelector('.sla-chip')?.textContent })));
  // the urgent ticket overdue for hours (around the clock) is among the first, said so in hours;
  // an office-hours ticket overdue since the close says "breached", not "breached 0 min ago"
  const late = rows.findIndex((r) => /All our invoices show the wrong company name/.test(r.text));
  assert.ok(late >= 0 && late <= 1, `the long-overdue urgent ticket is first or second (at ${late})`);
  assert.equal(rows[late].state, 'breached');
  assert.match(rows[late].chip, /^breached \d+ h( \d+ min)? ago$/);
  for (const r of rows.filter((r) => r.state === 'breached')) assert.match(r.chip, /^breached( .+ ago)?$/);
  const at = rows.findIndex((r) => /Checkout fails for every customer/.test(r.text));
  assert.ok(at > 0, 'the at-risk ticket is listed');
  assert.equal(rows[at].state, 'at_risk');
  assert.deepEqual(rows.slice(0, at).map((r) => r.state), Array(at).fill('breached'));
  await page.screenshot({ path: '/tmp/heed-sla-inbox.png' });
  await page.locator('#ticket-list tbody tr').nth(at).locator('td.subject a').click();
  await page.waitForURL(/\/tickets\/\d+$/);
  assert.match(await page.textContent('.ticket-head .meta'), /due in \d+ min/);
  assert.match(await page.textContent('.ticket-head .meta'), /first reply due .* · Urgent, around the clock/);
});
