/* heed: the live reply coach on the ticket page (docs/COACH.md, "The live coach").
 * As the agent writes a reply it asks POST /api/v1/coach (the page's session and
 * its CSRF header) 250 ms after the last keystroke, one request at a time, and
 * shows what the coach sees: flags marked on their words in the draft (a backdrop
 * behind the textarea), strengths, unanswered questions, promises with their due
 * dates. It only helps: nothing here can stop the form from sending. Internal
 * notes get no coach: the customer never reads them. */
(function () {
  'use strict';
  var panel = document.getElementById('coach');
  var body = document.getElementById('body');
  var composer = document.getElementById('composer');
  if (!panel || !body || !composer || !window.fetch) return;
  var results = document.getElementById('coach-results');
  var summary = document.getElementById('coach-summary');
  var toggle = document.getElementById('coach-toggle');
  var csrfField = composer.querySelector('input[name=_csrf]');
  var customer = panel.getAttribute('data-customer') || '';
  var customerName = panel.getAttribute('data-customer-name') || '';
  /* the page's one reading of the customer (corrections, history) and the agent's earlier replies:
   * the draft is judged against what the page shows, and a question an earlier reply answered
   * is not "not answered yet" */
  var earlier = panel.getAttribute('data-earlier') || '';
  var reading = null;
  try { reading = JSON.parse(panel.getAttribute('data-reading') || 'null'); } catch (e) { reading = null; }
  /* the agent's time zone: sent with each draft; its abbreviations by UTC offset in minutes */
  var tz = panel.getAttribute('data-tz') || '';
  var abbrs = {};
  (panel.getAttribute('data-tz-abbr') || '').split(',').forEach(function (pair) {
    var m = /^(-?\d+) (.+)$/.exec(pair);
    if (m) abbrs[m[1]] = m[2];
  });
  var KEY = 'heed.coach.collapsed', MORE_KEY = 'heed.coach.allflags', DELAY = 250;
  /* the flag cards shown before "Show N more"; the most serious come first */
  var FEW = 3;
  var SEVERITY = ['blame', 'dismissive', 'no_empathy', 'negative_phrasing', 'deflection', 'shouting', 'vague_promise', 'hard_to_read'];
  var timer = 0, inflight = null, shown = null; /* shown: {draft, list}: the marks on screen */

  var FLAGS = {
    no_empathy: 'No empathy yet', negative_phrasing: 'Negative phrasing', deflection: 'Passes the buck',
    blame: 'Blames the customer', dismissive: 'Dismissive', vague_promise: 'Vague promise',
    shouting: 'Shouting', hard_to_read: 'Hard to read'
  };
  var STRENGTHS = {
    empathy: 'Empathy', apology: 'Apology', ownership: 'Ownership', commitment: 'Clear commitment',
    next_step: 'Next step', positive_alternative: 'Positive alternative', personal: 'Personal touch',
    gratitude: 'Thanks the customer'
  };

  /* the coach's offsets count UTF-8 bytes; a JS string counts UTF-16 units */
  function indexOfByte(s, bytes) {
    var b = 0, i = 0;
    while (i < s.length && b < bytes) {
      var c = s.codePointAt(i);
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += c > 0xffff ? 2 : 1;
    }
    return i;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function isReply() {
    var r = composer.querySelector('input[name=kind][value=reply]');
    return !r || r.checked;
  }
  function collapsed() { return toggle.getAttribute('aria-expanded') === 'false'; }
  function active() { return isReply() && !collapsed(); }

  /* ---- the backdrop behind the textarea that marks flagged words ------ */
  var field = el('div', 'coach-field');
  var backdrop = el('div', 'coach-backdrop');
  backdrop.setAttribute('aria-hidden', 'true');
  body.parentNode.insertBefore(field, body);
  field.appendChild(backdrop);
  field.appendChild(body);
  /* the backdrop's box and text match the textarea's in heed.css (no inline styles: CSP) */
  function syncBox() { backdrop.scrollTop = body.scrollTop; }
  body.addEventListener('scroll', function () { backdrop.scrollTop = body.scrollTop; });
  if (window.ResizeObserver) new ResizeObserver(syncBox).observe(body);
  else window.addEventListener('resize', syncBox);

  /* flags with a span, in JS indices; the narrowest flag owns each stretch of text */
  function spans(draft, flags) {
    var out = [];
    flags.forEach(function (f, n) {
      if (f.end <= f.start || !FLAGS[f.code]) return;
      out.push({ n: n, s: indexOfByte(draft, f.start), e: indexOfByte(draft, f.end), f: f });
    });
    return out;
  }
  function paint(draft, list, reported) {
    backdrop.textContent = '';
    backdrop.setAttribute('data-reported', reported ? '1' : '0'); /* marks straight from a report, or moved since */
    var cuts = [0, draft.length];
    list.forEach(function (x) { cuts.push(x.s, x.e); });
    cuts = cuts.filter(function (c, i, a) { return a.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], z = cuts[k + 1], owner = null;
      list.forEach(function (x) {
        if (x.s <= a && x.e >= z && (!owner || x.e - x.s < owner.e - owner.s)) owner = x;
      });
      var text = draft.slice(a, z);
      if (!owner) { backdrop.appendChild(document.createTextNode(text)); continue; }
      var m = el('mark', 'coach-mark' + (owner.e - owner.s > 40 ? ' wide' : ''), text);
      m.setAttribute('data-flag', String(owner.n));
      m.setAttribute('data-code', owner.f.code);
      backdrop.appendChild(m);
    }
    backdrop.appendChild(document.createTextNode('\n')); /* a trailing newline still takes a line */
    syncBox();
  }
  function highlight(n, on) {
    backdrop.querySelectorAll('mark[data-flag="' + n + '"]').forEach(function (m) { m.classList.toggle('active', on); });
  }

  /* ---- the panel ------------------------------------------------------ */
  /* "2026-11-27T17:00:00-05:00" -> "Fri 27 Nov, 17:00 EST": the wall clock the coach wrote, in its zone */
  function due(iso) {
    var t = Date.parse(iso);
    if (isNaN(t)) return iso;
    var m = /([+-])(\d\d):(\d\d)$/.exec(iso);
    var off = m ? (m[1] === '-' ? -1 : 1) * (parseInt(m[2], 10) * 60 + parseInt(m[3], 10)) : 0;
    var d = new Date(t + off * 60000); /* read with getUTC*: the local wall clock */
    var zone = abbrs[String(off)] || (off ? 'UTC' + (m[1] === '-' ? '\u2212' : '+') + m[2] + ':' + m[3] : 'UTC');
    var wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
    var mo = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
    var two = function (x) { return (x < 10 ? '0' : '') + x; };
    return wd + ' ' + d.getUTCDate() + ' ' + mo + ', ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ' ' + zone;
  }
  /* "... (negative_phrasing rule: "x")": the reason for people, the rule for a tooltip */
  function splitWhy(why, quoted) {
    var m = /^(.*?)\s*\(([a-z_]+ rule[^()]*)\)$/.exec(why || '');
    var text = m ? m[1] : why || '';
    if (quoted && text.indexOf('"' + quoted + '" ') === 0) text = text.slice(quoted.length + 3); /* the head quotes it */
    return { text: text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.'), rule: m ? m[2] : '' };
  }
  function section(title, cls) {
    var s = el('section', 'coach-section ' + cls);
    s.appendChild(el('h3', null, title));
    results.appendChild(s);
    return s;
  }

  function flagItem(x, draft) {
    var li = el('li', 'coach-flag');
    li.setAttribute('data-code', x.f.code);
    var head = el('p', 'coach-flag-head');
    head.appendChild(el('strong', null, FLAGS[x.f.code]));
    var quoted = x.e - x.s <= 60 ? draft.slice(x.s, x.e) : '';
    if (quoted) head.appendChild(el('q', null, quoted));
    li.appendChild(head);
    var why = splitWhy(x.f.why, quoted);
    var p = el('p', 'coach-why', why.text);
    if (why.rule) p.title = why.rule;
    li.appendChild(p);
    var actions = el('p', 'coach-actions');
    if (x.f.suggestion && x.f.apply === 'span') { /* reads correctly in place of the span */
      var use = el('button', 'coach-use');
      use.type = 'button';
      use.appendChild(el('span', null, 'Use suggestion: '));
      use.appendChild(el('q', null, x.f.suggestion));
      use.addEventListener('click', function () { rewrite(x, draft); });
      actions.appendChild(use);
    } else if (x.f.suggestion) { /* a way to rephrase the sentence: the agent rewrites it, nothing is spliced */
      var hint = el('span', 'coach-hint');
      hint.appendChild(el('span', null, 'Try rephrasing, e.g. '));
      hint.appendChild(el('q', null, x.f.suggestion));
      actions.appendChild(hint);
      var pick = el('button', 'link coach-sentence', 'Select the sentence');
      pick.type = 'button';
      pick.addEventListener('click', function () { var r = sentenceAround(body.value, x.s, x.e); body.focus(); body.setSelectionRange(r[0], r[1]); });
      actions.appendChild(pick);
    }
    var show = el('button', 'link coach-show', 'Show in draft');
    show.type = 'button';
    show.addEventListener('click', function () { body.focus(); body.setSelectionRange(x.s, x.e); });
    actions.appendChild(show);
    li.appendChild(actions);
    ['mouseenter', 'focusin'].forEach(function (t) { li.addEventListener(t, function () { highlight(x.n, true); }); });
    ['mouseleave', 'focusout'].forEach(function (t) { li.addEventListener(t, function () { highlight(x.n, false); }); });
    return li;
  }

  /* the sentence around [s, e): from after the last . ! ? or line break before it to its own end */
  function sentenceAround(text, s, e) {
    var a = s, z = e;
    while (a > 0 && !/[.!?\n]/.test(text[a - 1])) a--;
    while (a < s && /\s/.test(text[a])) a++;
    while (z < text.length && !/[.!?\n]/.test(text[z])) z++;
    if (z < text.length && text[z] !== '\n') z++;
    return [a, z];
  }

  /* replaces the flagged span with the suggestion; through execCommand so Ctrl+Z undoes it */
  function rewrite(x, draft) {
    if (body.value !== draft) return; /* the draft changed since: the next report has fresh offsets */
    body.focus();
    body.setSelectionRange(x.s, x.e);
    var done = false;
    try { done = document.execCommand('insertText', false, x.f.suggestion); } catch (e) { done = false; }
    if (!done || body.value === draft) {
      body.setRangeText(x.f.suggestion, x.s, x.e, 'end');
      body.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  /* "Show 2 more" / "Show fewer": the extra flag cards, remembered like the panel's Hide */
  function moreAll() { try { return window.localStorage.getItem(MORE_KEY) === '1'; } catch (e) { return false; } }
  function moreToggle(ul, n) {
    var btn = el('button', 'link coach-more');
    btn.type = 'button';
    btn.setAttribute('aria-controls', 'coach-flags');
    function set(all) {
      btn.setAttribute('aria-expanded', all ? 'true' : 'false');
      btn.textContent = all ? 'Show fewer' : 'Show ' + n + ' more';
      ul.querySelectorAll('.coach-extra').forEach(function (li) { li.hidden = !all; });
    }
    btn.addEventListener('click', function () {
      var all = btn.getAttribute('aria-expanded') !== 'true';
      set(all);
      try { window.localStorage.setItem(MORE_KEY, all ? '1' : '0'); } catch (e) { /* private mode */ }
    });
    set(moreAll());
    return btn;
  }

  function say(text) { if (summary.textContent !== text) summary.textContent = text; }

  var LANGUAGES = { de: 'German', es: 'Spanish', fr: 'French', it: 'Italian', pt: 'Portuguese', nl: 'Dutch' };
  var READS = ['en', 'es'];
  function render(draft, rep) {
    results.textContent = '';
    var c = rep.customer || {}, r = rep.reply;
    /* a reply in a language the coach does not read: said so, and no advice made up (it reads
     * English and Spanish: docs/COACH.md, "Spanish") */
    if (r && r.language && READS.indexOf(r.language) < 0) {
      var name = LANGUAGES[r.language] || 'another language';
      section('Not read', 'coach-language').appendChild(el('p', 'muted',
        'This reply looks ' + (LANGUAGES[r.language] ? 'like ' + name : 'to be in ' + name) +
        '. The coach reads English and Spanish only, so it gives no advice on it.'));
      paint('', [], true);
      say('Not read: the coach reads English and Spanish only.');
      return;
    }
    var list = r ? spans(draft, r.flags || []) : [];
    shown = { draft: draft, list: list };
    paint(r ? draft : '', list, true);
    if (list.length) {
      var ul = el('ul', 'coach-flags');
      ul.id = 'coach-flags';
      var rank = function (x) { var k = SEVERITY.indexOf(x.f.code); return k < 0 ? SEVERITY.length : k; };
      var sorted = list.slice().sort(function (a, b) { return rank(a) - rank(b) || a.s - b.s; });
      sorted.forEach(function (x, i) {
        var li = flagItem(x, draft);
        if (i >= FEW) li.classList.add('coach-extra');
        ul.appendChild(li);
      });
      var look = section('Worth a second look', 'coach-look');
      look.appendChild(ul);
      if (sorted.length > FEW) look.appendChild(moreToggle(ul, sorted.length - FEW));
    }
    var strengths = r ? r.strengths || [] : [];
    if (strengths.length) {
      var chips = el('p', 'chips');
      strengths.forEach(function (s) { chips.appendChild(el('span', 'chip strength', STRENGTHS[s] || s.replace(/_/g, ' '))); });
      section('Going well', 'coach-strengths').appendChild(chips);
    }
    var qs = c.questions || [], open = 0;
    if (qs.length) {
      var ql = el('ul', 'coach-questions');
      var before = c.answered_before || [];
      qs.forEach(function (q, i) {
        var answered = !!(r && r.answered && r.answered[i]), earlierOne = !answered && !!before[i];
        if (!answered && !earlierOne) open++;
        var li = el('li', answered ? 'answered' : earlierOne ? 'answered before' : 'open');
        var state = el('span', 'coach-q-state', answered ? 'Answered' : earlierOne ? 'Answered earlier' : 'Not answered yet');
        if (earlierOne) state.title = 'An earlier reply on this ticket answers it';
        li.appendChild(state);
        li.appendChild(el('q', null, q));
        ql.appendChild(li);
      });
      section((customerName ? customerName.split(' ')[0] + ' asked' : 'The customer asked'), 'coach-asked').appendChild(ql);
    }
    var promises = r ? r.commitments || [] : [];
    if (promises.length) {
      var pl = el('ul', 'coach-promises');
      promises.forEach(function (p) {
        var li = el('li');
        li.appendChild(el('q', null, p.text));
        var when = el('span', 'coach-due' + (p.due ? '' : ' none'), p.due ? 'due ' + due(p.due) : 'no date: say when');
        if (p.due) { when.title = p.due + (tz ? ' (' + tz + ')' : ''); when.setAttribute('data-due', p.due); }
        li.appendChild(when);
        pl.appendChild(li);
      });
      section('You promise', 'coach-promise').appendChild(pl);
    }
    if (!r) { say(open ? open + (open === 1 ? ' question' : ' questions') + ' to answer. Start your reply: the coach reads it as you write.' : 'Start your reply: the coach reads it as you write. It never stops you sending.'); return; }
    var parts = [];
    if (list.length) parts.push(list.length + (list.length === 1 ? ' thing' : ' things') + ' to look at');
    if (open) parts.push(open + (open === 1 ? ' question' : ' questions') + ' not answered yet');
    if (strengths.length) parts.push(strengths.length + (strengths.length === 1 ? ' strength' : ' strengths'));
    if (promises.length) parts.push(promises.length + (promises.length === 1 ? ' promise' : ' promises'));
    say(list.length || open ? parts.join(' · ') : 'Looks good' + (parts.length ? ': ' + parts.join(' · ') : '') + '.');
  }

  /* ---- asking the coach: debounced, one at a time, stale ones cancelled */
  function ask() {
    timer = 0;
    if (!active()) return;
    var draft = body.value;
    if (inflight) inflight.abort();
    var ctl = new AbortController();
    inflight = ctl;
    var payload = {};
    if (customer) payload.customer = customer;
    if (customerName) payload.customer_name = customerName;
    if (customer && earlier) payload.earlier = earlier;
    if (customer && reading) payload.reading = reading;
    if (draft.trim()) payload.reply = draft;
    if (tz) payload.tz = tz;
    panel.setAttribute('aria-busy', 'true');
    fetch('/api/v1/coach', {
      method: 'POST', credentials: 'same-origin', signal: ctl.signal,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfField ? csrfField.value : '' },
      body: JSON.stringify(payload)
    }).then(function (res) {
      return res.json().then(function (j) { if (!res.ok) throw new Error(j && j.error ? j.error.message : 'HTTP ' + res.status); return j; });
    }).then(function (rep) {
      if (inflight !== ctl) return;
      inflight = null;
      panel.removeAttribute('aria-busy');
      /* typed since? the next report follows; offsets must match the text they mark */
      if (body.value === draft && active()) render(draft, payload.reply ? rep : { customer: rep.customer });
    }).catch(function (err) {
      if (inflight !== ctl) return;
      inflight = null;
      panel.removeAttribute('aria-busy');
      if (err.name !== 'AbortError') say('The coach is not available just now; you can still send.');
    });
  }
  function later(ms) {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(ask, ms);
  }
  /* until the next report: marks before the edit stay, marks after it move with the text,
   * marks the edit touched go (so typing does not make the marks flicker) */
  function follow(now) {
    var was = shown.draft, p = 0, q = 0;
    while (p < was.length && p < now.length && was[p] === now[p]) p++;
    while (q < was.length - p && q < now.length - p && was[was.length - 1 - q] === now[now.length - 1 - q]) q++;
    var delta = now.length - was.length;
    shown.list = shown.list.filter(function (x) { return x.e <= p || x.s >= was.length - q; }).map(function (x) {
      return x.e <= p ? x : { n: x.n, s: x.s + delta, e: x.e + delta, f: x.f };
    });
    shown.draft = now;
    paint(now, shown.list, false);
  }
  function clear() {
    if (timer) { window.clearTimeout(timer); timer = 0; }
    if (inflight) { inflight.abort(); inflight = null; panel.removeAttribute('aria-busy'); }
    backdrop.textContent = '';
    shown = null;
  }

  body.addEventListener('input', function () {
    if (!active()) return;
    if (shown && shown.draft !== body.value) follow(body.value);
    later(DELAY);
  });

  function setCollapsed(on, remember) {
    toggle.setAttribute('aria-expanded', on ? 'false' : 'true');
    toggle.textContent = on ? 'Show' : 'Hide';
    document.getElementById('coach-body').hidden = on;
    panel.classList.toggle('collapsed', on);
    if (remember) { try { window.localStorage.setItem(KEY, on ? '1' : '0'); } catch (e) { /* private mode */ } }
    if (on) clear(); else later(0);
  }
  function setMode() {
    panel.hidden = !isReply();
    if (isReply()) { if (!collapsed()) later(0); } else clear();
  }
  toggle.hidden = false;
  toggle.addEventListener('click', function () { setCollapsed(!collapsed(), true); });
  composer.addEventListener('change', function (ev) { if (ev.target.name === 'kind') setMode(); });
  body.addEventListener('focus', function () { if (panel.hidden === isReply()) setMode(); }); /* the r / n keys set the mode without a change event */
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { stored = null; }
  setCollapsed(stored === '1', false);
  setMode();
})();
