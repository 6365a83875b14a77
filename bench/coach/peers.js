#!/usr/bin/env node
// Measures heed's coach against the npm peers vader-sentiment, sentiment (AFINN-165) and
// wink-sentiment on the public labelled data in ../shared/data (read only, never committed).
//   cd bench/coach && npm ci && node peers.js [path/to/heed] [path/to/shared/data]
// Sets and splits:
//   VADER Amazon / movie / NYT sentence sets: Pearson r of the score with the human mean. Each set is
//   split by line: odd lines are the tune half (SPLIT=tune, used to choose the learned table's blend),
//   even lines are the report half (the default, SPLIT=report). SPLIT=all uses every line.
//   GoEmotions: peers' decision thresholds are tuned on train.tsv; every figure is reported on dev.tsv.
//   Stack Exchange politeness: top vs bottom quartile of Normalized Score; each system's threshold is
//   the median of its own scores on those requests (balanced classes, nothing tuned).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const vader = require('vader-sentiment');
const Sentiment = require('sentiment');
const wink = require('wink-sentiment');

const root = path.resolve(__dirname, '../..');
const heed = path.resolve(process.argv[2] || path.join(root, 'heed'));
const data = path.resolve(process.argv[3] || path.join(root, '../shared/data'));
const afinn = new Sentiment();

function readLines(f) { return fs.readFileSync(f, 'utf8').split(/\r?\n/).filter(Boolean); }
const SPLIT = process.env.SPLIT || 'report';
const ONLY = process.env.ONLY || '';
function vaderSet(name) {
  return readLines(path.join(data, 'vader', name)).map(l => { const p = l.split('\t'); return { y: +p[1], text: p.slice(2).join('\t') }; })
    .filter((_, i) => SPLIT === 'all' || (SPLIT === 'tune') === (i % 2 === 1));
}
function goemo(split) {
  return readLines(path.join(data, 'goemotions', split + '.tsv')).map(l => { const p = l.split('\t'); return { text: p[0], labels: p[1].split(',').map(Number) }; });
}
function csv(text) { // RFC 4180 enough for this file
  const rows = []; let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '"') { if (text[i + 1] === '"') { f += '"'; i++; } else q = false; } else f += c; }
    else if (c === '"') q = true; else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\n') { row.push(f); rows.push(row); row = []; f = ''; } else if (c !== '\r') f += c;
  }
  if (f || row.length) { row.push(f); rows.push(row); }
  return rows;
}

// heed coach on many texts in one process: JSON Lines in, JSON Lines out
function coach(texts) {
  const input = texts.map(t => JSON.stringify({ customer: t, now: '2026-11-23T10:00:00Z' })).join('\n') + '\n';
  const t0 = process.hrtime.bigint();
  const out = execFileSync(heed, ['coach'], { input, maxBuffer: 1 << 30 }).toString().split('\n').filter(Boolean).map(JSON.parse);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (out.length !== texts.length) throw new Error('heed coach returned ' + out.length + ' lines for ' + texts.length);
  return { out: out.map(o => o.customer || { sentiment: 0, emotion: 'neutral', thanks: false, politeness: 50 }), ms, bytes: Buffer.byteLength(input) };
}
const peers = {
  'vader-sentiment': t => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound,
  'sentiment': t => afinn.analyze(t).comparative,
  'wink-sentiment': t => wink(t).normalizedScore,
};

function pearson(a, b) {
  const n = a.length; let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { const x = a[i] - ma, y = b[i] - mb; sab += x * y; saa += x * x; sbb += y * y; }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : 0;
}
function prf(pred, gold) {
  let tp = 0, fp = 0, fn = 0, ok = 0;
  for (let i = 0; i < pred.length; i++) { if (pred[i] === gold[i]) ok++; if (pred[i] && gold[i]) tp++; else if (pred[i]) fp++; else if (gold[i]) fn++; }
  const p = tp + fp ? tp / (tp + fp) : 0, r = tp + fn ? tp / (tp + fn) : 0;
  return { acc: ok / pred.length, f1: p + r ? 2 * p * r / (p + r) : 0 };
}
// best threshold on train for "score >= t" (dir 1) or "score <= t" (dir -1), by F1
function tune(scores, gold, dir) {
  const cand = [...new Set(scores.map(s => Math.round(s * 100) / 100))].sort((a, b) => a - b);
  let best = { t: 0, f1: -1 };
  for (const t of cand) {
    const f1 = prf(scores.map(s => dir > 0 ? s >= t : s <= t), gold).f1;
    if (f1 > best.f1) best = { t, f1 };
  }
  return best.t;
}

const results = { vader: {}, goemotions: {}, politeness: {}, speed: {} };
const fmt = x => x.toFixed(3);
const systems = ['heed coach', ...Object.keys(peers)];

// 1. VADER sentence sets
for (const [name, file] of [['amazon', 'amazonReviewSnippets_GroundTruth.txt'], ['movie', 'movieReviewSnippets_GroundTruth.txt'], ['nyt', 'nytEditorialSnippets_GroundTruth.txt']]) {
  const set = vaderSet(file);
  const y = set.map(s => s.y), texts = set.map(s => s.text);
  const r = { 'heed coach': pearson(coach(texts).out.map(o => o.sentiment), y) };
  for (const [p, f] of Object.entries(peers)) r[p] = pearson(texts.map(f), y);
  results.vader[name] = r;
}

