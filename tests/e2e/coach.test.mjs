// The live reply coach on the ticket page (docs/COACH.md, "The live coach"), in a real
// browser against a real heed with the demo data: mood chips, flags marked on their
// words (also after emoji and accents), the one-click rewrite, strengths, questions,
// promises with due dates, notes without a coach, a remembered collapse, and a reply
// that still sends.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { browserFor } from './helpers.mjs';

let heed, b, angry, confused;
const coachCalls = [];

async function ticketMatching(q) {
  const res = await heed.api('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=5`);
  assert.equal(res.status, 200);
  const list = res.json.tickets ?? res.json.items ?? res.json.data ?? res.json;
  assert.ok(Array.isArray(list) && list.length, `a demo ticket matching ${q}`);
  return list[0].id;
}

before(async () => {
  heed = await startHeed({ demo: true });
  angry = await ticketMatching('parcel tracking');      // Tom Becker: "This is the THIRD time I'm writing..."
  confused = await ticketMatching('pricing workspace'); // Zoe Martin: two questions
  b = await browserFor(heed.base, 'alex@heed.test');
  b.page.on('request', (req) => { if (req.url().endsWith('/api/v1/coach')) coachCalls.push(req); });
});
after(async () => {
  await b?.context.close();
  await heed?.stop();
});

const marks = (page) => page.$$eval('.coach-backdrop mark', (ms) => ms.map((m) => [m.dataset.code, m.textContent]));

// types (replacing the draft) and waits until the coach has read exactly this draft
async function draft(page, text) {
  await page.fill('#body', '');
  await page.fill('#body', text);
  await page.waitForFunction((t) => {
    const bd = document.querySelector('.coach-backdrop');
    return bd && bd.textContent === t + '\n' && bd.dataset.reported === '1';
  }, text);
}

describe('the live reply coach', () => {
  it("shows the customer's mood on their message and in the coach", async () => {
    const { page } = b;
    await page.goto(`${heed.base}/tickets/${angry}`);
    const first = page.locator('.thread .msg.customer').first();
    const emotion = await first.locator('.mood [data-emotion]').getAttribute('data-emotion');
    assert.match(emotion, /^(angry|frustrated)$/, 'an upset customer reads as upset');
    assert.equal(await first.locator('.mood [data-cue=repeat_contact]').count(), 1, '"the THIRD time" is a repeat contact');
    assert.equal(await first.locator('.mood [data-cue=complaint]').count(), 1);
    assert.match(await page.textContent('#coach-mood'), /Has written before/);
    assert.equal(await page.getAttribute('#coach-summary', 'aria-live'), 'polite');
    b.watcher.assertClean('on an angry ticket');
  });

  it('marks each flag on its words and explains why', async () => {
    const { page } = b;
    await draft(page, "Unfortunately we can't refund you, calm down.");
    const m = await marks(page);
    const on = (code) => m.filter(([c]) => c === code).map(([, t]) => t);
    assert.deepEqual(on('negative_phrasing'), ['Unfortunately', "we can't"]);
    assert.deepEqual(on('dismissive'), ['calm down']);
    const flag = page.locator('.coach-flag[data-code=dismissive]');
    assert.match(await flag.locator('.coach-flag-head').textContent(), /Dismissive.*calm down/);
    assert.match(await flag.locator('.coach-why').textContent(), /brushes off how the customer feels/i);
    assert.ok(await page.locator('.coach-flag[data-code=no_empathy]').count(), 'an upset customer and no empathy is flagged');
    assert.match(await page.textContent('#coach-summary'), /things to look at/);
    b.watcher.assertClean('while coaching');
  });

  it('"Show in draft" selects the span and "Use suggestion" rewrites it', async () => {
    const { page } = b;
    const flag = page.locator('.coach-flag[data-code=dismissive]');
    await flag.locator('.coach-show').click();
    const sel = await page.evaluate(() => { const t = document.getElementById('body'); return t.value.slice(t.selectionStart, t.selectionEnd); });
    assert.equal(sel, 'calm down');
    const suggestion = await flag.locator('.coach-use q').textContent();
    assert.ok(suggestion.length > 0);
    await flag.locator('.coach-use').focus();
    await page.keyboard.press('Enter'); // keyboard reachable
    const text = await page.inputValue('#body');
    assert.equal(text, `Unfortunately we can't refund you, ${suggestion}.`);
    // the coach reads the new draft: the flag on "calm down" is gone, the others stay on their words
    // (a refusal to this angry customer may still read as brushing them off: the learned reading
    // quotes the refusal, not the rewrite)
    await page.waitForFunction(() => document.querySelector('.coach-flag') && ![...document.querySelectorAll('.coach-flag[data-code=dismissive] .coach-flag-head q')]
      .some((q) => /calm down|understand why/i.test(q.textContent)));
    assert.deepEqual((await marks(page)).filter(([c]) => c === 'negative_phrasing').map(([, t]) => t), ['Unfortunately', "we can't"]);
    b.watcher.assertClean('after a rewrite');
  });

  it('keeps the marks on the right words after emoji and accented text', async () => {
    const { page } = b;
    await draft(page, "Hola María 😀👍🏽 — désolé: unfortunately we can't refund you, calm down.");
    const m = await marks(page);
    assert.deepEqual(m.filter(([c]) => c === 'dismissive').map(([, t]) => t), ['calm down']);
    assert.deepEqual(m.filter(([c]) => c === 'negative_phrasing').map(([, t]) => t), ['unfortunately', "we can't"]);
    await page.locator('.coach-flag[data-code=dismissive] .coach-use').click();
    const text = await page.inputValue('#body');
    assert.ok(text.startsWith("Hola María 😀👍🏽 — désolé: unfortunately we can't refund you, "), text);
    assert.ok(!text.includes('calm down'), 'the rewrite replaced exactly the flagged span');
  });

  it('an empathetic reply with a dated promise shows strengths and the due date', async () => {
    const { page } = b;
    await draft(page, "Hi Tom, I'm so sorry about the wait, I can see how frustrating this is. I'll send you a replacement by Friday.");
    assert.equal(await page.locator('.coach-flag').count(), 0, 'nothing to fix');
    const strengths = await page.$$eval('.coach-strengths .chip', (cs) => cs.map((c) => c.textContent));
    assert.ok(strengths.includes('Empathy') && strengths.includes('Apology'), strengths.join(', '));
    const due = page.locator('.coach-promises .coach-due');
    assert.equal(await due.count(), 1);
    const iso = await due.getAttribute('data-due');
    // Alex works in Europe/London (the demo): the due date carries London's offset
    const m = /^(\d{4}-\d\d-\d\d)T17:00:00\+0([01]):00$/.exec(iso);
    assert.ok(m, `Friday 17:00 London time, not ${iso}`);
    const wall = new Date(m[1] + 'T00:00:00Z');
    assert.equal(wall.getUTCDay(), 5, 'by Friday is a Friday');
    const d = new Date(iso);
    assert.ok(d - Date.now() > 0 && d - Date.now() <= 8 * 86400e3, `the coming Friday, not ${iso}`);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    assert.equal(await due.textContent(), `due Fri ${wall.getUTCDate()} ${months[wall.getUTCMonth()]}, 17:00 ${m[2] === '1' ? 'BST' : 'GMT'}`);
    assert.match(await page.textContent('.coach-promises q'), /I'll send you a replacement by Friday\./);
    assert.match(await page.textContent('#coach-summary'), /^Looks good: \d+ strengths · 1 promise\.$/);
  });

  it('while typing, marks before the edit stay and marks after it move with the text', async () => {
    const { page } = b;
    await draft(page, "Unfortunately we can't refund you, calm down.");
    await page.evaluate(() => { const t = document.getElementById('body'); t.setSelectionRange(0, 0); t.focus(); });
    await page.keyboard.type('Hi Tom! ');
    // at once, before any new report: the marks moved with their words
    assert.equal(await page.getAttribute('.coach-backdrop', 'data-reported'), '0');
    assert.deepEqual((await marks(page)).filter(([c]) => c !== 'no_empathy').map(([, t]) => t), ['Unfortunately', "we can't", 'calm down']);
    await page.waitForFunction(() => document.querySelector('.coach-backdrop').dataset.reported === '1');
  });

  it('asks once per pause, never more than one request at a time', async () => {
    const { page } = b;
    await page.fill('#body', '');
    await page.waitForTimeout(400);
    const before = coachCalls.length;
    await page.click('#body');
    await page.keyboard.type('Thanks for your patience, I have checked the tracking with the courier.', { delay: 25 });
    await page.waitForFunction(() => {
      const bd = document.querySelector('.coach-backdrop');
      return bd.textContent.startsWith('Thanks for your patience') && bd.textContent.endsWith('courier.\n') && bd.dataset.reported === '1';
    });
    await page.waitForTimeout(400);
    const n = coachCalls.length - before;
    assert.ok(n >= 1 && n <= 3, `${n} requests for 72 keystrokes`);
    const req = coachCalls[coachCalls.length - 1];
    assert.ok(req.headers()['x-csrf-token'], 'the page sends its CSRF header');
    const sent = JSON.parse(req.postData());
    assert.match(sent.customer, /THIRD time/, "the customer's message goes with the draft");
    assert.equal(sent.reply, 'Thanks for your patience, I have checked the tracking with the courier.');
  });

  it('the API refuses the session without its CSRF header', async () => {
    const { page } = b;
    const res = await page.evaluate(async () => {
      const r = await fetch('/api/v1/coach', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"reply":"hi"}' });
      return { status: r.status, body: await r.json() };
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'csrf');
    b.watcher.forget(/403/);
  });

  it('lists the questions still to answer', async () => {
    const { page } = b;
    await page.goto(`${heed.base}/tickets/${confused}`);
    await page.waitForSelector('.coach-questions li');
    const open = () => page.$$eval('.coach-questions li.open q', (qs) => qs.map((q) => q.textContent));
    const before = await open();
    assert.ok(before.some((q) => /per seat or per workspace/.test(q)), before.join(' | '));
    await draft(page, 'Hi Zoe, you pay per seat now.');
    const after = await open();
    assert.ok(!after.some((q) => /per seat or per workspace/.test(q)), 'answered: ' + after.join(' | '));
    assert.ok(after.some((q) => /current plan/.test(q)), 'still open: ' + after.join(' | '));
    assert.match(await page.textContent('#coach-summary'), /not answered yet/);
  });

  it('gives internal notes no coach, and remembers being hidden', async () => {
    const { page } = b;
    await page.fill('#body', 'Unfortunately we cannot, calm down.');
    await page.click('#composer label:has(input[value=note])');
    assert.equal(await page.isVisible('#coach'), false, 'no coach on a note');
    assert.equal(await page.locator('.coach-backdrop mark').count(), 0);
    await page.click('#composer label:has(input[value=reply])');
    await page.waitForSelector('.coach-backdrop mark');
    await page.click('#coach-toggle');
    assert.equal(await page.getAttribute('#coach-toggle', 'aria-expanded'), 'false');
    assert.equal(await page.isVisible('#coach-body'), false);
    await page.reload();
    assert.equal(await page.getAttribute('#coach-toggle', 'aria-expanded'), 'false', 'remembered');
    const n = coachCalls.length;
    await page.fill('#body', 'calm down');
    await page.waitForTimeout(500);
    assert.equal(coachCalls.length, n, 'a hidden coach asks nothing');
    await page.click('#coach-toggle');
    await page.waitForSelector('.coach-backdrop mark[data-code=dismissive]');
    b.watcher.assertClean('notes and collapse');
  });

  it('shows the most serious flags first and folds the rest behind "Show N more", remembered', async () => {
    const { page } = b;
    await page.evaluate(() => window.localStorage.removeItem('heed.coach.allflags'));
    await page.goto(`${heed.base}/tickets/${angry}`);
    await draft(page, 'Hi Tom, unfortunately that is not our problem, you should have checked the address. Calm down. We will look into it soon.');
    const cards = () => page.$$eval('.coach-flags .coach-flag', (ls) => ls.map((l) => [l.dataset.code, !l.hidden]));
    const all = await cards();
    assert.ok(all.length >= 5, `five or more flags: ${JSON.stringify(all)}`);
    assert.deepEqual(all.slice(0, 3).map((c) => c[0]), ['blame', 'dismissive', 'no_empathy'], 'by severity');
    assert.deepEqual(all.map((c) => c[1]), all.map((c, i) => i < 3), 'three shown, the rest folded');
    const more = page.locator('.coach-more');
    assert.equal(await more.textContent(), `Show ${all.length - 3} more`);
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    // the marks in the draft still show every flag
    assert.equal(new Set((await marks(page)).map((m) => m[0])).size >= 5, true);
    // by keyboard: the toggle is a button in the tab order
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    assert.equal(await more.textContent(), 'Show fewer');
    assert.ok((await cards()).every((c) => c[1]), 'all shown');
    await page.reload();
    await draft(page, 'Hi Tom, unfortunately that is not our problem, you should have checked the address. Calm down. We will look into it soon.');
    assert.ok((await cards()).every((c) => c[1]), 'remembered after a reload');
    await page.locator('.coach-more').click();
    assert.deepEqual((await cards()).map((c) => c[1]), all.map((c, i) => i < 3), 'folded again');
    b.watcher.assertClean('long flag list');
  });

  it("promises in the agent's own zone: a New York agent's \"by 5pm\" is 17:00 Eastern", async () => {
    const ny = await browserFor(heed.base, 'jordan@heed.test');
    try {
      const { page } = ny;
      await page.goto(`${heed.base}/tickets/${angry}`);
      assert.equal(await page.getAttribute('#coach', 'data-tz'), 'America/New_York');
      let sent = null;
      page.on('request', (req) => { if (req.url().endsWith('/api/v1/coach')) sent = JSON.parse(req.postData()); });
      await draft(page, "I'll call you by 5pm.");
      assert.equal(sent.tz, 'America/New_York', 'the draft goes with the agent zone');
      const due = page.locator('.coach-promises .coach-due');
      const iso = await due.getAttribute('data-due');
      assert.match(iso, /T17:00:00-0[45]:00$/, iso);
      assert.match(await due.textContent(), /^due \w{3} \d{1,2} \w{3}, 17:00 E[SD]T$/);
      assert.equal(await due.getAttribute('title'), `${iso} (America/New_York)`);
      ny.watcher.assertClean('New York agent');
    } finally { await ny.context.close(); }
  });

  it('an agent sets their own zone on the settings page; a bad one is refused and names the field', async () => {
    const pr = await browserFor(heed.base, 'priya@heed.test');
    try {
      const { page } = pr;
      await page.click('nav a[href="/settings"]');
      assert.equal(await page.textContent('#tz-current'), 'Asia/Kolkata');
      assert.match(await page.textContent('.tz-now'), /IST, UTC\+05:30/);
      assert.ok(await page.locator('#zones option[value="America/New_York"]').count(), 'the zones to pick from');
      await page.fill('#timezone', 'Mars/Olympus');
      await page.click('.settings button[type=submit]');
      assert.match(await page.textContent('#tz-error'), /unknown time zone "Mars\/Olympus"/);
      assert.equal(await page.getAttribute('#timezone', 'aria-invalid'), 'true');
      assert.equal(await page.textContent('#tz-current'), 'Asia/Kolkata', 'unchanged');
      pr.watcher.forget(/422/);
      await page.fill('#timezone', 'Europe/Berlin');
      await Promise.all([page.waitForURL(/flash=Time/), page.click('.settings button[type=submit]')]);
      assert.equal(await page.textContent('#tz-current'), 'Europe/Berlin');
      await page.fill('#timezone', 'Asia/Kolkata');
      await Promise.all([page.waitForURL(/flash=Time/), page.click('.settings button[type=submit]')]);
      pr.watcher.assertClean('settings');
    } finally { await pr.context.close(); }
  });

  it('never stops the reply from sending, flags and all', async () => {
    const { page } = b;
    await page.goto(`${heed.base}/tickets/${confused}`);
    const text = `Unfortunately we can't do that, calm down. ${Date.now()}`;
    await draft(page, text);
    assert.ok(await page.locator('.coach-flag').count());
    await Promise.all([page.waitForURL(/flash=Reply/), page.click('#send')]);
    const got = await heed.api('GET', `/api/v1/tickets/${confused}`);
    const msgs = got.json.messages ?? got.json.ticket?.messages;
    assert.ok(msgs.some((m) => m.kind === 'reply' && m.body === text), 'the reply is stored as written');
    b.watcher.assertClean('after sending');
  });
});
