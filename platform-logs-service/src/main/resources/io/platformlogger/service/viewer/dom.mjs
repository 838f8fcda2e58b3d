// The one way the viewer makes elements: tag, fixed attributes from our own code, and children that
// are elements or strings. Strings always become text nodes (through format.visible), never
// markup, so no value from an entry can create an element or run code.
import { visible, formatTime, oneLine, levelClass, serviceClass } from './format.mjs';

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = visible(v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? document.createTextNode(visible(c)) : c);
  }
  return e;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export const $ = (sel) => document.querySelector(sel);

/** A JSON value as a tree of nested lists; every key and value is text. */
export function jsonTree(value) {
  if (value === null || typeof value !== 'object') {
    return el('span', { class: 'json-' + (value === null ? 'null' : typeof value), text: JSON.stringify(value) });
  }
  const isArray = Array.isArray(value);
  const keys = Object.keys(value);
  const ul = el('ul', { class: 'json-tree' });
  for (const k of keys) {
    ul.append(el('li', {}, el('span', { class: 'json-key', text: isArray ? `[${k}]` : k }), ': ', jsonTree(value[k])));
  }
  const d = el('details', { open: true }, el('summary', { text: isArray ? `[${keys.length}]` : `{${keys.length}}` }), ul);
  return d;
}

/** One entry as a list row: time, level, service, message, all text; a click calls onOpen(entry) if given. */
export function entryRow(e, onOpen) {
  return el('div', { class: 'row', role: 'option', 'data-id': e.id, tabindex: '-1', onclick: onOpen && (() => onOpen(e)) },
    el('span', { class: 'time', text: formatTime(e.timestamp) }),
    el('span', { class: 'level ' + levelClass(e.level), text: e.level }),
    el('span', { class: 'service ' + serviceClass(e.service), text: e.service }),
    el('span', { class: 'msg', text: oneLine(e.message) }));
}
