// Email on the ticket page: the display cut with the full message folded in a
// <details>, attachments listed with download links (agents only).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHeed, heedCli } from '../lib/server.mjs';
import { browserFor } from './helpers.mjs';

const MAIL = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'mail');

let heed, ada;
before(async () => {
  heed = await startHeed({ demo: true });
  ada = await browserFor(heed.base, 'ada@heed.test');
});
after(async () => {
  await ada?.context.close();
  await heed?.stop();
});

// ingests one message (a file name in tests/data/mail, or the bytes) and returns the ticket id
export function ingest(db, fileOrBytes) {
  const input = typeof fileOrBytes === 'string' && fileOrBytes.endsWith('.eml') ? readFileSync(join(MAIL, fileOrBytes)) : fileOrBytes;
  const out = heedCli(['mail-ingest', '--db', db], { input });
  const m = out.match(/ticket (\d+)/);
  return m ? Number(m[1]) : null;
}

describe('email on the ticket page', () => {
  it('shows the display cut, with the full message behind "Show full message"', async () => {
    const { page, watcher } = ada;
    const id = ingest(heed.db, 'thunderbird_signature.eml');
    assert.ok(id);
    await page.goto(`${heed.base}/tickets/${id}`);
    const msg = page.locator('.thread .msg').first();
    const shown = await msg.locator(':scope > .body').textContent();
    assert.match(shown, /export all tickets to CSV/);
    assert.doesNotMatch(shown, /Head of Operations/);
    const details = msg.locator('details.full-message');
    assert.equal(await details.getAttribute('open'), null);
    assert.equal(await details.locator('.body').isVisible(), false);
    await details.locator('summary').click();
    assert.match(await details.locator('.body').textContent(), /Head of Operations/);
    assert.equal(await details.locator('.body').isVisible(), true);
    watcher.assertClean();
  });

  it('shows mail without history as it is, with no toggle', async () => {
    const { page, watcher } = ada;
    const id = ingest(heed.db, 'auto_submitted_no.eml');
    await page.goto(`${heed.base}/tickets/${id}`);
    const msg = page.locator('.thread .msg').first();
    assert.match(await msg.locator('.body').first().textContent(), /A human wrote this one/);
    assert.equal(await msg.locator('details').count(), 0);
    watcher.assertClean();
  });
});
