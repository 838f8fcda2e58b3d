// Error groups (GET /api/logs/aggregates) as a sortable table with sparklines, and the volume
// chart (GET /api/logs/histogram) above the query list. SVG is built with createElementNS; every
// value is text.
import * as api from './api.mjs';
import { $, el, clear } from './dom.mjs';
import { formatTime, oneLine, count, levelClass } from './format.mjs';
import { LEVELS } from './state.mjs';

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export function sparkline(counts, width = 120, height = 24) {
  const s = svg('svg', { width, height, class: 'spark', viewBox: `0 0 ${width} ${height}` });
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? width / (counts.length - 1) : width;
  const pts = counts.map((c, i) => `${(i * step).toFixed(1)},${(height - 1 - (c / max) * (height - 2)).toFixed(1)}`).join(' ');
  s.append(svg('polyline', { points: pts, fill: 'none', class: 'spark-line' }));
  return s;
}

export class ErrorsView {
  constructor({ onOpen }) {
    this.onOpen = onOpen;
    this.groups = [];
    this.sort = { key: 'count', desc: true };
    for (const b of document.querySelectorAll('#groups [data-sort]')) {
      b.addEventListener('click', () => {
        const key = b.dataset.sort;
        this.sort = { key, desc: this.sort.key === key ? !this.sort.desc : key !== 'signature' };
        this.draw();
      });
    }
  }

  async load(params) {
    if (!params.has('since')) params.set('since', '30d');
    params.set('limit', '1000');
    $('#errors-status').textContent = 'Loading…';
    const r = await api.aggregates(params);
    this.groups = r.groups;
    this.draw();
  }

  draw() {
    const { key, desc } = this.sort;
    const field = key === 'signature' ? 'error_signature' : key;
    const sorted = [...this.groups].sort((a, b) => {
      const x = a[field], y = b[field];
      const c = x < y ? -1 : x > y ? 1 : 0;
      return desc ? -c : c;
    });
    const body = clear($('#group-rows'));
    for (const g of sorted) {
      body.append(el('tr', { 'data-signature': g.error_signature, onclick: () => this.onOpen(g.error_signature) },
        el('td', {}, el('button', { type: 'button', class: 'link', text: g.error_signature })),
        el('td', { class: 'msg' }, el('span', { class: 'level ' + levelClass(g.level), text: g.level || '' }), ' ',
          oneLine(g.sample_error_type ? `${g.sample_error_type}: ${g.sample_message ?? ''}` : g.sample_message, 200)),
        el('td', { class: 'num', text: count(g.count) }),
        el('td', {}, sparkline(g.counts || [])),
        el('td', { text: formatTime(g.first_seen) }),
        el('td', { text: formatTime(g.last_seen) }),
        el('td', { text: (g.services || []).join(', ') })));
    }
    $('#errors-status').textContent = `${count(sorted.length)} error groups`;
  }
}

/** Draws the per-level volume chart; dragging across it calls onRange(sinceIso, untilIso). */
export async function drawChart(box, params, onRange) {
  const h = await api.histogram(params);
  // Drawn in a 1000 x 70 coordinate space that CSS stretches to the box's width.
  const width = 1000, height = 70;
  const n = h.buckets;
  const totals = new Array(n).fill(0);
  for (const l of LEVELS) (h.counts[l] || []).forEach((c, i) => { totals[i] += c; });
  const max = Math.max(1, ...totals);
  const bw = width / Math.max(1, n);
  const s = svg('svg', { class: 'volume', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none' });
  for (let i = 0; i < n; i++) {
    let y = height;
    for (const l of LEVELS) {
      const c = (h.counts[l] || [])[i] || 0;
      if (!c) continue;
      const bh = (c / max) * (height - 4);
      y -= bh;
      s.append(svg('rect', { x: (i * bw).toFixed(2), y: y.toFixed(2), width: Math.max(1, bw - 1).toFixed(2), height: bh.toFixed(2), class: 'vbar ' + levelClass(l) }));
    }
  }
  const sel = svg('rect', { x: 0, y: 0, width: 0, height, class: 'drag' });
  s.append(sel);
  const start = Date.parse(h.bucket_start);
  const ms = h.bucket_seconds * 1000;
  const at = (x) => new Date(start + Math.round((x / bw) * ms)).toISOString().replace(/\.\d+Z$/, 'Z');
  let x0 = null;
  const px = (ev) => {
    const r = s.getBoundingClientRect();
    return Math.max(0, Math.min(width, ((ev.clientX - r.left) / Math.max(1, r.width)) * width));
  };
  s.addEventListener('pointerdown', (ev) => {
    x0 = px(ev);
    try { s.setPointerCapture(ev.pointerId); } catch (e) { /* a synthetic pointer: no capture needed */ }
  });
  s.addEventListener('pointermove', (ev) => {
    if (x0 === null) return;
    const x1 = px(ev);
    sel.setAttribute('x', Math.min(x0, x1));
    sel.setAttribute('width', Math.abs(x1 - x0));
  });
  s.addEventListener('pointerup', (ev) => {
    if (x0 === null) return;
    const x1 = px(ev);
    const a = Math.min(x0, x1), b = Math.max(x0, x1);
    x0 = null;
    if (b - a >= 3) onRange(at(a), at(b));
    else sel.setAttribute('width', 0);
  });
  clear(box).append(s);
}
