import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ring } from '../../main/resources/io/platformlogger/service/viewer/ring.mjs';

test('a ring holds at most its capacity and drops the oldest', () => {
  const r = new Ring(3);
  for (let i = 1; i <= 5; i++) r.push(i);
  assert.equal(r.size, 3);
  assert.deepEqual(r.toArray(), [3, 4, 5]);
  assert.equal(r.dropped, 2);
  assert.equal(r.get(0), 3);
  assert.equal(r.get(3), undefined);
});

test('100 000 pushes into a 50 000 ring keep the newest 50 000 in order', () => {
  const r = new Ring(50000);
  for (let i = 0; i < 100000; i++) r.push(i);
  assert.equal(r.size, 50000);
  assert.equal(r.get(0), 50000);
  assert.equal(r.get(49999), 99999);
});

test('clear empties the ring and it fills again', () => {
  const r = new Ring(2);
  r.push('a'); r.push('b'); r.push('c');
  r.clear();
  assert.equal(r.size, 0);
  r.push('d');
  assert.deepEqual(r.toArray(), ['d']);
});

test('a capacity that is not a positive integer is refused', () => {
  assert.throws(() => new Ring(0), RangeError);
  assert.throws(() => new Ring(1.5), RangeError);
});
