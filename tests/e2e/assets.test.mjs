// Chromium gets heed's stylesheet and script as Brotli (it offers br over HTTPS and on
// 127.0.0.1, gzip, deflate elsewhere) and uses them: the page is styled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed } from '../lib/server.mjs';
import { browserFor } from './helpers.mjs';

let heed, b;
before(async () => {
  heed = await startHeed();
  b = await browserFor(heed.base, null);
});
after(async () => { await b?.context.close(); await heed?.stop(); });

test('the sign-in page loads compressed assets and they work', async () => {
  const want = ['/static/heed.css', '/static/heed.js'];
  const seen = want.map((path) => b.page.waitForResponse((res) => new URL(res.url()).pathname === path));
  await b.page.goto(heed.base + '/login', { waitUntil: 'load' });
  for (const res of await Promise.all(seen)) {
    assert.equal(res.status(), 200);
    // Chromium offers br to a secure context, which http://127.0.0.1 is; elsewhere over HTTP gzip
    assert.equal((await res.allHeaders())['content-encoding'], 'br', res.url());
  }
  // styled: heed.css sets the body's font and background (an unstyled page is Times on transparent)
  const style = await b.page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return { font: s.fontFamily, bg: s.backgroundColor };
  });
  assert.doesNotMatch(style.font, /^"?Times/, JSON.stringify(style));
  assert.notEqual(style.bg, 'rgba(0, 0, 0, 0)', JSON.stringify(style));
  b.watcher.assertClean();
});
