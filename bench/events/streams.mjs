// bench/events/streams.mjs: N open event streams (GET /api/v1/events) on one heed, the
// server's memory for them, and the time from a reply's answer (its commit) to its
// message.created event on every stream. Run by bench/events/run.sh.
//   node bench/events/streams.mjs BASE TOKEN TICKET_ID PID [N=2000] [REPLIES=20]
// Streams come from 127.0.0.1-127.0.0.8 (max_conns_per_ip allows 500 per address).
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [base, token, ticket, pid, nArg, repliesArg] = process.argv.slice(2);
const N = Number(nArg || 2000), REPLIES = Number(repliesArg || 20);
const url = new URL(base);
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

const arrivals = new Map(); // message id -> {seen: streams that got it, last: when the last one did}
let opened = 0, failed = 0;
function openOne(i) {
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path: '/api/v1/events', agent,
      localAddress: `127.0.0.${1 + (i % 8)}`, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) { failed++; res.resume(); resolve(); return; }
      opened++;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
        let cut;
        while ((cut = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          if (!block.includes('event: message.created')) continue;
          const data = JSON.parse(block.slice(block.indexOf('data: ') + 6));
          const w = arrivals.get(data.message_id) || { seen: 0, last: 0 };
          w.seen++;
          w.last = performance.now();
          arrivals.set(data.message_id, w);
        }
      });
      resolve();
    });
    req.on('error', () => { failed++; resolve(); });
    req.end();
  });
}

const before = rss();
for (let i = 0; i < N; i += 100) await Promise.all(Array.from({ length: Math.min(100, N - i) }, (_, k) => openOne(i + k)));
await new Promise((r) => setTimeout(r, 1000));
const after = rss();
console.log(`streams open: ${opened} (refused or failed: ${failed})`);
console.log(`server RSS: ${before.toFixed(1)} MiB before, ${after.toFixed(1)} MiB with the streams: ${((after - before) * 1024 / Math.max(opened, 1)).toFixed(1)} KiB per stream`);

const lat = [];
for (let r = 0; r < REPLIES; r++) {
  const body = JSON.stringify({ body: `Live update number ${r}` });
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/tickets/${ticket}/replies`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
  const answered = performance.now();
  const m = await res.json();
  const deadline = Date.now() + 5000;
  const got = () => (arrivals.get(m.id) || { seen: 0 }).seen;
  while (got() < opened && Date.now() < deadline) await new Promise((r2) => setTimeout(r2, 1));
  const w = arrivals.get(m.id) || { seen: 0, last: NaN };
  // from sending the reply (its commit comes before its answer) to its event on the last stream
  lat.push({ all: w.last - t0, got: w.seen, answer: answered - t0 });
  await new Promise((r2) => setTimeout(r2, 200));
}
lat.sort((a, b) => a.all - b.all);
const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].all.toFixed(1);
console.log(`reply sent -> its event on every stream: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${lat[lat.length - 1].all.toFixed(1)} ms (${REPLIES} replies; streams that got each: min ${Math.min(...lat.map((x) => x.got))} of ${opened})`);
console.log(`server RSS at the end: ${rss().toFixed(1)} MiB`);
process.exit(0);
