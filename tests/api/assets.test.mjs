// Static assets are sent gzipped to browsers that take it (made once, not per request), as
// they are to those that do not, and always with Vary: Accept-Encoding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startHeed } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startHeed(); });
after(async () => { await srv?.stop(); });

// the raw bytes and headers (fetch would undo the encoding)
function get(path, headers) {
  return new Promise((resolve, reject) => {
    const req = request(srv.base + path, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const name of ['heed.css', 'heed.js', 'coach.js']) {
  test(`${name}: gzip when accepted, about 70% smaller, the same bytes once unpacked`, async () => {
    const plain = await get(`/static/${name}`, {});
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    const packed = await get(`/static/${name}`, { 'Accept-Encoding': 'br, gzip, deflate' });
    assert.equal(packed.headers['content-encoding'], 'gzip');
    assert.equal(packed.headers.vary, 'Accept-Encoding');
    assert.deepEqual(gunzipSync(packed.body), plain.body);
    assert.ok(packed.body.length < plain.body.length * 0.4, `${packed.body.length} of ${plain.body.length} bytes`);
    const refused = await get(`/static/${name}`, { 'Accept-Encoding': 'gzip;q=0, identity' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.deepEqual(refused.body, plain.body);
  });
}
