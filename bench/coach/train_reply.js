#!/usr/bin/env node
// Trains the coach's learned reading of the reply (data/coach/reply_model.tsv): for each flag and
// strength it decides, a logistic regression with L2 over the reply's words and pairs of adjacent
// words and what the rules already read (their own flags and strengths, the customer's emotion,
// complaint and urgency, the reply's length). See docs/COACH.md, "Learned reply reading".
//   make heed && node bench/coach/train_reply.js        (from the repository root, a minute or two)
// Learns from the expectations of the team's cases (tests/data/coach/*.jsonl, not the Spanish ones)
// and of every blind batch in tests/data/coach/blind/ ("flags"/"not_flags", "strengths"/"not_strengths");
// never reads tests/data/coach/heldout/. Runs ../../heed coach --reply-features for the features, which
// are the rules' readings before the model (build heed first; the table it was built with does not
// change them). Deterministic: fixed seed and order; the same inputs give the same table byte for byte.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const short = require('./weight_text'); // a weight as its shortest text
const writeTable = require('./write_table'); // refuses a table of 1 MiB or more
const root = path.resolve(__dirname, '../..');
const HEED = process.env.HEED || path.join(root, 'heed');
const OUT = process.env.OUT || path.join(root, 'data/coach/reply_model.tsv');
const NOW = '2026-11-23T10:00:00Z'; // as heed coach --eval reads a case without "now"

// coach_codes.h order: the flags, then the strengths (the table's columns)
const FLAGS = ['no_empathy', 'unanswered_question', 'negative_phrasing', 'deflection', 'blame', 'dismissive',
  'vague_promise', 'shouting', 'hard_to_read'];
const STRENGTHS = ['empathy', 'apology', 'ownership', 'commitment', 'next_step', 'positive_alternative', 'personal', 'gratitude'];
const CODES = FLAGS.concat(STRENGTHS);
// the ones the model decides: where leaving one batch out beats the rules. The others are read
// by definition (unanswered questions, capitals, reading grade, a dated promise, thanks) and
// the rules are as good or better there.
const DECIDES = (process.env.DECIDES || 'no_empathy,negative_phrasing,deflection,blame,dismissive,vague_promise,' +
  'empathy,apology,ownership,next_step,positive_alternative,personal').split(',');
const LAMBDAS = [0.003, 0.01];      // L2 per step, picked per code by leaving one blind batch out
const EPOCHS = 8, RATE = 0.2, MIN_COUNT = 3, SEED = 12345;
const MAX_FEATS = Math.min(16384, +(process.env.MAX_FEATS || 13500)); // at most COACH_RM_MAX_FEATS (coach_tables.h); 13,500 keeps the file under 1 MiB

// ---- the data: the features of every case with a reply, and its expectations ----
const files = fs.readdirSync(path.join(root, 'tests/data/coach')).filter(f => f.endsWith('.jsonl') && f !== 'spanish.jsonl').sort()
  .map(f => ['team', path.join(root, 'tests/data/coach', f)])
  .concat(fs.readdirSync(path.join(root, 'tests/data/coach/blind')).filter(f => /^batch-\d+\.jsonl$/.test(f) &&
    (!process.env.BLIND_UPTO || +f.match(/\d+/)[0] <= +process.env.BLIND_UPTO)).sort()
    .map(f => ['b' + f.match(/\d+/)[0], path.join(root, 'tests/data/coach/blind', f)]));
const cases = []; // {src, x: feature names, expect}
for (const [src, f] of files) {
  if (f.includes('/heldout/')) throw new Error('the held-out file is never read');
  const cs = fs.readFileSync(f, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l))
    .filter(c => typeof c.reply === 'string' && typeof c.customer === 'string' && c.expect); // the model reads exchanges
  if (!cs.length) continue;
  const input = cs.map(c => {
    const o = {};
    for (const k of Object.keys(c)) if (k !== 'id' && k !== 'expect' && k !== 'note') o[k] = c[k];
    if (!('now' in o)) o.now = NOW;
    return JSON.stringify(o);
  }).join('\n') + '\n';
  const out = execFileSync(HEED, ['coach', '--reply-features'], { input, maxBuffer: 1 << 30 }).toString().trim().split('\n');
  if (out.length !== cs.length) throw new Error('heed coach --reply-features: line count');
  cs.forEach((c, i) => {
    const r = JSON.parse(out[i]);
    const x = r.reply && r.reply.model_features;
    if (x && x.length) cases.push({ src, x: [...new Set(x)], expect: c.expect });
  });
}
const names = [...new Set(cases.flatMap(c => c.x))].sort();
const index = new Map(names.map((n, i) => [n, i]));
for (const c of cases) c.idx = c.x.map(n => index.get(n));
const D = names.length;
const isRead = names.map(n => n.startsWith('@'));

