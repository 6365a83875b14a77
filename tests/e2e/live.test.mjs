// Live updates as two people see them, in two browser contexts: Alex has a ticket open and
// Ada's inbox is on screen; the customer's new ticket appears in Ada's list, Ada's reply
// appears in Alex's thread, and Ada's @mention lights Alex's bell, with no reload.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, browserFor } from './helpers.mjs';

let heed, ada, alex, ticketId;
before(async () => {
  ({ heed, browser: ada } = await openDemo('ada@heed.test'));
  alex = await browserFor(heed.base, 'alex@heed.test');
  ticketId = (await heed.api('GET', '/api/v1/tickets?status=open&limit=1')).json.tickets[0].id;
});
after(async () => { await alex?.context.close(); await closeDemo(heed, ada); });

it('a new ticket appears in an open inbox without a reload', async () => {
  const page = ada.page;
  await page.goto(`${heed.base}/inbox?view=all`);
  const marker = await page.evaluate(() => { window.__sameDocument = true; return true; });
  assert.ok(marker);
  await page.waitForTimeout(300); // the stream is open
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Appears by itself', customer: { email: 'live@example.com', name: 'Lina Vogt' }, message: 'Hello, anyone?' });
  assert.equal(t.status, 201);
  await page.locator('#inbox-list tr:has-text("Appears by itself")').waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the same page, not a reload');
  // the list still opens from the keyboard: j selects the first row
  await page.keyboard.press('j');
  assert.equal(await page.locator('#inbox-list tr.current').count(), 1);
});

it("a colleague's reply appears in the open thread, and a mention lights the bell", async () => {
  const page = alex.page;
  await page.goto(`${heed.base}/tickets/${ticketId}`);
  await page.evaluate(() => { window.__sameDocument = true; });
  const bellBefore = Number((await page.locator('a.bell .count').textContent().catch(() => '0')) || 0);
  await page.waitForTimeout(300);
  await page.fill('#body', 'Half-written answer that must survive');
  const r = await heed.api('POST', `/api/v1/tickets/${ticketId}/replies`, { body: 'Ada here: the courier confirmed pickup for tomorrow morning.' });
  assert.equal(r.status, 201);
  await page.locator('#thread li:has-text("the courier confirmed pickup")').waitFor({ timeout: 5000 });
  assert.equal(await page.inputValue('#body'), 'Half-written answer that must survive', 'the draft is untouched');
  const n = await heed.api('POST', `/api/v1/tickets/${ticketId}/notes`, { body: '@alex can you call them back?' });
  assert.equal(n.status, 201);
  await page.waitForFunction((b) => Number(document.querySelector('a.bell .count')?.textContent || 0) === b + 1, bellBefore, { timeout: 5000 });
  assert.match(await page.getAttribute('a.bell', 'aria-label'), new RegExp(`${bellBefore + 1} unread`));
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
  await page.screenshot({ path: '/tmp/heed-live-ticket.png' });
});

it('two agents on one ticket: each sees the other, typing shows, leaving clears; the inbox marks it', async () => {
  const sam = await browserFor(heed.base, 'sam@heed.test');
  try {
    await alex.page.goto(`${heed.base}/tickets/${ticketId}`);
    await sam.page.goto(`${heed.base}/tickets/${ticketId}`);
    await alex.page.locator('#ticket-presence li:has-text("Sam Lindqvist has it open")').waitFor({ timeout: 15000 });
    await sam.page.locator('#ticket-presence li:has-text("Alex Moreau")').waitFor({ timeout: 15000 });
    await sam.page.click('#body');
    await sam.page.keyboard.type('Let me check');
    await alex.page.locator('#ticket-presence li.typing:has-text("Sam Lindqvist is typing a reply")').waitFor({ timeout: 15000 });
    await ada.page.goto(`${heed.base}/inbox?view=all`);
    const row = ada.page.locator(`#inbox-list tr[data-href="/tickets/${ticketId}"] .presence-mark`);
    await row.first().waitFor({ timeout: 15000 });
    assert.match(await row.first().textContent(), /(Alex Moreau|Sam Lindqvist) (has it open|is replying)/);
    await alex.page.screenshot({ path: '/tmp/heed-presence.png' });
    await sam.page.goto(`${heed.base}/inbox`); // Sam leaves the ticket
    await alex.page.locator('#ticket-presence li:has-text("Sam Lindqvist")').waitFor({ state: 'detached', timeout: 15000 });
  } finally {
    await sam.context.close();
  }
});

it('the send-time check, live: what lands while a reply is written is announced, and the send is held to read it', async () => {
  const page = alex.page;
  await page.goto(`${heed.base}/tickets/${ticketId}`);
  await page.waitForTimeout(300);
  await page.fill('#body', 'My answer, written before I saw the news');
  assert.equal(await page.locator('#composer-arrived').isVisible(), false);
  const r = await heed.api('POST', `/api/v1/tickets/${ticketId}/replies`, { body: 'Ada: I already refunded them this morning.' });
  assert.equal(r.status, 201);
  await page.locator('#composer-arrived').waitFor({ state: 'visible', timeout: 5000 });
  assert.match(await page.locator('#composer-arrived').textContent(), /A colleague replied while you were writing/);
  assert.equal(await page.locator('#composer-arrived a').getAttribute('href'), `#m${r.json.id}`);
  // sent anyway: held, with the text kept and what arrived shown
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('#send')]);
  assert.match(await page.locator('#composer-error').textContent(), /changed since you opened it/);
  assert.equal(await page.inputValue('#body'), 'My answer, written before I saw the news');
  // read it, then send: it goes
  await Promise.all([page.waitForURL(/flash=Reply\+sent/), page.click('#send')]);
});
