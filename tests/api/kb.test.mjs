// The knowledge base: articles in Markdown (rendered safely), drafts and published, internal
// or public; search; public /help pages without sign-in; suggestions for a ticket with the
// words that matched; sends counted from replies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { assertOk, assertError } from './helpers.mjs';

let srv, bea;
before(async () => {
  srv = await startHeed();
  heedCli(['user', 'add', '--db', srv.db, '--email', 'bea@heed.test', '--name', 'Bea Lund', '--role', 'agent']);
  const t = heedCli(['token', 'create', '--db', srv.db, '--email', 'bea@heed.test']).trim().split('\n').pop();
  bea = (method, path, body) => srv.api(method, path, body, { Authorization: `Bearer ${t}` });
});
after(async () => { await srv?.stop(); });

const article = async (over = {}) => assertOk(await srv.api('POST', '/api/v1/kb/articles', {
  title: 'Why was I charged twice?', category: 'Billing', visibility: 'public', state: 'published',
  body: 'A **pending** authorisation can show twice on your card statement. It drops off within days; a settled double charge we refund.',
  ...over,
}), 201);

test('an article: Markdown rendered safely, a slug, a public page without sign-in', async () => {
  const a = await article({ body: '**Refunds** reach you in 5 days.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))' });
  assert.equal(a.slug, 'why-was-i-charged-twice');
  assert.equal(a.url, `/help/${a.slug}`);
  assert.equal(a.sent_count, 0);
  assert.match(a.html, /<strong>Refunds<\/strong>/);
  assert.doesNotMatch(a.html, /<script|javascript:/, 'raw HTML and unsafe links are left out');
  const again = await article();
  assert.equal(again.slug, 'why-was-i-charged-twice-2', 'a second article with that title gets its own address');
  // customers read it without signing in; the page may be cached
  const page = await fetch(srv.base + `/help/${a.slug}`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('cache-control') ?? '', /public/);
  const text = await page.text();
  assert.match(text, /<h1>Why was I charged twice\?<\/h1>/);
  assert.match(text, /<strong>Refunds<\/strong>/);
  const index = await (await fetch(srv.base + '/help')).text();
  assert.match(index, new RegExp(`href="/help/${a.slug}"`));
  // drafts and internal ones are not public
  const draft = await article({ title: 'Draft answer', state: 'draft' });
  const internal = await article({ title: 'Agents only answer', visibility: 'internal' });
  assert.equal(draft.url, null);
  assert.equal(internal.url, null);
  for (const x of [draft, internal]) assert.equal((await fetch(srv.base + `/help/${x.slug}`)).status, 404);
  assert.doesNotMatch(index, /Draft answer|Agents only answer/);
  assert.equal((await fetch(srv.base + '/help/no-such-article')).status, 404);
});

test('search finds published articles by their words; the last word as a prefix', async () => {
  await article({ title: 'Resetting your router', category: 'Connection', body: 'Hold the reset button for ten seconds.' });
  let found = assertOk(await srv.api('GET', '/api/v1/kb/search?q=router%20rese')).articles;
  assert.deepEqual(found.map((x) => x.title), ['Resetting your router']);
  assert.ok(!('body' in found[0]), 'lists carry no bodies');
  found = assertOk(await srv.api('GET', '/api/v1/kb/search?q=draft%20answer')).articles;
  assert.equal(found.length, 0, 'drafts are not found');
  assertError(await srv.api('GET', '/api/v1/kb/search'), 400, 'missing_field', 'q');
  assertError(await srv.api('GET', '/api/v1/kb/search?q=%22%29%28*'), 400, 'invalid', 'q');
  const pub = await (await fetch(srv.base + '/help?q=router')).text();
  assert.match(pub, /Resetting your router/);
});

test('a ticket\'s suggestions say which words matched; a reply that sends one counts it', async () => {
  const t = assertOk(await srv.api('POST', '/api/v1/tickets', { subject: 'Charged twice', customer: { email: 'kim@example.com' }, message: 'My card statement shows the same charge twice. Please refund one.' }), 201);
  const sg = assertOk(await srv.api('GET', `/api/v1/tickets/${t.id}/suggestions`)).articles;
  assert.ok(sg.length >= 1, JSON.stringify(sg));
  assert.equal(sg[0].title, 'Why was I charged twice?');
  assert.ok(sg[0].matched.includes('twice') && sg[0].matched.includes('charged'), sg[0].matched.join(','));
  assert.ok(!sg.some((x) => x.title === 'Resetting your router'), 'an article with none of the words is not offered');
  const sent = await srv.api('POST', `/api/v1/tickets/${t.id}/replies`, { body: `This explains it: ${sg[0].url}`, articles: [sg[0].id] });
  assertOk(sent, 201);
  assert.equal(assertOk(await srv.api('GET', `/api/v1/kb/articles/${sg[0].id}`)).sent_count, 1);
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'x', articles: [987654] }), 404, 'not_found', 'articles');
  assertError(await srv.api('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'x', articles: 'all' }), 400, 'wrong_type', 'articles');
});

test('bad articles are refused by field; the author or a lead deletes one', async () => {
  assertError(await srv.api('POST', '/api/v1/kb/articles', { body: 'x y', visibility: 'public', state: 'draft' }), 400, 'missing_field', 'title');
  assertError(await srv.api('POST', '/api/v1/kb/articles', { title: 'T t', body: 'x y', visibility: 'everyone', state: 'draft' }), 422, 'invalid', 'visibility');
  assertError(await srv.api('POST', '/api/v1/kb/articles', { title: 'T t', body: 'x y', visibility: 'public', state: 'live' }), 422, 'invalid', 'state');
  assertError(await srv.api('POST', '/api/v1/kb/articles', { title: 'T t', body: '  ', visibility: 'public', state: 'draft' }), 422, 'invalid', 'body');
  assertError(await srv.api('POST', '/api/v1/kb/articles', { title: 'T t', body: 'x y', visibility: 'public', state: 'draft', tags: [] }), 400, 'unknown_field', 'tags');
  assertError(await srv.api('GET', '/api/v1/kb/articles?state=old'), 400, 'invalid', 'state');
  const a = await article({ title: 'Admin wrote this' });
  const edited = assertOk(await bea('PATCH', `/api/v1/kb/articles/${a.id}`, { state: 'draft' }));
  assert.equal(edited.state, 'draft', 'any agent edits the team\'s knowledge');
  assert.equal(edited.title, 'Admin wrote this', 'what PATCH leaves out stays');
  assert.equal(edited.slug, a.slug, 'the address stays');
  assertError(await bea('DELETE', `/api/v1/kb/articles/${a.id}`), 403, 'forbidden');
  assert.equal((await srv.api('DELETE', `/api/v1/kb/articles/${a.id}`)).status, 204);
  assertError(await srv.api('GET', `/api/v1/kb/articles/${a.id}`), 404, 'not_found');
});