function rowsFor(code) {
  const flag = FLAGS.includes(code), yes = flag ? 'flags' : 'strengths', no = flag ? 'not_flags' : 'not_strengths';
  const rule = index.get((flag ? '@rf:' : '@rs:') + code);
  const rows = [];
  for (const c of cases) {
    const y = (c.expect[yes] || []).includes(code) ? 1 : (c.expect[no] || []).includes(code) ? 0 : -1;
    if (y >= 0) rows.push({ c, y, rule: c.idx.includes(rule) ? 1 : 0 });
  }
  return rows;
}

// ---- logistic regression by stochastic gradient descent, in a fixed shuffled order ----
function rng(seed) { // mulberry32
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function train(rows, lambda) {
  const count = new Int32Array(D);
  for (const r of rows) for (const j of r.c.idx) count[j]++;
  const use = j => isRead[j] || count[j] >= MIN_COUNT; // rare words are left out; the rules' readings never
  const w = new Float64Array(D);
  const order = rows.map((_, i) => i), next = rng(SEED);
  for (let e = 0; e < EPOCHS; e++) {
    for (let i = order.length - 1; i > 0; i--) { const k = Math.floor(next() * (i + 1)); [order[i], order[k]] = [order[k], order[i]]; }
    for (const k of order) {
      const r = rows[k], fs_ = r.c.idx.filter(use);
      let z = 0;
      for (const j of fs_) z += w[j];
      const g = 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z)))) - r.y;
      for (const j of fs_) w[j] -= RATE * (g + lambda * w[j]);
    }
  }
  for (let j = 0; j < D; j++) if (!use(j)) w[j] = 0;
  return w;
}
// as coach_reply_model.c decides: the sum of the weights rounded to hundredths (z, x100); a reading the
// rules did not make needs z above ADD, one they made is taken back only below -DROP (both x100)
const score = (w, r) => r.c.idx.reduce((z, j) => z + Math.round(w[j] * 100), 0);
const decide = (z, rule, add, drop) => (rule ? z >= -drop : z > add) ? 1 : 0;
const MARGINS = [0, 50, 100, 150, 200]; // candidates for DROP

// ---- per code: lambda by leaving one blind batch out, then the whole data ----
const W = CODES.map(() => new Float64Array(D));
const held = {}; // code -> the rows' scores left out, {y, rule, z}, at the code's lambda
const lambdaOf = {};
for (const code of DECIDES) {
  const o = CODES.indexOf(code);
  if (o < 0) throw new Error('unknown code ' + code);
  const rows = rowsFor(code);
  const srcs = [...new Set(rows.map(r => r.c.src))].filter(s => s !== 'team');
  let best = null;
  for (const lambda of LAMBDAS) {
    const out = [];
    for (const s of srcs) {
      const w = train(rows.filter(r => r.c.src !== s), lambda);
      for (const r of rows) if (r.c.src === s) out.push({ y: r.y, rule: r.rule, z: score(w, r) });
    }
    const ok = out.filter(r => decide(r.z, r.rule, 0, 0) === r.y).length;
    if (!best || ok > best.ok) best = { lambda, ok, out };
  }
  held[code] = best.out;
  lambdaOf[code] = best.lambda;
  W[o] = train(rows, best.lambda);
}
// the margins: a model word list is weak evidence on a reply unlike any it learned from (the
// cases without an expectation for a code are not in its data), so a reading the rules did not
// make is turned on only above ADD = 0.5 (p > 0.62; left one batch out it costs 7 of 11,362 on
// batches 01-29, and a flag added wrongly is the costlier mistake); DROP, for taking back one they
// made, is the one of at least 1.0 right most often left out (of equals, the wider): the rules' flags are mostly
// listed phrases ("calm down"), and a margin of 0 took back "calm down" from a reply to a happy
// customer (the writers seldom judged a happy customer's reply dismissive)
const ADD = 50, MIN_DROP = 100;
// flags defined by a phrase the reply must hold ("soon" with no time, "we can't", an empathy phrase
// missing) are only taken back, never added: words around them are no evidence of the phrase ("refund"
// read as a vague promise in a reply that promised nothing)
const TAKE_BACK_ONLY = new Set(['vague_promise', 'negative_phrasing', 'no_empathy']);
const NEVER = 30000; // @add for those: no score reaches it
const addOf = code => TAKE_BACK_ONLY.has(code) ? NEVER : ADD;
const grid = [];
for (const drop of MARGINS.filter(d => d >= MIN_DROP)) {
  let ok = 0;
  for (const code of DECIDES) for (const r of held[code]) ok += decide(r.z, r.rule, addOf(code), drop) === r.y;
  grid.push({ add: ADD, drop, ok });
}
const margin = grid.slice().sort((a, b) => b.ok - a.ok || b.drop - a.drop)[0];
console.error(grid.map(g => `${g.add}/${g.drop}:${g.ok}`).join(' '));
const report = [];
let totalRule = 0, totalModel = 0, totalN = 0;
for (const code of DECIDES) {
  const rows = rowsFor(code), o = CODES.indexOf(code), h = held[code];
  const ok = h.filter(r => decide(r.z, r.rule, addOf(code), margin.drop) === r.y).length, rule = h.filter(r => r.rule === r.y).length;
  const fit = rows.filter(r => decide(score(W[o], r), r.rule, addOf(code), margin.drop) === r.y).length;
  totalRule += rule, totalModel += ok, totalN += h.length;
  const pct = k => (100 * k / h.length).toFixed(1) + '%';
  report.push(`# ${code}: L2 ${lambdaOf[code]}; left one batch out ${ok}/${h.length} ${pct(ok)}, the rules ${rule} ${pct(rule)}; ` +
    `all data ${fit}/${rows.length}`);
  console.error(report[report.length - 1].slice(2));
}
console.error(`margins: add above ${margin.add / 100}, take back below -${margin.drop / 100}`);

