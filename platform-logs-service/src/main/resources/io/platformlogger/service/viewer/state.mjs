// View state <-> URL query string. Pure: no DOM, no globals; unit-tested by src/test/js/state.test.mjs.
// Invariant: toSearch(parseState(s)) is canonical, and parseState(toSearch(x)) equals x for every
// state x this module produced, so a copied URL reproduces the view.
import { parseCapacity, RING_DEFAULT } from './ring.mjs';

export const MODES = ['query', 'live', 'errors', 'patterns'];
export const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
export const PRESETS = ['15m', '1h', '6h', '24h', '7d', '30d', 'all', 'custom'];
export const DEFAULT_RANGE = '24h';
const SINGLE = ['q', 'trace_id', 'request_id', 'user_id', 'event_type', 'error_signature', 'entry', 'since', 'until'];
const MULTI = ['level', 'service', 'tenant'];

/** The empty state: query mode, default range, no filter. */
export function emptyState() {
  return {
    mode: 'query', range: DEFAULT_RANGE, level: [], service: [], tenant: [],
    q: '', trace_id: '', request_id: '', user_id: '', event_type: '', error_signature: '',
    since: '', until: '', entry: '', ring: '',
  };
}

function splitList(values) {
  const out = [];
  for (const v of values) {
    for (const part of v.split(',')) {
      const t = part.trim();
      if (t && !out.includes(t)) out.push(t);
    }
  }
  return out;
}

/** Reads a state from a query string ("?mode=live&level=ERROR,WARN..."); unknown keys are ignored. */
export function parseState(search) {
  const p = new URLSearchParams(search);
  const s = emptyState();
  const mode = p.get('mode');
  if (MODES.includes(mode)) s.mode = mode;
  const range = p.get('range');
  if (PRESETS.includes(range)) s.range = range;
  for (const k of MULTI) s[k] = splitList(p.getAll(k));
  const levels = s.level.map((l) => l.toUpperCase());
  s.level = LEVELS.filter((l) => levels.includes(l)); // severity order, each once
  for (const k of SINGLE) s[k] = (p.get(k) || '').trim();
  if (s.range !== 'custom') { s.since = ''; s.until = ''; }
  s.ring = canonicalRing(p.get('ring'));
  return s;
}

/**
 * The live ring size as the URL keeps it: '' for the default, digits for another valid size, and a
 * value that is not valid as given, so that the page can say what is wrong with it (parseCapacity).
 */
function canonicalRing(value) {
  const given = (value || '').trim();
  const { capacity, error } = parseCapacity(given);
  if (error) return given;
  return capacity === RING_DEFAULT ? '' : String(capacity);
}

/** The canonical query string of a state (defaults left out), with a leading "?" or "" when empty. */
export function toSearch(state) {
  const p = new URLSearchParams();
  if (state.mode !== 'query') p.set('mode', state.mode);
  if (state.range !== DEFAULT_RANGE) p.set('range', state.range);
  for (const k of MULTI) if (state[k].length) p.set(k, state[k].join(','));
  for (const k of SINGLE) {
    if ((k === 'since' || k === 'until') && state.range !== 'custom') continue;
    if (state[k]) p.set(k, state[k]);
  }
  if (state.ring) p.set('ring', state.ring);
  const s = p.toString();
  return s ? '?' + s : '';
}

/**
 * The API's filter parameters for a state ("/api/logs", "/histogram", "/aggregates", "/patterns",
 * "/export" and,
 * without since/until, the stream). isAdmin: the tenant filter only exists for admin keys.
 */
export function apiParams(state, { isAdmin = false, forStream = false } = {}) {
  const p = new URLSearchParams();
  for (const l of state.level) p.append('level', l);
  for (const sv of state.service) p.append('service', sv);
  if (isAdmin) for (const t of state.tenant) p.append('tenant', t);
  for (const k of ['q', 'trace_id', 'request_id', 'user_id', 'event_type', 'error_signature']) {
    if (state[k]) p.set(k, state[k]);
  }
  if (!forStream) {
    if (state.range === 'custom') {
      if (state.since) p.set('since', state.since);
      if (state.until) p.set('until', state.until);
    } else if (state.range !== 'all') {
      p.set('since', state.range);
    }
  }
  return p;
}

/** A copy of state with the given fields replaced (arrays copied, never shared). */
export function withChanges(state, changes) {
  const s = { ...state, ...changes };
  for (const k of MULTI) s[k] = [...s[k]];
  return s;
}
