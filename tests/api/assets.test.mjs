// Static assets are served compressed, as the client's Accept-Encoding allows: Brotli first,
// then gzip, else the file itself; always with Vary: Accept-Encoding. The compressed bytes
// are made once at build time (tools/embed.c) and must decompress to the file in assets/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startHeed } from '../lib/server.mjs';

const ASSETS = ['heed.css', 'heed.js', 'coach.js', 'icon.svg'];
const source = (name) => readFileSync(new URL(`../../assets/${name}`, import.meta.url));

let srv;
before(async () => { srv = await startHeed(); });
after(async () => { await srv?.stop(); });

// raw bytes and headers (fetch would decompress on its own)
function get(path, acceptEncoding, method = 'GET') {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    const req = request(srv.base + path, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

test('Brotli when accepted: the bytes decompress to the file, with Vary and Content-Encoding', async () => {
  for (const name of ASSETS) {
    const r = await get(`/static/${name}`, 'gzip, deflate, br');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'br', name);
    assert.equal(r.headers.vary, 'Accept-Encoding');
    assert.equal(Number(r.headers['content-length']), r.body.length);
    assert.deepEqual(brotliDecompressSync(r.body), source(name), name);
  }
});

test('gzip when Brotli is not accepted', async () => {
  for (const name of ASSETS) {
    const r = await get(`/static/${name}`, 'gzip');
    assert.equal(r.headers['content-encoding'], 'gzip', name);
    assert.equal(r.headers.vary, 'Accept-Encoding');
    assert.deepEqual(gunzipSync(r.body), source(name), name);
  }
});

test('the file itself when no coding is accepted', async () => {
  for (const [ae, why] of [[undefined, 'no header'], ['identity', 'identity only'], ['deflate', 'a coding heed has no copy in'],
                           ['br;q=0, gzip;q=0', 'both refused'], ['gzip;q=0, identity', 'gzip refused'], ['*;q=0', 'everything refused'], ['', 'an empty header']]) {
    const r = await get('/static/heed.css', ae);
    assert.equal(r.headers['content-encoding'], undefined, why);
    assert.equal(r.headers.vary, 'Accept-Encoding', why);
    assert.deepEqual(r.body, source('heed.css'), why);
  }
});

test('q-values and * choose the coding', async () => {
  for (const [ae, want] of [['*', 'br'], ['br;q=0, *', 'gzip'], ['GZIP;q=0.5', 'gzip'], ['x-gzip', 'gzip'],
                            ['br;q=0.1', 'br'], ['gzip; q=1 , br ; q=0', 'gzip']]) {
    const r = await get('/static/heed.js', ae);
    assert.equal(r.headers['content-encoding'], want, ae);
    const plain = want === 'br' ? brotliDecompressSync(r.body) : gunzipSync(r.body);
    assert.deepEqual(plain, source('heed.js'), ae);
  }
});

test('the stylesheet and scripts are about 70% smaller on the wire', async () => {
  let plain = 0, br = 0, gz = 0;
  for (const name of ASSETS) {
    plain += (await get(`/static/${name}`)).body.length;
    br += (await get(`/static/${name}`, 'br')).body.length;
    gz += (await get(`/static/${name}`, 'gzip')).body.length;
  }
  assert.ok(br < plain * 0.3, `Brotli ${br} of ${plain} bytes`);
  assert.ok(gz < plain * 0.35, `gzip ${gz} of ${plain} bytes`);
});

test('HEAD answers the same headers without a body', async () => {
  const r = await get('/static/heed.css', 'br', 'HEAD');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'br');
  assert.equal(r.headers.vary, 'Accept-Encoding');
  assert.equal(r.body.length, 0);
});
