// The screenshots in docs/screenshots/ (docs/WORKSPACE.md shows them), from a `heed demo`
// database served at base:   node tests/e2e/shoot_docs.mjs [base-url]   (default http://127.0.0.1:18182)
// Not a test: run it by hand after a change to these pages, look at the files, commit them.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';

const base = process.argv[2] || 'http://127.0.0.1:18182';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const b = await launch({ viewport: { width: 1366, height: 860 } });
const page = b.pages()[0] || await b.newPage();
const shot = (name, full = false) => page.screenshot({ path: join(out, `${name}.png`), fullPage: full });

await page.goto(base + '/login');
await page.fill('input[name=email]', 'alex@heed.test');
await page.fill('input[name=password]', 'heed-demo-2026');
await Promise.all([page.waitForURL('**/inbox'), page.click('form[action="/login"] button[type=submit]')]);
await page.goto(base + '/inbox?view=all&sort=attention');
await shot('inbox-needs-attention');
// the ticket the demo's Marco wrote: promises, attention, the customer panel, suggestions
await page.goto(base + '/inbox?view=all&q=router');
await page.locator('#ticket-list tbody tr a').first().click();
await page.waitForLoadState('domcontentloaded');
await shot('ticket', true);
// the live coach reading the whole thread (issue 12): Aiko asks again; one question was answered
await page.goto(base + '/inbox?view=all&q=export+invoices');
await page.locator('#ticket-list tbody tr a').first().click();
await page.waitForSelector('.coach-questions li');
await page.fill('#body', "Hi Aiko, sorry, it's not my department. You need to contact your accountant.");
await page.waitForSelector('#coach-flags li');
await page.locator('#coach').scrollIntoViewIfNeeded();
await page.locator('#coach').screenshot({ path: join(out, 'coach-thread.png') });
await page.fill('#body', '');
await page.goto(base + '/focus');
await shot('focus-mode');
await page.goto(base + '/kb');
await shot('knowledge-base');
await page.goto(base + '/help/why-was-i-charged-twice');
await shot('help-article');
await page.setViewportSize({ width: 390, height: 844 });
await page.goto(base + '/inbox?view=all&sort=attention');
await shot('inbox-390px');
await b.close();
console.log(`screenshots in ${out}`);
