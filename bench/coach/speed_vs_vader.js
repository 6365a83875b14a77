#!/usr/bin/env node
// Per-text cost of the coach (in process, C, one core) vs the npm peers (in process, node) on the
// same texts: the GoEmotions dev comments from ../shared/data (written to build/, never committed).
//   make build/rel/bench/coach_speed && cd bench/coach && node speed_vs_vader.js
'use strict';
const fs = require('fs'), path = require('path'), { execFileSync } = require('child_process');
const vader = require('vader-sentiment'), Sentiment = require('sentiment'), wink = require('wink-sentiment');
const root = path.resolve(__dirname, '../..');
const data = path.resolve(process.argv[2] || path.join(root, '../shared/data'));
const texts = fs.readFileSync(path.join(data, 'goemotions/dev.tsv'), 'utf8').split(/\r?\n/).filter(Boolean).map(l => l.split('\t')[0].replace(/\n/g, ' '));
const file = path.join(root, 'build/bench-texts.txt');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, texts.join('\n') + '\n');
const out = execFileSync(path.join(root, 'build/rel/bench/coach_speed'), ['--mb', '1', '--texts', file], { cwd: root }).toString();
const ours = +out.match(/([0-9.]+) ns per text/)[1];
const afinn = new Sentiment();
const peers = { 'vader-sentiment': t => vader.SentimentIntensityAnalyzer.polarity_scores(t), sentiment: t => afinn.analyze(t), 'wink-sentiment': t => wink(t) };
console.log(`heed coach (C, in process): ${(ours / 1000).toFixed(2)} us per text over ${texts.length} texts`);
for (const [name, f] of Object.entries(peers)) {
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = process.hrtime.bigint();
    for (const t of texts) f(t);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / texts.length);
  }
  console.log(`${name}: ${(best / 1000).toFixed(2)} us per text; heed coach is ${(best / ours).toFixed(0)}x faster`);
}
