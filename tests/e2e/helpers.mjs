// Shared pieces of the browser tests: a chromium, sign-in, and a watch for
// console errors, uncaught exceptions and Content-Security-Policy violations.
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { DEMO_PASSWORD, startHeed } from '../lib/server.mjs';

export { launch, DEMO_PASSWORD };

// Records every problem a page reports. Documents the test itself asked for
// with a 4xx status (a 403 page, the login form after a wrong password) log
// "Failed to load resource"; those are expected and left out.
export async function watch(page) {
  const problems = [];
  const documents = new Set();
  page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.status() >= 400) documents.add(res.url());
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    const text = msg.text();
    if (/^Failed to load resource/.test(text) && documents.has(msg.location().url)) return;
    problems.push(`${msg.type()} on ${page.url()} (${msg.location().url}): ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught on ${page.url()}: ${err.message}`));
  // a CSP violation also fires an event in the page; report it on the console
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return {
    problems,
    // drops problems the test caused on purpose (a refused fetch)
    forget(re) {
      for (let i = problems.length - 1; i >= 0; i--) if (re.test(problems[i])) problems.splice(i, 1);
    },
    assertClean(label = '') {
      assert.deepEqual(problems, [], `console problems ${label}`);
    },
  };
}

export async function signIn(page, base, email, password = DEMO_PASSWORD) {
  await page.goto(base + '/login');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(/\/inbox/), page.click('form[action="/login"] button[type=submit]')]);
}

// a fresh browser with one page, signed in (or not, when email is null)
export async function browserFor(base, email) {
  const context = await launch();
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(8000);
  const watcher = await watch(page);
  if (email) await signIn(page, base, email);
  return { context, page, watcher };
}

// The usual start of a browser test file: a demo heed and one browser signed in as email (null:
// signed out). If the browser cannot start, the server is stopped before the error goes on.
export async function openDemo(email) {
  const heed = await startHeed({ demo: true });
  try {
    return { heed, browser: await browserFor(heed.base, email) };
  } catch (err) {
    await heed.stop();
    throw err;
  }
}

export async function closeDemo(heed, browser) {
  await browser?.context.close();
  await heed?.stop();
}

// An open demo ticket with no open promise on it (solving one with a promise asks first),
// newest first: for tests that solve the ticket they work on.
export async function openTicketWithoutPromises(heed) {
  const list = (await heed.api('GET', '/api/v1/tickets?status=open&limit=50')).json.tickets;
  for (const t of list) {
    const full = (await heed.api('GET', `/api/v1/tickets/${t.id}`)).json;
    if (!full.commitments.some((c) => c.state === 'open' || c.state === 'overdue') && !full.handoff) return t;
  }
  throw new Error('no open ticket without promises in the demo');
}
