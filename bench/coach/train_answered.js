#!/usr/bin/env node
// Trains the coach's learned reading of "answered" (data/coach/answer_model.tsv): a logistic
// regression with L2 over the features the rules already compute of a customer question and the
// reply (coach_tables.h, COACH_ANSWER_FEATURES; the rules' own answer is one of them). See
// docs/COACH.md, "Learned answers".
//   make heed && node bench/coach/train_answered.js        (from the repository root, a few seconds)
// Reads the team's cases tests/data/coach/*.jsonl (not the Spanish ones) and every blind batch in
// tests/data/coach/blind/ (BLIND_UPTO=15 stops at batch 15); never tests/data/coach/heldout/. Runs
// ./heed coach --answer-features for the features. Only questions whose count the coach gets right
// are data (a question it split or missed has no expectation to learn from).
// The features do not depend on the table (the rules' answer is taken before it), so a retrain
// with a table in place gives the same table. Deterministic: Newton's method from zero, fixed
// order; the same inputs give the same table byte for byte.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const root = path.resolve(__dirname, '../..');
const HEED = process.env.HEED || path.join(root, 'heed');
const OUT = process.env.OUT || path.join(root, 'data/coach/answer_model.tsv');
const LAMBDAS = [0.3, 1, 3, 10, 30]; // L2 strength (on the summed loss), picked by leave-one-source-out
const NOW = '2026-11-23T10:00:00Z';  // as heed coach --eval reads a case without "now"
const TEAM_W = +(process.env.TEAM_W || 20); // the weight of a team case's question against a blind one's (5 until 2026-12-07: with 79 batches, 5 let the blind ones move 6 of the team's cases)
// NO_W: the weight of a question the writer calls unanswered (1 for the tables so far). The coach
// is judged per case, where one open question raises the unanswered flag, so a table that is
// right more often per question can still be worse for the coach: trained on 01-130 at 1, it was
// 26 better per question but 21 worse for the whole coach (126 more "yes" questions right, 102 more
// "no" ones wrong). At 2 (BLIND_UPTO=130): +28 for the whole coach in-sample against the committed
// table, +4 on the unseen 131-132; at 3: -93 and +6. It moves test_answers_in_other_words and
// saas-039, and five team cases written to keep those made it 201 worse (other pairs chosen), so
// it is not committed yet (docs/COACH.md, "The twenty-fifth look")
const NO_W = +(process.env.NO_W || 1);

// ---- the data: one row per question of a case whose question count the coach gets right ----
const files = fs.readdirSync(path.join(root, 'tests/data/coach')).filter(f => f.endsWith('.jsonl') && f !== 'spanish.jsonl').sort()
  .map(f => ['team', path.join(root, 'tests/data/coach', f)])
  .concat(fs.readdirSync(path.join(root, 'tests/data/coach/blind')).filter(f => /^batch-\d+\.jsonl$/.test(f) &&
    (!process.env.BLIND_UPTO || +f.match(/\d+/)[0] <= +process.env.BLIND_UPTO)).sort()
    .map(f => ['b' + f.match(/\d+/)[0], path.join(root, 'tests/data/coach/blind', f)]));
const rows = []; // {src, x: feature names, y: 0|1, rule: 0|1}
for (const [src, f] of files) {
  if (f.includes('/heldout/')) throw new Error('the held-out file is never read');
  const cases = fs.readFileSync(f, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l))
    .filter(c => typeof c.reply === 'string' && c.expect && Array.isArray(c.expect.answered));
  if (!cases.length) continue;
  const input = cases.map(c => {
    const o = {};
    for (const k of Object.keys(c)) if (k !== 'id' && k !== 'expect' && k !== 'note') o[k] = c[k];
    if (!('now' in o)) o.now = NOW;
    return JSON.stringify(o);
  }).join('\n') + '\n';
  const out = execFileSync(HEED, ['coach', '--answer-features'], { input, maxBuffer: 1 << 30 }).toString().trim().split('\n');
  cases.forEach((c, i) => {
    const r = JSON.parse(out[i]), want = c.expect.answered;
    const feats = r.reply && r.reply.answer_features;
    if (!feats || feats.length !== want.length) return;
    want.forEach((y, q) => rows.push({ src, x: feats[q], y: y ? 1 : 0, rule: feats[q].includes('rule') ? 1 : 0, wt: (src === 'team' ? TEAM_W : 1) * (y ? 1 : NO_W) }));
  });
}
const names = [...new Set(rows.flatMap(r => r.x))].sort();
const index = new Map(names.map((n, i) => [n, i]));
for (const r of rows) r.idx = r.x.map(n => index.get(n));
const D = names.length;

