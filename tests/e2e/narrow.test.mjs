// A phone (390 x 844): no page scrolls sideways, and nothing in the top bar runs off the screen.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, closeDemo } from './helpers.mjs';

let heed, b, ticketId, customerId;
before(async () => {
  ({ heed, browser: b } = await openDemo('ada@heed.test'));
  const t = (await heed.api('GET', '/api/v1/tickets?limit=1')).json.tickets[0];
  ticketId = t.id;
  customerId = t.customer.id;
  await b.page.setViewportSize({ width: 390, height: 844 });
});
after(() => closeDemo(heed, b));

async function overflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll('.topbar, .topbar *')) {
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > width + 0.5 || r.left < -0.5)) out.push(`${el.tagName.toLowerCase()}.${el.className} spans ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return out;
  });
}

describe('at 390 px wide', () => {
  it('every page fits, header included', async () => {
    const { page } = b;
    const problems = [];
    for (const path of ['/inbox', '/inbox?view=all', `/tickets/${ticketId}`, '/tickets/new', `/customers/${customerId}`,
      '/settings', '/admin', '/admin/agents/2', '/admin/outbox', '/customers']) {
      await page.goto(heed.base + path);
      for (const p of await overflow(page)) problems.push(`${path}: ${p}`);
    }
    assert.deepEqual(problems, []);
  });

  it('the sign-in page fits too', async () => {
    const { page, context } = b;
    await context.clearCookies();
    await page.goto(heed.base + '/login');
    assert.deepEqual(await overflow(page), []);
  });
});
