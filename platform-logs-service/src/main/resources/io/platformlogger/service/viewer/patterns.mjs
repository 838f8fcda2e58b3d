// Message patterns (GET /api/logs/patterns) as a table: template, count, sparkline, sample values.
// Every value (templates and samples come from log lines) goes into the page as text via dom.mjs.
import * as api from './api.mjs';
import { $, el, clear } from './dom.mjs';
import { oneLine, count } from './format.mjs';
import { sparkline } from './errors.mjs';

/** Values shown per <*> in a row; the rest stays in the row's title (also text). */
const VALUES_SHOWN = 3;

export class PatternsView {
  async load(params) {
    // like the error groups: "all" reads the last 30 days; the sample bounds the cost either way
    if (!params.has('since')) params.set('since', '30d');
    params.set('limit', '200');
    $('#patterns-status').textContent = 'Loading…';
    const r = await api.patterns(params);
    this.draw(r);
  }

  draw(r) {
    const body = clear($('#pattern-rows'));
    for (const p of r.patterns) {
      const values = (p.sample_values || []).map((vs) => vs.slice(0, VALUES_SHOWN).join(' | '));
      body.append(el('tr', { 'data-template': p.template },
        el('td', { class: 'template', text: oneLine(p.template, 300) }),
        el('td', { class: 'num', text: count(p.count) }),
        el('td', {}, sparkline(p.counts || [])),
        el('td', { class: 'values', title: oneLine(p.sample_message, 500) },
          ...values.map((v) => el('div', { text: oneLine(v, 120) })))));
    }
    const shown = r.patterns.length < r.total_patterns ? ` (top ${count(r.patterns.length)} shown)` : '';
    const where = r.sample_full
      ? `the newest ${count(r.sampled)} entries; older matching entries were not mined`
      : `all ${count(r.sampled)} matching entries`;
    $('#patterns-status').textContent = `${count(r.total_patterns)} patterns in ${where}${shown}`;
  }
}
