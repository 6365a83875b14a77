// The live coach reads the whole thread (issue 12, part 5): a question an earlier reply on the
// ticket answered says "Answered earlier", not "Not answered yet"; the customer who writes again
// after our answer "has written before"; and every draft is judged against the reading the page
// shows, which the page sends with it. Demo ticket: Aiko Tanaka asks again where to download
// her 2025 invoices (our reply told her) and whether her accountant can have a login (it did not).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b, aiko;
const payloads = [];

before(async () => {
  ({ heed, browser: b } = await openDemo('alex@heed.test'));
  const list = (await heed.api('GET', `/api/v1/tickets?q=${encodeURIComponent('export invoices')}&limit=5`)).json.tickets;
  aiko = list.find((t) => t.subject === 'How do I export my invoices?').id;
  b.page.on('request', (req) => { if (req.url().endsWith('/api/v1/coach')) payloads.push(JSON.parse(req.postData())); });
});
after(async () => closeDemo(heed, b));

const states = (page) => page.$$eval('.coach-questions li', (lis) =>
  lis.map((li) => [li.querySelector('.coach-q-state').textContent, li.querySelector('q').textContent]));

describe('the live coach reads the whole thread', () => {
  it('marks a question an earlier reply answered, and the customer who writes again', async () => {
    const { page } = b;
    await page.goto(`${heed.base}/tickets/${aiko}`);
    assert.match(await page.textContent('#coach-mood'), /Has written before/, 'she wrote, we answered, she writes again');
    await page.waitForSelector('.coach-questions li');
    const before = await states(page);
    assert.equal(before.length, 2);
    assert.equal(before[0][0], 'Answered earlier', `the download question was answered: ${JSON.stringify(before)}`);
    assert.equal(before[1][0], 'Not answered yet', 'the login question was not');
    assert.match(await page.textContent('#coach-summary'), /^1 question to answer/);

    await page.fill('#body', "Yes, your accountant can have her own login: I've sent her an invitation just now.");
    await page.waitForFunction(() => [...document.querySelectorAll('.coach-questions li .coach-q-state')]
      .map((s) => s.textContent).join('|') === 'Answered earlier|Answered');
    assert.equal(await page.locator('#coach-flags li[data-code=unanswered_question]').count(), 0);
    const last = payloads[payloads.length - 1];
    assert.match(last.earlier, /Billing → Invoices/, 'the earlier reply goes with the draft');
    assert.equal(last.reading.repeat_contact, true, 'and the reading the page shows');
    b.watcher.assertClean('on a thread read as a whole');
  });
});
