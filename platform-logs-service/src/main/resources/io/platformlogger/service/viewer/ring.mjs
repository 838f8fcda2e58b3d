// A fixed-capacity ring of the newest entries (the live view's memory bound). Pure; unit-tested by
// src/test/js/ring.test.mjs. Invariant: size <= capacity; get(0) is the oldest held, get(size-1)
// the newest; pushing into a full ring drops exactly the oldest one.

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
