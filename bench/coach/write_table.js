'use strict';
// Writes a learned table (data/coach/*.tsv), refusing one of 1 MiB or more: a committed file must
// stay under it. The customer table of 01-134 is 1,046,607 bytes at 17,400 features, so a retrain
// on more batches may need a smaller MAX_FEATS (docs/COACH.md, "Learned customer model").
const fs = require('fs');
const LIMIT = 1 << 20;
module.exports = (file, text, knob) => {
  const n = Buffer.byteLength(text);
  if (n >= LIMIT) {
    console.error(`${file}: ${n} bytes, and a committed file must be under ${LIMIT}; not written. Lower ${knob} and train again.`);
    process.exit(1);
  }
  fs.writeFileSync(file, text);
};