// ---- the table: every reading, and the words and pairs with a weight for some code ----
const r2 = v => Math.round(v * 100) / 100;
let keep = [];
for (let j = 0; j < D; j++) {
  if (isRead[j]) continue;
  let big = 0;
  for (let o = 0; o < CODES.length; o++) big = Math.max(big, Math.abs(r2(W[o][j])));
  if (big > 0) keep.push([j, big]);
}
if (keep.length > MAX_FEATS) keep = keep.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_FEATS);
keep = keep.map(k => k[0]).sort((a, b) => a - b);
const col = j => CODES.map((_, o) => short(r2(W[o][j]))).join('\t');
const batches = [...new Set(cases.map(c => c.src))].filter(s => s !== 'team').map(s => s.slice(1));
const lines = [
  '# heed coach: learned reading of the reply, generated by bench/coach/train_reply.js -- do not edit by hand.',
  '# Logistic regression with L2 per flag and strength over the reply\'s words (w:), pairs of adjacent words (b:)',
  '# and the rules\' readings (@): a decided code is on when the sum of its weights is above zero.',
  `# Data: the expectations of the team's cases and blind batches ${batches.join(', ')}.`,
  `# Left one batch out, over the decided codes: ${totalModel}/${totalN} ${(100 * totalModel / totalN).toFixed(1)}% right, ` +
  `the rules ${totalRule} ${(100 * totalRule / totalN).toFixed(1)}%. A reading the rules did not make is added`,
  `# above ${margin.add / 100} (never for ${[...TAKE_BACK_ONLY].join(', ')}); one they made is taken back below -${margin.drop / 100} (@add, @drop).`,
  ...report,
  '# feature\t' + CODES.join('\t'),
  '@decides\t' + CODES.map(c => DECIDES.includes(c) ? '1' : '0').join('\t'),
  '@add\t' + CODES.map(c => short(addOf(c) / 100)).join('\t'),
  '@drop\t' + CODES.map(() => short(margin.drop / 100)).join('\t'),
  ...names.map((n, j) => [n, j]).filter(([n]) => n.startsWith('@')).map(([n, j]) => `${n}\t${col(j)}`),
  ...keep.map(j => `${names[j]}\t${col(j)}`),
];
writeTable(OUT, lines.join('\n') + '\n', 'MAX_FEATS');
console.error(`wrote ${path.relative(root, OUT)}: ${keep.length} words and pairs; left one batch out ` +
  `${totalModel}/${totalN} against the rules' ${totalRule} (${totalModel - totalRule >= 0 ? '+' : ''}${totalModel - totalRule})`);
