#!/usr/bin/env node
// Trains the coach's learned word valences (data/coach/learned.tsv) from ../shared/data.
//   cd bench/coach && node train.js [path/to/shared/data]
// Train: GoEmotions train.tsv rows 1..90% (label-derived valence per comment) and the VADER
//        word ratings (vader_lexicon.txt) as a prior; each weight blends the two.
// Tune:  GoEmotions train.tsv last 10% (the blend's scale and prior strength are picked there).
// Stage 2 train: the odd lines of the three VADER sentence sets (human sentence ratings).
// Never touched here: GoEmotions dev.tsv, the even lines of the VADER sets, the politeness set (report only).
// Output: word<TAB>valence (-4..4, 0.1 steps); it wins over the hand-written sentiment.tsv where both have a word.
// Licences: VADER lexicon MIT (Hutto & Gilbert 2014); GoEmotions Apache-2.0 (Demszky et al. 2020).
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '../..');
const data = path.resolve(process.argv[2] || path.join(root, '../shared/data'));

// how each GoEmotions label feels, on VADER's -4..4 scale (the team's judgement)
const VAL = { admiration: 2, amusement: 1.5, anger: -2.5, annoyance: -1.5, approval: 1, caring: 1.2, confusion: -0.5,
  curiosity: 0.2, desire: 0.5, disappointment: -1.8, disapproval: -1.5, disgust: -2.5, embarrassment: -1, excitement: 2,
  fear: -2, gratitude: 2, grief: -3, joy: 2.5, love: 2.5, nervousness: -1.2, optimism: 1.5, pride: 1.5, realization: 0,
  relief: 1.2, remorse: -1.5, sadness: -2, surprise: 0.3, neutral: 0 };

const words = t => (t.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").match(/[a-z0-9]+(?:'[a-z]+)*/g) || []);
const labels = fs.readFileSync(path.join(data, 'goemotions/labels.txt'), 'utf8').split(/\r?\n/).filter(Boolean);
const rows = fs.readFileSync(path.join(data, 'goemotions/train.tsv'), 'utf8').split(/\r?\n/).filter(Boolean).map(l => {
  const p = l.split('\t');
  const ls = p[1].split(',').map(i => labels[+i]);
  return { w: [...new Set(words(p[0]))], all: words(p[0]), y: ls.reduce((a, l) => a + VAL[l], 0) / ls.length };
});
const cut = Math.floor(rows.length * 0.9);
const train = rows.slice(0, cut), tune = rows.slice(cut);

const prior = new Map();
for (const l of fs.readFileSync(path.join(data, 'vader/vader_lexicon.txt'), 'utf8').split(/\r?\n/)) {
  const p = l.split('\t');
  if (p.length >= 2 && /^[a-z][a-z']*$/.test(p[0])) prior.set(p[0], +p[1]);
}

const stat = new Map();
let mean = 0;
for (const r of train) mean += r.y;
mean /= train.length;
for (const r of train) for (const w of r.w) {
  const s = stat.get(w) || { n: 0, sum: 0 };
  s.n++; s.sum += r.y; stat.set(w, s);
}

function build(scale, k, minN) {
  const out = new Map();
  for (const [w, s] of stat) {
    const d = (s.sum / s.n - mean) * scale;
    if (prior.has(w)) out.set(w, (s.n * d + k * prior.get(w)) / (s.n + k));
    else if (s.n >= minN) out.set(w, (s.n * d) / (s.n + k));
  }
  for (const [w, v] of out) if (Math.abs(v) < 0.15) out.delete(w);
  return out;
}
function pearson(a, b) {
  const n = a.length; let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { const x = a[i] - ma, y = b[i] - mb; sab += x * y; saa += x * x; sbb += y * y; }
  return sab / Math.sqrt(saa * sbb);
}
function score(lex) {
  const pred = tune.map(r => { let s = 0; for (const w of r.all) s += lex.get(w) || 0; return s / Math.sqrt(s * s + 15); });
  return pearson(pred, tune.map(r => r.y));
}
let best = null;
for (const scale of [1, 2, 3, 4])
  for (const k of [5, 20, 80])
    for (const minN of [10, 30]) {
      const r = score(build(scale, k, minN));
      if (!best || r > best.r) best = { r, scale, k, minN };
    }
// the final blend: BLEND="scale,k,minN" overrides the grid's choice (see docs/COACH.md for the one used)
if (process.env.BLEND) {
  const [scale, k, minN] = process.env.BLEND.split(',').map(Number);
  best = { r: score(build(scale, k, minN)), scale, k, minN };
}
const lex = build(best.scale, best.k, best.minN);
// Stage 2: fit the weights to the human sentence ratings of the VADER sets' train half (odd lines;
// even lines are kept for the report), by ridge-regularised SGD towards the stage-1 weights.
// Fixed, untuned settings: 15 epochs, learning rate 0.002, lambda 0.05.
{
  const sets = ['amazonReviewSnippets_GroundTruth.txt', 'movieReviewSnippets_GroundTruth.txt', 'nytEditorialSnippets_GroundTruth.txt'];
  const sent = [];
  for (const f of sets)
    fs.readFileSync(path.join(data, 'vader', f), 'utf8').split(/\r?\n/).filter(Boolean).forEach((l, i) => {
      if (i % 2 !== 1) return;
      const p = l.split('\t');
      sent.push({ w: words(p.slice(2).join('\t')).filter(w => /^[a-z]+('[a-z]+)?$/.test(w)), y: +p[1] });
    });
  const w0 = new Map(lex);
  const counts = new Map();
  for (const s of sent) for (const w of s.w) counts.set(w, (counts.get(w) || 0) + 1);
  const lr = 0.002, lambda = 0.05;
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let ep = 0; ep < 15; ep++) {
    for (let i = sent.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [sent[i], sent[j]] = [sent[j], sent[i]]; }
    for (const s of sent) {
      let pred = 0;
      for (const w of s.w) pred += lex.get(w) || 0;
      const err = pred / 2 - s.y; // a sum of word valences runs about twice a sentence's rating
      for (const w of s.w) {
        if (counts.get(w) < 3) continue;
        const cur = lex.get(w) || 0, base = w0.get(w) || 0;
        lex.set(w, cur - lr * (err + lambda * (cur - base)));
      }
    }
  }
  for (const [w, v] of lex) if (Math.abs(v) < 0.15) lex.delete(w);
}
const lines = [...lex].filter(([w]) => /^[a-z]+('[a-z]+)?$/.test(w)).sort(([a], [b]) => a < b ? -1 : 1)
  .map(([w, v]) => `${w}\t${(Math.round(Math.max(-4, Math.min(4, v)) * 10) / 10).toFixed(1)}`);
const header = [
  '# heed coach: learned word valences, generated by bench/coach/train.js -- do not edit by hand.',
  `# Blend of GoEmotions train (Apache-2.0, Demszky et al. 2020) label valences and VADER word ratings`,
  `# (MIT, Hutto & Gilbert 2014) as a prior; scale=${best.scale} k=${best.k} minN=${best.minN}, tuned on the last 10% of`,
  `# GoEmotions train (Pearson r ${best.r.toFixed(3)}). Where both list a word, this table wins over sentiment.tsv.`,
];
fs.writeFileSync(path.join(root, 'data/coach/learned.tsv'), header.concat(lines).join('\n') + '\n');
console.log(`learned.tsv: ${lines.length} words; tune r=${best.r.toFixed(3)} with scale=${best.scale} k=${best.k} minN=${best.minN}`);
