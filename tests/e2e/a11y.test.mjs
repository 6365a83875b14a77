// Every page passes axe-core (WCAG 2.x A and AA rules) in light and dark: the
// test visits each page as an admin and signed out, runs axe in the page and
// fails on any violation, naming the rule and the elements it found.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openDemo, closeDemo } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let heed, b, ticketId, customerId;
before(async () => {
  ({ heed, browser: b } = await openDemo('ada@heed.test'));
  const list = await heed.api('GET', '/api/v1/tickets?limit=5');
  const t = list.json.tickets[0];
  ticketId = t.id;
  customerId = t.customer_id ?? t.customer?.id;
});
after(() => closeDemo(heed, b));

// Runs axe in the page (evaluate is not subject to the page's CSP) and returns
// its violations as short lines: "rule (impact): selector, selector".
async function violations(page) {
  const found = await page.evaluate(async (src) => {
    if (!window.axe) (0, eval)(src);
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE);
  return found;
}

// every page a signed-in agent can reach, with the path that shows it
const pages = () => [
  ['inbox', '/inbox'], ['all open', '/inbox?view=all'], ['search', '/inbox?view=all&q=order'],
  ['ticket', `/tickets/${ticketId}`], ['customer', `/customers/${customerId}`], ['new ticket', '/tickets/new'],
  ['settings', '/settings'], ['admin', '/admin'], ['agent', '/admin/agents/2'], ['customers', '/customers'], ['customer search', '/customers?q=a'], ['outbox', '/admin/outbox'], ['quarantine', '/admin/quarantine'],
  ['SLAs', '/admin/sla'], ['jobs', '/admin/jobs'], ['webhooks', '/admin/webhooks'], ['goodwill limits', '/admin/goodwill'],
  ['goodwill queue', '/goodwill'], ['incidents', '/incidents'], ['notifications', '/notifications'], ['focus', '/focus'],
  ['macros', '/macros'], ['needs attention', '/inbox?view=all&sort=attention'], ['knowledge base', '/kb'], ['article', '/kb/1'],
  ['help', '/help'], ['help article', '/help/why-was-i-charged-twice'], ['help search', '/help?q=router'],
  ['missing page', '/tickets/987654'],
  ['failed reply', '/tickets/1'], // the demo's first ticket: a reply refused with 550 (Resend, Fix the address)
];

describe('axe-core finds nothing', () => {
  for (const scheme of ['light', 'dark']) {
    it(`on every signed-in page, ${scheme}`, async () => {
      const { page } = b;
      await page.emulateMedia({ colorScheme: scheme });
      const problems = [];
      for (const [name, path] of pages()) {
        await page.goto(heed.base + path);
        for (const v of await violations(page)) problems.push(`${name} ${path}: ${v}`);
      }
      assert.deepEqual(problems, [], `axe violations (${scheme})`);
    });
  }

  it('on the signed-out pages (sign-in, forgot, reset), light and dark', async () => {
    const { page, context } = b;
    const cookies = await context.cookies();
    await context.clearCookies();
    const problems = [];
    try {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const path of ['/login', '/forgot', '/reset/not-a-real-token']) {
          await page.goto(heed.base + path);
          for (const v of await violations(page)) problems.push(`${path} (${scheme}): ${v}`);
        }
      }
    } finally {
      await context.addCookies(cookies);
    }
    assert.deepEqual(problems, [], 'axe violations on the signed-out pages');
  });
});
