// Work is never lost on the ticket page: nothing saves until the agent says so (an arrow
// key on a select changes nothing), a stale page cannot undo a colleague's change, and a
// reply to a ticket that changed meanwhile is held with its text kept.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b;
before(async () => { ({ heed, browser: b } = await openDemo('alex@heed.test')); });
after(() => closeDemo(heed, b));

const ticket = async (id) => (await heed.api('GET', `/api/v1/tickets/${id}`)).json;
async function openTicket() {
  const list = await heed.api('GET', '/api/v1/tickets?status=open&limit=5');
  const t = list.json.tickets[0];
  await b.page.goto(`${heed.base}/tickets/${t.id}`);
  return t;
}

describe('the ticket page', () => {
  it('an arrow key on Status changes nothing and keeps focus; Save saves', async () => {
    const { page } = b;
    const t = await openTicket();
    await page.fill('#body', 'Half-written reply that must survive');
    await page.focus('#status');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(300);
    assert.equal((await ticket(t.id)).status, t.status, 'nothing was saved');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'status', 'focus stays on the select');
    assert.equal(await page.inputValue('#body'), 'Half-written reply that must survive');
    await page.selectOption('#status', 'pending');
    await Promise.all([page.waitForURL(/flash=Saved/), page.click('#save-props')]);
    assert.equal((await ticket(t.id)).status, 'pending');
  });

  it('a stale properties form does not undo a colleague: it shows what changed and re-applies only the agent\'s change', async () => {
    const { page } = b;
    const t = await openTicket();
    const before = await ticket(t.id);
    // a colleague sets the owner while Alex's page is open
    const agents = (await heed.api('GET', '/api/v1/agents')).json;
    // (someone other than the ticket's owner: which ticket lists first depends on the time of
    // day the demo is made, and one of them is already Jordan's)
    const agent = (email) => (agents.agents ?? agents).find((a) => a.email === email);
    const jordan = agent('jordan@heed.test');
    const colleague = before.owner?.id === jordan.id ? agent('priya@heed.test') : jordan;
    assert.equal((await heed.api('PATCH', `/api/v1/tickets/${t.id}`, { owner: colleague.id })).status, 200);
    // Alex changes only the priority on the stale page
    const prio = before.priority === 'urgent' ? 'low' : 'urgent';
    await page.selectOption('#priority', prio);
    await page.click('#save-props');
    await page.waitForSelector('#stale');
    const notice = await page.textContent('#stale');
    assert.match(notice, /changed while you were working/);
    assert.match(notice, new RegExp(`owner: .* → ${colleague.name.split(' ')[0]}`));
    assert.match(notice, new RegExp(`priority → ${prio}`));
    let now = await ticket(t.id);
    assert.equal(now.owner.id, colleague.id, 'the colleague\'s owner stays');
    assert.equal(now.priority, before.priority, 'nothing of the stale form was saved');
    await Promise.all([page.waitForURL(/flash=Saved/), page.click('#reapply button[type=submit]')]);
    now = await ticket(t.id);
    assert.equal(now.priority, prio, 'the agent\'s own change is applied');
    assert.equal(now.owner.id, colleague.id, 'and the owner is still the colleague\'s choice');
    const hist = (await page.textContent('.history'));
    assert.doesNotMatch(hist, new RegExp(`owner: ${colleague.name.split(' ')[0]}[^\\n]*→ nobody`));
  });

  it('a reply to a ticket that changed meanwhile is held, its text kept, and sent on the second press', async () => {
    const { page } = b;
    const t = await openTicket();
    const text = 'We have refunded the second charge; it shows within 3 days.';
    await page.fill('#body', text);
    assert.equal((await heed.api('POST', `/api/v1/tickets/${t.id}/notes`, { body: 'Customer called again, very upset.' })).status, 201);
    const count = (await ticket(t.id)).messages.length;
    const [res] = await Promise.all([page.waitForNavigation(), page.click('#send')]);
    assert.equal(res.status(), 409);
    assert.match(await page.textContent('#stale'), /added an internal note/);
    assert.equal((await page.inputValue('#body')).trim(), text, 'the reply is kept');
    assert.equal((await ticket(t.id)).messages.length, count, 'nothing was sent');
    await Promise.all([page.waitForURL(/flash=Reply/), page.click('#send')]);
    const msgs = (await ticket(t.id)).messages;
    assert.equal(msgs.at(-1).body, text);
  });
});

