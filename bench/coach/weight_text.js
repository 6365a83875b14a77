'use strict';
// A learned weight as the shortest text that keeps two decimals ("0", "0.5", "-1.25"): most of a
// table's weights are zero, and written so the tables stay under 1 MiB. Shared by the trainers
// that write data/coach/customer_model.tsv and data/coach/reply_model.tsv.
module.exports = v => { const t = v.toFixed(2).replace(/\.?0+$/, ''); return t === '-0' ? '0' : t; };
