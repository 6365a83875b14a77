// Screenshots of every page for a human (or an agent) to look at:
//   node tests/e2e/shoot.mjs [base-url]   (default http://127.0.0.1:18181, a `heed demo` database)
// PNGs go to tests/e2e/screenshots/ (ignored by git).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';

const base = process.argv[2] || 'http://127.0.0.1:18181';
const out = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
mkdirSync(out, { recursive: true });
const width = Number(process.env.WIDTH || 1366), height = Number(process.env.HEIGHT || 800);
const scheme = process.env.SCHEME || 'light';
const b = await launch({ viewport: { width, height }, colorScheme: scheme });
const page = b.pages()[0] || await b.newPage();
const problems = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${page.url()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
const shot = async (name, full = true) => { await page.screenshot({ path: join(out, `${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: full }); };

await page.goto(base + '/login');
await shot('login', false);
await page.fill('input[name=email]', 'ada@heed.test');
await page.fill('input[name=password]', 'wrong-password');
await page.click('button[type=submit]');
await shot('login-error', false);
await page.fill('input[name=password]', 'heed-demo-2026');
await page.click('button[type=submit]');
await page.waitForURL('**/inbox');
await shot('inbox-mine', false);
await page.goto(base + '/inbox?view=all');
await shot('inbox-all', false);
await page.goto(base + '/inbox?view=all&q=refund');
await shot('inbox-search', false);
await page.goto(base + '/inbox?view=all&q=zzzzqqq');
await shot('inbox-empty', false);
await page.goto(base + '/inbox?view=all');
const href = await page.getAttribute('tr[data-href]:nth-child(3)', 'data-href');
await page.goto(base + href);
await shot('ticket');
// a ticket with a reply and a note in its thread
await page.goto(base + '/tickets/1');
if (!(await page.locator('.msg.note').count())) {
  await page.fill('#body', 'Hi María, I am sorry you were charged twice. I have refunded the second charge of €49.00; it will show on your statement within 3–5 working days.\n\nIs there anything else I can help with?');
  await Promise.all([page.waitForURL(/flash=/), page.click('#send')]);
  await page.click('#composer label:has(input[value=note])');
  await page.fill('#body', 'Refund issued in Stripe (re_3PqA…). Billing bug is tracked as BILL-212.');
  await Promise.all([page.waitForURL(/flash=/), page.click('#send')]);
}
await shot('ticket-thread');
// the live reply coach on an upset customer's ticket
await page.goto(base + '/inbox?view=all&q=parcel+tracking');
await page.goto(base + await page.getAttribute('tr[data-href]', 'data-href'));
await page.fill('#body', "Hi Tom, unfortunately we can't refund you, calm down. We will look into it soon.");
await page.waitForSelector('.coach-flag');
await page.waitForTimeout(300);
await shot('ticket-coach');
await page.fill('#body', "Hi Tom, I'm so sorry about the wait, I can see how frustrating this is. I've asked the courier to trace the parcel and I'll send you a replacement by Friday.");
await page.waitForSelector('.coach-promises');
await page.waitForTimeout(300);
await shot('ticket-coach-good');
// a long list of flags: the three most serious, then "Show N more"
await page.evaluate(() => window.localStorage.removeItem('heed.coach.allflags'));
await page.fill('#body', 'Hi Tom, unfortunately that is not our problem, you should have checked the address. Calm down. We will look into it soon.');
await page.waitForSelector('.coach-more');
await page.waitForTimeout(300);
await shot('ticket-coach-long');
await page.goto(base + '/settings');
await shot('settings', false);
await page.goBack();
await page.click('#composer label:has(input[value=note])');
await page.fill('#body', 'Drafting a note…');
await shot('composer-note', false);
// files over the limit: heed.js says so before sending; then the server's refusal (11 files,
// past the script) comes back as the ticket page with the text kept
await page.evaluate(() => {
  const dt = new DataTransfer();
  dt.items.add(new File([new Uint8Array(11 * 1024 * 1024)], 'screen-recording.mp4'));
  document.getElementById('files').files = dt.files;
  document.getElementById('files').dispatchEvent(new Event('change', { bubbles: true }));
});
await page.locator('#composer').screenshot({ path: join(out, `composer-files-too-large-${width}${scheme === 'dark' ? '-dark' : ''}.png`) });
await page.evaluate(() => {
  const input = document.getElementById('files');
  for (const a of ['data-max-count', 'data-max-each', 'data-max-total']) input.removeAttribute(a);
  const dt = new DataTransfer();
  for (let i = 0; i < 11; i++) dt.items.add(new File(['log line\n'], `log-${i}.txt`));
  input.files = dt.files;
});
await Promise.all([page.waitForLoadState('load'), page.click('#send')]);
await page.waitForSelector('#composer-error:not([hidden])');
await page.locator('#composer').screenshot({ path: join(out, `composer-refused-${width}${scheme === 'dark' ? '-dark' : ''}.png`) });
await page.goto(base + href);
await page.keyboard.press('?');
await shot('shortcuts', false);
await page.keyboard.press('Escape');
const cust = await page.getAttribute('.customer-card a', 'href'); // not a .msg.customer's attachment link
await page.goto(base + cust);
await shot('customer', false);
await page.goto(base + '/admin');
await shot('admin');
await page.goto(base + '/admin/outbox?state=failed');
await shot('outbox-failed', false);
await page.goto(base + '/tickets/new');
await shot('new-ticket', false);
await page.goto(base + '/tickets/999999');
await shot('not-found', false);
await b.close();
console.log(problems.length ? problems.join('\n') : 'no console problems');
