// Formatting of entry values for display. Pure; unit-tested by src/test/js/format.test.mjs.
// Everything here returns plain strings that the page puts into textContent, never markup.

// Bidi overrides/isolates/marks and other invisible format characters that could reorder or hide
// text (Trojan Source), plus C0/C1 controls other than tab and newline.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** The text with every control or bidi character shown as a visible \u escape. */
export function visible(value) {
  if (value === null || value === undefined) return '';
  return String(value).replace(UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
}

/** "2026-12-06 20:31:05.123" (UTC) from an ISO timestamp; the input unchanged if it is not one. */
export function formatTime(iso) {
  if (typeof iso !== 'string') return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  if (!m) return visible(iso);
  const frac = (m[3] || '.000').slice(0, 4).padEnd(4, '0');
  return `${m[1]} ${m[2]}${frac}`;
}

/** The first line of a message, cut to max characters with an ellipsis. */
export function oneLine(message, max = 500) {
  const s = visible(String(message ?? '').split('\n', 1)[0]);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

const LEVEL_CLASS = { TRACE: 'lv-trace', DEBUG: 'lv-debug', INFO: 'lv-info', WARN: 'lv-warn', ERROR: 'lv-error' };

/** The CSS class of a level; an unknown level gets the INFO colour. */
export function levelClass(level) {
  return LEVEL_CLASS[level] || 'lv-info';
}

/** One of 8 service colour classes, stable per service name (FNV-1a hash). */
export function serviceClass(service) {
  let h = 0x811c9dc5;
  for (const ch of String(service ?? '')) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return 'svc-' + (h % 8);
}

const COUNT = new Intl.NumberFormat('en-US'); // made once: toLocaleString builds one per call

/** "1,234" style counts. */
export function count(n) {
  return COUNT.format(Number(n));
}

/** An entry as pretty JSON (for "copy as JSON"). */
export function entryJson(entry) {
  return JSON.stringify(entry, null, 2);
}

/** ISO text of a datetime-local input value ("2026-12-06T10:00") read as UTC. */
export function localInputToIso(value) {
  if (!value) return '';
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(value);
  return m ? `${m[1]}${m[2] || ':00'}Z` : '';
}

/** The datetime-local input value for an ISO instant (UTC), "" if it is not one. */
export function isoToLocalInput(iso) {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(iso || '');
  return m ? m[1] + (m[2] || '') : '';
}
