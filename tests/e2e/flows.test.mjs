// The daily work of an agent, in a real browser against a real heed:
// sign in, open a ticket from the inbox, reply, note, solve, search, sign out.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { watch, signIn, openDemo, closeDemo, openTicketWithoutPromises } from './helpers.mjs';

let heed, b;
before(async () => ({ heed, browser: b } = await openDemo(null)));
after(() => closeDemo(heed, b));

// a ticket from the "all" view with the given status, via the API
async function ticketWith(status) {
  if (status === 'open') return openTicketWithoutPromises(heed); // these tests solve it
  const res = await heed.api('GET', `/api/v1/tickets?status=${status}&limit=50`);
  assert.equal(res.status, 200);
  const list = res.json.tickets ?? res.json.items ?? res.json.data ?? res.json;
  assert.ok(Array.isArray(list) && list.length, `a ${status} ticket in the demo data`);
  return list[0];
}

describe('an agent works a ticket', () => {
  it('a wrong password shows an error and signs no one in', async () => {
    const { page } = b;
    await page.goto(heed.base + '/login');
    await page.fill('input[name=email]', 'ada@heed.test');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForSelector('.login .error');
    assert.match(await page.textContent('.login .error'), /do not match/);
    assert.match(page.url(), /\/login$/);
    assert.equal(await page.inputValue('input[name=email]'), 'ada@heed.test', 'the email is kept');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'password', 'ready to type the password again');
    await page.goto(heed.base + '/inbox');
    assert.match(page.url(), /\/login$/, 'still signed out');
    b.watcher.assertClean('on the login page');
  });

  it('signs in, opens a ticket from the inbox, replies and sees the reply in the thread', async () => {
    const { page } = b;
    await signIn(page, heed.base, 'ada@heed.test');
    assert.ok(await page.isVisible('.topbar'), 'the top bar shows');
    await page.goto(heed.base + '/inbox?view=all');
    const t = await ticketWith('open');
    const row = page.locator(`tr[data-href="/tickets/${t.id}"]`);
    await row.waitFor();
    // the whole row opens the ticket, not only the link
    await Promise.all([page.waitForURL(new RegExp(`/tickets/${t.id}$`)), row.locator('td.when').click()]);
    assert.equal((await page.textContent('.ticket-head h1')).includes(t.subject), true);
    const before = await page.locator('.thread .msg').count();

    const text = `Thanks for your patience. I have re-sent the label ${Date.now()}.`;
    await page.fill('#body', text);
    await Promise.all([page.waitForURL(/flash=Reply/), page.click('#send')]);
    assert.match(await page.textContent('.flash'), /Reply sent/);
    assert.equal(await page.locator('.thread .msg').count(), before + 1);
    const last = page.locator('.thread .msg').last();
    assert.match(await last.getAttribute('class'), /\breply\b/);
    assert.match(await last.textContent(), new RegExp(text.replace(/[.]/g, '\\.')));
    assert.match(await last.textContent(), /Ada Okafor/);

    const got = await heed.api('GET', `/api/v1/tickets/${t.id}`);
    const msgs = got.json.messages ?? got.json.ticket?.messages;
    assert.ok(msgs.some((m) => m.body === text && m.kind === 'reply'), 'the reply is stored as a public reply');
    b.watcher.assertClean('on the ticket page');
  });

  it('sets the ticket solved from the properties panel', async () => {
    const { page } = b;
    const id = page.url().match(/\/tickets\/(\d+)/)[1];
    await page.selectOption('#status', 'solved'); // nothing saves until Save is pressed
    await Promise.all([page.waitForURL(/flash=Saved/), page.click('#save-props')]);
    assert.equal((await page.textContent('#status-badge')).trim(), 'Solved');
    assert.equal(await page.inputValue('#status'), 'solved');
    const got = await heed.api('GET', `/api/v1/tickets/${id}`);
    assert.equal((got.json.ticket ?? got.json).status, 'solved');
    assert.match(await page.textContent('.history'), /Solved/);
    b.watcher.assertClean();
  });

  it('adds an internal note, shown as a note and not as a reply', async () => {
    const { page } = b;
    const t = await ticketWith('pending');
    await page.goto(`${heed.base}/tickets/${t.id}`);
    await page.click('#composer label:has(input[value=note])');
    assert.equal(await page.isVisible('#send .if-note'), true, 'the button says it adds a note');
    const composerBg = await page.$eval('#composer', (el) => getComputedStyle(el).backgroundColor);
    const text = `Customer called twice; check the courier ${Date.now()}`;
    await page.fill('#body', text);
    await Promise.all([page.waitForURL(/flash=Note/), page.click('#send')]);
    const last = page.locator('.thread .msg').last();
    assert.match(await last.getAttribute('class'), /\bnote\b/);
    assert.match(await last.textContent(), /internal note/);
    const [r, g, bl] = (await last.evaluate((el) => getComputedStyle(el).backgroundColor)).match(/\d+/g).map(Number);
    assert.ok(r > 240 && g > 220 && bl < 230 && r > bl + 25, `a note is warm yellow, got rgb(${r},${g},${bl})`);
    const [cr, cg, cb] = composerBg.match(/\d+/g).map(Number);
    assert.ok(cr > cb + 25, `the composer turns yellow in note mode, got ${composerBg}`);
    // a reply looks different from a note, and the customer's message from both
    const styles = await page.$$eval('.thread .msg', (els) => Object.fromEntries(els.map((el) => [el.classList[1], getComputedStyle(el).backgroundColor])));
    if (styles.reply) assert.notEqual(styles.reply, styles.note);
    assert.notEqual(styles.customer, styles.note);
    const got = await heed.api('GET', `/api/v1/tickets/${t.id}`);
    const msgs = got.json.messages ?? got.json.ticket?.messages;
    assert.ok(msgs.some((m) => m.body === text && m.kind === 'note'), 'stored as an internal note');
    b.watcher.assertClean();
  });

  it('finds a ticket with the search box in the top bar, solved ones too', async () => {
    const { page } = b;
    const t = await ticketWith('solved');
    const word = t.subject.split(/\s+/).filter((w) => /^[A-Za-z]{5,}$/.test(w))[0];
    assert.ok(word, `a searchable word in "${t.subject}"`);
    await page.goto(heed.base + '/inbox');
    await page.fill('#search', word);
    await Promise.all([page.waitForURL(/q=/), page.press('#search', 'Enter')]);
    assert.ok(await page.isVisible(`tr[data-href="/tickets/${t.id}"]`), `ticket ${t.id} is found by "${word}"`);
    assert.equal(await page.inputValue('#search'), word, 'the search box keeps the query');
    await page.fill('#search', 'zzqxnothingmatches');
    await Promise.all([page.waitForURL(/zzqx/), page.press('#search', 'Enter')]);
    assert.match(await page.textContent('.empty'), /No tickets match/);
    b.watcher.assertClean();
  });

  it('signs out, and the inbox then needs a sign-in', async () => {
    const { page } = b;
    await page.goto(heed.base + '/inbox');
    await Promise.all([page.waitForURL(/\/login$/), page.click('text=Sign out')]);
    await page.goto(heed.base + '/inbox');
    assert.match(page.url(), /\/login$/);
    b.watcher.assertClean();
  });
});
