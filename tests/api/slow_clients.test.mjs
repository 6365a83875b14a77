// Slow clients (issue 9), the brief's own scenario beside server_limits.test.mjs: 100 connections
// from one address, a trickle of single bytes inside one header line (never a whole line), and
// the connections under the cap kept open while those over it are closed unanswered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { startHeed } from '../lib/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const portOf = (srv) => Number(new URL(srv.base).port);

// a connection that sends a request line and then a header byte every `every` ms
function trickle(port, every, localAddress = '127.0.0.1') {
  const s = net.connect({ host: '127.0.0.1', port, localAddress });
  const t = { socket: s, closed: false, closedAt: 0, data: '' };
  s.on('data', (d) => { t.data += d; });
  s.on('error', () => {});
  s.on('close', () => { t.closed = true; t.closedAt = Date.now(); clearInterval(t.timer); });
  s.on('connect', () => {
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    t.timer = setInterval(() => { if (!s.destroyed) s.write('a'); }, every);
  });
  return t;
}

function healthzFrom(port, localAddress) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', localAddress, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer in 5 s')));
    req.on('error', reject);
  });
}

test('one address is capped, and others are still served while it trickles', async () => {
  const srv = await startHeed({ env: { HEED_MAX_CONNS_PER_IP: '20', HEED_REQUEST_DEADLINE: '60' } });
  const port = portOf(srv);
  const ts = [];
  try {
    for (let i = 0; i < 100; i++) ts.push(trickle(port, 1000));
    await sleep(1500);
    const open = ts.filter((t) => !t.closed).length;
    assert.ok(open <= 20, `at most 20 connections from 127.0.0.1 stay open, got ${open}`);
    assert.ok(open >= 15, `the first ones stay open (their requests are within the deadline), got ${open}`);
    const r = await healthzFrom(port, '127.0.0.2');
    assert.equal(r.status, 200);
    // the 21st from the capped address is closed without an answer
    const extra = trickle(port, 1000);
    await sleep(1000);
    assert.equal(extra.closed, true, 'the connection over the cap is closed');
    assert.equal(extra.data, '');
  } finally {
    for (const t of ts) t.socket.destroy();
    await srv.stop();
  }
});

test('a request trickling in is cut at the request deadline', async () => {
  const srv = await startHeed({ env: { HEED_REQUEST_DEADLINE: '2' } });
  try {
    const started = Date.now();
    const t = trickle(portOf(srv), 500);
    for (let i = 0; i < 60 && !t.closed; i++) await sleep(100);
    t.socket.destroy();
    assert.equal(t.closed, true, 'closed within the deadline + 2 s although never idle');
    const took = t.closedAt - started;
    assert.ok(took >= 1500, `not before the deadline (${took} ms)`);
    assert.ok(took <= 4000, `closed after ${took} ms`);
    // a normal request on a fresh connection is still answered
    const r = await healthzFrom(portOf(srv), '127.0.0.1');
    assert.equal(r.status, 200);
  } finally {
    await srv.stop();
  }
});
