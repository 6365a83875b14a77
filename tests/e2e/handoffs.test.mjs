// A warm hand-off as two agents do it: Alex asks Priya to take over with a note; the ticket
// stays Alex's until Priya accepts from the ticket page; the customer is told. Priya goes
// away and the inbox shows who is in.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo, browserFor } from './helpers.mjs';

let heed, alex, priya, id;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  priya = await browserFor(heed.base, 'priya@heed.test');
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Invoice shows the wrong VAT', customer: { email: 'lena@example.com', name: 'Lena Vogel' }, message: 'The VAT on my invoice is 19% but I am in Austria.' });
  id = t.json.id;
  const me = (await heed.api('GET', '/api/v1/agents')).json.agents.find((a) => a.email === 'alex@heed.test');
  await heed.api('PATCH', `/api/v1/tickets/${id}`, { owner: me.id });
});
after(async () => { await priya?.context.close(); await closeDemo(heed, alex); });

it('Alex asks, the ticket stays his, Priya accepts and owns it; the customer hears from her', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${id}`);
  await page.click('.handoff-ask summary');
  await page.selectOption('#handoff select[name=to]', { label: 'Priya Raman' });
  await page.fill('#handoff textarea[name=note]', 'Billing question: the VAT rate is wrong for Austria. I promised a corrected invoice today; she is calm.');
  await Promise.all([page.waitForURL(/flash=Asked/), page.click('#handoff-send')]);
  assert.match(await page.textContent('#handoff-pending'), /waiting/);
  assert.match(await page.textContent('.ticket-head .meta'), /owned by Alex Moreau/);

  const p = priya.page;
  await p.goto(`${heed.base}/notifications`);
  await Promise.all([p.waitForURL(new RegExp(`/tickets/${id}$`)), p.locator('#notifications li.unread button.title').first().click()]);
  assert.match(await p.textContent('#handoff-pending'), /asks you to take over/);
  assert.match(await p.textContent('#handoff-pending'), /corrected invoice today/);
  await p.screenshot({ path: '/tmp/heed-handoff.png' });
  await Promise.all([p.waitForURL(/flash=It/), p.click('#handoff-accept')]);
  assert.match(await p.textContent('.ticket-head .meta'), /owned by Priya Raman/);
  assert.match(await p.textContent('.conversation'), /Hi Lena, I'm Priya, and I'm looking after your request from now on/);
  assert.match(await p.textContent('#handoff'), /Handed off 1 time/);
});

it('Priya goes away; the inbox shows who is in', async () => {
  const p = priya.page;
  await p.goto(`${heed.base}/inbox`);
  assert.equal((await p.textContent('#presence')).trim(), '● In');
  await Promise.all([p.waitForURL(/\/inbox/), p.click('#presence')]);
  assert.equal((await p.textContent('#presence')).trim(), '○ Away');
  await alex.page.goto(`${heed.base}/inbox`);
  assert.equal(await alex.page.getAttribute('#who-is-in span:has-text("Priya Raman")', 'class'), 'agent-away');
  assert.equal(await alex.page.getAttribute('#who-is-in span:has-text("Alex Moreau")', 'class'), 'agent-in');
});
