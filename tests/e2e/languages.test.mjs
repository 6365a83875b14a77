// The coach reads English and Spanish (docs/COACH.md, "Spanish"); a message in another language is
// said so, not judged as English: the customer's chip says "Not English (de)", and a German reply
// gets no made-up advice in the live coach. A Spanish message gets its reading and a Spanish draft
// its advice.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, alex, ticketId, spanishId;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Bestellung fehlt', customer: { email: 'jonas.de@example.com', name: 'Jonas Kraus' },
    message: 'Das ist eine Frechheit! Ich warte seit drei Wochen auf meine Bestellung und niemand hilft mir. Wo ist mein Paket?' });
  ticketId = t.json.id;
  const e = await heed.api('POST', '/api/v1/tickets', { subject: 'Pedido sin llegar', customer: { email: 'lucia.es@example.com', name: 'Lucía Fernández' },
    message: '¡Esto es inaceptable! Llevo tres semanas esperando mi pedido y nadie me contesta. Estoy harta. ¿Dónde está mi pedido? ¿Cuándo llega?' });
  spanishId = e.json.id;
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
  assert.match(await page.locator('#coach-results .coach-language').textContent(), /looks like German\. The coach reads English and Spanish only/);
  assert.equal(await page.locator('#coach-flags').count(), 0);
  assert.match(await page.locator('#coach-summary').textContent(), /Not read/);
  // English still gets its advice
  await page.fill('#body', 'Unfortunately that is not my department. You need to contact the courier.');
  await page.locator('#coach-flags').waitFor({ timeout: 5000 });
});

it('reads a Spanish message and coaches a Spanish draft', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${spanishId}`);
  const msg = page.locator('.msg.customer').first();
  // the chips show the reading: an emotion, the complaint, two questions; never "not read"
  assert.match(await msg.locator('[data-emotion]').first().getAttribute('data-emotion'), /^(angry|frustrated)$/);
  assert.equal(await msg.locator('[data-cue=complaint]').count(), 1);
  assert.match(await msg.locator('[data-cue=questions]').textContent(), /2 questions/);
  assert.equal(await msg.locator('[data-cue=language]').getAttribute('data-language'), 'es');
  assert.doesNotMatch(await msg.textContent(), /Not English|not read/);
  // and the words it read them from, in Spanish, as an English message has its own
  assert.match(await page.locator('#coach-because').textContent(), /Read from .*(inaceptable|harta)/);
  await page.screenshot({ path: '/tmp/heed-spanish-ticket.png', fullPage: true });
  // a draft that passes the buck: flagged, with a Spanish suggestion; no "not read" notice
  await page.fill('#body', 'No es mi departamento, tiene que llamar a su banco.');
  await page.locator('#coach-flags').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('#coach-results .coach-language').count(), 0);
  const flags = await page.locator('#coach-flags').textContent();
  assert.match(flags, /No es mi departamento|tiene que llamar/);
  assert.doesNotMatch(await page.locator('#coach-summary').textContent(), /Not read/);
  // a good Spanish draft: strengths, the questions answered
  await page.fill('#body', 'Hola Lucía, lamento mucho la espera. He revisado su pedido: está en camino y llega el jueves.');
  await page.waitForFunction(() => /Answered/.test(document.querySelector('#coach-results')?.textContent || ''), null, { timeout: 5000 });
  assert.doesNotMatch(await page.locator('#coach-results').textContent(), /Not answered yet/);
});