// ---- logistic regression by Newton's method (D is about 50: a D x D solve per step) ----
function solve(A, b) { // Gaussian elimination with partial pivoting; A is symmetric positive definite here
  const n = b.length, M = A.map((row, i) => row.concat([b[i]]));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const k = M[r][c] / M[c][c];
      if (k) for (let j = c; j <= n; j++) M[r][j] -= k * M[c][j];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let j = r + 1; j < n; j++) s -= M[r][j] * x[j];
    x[r] = s / M[r][r];
  }
  return x;
}
function train(data, lambda) {
  let w = new Array(D).fill(0);
  for (let it = 0; it < 25; it++) {
    const g = w.map((v, j) => lambda * v * (names[j] === 'bias' ? 0 : 1));
    const H = Array.from({ length: D }, (_, j) => { const row = new Array(D).fill(0); row[j] = names[j] === 'bias' ? 1e-6 : lambda; return row; });
    for (const r of data) {
      let z = 0;
      for (const j of r.idx) z += w[j];
      const p = 1 / (1 + Math.exp(-z)), s = r.wt * p * (1 - p);
      for (const j of r.idx) {
        g[j] += r.wt * (p - r.y);
        for (const k of r.idx) H[j][k] += s;
      }
    }
    const step = solve(H, g);
    let big = 0;
    w = w.map((v, j) => { big = Math.max(big, Math.abs(step[j])); return v - step[j]; });
    if (big < 1e-9) break;
  }
  return w.map(v => Math.round(v * 100) / 100); // as the C table keeps them (x100)
}
// as coach_reply.c decides: the sum of the rounded weights (in hundredths) above zero
const predict = (w, r) => r.idx.reduce((z, j) => z + Math.round(w[j] * 100), 0) > 0 ? 1 : 0;

// ---- leave one source out (each blind batch, and the team's cases) to pick lambda ----
const srcs = [...new Set(rows.map(r => r.src))];
let best = null;
const ruleOk = rows.filter(r => r.rule === r.y).length;
for (const lambda of LAMBDAS) {
  let ok = 0;
  for (const s of srcs) {
    const w = train(rows.filter(r => r.src !== s), lambda);
    for (const r of rows) if (r.src === s && predict(w, r) === r.y) ok++;
  }
  console.error(`lambda ${lambda}: left one source out ${ok}/${rows.length} ${(100 * ok / rows.length).toFixed(1)}% ` +
    `(the rules, in-sample: ${ruleOk} ${(100 * ruleOk / rows.length).toFixed(1)}%)`);
  if (!best || ok > best.ok) best = { lambda, ok };
}
const w = train(rows, best.lambda);
const fit = rows.filter(r => predict(w, r) === r.y).length;

