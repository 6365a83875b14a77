// Backup and restore, as docs/MAIL.md ("Backup and restore") tells an admin to do it:
// `heed backup` while heed serves, then the copy and its .files/ directory put in place of
// a database, served, and the ticket page's attachment downloads with the same bytes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeed, heedCli } from '../lib/server.mjs';
import { serve } from '../api/helpers.mjs';
import { browserFor } from './helpers.mjs';

let heed, restored, dir;
before(async () => {
  heed = await startHeed({ demo: true });
  dir = mkdtempSync(join(tmpdir(), 'heed-restore-'));
});
after(async () => {
  await restored?.signal('SIGTERM');
  await heed?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// every byte value, so that a text-mode copy or a truncation would show
const bytes = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 131 + (i >> 8)) % 256));
const mail = Buffer.from(
  'From: Ines Brook <ines@example.com>\r\nTo: help@heed.test\r\nSubject: Crash dump attached\r\n' +
  'Message-ID: <backup-e2e-1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n' +
  '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe app crashed again; the dump is attached.\r\n' +
  '--b\r\nContent-Type: application/octet-stream; name="crash.dmp"\r\nContent-Disposition: attachment; filename="crash.dmp"\r\n' +
  `Content-Transfer-Encoding: base64\r\n\r\n${bytes.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--b--\r\n`);

describe('backup and restore', () => {
  it('a restored copy serves the ticket page and its attachment byte for byte', async () => {
    const id = Number(/new ticket (\d+)/.exec(heedCli(['mail-ingest', '--db', heed.db], { input: mail }))[1]);
    const dest = join(dir, 'nightly.db');
    const out = heedCli(['backup', '--db', heed.db, dest]); // heed serve keeps running
    assert.match(out, /attachment files in .*nightly\.db\.files: \d+ copied/);
    // the documented restore: the copy and its .files/ directory where the database lives
    const home = join(dir, 'restored');
    cpSync(dest, join(home, 'heed.db'));
    cpSync(dest + '.files', join(home, 'heed.db.files'), { recursive: true });
    restored = await serve(join(home, 'heed.db'), heed.token);
    const { context, page, watcher } = await browserFor(restored.base, 'ada@heed.test');
    try {
      await page.goto(`${restored.base}/tickets/${id}`);
      const link = page.locator('.thread .attachments a', { hasText: 'crash.dmp' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'crash.dmp');
      assert.deepEqual(readFileSync(await download.path()), bytes);
      // the demo's own attachment came along too
      // (the demo's forged "Re: Order 77120" opens a ticket of its own: take the one with the file)
      const demo = await restored.api('GET', '/api/v1/tickets?q=77120');
      let tid = null;
      for (const t of demo.json.tickets) {
        const full = await restored.api('GET', `/api/v1/tickets/${t.id}`);
        if (full.json.messages.some((m) => m.attachments?.length)) { tid = t.id; break; }
      }
      assert.ok(tid, 'the demo ticket with an attachment came along');
      await page.goto(`${restored.base}/tickets/${tid}`);
      const res = await page.request.get(restored.base + await page.locator('.thread .attachments a').first().getAttribute('href'));
      assert.equal(res.status(), 200);
      assert.match((await res.body()).toString(), /Order 77120/);
      watcher.assertClean();
    } finally {
      await context.close();
    }
  });
});
