// The adaptive debounce (ARCHITECTURE.md, Data flow): the wait after a keystroke follows what the
// document's last check cost.
import { strict as assert } from 'node:assert';
import { debounceFor, DEBOUNCE_SHARE, MAX_DEBOUNCE_MS, MIN_DEBOUNCE_MS } from '../../server/src/lsp/session';

describe('adaptive debounce', () => {
  it('waits almost nothing for a small file and the floor for a document not checked yet', () => {
    assert.equal(debounceFor(undefined), MIN_DEBOUNCE_MS);
    assert.equal(debounceFor(0), MIN_DEBOUNCE_MS);
    assert.equal(debounceFor(3), MIN_DEBOUNCE_MS);
    assert.equal(debounceFor(Number.NaN), MIN_DEBOUNCE_MS);
    assert.equal(MIN_DEBOUNCE_MS, 5);
  });

  it('waits a quarter of the last check for a bigger one, growing with it', () => {
    assert.equal(DEBOUNCE_SHARE, 0.25);
    assert.equal(debounceFor(40), 10);
    assert.equal(debounceFor(80), 20);
    assert.equal(debounceFor(1700), 425);
    let last = 0;
    for (let cost = 0; cost < 6000; cost += 37) {
      const d = debounceFor(cost);
      assert.ok(d >= last, `not monotonic at ${cost}`);
      last = d;
    }
  });

  it('never waits more than a second', () => {
    assert.equal(debounceFor(4000), MAX_DEBOUNCE_MS);
    assert.equal(debounceFor(60_000), MAX_DEBOUNCE_MS);
    assert.equal(debounceFor(Number.POSITIVE_INFINITY), MAX_DEBOUNCE_MS);
  });
});
