// The live view: entries from the WebSocket stream into a Ring (bounded memory), drawn by a
// virtualized list (only the rows in view, plus a margin, exist in the DOM), newest at the bottom.
// Paused: arrivals wait in a second ring and are counted; Resume appends them.
import * as api from './api.mjs';
import { $, entryRow } from './dom.mjs';
import { Ring, RING_DEFAULT } from './ring.mjs';
import { count } from './format.mjs';

export const ROW_HEIGHT = 22; // px, fixed so that row i sits at i * ROW_HEIGHT
const OVERSCAN = 20;

// One text frame of the stream: a JSON array of messages, oldest first (docs/service.md, "The
// stream protocol"). A single message object (a service from before frames carried arrays) is
// taken as a frame of one.
export function streamMessages(data) {
  const frame = JSON.parse(data);
  return Array.isArray(frame) ? frame : [frame];
}

export class LiveView {
  /** onCapacity(text): the ring size typed into the page's field, for the caller to check and apply. */
  constructor({ onOpen, onCapacity, capacity = RING_DEFAULT }) {
    this.onOpen = onOpen;
    this.ring = new Ring(capacity);
    this.pending = new Ring(capacity); // arrivals while paused
    this.arrivedWhilePaused = 0;
    this.paused = false;
    this.running = false;
    this.socket = null;
    this.lastId = null;
    this.selected = -1;
    this.frame = 0;
    this.atBottom = true;
    this.scroll = $('#live-scroll');
    this.spacer = $('#live-spacer');
    this.rows = $('#live-rows');
    this.statusBox = $('#live-status');
    // One click handler for every row (rows come and go each frame): the row's sequence number
    // finds its entry while the ring still holds it.
    this.rows.addEventListener('click', (ev) => {
      const row = ev.target.closest('.row');
      const i = row ? Number(row.dataset.seq) - this.ring.dropped : -1;
      const e = this.ring.get(i);
      if (!e) return;
      this.selected = i;
      this.onOpen(e);
      this.schedule();
    });
    this.scroll.addEventListener('scroll', () => {
      this.atBottom = this.scroll.scrollTop + this.scroll.clientHeight >= this.scroll.scrollHeight - ROW_HEIGHT;
      this.schedule();
    }, { passive: true });
    $('#live-pause').addEventListener('click', () => this.togglePause());
    $('#live-clear').addEventListener('click', () => this.clear());
    $('#live-ring').addEventListener('change', () => onCapacity($('#live-ring').value));
    this.showCapacity(null);
    // Test and debugging seam: feeds entries as if they came from the stream (docs/viewer.md).
    window.platformLogsViewer = { injectLive: (entries) => entries.forEach((e) => this.accept(e)), live: this };
  }

