// Macros as an agent uses them: "/refund" in the reply box offers the team's saved reply,
// Enter puts it in filled for this customer, the coach reads it, and sending it also sets
// the ticket's status and tags; /macros shows what the coach flags in a saved reply and
// keeps a refused one as typed; "after send: next ticket" moves on by itself.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, alex, ticketId;
before(async () => {
  ({ heed, browser: alex } = await openDemo('alex@heed.test'));
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Double charge', customer: { email: 'lea.macro@example.com', name: 'Lea Vogt' }, message: 'I was charged twice, please refund one.' });
  ticketId = t.json.id;
});
after(async () => closeDemo(heed, alex));

it('/shortcut puts the saved reply in, filled in; sending it applies its actions', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/tickets/${ticketId}`);
  await page.click('#body');
  await page.keyboard.type('/refund');
  const option = page.locator('#macro-suggest [role=option]').first();
  await option.waitFor();
  assert.match(await option.textContent(), /Refund started/);
  await page.keyboard.press('Enter');
  const text = await page.inputValue('#body');
  assert.match(text, /^Hi Lea,\n\nI'm sorry for the trouble\. I have started your refund today/);
  assert.match(text, /Best,\nAlex$/);
  assert.doesNotMatch(text, /\/refund|\{\{/);
  assert.ok(Number(await page.inputValue('#macro-id')) > 0, 'the macro used goes with the reply');
  await page.locator('#coach-summary').filter({ hasNotText: 'Start your reply' }).waitFor(); // the coach read it
  await Promise.all([page.waitForURL(/flash=Reply\+sent/), page.click('#send')]);
  assert.equal(await page.locator('#status-badge').textContent(), 'Pending');
  const t = await heed.api('GET', `/api/v1/tickets/${ticketId}`);
  assert.deepEqual(t.json.tags, ['refund']);
});

it('/macros: the coach\'s word on a saved reply, and a refused macro kept as typed', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/macros`);
  const old = page.locator('#macros-table tr', { hasText: 'Courier delay (old wording)' });
  assert.ok(await old.locator('.flags [data-flag]').count() > 0, 'the coach flags passing the buck');
  await page.fill('#macro-name', 'Welcome back');
  await page.fill('#macro-body', 'Hi {{customer.nickname}}, good to hear from you again.');
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('#new-macro button[type=submit]')]);
  assert.match(await page.textContent('#macro-body-error'), /unknown placeholder \{\{customer\.nickname\}\}/);
  assert.equal(await page.inputValue('#macro-name'), 'Welcome back', 'what was typed is kept');
  await page.fill('#macro-body', 'Hi {{customer.first_name}}, good to hear from you again.');
  await Promise.all([page.waitForURL(/flash=Macro\+saved/), page.click('#new-macro button[type=submit]')]);
  assert.equal(await page.locator('#macros-table tr', { hasText: 'Welcome back' }).locator('kbd').textContent(), '/welcome-back');
  await page.screenshot({ path: '/tmp/heed-macros.png', fullPage: true });
});

it('after send: the next ticket, when the agent chose it', async () => {
  const { page } = alex;
  await page.goto(`${heed.base}/settings`);
  await page.check('input[name=after_send][value=next]');
  await Promise.all([page.waitForURL(/flash=Saved/), page.click('#after-send button[type=submit]')]);
  const t = await heed.api('POST', '/api/v1/tickets', { subject: 'Moving on', customer: { email: 'next.macro@example.com' }, message: 'Hello?' });
  await page.goto(`${heed.base}/tickets/${t.json.id}`);
  await page.fill('#body', 'Hello! Yes, we are here. What can I do for you?');
  await Promise.all([page.waitForURL(/\/tickets\/\d+\?focus=1|\/focus/), page.click('#send')]);
  assert.match(page.url(), /focus/, 'on to the next ticket to work');
});
