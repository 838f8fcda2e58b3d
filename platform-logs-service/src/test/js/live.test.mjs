import { test } from 'node:test';
import assert from 'node:assert/strict';
import { streamMessages } from '../../main/resources/io/platformlogger/service/viewer/live.mjs';

test('a stream frame is an array of messages, read in order', () => {
  const frame = JSON.stringify([
    { type: 'entry', stream_id: '1-0', entry: { message: 'a' } },
    { type: 'dropped', count: 3 },
    { type: 'entry', stream_id: '1-4', entry: { message: 'b' } },
    { type: 'ready' },
  ]);
  const got = streamMessages(frame);
  assert.deepEqual(got.map((m) => m.type), ['entry', 'dropped', 'entry', 'ready']);
  assert.equal(got[2].entry.message, 'b');
  assert.equal(got[1].count, 3);
});

test('a single message object is a frame of one', () => {
  assert.deepEqual(streamMessages('{"type":"ready"}'), [{ type: 'ready' }]);
});

test('a frame that is not JSON throws instead of yielding messages', () => {
  assert.throws(() => streamMessages('[{"type":'), SyntaxError);
});