  async start(params) {
    this.stop();
    this.running = true;
    this.live = false;
    this.params = params;
    this.status('connecting…');
    try {
      const { token } = await api.streamToken();
      if (!this.running || this.params !== params) return;
      const p = new URLSearchParams(params);
      p.set('token', token);
      if (this.lastId) p.set('from', this.lastId);
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/logs/stream?${p}`;
      const ws = new WebSocket(url);
      this.socket = ws;
      ws.onmessage = (m) => {
        for (const msg of streamMessages(m.data)) {
          if (msg.type === 'entry') {
            this.lastId = msg.stream_id;
            this.accept(msg.entry);
          } else if (msg.type === 'ready') {
            this.live = true;
            this.schedule();
          } else if (msg.type === 'dropped') {
            this.status(`live; the service dropped ${count(msg.count)} entries this page read too slowly`);
          }
        }
      };
      ws.onclose = () => {
        if (this.socket !== ws || !this.running) return;
        this.live = false;
        this.status('disconnected; reconnecting…');
        setTimeout(() => { if (this.running && this.socket === ws) this.start(params); }, 1000);
      };
    } catch (e) {
      this.status('failed: ' + e.message);
    }
  }

  stop() {
    this.running = false;
    if (this.socket) {
      const s = this.socket;
      this.socket = null;
      s.close();
    }
  }

  accept(entry) {
    if (this.paused) {
      this.pending.push(entry);
      this.arrivedWhilePaused++;
      this.showNew();
      return;
    }
    this.ring.push(entry);
    this.schedule();
  }

  togglePause() {
    this.paused = !this.paused;
    $('#live-pause').textContent = this.paused ? 'Resume' : 'Pause';
    if (!this.paused) {
      for (let i = 0; i < this.pending.size; i++) this.ring.push(this.pending.get(i));
      this.pending.clear();
      this.arrivedWhilePaused = 0;
      this.atBottom = true;
      this.schedule();
    }
    this.showNew();
  }

  clear() {
    this.ring.clear();
    this.rows.replaceChildren(); // sequence numbers start again from 0
    this.pending.clear();
    this.arrivedWhilePaused = 0;
    this.selected = -1;
    this.showNew();
    this.schedule();
  }

  /** Holds at most capacity entries from now on (the newest kept); error: what was wrong with the setting. */
  resize(capacity, error) {
    if (capacity !== this.ring.capacity) {
      this.ring.resize(capacity);
      this.pending.resize(capacity);
      if (this.selected >= this.ring.size) this.selected = -1;
      this.schedule();
    }
    this.showCapacity(error);
  }

  showCapacity(error) {
    $('#live-ring').value = String(this.ring.capacity);
    $('#live-ring-error').textContent = error || '';
  }

  showNew() {
    const b = $('#live-new');
    b.hidden = !this.paused;
    b.textContent = `${count(this.arrivedWhilePaused)} new entries`;
  }

  status(text) {
    if (this.statusBox.textContent !== text) this.statusBox.textContent = text;
  }

  move(delta) {
    if (!this.ring.size) return;
    this.selected = Math.max(0, Math.min(this.ring.size - 1, (this.selected < 0 ? this.ring.size : this.selected) + delta));
    const top = this.selected * ROW_HEIGHT;
    if (top < this.scroll.scrollTop) this.scroll.scrollTop = top;
    else if (top + ROW_HEIGHT > this.scroll.scrollTop + this.scroll.clientHeight) this.scroll.scrollTop = top + ROW_HEIGHT - this.scroll.clientHeight;
    this.schedule();
  }

  openSelected() {
    const e = this.ring.get(this.selected);
    if (e) this.onOpen(e);
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  /**
   * Draws the rows in view: the DOM holds at most (view height / ROW_HEIGHT) + 2 * OVERSCAN rows.
   * Rows are keyed by their entry's sequence number (ring.dropped + ring index, which stays the same
   * for an entry while it is held): rows still in view are kept, those that left are removed and only
   * the new ones are made, so a frame costs what arrived, not the whole window.
   */
  draw() {
    const n = this.ring.size;
    const base = this.ring.dropped;
    this.spacer.style.height = `${n * ROW_HEIGHT}px`;
    if (this.atBottom && !this.paused) this.scroll.scrollTop = this.scroll.scrollHeight;
    const first = Math.max(0, Math.floor(this.scroll.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((this.scroll.scrollTop + this.scroll.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const box = this.rows;
    const seq = (row) => Number(row.dataset.seq);
    while (box.firstChild && seq(box.firstChild) < base + first) box.firstChild.remove();
    while (box.lastChild && seq(box.lastChild) >= base + last) box.lastChild.remove();
    box.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const made = (i) => {
      const row = entryRow(this.ring.get(i));
      row.dataset.seq = String(base + i);
      return row;
    };
    if (!box.firstChild) {
      const frag = document.createDocumentFragment();
      for (let i = first; i < last; i++) frag.append(made(i));
      box.append(frag);
    } else {
      const above = document.createDocumentFragment();
      for (let i = first; i < seq(box.firstChild) - base; i++) above.append(made(i));
      box.prepend(above);
      const below = document.createDocumentFragment();
      for (let i = seq(box.lastChild) - base + 1; i < last; i++) below.append(made(i));
      box.append(below);
    }
    for (const row of box.children) row.classList.toggle('selected', seq(row) === base + this.selected);
    const dropped = this.ring.dropped ? `; ${count(this.ring.dropped)} older ones left the buffer` : '';
    this.statusBox.dataset.size = String(n);
    if (this.live) this.status(`live: ${count(n)} entries held (at most ${count(this.ring.capacity)})${dropped}`);
  }
}
