// The knowledge base as people use it: beside a ticket, the articles that answer the
// customer's words (with the words that matched), one click puts a link in the reply and the
// send counts it; an agent writes an article on /kb; a customer reads it at /help signed out.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, browserFor } from './helpers.mjs';

let heed, alex, ticketId;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Charged twice this month', customer: { email: 'kb.e2e@example.com', name: 'Rosa Kim' }, message: 'My card statement shows the same payment twice. Why was I charged twice?' });
  ticketId = t.json.id;
});
after(async () => closeDemo(heed, alex));

it('suggests the article with the words that matched; Insert link puts it in the reply and the send counts it', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${ticketId}`);
  const card = page.locator('#kb-suggest');
  const first = card.locator('li').first();
  assert.match(await first.locator('a').first().textContent(), /Why was I charged twice\?/);
  assert.match(await first.locator('.matched').textContent(), /charged.*twice|twice.*charged/);
  await first.locator('a[data-insert=link]').click();
  const text = await page.inputValue('#body');
  assert.match(text, /Why was I charged twice\?: http:\/\/127\.0\.0\.1:\d+\/help\/why-was-i-charged-twice/);
  const id = await first.getAttribute('data-article');
  assert.equal(await page.inputValue('#kb-articles'), id);
  await page.locator('#body').press('Home');
  await page.keyboard.type('Hi Rosa, this explains the second line on your statement. ');
  await page.screenshot({ path: '/tmp/heed-ticket-kb.png', fullPage: true });
  await Promise.all([page.waitForURL(/flash=Reply\+sent/), page.click('#send')]);
  const a = await heed.api('GET', `/api/v1/kb/articles/${id}`);
  assert.equal(a.json.sent_count, 1);
});

it('an agent writes an article on /kb; a refused one keeps what was typed', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/kb`);
  await page.fill('#kb-title', 'Changing your delivery address');
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('#new-article button[type=submit]')]);
  // the body was empty: the browser's required check stops it, or the server refuses it
  if (!(await page.locator('#kb-error').count())) assert.equal(await page.inputValue('#kb-title'), 'Changing your delivery address');
  await page.fill('#kb-body', 'Open **Orders**, choose the order and press *Change address* before it ships.');
  await page.check('#new-article input[name=visibility][value=public]');
  await page.check('#new-article input[name=state][value=published]');
  await Promise.all([page.waitForURL(/\/kb\/\d+\?flash=Article\+saved/), page.click('#new-article button[type=submit]')]);
  assert.match(await page.locator('#kb-article .article-body').innerHTML(), /<strong>Orders<\/strong>/);
  await page.screenshot({ path: '/tmp/heed-kb.png', fullPage: true });
});

it('a customer reads the public help signed out, and searches it', async () => {
  const visitor = await browserFor(heed.base, null);
  try {
    const { page } = visitor;
    await page.goto(`${heed.base}/help`);
    assert.match(await page.locator('h1').textContent(), /Help/);
    assert.equal(await page.locator('a[href="/help/refunds-what-you-may-grant-without-asking"]').count(), 0, 'agents-only articles stay inside');
    await page.fill('#help-q', 'delivery address');
    await Promise.all([page.waitForURL(/\/help\?q=/), page.press('#help-q', 'Enter')]);
    await Promise.all([page.waitForURL(/\/help\/changing-your-delivery-address/), page.click('text=Changing your delivery address')]);
    assert.match(await page.locator('.article-body').textContent(), /Change address/);
    await page.screenshot({ path: '/tmp/heed-help.png', fullPage: true });
  } finally {
    await visitor.context.close();
  }
});
