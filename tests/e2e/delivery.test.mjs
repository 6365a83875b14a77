// With outbound mail off the reply box and the outbox say so; a reply that failed to reach
// the customer shows why, with Resend (for any agent) and a way to fix the address.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { heedCli, startHeed } from '../lib/server.mjs';
import { browserFor, openDemo, closeDemo } from './helpers.mjs';

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

// the rest of issue 9's item: the corrected address gets the resent reply; a cancelled reply is the
// admin's; no resend without the CSRF token; the notice only where mail would be sent
const sql = (q) => execFileSync('sqlite3', [heed.db, q], { encoding: 'utf8' }).trim();

describe('resending after the address was fixed', () => {
  it('follows Fix the address to the customer\'s form, and Resend then goes to the corrected address', async () => {
    const { page, watcher } = b;
    // the demo's refused reply (resent above, or not yet): refused again, for good
    sql("UPDATE outbox SET state = 'failed', last_error = '550 5.1.1 <maria.gonzalez@example.com>: User unknown'"
      + " WHERE id = (SELECT min(id) FROM outbox WHERE kind = 'reply')");
    const [tid, mid, cid] = sql("SELECT o.ticket_id, o.message_id, t.customer_id FROM outbox o JOIN tickets t ON t.id = o.ticket_id"
      + " WHERE o.id = (SELECT min(id) FROM outbox WHERE kind = 'reply')").split('|').map(Number);
    await page.goto(`${heed.base}/tickets/${tid}`);
    const reply = page.locator(`#m${mid}`);
    assert.match(await reply.locator('.delivery.failed').textContent(), /Email: failed · 550 5\.1\.1 <maria\.gonzalez@example\.com>: User unknown/);
    await Promise.all([page.waitForURL(`${heed.base}/customers/${cid}#edit`), reply.locator('.delivery-actions a').click()]);
    if (await page.locator('#edit').getAttribute('open') === null) await page.locator('#edit summary').click();
    await page.fill('#customer-email', 'maria.gonzalez@example.org');
    await Promise.all([page.waitForURL(/\/customers\//), page.click('#edit button[type=submit]')]);
    await page.goto(`${heed.base}/tickets/${tid}`);
    await Promise.all([page.waitForURL(/flash=Reply\+queued\+again/), page.locator(`#m${mid} .delivery-actions button`).click()]);
    assert.equal(sql(`SELECT state || ' ' || attempts || ' ' || to_addr FROM outbox WHERE message_id = ${mid} AND kind = 'reply'`),
      'queued 0 maria.gonzalez@example.org');
    assert.match(sql(`SELECT after FROM audit_log WHERE entity = 'outbox' AND action = 'resend' ORDER BY id DESC LIMIT 1`),
      /^resent to maria\.gonzalez@example\.org \(was maria\.gonzalez@example\.com\)/);
    watcher.assertClean();
  });

  it('offers no Resend for a reply an admin cancelled, refuses one sent anyway, and one without the CSRF token', async () => {
    const { page, watcher } = b;
    const [tid, mid] = sql("SELECT ticket_id, message_id FROM outbox WHERE kind = 'reply' AND state = 'cancelled' LIMIT 1").split('|');
    await page.goto(`${heed.base}/tickets/${tid}`);
    assert.match(await page.locator(`#m${mid} .delivery`).textContent(), /cancelled by an admin, not sent/);
    assert.equal(await page.locator(`#m${mid} .delivery-actions`).count(), 0);
    const url = `${heed.base}/tickets/${tid}/messages/${mid}/resend`;
    const csrf = await page.locator('input[name=_csrf]').first().getAttribute('value');
    await page.evaluate(async ([u, t]) => { await fetch(u, { method: 'POST', body: new URLSearchParams({ _csrf: t }) }); }, [url, csrf]);
    assert.equal(sql(`SELECT state FROM outbox WHERE message_id = ${mid} AND kind = 'reply'`), 'cancelled');
    const status = await page.evaluate(async (u) => (await fetch(u, { method: 'POST' })).status, url);
    assert.equal(status, 403);
    watcher.forget(/403/);
    watcher.assertClean();
  });
});

describe('the outbound-mail-off notice', () => {
  it('is not in the reply box of tickets that are not emailed', async () => {
    const { page, watcher } = b;
    const phone = Number(sql("SELECT id FROM tickets WHERE channel != 'email' AND status != 'closed' LIMIT 1"));
    await page.goto(`${heed.base}/tickets/${phone}`);
    assert.equal(await page.locator('#composer').count(), 1);
    assert.equal(await page.locator('#mail-off').count(), 0);
    watcher.assertClean();
  });

  it('is nowhere when smtp_url is set', async () => {
    const sending = await startHeed({ env: { HEED_SMTP_URL: 'smtp://127.0.0.1:9' } });
    let other;
    try {
      const out = heedCli(['mail-ingest', '--db', sending.db],
        { input: 'From: Rosa <rosa@example.com>\r\nSubject: Hi\r\nMessage-ID: <on-1@example.com>\r\n\r\nHello\r\n' });
      const id = Number(out.match(/new ticket (\d+)/)[1]);
      other = await browserFor(sending.base, 'ada@heed.test');
      await other.page.goto(`${sending.base}/tickets/${id}`);
      assert.equal(await other.page.locator('#composer').count(), 1);
      assert.equal(await other.page.locator('#mail-off').count(), 0);
      await other.page.goto(`${sending.base}/admin/outbox`);
      assert.equal(await other.page.locator('#outbox').count(), 1);
      assert.equal(await other.page.locator('#mail-off').count(), 0);
      other.watcher.assertClean();
    } finally {
      await other?.context.close();
      await sending.stop();
    }
  });
});
