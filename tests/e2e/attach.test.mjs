// An agent attaches files in the browser: the composer's file input (multipart form,
// CSRF token still checked), the files under the message in the thread, and the download.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startHeed } from '../lib/server.mjs';
import { browserFor } from './helpers.mjs';

let heed, ada;
before(async () => {
  heed = await startHeed({ demo: true });
  ada = await browserFor(heed.base, 'ada@heed.test');
});
after(async () => {
  await ada?.context.close();
  await heed?.stop();
});

const open = async () => (await heed.api('GET', '/api/v1/tickets?status=open&limit=1')).json.tickets[0];

describe('attachments from the composer', () => {
  it('attaches two files to a note, shows them in the thread, and downloads the same bytes', async () => {
    const { page, watcher } = ada;
    const t = await open();
    await page.goto(`${heed.base}/tickets/${t.id}`);
    assert.equal(await page.getAttribute('#composer', 'enctype'), 'multipart/form-data');
    const png = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 17 + 3) & 255));
    await page.click('#composer label:has(input[value=note])');
    await page.fill('#body', 'Screenshot and log from the customer call.');
    await page.setInputFiles('#files', [
      { name: 'Bildschirmfoto März.png', mimeType: 'image/png', buffer: png },
      { name: 'call.log', mimeType: 'text/plain', buffer: Buffer.from('12:01 connected\n12:05 hung up\n') },
    ]);
    await Promise.all([page.waitForURL(/flash=Note\+added/), page.click('#send')]);
    const last = page.locator('.thread .msg').last();
    assert.match(await last.getAttribute('class'), /\bnote\b/);
    const links = last.locator('.attachments a');
    assert.equal(await links.count(), 2);
    assert.equal((await links.nth(0).textContent()).trim(), 'Bildschirmfoto März.png');
    assert.match(await last.locator('.attachments li').nth(0).textContent(), /image\/png · 3 KB/);
    assert.equal((await links.nth(1).textContent()).trim(), 'call.log');
    const [download] = await Promise.all([page.waitForEvent('download'), links.nth(0).click()]);
    assert.equal(download.suggestedFilename(), 'Bildschirmfoto März.png');
    assert.deepEqual(readFileSync(await download.path()), png);
    watcher.assertClean('attaching and downloading');
  });

  it('a reply without files still goes through the multipart form', async () => {
    const { page, watcher } = ada;
    const t = await open();
    await page.goto(`${heed.base}/tickets/${t.id}`);
    await page.fill('#body', 'Thanks, that fixed it on our side.');
    await Promise.all([page.waitForURL(/flash=Reply\+sent/), page.click('#send')]);
    const last = page.locator('.thread .msg').last();
    assert.match(await last.textContent(), /that fixed it on our side/);
    assert.equal(await last.locator('.attachments').count(), 0);
    watcher.assertClean();
  });

  it('a multipart post without the CSRF token is refused and files nothing', async () => {
    const { page } = ada;
    const t = await open();
    await page.goto(`${heed.base}/tickets/${t.id}`);
    const before = (await heed.api('GET', `/api/v1/tickets/${t.id}`)).json.messages.length;
    const status = await page.evaluate(async (id) => {
      const f = new FormData();
      f.append('kind', 'note');
      f.append('body', 'forged');
      f.append('files', new Blob(['x']), 'x.txt');
      return (await fetch(`/tickets/${id}/messages`, { method: 'POST', body: f })).status;
    }, t.id);
    assert.equal(status, 403);
    assert.equal((await heed.api('GET', `/api/v1/tickets/${t.id}`)).json.messages.length, before);
    ada.watcher.forget(/403/);
  });
});
