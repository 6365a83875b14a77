// A message the coach cannot read is said so, not judged as English: the customer's chip says
// "Not English (de)", and a German reply gets no made-up advice in the live coach.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, alex, ticketId;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Bestellung fehlt', customer: { email: 'jonas.de@example.com', name: 'Jonas Kraus' },
    message: 'Das ist eine Frechheit! Ich warte seit drei Wochen auf meine Bestellung und niemand hilft mir. Wo ist mein Paket?' });
  ticketId = t.json.id;
});
after(async () => closeDemo(heed, alex));

it('says the coach does not read German rather than reading it as English', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${ticketId}`);
  const chip = page.locator('.msg.customer [data-cue=language]').first();
  assert.equal(await chip.getAttribute('data-language'), 'de');
  assert.match(await chip.textContent(), /Not English \(de\)/);
  assert.equal(await page.locator('.msg.customer [data-cue=urgent], .msg.customer [data-cue=complaint]').count(), 0, 'no English cues');
  await page.fill('#body', 'Es tut mir leid, ich kümmere mich sofort darum und melde mich heute noch bei Ihnen.');
  await page.locator('#coach-results .coach-language').waitFor({ timeout: 5000 });
  assert.match(await page.locator('#coach-results .coach-language').textContent(), /looks like German\. The coach reads English only/);
  assert.equal(await page.locator('#coach-flags').count(), 0);
  assert.match(await page.locator('#coach-summary').textContent(), /Not read/);
  // English still gets its advice
  await page.fill('#body', 'Unfortunately that is not my department. You need to contact the courier.');
  await page.locator('#coach-flags').waitFor({ timeout: 5000 });
});
