// Launches Debian's chromium through playwright-core with a fresh profile
// directory (playwright takes it as launchPersistentContext's userDataDir)
// and no background network traffic. Each call is one isolated browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// returns a BrowserContext; close() also removes the profile directory
export async function launch(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'heed-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => { await close(); rmSync(dir, { recursive: true, force: true }); };
  return context;
}
