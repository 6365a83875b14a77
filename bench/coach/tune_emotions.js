#!/usr/bin/env node
// Emotion decisions measured on the tune slice (last 10% of GoEmotions train.tsv), never on dev.
//   cd bench/coach && node tune_emotions.js [path/to/heed]
'use strict';
const fs = require('fs'), path = require('path'), { execFileSync } = require('child_process');
const root = path.resolve(__dirname, '../..');
const heed = path.resolve(process.argv[2] || path.join(root, 'heed'));
const data = path.join(root, '../shared/data/goemotions');
const labels = fs.readFileSync(path.join(data, 'labels.txt'), 'utf8').split(/\r?\n/).filter(Boolean);
const rows = fs.readFileSync(path.join(data, 'train.tsv'), 'utf8').split(/\r?\n/).filter(Boolean);
const tune = rows.slice(Math.floor(rows.length * 0.9)).map(l => { const p = l.split('\t'); return { text: p[0], l: p[1].split(',').map(i => labels[+i]) }; });
const input = tune.map(r => JSON.stringify({ customer: r.text })).join('\n') + '\n';
const out = execFileSync(heed, ['coach'], { input, maxBuffer: 1 << 30 }).toString().split('\n').filter(Boolean).map(l => JSON.parse(l).customer);
const tasks = { gratitude: [['gratitude'], o => o.thanks], 'anger/annoyance': [['anger', 'annoyance'], o => o.emotion === 'angry' || o.emotion === 'frustrated'],
  confusion: [['confusion'], o => o.emotion === 'confused'], nervousness: [['nervousness'], o => o.emotion === 'anxious'] };
for (const [t, [ls, f]] of Object.entries(tasks)) {
  let tp = 0, fp = 0, fn = 0, ok = 0;
  tune.forEach((r, i) => { const g = r.l.some(x => ls.includes(x)), p = f(out[i]); if (g === p) ok++; if (g && p) tp++; else if (p) fp++; else if (g) fn++; });
  const P = tp / (tp + fp || 1), R = tp / (tp + fn || 1);
  console.log(`${t}: accuracy ${(ok / tune.length).toFixed(3)} F1 ${(P + R ? 2 * P * R / (P + R) : 0).toFixed(3)} (P ${P.toFixed(2)} R ${R.toFixed(2)})`);
}
