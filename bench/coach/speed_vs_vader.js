#!/usr/bin/env node
// Per-text cost of the coach (in process, C, one core) vs the npm peers (in process, node) on the
// same texts (CPU time on both sides): the GoEmotions dev comments from ../shared/data (written to build/, never committed).
//   make build/rel/bench/coach_speed && cd bench/coach && node speed_vs_vader.js [DATA_DIR] [--rounds N] [--cpu C]
//
// The two sides are timed in pairs: each round times the coach (a child process that makes passes
// over the texts for half a second) and then vader-sentiment (two passes, about 1.5 s) straight
// after, each side as its mean CPU time per text over its passes, and the ratio is taken per
// round. On a shared VM the machine's speed drifts by up to a third within a minute, so one coach
// figure against one vader figure taken at another moment compares two machines; a pair compares
// one. Means over windows of similar length, not best passes: the coach's passes last a few
// milliseconds and vader's most of a second, so a best pass would favour the side with the
// shorter passes. Both sides run on one CPU (the script re-runs itself under `taskset -c C`, C = 0
// unless --cpu says otherwise), since this VM's two vCPUs are not equally fast.
'use strict';
const fs = require('fs'), path = require('path'), { execFileSync, spawnSync } = require('child_process');

const args = process.argv.slice(2);
function option(name, dflt) {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  if (v === undefined || !/^[0-9]+$/.test(v)) { console.error(`${name} needs a whole number`); process.exit(2); }
  return +v;
}
const rounds = option('--rounds', 7), cpu = option('--cpu', 0);
if (rounds < 1 || rounds > 100) { console.error('--rounds must be 1..100'); process.exit(2); }

if (!process.env.HEED_BENCH_PINNED) {
  const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
  if (hasTaskset) {
    const r = spawnSync('taskset', ['-c', String(cpu), process.execPath, __filename, ...process.argv.slice(2)],
                        { stdio: 'inherit', env: { ...process.env, HEED_BENCH_PINNED: String(cpu) } });
    process.exit(r.status === null ? 1 : r.status);
  }
  console.log('(taskset not found: both sides run unpinned)');
}

const vader = require('vader-sentiment'), Sentiment = require('sentiment'), wink = require('wink-sentiment');
const root = path.resolve(__dirname, '../..');
const data = path.resolve(args[0] || path.join(root, '../shared/data'));
const texts = fs.readFileSync(path.join(data, 'goemotions/dev.tsv'), 'utf8').split(/\r?\n/).filter(Boolean).map(l => l.split('\t')[0].replace(/\n/g, ' '));
const file = path.join(root, 'build/bench-texts.txt');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, texts.join('\n') + '\n');

// ns per text of the coach (coach_speed: CPU time of its thread, mean over half a second of passes)
function coachNs() {
  const out = execFileSync(path.join(root, 'build/rel/bench/coach_speed'), ['--texts', file], { cwd: root }).toString();
  return +out.match(/([0-9.]+) ns per text mean/)[1];
}
// ns per text of a peer: CPU time of this process, mean over `passes` passes
function peerNs(f, passes) {
  const c0 = process.cpuUsage();
  for (let rep = 0; rep < passes; rep++) for (const t of texts) f(t);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) * 1000 / (texts.length * passes);
}

const vaderFn = t => vader.SentimentIntensityAnalyzer.polarity_scores(t);
peerNs(vaderFn, 1); // warm the JIT before the first pair,
// and let its background compiles finish: pinned to the same CPU, they would run beside the first coach timing
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
const pin = process.env.HEED_BENCH_PINNED ? `both pinned to CPU ${process.env.HEED_BENCH_PINNED}` : 'unpinned';
console.log(`${texts.length} texts, ${rounds} paired rounds, ${pin}`);
const ratios = [], ours = [];
for (let r = 1; r <= rounds; r++) {
  const c = coachNs(), v = peerNs(vaderFn, 2);
  ratios.push(v / c);
  ours.push(c);
  console.log(`round ${r}: heed coach ${(c / 1000).toFixed(2)} us per text, vader-sentiment ${(v / 1000).toFixed(1)} us: ${(v / c).toFixed(0)}x`);
}
const median = a => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
console.log(`vader-sentiment: heed coach is ${median(ratios).toFixed(0)}x faster (median of ${rounds} rounds; lowest ${Math.min(...ratios).toFixed(0)}x, highest ${Math.max(...ratios).toFixed(0)}x)`);

const best = Math.min(...ours); // the coach's fastest round
const afinn = new Sentiment();
for (const [name, f] of Object.entries({ sentiment: t => afinn.analyze(t), 'wink-sentiment': t => wink(t) })) {
  const ns = peerNs(f, 3);
  console.log(`${name}: ${(ns / 1000).toFixed(2)} us per text; heed coach (best round, ${(best / 1000).toFixed(2)} us) is ${(ns / best).toFixed(0)}x faster`);
}