describe('the New ticket form', () => {
  it('a refused form comes back with the error beside its field and everything typed kept', async () => {
    const { page } = b;
    await page.goto(`${heed.base}/tickets/new`);
    await page.fill('#new-email', 'kim@example.com');
    await page.fill('#new-name', 'Kim Lee');
    await page.fill('#new-subject', '   ');
    await page.fill('#new-message', 'Called about a double charge on order 5521.');
    await page.selectOption('select[name=priority]', 'high');
    const [res] = await Promise.all([page.waitForNavigation(), page.click('form[action="/tickets/new"] button[type=submit]')]);
    assert.equal(res.status(), 422);
    assert.match(await page.textContent('#new-subject-error'), /subject/);
    assert.equal(await page.getAttribute('#new-subject', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#new-email'), 'kim@example.com');
    assert.equal(await page.inputValue('#new-name'), 'Kim Lee');
    assert.equal(await page.inputValue('#new-message'), 'Called about a double charge on order 5521.');
    assert.equal(await page.inputValue('select[name=priority]'), 'high');
    await page.fill('#new-subject', 'Double charge on order 5521');
    await Promise.all([page.waitForURL(/flash=Ticket\+created/), page.click('form[action="/tickets/new"] button[type=submit]')]);
    const id = Number(page.url().match(/\/tickets\/(\d+)/)[1]);
    const t = await ticket(id);
    assert.equal(t.owner.name, 'Alex Moreau', 'a ticket an agent logs is theirs');
    assert.equal(t.priority, 'high');
  });
});

describe('the customer page', () => {
  it('#edit opens the form; a refused correction keeps what was typed; a good one saves', async () => {
    const { page } = b;
    const list = (await heed.api('GET', '/api/v1/tickets?limit=2')).json.tickets;
    const [one, other] = [list[0].customer, list.find((t) => t.customer.id !== list[0].customer.id)?.customer ?? list[1].customer];
    await page.goto(`${heed.base}/customers/${one.id}#edit`);
    assert.equal(await page.evaluate(() => document.getElementById('edit').open), true);
    await page.fill('#customer-name', 'Corrected Name');
    await page.fill('#customer-email', other.email.toUpperCase());
    const [res] = await Promise.all([page.waitForNavigation(), page.click('#edit button[type=submit]')]);
    assert.equal(res.status(), 409);
    assert.match(await page.textContent('#customer-email-error'), /another customer/);
    assert.equal(await page.inputValue('#customer-name'), 'Corrected Name');
    assert.equal(await page.inputValue('#customer-email'), other.email.toUpperCase());
    await page.fill('#customer-email', 'fixed.address@example.com');
    await Promise.all([page.waitForURL(/flash=Saved/), page.click('#edit button[type=submit]')]);
    const c = (await heed.api('GET', `/api/v1/customers/${one.id}`)).json;
    assert.deepEqual([c.name, c.email], ['Corrected Name', 'fixed.address@example.com']);
  });
});

describe('names from mail', () => {
  it('"Okafor, Tunde" in From reads "Tunde Okafor" on the ticket', async () => {
    const { page } = b;
    const t = (await heed.api('GET', '/api/v1/tickets?q=tunde.okafor')).json.tickets[0];
    assert.equal(t.customer.name, 'Tunde Okafor');
    await page.goto(`${heed.base}/tickets/${t.id}`);
    assert.match(await page.textContent('#composer .mode'), /Reply to Tunde Okafor/);
  });
});
