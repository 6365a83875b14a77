// The keyboard: / search, j/k and Enter in lists, r and n on a ticket,
// Ctrl+Enter sends, ? shows the shortcuts; no key is taken while typing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b;
before(async () => ({ heed, browser: b } = await openDemo('ada@heed.test')));
after(() => closeDemo(heed, b));

const active = (page) => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName));

describe('keyboard', () => {
  it('/ focuses the search box, and typing there takes no shortcuts', async () => {
    const { page, watcher } = b;
    await page.goto(heed.base + '/inbox?view=all');
    await page.keyboard.press('/');
    assert.equal(await active(page), 'search');
    await page.keyboard.type('jk?r');
    assert.equal(await page.inputValue('#search'), 'jk?r', 'the keys went into the box');
    assert.equal(await page.locator('tr.current').count(), 0, 'j and k did not move the selection');
    assert.equal(await page.isVisible('#shortcuts'), false, '? did not open the help');
    await page.keyboard.press('Escape');
    assert.notEqual(await active(page), 'search', 'Esc leaves the box');
    watcher.assertClean();
  });

  it('j and k move through the list, Enter opens the selected ticket', async () => {
    const { page, watcher } = b;
    await page.goto(heed.base + '/inbox?view=all');
    const hrefs = await page.$$eval('tr[data-href]', (rows) => rows.map((r) => r.getAttribute('data-href')));
    assert.ok(hrefs.length >= 3);
    await page.keyboard.press('j');
    assert.equal(await page.getAttribute('tr.current', 'data-href'), hrefs[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await page.getAttribute('tr.current', 'data-href'), hrefs[1]);
    assert.equal(await page.locator('tr.current').count(), 1);
    await Promise.all([page.waitForURL(new RegExp(hrefs[1] + '$')), page.keyboard.press('Enter')]);
    watcher.assertClean();
  });

  it('r focuses the reply box and Ctrl+Enter sends the reply', async () => {
    const { page, watcher } = b;
    const id = page.url().match(/\/tickets\/(\d+)/)[1];
    await page.keyboard.press('r');
    assert.equal(await active(page), 'body');
    const text = `Sent from the keyboard ${Date.now()}`;
    await page.keyboard.type(text);
    assert.equal(await page.inputValue('#body'), text, 'no shortcut fired while typing');
    await Promise.all([page.waitForURL(/flash=Reply/), page.keyboard.press('Control+Enter')]);
    const last = page.locator('.thread .msg').last();
    assert.match(await last.getAttribute('class'), /\breply\b/);
    assert.match(await last.textContent(), new RegExp(text));
    const got = await heed.api('GET', `/api/v1/tickets/${id}`);
    const msgs = got.json.messages ?? got.json.ticket?.messages;
    assert.equal(msgs.filter((m) => m.body === text).length, 1, 'sent once');
    watcher.assertClean();
  });

  it('n switches the box to an internal note', async () => {
    const { page, watcher } = b;
    await page.keyboard.press('n');
    assert.equal(await active(page), 'body');
    assert.equal(await page.isChecked('#composer input[value=note]'), true);
    assert.match(await page.getAttribute('#body', 'placeholder'), /team/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    assert.equal(await page.isChecked('#composer input[value=reply]'), true);
    await page.keyboard.press('Escape');
    watcher.assertClean();
  });

  it('? shows the shortcuts, Esc hides them', async () => {
    const { page, watcher } = b;
    await page.keyboard.press('?');
    assert.equal(await page.isVisible('#shortcuts'), true);
    assert.match(await page.textContent('#shortcuts'), /Next \/ previous ticket/);
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#shortcuts'), false);
    await page.click('#show-shortcuts');
    assert.equal(await page.isVisible('#shortcuts'), true, 'the footer link opens it too');
    await page.keyboard.press('Escape');
    watcher.assertClean();
  });

  it('the status filter applies as soon as it changes', async () => {
    const { page, watcher } = b;
    await page.goto(heed.base + '/inbox?view=all');
    await Promise.all([page.waitForURL(/status=pending/), page.selectOption('.filters select[name=status]', 'pending')]);
    const badges = await page.$$eval('tbody .badge', (els) => els.map((e) => e.textContent));
    assert.ok(badges.length > 0 && badges.every((t) => t === 'Pending'), `only pending tickets: ${badges}`);
    watcher.assertClean();
  });
});
