// Every page loads with no console errors, no CSP violations, its assets
// served, and no sideways scrolling on a laptop screen.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { browserFor } from './helpers.mjs';

let heed, b, ticketId, customerId;
before(async () => {
  heed = await startHeed({ demo: true });
  b = await browserFor(heed.base, 'ada@heed.test');
  const list = await heed.api('GET', '/api/v1/tickets?limit=1');
  const t = (list.json.tickets ?? list.json.items ?? list.json.data ?? list.json)[0];
  ticketId = t.id;
  customerId = t.customer_id ?? t.customer?.id;
});
after(async () => {
  await b?.context.close();
  await heed?.stop();
});

const pages = () => [
  ['inbox', '/inbox', 200], ['all open', '/inbox?view=all', 200], ['search', '/inbox?view=all&q=order', 200],
  ['ticket', `/tickets/${ticketId}`, 200], ['customer', `/customers/${customerId}`, 200],
  ['admin', '/admin', 200], ['new ticket', '/tickets/new', 200], ['missing ticket', '/tickets/987654', 404],
];

describe('every page', () => {
  for (const width of [1366, 1024]) {
    it(`loads cleanly at ${width}px wide`, async () => {
      const { page, watcher } = b;
      await page.setViewportSize({ width, height: 800 });
      for (const [name, path, status] of pages()) {
        const res = await page.goto(heed.base + path);
        assert.equal(res.status(), status, name);
        const csp = res.headers()['content-security-policy'] ?? '';
        assert.match(csp, /default-src 'self'/, `${name} has a CSP`);
        const s = await page.evaluate(() => ({
          css: getComputedStyle(document.body).fontFamily,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          external: [...document.querySelectorAll('[src],[href]')].map((e) => e.getAttribute('src') ?? e.getAttribute('href'))
            .filter((u) => /^(https?:)?\/\//.test(u)),
          inline: document.querySelectorAll('[style],[onclick],[onload],[onchange],script:not([src])').length,
        }));
        assert.match(s.css, /system-ui/, `${name}: the stylesheet applied`);
        assert.ok(s.overflow <= 0, `${name}: no sideways scroll at ${width}px (overflow ${s.overflow}px)`);
        assert.deepEqual(s.external, [], `${name}: nothing from another origin`);
        assert.equal(s.inline, 0, `${name}: no inline styles or handlers`);
      }
      watcher.assertClean(`at ${width}px`);
    });
  }

  it('the sign-in page loads cleanly too', async () => {
    const { page, context, watcher } = b;
    await context.clearCookies();
    const res = await page.goto(heed.base + '/login');
    assert.equal(res.status(), 200);
    // autofocus is applied by the browser after load, in a task of its own (under load it can
    // come after goto returns): wait for it, and fail if it never comes
    await page.waitForFunction(() => document.activeElement && document.activeElement.name === 'email', null, { timeout: 5000 })
      .catch(() => assert.fail('the email field has focus'));
    assert.equal(await page.locator('.topbar').count(), 0);
    const icon = await context.request.get(heed.base + '/static/icon.svg');
    assert.equal(icon.status(), 200);
    assert.match(icon.headers()['content-type'], /image\/svg\+xml/);
    watcher.assertClean();
  });
});
