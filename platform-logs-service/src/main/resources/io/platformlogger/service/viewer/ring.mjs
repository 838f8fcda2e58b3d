// A fixed-capacity ring of the newest entries (the live view's memory bound), and the setting that
// sizes it. Pure; unit-tested by src/test/js/ring.test.mjs. Invariant: size <= capacity; get(0) is
// the oldest held, get(size-1) the newest; pushing into a full ring drops exactly the oldest one.

export const RING_DEFAULT = 50000;
export const RING_MIN = 100;
// The bound on what a page may ask for: entries of ~1 KB each make this ~0.5 GB of the tab's memory,
// and 500 000 rows of 22 px stay well inside the tallest box Chromium lays out (~33.5 million px).
export const RING_MAX = 500000;

const fmt = (n) => n.toLocaleString('en-US');

/**
 * The live view's ring size from the URL's ring= or the page's field. Empty means the default. A
 * value that is not a whole number gives the default, one out of bounds the nearest bound; both
 * with an error that says what was given and what is allowed (the caller says what it holds instead).
 */
export function parseCapacity(text) {
  const given = String(text ?? '').trim();
  if (given === '') return { capacity: RING_DEFAULT, error: null };
  const shown = given.length > 40 ? given.slice(0, 39) + '…' : given;
  const allowed = `a whole number of entries from ${fmt(RING_MIN)} to ${fmt(RING_MAX)}`;
  if (!/^[0-9]+$/.test(given)) {
    return { capacity: RING_DEFAULT, error: `Live buffer ring=${shown} is not ${allowed}` };
  }
  const n = Number(given);
  if (n > RING_MAX) {
    return { capacity: RING_MAX, error: `Live buffer ring=${shown} is more than ${fmt(RING_MAX)}, the most a page holds` };
  }
  if (n < RING_MIN) {
    return { capacity: RING_MIN, error: `Live buffer ring=${shown} is less than ${fmt(RING_MIN)}` };
  }
  return { capacity: n, error: null };
}

export class Ring {
  constructor(capacity) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer: ' + capacity);
    this.capacity = capacity;
    this.items = new Array(capacity);
    this.start = 0; // index of the oldest
    this.size = 0;
    this.dropped = 0; // how many were pushed out since the last clear
  }

  push(item) {
    if (this.size < this.capacity) {
      this.items[(this.start + this.size) % this.capacity] = item;
      this.size++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
  }

  get(i) {
    if (i < 0 || i >= this.size) return undefined;
    return this.items[(this.start + i) % this.capacity];
  }

  /** Changes the capacity, keeping the newest min(size, capacity) items; those let go count as dropped. */
  resize(capacity) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer: ' + capacity);
    const keep = Math.min(this.size, capacity);
    const items = new Array(capacity);
    for (let i = 0; i < keep; i++) items[i] = this.get(this.size - keep + i);
    this.dropped += this.size - keep;
    this.items = items;
    this.start = 0;
    this.size = keep;
    this.capacity = capacity;
  }

  clear() {
    this.items = new Array(this.capacity);
    this.start = 0;
    this.size = 0;
    this.dropped = 0;
  }

  toArray() {
    const out = [];
    for (let i = 0; i < this.size; i++) out.push(this.get(i));
    return out;
  }
}
