// With outbound mail off the reply box and the outbox say so; a reply that failed to reach
// the customer shows why, with Resend (for any agent) and a way to fix the address.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b;
before(async () => { ({ heed, browser: b } = await openDemo('alex@heed.test')); });
after(() => closeDemo(heed, b));

describe('delivery on the ticket page', () => {
  it('says outbound mail is off, shows a failed reply with Resend and Fix the address', async () => {
    const { page } = b;
    const failed = (await heed.api('GET', '/api/v1/outbox?state=failed')).json;
    const row = (failed.items ?? failed.outbox ?? failed.mail ?? Object.values(failed).find(Array.isArray)).find((o) => o.kind === 'reply');
    assert.ok(row, 'the demo has a failed reply');
    const ticket = (await heed.api('GET', `/api/v1/tickets/${row.ticket_id}`)).json;
    await page.goto(`${heed.base}/tickets/${row.ticket_id}`);
    assert.match(await page.textContent('#mail-off'), /Outbound mail is off/);
    const form = page.locator(`form[action="/tickets/${row.ticket_id}/messages/${row.message_id}/resend"]`);
    assert.equal(await form.count(), 1);
    assert.equal(await form.locator('a').getAttribute('href'), `/customers/${ticket.customer.id}#edit`);
    await Promise.all([page.waitForURL(/flash=Reply\+queued\+again/), form.locator('button').click()]);
    const now = (await heed.api('GET', `/api/v1/outbox/${row.id}`)).json;
    assert.equal(now.state, 'queued', 'an agent sent it again');
    assert.equal(await page.locator(`form[action="/tickets/${row.ticket_id}/messages/${row.message_id}/resend"]`).count(), 0);
  });

  it('the admin outbox says outbound mail is off', async () => {
    const res = await fetch(`${heed.base}/admin/outbox`, { headers: { Authorization: `Bearer ${heed.token}` } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /id="mail-off">Outbound mail is off/);
  });
});
