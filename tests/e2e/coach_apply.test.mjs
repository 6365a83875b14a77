// The coach's "Use suggestion" on a long draft with non-ASCII text before the flagged words
// (issue 9: a replacement cut mid-word, the rest of the draft lost, "Unfortunately here's
// what we can do track your parcel yet"): a drop-in replaces exactly its span and keeps
// every character around it; a suggestion that would not read in place is offered as a way
// to rephrase the sentence and never spliced into the draft.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b, id;
before(async () => {
  ({ heed, browser: b } = await openDemo('alex@heed.test'));
  id = (await heed.api('GET', '/api/v1/tickets?status=open&limit=1')).json.tickets[0].id;
});
after(() => closeDemo(heed, b));

// UTF-8 bytes differ from UTF-16 indices here: ü, 👋🏽 (two surrogate pairs), —, ü
const BEFORE = 'Hallo Jürgen 👋🏽, danke für Ihre Geduld — ich habe alles geprüft. ';
// one sentence of 76 words whose two halves are over 160 bytes each (each half was clipped there)
const LONG = "I looked at your order again this morning and I checked the courier's records for the parcel you sent us last " +
  'week from the depot in Leipzig and the parcel left that depot on Tuesday afternoon after the usual customs check and ' +
  'it should reach you by Friday at the latest and if it does not arrive by then we will send a new one at no cost to ' +
  'you and refund the shipping in full straight away.';
const AFTER = ' Thanks again for your patience — Alex 🙂';

// types the draft and waits until the coach has read exactly it
async function draft(page, text) {
  await page.fill('#body', text);
  await page.waitForFunction((t) => {
    const bd = document.querySelector('.coach-backdrop');
    return bd && bd.textContent === t + '\n' && bd.dataset.reported === '1';
  }, text);
}

describe('Use suggestion', () => {
  it('splits a long sentence after non-ASCII text in place, keeping the text before and after whole', async () => {
    const { page } = b;
    await page.goto(`${heed.base}/tickets/${id}`);
    await draft(page, BEFORE + LONG + AFTER);
    const flag = page.locator('.coach-flag[data-code=hard_to_read]');
    const suggestion = await flag.locator('.coach-use q').textContent();
    assert.ok(suggestion.endsWith('in full straight away.'), `the suggestion is whole: ${suggestion}`);
    // split in two, every word kept (but the "and" it splits at)
    const words = (t) => t.toLowerCase().match(/[a-z']+/g).filter((w) => w !== 'and');
    assert.deepEqual(words(suggestion), words(LONG));
    await flag.locator('.coach-use').click();
    assert.equal(await page.inputValue('#body'), BEFORE + suggestion + AFTER);
    b.watcher.assertClean('after a long rewrite');
  });

  it('replaces a short span after non-ASCII text exactly, the rest of the sentence kept', async () => {
    const { page } = b;
    const head = BEFORE + "We can't refund the fee, ";
    const tail = '. The courier has it — see you soon, Zoë.';
    await draft(page, head + 'calm down' + tail);
    const flag = page.locator('.coach-flag[data-code=dismissive]');
    const suggestion = await flag.locator('.coach-use q').textContent();
    await flag.locator('.coach-use').click();
    assert.equal(await page.inputValue('#body'), head + suggestion + tail);
  });

  it('offers "we cannot" as a way to rephrase the sentence, not a splice; the draft is untouched', async () => {
    const { page } = b;
    const text = BEFORE + 'Unfortunately we cannot track your parcel yet. I will write again tomorrow.';
    await draft(page, text);
    const flags = page.locator('.coach-flag[data-code=negative_phrasing]');
    assert.ok(await flags.count() >= 1);
    assert.equal(await flags.locator('.coach-use').count(), 0, 'no one-click splice for a phrase that would not read in place');
    const cannot = flags.filter({ has: page.locator('.coach-flag-head q', { hasText: 'we cannot' }) });
    assert.match(await cannot.locator('.coach-hint').textContent(), /Try rephrasing, e\.g\./);
    await cannot.locator('.coach-sentence').click();
    const sel = await page.evaluate(() => { const t = document.getElementById('body'); return t.value.slice(t.selectionStart, t.selectionEnd); });
    assert.equal(sel, 'Unfortunately we cannot track your parcel yet.');
    assert.equal(await page.inputValue('#body'), text);
  });
});
