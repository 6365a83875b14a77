// What one client cannot do to the server: hold it with slow connections, take every
// connection, smuggle a body with two lengths; and what every answer carries: no bytes that
// are not UTF-8 in JSON errors, no caching of data, Secure cookies behind HTTPS.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startHeed, DEMO_PASSWORD } from '../lib/server.mjs';

// a raw connection; resolves with everything the server sent once it closes
function rawConnection(port, { localAddress } = {}) {
  const sock = connect({ host: '127.0.0.1', port, localAddress });
  const chunks = [];
  const closed = new Promise((resolve) => {
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', () => {});
    sock.on('close', () => resolve(Buffer.concat(chunks)));
  });
  const opened = new Promise((resolve, reject) => { sock.on('connect', resolve); sock.on('error', reject); });
  return { sock, closed, opened };
}
const portOf = (srv) => Number(new URL(srv.base).port);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('slow and greedy clients', () => {
  let srv;
  before(async () => { srv = await startHeed({ env: { HEED_REQUEST_DEADLINE: '2', HEED_MAX_CONNS_PER_IP: '20' } }); });
  after(async () => { await srv?.stop(); });

  test('a trickle of header lines is cut at the deadline although it is never idle', async () => {
    const c = rawConnection(portOf(srv));
    await c.opened;
    const start = Date.now();
    c.sock.write('GET /healthz HTTP/1.1\r\n');
    const timer = setInterval(() => { if (!c.sock.destroyed) c.sock.write('X-Slow: y\r\n'); }, 400);
    const got = await Promise.race([c.closed, sleep(8000).then(() => null)]);
    clearInterval(timer);
    c.sock.destroy();
    assert.notEqual(got, null, 'the server closed the trickling connection');
    const took = Date.now() - start;
    assert.ok(took >= 1500 && took < 4500, `closed after ${took} ms (deadline 2 s)`);
  });

  test('one address at its cap cannot take the connections of another', async () => {
    const port = portOf(srv);
    const held = [];
    for (let i = 0; i < 40; i++) { const c = rawConnection(port); held.push(c); c.sock.write('GET /healthz HTTP/1.1\r\n'); }
    await Promise.allSettled(held.map((c) => c.opened));
    await sleep(300);
    const refused = held.filter((c) => c.sock.destroyed || c.sock.readyState !== 'open').length;
    assert.ok(refused >= 20, `connections over the cap of 20 from one address are closed (${refused} of 40)`);
    // another address is served at once
    const other = rawConnection(port, { localAddress: '127.0.0.2' });
    await other.opened;
    other.sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = (await other.closed).toString();
    assert.match(answer, /^HTTP\/1\.1 200/);
    for (const c of held) c.sock.destroy();
  });
});

describe('framing, encoding and caching', () => {
  let srv;
  before(async () => { srv = await startHeed(); });
  after(async () => { await srv?.stop(); });

  async function rawRequest(bytes) {
    const c = rawConnection(portOf(srv));
    await c.opened;
    c.sock.write(bytes);
    return c.closed;
  }

  test('two different Content-Length headers get 400', async () => {
    const out = (await rawRequest(`POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${srv.token}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}')).toString();
    assert.match(out, /^HTTP\/1\.1 400/);
    assert.match(out, /two different Content-Length/);
    const list = await srv.api('GET', '/api/v1/tickets');
    assert.equal(list.json.tickets.length, 0, 'nothing was created');
  });

  test('bytes that are not UTF-8 are never echoed into a JSON error', async () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    // an unknown query parameter whose name is not UTF-8
    const out = await rawRequest(Buffer.concat([Buffer.from('GET /api/v1/tickets?'), Buffer.from([0x61, 0xff, 0xfe, 0x62]),
      Buffer.from(`=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${srv.token}\r\nConnection: close\r\n\r\n`)]));
    const body = out.subarray(out.indexOf('\r\n\r\n') + 4);
    assert.match(out.toString('latin1'), /^HTTP\/1\.1 400/);
    const text = strict.decode(body); // throws on invalid UTF-8
    assert.equal(JSON.parse(text).error.code, 'unknown_field');
    // an unknown JSON field cut in the middle of a character by the message's length limit
    const r = await srv.api('POST', '/api/v1/tickets', JSON.stringify({ ['é'.repeat(80)]: 1 }));
    assert.equal(r.status, 400);
    assert.doesNotMatch(r.text, /\uFFFD"|\\u00/, 'the message ends on a whole character');
    strict.decode(Buffer.from(r.text));
  });

  test('pages and API answers are not cached; assets are', async () => {
    for (const path of ['/api/v1/tickets', '/api/v1/me', '/api/v1/nope']) {
      const r = await srv.api('GET', path);
      assert.equal(r.headers.get('cache-control'), 'no-store', path);
    }
    const login = await fetch(srv.base + '/login');
    assert.equal(login.headers.get('cache-control'), 'no-store');
    const css = await fetch(srv.base + '/static/heed.css');
    assert.match(css.headers.get('cache-control'), /max-age/);
  });
});

// signs in through the form and returns the Set-Cookie headers heed sent
async function signIn(base) {
  const form = await fetch(base + '/login');
  const loginCookie = form.headers.get('set-cookie');
  const sent = (await form.text()).match(/name="_login" value="([0-9a-f]{32})"/)[1];
  const res = await fetch(base + '/login', {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: loginCookie.split(';')[0] },
    body: new URLSearchParams({ _login: sent, email: 'ada@heed.test', password: DEMO_PASSWORD }).toString(),
  });
  assert.equal(res.status, 303);
  return [loginCookie, res.headers.get('set-cookie')];
}

test('cookies are Secure when public_url is https, and not over plain http', async () => {
  const plain = await startHeed();
  const https = await startHeed({ env: { HEED_PUBLIC_URL: 'https://help.example.test' } });
  try {
    for (const c of await signIn(plain.base)) assert.doesNotMatch(c, /Secure/i);
    for (const c of await signIn(https.base)) assert.match(c, /; Secure/);
  } finally {
    await plain.stop();
    await https.stop();
  }
});

test('a public_url that is not an http(s) URL stops heed at start', async () => {
  await assert.rejects(startHeed({ env: { HEED_PUBLIC_URL: 'ftp://x' } }), /bad value|exited/);
});
