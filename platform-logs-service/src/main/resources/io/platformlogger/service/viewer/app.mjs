// The viewer page: sign-in, query view with infinite scroll, detail panel, live view, error groups,
// message patterns.
// State lives in the URL (state.mjs); the key in sessionStorage (api.mjs); every value from an
// entry goes into the page as text (dom.mjs).
import * as api from './api.mjs';
import { $, el, clear, jsonTree, entryRow } from './dom.mjs';
import { levelClass, count, entryJson, localInputToIso, isoToLocalInput, visible } from './format.mjs';
import { parseState, toSearch, apiParams, withChanges, emptyState, LEVELS, MODES } from './state.mjs';
import { LiveView } from './live.mjs';
import { parseCapacity, RING_DEFAULT } from './ring.mjs';
import { ErrorsView, drawChart } from './errors.mjs';
import { PatternsView } from './patterns.mjs';

const PAGE = 200;
let who = { admin: false, tenant: null };
let state = emptyState();
let live = null;
let errors = null;
let patterns = null;

// ---- query view state: one generation per query; answers of an older one are ignored ----
const query = { gen: 0, cursor: null, hasMore: false, loading: false, loaded: 0, ids: new Set() };

function showMessage(text) {
  $('#message').textContent = visible(text || '');
}

// ---------------------------------------------------------------- sign-in
async function signIn(key) {
  who = await api.me(key);
  api.storeKey(key);
}

function showSignIn(error) {
  $('#app').hidden = true;
  $('#signin').hidden = false;
  $('#signin-error').textContent = error || '';
  $('#key').focus();
}

$('#signin-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const key = $('#key').value.trim();
  try {
    await signIn(key);
    $('#key').value = '';
    start();
  } catch (e) {
    showSignIn(e.status === 401 ? 'This key is not accepted.' : 'Sign-in failed: ' + e.message);
  }
});

$('#signout').addEventListener('click', () => {
  api.forgetKey();
  if (live) live.stop();
  location.replace(location.pathname + location.search);
});

// ---------------------------------------------------------------- URL state <-> form
function formToState() {
  const levels = [...document.querySelectorAll('input[name=level]:checked')].map((i) => i.value);
  const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const range = $('#f-range').value;
  return withChanges(state, {
    level: LEVELS.filter((l) => levels.includes(l)),
    service: list($('#f-service').value),
    tenant: who.admin ? list($('#f-tenant').value) : [],
    range,
    since: range === 'custom' ? localInputToIso($('#f-since').value) : '',
    until: range === 'custom' ? localInputToIso($('#f-until').value) : '',
    q: $('#f-q').value.trim(),
    trace_id: $('#f-trace_id').value.trim(),
    request_id: $('#f-request_id').value.trim(),
    user_id: $('#f-user_id').value.trim(),
    event_type: $('#f-event_type').value.trim(),
    error_signature: $('#f-error_signature').value.trim(),
    entry: '',
  });
}

function stateToForm() {
  for (const i of document.querySelectorAll('input[name=level]')) i.checked = state.level.includes(i.value);
  $('#f-service').value = state.service.join(', ');
  $('#f-tenant').value = state.tenant.join(', ');
  $('#f-range').value = state.range;
  $('#f-since').value = isoToLocalInput(state.since);
  $('#f-until').value = isoToLocalInput(state.until);
  for (const k of ['q', 'trace_id', 'request_id', 'user_id', 'event_type', 'error_signature']) $('#f-' + k).value = state[k];
  document.body.classList.toggle('custom-range', state.range === 'custom');
  for (const m of MODES) $('#mode-' + m).classList.toggle('active', state.mode === m);
}

function writeUrl(push) {
  const url = location.pathname + toSearch(state);
  if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
}

