// The explorer page's script, inlined by traceHtml.ts: reads the embedded JSON, builds the page
// (step list, slider, keyboard ←/→/Home/End, message-sequence SVG, topology SVG with the packet's
// path, per-node tables with the step's changes highlighted). PURE data: a string of plain
// ES2015 for the browser. It builds every node with createElement and text nodes, never with
// innerHTML, so names from configs and scenarios stay text. Over 300 lines because it is one
// self-contained program that must ship inside the page; it contains no backquote or dollar-brace.

export const EXPLORER_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var N = data.steps.length;
  var SVGNS = 'http://www.w3.org/2000/svg';
  var TABLES = [['host', 'Location'], ['ms', 'MS registrations'], ['dyn', 'Dynamic-EIDs'], ['mc', 'Map-cache'], ['arp', 'ARP cache']];
  var cur = 0;

  // Every node is built here; text always goes in as a text node (never as markup).
  function make(ns, tag, attrs, kids) {
    var e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, String(attrs[k]));
    (kids || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return e;
  }
  function el(tag, attrs, kids) { return make(null, tag, attrs, kids); }
  function sv(tag, attrs, kids) { return make(SVGNS, tag, attrs, kids); }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }

  // ---- static frame ----
  var app = document.getElementById('app');
  var head = [data.model && 'model ' + data.model, data.property && 'property ' + data.property, data.mutant && 'mutant ' + data.mutant, data.seed !== null && 'seed ' + data.seed, data.source && 'source ' + data.source].filter(Boolean).join(' \u00b7 ');
  app.appendChild(el('h1', {}, ['roamcheck trace explorer']));
  app.appendChild(el('div', { class: 'sub' }, [head]));
  if (data.verdict) {
    var v = el('div', { class: 'verdict ' + data.verdict, id: 'verdict' }, [
      el('div', {}, [el('strong', {}, [data.verdict === 'violated' ? 'Violated: ' : 'Holds: ']), el('code', {}, [data.property || ''])]),
      data.message ? el('div', { class: 'reason' }, ['Why: ' + data.message]) : null,
      data.explain ? el('div', {}, ['The property: ' + data.explain.description]) : null,
      data.explain ? el('div', { class: 'sub' }, ['Reference: ' + data.explain.reference]) : null,
      data.verdict === 'violated' ? el('div', { class: 'sub' }, ['The violation is observed after step ' + N + ' (press End).']) : null,
    ]);
    app.appendChild(v);
  }
  var slider = el('input', { type: 'range', min: 0, max: N, value: 0, step: 1, id: 'slider', 'aria-label': 'step' });
  var label = el('span', { id: 'step-label', 'aria-live': 'polite' });
  function button(text, title, fn) { var b = el('button', { type: 'button', title: title }, [text]); b.addEventListener('click', fn); return b; }
  app.appendChild(el('div', { class: 'controls' }, [
    button('\u00ab first', 'first step (Home)', function () { show(0); }),
    button('\u25c0', 'previous (\u2190)', function () { show(cur - 1); }),
    slider,
    button('\u25b6', 'next (\u2192)', function () { show(cur + 1); }),
    button('last \u00bb', 'last step (End)', function () { show(N); }),
    label,
    el('span', { class: 'keys' }, ['\u2190 \u2192 Home End']),
  ]));
  slider.addEventListener('input', function () { show(Number(slider.value)); });

  var list = el('ol', { class: 'steps', id: 'steps' });
  var items = [];
  for (var i = 0; i <= N; i++) {
    var li = el('li', { 'data-step': i }, [el('span', { class: 'n' }, [i === 0 ? '' : i + '.']), i === 0 ? 'initial state (converged)' : data.steps[i - 1].text]);
    li.title = i === 0 ? 'initial state' : data.steps[i - 1].text;
    li.addEventListener('click', (function (k) { return function () { show(k); }; })(i));
    list.appendChild(li);
    items.push(li);
  }
  var detail = el('div', { class: 'detail', id: 'detail' });
  app.appendChild(el('div', { class: 'grid' }, [el('div', {}, [el('h2', {}, ['Steps']), list]), el('div', {}, [el('h2', {}, ['This step']), detail])]));

  app.appendChild(el('h2', {}, ['Message sequence']));
  var seqBox = el('div', { class: 'scroll', id: 'sequence' });
  app.appendChild(seqBox);
  var seqEvents = drawSequence(seqBox);

  app.appendChild(el('h2', {}, ['Topology and packet path']));
  var topoBox = el('div', { class: 'scroll', id: 'topology' });
  var topoCaption = el('div', { class: 'sub', id: 'packet-caption' });
  app.appendChild(topoBox);
  app.appendChild(topoCaption);

  app.appendChild(el('h2', {}, ['State of every node']));
  var tables = el('div', { class: 'tables', id: 'tables' });
  app.appendChild(tables);
  app.appendChild(el('h2', {}, ['Messages in flight and pending timers']));
  var flight = el('div', { id: 'in-flight' });
  app.appendChild(flight);

  // ---- message sequence diagram (inline SVG) ----
  function drawSequence(box) {
    var ps = data.sequence.participants, evs = data.sequence.events;
    var colW = 190, left = 44, top = 44, rowH = 24;
    var CH = 6.7;
    var x = {};
    ps.forEach(function (p, k) { x[p] = left + colW / 2 + k * colW; });
    // Wide enough for the longest label, which may run past the last lifeline.
    var W = left + ps.length * colW + 40;
    evs.forEach(function (e) {
      var end = e.kind === 'msg' ? Math.min(x[e.from], x[e.to]) + 8 + (e.label.length + 5) * CH : x[e.over] + 2 + e.label.length * CH;
      W = Math.max(W, Math.ceil(end + 20));
    });
    var H = top + evs.length * rowH + 16;
    var s = sv('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'message sequence diagram' });
    var defs = sv('defs');
    defs.appendChild(sv('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, [sv('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#57606a' })]));
    defs.appendChild(sv('marker', { id: 'cross', viewBox: '0 0 10 10', refX: 5, refY: 5, markerWidth: 9, markerHeight: 9 }, [sv('path', { d: 'M1,1 L9,9 M9,1 L1,9', stroke: '#cf222e', 'stroke-width': 2 })]));
    s.appendChild(defs);
    ps.forEach(function (p) {
      s.appendChild(sv('line', { class: 'lifeline', x1: x[p], x2: x[p], y1: 30, y2: H - 4 }));
      s.appendChild(sv('g', { class: 'participant' }, [sv('rect', { x: x[p] - colW / 2 + 8, y: 6, width: colW - 16, height: 24, rx: 4 }), sv('text', { x: x[p], y: 22, 'text-anchor': 'middle' }, [p])]));
    });
    var groups = [];
    var lastStep = -1;
    evs.forEach(function (e, k) {
      var y = top + k * rowH + rowH / 2;
      var g = sv('g', { class: 'seq-event' + (e.kind === 'msg' && e.lost ? ' lost' : '') + (e.kind === 'note' ? ' note' : ''), 'data-step': e.step });
      g.appendChild(sv('rect', { class: 'band', x: 0, y: y - rowH / 2, width: W, height: rowH }));
      if (e.step !== lastStep) g.appendChild(sv('text', { class: 'stepno', x: 6, y: y + 4 }, [e.step + '.']));
      lastStep = e.step;
      if (e.kind === 'msg') {
        var x1 = x[e.from], x2 = x[e.to];
        if (e.from === e.to) {
          g.appendChild(sv('path', { d: 'M' + x1 + ',' + (y - 6) + ' h30 v12 h-30', 'marker-end': 'url(#arrow)' }));
          g.appendChild(sv('text', { x: x1 + 36, y: y + 4 }, [e.label]));
        } else {
          g.appendChild(sv('line', { x1: x1, x2: e.lost ? (x1 + x2) / 2 : x2, y1: y + 4, y2: y + 4, 'marker-end': e.lost ? 'url(#cross)' : 'url(#arrow)' }));
          g.appendChild(sv('text', { x: Math.min(x1, x2) + 8, y: y }, [(e.lost ? 'LOST ' : '') + e.label]));
        }
      } else {
        var w = e.label.length * CH + 12;
        g.appendChild(sv('rect', { x: x[e.over] - 10, y: y - 9, width: w, height: 18, rx: 3 }));
        g.appendChild(sv('text', { x: x[e.over] - 4, y: y + 4 }, [e.label]));
      }
      g.addEventListener('click', function () { show(e.step); });
      s.appendChild(g);
      groups.push(g);
    });
    box.appendChild(s);
    return groups;
  }

  // ---- topology with the packet path ----
  function hostRouter(state, host) {
    var r = state.rows.filter(function (x) { return x.table === 'host' && x.node === host; })[0];
    return r ? r.value.split(' ')[0] : null;
  }
  function drawTopology(k) {
    var t = data.topology, state = data.states[k];
    var top = t.routers.filter(function (r) { return r.roles.indexOf('xTR') < 0; });
    var xtrs = t.routers.filter(function (r) { return r.roles.indexOf('xTR') >= 0; });
    var W = Math.max(760, topoBox.clientWidth - 4, 220 * Math.max(xtrs.length, top.length, 1) + 120), H = 330;
    var pos = {};
    function isRouter(n) { return t.routers.some(function (r) { return r.name === n; }); }
    function spread(rs, y) { rs.forEach(function (r, j) { pos[r.name] = { x: (W / (rs.length + 1)) * (j + 1), y: y }; }); }
    spread(top, 110);
    spread(xtrs, xtrs.length && top.length ? 200 : 110);
    t.clients.forEach(function (c, j) { var v = pos[c.via] || { x: W / 2, y: 110 }; pos[c.name] = { x: v.x - 150 + j * 40, y: 40 }; });
    var under = {};
    t.hosts.forEach(function (h) { var r = hostRouter(state, h.name) || ''; (under[r] = under[r] || []).push(h); });
    Object.keys(under).forEach(function (r) {
      var base = pos[r] || { x: 60, y: 200 };
      under[r].forEach(function (h, j) { pos[h.name] = { x: base.x + (j - (under[r].length - 1) / 2) * 110, y: 290 }; });
    });
    var s = sv('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'topology' });
    var defs = sv('defs');
    ['delivered', 'dropped', 'flying'].forEach(function (f) {
      defs.appendChild(sv('marker', { id: 'hop-' + f, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' }, [sv('path', { d: 'M0,0 L10,5 L0,10 z', fill: f === 'delivered' ? '#1a7f37' : f === 'dropped' ? '#cf222e' : '#0969da' })]));
    });
    s.appendChild(defs);
    function link(a, b) { if (pos[a] && pos[b]) s.appendChild(sv('line', { class: 'link', x1: pos[a].x, y1: pos[a].y, x2: pos[b].x, y2: pos[b].y })); }
    top.forEach(function (a) { xtrs.forEach(function (b) { link(a.name, b.name); }); });
    if (!top.length) xtrs.forEach(function (a, j) { if (j) link(xtrs[j - 1].name, a.name); });
    t.clients.forEach(function (c) { link(c.name, c.via); });
    t.hosts.forEach(function (h) { var r = hostRouter(state, h.name); if (r) link(h.name, r); });
    // The packets of this step, or else the last packet moved before it.
    var pk = [], old = false;
    for (var j = k; j >= 1 && !pk.length; j--) { pk = data.steps[j - 1].packets; old = j !== k; }
    pk.forEach(function (p) {
      var cls = p.fate === 'delivered' ? 'delivered' : p.fate === 'dropped' ? 'dropped' : 'flying';
      for (var h = 1; h < p.hops.length; h++) {
        var a = pos[p.hops[h - 1]], b = pos[p.hops[h]];
        if (!a || !b) continue;
        // Start and end at the nodes' edges, so the arrowhead is not hidden under a node.
        var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
        var ra = isRouter(p.hops[h - 1]) ? 26 : 16, rb = isRouter(p.hops[h]) ? 26 : 16;
        a = { x: a.x + (dx / len) * ra, y: a.y + (dy / len) * ra };
        b = { x: b.x - (dx / len) * rb, y: b.y - (dy / len) * rb };
        var mx = (a.x + b.x) / 2 + (b.y - a.y) * 0.15, my = (a.y + b.y) / 2 - (b.x - a.x) * 0.15;
        s.appendChild(sv('path', { class: 'hop ' + cls + (old ? ' old' : ''), d: 'M' + a.x + ',' + a.y + ' Q' + mx + ',' + my + ' ' + b.x + ',' + b.y, 'marker-end': 'url(#hop-' + cls + ')' }));
      }
    });
    t.routers.forEach(function (r) {
      var p = pos[r.name]; if (!p) return;
      s.appendChild(sv('g', { class: 'node router' }, [sv('rect', { x: p.x - 90, y: p.y - 20, width: 180, height: 40, rx: 6 }), sv('text', { x: p.x, y: p.y - 3, 'text-anchor': 'middle', 'font-weight': 700 }, [r.name]), sv('text', { x: p.x, y: p.y + 12, 'text-anchor': 'middle' }, [r.rloc + ' ' + r.roles.join(' ')])]));
    });
    t.hosts.concat(t.clients).forEach(function (h) {
      var p = pos[h.name]; if (!p) return;
      var isClient = t.clients.indexOf(h) >= 0;
      s.appendChild(sv('g', { class: 'node ' + (isClient ? 'client' : 'host') }, [sv('circle', { cx: p.x, cy: p.y, r: 13 }), sv('text', { x: p.x + 17, y: p.y - 2 }, [h.name]), sv('text', { x: p.x + 17, y: p.y + 11 }, [h.ip])]));
    });
    clear(topoBox).appendChild(s);
    clear(topoCaption).appendChild(document.createTextNode(pk.length ? (old ? 'last packet before this step: ' : 'packet moved by this step: ') + pk.map(function (p) {
      return p.src + ' -> ' + p.dst + ' via ' + p.hops.join(' \u2192 ') + (p.fate ? ', ' + p.fate + (p.reason ? ' (' + p.reason + ')' : '') : ', in flight');
    }).join('; ') : 'no packet sent yet'));
  }

  // ---- per-node tables ----
  function drawTables(k) {
    var state = data.states[k], step = k ? data.steps[k - 1] : null;
    var changed = {};
    (step ? step.changes : []).forEach(function (c) { changed[c.row] = c; });
    var rows = state.rows.map(function (r) { return { r: r, removed: false }; });
    (step ? step.changes : []).forEach(function (c) {
      if (!c.removed) return;
      var parts = c.row.split('|');
      rows.push({ r: { table: parts[0], node: parts[1], key: parts.slice(2).join('|'), value: c.before }, removed: true });
    });
    var order = data.topology.routers.map(function (r) { return r.name; }), nodes = [];
    // A router interface's ARP cache (node 'router iface') goes in the router's card.
    function cardOf(node) { var w = node.split(' ')[0]; return node !== w && order.indexOf(w) >= 0 ? w : node; }
    rows.forEach(function (x) { var c = cardOf(x.r.node); if (nodes.indexOf(c) < 0) nodes.push(c); });
    nodes.sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      ia = ia < 0 ? 1000 : ia; ib = ib < 0 ? 1000 : ib;
      return ia - ib || (a < b ? -1 : a > b ? 1 : 0);
    });
    clear(tables);
    nodes.forEach(function (n) {
      var router = data.topology.routers.filter(function (r) { return r.name === n; })[0];
      var card = el('div', { class: 'card', 'data-node': n }, [el('h3', {}, [n, router ? el('span', { class: 'roles' }, [' ' + router.roles.join(', ')]) : null])]);
      var subs = [];
      rows.forEach(function (x) { if (cardOf(x.r.node) === n && subs.indexOf(x.r.node) < 0) subs.push(x.r.node); });
      subs.sort();
      TABLES.forEach(function (tb) { subs.forEach(function (sub) {
        var mine = rows.filter(function (x) { return x.r.node === sub && x.r.table === tb[0]; });
        if (!mine.length) return;
        var title = sub === n ? tb[1] : tb[1] + ' ' + sub.slice(n.length + 1);
        var table = el('table', { 'data-table': tb[0], 'data-node': sub }, [el('tr', {}, [el('th', {}, [title]), el('th', {}, [''])])]);
        mine.forEach(function (x) {
          var id = x.r.table + '|' + x.r.node + '|' + x.r.key;
          var c = changed[id];
          var cls = x.removed ? 'removed' : c ? (c.before ? 'changed' : 'added') : '';
          table.appendChild(el('tr', { 'data-row': id, class: cls || null }, [el('td', {}, [x.r.key]), el('td', { class: 'value' }, [x.r.value, c && c.before && !x.removed ? el('span', { class: 'was' }, [c.before]) : null])]));
        });
        card.appendChild(table);
      }); });
      tables.appendChild(card);
    });
  }

  // ---- one step ----
  function drawDetail(k) {
    clear(detail);
    if (k === 0) {
      detail.appendChild(el('p', {}, ['The network before the first step: converged, every host registered by its home xTR. Press \u2192 to step.']));
      return;
    }
    var s = data.steps[k - 1];
    detail.appendChild(el('h3', { id: 'step-text' }, [s.n + '. ' + s.text]));
    detail.appendChild(el('div', { class: 'sub' }, ['t = ' + s.t + ' s']));
    var ul = el('ul', { class: 'changes' });
    s.changes.forEach(function (c) { ul.appendChild(el('li', { class: c.removed ? 'removed' : null }, [c.text])); });
    s.sent.forEach(function (m) { ul.appendChild(el('li', { class: 'flight' }, ['+ in flight: ' + m])); });
    s.gone.forEach(function (m) { ul.appendChild(el('li', { class: 'flight' }, ['- in flight: ' + m])); });
    s.fates.forEach(function (f) { ul.appendChild(el('li', { class: 'fate-' + f.fate }, ['packet ' + f.packet + (f.fate === 'delivered' ? ' delivered to ' + f.at : ' dropped (' + f.reason + ') at ' + f.at)])); });
    if (!ul.firstChild) ul.appendChild(el('li', { class: 'log' }, ['no state changed']));
    detail.appendChild(ul);
    if (s.log.length) {
      var logs = el('ul', { class: 'changes' });
      s.log.forEach(function (l) { logs.appendChild(el('li', { class: 'log' }, [l.node + ': ' + l.text])); });
      detail.appendChild(el('details', {}, [el('summary', {}, ['what each node logged (' + s.log.length + ')']), logs]));
    }
    if (k === N && data.verdict === 'violated') detail.appendChild(el('p', { class: 'verdict' }, ['VIOLATED ' + data.property + ': ' + data.message]));
  }

  function drawFlight(k) {
    var st = data.states[k];
    clear(flight);
    var ul = el('ul', { class: 'changes' });
    st.msgs.forEach(function (m) { ul.appendChild(el('li', { class: 'flight' }, [m.text])); });
    if (!st.msgs.length) ul.appendChild(el('li', { class: 'log' }, ['no message in flight']));
    flight.appendChild(ul);
    var timers = el('ul', { class: 'changes' });
    st.timers.forEach(function (t) { timers.appendChild(el('li', { class: 'log' }, [t])); });
    flight.appendChild(el('details', {}, [el('summary', {}, ['pending timers (' + st.timers.length + '), earliest first']), timers]));
  }

  function keepVisible(box, y, h) {
    if (y < box.scrollTop) box.scrollTop = y;
    else if (y + h > box.scrollTop + box.clientHeight) box.scrollTop = y + h - box.clientHeight;
  }

  function show(k) {
    k = Math.max(0, Math.min(N, k | 0));
    cur = k;
    slider.value = String(k);
    label.textContent = 'step ' + k + ' of ' + N + ' \u00b7 t = ' + data.states[k].t + ' s';
    items.forEach(function (li, j) {
      li.className = j === k ? 'current' : j > k ? 'future' : '';
      if (j === k) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
    });
    var first = null;
    seqEvents.forEach(function (g) {
      var st = Number(g.getAttribute('data-step'));
      g.classList.toggle('current', st === k);
      g.classList.toggle('future', st > k);
      if (st === k && !first) first = g;
    });
    drawDetail(k);
    drawTopology(k);
    drawTables(k);
    drawFlight(k);
    // Scroll only the list and the diagram, never the page under the reader.
    keepVisible(list, items[k].offsetTop, items[k].offsetHeight);
    if (first) { var b = first.getBBox(); keepVisible(seqBox, b.y, b.height); }
    if (history.replaceState) try { history.replaceState(null, '', '#step=' + k); } catch (e) { /* file: URLs in some browsers */ }
  }

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var next = e.key === 'ArrowRight' ? cur + 1 : e.key === 'ArrowLeft' ? cur - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? N : null;
    if (next === null) return;
    e.preventDefault();
    show(next);
  });
  var m = /step=(\d+)/.exec(location.hash || '');
  show(m ? Number(m[1]) : 0);
})();
`;
