// An agent attaches files in the browser: the composer's file input (multipart form,
// CSRF token still checked), the files under the message in the thread, and the download.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { openDemo, closeDemo, openTicketWithoutPromises } from './helpers.mjs';

let heed, ada;
before(async () => ({ heed, browser: ada } = await openDemo('ada@heed.test')));
after(() => closeDemo(heed, ada));

const open = () => openTicketWithoutPromises(heed);

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

// A refused upload comes back as the ticket page: the error beside the composer, the typed
// text, the mode and the status choice kept; files must be chosen again (a browser never
// refills a file input). heed.js checks sizes first; the server stays the authority.
describe('refused files on the ticket page', () => {
  // files made in the page (no transfer of megabytes through the test's connection)
  const choose = (page, specs) => page.evaluate((specs) => {
    const dt = new DataTransfer();
    for (const [name, size] of specs) dt.items.add(new File([new Uint8Array(size).fill(65)], name));
    document.getElementById('files').files = dt.files;
    document.getElementById('files').dispatchEvent(new Event('change', { bubbles: true }));
  }, specs);
  // as a browser without heed.js (or with other limits) would send it
  const noBrowserCheck = (page) => page.evaluate(() => {
    for (const a of ['data-max-count', 'data-max-each', 'data-max-total']) document.getElementById('files').removeAttribute(a);
  });
  const typed = '\nDear Ana,\n  the <b>export</b> is attached & "fixed".\n';
  const write = async (page, t) => {
    await page.goto(`${heed.base}/tickets/${t.id}`);
    await page.click('#composer label:has(input[value=note])');
    await page.fill('#body', typed);
    await page.selectOption('select[name=status_after]', 'solved');
  };
  const send = async (page) => (await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST'),
    page.click('#send'),
  ]))[0];
  const assertKept = async (page, t, before) => {
    await page.waitForSelector('#composer-error:not([hidden])');
    assert.equal(await page.inputValue('#body'), typed);
    assert.equal(await page.isChecked('#composer input[value=note]'), true);
    assert.equal(await page.inputValue('select[name=status_after]'), 'solved');
    assert.equal(await page.evaluate(() => document.getElementById('files').files.length), 0);
    const now = (await heed.api('GET', `/api/v1/tickets/${t.id}`)).json;
    assert.equal(now.messages.length, before.messages.length, 'nothing filed');
    assert.equal(now.status, before.status, 'status unchanged');
  };

  // writes a note with these files, past heed.js's check, and sends it to the server
  const refused = async (page, specs) => {
    const t = await open();
    const before = (await heed.api('GET', `/api/v1/tickets/${t.id}`)).json;
    await write(page, t);
    await noBrowserCheck(page);
    await choose(page, specs);
    return { t, before, res: await send(page) };
  };

  it('too many files: 400, the page again with the text, mode and status kept', async () => {
    const { page, watcher } = ada;
    const { t, before, res } = await refused(page, Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, 5]));
    assert.equal(res.status(), 400);
    await assertKept(page, t, before);
    const error = await page.textContent('#composer-error');
    assert.match(error, /11 files: a message may carry at most 10/);
    assert.match(error, /choose the files again/);
    assert.match(await page.textContent('h1'), new RegExp(`#${t.id}`));
    watcher.assertClean('too many files refused');
  });

  it('over the upload limit (3 x 9 MB): 413 as the page, not JSON, with the text kept', async () => {
    const { page, watcher } = ada;
    const nine = 9 * 1024 * 1024;
    const { t, before, res } = await refused(page, [['a.bin', nine], ['b.bin', nine], ['c.bin', nine]]);
    assert.equal(res.status(), 413);
    assert.match(res.headers()['content-type'], /^text\/html/);
    await assertKept(page, t, before);
    assert.match(await page.textContent('#composer-error'), /the files come to 27\.0 MiB; at most 25 MiB in all/);
    const tmp = `${heed.db}.files/tmp`; // nothing of the refused files stays on disk
    assert.deepEqual(existsSync(tmp) ? readdirSync(tmp) : [], []);
    // the same text without files goes through from here
    await Promise.all([page.waitForURL(/flash=Note\+added/), page.click('#send')]);
    const after = (await heed.api('GET', `/api/v1/tickets/${t.id}`)).json;
    assert.equal(after.messages.length, before.messages.length + 1);
    assert.equal(after.messages.at(-1).body.replace(/\r\n/g, '\n').trim(), typed.trim()); // a form sends CRLF
    assert.equal(after.status, 'solved');
    watcher.assertClean('upload over the limit');
  });

  it('heed.js refuses a file over 10 MB before sending, and lets a good one go', async () => {
    const { page, watcher } = ada;
    const t = await open();
    const before = (await heed.api('GET', `/api/v1/tickets/${t.id}`)).json;
    await write(page, t);
    let posts = 0;
    const count = (req) => { if (req.method() === 'POST') posts++; };
    page.on('request', count);
    await choose(page, [['small.txt', 10], ['huge.iso', 11 * 1024 * 1024]]);
    assert.match(await page.textContent('#composer-error'), /"huge\.iso" is 11 MB; one file may be at most 10 MB/);
    await page.click('#send');
    await page.waitForTimeout(300);
    assert.equal(posts, 0, 'nothing was sent');
    assert.equal(await page.getAttribute('#files', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#body'), typed);
    await choose(page, Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, 5]));
    assert.match(await page.textContent('#composer-error'), /11 files: a message may carry at most 10/);
    await choose(page, [['small.txt', 10]]);
    assert.equal(await page.isHidden('#composer-error'), true);
    await Promise.all([page.waitForURL(/flash=Note\+added/), page.click('#send')]);
    page.off('request', count);
    const after = (await heed.api('GET', `/api/v1/tickets/${t.id}`)).json;
    assert.equal(after.messages.length, before.messages.length + 1);
    assert.equal(after.messages.at(-1).attachments.length, 1);
    watcher.assertClean('browser check');
  });
});
