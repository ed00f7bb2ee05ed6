// The adaptive debounce (ARCHITECTURE.md, Data flow): the wait after a keystroke in a burst follows
// what the document's last check cost; a keystroke after a pause is checked at once.
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

  it('in a burst (the keystroke before came within the last check), waits a quarter of the last check, growing with it', () => {
    assert.equal(DEBOUNCE_SHARE, 0.25);
    assert.equal(debounceFor(40, 20), 10);
    assert.equal(debounceFor(80, 79), 20);
    assert.equal(debounceFor(1700, 0), 425);
    let last = 0;
    for (let cost = 0; cost < 6000; cost += 37) {
      const d = debounceFor(cost, cost / 2);
      assert.ok(d >= last, `not monotonic at ${cost}`);
      last = d;
    }
  });

  it('never waits more than a second', () => {
    assert.equal(debounceFor(4000, 100), MAX_DEBOUNCE_MS);
    assert.equal(debounceFor(60_000, 100), MAX_DEBOUNCE_MS);
    assert.equal(debounceFor(Number.POSITIVE_INFINITY, 100), MAX_DEBOUNCE_MS);
  });

  it('checks a keystroke after a pause (or the first) at the floor, however costly the last check', () => {
    assert.equal(debounceFor(200), MIN_DEBOUNCE_MS, 'the first change');
    assert.equal(debounceFor(200, 200), MIN_DEBOUNCE_MS, 'as long after the one before as a check takes');
    assert.equal(debounceFor(200, 5000), MIN_DEBOUNCE_MS);
    assert.equal(debounceFor(4000, 4001), MIN_DEBOUNCE_MS);
    assert.equal(debounceFor(200, 199), 50, 'just inside the burst');
  });
});
