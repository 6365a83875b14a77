// The admin outbox page: the newest outbound mail with its state, attempts, last error
// and a link to the ticket; admins only.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { heedCli } from '../lib/server.mjs';
import { browserFor, openDemo, closeDemo } from './helpers.mjs';

let heed, ada;
before(async () => ({ heed, browser: ada } = await openDemo('ada@heed.test')));
after(() => closeDemo(heed, ada));

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
    assert.equal(await row.locator('td.last-error').textContent(), '550 5.1.1 <rosa@example.com>: Recipient address rejected');
    watcher.assertClean();
  });
});

describe('outbox actions', () => {
  it('cancels a queued email after asking, shows it on the ticket, and resends it', async () => {
    const { page, watcher } = ada;
    const out = heedCli(['mail-ingest', '--db', heed.db], { input: mail('outbox-e2e-2', 'Lost parcel') });
    const id = Number(out.match(/new ticket (\d+)/)[1]);
    await page.goto(`${heed.base}/tickets/${id}`);
    await page.fill('#body', 'We have sent a new parcel.');
    await Promise.all([page.waitForURL(`${heed.base}/tickets/${id}*`), page.click('#composer button[type=submit]')]);
    await page.goto(`${heed.base}/admin/outbox`);
    const reply = page.locator('#outbox tbody tr', { hasText: `[#${id}]` }).filter({ hasText: 'reply' });
    assert.equal(await reply.count(), 1);
    // dismissing the question changes nothing
    page.once('dialog', (d) => { assert.match(d.message(), /Cancel this email to rosa@example.com\?/); d.dismiss(); });
    await reply.locator('button.cancel').click();
    await page.waitForTimeout(200);
    assert.match(await reply.locator('.state').textContent(), /^queued$/);
    page.once('dialog', (d) => d.accept());
    await Promise.all([page.waitForURL(/flash=/), reply.locator('button.cancel').click()]);
    assert.match(await page.locator('.flash').textContent(), /cancelled/);
    assert.match(await reply.locator('.state').textContent(), /^cancelled$/);
    await page.goto(`${heed.base}/tickets/${id}`);
    assert.match(await page.locator('.delivery.cancelled').textContent(), /Email: cancelled by an admin, not sent/);
    await page.goto(`${heed.base}/admin/outbox`);
    page.once('dialog', (d) => d.accept());
    await Promise.all([page.waitForURL(/flash=/), reply.locator('button.retry').click()]);
    assert.match(await page.locator('.flash').textContent(), /queued to be sent again/);
    assert.match(await reply.locator('.state').textContent(), /^queued$/);
    watcher.assertClean();
  });

  it('a forged cancel without the CSRF token is refused', async () => {
    const { page } = ada;
    const res = await page.request.post(`${heed.base}/admin/outbox/1/cancel`, { form: { _csrf: 'nope' }, maxRedirects: 0 });
    assert.equal(res.status(), 403);
  });
});

describe('outbox state filter', () => {
  it('shows one state at a time, keeps it when paging, and refuses an unknown one', async () => {
    const { page, watcher } = ada;
    // rosa's ack is failed (above), her reply queued again; one more queued and one sent
    heedCli(['mail-ingest', '--db', heed.db], { input: mail('outbox-e2e-3', 'Filter me') });
    execFileSync('sqlite3', [heed.db, "UPDATE outbox SET state = 'sent', sent_at = queued_at WHERE id = (SELECT max(id) FROM outbox)"]);
    const states = async () => page.locator('#outbox tbody tr .state').allTextContents();
    await page.goto(`${heed.base}/admin/outbox`);
    const all = await states();
    assert.ok(new Set(all).size >= 3, `several states on "All": ${all}`);
    assert.equal(await page.getAttribute('.outbox-states a[aria-current=page]', 'href'), '/admin/outbox');
    const count = async (href) => Number(await page.textContent(`.outbox-states a[href="${href}"] .count`));
    assert.equal(await count('/admin/outbox'), all.length, 'the All tab counts every row');
    for (const state of ['queued', 'failed', 'sent']) {
      await Promise.all([page.waitForURL(`${heed.base}/admin/outbox?state=${state}`),
        page.click(`.outbox-states a[href="/admin/outbox?state=${state}"]`)]);
      const shown = await states();
      assert.ok(shown.length > 0, `rows in ${state}`);
      assert.deepEqual([...new Set(shown)], [state]);
      assert.equal(shown.length, all.filter((s) => s === state).length, `every ${state} row`);
      assert.equal(await count(`/admin/outbox?state=${state}`), shown.length, `the ${state} tab's count`);
      assert.equal(await page.getAttribute('.outbox-states a[aria-current=page]', 'href'), `/admin/outbox?state=${state}`);
    }
    await page.goto(`${heed.base}/admin/outbox?state=sending`);
    assert.equal(await page.textContent('#outbox-empty'), 'No email is sending.');
    assert.equal(await count('/admin/outbox?state=sending'), 0);
    const bad = await page.goto(`${heed.base}/admin/outbox?state=lost`);
    assert.equal(bad.status(), 400);
    assert.match(await page.textContent('main'), /not a state of the outbox/);
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
