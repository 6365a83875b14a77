// An admin's side of the promises: adds a webhook from /admin/webhooks (its secret shown
// once) and sees its deliveries; turns on a team's automatic assignment; sees the jobs.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startHeed } from '../lib/server.mjs';
import { browserFor } from './helpers.mjs';

let heed, b, receiver, got = [];
before(async () => {
  receiver = createServer((req, res) => { let body = ''; req.on('data', (d) => { body += d; }); req.on('end', () => { got.push(body); res.writeHead(204); res.end(); }); });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  heed = await startHeed({ demo: true, env: { HEED_WEBHOOK_ALLOW_PRIVATE: '1' } });
  b = await browserFor(heed.base, 'ada@heed.test');
});
after(async () => { await b?.context.close(); await heed?.stop(); receiver?.close(); });

it('a webhook added from the page shows its secret once and its deliveries', async () => {
  const { page } = b;
  await page.goto(`${heed.base}/admin`);
  await Promise.all([page.waitForURL(/\/admin\/webhooks$/), page.click('a[href="/admin/webhooks"]')]);
  await page.fill('#webhook-add input[name=url]', `http://127.0.0.1:${receiver.address().port}/heed`);
  await page.check('#webhook-add label:has-text("ticket.created") input');
  await page.click('#webhook-add button[type=submit]');
  await page.waitForSelector('#webhook-secret');
  assert.match(await page.textContent('#webhook-secret'), /whsec_[0-9a-f]{64}/);
  await heed.api('POST', '/api/v1/tickets', { subject: 'Hook me', customer: { email: 'h@example.com' }, message: 'hello' });
  for (let i = 0; i < 50 && !got.length; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(JSON.parse(got[0]).event, 'ticket.created');
  await page.goto(`${heed.base}/admin/webhooks`);
  assert.equal(await page.locator('#webhook-secret').count(), 0, 'not shown again');
  assert.match(await page.textContent('#webhooks table.deliveries'), /ticket\.created.*delivered.*HTTP 204/s);
});

it('a team\'s automatic assignment is set from the Teams card; jobs are listed', async () => {
  const { page } = b;
  await page.goto(`${heed.base}/admin`);
  const form = page.locator('form.team-assign').first();
  await form.locator('select[name=assign]').selectOption('least_open');
  await form.locator('input[name=assign_cap]').fill('5');
  await Promise.all([page.waitForURL(/flash=Assignment/), form.locator('button[type=submit]').click()]);
  const again = page.locator('form.team-assign').first();
  assert.equal(await again.locator('select[name=assign]').inputValue(), 'least_open');
  assert.equal(await again.locator('input[name=assign_cap]').inputValue(), '5');
  await page.goto(`${heed.base}/admin/jobs`);
  assert.match(await page.textContent('#jobs'), /commitment\.due|sla\.check|webhook\.deliver/);
});