// ---- pairs: two features together, trained on top of the weights above (2026-12-07) ----
// The sum of single weights cannot say "a short reply, with the price asked for" or "a short reply
// that sends the customer elsewhere": a weight per pair of features that occur together (in at least
// PAIR_MIN questions) corrects it, learned by AdaGrad with L2 on the loss the single weights leave (they
// stay as they are). Trained on the team's cases and batches up to 51, 61 and 71 and read on the
// batches after (up to 85): +26 of 4,873, +25 of 3,345 and +15 of 1,833 questions. At PAIR_MIN=5 and
// PAIR_L2=0.03 the gain was a little larger (+17 on 72-84) but "Is there a fee to pause my plan?" ->
// "Our plans are flexible and easy to manage." read answered (the unit tests hold it unanswered). The
// settings were picked by these splits, so their gains are partly fitted; the check below reuses the
// single weights' L2 chosen on all the sources.
const PAIR_MIN = +(process.env.PAIR_MIN || 50), PAIR_L2 = +(process.env.PAIR_L2 || 0.1), PAIR_EPOCHS = 8, PAIR_LR = 0.3, PAIR_SEED = 12345;
const pairsOf = r => { const x = [...new Set(r.x)].sort(), p = []; for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) p.push(x[i] + '&' + x[j]); return p; };
for (const r of rows) r.pairs = pairsOf(r);
function trainPairs(data, single) {
  const count = new Map();
  for (const r of data) for (const p of r.pairs) count.set(p, (count.get(p) || 0) + 1);
  const w2 = new Map(), G = new Map();
  let seed = PAIR_SEED; // a fixed LCG: the same data gives the same table
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const order = data.map((_, i) => i);
  for (let ep = 0; ep < PAIR_EPOCHS; ep++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    for (const k of order) {
      const r = data[k], ps = r.pairs.filter(p => count.get(p) >= PAIR_MIN);
      let z = r.idx.reduce((a, j) => a + single[j], 0);
      for (const p of ps) z += w2.get(p) || 0;
      const g = r.wt * (1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z)))) - r.y);
      for (const p of ps) {
        const v = w2.get(p) || 0, d = g + PAIR_L2 * v, a = (G.get(p) || 1e-8) + d * d;
        G.set(p, a);
        w2.set(p, v - PAIR_LR * d / Math.sqrt(a));
      }
    }
  }
  for (const [p, v] of w2) w2.set(p, Math.round(v * 100) / 100);
  return w2;
}
const predict2 = (single, w2, r) => r.idx.reduce((z, j) => z + Math.round(single[j] * 100), 0) +
  r.pairs.reduce((z, p) => z + Math.round((w2.get(p) || 0) * 100), 0) > 0 ? 1 : 0;
// the check: trained without the newest PAIR_CHECK batches, read on them, with and without the pairs
const PAIR_CHECK = 12;
const newest = srcs.filter(s => s !== 'team').sort((a, b) => +a.slice(1) - +b.slice(1)).slice(-PAIR_CHECK);
const older = rows.filter(r => !newest.includes(r.src)), later = rows.filter(r => newest.includes(r.src));
const wOld = train(older, best.lambda), w2Old = trainPairs(older, wOld);
const checkSingle = later.filter(r => predict(wOld, r) === r.y).length, checkPairs = later.filter(r => predict2(wOld, w2Old, r) === r.y).length;
const w2 = trainPairs(rows, w);
const fit2 = rows.filter(r => predict2(w, w2, r) === r.y).length;
const pairLines = [...w2].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, v]) => `${p}\t${v.toFixed(2)}`);
const pct = n => (100 * n / rows.length).toFixed(1) + '%';
const blind = srcs.filter(s => s !== 'team').map(s => s.slice(1));
const lines = [
  '# heed coach: learned reading of "answered", generated by bench/coach/train_answered.js -- do not edit by hand.',
  '# Logistic regression with L2 over the features coach_reply.c computes of a question and the reply',
  '# (src/coach/coach_tables.h, COACH_ANSWER_FEATURES; "rule" is the rules\' own answer). A question is',
  '# answered when the sum of its features\' weights is above zero.',
  `# Data: ${rows.length} questions of the team's cases and blind batches ${blind.join(', ')} (those whose question`,
  `# count the coach gets right). L2 ${best.lambda}, picked by leaving one source out at a time:`,
  `# ${best.ok}/${rows.length} ${pct(best.ok)} right, against the rules' ${ruleOk} ${pct(ruleOk)} in-sample; on all the data ${fit} ${pct(fit)}.`,
  `# Pairs (a&b: both features on), on top: in at least ${PAIR_MIN} questions, L2 ${PAIR_L2}, ${PAIR_EPOCHS} epochs, seed ${PAIR_SEED}; on all the data ${fit2} ${(100 * fit2 / rows.length).toFixed(1)}%.`,
  `# Trained without the newest ${PAIR_CHECK} batches (${newest[0].slice(1)}-${newest[newest.length - 1].slice(1)}) and read on their ${later.length} questions: ${checkSingle} right by the single weights, ${checkPairs} with the pairs.`,
  '# feature\tweight',
  ...names.map((n, j) => `${n}\t${w[j].toFixed(2)}`),
  ...pairLines,
];
fs.writeFileSync(OUT, lines.join('\n') + '\n');
console.error(`wrote ${path.relative(root, OUT)}: lambda ${best.lambda}, ${rows.length} questions, left-one-out ${pct(best.ok)}, rules ${pct(ruleOk)}; ${pairLines.length} pairs; newest ${PAIR_CHECK} batches unseen: ${checkSingle} -> ${checkPairs} of ${later.length}`);