/** Applies a new state: URL, form, and the view of its mode. */
function go(next, { push = true } = {}) {
  const prev = state;
  state = next;
  writeUrl(push);
  stateToForm();
  // The selected entry and the live ring's size change no query and no stream.
  const same = (s) => toSearch(withChanges(s, { entry: '', ring: '' }));
  const filtersChanged = same(prev) !== same(next);
  render(filtersChanged || prev.mode !== next.mode);
}

function render(reload) {
  $('#query-view').hidden = state.mode !== 'query';
  $('#live-view').hidden = state.mode !== 'live';
  $('#errors-view').hidden = state.mode !== 'errors';
  $('#patterns-view').hidden = state.mode !== 'patterns';
  if (state.mode === 'live') {
    const ring = parseCapacity(state.ring);
    if (!live) live = new LiveView({ onOpen: (e) => openEntry(e.id, e), onCapacity: setRing, capacity: ring.capacity });
    live.resize(ring.capacity, ring.error && `${ring.error}; holding ${count(ring.capacity)}.`);
    if (reload || !live.running) live.start(apiParams(state, { isAdmin: who.admin, forStream: true }));
  } else if (live) {
    live.stop();
  }
  if (reload && state.mode === 'query') runQuery();
  if (reload && state.mode === 'errors') {
    if (!errors) errors = new ErrorsView({ onOpen: (sig) => go(withChanges(state, { mode: 'query', error_signature: sig, entry: '' })) });
    errors.load(apiParams(state, { isAdmin: who.admin })).catch((e) => showMessage(e.message));
  }
  if (reload && state.mode === 'patterns') {
    if (!patterns) patterns = new PatternsView();
    patterns.load(apiParams(state, { isAdmin: who.admin })).catch((e) => showMessage(e.message));
  }
  if (state.entry) openEntry(state.entry);
  else closeDetail(false);
}

/** The live ring size typed into the page: applied (and kept in the URL) when valid, else explained. */
function setRing(text) {
  const { capacity, error } = parseCapacity(text);
  if (error) {
    live.showCapacity(`${error}; still holding ${count(live.ring.capacity)}.`);
    return;
  }
  go(withChanges(state, { ring: capacity === RING_DEFAULT ? '' : String(capacity) }));
}

$('#filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  go(formToState());
});
$('#f-range').addEventListener('change', () => document.body.classList.toggle('custom-range', $('#f-range').value === 'custom'));
$('#reset').addEventListener('click', () => go(withChanges(emptyState(), { mode: state.mode, ring: state.ring })));
for (const m of MODES) {
  $('#mode-' + m).addEventListener('click', () => go(withChanges(state, { mode: m, entry: '' })));
}
window.addEventListener('popstate', () => {
  state = parseState(location.search);
  stateToForm();
  render(true);
});
$('#export-jsonl').addEventListener('click', () => api.download(apiParams(state, { isAdmin: who.admin }), 'jsonl').catch((e) => showMessage(e.message)));
$('#export-csv').addEventListener('click', () => api.download(apiParams(state, { isAdmin: who.admin }), 'csv').catch((e) => showMessage(e.message)));

// ---------------------------------------------------------------- query view, infinite scroll
function runQuery() {
  query.gen++;
  query.cursor = null;
  query.hasMore = true;
  query.loading = false;
  query.loaded = 0;
  query.ids = new Set();
  clear($('#rows'));
  showMessage('');
  $('#query-scroll').scrollTop = 0;
  // The first page first: the chart's histogram runs over the whole range and would compete with
  // it for the service and the database (benchmarks.md, web viewer); it is drawn once rows show.
  const gen = query.gen;
  loadMore().then(() => {
    if (gen !== query.gen) return;
    drawChart($('#chart'), apiParams(state, { isAdmin: who.admin }), (since, until) =>
      go(withChanges(state, { range: 'custom', since, until, entry: '' }))).catch((e) => showMessage(e.message));
  });
}

function setQueryStatus(kind, text) {
  const s = $('#query-status');
  s.dataset.state = kind;
  s.textContent = text;
}

