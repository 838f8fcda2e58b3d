// The service's HTTP API as the viewer uses it. The key lives in sessionStorage only (never the URL,
// never localStorage) and is sent as Authorization: Bearer.
const KEY = 'platform-logs-key';

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** Thrown for a non-2xx answer; message is the service's "error", parameter its "parameter". */
export class ApiError extends Error {
  constructor(status, message, parameter) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }
}

async function call(path, options = {}, key = storedKey()) {
  const r = await fetch(path, { ...options, headers: { Authorization: 'Bearer ' + key }, cache: 'no-store' });
  if (!r.ok) {
    let body = {};
    try { body = await r.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(r.status, body.error || `HTTP ${r.status}`, body.parameter || null);
  }
  return r.json();
}

export const me = (key) => call('/api/me', {}, key);
export const logs = (params) => call('/api/logs?' + params);
export const entry = (id) => call('/api/logs/' + encodeURIComponent(id));
export const context = (id, by) => call(`/api/logs/${encodeURIComponent(id)}/context?before=10&after=10&by=${by}`);
export const aggregates = (params) => call('/api/logs/aggregates?' + params);
export const patterns = (params) => call('/api/logs/patterns?' + params);
export const histogram = (params) => call('/api/logs/histogram?' + params);
export const streamToken = () => call('/api/stream-token', { method: 'POST' });

/** Downloads the export of a query as a file (fetch with the key, then a blob link). */
export async function download(params, format) {
  const p = new URLSearchParams(params);
  p.set('format', format);
  const r = await fetch('/api/logs/export?' + p, { headers: { Authorization: 'Bearer ' + storedKey() } });
  if (!r.ok) throw new ApiError(r.status, `export failed: HTTP ${r.status}`, null);
  const blob = await r.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'platform-logs.' + (format === 'csv' ? 'csv' : 'jsonl');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
