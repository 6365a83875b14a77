// The admin outbox page: the newest outbound mail with its state, attempts, last error
// and a link to the ticket; admins only.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startHeed, heedCli } from '../lib/server.mjs';
import { browserFor } from './helpers.mjs';

let heed, ada;
before(async () => {
  heed = await startHeed({ demo: true });
  ada = await browserFor(heed.base, 'ada@heed.test');
});
after(async () => {
  await ada?.context.close();
  await heed?.stop();
});

const mail = (id, subject) => Buffer.from(
  `From: Rosa Díaz <rosa@example.com>\r\nTo: help@heed.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.com>\r\n` +
  'Content-Type: text/plain; charset=utf-8\r\n\r\nThe invoice PDF does not open.\r\n');

describe('outbox page', () => {
  it('lists the acknowledgement of a new email ticket, queued, with a link to its ticket', async () => {
    const { page, watcher } = ada;
    const out = heedCli(['mail-ingest', '--db', heed.db], { input: mail('outbox-e2e-1', 'Invoice <b>PDF</b> broken') });
    const id = Number(out.match(/new ticket (\d+)/)[1]);
    await page.goto(`${heed.base}/admin`);
    await page.click('a[href="/admin/outbox"]');
    await page.waitForURL(`${heed.base}/admin/outbox`);
    const row = page.locator('#outbox tbody tr', { hasText: 'rosa@example.com' });
    assert.equal(await row.count(), 1);
    const text = await row.textContent();
    assert.match(text, /ack/);
    assert.match(text, /queued/);
    assert.match(text, new RegExp(`Invoice <b>PDF</b> broken \\[#${id}\\]`)); // the subject as text, escaped
    assert.equal(await row.locator('b').count(), 0);
    assert.equal(await row.locator('td.num').textContent(), '0');
    await row.locator(`a[href="/tickets/${id}"]`).click();
    await page.waitForURL(`${heed.base}/tickets/${id}`);
    watcher.assertClean();
  });

  it('shows a failed delivery with its attempts and the server\'s answer', async () => {
    const { page, watcher } = ada;
    // as the sender leaves it after a permanent refusal (the states themselves are unit-tested)
    execFileSync('sqlite3', [heed.db, "UPDATE outbox SET state = 'failed', attempts = 2,"
      + " last_error = '550 5.1.1 <rosa@example.com>: Recipient address rejected' WHERE to_addr = 'rosa@example.com'"]);
    await page.goto(`${heed.base}/admin/outbox`);
    const row = page.locator('#outbox tbody tr', { hasText: 'rosa@example.com' });
    assert.match(await row.locator('.state').textContent(), /^failed$/);
    assert.equal(await row.locator('td.num').textContent(), '2');
    assert.equal(await row.locator('td.error').textContent(), '550 5.1.1 <rosa@example.com>: Recipient address rejected');
    watcher.assertClean();
  });
});

describe('outbox is for admins', () => {
  it('an agent gets 403', async () => {
    const alex = await browserFor(heed.base, 'alex@heed.test');
    try {
      const res = await alex.page.goto(`${heed.base}/admin/outbox`);
      assert.equal(res.status(), 403);
    } finally {
      await alex.context.close();
    }
  });
});
