import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseState, toSearch, apiParams, emptyState, withChanges } from '../../main/resources/io/platformlogger/service/viewer/state.mjs';

test('the empty state has an empty query string', () => {
  assert.equal(toSearch(emptyState()), '');
  assert.deepEqual(parseState(''), emptyState());
});

test('a full state survives a round trip through the URL', () => {
  const s = withChanges(emptyState(), {
    mode: 'live', range: 'custom', since: '2026-01-20T10:00:00Z', until: '2026-01-20T11:00:00Z',
    level: ['WARN', 'ERROR'], service: ['checkout', 'billing'], tenant: ['t-acme'], q: '"connection refused" -timeout',
    trace_id: '4bf9', request_id: 'r-1', user_id: 'u 7&x=1', event_type: 'order.placed', error_signature: 'sig', entry: '0193-abc',
    ring: '100000',
  });
  const search = toSearch(s);
  assert.deepEqual(parseState(search), s);
  assert.equal(toSearch(parseState(search)), search);
});

test('levels are upper-cased, deduplicated, ordered by severity and unknown ones dropped', () => {
  assert.deepEqual(parseState('?level=error,warn&level=ERROR&level=loud').level, ['WARN', 'ERROR']);
});

test('unknown modes and ranges fall back to the defaults; since/until only count for a custom range', () => {
  const s = parseState('?mode=admin&range=3y&since=2026-01-01T00:00:00Z');
  assert.equal(s.mode, 'query');
  assert.equal(s.range, '24h');
  assert.equal(s.since, '');
});

test('the API parameters carry filters, a preset as since, and tenants only for admin keys', () => {
  const s = withChanges(emptyState(), { level: ['ERROR'], service: ['a', 'b'], tenant: ['t1'], range: '1h', q: 'x' });
  assert.equal(apiParams(s).toString(), 'level=ERROR&service=a&service=b&q=x&since=1h');
  assert.equal(apiParams(s, { isAdmin: true }).getAll('tenant').join(), 't1');
  assert.equal(apiParams(s, { forStream: true }).has('since'), false);
  assert.equal(apiParams(withChanges(s, { range: 'all' })).has('since'), false);
  const c = apiParams(withChanges(s, { range: 'custom', since: '2026-01-01T00:00:00Z', until: '2026-01-02T00:00:00Z' }));
  assert.equal(c.get('since'), '2026-01-01T00:00:00Z');
  assert.equal(c.get('until'), '2026-01-02T00:00:00Z');
});

test('withChanges never shares arrays with the original', () => {
  const a = emptyState();
  const b = withChanges(a, {});
  b.level.push('ERROR');
  assert.deepEqual(a.level, []);
});

test('the live ring size lives in the URL in canonical form, the default left out', () => {
  assert.equal(parseState('?mode=live&ring=200000').ring, '200000');
  assert.equal(toSearch(parseState('?mode=live&ring=0200000')), '?mode=live&ring=200000');
  assert.equal(toSearch(parseState('?mode=live&ring=50000')), '?mode=live');
  assert.equal(toSearch(parseState('?mode=live&ring=')), '?mode=live');
});

test('a bad ring size stays in the state as given, so the page can say what is wrong with it', () => {
  assert.equal(parseState('?ring=lots').ring, 'lots');
  assert.equal(parseState('?ring=9000000').ring, '9000000');
  assert.equal(toSearch(parseState('?ring=lots')), '?ring=lots');
  assert.equal(apiParams(parseState('?ring=1000')).has('ring'), false); // never sent to the service
});
