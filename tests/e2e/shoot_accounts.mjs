// Screenshots of the account pages (settings, admin, one agent, forgot and reset):
//   node tests/e2e/shoot_accounts.mjs [base-url]   (default http://127.0.0.1:18181, a `heed demo` database)
// PNGs go to tests/e2e/screenshots/ (ignored by git). It changes the demo: a token, a reset link.
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
const shot = async (name) => { await page.screenshot({ path: join(out, `${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true }); };

await page.goto(base + '/forgot');
await shot('forgot');
await page.goto(base + '/login');
await page.fill('input[name=email]', 'ada@heed.test');
await page.fill('input[name=password]', 'heed-demo-2026');
await Promise.all([page.waitForURL('**/inbox'), page.click('button[type=submit]')]);
await page.goto(base + '/settings');
await page.fill('#token-name', 'Shot script');
await Promise.all([page.waitForLoadState(), page.click('form[action="/settings/tokens"] button[type=submit]')]);
await shot('settings-token-made');
await page.fill('#pw-current', 'not my password');
await page.fill('#pw-new', 'a-new-password');
await Promise.all([page.waitForLoadState(), page.click('form[action="/settings/password"] button[type=submit]')]);
await shot('settings-password-error');
await page.goto(base + '/admin');
await shot('admin-accounts');
const form = page.locator('form[action="/admin/agents"]');
await form.locator('input[name=name]').fill('Second Alex');
await form.locator('input[name=email]').fill('alex@heed.test');
await form.locator('input[name=password]').fill('some-password');
await Promise.all([page.waitForLoadState(), form.locator('button[type=submit]').click()]);
await shot('admin-add-error');
await page.goto(base + '/admin/agents/5');
await page.click('form[action$="/reset"] button');
await page.waitForSelector('.reset-link');
await shot('admin-agent-reset-link');
const link = await page.inputValue('.reset-link');
const anon = await b.browser().newContext();
const p2 = await anon.newPage();
await p2.goto(link);
await p2.screenshot({ path: join(out, `reset-${width}.png`), fullPage: true });
await b.close();
