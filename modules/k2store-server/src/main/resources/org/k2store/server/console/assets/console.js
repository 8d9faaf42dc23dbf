// The ring console. Plain browser JavaScript, no build step: it reads the tenant-authorised
// /v1/console calls with the viewer's bearer token and draws the space list, the 512-sector ring
// and the live figures. Every drawn figure also sits in a data- attribute, so a test (or a curious
// operator) can read exactly what is shown from the DOM.
(function () {
  'use strict';

  const SECTORS = 512;
  const SVG = 'http://www.w3.org/2000/svg';
  // The fragment may name a space and a window; it never carries the token. A URL ends up in
  // history, bookmarks, screenshots and shared links, so a token found there (fragment or query) is
  // wiped from the address bar at once and not used: the token is typed into the password field
  // and kept for this tab only (sessionStorage).
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  const tokenInUrl = params.has('token') || query.has('token');
  if (tokenInUrl) {
    params.delete('token');
    query.delete('token');
    const search = query.toString(), hash = params.toString();
    history.replaceState(null, '', location.pathname + (search ? '?' + search : '') + (hash ? '#' + hash : ''));
  }
  const state = {
    token: sessionStorage.getItem('k2store-token') || '',
    space: params.get('space') || null,
    window: params.get('window') || '24h',
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    const node = tag === 'svg' || ['path', 'rect', 'text', 'title', 'g', 'circle'].includes(tag)
      ? document.createElementNS(SVG, tag) : document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function status(text) { $('status').textContent = text || ''; }

  async function api(path) {
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    const response = await fetch(path, { headers, cache: 'no-store' });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.message || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  const number = new Intl.NumberFormat('en');
  function fmt(value, digits) {
    if (value === null || value === undefined) return '–';
    return digits === undefined ? number.format(value) : Number(value).toFixed(digits);
  }

  function bytes(value) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = value, i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
  }

  // A space id is base64url bytes; show it as text too when it is printable.
  function decoded(space) {
    try {
      const text = atob(space.replace(/-/g, '+').replace(/_/g, '/'));
      return /^[\x20-\x7e]+$/.test(text) ? text : '';
    } catch (e) { return ''; }
  }

  // Zero is grey; otherwise yellow to deep red on a log scale, so one hot sector does not hide the rest.
  function colour(ops, max) {
    if (!ops) return '#e4e7eb';
    const t = max <= 1 ? 1 : Math.log(1 + ops) / Math.log(1 + max);
    return 'hsl(' + Math.round(50 - 50 * t) + ', ' + Math.round(95 - 10 * t) + '%, ' + Math.round(78 - 40 * t) + '%)';
  }

  // ---- spaces

  async function loadSpaces() {
    const answer = await api('/v1/console/spaces');
    const body = $('spaces').querySelector('tbody');
    body.replaceChildren();
    let total = 0;
    for (const row of answer.spaces) {
      total += row.op_count;
      const tr = el('tr', { 'data-space': row.space, 'data-ops': row.op_count, 'data-bytes': row.bytes });
      const name = el('td');
      name.append(el('span', { class: 'name', title: row.space }, row.space));
      const text = decoded(row.space);
      if (text) name.append(' ', el('span', { class: 'decoded' }, text));
      tr.append(name, el('td', { class: 'num' }, fmt(row.op_count)), el('td', { class: 'num' }, bytes(row.bytes)),
        el('td', { class: 'num' }, fmt(row.ingest_ops_per_second, 2)));
      tr.addEventListener('click', () => select(row.space));
      if (row.space === state.space) tr.classList.add('selected');
      body.append(tr);
    }
    $('spaces-total').textContent = fmt(total);
    $('spaces-total').setAttribute('data-ops', total);
    $('spaces-note').textContent = answer.spaces.length + (answer.truncated ? '+ (list cut short)' : '') + ' visible';
    if (!state.space && answer.spaces.length) {
      state.space = answer.spaces[0].space; // drawn by the caller's refreshSpace
      body.firstElementChild.classList.add('selected');
    }
    document.body.setAttribute('data-spaces-loaded', 'true');
  }

  function select(space) {
    state.space = space;
    for (const tr of $('spaces').querySelectorAll('tbody tr')) {
      tr.classList.toggle('selected', tr.getAttribute('data-space') === space);
    }
    refreshSpace();
  }

  // ---- the ring

  function wedge(i, inner, outer) {
    const a0 = (i / SECTORS) * 2 * Math.PI - Math.PI / 2;
    const a1 = ((i + 1) / SECTORS) * 2 * Math.PI - Math.PI / 2;
    const p = (r, a) => (r * Math.cos(a)).toFixed(2) + ' ' + (r * Math.sin(a)).toFixed(2);
    return 'M ' + p(outer, a0) + ' A ' + outer + ' ' + outer + ' 0 0 1 ' + p(outer, a1)
      + ' L ' + p(inner, a1) + ' A ' + inner + ' ' + inner + ' 0 0 0 ' + p(inner, a0) + ' Z';
  }

  function drawRing(ring, hashes) {
    const svg = $('ring');
    svg.replaceChildren();
    const max = Math.max(0, ...ring.sector_ops);
    for (let i = 0; i < SECTORS; i++) {
      const ops = ring.sector_ops[i];
      const path = el('path', {
        class: 'sector', d: wedge(i, 125, 215), fill: colour(ops, max),
        'data-sector': i, 'data-ops': ops, 'data-bytes': ring.sector_bytes[i],
      });
      const start = i * 8388608;
      path.append(el('title', {}, 'sector ' + i + ' (' + start + '..' + (start + 8388607) + '): ' + fmt(ops) + ' ops, '
        + bytes(ring.sector_bytes[i]) + (hashes ? ', ' + hashes.sector_counts[i] + ' slice hashes' : '')));
      svg.append(path);
      if (hashes && hashes.sector_counts[i] > 0) {
        svg.append(el('path', { class: 'hash-mark', d: wedge(i, 220, 232), 'data-sector': i, 'data-hashes': hashes.sector_counts[i] }));
      }
    }
    for (const [i, label] of [[0, 'sector 0'], [128, '128'], [256, '256'], [384, '384']]) {
      const a = (i / SECTORS) * 2 * Math.PI - Math.PI / 2;
      svg.append(el('text', { class: 'tick', x: (246 * Math.cos(a)).toFixed(1), y: (246 * Math.sin(a) + 4).toFixed(1) }, label));
    }
    svg.append(el('text', { class: 'centre', id: 'ring-total', y: 4, 'data-ops': ring.total_ops, 'data-bytes': ring.total_bytes },
      fmt(ring.total_ops)));
    svg.append(el('text', { class: 'centre-sub', y: 26 }, 'ops, ' + bytes(ring.total_bytes)));
    svg.append(el('text', { class: 'centre-sub', y: 44 },
      ring.window === 'all' ? 'whole history (created_at)' : 'stored in the last ' + ring.window));
  }

  function drawBars(svg, items, value, attrs, height) {
    svg.replaceChildren();
    if (!items.length) {
      svg.append(el('text', { x: 8, y: height / 2 + 4, class: 'muted', 'font-size': 11 }, 'nothing yet'));
      return;
    }
    const max = Math.max(1, ...items.map(value));
    const width = 500 / items.length;
    items.forEach((item, i) => {
      const h = Math.max(1, (value(item) / max) * (height - 2));
      const rect = el('rect', Object.assign({ x: (i * width).toFixed(2), y: (height - h).toFixed(2),
        width: Math.max(0.5, width - 1).toFixed(2), height: h.toFixed(2) }, attrs(item)));
      svg.append(rect);
    });
  }

  function drawTimeline(ring) {
    $('timeline-unit').textContent = ring.window === 'all' ? '128 h slice (created_at)' : 'hour (stored_at)';
    drawBars($('timeline'), ring.buckets, b => b.ops, b => ({ 'data-bucket': b.bucket, 'data-ops': b.ops }), 70);
    for (const rect of $('timeline').querySelectorAll('rect')) {
      rect.append(el('title', {}, 'bucket ' + rect.getAttribute('data-bucket') + ': ' + rect.getAttribute('data-ops') + ' ops'));
    }
  }

  function drawSlices(hashes) {
    drawBars($('slices'), hashes.slices, s => s.sectors, s => ({ 'data-slice': s.index, 'data-sectors': s.sectors }), 40);
    for (const rect of $('slices').querySelectorAll('rect')) {
      rect.append(el('title', {}, 'slice ' + rect.getAttribute('data-slice') + ': ' + rect.getAttribute('data-sectors') + ' of 512 sectors'));
    }
    const covered = hashes.sector_counts.filter(c => c > 0).length;
    $('slices-note').textContent = hashes.slices.length + ' slices, ' + covered + ' sectors with hashes';
  }

  async function refreshSpace() {
    if (!state.space) return;
    const space = state.space;
    $('ring-space').textContent = decoded(space) || space;
    for (const button of $('windows').querySelectorAll('button')) {
      button.classList.toggle('active', button.getAttribute('data-window') === state.window);
    }
    try {
      const path = '/v1/console/spaces/' + encodeURIComponent(space);
      const [ring, hashes] = await Promise.all([api(path + '/ring?window=' + encodeURIComponent(state.window)),
        api(path + '/slice-hashes')]);
      if (space !== state.space) return; // another space was picked meanwhile
      drawRing(ring, hashes);
      drawTimeline(ring);
      drawSlices(hashes);
      document.body.setAttribute('data-ring-loaded', ring.window);
      status('');
    } catch (error) {
      status('ring: ' + error.message);
    }
  }

  // ---- live figures

  function fillTable(id, rows, cells, attrs) {
    const body = $(id).querySelector('tbody');
    body.replaceChildren();
    for (const row of rows) {
      const tr = el('tr', attrs(row));
      cells(row).forEach((cell, i) => tr.append(el('td', i ? { class: 'num' } : {}, cell)));
      body.append(tr);
    }
  }

  async function loadService() {
    try {
      const live = await api('/v1/console/service');
      const c = live.cassandra;
      const card = $('cassandra');
      card.className = 'card' + (c.healthy ? '' : ' unhealthy');
      card.setAttribute('data-healthy', c.healthy);
      card.textContent = 'Cassandra: ' + (c.healthy ? 'healthy' : 'UNHEALTHY') + ' · ' + (c.message || '')
        + ' · nodes ' + fmt(c.connected_nodes) + ' · CQL ' + fmt(c.cql_rate_1m, 1) + '/s, p99 '
        // The driver refreshes its latency histogram every few minutes; 0 means "not yet".
        + (c.cql_p99_ms ? fmt(c.cql_p99_ms, 1) + ' ms' : '–') + ' · client timeouts ' + fmt(c.client_timeouts);
      const calls = live.calls.filter(call => call.count > 0).sort((a, b) => b.count - a.count);
      fillTable('calls', calls, r => [r.call, fmt(r.count), fmt(r.rate_1m, 2), fmt(r.p50_ms, 1), fmt(r.p99_ms, 1)],
        r => ({ 'data-call': r.call, 'data-count': r.count }));
      fillTable('fan-out', live.fan_out.filter(f => f.count > 0), r => [r.method, fmt(r.count), fmt(r.mean, 1), fmt(r.p99, 0), fmt(r.max)],
        r => ({ 'data-method': r.method, 'data-count': r.count, 'data-max': r.max }));
      fillTable('responses', live.responses.filter(r => r.count > 0), r => [r.status, fmt(r.count), fmt(r.rate_1m, 2)],
        r => ({ 'data-status': r.status, 'data-count': r.count }));
      document.body.setAttribute('data-service-loaded', 'true');
    } catch (error) {
      $('cassandra').textContent = error.status === 403 ? 'Service figures need a token granted every space.' : 'Live figures: ' + error.message;
    }
  }

  // ---- wiring

  async function refreshAll() {
    try {
      await loadSpaces();
      status('');
    } catch (error) {
      status(error.status === 401 ? 'a token is needed: enter it above' : 'spaces: ' + error.message);
    }
    await loadService();
    if (state.space) await refreshSpace();
  }

  if (tokenInUrl) {
    $('notice').textContent = 'The token in the URL was ignored and removed from it: enter it above instead.';
    document.body.setAttribute('data-url-token', 'ignored');
    document.body.setAttribute('data-location', location.pathname + location.search + location.hash);
  }
  $('token').value = state.token;
  $('auth').addEventListener('submit', event => {
    event.preventDefault();
    state.token = $('token').value.trim();
    sessionStorage.setItem('k2store-token', state.token);
    refreshAll();
  });
  for (const button of $('windows').querySelectorAll('button')) {
    button.addEventListener('click', () => { state.window = button.getAttribute('data-window'); refreshSpace(); });
  }

  refreshAll().then(() => {
    setInterval(loadService, 5000);
    setInterval(() => loadSpaces().catch(error => status('spaces: ' + error.message)), 30000);
    setInterval(refreshSpace, 30000);
  });
})();