async function loadMore() {
  if (query.loading || !query.hasMore) return;
  query.loading = true;
  const gen = query.gen;
  setQueryStatus('loading', `Loading… (${count(query.loaded)} so far)`);
  const p = apiParams(state, { isAdmin: who.admin });
  p.set('limit', String(PAGE));
  if (query.cursor) p.set('cursor', query.cursor);
  try {
    const page = await api.logs(p);
    if (gen !== query.gen) return;
    const frag = document.createDocumentFragment();
    for (const e of page.entries) {
      if (query.ids.has(e.id)) continue; // never shown twice, whatever the server sends
      query.ids.add(e.id);
      frag.append(entryRow(e, (x) => openEntry(x.id, x)));
      query.loaded++;
    }
    $('#rows').append(frag);
    query.cursor = page.nextCursor || null;
    query.hasMore = Boolean(page.hasMore && page.nextCursor);
    query.loading = false;
    if (query.hasMore) {
      setQueryStatus('more', `${count(query.loaded)} entries loaded; scroll for more`);
      requestAnimationFrame(checkScroll);
    } else {
      setQueryStatus('done', query.loaded === 0 ? 'No entries match.' : `All ${count(query.loaded)} matching entries shown.`);
    }
  } catch (e) {
    if (gen !== query.gen) return;
    query.loading = false;
    setQueryStatus('error', 'Failed: ' + e.message);
    if (e.status === 401) showSignIn('The key is no longer accepted.');
  }
}

/** Loads the next page when the end of the list is within a screen of the view. */
function checkScroll() {
  const box = $('#query-scroll');
  if (box.scrollTop + box.clientHeight >= box.scrollHeight - box.clientHeight) loadMore();
}
$('#query-scroll').addEventListener('scroll', () => requestAnimationFrame(checkScroll), { passive: true });

// ---------------------------------------------------------------- detail panel
let detailGen = 0;
let shown = null;

async function openEntry(id, known) {
  const gen = ++detailGen;
  if (state.entry !== id) {
    state = withChanges(state, { entry: id });
    writeUrl(false);
  }
  try {
    const e = known || (await api.entry(id));
    if (gen !== detailGen) return;
    showDetail(e);
  } catch (err) {
    if (gen !== detailGen) return;
    showMessage(err.status === 404 ? 'No such entry (or not yours to see).' : err.message);
  }
}

function filterLink(field, value) {
  return el('button', { type: 'button', class: 'link', 'data-filter': field, text: value,
    onclick: () => go(withChanges(emptyState(), { mode: 'query', range: 'all', [field]: value })) });
}

function showDetail(e) {
  shown = e;
  const aside = $('#detail');
  aside.hidden = false;
  document.body.classList.add('with-detail');
  const dl = clear($('#detail-fields'));
  for (const [k, v] of Object.entries(e)) {
    if (k === 'data' || k === 'error_stack') continue;
    let value;
    if (v !== null && (k === 'trace_id' || k === 'request_id' || k === 'user_id' || k === 'event_type' || k === 'error_signature')) {
      value = filterLink(k, String(v));
    } else if (k === 'level') {
      value = el('span', { class: 'level ' + levelClass(v), text: v });
    } else {
      value = el('span', { text: v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v) });
    }
    dl.append(el('dt', { text: k }), el('dd', { 'data-field': k }, value));
  }
  clear($('#detail-data')).append(e.data == null ? el('span', { class: 'json-null', text: '—' }) : jsonTree(e.data));
  $('#detail-stack').textContent = visible(e.error_stack || '—');
  const link = new URL(location.href);
  link.search = toSearch(withChanges(state, { entry: e.id }));
  $('#detail-permalink').href = link.href;
  loadContext();
}

