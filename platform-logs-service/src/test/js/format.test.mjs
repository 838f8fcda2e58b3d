import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visible, formatTime, oneLine, levelClass, serviceClass, localInputToIso, isoToLocalInput } from '../../main/resources/io/platformlogger/service/viewer/format.mjs';

test('bidi overrides and control characters become visible escapes', () => {
  assert.equal(visible('a\u202Eb\u2066c\u0000d'), 'a\\u202Eb\\u2066c\\u0000d');
  assert.equal(visible('tab\tand\nnewline stay'), 'tab\tand\nnewline stay');
  assert.equal(visible('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
  assert.equal(visible(null), '');
});

test('timestamps show as UTC date and time with milliseconds', () => {
  assert.equal(formatTime('2026-12-06T20:31:05.123456Z'), '2026-12-06 20:31:05.123');
  assert.equal(formatTime('2026-12-06T20:31:05Z'), '2026-12-06 20:31:05.000');
  assert.equal(formatTime('not a time'), 'not a time');
});

test('a message row shows its first line, cut with an ellipsis', () => {
  assert.equal(oneLine('first\nsecond'), 'first');
  assert.equal(oneLine('x'.repeat(10), 5), 'xxxx…');
});

test('levels and services map to stable classes', () => {
  assert.equal(levelClass('ERROR'), 'lv-error');
  assert.equal(levelClass('bogus'), 'lv-info');
  assert.equal(serviceClass('checkout'), serviceClass('checkout'));
  assert.match(serviceClass('checkout'), /^svc-[0-7]$/);
});

test('datetime-local values are read and written as UTC', () => {
  assert.equal(localInputToIso('2026-01-20T10:00'), '2026-01-20T10:00:00Z');
  assert.equal(localInputToIso('2026-01-20T10:00:30'), '2026-01-20T10:00:30Z');
  assert.equal(localInputToIso('garbage'), '');
  assert.equal(isoToLocalInput('2026-01-20T10:00:30Z'), '2026-01-20T10:00:30');
});