if (ONLY === 'vader') {
  for (const [n, r] of Object.entries(results.vader)) console.log(`VADER ${n} (${SPLIT}): ` + systems.map(x => x + ' ' + fmt(r[x])).join(', '));
  process.exit(0);
}
// 2. GoEmotions: label ids from labels.txt
const labels = readLines(path.join(data, 'goemotions', 'labels.txt'));
const id = n => labels.indexOf(n);
const tasks = {
  gratitude: { ids: [id('gratitude')], dir: 1, ours: o => o.thanks },
  'anger/annoyance': { ids: [id('anger'), id('annoyance')], dir: -1, ours: o => o.emotion === 'angry' || o.emotion === 'frustrated' },
  confusion: { ids: [id('confusion')], dir: -1, ours: o => o.emotion === 'confused' },
  nervousness: { ids: [id('nervousness')], dir: -1, ours: o => o.emotion === 'anxious' },
};
const train = goemo('train'), dev = goemo('dev');
const devOurs = coach(dev.map(d => d.text)).out;
const peerTrain = {}, peerDev = {};
for (const [p, f] of Object.entries(peers)) { peerTrain[p] = train.map(d => f(d.text)); peerDev[p] = dev.map(d => f(d.text)); }
for (const [task, T] of Object.entries(tasks)) {
  const gold = dev.map(d => d.labels.some(l => T.ids.includes(l)));
  const goldTrain = train.map(d => d.labels.some(l => T.ids.includes(l)));
  const r = { 'heed coach': prf(devOurs.map(T.ours), gold) };
  for (const p of Object.keys(peers)) {
    const t = tune(peerTrain[p], goldTrain, T.dir);
    r[p] = prf(peerDev[p].map(s => T.dir > 0 ? s >= t : s <= t), gold);
  }
  results.goemotions[task] = r;
}

// 3. Stack Exchange politeness, top vs bottom quartile
{
  const rows = csv(fs.readFileSync(path.join(data, 'politeness', 'stack-exchange.annotated.csv'), 'utf8'));
  const h = rows[0], ti = h.indexOf('Request'), si = h.indexOf('Normalized Score');
  const items = rows.slice(1).filter(r => r.length > si).map(r => ({ text: r[ti], y: +r[si] }));
  const ys = items.map(i => i.y).sort((a, b) => a - b);
  const q1 = ys[Math.floor(ys.length / 4)], q3 = ys[Math.floor(ys.length * 3 / 4)];
  const sub = items.filter(i => i.y <= q1 || i.y >= q3);
  const gold = sub.map(i => i.y >= q3);
  const acc = scores => {
    const m = [...scores].sort((a, b) => a - b)[Math.floor(scores.length / 2)];
    let ok = 0; scores.forEach((s, i) => { if ((s > m) === gold[i]) ok++; });
    return ok / scores.length;
  };
  results.politeness = { 'heed coach': acc(coach(sub.map(i => i.text)).out.map(o => o.politeness)) };
  for (const [p, f] of Object.entries(peers)) results.politeness[p] = acc(sub.map(i => f(i.text)));
}

// 4. speed on the same texts (GoEmotions dev): heed end to end (process, JSON in and out) vs each peer in process
{
  const texts = dev.map(d => d.text);
  const c = coach(texts);
  results.speed['heed coach'] = { ms: c.ms, mb_s: c.bytes / 1e6 / (c.ms / 1e3) };
  for (const [p, f] of Object.entries(peers)) {
    const t0 = process.hrtime.bigint();
    for (const t of texts) f(t);
    results.speed[p] = { ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  }
}

console.log('\n| set | ' + systems.join(' | ') + ' |\n|---|' + systems.map(() => '---').join('|') + '|');
for (const [n, r] of Object.entries(results.vader)) console.log(`| VADER ${n} (Pearson r) | ` + systems.map(s => fmt(r[s])).join(' | ') + ' |');
for (const [n, r] of Object.entries(results.goemotions)) {
  console.log(`| GoEmotions dev ${n} accuracy | ` + systems.map(s => fmt(r[s].acc)).join(' | ') + ' |');
  console.log(`| GoEmotions dev ${n} F1 | ` + systems.map(s => fmt(r[s].f1)).join(' | ') + ' |');
}
console.log('| politeness top vs bottom quartile accuracy | ' + systems.map(s => fmt(results.politeness[s])).join(' | ') + ' |');
console.log('| time for GoEmotions dev (5,426 texts), ms | ' + systems.map(s => results.speed[s].ms.toFixed(0)).join(' | ') + ' |');
const v = results.speed['vader-sentiment'].ms / results.speed['heed coach'].ms;
console.log(`\nheed coach end to end: ${results.speed['heed coach'].mb_s.toFixed(1)} MB/s of JSON Lines including process start; ${v.toFixed(0)}x vader-sentiment's time on the same texts`);
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/coach-peers.json'), JSON.stringify(results, null, 1));
