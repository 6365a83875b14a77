// Focus mode as an agent uses it, from the keyboard: f opens the ticket to work now with the
// reasons it comes first and nothing beside it; a skip needs a reason (a blank one comes back
// beside the field); a sent reply goes straight on to the next ticket.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, alex;
before(async () => ({ heed, browser: alex } = await openDemo('alex@heed.test')));
after(async () => closeDemo(heed, alex));

const shown = (page) => Number(/\/tickets\/(\d+)/.exec(page.url())?.[1] || 0);

it('f opens the ticket to work now; skip asks why; a reply moves on to the next', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/inbox`);
  await Promise.all([page.waitForURL(/\/tickets\/\d+\?focus=1/), page.keyboard.press('f')]);
  const first = shown(page);
  assert.ok(first > 0);
  assert.match(await page.textContent('#focus-bar'), /why this one now: /);
  assert.equal(await page.locator('aside.side').isVisible(), false, 'nothing beside the work');
  await page.screenshot({ path: '/tmp/heed-focus.png', fullPage: false });
  // a blank reason is refused, beside the field, and the skip form stays open
  await page.click('#focus-skip summary');
  await page.fill('#skip-reason', '   ');
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('#focus-skip button[type=submit]')]);
  assert.match(await page.textContent('#skip-error'), /reason/);
  assert.equal(shown(page) || first, first);
  await page.fill('#skip-reason', 'Waiting on the warehouse to call back');
  await Promise.all([page.waitForURL(/focus=1&flash=Skipped/), page.click('#focus-skip button[type=submit]')]);
  const second = shown(page);
  assert.ok(second > 0 && second !== first, 'the skipped ticket is passed over');
  // reply from the keyboard: r, type, Ctrl+Enter; then the next ticket is on screen
  await page.keyboard.press('r');
  await page.keyboard.type('Thanks for your patience, I have sorted this out for you.');
  await Promise.all([page.waitForURL(/focus=1&flash=Reply\+sent/), page.keyboard.press('Control+Enter')]);
  assert.notEqual(shown(page), second, 'on to the next ticket after the reply');
  const skips = (await heed.api('GET', '/api/v1/focus/skips')).json.skips;
  assert.ok(skips.some((k) => k.ticket_id === first && k.reason === 'Waiting on the warehouse to call back' && k.agent === 'Alex Moreau'));
});
