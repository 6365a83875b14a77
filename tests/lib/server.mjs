// Starts a real `heed serve` on a free loopback port with a fresh database,
// for API and browser tests. HEED_BIN names the binary (make sets it).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const HEED = process.env.HEED_BIN || join(here, '..', '..', 'heed');
export const DEMO_PASSWORD = 'heed-demo-2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

export function heedCli(args, opts = {}) {
  return execFileSync(HEED, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
}

// options: { demo: true } fills the database with the demo team and tickets;
// env: extra environment variables for the CLI setup and `heed serve`
export async function startHeed({ demo = false, env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'heed-test-'));
  const db = join(dir, 'heed.db');
  heedCli(['init', '--db', db]);
  if (demo) heedCli(['demo', '--db', db]);
  else heedCli(['user', 'add', '--db', db, '--email', 'ada@heed.test', '--name', 'Ada Okafor', '--role', 'admin', '--password-stdin'],
               { input: DEMO_PASSWORD + '\n' });
  const token = heedCli(['token', 'create', '--db', db, '--email', 'ada@heed.test']).trim().split('\n').pop();
  const port = await freePort();
  const proc = spawn(HEED, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
                     { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { const r = await fetch(base + '/healthz'); if (r.ok) break; } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error('heed serve exited: ' + log);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, db, token, dir, proc,
    log: () => log,
    // fetch with the admin's bearer token; body objects are sent as JSON
    async api(method, path, body, headers = {}) {
      const h = { Authorization: `Bearer ${token}`, ...headers };
      let payload = body;
      if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
        payload = JSON.stringify(body);
        h['Content-Type'] ??= 'application/json';
      } else if (body !== undefined) {
        h['Content-Type'] ??= 'application/json';
      }
      const res = await fetch(base + path, { method, headers: h, body: payload });
      const text = await res.text();
      let json = null;
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, json, text, headers: res.headers };
    },
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.on('exit', (code, sig) => r({ code, sig })));
        proc.kill('SIGTERM');
        const result = await exited;
        if (result.code !== 0) throw new Error(`heed serve exited with ${result.code ?? result.sig} after SIGTERM:\n${log.slice(-2000)}`);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
