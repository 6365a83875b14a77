/* heed: the little script every page loads. Pages work without it; it adds
 * clickable rows and the keyboard shortcuts listed under "?". */
(function () {
  'use strict';

  function typing(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
    if (tag !== 'INPUT') return false;
    return !/^(button|submit|reset|checkbox|radio|hidden)$/i.test(el.type);
  }

  function submit(form, button) {
    if (!form) return;
    if (form.requestSubmit) form.requestSubmit(button || undefined);
    else form.submit();
  }

  /* ---- rows that open a page ---------------------------------------- */
  document.addEventListener('click', function (ev) {
    var row = ev.target.closest && ev.target.closest('tr[data-href]');
    if (!row || ev.target.closest('a, button, input, select, textarea, label, td.pick')) return;
    if (window.getSelection && String(window.getSelection()).length) return; /* selecting text */
    if (ev.button !== 0) return;
    if (ev.metaKey || ev.ctrlKey) window.open(row.getAttribute('data-href'), '_blank', 'noopener');
    else window.location.href = row.getAttribute('data-href');
  });

  /* ---- selects that apply at once ------------------------------------ */
  document.addEventListener('change', function (ev) {
    var el = ev.target;
    if (el.matches && el.matches('select[data-autosubmit], input[data-autosubmit]')) submit(el.form);
  });

  /* ---- the reply box: reply or internal note ------------------------- */
  var composer = document.getElementById('composer');
  var body = document.getElementById('body');
  function setMode(kind) {
    if (!composer) return;
    var radio = composer.querySelector('input[name=kind][value=' + kind + ']');
    if (radio) radio.checked = true;
    updatePlaceholder();
  }
  function updatePlaceholder() {
    if (!composer || !body) return;
    var note = composer.querySelector('input[name=kind][value=note]');
    var text = note && note.checked ? body.getAttribute('data-note-placeholder') : body.getAttribute('data-reply-placeholder');
    if (text) body.setAttribute('placeholder', text);
  }
  if (composer) {
    composer.addEventListener('change', function (ev) {
      if (ev.target.name === 'kind') { updatePlaceholder(); if (body) body.focus(); }
    });
    updatePlaceholder();
  }
  if (body) {
    body.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        if (body.value.trim()) submit(body.form);
      }
    });
  }
  /* ---- drafts: what the agent types is kept in this browser at once and on the server
   * 800 ms after the last keystroke (PUT /api/v1/tickets/{id}/draft), so a change of the
   * page, a reload, a crashed tab or a sign-out loses nothing; sending clears it ------- */
  if (composer && body && composer.getAttribute('data-ticket')) {
    var draftUrl = '/api/v1/tickets/' + composer.getAttribute('data-ticket') + '/draft';
    var draftKey = 'heed-draft-' + composer.getAttribute('data-agent') + '-' + composer.getAttribute('data-ticket');
    var draftCsrf = composer.querySelector('input[name=_csrf]');
    var draftStatus = document.getElementById('draft-status');
    var draftTimer = 0, draftSaved = body.value, draftRestored = false;
    var draftKind = function () {
      var n = composer.querySelector('input[name=kind][value=note]');
      return n && n.checked ? 'note' : 'reply';
    };
    var draftSay = function (text) { if (draftStatus) draftStatus.textContent = text; };
    /* a copy in this browser newer than the server's (a crash between saves) wins */
    try {
      var local = JSON.parse(window.localStorage.getItem(draftKey) || 'null');
      var serverAt = composer.getAttribute('data-draft-at') || '';
      if (local && typeof local.body === 'string' && local.body !== body.value && !composer.hasAttribute('data-refused') &&
          (!serverAt || Date.parse(local.at) >= Date.parse(serverAt))) { /* the server keeps whole seconds */
        body.value = local.body;
        setMode(local.kind === 'note' ? 'note' : 'reply');
        draftSay('Draft restored');
        draftRestored = true; /* and sent to the server below, which has an older copy */
      }
    } catch (e) { /* no storage: the server copy still holds */ }
    var draftSend = function (keepalive) {
      draftTimer = 0;
      var text = body.value;
      if (text === draftSaved) { draftSay(text.trim() ? 'Draft saved' : ''); return Promise.resolve(); } /* the server has it */
      return fetch(draftUrl, {
        method: 'PUT', credentials: 'same-origin', keepalive: !!keepalive,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': draftCsrf ? draftCsrf.value : '' },
        body: JSON.stringify({ kind: draftKind(), body: text })
      }).then(function (res) {
        if (res.ok) {
          draftSaved = text;
          draftSay(text.trim() ? 'Draft saved' : '');
          /* the browser keeps only what the server does not have yet (a shared computer) */
          if (body.value === text) try { window.localStorage.removeItem(draftKey); } catch (e) { /* nothing kept */ }
        } else draftSay('Draft kept in this browser only');
      }).catch(function () { draftSay('Draft kept in this browser only'); });
    };
    var draftChanged = function () {
      try {
        window.localStorage.setItem(draftKey, JSON.stringify({ body: body.value, kind: draftKind(), at: new Date().toISOString() }));
      } catch (e) { /* full or off */ }
      if (draftTimer) window.clearTimeout(draftTimer);
      draftTimer = window.setTimeout(draftSend, 800);
    };
    if (draftRestored) draftTimer = window.setTimeout(draftSend, 800);
    body.addEventListener('input', draftChanged);
    composer.addEventListener('change', function (ev) { if (ev.target.name === 'kind') draftChanged(); });
    /* leaving the page (Save on the properties, a link, closing the tab): send what is pending */
    window.addEventListener('pagehide', function () {
      if (draftTimer) { window.clearTimeout(draftTimer); draftSend(true); }
    });
    /* Sign out: the pending save first, while the session still holds (after it, the save
     * on pagehide would be refused and the draft left in this browser only) */
    var signOut = document.querySelector('form[action="/logout"]');
    if (signOut) signOut.addEventListener('submit', function (ev) {
      if (!draftTimer) return;
      ev.preventDefault();
      window.clearTimeout(draftTimer);
      var done = function () { signOut.submit(); };
      draftSend(false).then(done, done);
    });
    composer.addEventListener('submit', function () {
      if (draftTimer) window.clearTimeout(draftTimer);
      draftTimer = 0;
      draftSaved = body.value; /* the server clears the draft with the message it files */
      try { window.localStorage.removeItem(draftKey); } catch (e) { /* nothing kept */ }
    });
  }

  /* ---- macros: "/shortcut" in the reply box, or the menu below it ----------
   * The page carries each macro filled in for this ticket (data-body); the one used is sent
   * as macro_id, so its status, tags and owner follow the reply. Without script the menu's
   * links reload the page with the macro in the box. */
  var macroLinks = document.querySelectorAll('#macros a[data-macro]');
  var suggest = document.getElementById('macro-suggest');
  var macroId = document.getElementById('macro-id');
  if (body && suggest && macroLinks.length) {
    var macros = Array.prototype.map.call(macroLinks, function (a) {
      return { id: a.getAttribute('data-macro'), shortcut: a.getAttribute('data-shortcut'), body: a.getAttribute('data-body'), name: a.textContent };
    });
    var matches = [], active = 0, typedAt = -1;
    var closeSuggest = function () { suggest.hidden = true; matches = []; typedAt = -1; body.removeAttribute('aria-activedescendant'); };
    var put = function (m, start, end) {
      var v = body.value;
      body.value = v.slice(0, start) + m.body + v.slice(end);
      var caret = start + m.body.length;
      body.focus();
      body.setSelectionRange(caret, caret);
      if (macroId) macroId.value = m.id;
      closeSuggest();
      body.dispatchEvent(new Event('input', { bubbles: true })); /* the coach and the draft read it */
    };
    var showSuggest = function () {
      suggest.textContent = '';
      matches.forEach(function (m, i) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = 'macro-opt-' + m.id;
        li.setAttribute('aria-selected', i === active ? 'true' : 'false');
        var name = document.createElement('span');
        name.textContent = m.name;
        var key = document.createElement('kbd');
        key.textContent = '/' + m.shortcut;
        li.appendChild(name);
        li.appendChild(key);
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); put(m, typedAt, body.selectionStart); });
        suggest.appendChild(li);
      });
      suggest.hidden = !matches.length;
      if (matches.length) body.setAttribute('aria-activedescendant', 'macro-opt-' + matches[active].id);
    };
    body.addEventListener('input', function () {
      var upto = body.value.slice(0, body.selectionStart);
      var m = /(^|\s)\/([a-z0-9-]*)$/.exec(upto);
      if (!m) return closeSuggest();
      typedAt = upto.length - m[2].length - 1;
      matches = macros.filter(function (x) { return x.shortcut.indexOf(m[2]) === 0; }).slice(0, 8);
      active = 0;
      showSuggest();
    });
    body.addEventListener('keydown', function (ev) {
      if (suggest.hidden || !matches.length || ev.ctrlKey || ev.metaKey) return;
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        active = (active + (ev.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
        showSuggest();
      } else if (ev.key === 'Enter' || ev.key === 'Tab') {
        ev.preventDefault();
        put(matches[active], typedAt, body.selectionStart);
      } else if (ev.key === 'Escape') {
        ev.preventDefault();
        closeSuggest();
      }
    });
    body.addEventListener('blur', function () { setTimeout(closeSuggest, 150); });
    Array.prototype.forEach.call(macroLinks, function (a, i) {
      a.addEventListener('click', function (ev) { /* with script: into the box where the caret is, no reload */
        ev.preventDefault();
        var at = body.selectionStart || body.value.length;
        put(macros[i], at, at);
        var menu = document.getElementById('macros');
        if (menu) menu.open = false;
      });
    });
  }

  /* ---- knowledge base: "Insert link" / "Insert text" from the suggestions card ----
   * into the reply box at the caret; the article's id goes with the reply (counted as sent) */
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('a[data-insert]');
    if (!a || !body) return;
    ev.preventDefault();
    var text = a.getAttribute('data-text') || '';
    var at = body.selectionStart != null ? body.selectionStart : body.value.length;
    var before = body.value.slice(0, at), after = body.value.slice(at);
    var sep = before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? '\n' : '\n\n') : '';
    body.value = before + sep + text + after;
    var caret = (before + sep + text).length;
    body.focus();
    body.setSelectionRange(caret, caret);
    var kind = document.querySelector('#composer input[name=kind][value=reply]');
    if (kind && !kind.checked) kind.click(); /* an article goes to the customer */
    var ids = document.getElementById('kb-articles');
    if (ids) {
      var list = ids.value ? ids.value.split(',') : [];
      var id = a.getAttribute('data-article');
      if (list.indexOf(id) < 0) list.push(id);
      ids.value = list.join(',');
    }
    body.dispatchEvent(new Event('input', { bubbles: true })); /* the coach and the draft read it */
  });

  /* ---- files: checked against the limits the page prints before sending ----
   * (data-max-* on the input); the server still decides, this only saves a long
   * upload that would be refused */
  var files = document.getElementById('files');
  var fileError = document.getElementById('composer-error');
  var fileErrorOurs = false;
  function mb(n) { return (n / 1048576).toFixed(1).replace(/\.0$/, '') + ' MB'; }
  function limit(name) { var v = files.getAttribute(name); return v ? +v : Infinity; }
  function fileProblem() {
    var list = files.files || [], total = 0;
    var maxCount = limit('data-max-count'), maxEach = limit('data-max-each'), maxTotal = limit('data-max-total');
    if (list.length > maxCount) return list.length + ' files: a message may carry at most ' + maxCount;
    for (var i = 0; i < list.length; i++) {
      if (list[i].size === 0) return '"' + list[i].name + '" is empty';
      if (list[i].size > maxEach) return '"' + list[i].name + '" is ' + mb(list[i].size) + '; one file may be at most ' + mb(maxEach);
      total += list[i].size;
    }
    if (total > maxTotal) return 'the files come to ' + mb(total) + '; at most ' + mb(maxTotal) + ' in all';
    return '';
  }
  function checkFiles() {
    if (!files) return '';
    var problem = fileProblem();
    files.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (fileError && (problem || fileErrorOurs)) {
      fileError.textContent = problem ? 'Not sent yet: ' + problem + '. Choose other files, or none.' : '';
      fileError.hidden = !problem;
      fileErrorOurs = !!problem;
    }
    return problem;
  }
  if (files) files.addEventListener('change', checkFiles);

  /* a form sent once stays sent: no double replies from a double click */
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (form === composer && checkFiles()) { ev.preventDefault(); files.focus(); return; }
    if (form.getAttribute('data-sent')) { ev.preventDefault(); return; }
    /* an action that cannot be undone in one click asks first (the outbox's cancel, resend) */
    var ask = form.getAttribute('data-confirm');
    if (ask && !window.confirm(ask)) { ev.preventDefault(); return; }
    if (form.method.toLowerCase() === 'post') {
      form.setAttribute('data-sent', '1');
      window.setTimeout(function () { form.removeAttribute('data-sent'); }, 4000);
    }
  });

  /* a link to a folded section (/customers/7#edit, from a failed delivery) opens it */
  if (window.location.hash) {
    var target = document.getElementById(window.location.hash.slice(1));
    if (target && target.tagName === 'DETAILS') target.open = true;
  }

  /* ---- list navigation ----------------------------------------------- */
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-href]'));
  var current = -1;
  /* the live updates below replace the list: the selection follows the same ticket */
  document.addEventListener('heed:refreshed', function () {
    var was = current >= 0 && rows[current] ? rows[current].getAttribute('data-href') : null;
    rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-href]'));
    current = -1;
    for (var i = 0; was && i < rows.length; i++) if (rows[i].getAttribute('data-href') === was) { current = i; rows[i].classList.add('current'); }
  });
  function select(i) {
    if (!rows.length) return;
    if (i < 0) i = 0;
    if (i >= rows.length) i = rows.length - 1;
    if (current >= 0 && rows[current]) rows[current].classList.remove('current');
    current = i;
    var row = rows[i];
    row.classList.add('current');
    var link = row.querySelector('a');
    if (link) link.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
  }
  document.addEventListener('focusin', function (ev) {
    var row = ev.target.closest && ev.target.closest('tr[data-href]');
    var i = row ? rows.indexOf(row) : -1;
    if (i >= 0 && i !== current) {
      if (current >= 0 && rows[current]) rows[current].classList.remove('current');
      current = i;
      row.classList.add('current');
    }
  });

  /* ---- the shortcuts overlay ----------------------------------------- */
  var overlay = null, lastFocus = null;
  function shortcuts(show) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.className = 'overlay';
      overlay.id = 'shortcuts';
      overlay.hidden = true;
      overlay.setAttribute('role', 'dialog');
      overlay.setAttribute('aria-modal', 'true');
      overlay.setAttribute('aria-labelledby', 'shortcuts-title');
      var rowsHtml = [
        ['h', 'Anywhere'],
        ['/', 'Search tickets'], ['g i', 'Go to the inbox'], ['f', 'Focus: the ticket to work now'], ['c', 'New ticket'], ['?', 'Show this help'],
        ['h', 'Ticket lists'],
        ['j  k', 'Next / previous ticket'], ['Enter', 'Open the selected ticket'],
        ['h', 'On a ticket'],
        ['r', 'Reply to the customer'], ['n', 'Write an internal note'], ['N', 'Focus: next ticket'],
        ['Ctrl Enter', 'Send (⌘ Enter on a Mac)'], ['Esc', 'Leave the text box']
      ];
      var dl = document.createElement('dl');
      rowsHtml.forEach(function (r) {
        if (r[0] === 'h') {
          var h = document.createElement('h3'); h.textContent = r[1]; dl.appendChild(h); return;
        }
        var dt = document.createElement('dt');
        r[0].split(/\s+/).forEach(function (k, i) {
          if (i) dt.appendChild(document.createTextNode(' '));
          var kbd = document.createElement('kbd'); kbd.textContent = k; dt.appendChild(kbd);
        });
        var dd = document.createElement('dd'); dd.textContent = r[1];
        dl.appendChild(dt); dl.appendChild(dd);
      });
      var panel = document.createElement('div');
      panel.className = 'panel';
      var head = document.createElement('div');
      head.className = 'panel-head';
      var title = document.createElement('h2');
      title.id = 'shortcuts-title';
      title.textContent = 'Keyboard shortcuts';
      var close = document.createElement('button');
      close.type = 'button'; close.className = 'link'; close.textContent = 'Close';
      close.addEventListener('click', function () { shortcuts(false); });
      head.appendChild(title); head.appendChild(close);
      panel.appendChild(head); panel.appendChild(dl);
      overlay.appendChild(panel);
      overlay.addEventListener('click', function (ev) { if (ev.target === overlay) shortcuts(false); });
      document.body.appendChild(overlay);
    }
    if (show === undefined) show = overlay.hidden;
    if (show) { lastFocus = document.activeElement; overlay.hidden = false; overlay.querySelector('button').focus(); }
    else { overlay.hidden = true; if (lastFocus && lastFocus.focus) lastFocus.focus(); }
  }
  var helpLink = document.getElementById('show-shortcuts');
  if (helpLink) helpLink.addEventListener('click', function (ev) { ev.preventDefault(); shortcuts(true); });

  /* ---- keys ----------------------------------------------------------- */
  var pendingG = 0;
  document.addEventListener('keydown', function (ev) {
    if (ev.defaultPrevented) return;
    var t = ev.target;
    if (ev.key === 'Escape') {
      if (overlay && !overlay.hidden) { shortcuts(false); ev.preventDefault(); return; }
      if (typing(t)) { t.blur(); return; }
      return;
    }
    if (typing(t) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (overlay && !overlay.hidden) { if (ev.key === '?') { shortcuts(false); ev.preventDefault(); } return; }
    var key = ev.key;
    if (pendingG && Date.now() - pendingG < 1200) {
      pendingG = 0;
      if (key === 'i') { ev.preventDefault(); window.location.href = '/inbox'; return; }
    }
    pendingG = 0;
    switch (key) {
      case '/': {
        var search = document.getElementById('search');
        if (search) { ev.preventDefault(); search.focus(); search.select(); }
        return;
      }
      case '?': ev.preventDefault(); shortcuts(true); return;
      case 'j': case 'ArrowDown':
        if (!rows.length || (key === 'ArrowDown' && current < 0)) return;
        ev.preventDefault(); select(current + 1); return;
      case 'k': case 'ArrowUp':
        if (!rows.length || (key === 'ArrowUp' && current < 0)) return;
        ev.preventDefault(); select(current < 0 ? 0 : current - 1); return;
      case 'Enter':
      case 'o':
        if (current >= 0 && rows[current] && (key === 'o' || !(t.closest && t.closest('a, button')))) {
          ev.preventDefault(); window.location.href = rows[current].getAttribute('data-href');
        }
        return;
      case 'r': case 'n':
        if (body) { ev.preventDefault(); setMode(key === 'r' ? 'reply' : 'note'); body.focus(); }
        return;
      case 'c':
        if (document.querySelector('a[href="/tickets/new"]')) { ev.preventDefault(); window.location.href = '/tickets/new'; }
        return;
      case 'g': pendingG = Date.now(); return;
      case 'f': ev.preventDefault(); window.location.href = '/focus'; return;
      case 'N':
        if (document.getElementById('focus-next')) { ev.preventDefault(); window.location.href = '/focus'; }
        return;
    }
  });

  /* ---- live updates (GET /api/v1/events) ------------------------------
   * One EventSource per tab. A notification counts on the bell; a change to a ticket in
   * the inbox's list, or to the ticket on screen, fetches the page again and swaps in the
   * parts marked data-live (never while the person is typing in one). */
  (function live() {
    var bell = document.querySelector('a.bell');
    if (!bell || !window.EventSource || !window.fetch || !window.DOMParser) return; /* signed out, or an old browser */
    var form = document.querySelector('form[data-ticket]');
    var ticket = form ? Number(form.getAttribute('data-ticket')) : 0;
    var me = form ? Number(form.getAttribute('data-agent')) : 0;
    var inbox = document.getElementById('inbox-list');
    var say = document.getElementById('live-news');
    if (!say) {
      say = document.createElement('p');
      say.id = 'live-news';
      say.className = 'sr';
      say.setAttribute('aria-live', 'polite');
      document.body.appendChild(say);
    }
    var timer = null;
    function refresh() {
      if (timer) return;
      timer = setTimeout(function () {
        timer = null;
        fetch(window.location.href, { credentials: 'same-origin', headers: { 'X-Heed-Live': '1' } })
          .then(function (res) { return res.ok ? res.text() : null; })
          .then(function (html) {
            if (!html) return;
            var next = new DOMParser().parseFromString(html, 'text/html');
            var swapped = 0;
            Array.prototype.forEach.call(document.querySelectorAll('[data-live]'), function (el) {
              if (!el.id || el.contains(document.activeElement) && typing(document.activeElement)) return;
              if (el.querySelector('input[name=ids]:checked')) return; /* a selection for a bulk action: keep it */
              var fresh = next.getElementById(el.id);
              if (fresh) { el.replaceWith(document.importNode(fresh, true)); swapped++; }
            });
            if (swapped) document.dispatchEvent(new CustomEvent('heed:refreshed'));
          })
          .catch(function () { /* offline for a moment: the next event tries again */ });
      }, 250);
    }
    var es = new EventSource('/api/v1/events');
    es.addEventListener('notification', function (ev) {
      var d = JSON.parse(ev.data);
      var count = bell.querySelector('.count');
      if (!count) { count = document.createElement('span'); count.className = 'count'; bell.appendChild(count); }
      var n = (parseInt(count.textContent, 10) || 0) + 1;
      count.textContent = n > 99 ? '99+' : String(n);
      bell.classList.add('unread');
      bell.setAttribute('aria-label', 'Notifications: ' + n + ' unread');
      say.textContent = d.title || 'New notification';
    });
    /* the send-time check, live: a reply being written when something new lands on the thread
     * would be held at send (409 stale); say so now, with a link to what arrived. The draft
     * stays; the agent reads, then sends or changes it. */
    function arrived(d) {
      var box = document.getElementById('body'), note = document.getElementById('composer-arrived');
      if (!box || !note || !box.value.trim() || d.kind === 'note') return;
      note.hidden = false;
      var link = note.querySelector('a');
      if (link) link.setAttribute('href', '#m' + d.message_id);
      note.querySelector('.who').textContent = d.kind === 'customer' ? 'The customer wrote again' : 'A colleague replied';
    }
    function changed(ev) {
      var d = JSON.parse(ev.data);
      if (inbox) refresh();
      if (ticket && d.ticket_id === ticket) {
        if (ev.type === 'message.created' && d.author_agent_id !== me) {
          say.textContent = d.kind === 'customer' ? 'The customer wrote again' : 'A colleague added to this ticket';
          arrived(d);
        }
        refresh();
      }
    }
    es.addEventListener('ticket.updated', changed);
    es.addEventListener('message.created', changed);
    es.addEventListener('reset', function () { if (inbox || ticket) refresh(); });

    /* presence: this page says the agent has the ticket open, or is typing a reply; the
     * others on it are listed above the thread; the inbox marks tickets someone has open */
    var present = document.getElementById('ticket-presence');
    function showPresence(d) {
      if (!present || d.ticket_id !== ticket || d.agent_id === me) return;
      var li = present.querySelector('li[data-agent="' + d.agent_id + '"]');
      if (d.state === 'left') { if (li) li.remove(); return; }
      if (!li) {
        li = document.createElement('li');
        li.setAttribute('data-agent', String(d.agent_id));
        var av = document.createElement('span');
        av.className = 'avatar';
        av.setAttribute('aria-hidden', 'true');
        av.textContent = (d.name || '?').split(/\s+/).map(function (w) { return w.charAt(0); }).join('').slice(0, 2).toUpperCase();
        li.appendChild(av);
        li.appendChild(document.createTextNode(''));
        present.appendChild(li);
      }
      li.className = d.state;
      li.lastChild.textContent = d.name + (d.state === 'typing' ? ' is typing a reply' : ' has it open');
    }
    es.addEventListener('presence', function (ev) {
      var d = JSON.parse(ev.data);
      if (inbox) { refresh(); return; }
      showPresence(d);
    });
    /* who arrived between this page's render and the stream's start: asked once, when it opens */
    var opened = false;
    es.addEventListener('open', function () {
      if (opened || !ticket || !present) return;
      opened = true;
      fetch('/api/v1/tickets/' + ticket + '/presence', { credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (p) {
          if (p && p.agents) p.agents.forEach(function (a) { showPresence({ ticket_id: ticket, agent_id: a.id, name: a.name, state: a.state }); });
        })
        .catch(function () { /* the next presence event says it */ });
    });
    var mine = null, idle = 0;
    var csrfField = form && form.querySelector('input[name=_csrf]');
    /* this page's own name: a reload's "left" may reach the server after the new page's
     * "viewing", and with it the server knows that goodbye is from the older page */
    var pageId = Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
    function tell(state, keep) {
      if (!ticket) return;
      mine = state;
      fetch('/api/v1/tickets/' + ticket + '/presence', {
        method: 'POST', credentials: 'same-origin', keepalive: !!keep,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfField ? csrfField.value : '' },
        body: JSON.stringify({ state: state, page: pageId })
      }).catch(function () { /* presence is a courtesy: the next refresh says it again */ });
    }
    if (ticket) {
      tell('viewing');
      window.setInterval(function () { tell(mine || 'viewing'); }, 20000);
      var box = document.getElementById('body');
      if (box) box.addEventListener('input', function () {
        if (mine !== 'typing') tell('typing');
        window.clearTimeout(idle);
        idle = window.setTimeout(function () { tell('viewing'); }, 6000);
      });
    }
    window.addEventListener('pagehide', function () { es.close(); if (ticket) tell('left', true); });
  })();
})();
