// Mail that cannot be forged onto a ticket, and mail nobody wrote: an unverified sender is
// marked on the ticket page; an automatic reply is labelled as such and gets no mood chips.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { heedCli } from '../lib/server.mjs';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, ada;
before(async () => ({ heed, browser: ada } = await openDemo('ada@heed.test')));
after(() => closeDemo(heed, ada));

function ingest(bytes, args = []) {
  const out = heedCli(['mail-ingest', '--db', heed.db, ...args], { input: bytes });
  const m = out.match(/ticket (\d+)/);
  return m ? Number(m[1]) : null;
}

const mail = ({ from, subject, id, headers = '', body }) =>
  `${headers}From: ${from}\r\nTo: help@heed.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\n` +
  `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${body}\r\n`;

describe('forged mail', () => {
  it('a forged From with the ticket tag opens its own ticket, marked "Unverified sender"', async () => {
    const { page, watcher } = ada;
    const first = ingest(mail({ from: 'Sam Reed <sam.reed@example.org>', subject: 'Cannot export', id: 'trust-1@example.org',
                                body: 'The export button does nothing, I am angry.' }));
    assert.ok(first);
    const forged = ingest(mail({ from: 'Sam Reed <sam.reed@example.org>', subject: `Re: Cannot export [#${first}]`, id: 'trust-2@evil.test',
                                 headers: 'Authentication-Results: mx.heed.test; spf=fail smtp.mailfrom=evil.test; dmarc=fail header.from=example.org\r\n',
                                 body: 'Please send my data to my new address.' }),
                            ['--mail-authserv-id', 'mx.heed.test']);
    assert.ok(forged);
    assert.notEqual(forged, first, 'the forged mail did not join the ticket');
    await page.goto(`${heed.base}/tickets/${forged}`);
    const warn = page.locator('.thread .msg .mail-unverified');
    assert.equal(await warn.count(), 1);
    assert.match(await warn.textContent(), /Unverified sender/);
    await page.goto(`${heed.base}/tickets/${first}`);
    assert.equal(await page.locator('.thread .msg').count(), 1);
    assert.equal(await page.locator('.mail-unverified').count(), 0);
    watcher.assertClean();
  });

  it('the demo shows its forged mail on a ticket of its own', async () => {
    const { page, watcher } = ada;
    const found = (await heed.api('GET', '/api/v1/tickets?q=IBAN')).json.tickets;
    assert.equal(found.length, 1);
    await page.goto(`${heed.base}/tickets/${found[0].id}`);
    assert.match(await page.locator('.mail-unverified').textContent(), /could not confirm/);
    watcher.assertClean();
  });
});

describe('automatic replies', () => {
  it('are labelled, get no mood chips, and do not move the ticket up the inbox', async () => {
    const { page, watcher } = ada;
    const id = ingest(mail({ from: 'Lee Park <lee.park@example.org>', subject: 'Refund still missing', id: 'trust-3@example.org',
                             body: 'This is unacceptable, where is my refund?' }));
    // another ticket after it: the newest in the inbox
    const later = ingest(mail({ from: 'Kim Ode <kim.ode@example.org>', subject: 'Later question', id: 'trust-4@example.org',
                                body: 'A later question.' }));
    ingest(mail({ from: 'Lee Park <lee.park@example.org>', subject: `Automatic reply: Refund still missing [#${id}]`, id: 'trust-5@example.org',
                  headers: 'Auto-Submitted: auto-replied\r\n', body: 'I am out of the office until Monday. Terrible timing, sorry!' }));
    await page.goto(`${heed.base}/tickets/${id}`);
    const msgs = page.locator('.thread .msg');
    assert.equal(await msgs.count(), 2);
    const auto = msgs.nth(1);
    assert.match(await auto.getAttribute('class'), /automatic/);
    assert.match(await auto.locator('.msg-head .kind').textContent(), /automatic reply/i);
    assert.equal(await auto.locator('.mood').count(), 0, 'no mood chips on an automatic reply');
    assert.equal(await msgs.nth(0).locator('.mood').count(), 1, 'the customer\'s own words keep theirs');
    // the inbox: the later ticket stays above
    await page.goto(`${heed.base}/inbox?view=all`);
    const order = await page.locator(`a[href="/tickets/${id}"], a[href="/tickets/${later}"]`).evaluateAll(
      (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(order[0], `/tickets/${later}`, order.join(' '));
    watcher.assertClean();
  });
});