async function loadContext() {
  const e = shown;
  const gen = detailGen;
  const box = clear($('#detail-context'));
  try {
    const c = await api.context(e.id, $('#detail-context-by').value);
    if (gen !== detailGen) return;
    for (const x of c.before) box.append(entryRow(x, (y) => openEntry(y.id, y)));
    const self = entryRow(c.entry, () => {});
    self.classList.add('current');
    box.append(self);
    for (const x of c.after) box.append(entryRow(x, (y) => openEntry(y.id, y)));
  } catch (err) {
    box.append(el('p', { class: 'error', text: 'context: ' + err.message }));
  }
}
$('#detail-context-by').addEventListener('change', loadContext);

function closeDetail(updateUrl = true) {
  detailGen++;
  shown = null;
  $('#detail').hidden = true;
  document.body.classList.remove('with-detail');
  if (updateUrl && state.entry) {
    state = withChanges(state, { entry: '' });
    writeUrl(false);
  }
}
$('#detail-close').addEventListener('click', () => closeDetail());
$('#detail-copy').addEventListener('click', async () => {
  if (!shown) return;
  try {
    await navigator.clipboard.writeText(entryJson(shown));
    $('#detail-copy').textContent = 'Copied';
  } catch (e) {
    showMessage('The browser refused the clipboard: ' + e.message);
  }
  setTimeout(() => { $('#detail-copy').textContent = 'Copy JSON'; }, 1500);
});

// ---------------------------------------------------------------- theme
const THEME = 'platform-logs-theme';
function applyTheme(t) {
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
  else delete document.documentElement.dataset.theme;
}
applyTheme(localStorage.getItem(THEME));
$('#theme-toggle').addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme
    ? document.documentElement.dataset.theme === 'dark'
    : matchMedia('(prefers-color-scheme: dark)').matches;
  const t = dark ? 'light' : 'dark';
  localStorage.setItem(THEME, t);
  applyTheme(t);
});

// ---------------------------------------------------------------- keyboard: / j k Enter Esc space
function currentRows() {
  if (state.mode === 'live') return null;
  return [...$('#rows').children];
}

document.addEventListener('keydown', (ev) => {
  const t = ev.target;
  const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
  if (ev.key === 'Escape') {
    if (typing) t.blur();
    else closeDetail();
    return;
  }
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === '/') {
    ev.preventDefault();
    $('#f-q').focus();
  } else if (ev.key === ' ' && state.mode === 'live' && live) {
    ev.preventDefault();
    live.togglePause();
  } else if (ev.key === 'j' || ev.key === 'k') {
    if (state.mode === 'live' && live) { live.move(ev.key === 'j' ? 1 : -1); return; }
    const rows = currentRows();
    if (!rows || !rows.length) return;
    let i = rows.findIndex((r) => r.classList.contains('selected'));
    if (i >= 0) rows[i].classList.remove('selected');
    i = Math.max(0, Math.min(rows.length - 1, i + (ev.key === 'j' ? 1 : -1)));
    rows[i].classList.add('selected');
    rows[i].scrollIntoView({ block: 'nearest' });
  } else if (ev.key === 'Enter') {
    if (state.mode === 'live' && live) { live.openSelected(); return; }
    const sel = $('#rows .row.selected');
    if (sel) sel.click();
  }
});

// ---------------------------------------------------------------- start
function start() {
  $('#signin').hidden = true;
  $('#app').hidden = false;
  $('#tenant-label').hidden = !who.admin;
  $('#whoami').textContent = who.admin ? 'admin key' : 'tenant ' + visible(who.tenant);
  state = parseState(location.search);
  if (!who.admin) state.tenant = [];
  stateToForm();
  render(true);
}

(async () => {
  const key = api.storedKey();
  if (!key) return showSignIn('');
  try {
    await signIn(key);
    start();
  } catch (e) {
    api.forgetKey();
    showSignIn(e.status === 401 ? 'The stored key is no longer accepted.' : 'Sign-in failed: ' + e.message);
  }
})();
