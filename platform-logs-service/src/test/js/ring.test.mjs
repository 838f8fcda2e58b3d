import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ring, parseCapacity, RING_DEFAULT, RING_MIN, RING_MAX } from '../../main/resources/io/platformlogger/service/viewer/ring.mjs';

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

test('resize keeps the newest entries in order and counts those let go as dropped', () => {
  const r = new Ring(5);
  for (let i = 1; i <= 7; i++) r.push(i); // holds 3..7, dropped 2
  r.resize(3);
  assert.deepEqual(r.toArray(), [5, 6, 7]);
  assert.equal(r.dropped, 4);
  r.push(8);
  assert.deepEqual(r.toArray(), [6, 7, 8]);
  r.resize(10);
  for (let i = 9; i <= 12; i++) r.push(i);
  assert.deepEqual(r.toArray(), [6, 7, 8, 9, 10, 11, 12]);
  assert.equal(r.capacity, 10);
  assert.throws(() => r.resize(0), RangeError);
});

test('the ring size setting: empty is the default, a valid size is taken as it is', () => {
  assert.deepEqual(parseCapacity(''), { capacity: RING_DEFAULT, error: null });
  assert.deepEqual(parseCapacity(null), { capacity: RING_DEFAULT, error: null });
  assert.deepEqual(parseCapacity(' 100000 '), { capacity: 100000, error: null });
  assert.deepEqual(parseCapacity(String(RING_MIN)), { capacity: RING_MIN, error: null });
  assert.deepEqual(parseCapacity(String(RING_MAX)), { capacity: RING_MAX, error: null });
  assert.equal(RING_DEFAULT, 50000);
});

test('a ring size that is not a whole number gives the default and says what is allowed', () => {
  for (const bad of ['abc', '1e5', '-5', '50000.5', '0x100', '10 000', '<b>1</b>']) {
    const r = parseCapacity(bad);
    assert.equal(r.capacity, RING_DEFAULT, bad);
    assert.equal(r.error, `Live buffer ring=${bad} is not a whole number of entries from 100 to 500,000`);
  }
});

test('a ring size out of bounds gives the nearest bound and says so', () => {
  assert.deepEqual(parseCapacity('5000000'), { capacity: RING_MAX, error: 'Live buffer ring=5000000 is more than 500,000, the most a page holds' });
  assert.deepEqual(parseCapacity('99999999999999999999999'),
    { capacity: RING_MAX, error: 'Live buffer ring=99999999999999999999999 is more than 500,000, the most a page holds' });
  assert.deepEqual(parseCapacity('0'), { capacity: RING_MIN, error: 'Live buffer ring=0 is less than 100' });
  assert.deepEqual(parseCapacity('99'), { capacity: RING_MIN, error: 'Live buffer ring=99 is less than 100' });
});

test('a very long bad value is cut in the message', () => {
  const r = parseCapacity('x'.repeat(5000));
  assert.ok(r.error.length < 120, r.error);
  assert.ok(r.error.includes('x'.repeat(39) + '…'));
});
