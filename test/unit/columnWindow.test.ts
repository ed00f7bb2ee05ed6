// The webview's column window (webview/src/columnWindow.ts) without a browser: a fake map that
// records what it is asked to draw, a scheduler whose frames and idle periods the test runs by
// hand, and a clock the fake map moves forward as it draws. Every window below is worked out by
// hand in the comments (COL_W = 168, a view 1,400 px wide, a map of 2,000 columns).
import * as assert from 'assert';
import {
  ColumnWindows,
  FAR_SCALE,
  IDLE_TIMEOUT_MS,
  IdleBudget,
  MAX_COLUMNS,
  MAX_COLUMNS_FAR,
  MapSurface,
  Scheduler,
  View,
} from '../../webview/src/columnWindow';
import type { ColumnWindow } from '../../webview/src/render/journey';
import { COL_W } from '../../webview/src/render/layout';

const VIEW_W = 1400;
const MAP_W = 2000 * COL_W; // 336,000

interface Render {
  window: ColumnWindow | undefined;
  windowOnly: boolean;
  text: boolean;
}

class FakeScheduler implements Scheduler {
  frames: (() => void)[] = [];
  idles: { run: (deadline?: IdleBudget) => void; timeoutMs: number }[] = [];
  frame(run: () => void): void {
    this.frames.push(run);
  }
  idle(run: (deadline?: IdleBudget) => void, timeoutMs: number): void {
    this.idles.push({ run, timeoutMs });
  }
  runFrame(): void {
    const run = this.frames.shift();
    assert.ok(run, 'a frame was asked for');
    run();
  }
  /** Runs the idle slice asked for, in an idle period with `left` ms left. */
  runIdle(left: number, didTimeout = false): void {
    const slice = this.idles.shift();
    assert.ok(slice, 'an idle slice was asked for');
    assert.strictEqual(slice.timeoutMs, IDLE_TIMEOUT_MS);
    slice.run({ timeRemaining: () => left, didTimeout });
  }
  /** Runs idle slices until none is asked for; returns how many ran. */
  settle(left = 1000): number {
    let n = 0;
    while (this.idles.length) {
      assert.ok(++n < 100, 'the window settles');
      this.runIdle(left);
    }
    return n;
  }
}

function setup(costMs = 0) {
  const clock = { t: 0, now: () => clock.t };
  const renders: Render[] = [];
  const map = { far: false, redrawn: 0, settled: [] as boolean[] };
  const surface: MapSurface = {
    render: ({ window, windowOnly, text }) => {
      renders.push({ window: window && { ...window }, windowOnly: windowOnly === true, text });
      clock.t += costMs;
      return { width: MAP_W };
    },
    setFar: (on) => void (map.far = on),
    windowRedrawn: () => void map.redrawn++,
    settled: (done) => void map.settled.push(done),
  };
  const scheduler = new FakeScheduler();
  const columns = new ColumnWindows(surface, scheduler, clock);
  columns.resize(VIEW_W);
  /** The view whose left edge is at map x `left`, at scale k. */
  const at = (left: number, k = 1): View => ({ k, x: -left * k });
  return { clock, renders, map, scheduler, columns, at, last: () => renders[renders.length - 1] };
}

describe('column window (webview/src/columnWindow.ts)', () => {
  it('a map drawn whole: one render of every column, nothing scheduled, no frame on pan or zoom', () => {
    const { renders, scheduler, columns, at } = setup();
    columns.draw(at(0), false);
    assert.deepStrictEqual(renders, [{ window: undefined, windowOnly: false, text: true }]);
    assert.strictEqual(columns.drawn, undefined);
    columns.follow(at(5000, 0.5));
    assert.strictEqual(scheduler.frames.length + scheduler.idles.length, 0);
  });

  it('a long journey first draws what the view needs, then idle time draws a screen ahead and stops asking', () => {
    const { renders, scheduler, columns, at, map } = setup();
    columns.draw(at(0), true);
    // The view 0..1400 and a column each side; the render gets it unclipped, the window is clipped to the map.
    assert.deepStrictEqual(renders, [{ window: { x0: -168, x1: 1568 }, windowOnly: false, text: true }]);
    assert.deepStrictEqual(columns.drawn, { x0: 0, x1: 1568 });
    assert.strictEqual(scheduler.idles.length, 1);
    // Wanted: a screen (1,400) each side, within 100 columns: 0..2800. 40 ms left: a quarter of it
    // at 1 ms a column is 10 columns a side (1,680 px), so one slice gets there.
    scheduler.runIdle(40);
    assert.deepStrictEqual(renders[1], { window: { x0: 0, x1: 2800 }, windowOnly: true, text: true });
    assert.strictEqual(map.redrawn, 1, 'the page re-applies its highlight to the columns drawn anew');
    // The next slice finds nothing to do and asks for no more.
    scheduler.runIdle(40);
    assert.strictEqual(renders.length, 2);
    assert.strictEqual(scheduler.idles.length, 0);
  });

  it('slices fit their idle period: as many columns as a quarter of the time left allows at the measured cost, 2 to 48 a side', () => {
    // Each render takes 12 ms on the clock. Zoomed out to 0.05 (text hidden) at column 1000
    // (x 168,000): the view spans 28,000; the need is 167,832..196,168; the cap of 400 columns
    // (67,200) leaves a margin of 19,600 a side.
    const { renders, scheduler, columns, at } = setup(12);
    const v = at(168000, 0.05);
    columns.follow(v);
    columns.draw(v, true);
    assert.deepStrictEqual(columns.drawn, { x0: 167832, x1: 196168 });
    assert.strictEqual(renders[0].text, false, 'drawn without text below FAR_SCALE');
    // 8 ms left at 1 ms a column: floor(8 / 4 / 1) = 2 a side (336 px).
    scheduler.runIdle(8);
    assert.deepStrictEqual(columns.drawn, { x0: 167496, x1: 196504 });
    // That slice drew 4 columns in 12 ms: the estimate moves to 0.7 x 1 + 0.3 x 3 = 1.6 ms a column,
    // so 40 ms left gives floor(10 / 1.6) = 6 a side (1,008 px), not the 10 of a fresh estimate.
    scheduler.runIdle(40);
    assert.deepStrictEqual(columns.drawn, { x0: 166488, x1: 197512 });
    // A long idle period is capped at 48 a side (8,064 px).
    scheduler.runIdle(1000);
    assert.deepStrictEqual(columns.drawn, { x0: 158424, x1: 205576 });
    // An idle period nearly spent draws nothing and waits for the next one...
    const before = renders.length;
    scheduler.runIdle(5);
    assert.strictEqual(renders.length, before);
    assert.strictEqual(scheduler.idles.length, 1);
    // ...unless it timed out: then at least 2 a side.
    scheduler.runIdle(0, true);
    assert.deepStrictEqual(columns.drawn, { x0: 158088, x1: 205912 });
    // Settled: exactly the wanted window, 400 columns.
    scheduler.settle();
    assert.deepStrictEqual(columns.drawn, { x0: 148400, x1: 215600 });
    assert.strictEqual((215600 - 148400) / COL_W, MAX_COLUMNS_FAR);
    assert.ok(renders.slice(1).every((r) => r.windowOnly && !r.text));
  });

  it('a pan inside the drawn columns asks for no frame; past them, one frame draws the need plus what is drawn and still wanted', () => {
    const { renders, scheduler, columns, at } = setup();
    columns.draw(at(0), true);
    scheduler.settle();
    assert.deepStrictEqual(columns.drawn, { x0: 0, x1: 2800 });
    columns.follow(at(1000));
    assert.strictEqual(scheduler.frames.length, 0, 'the need 832..2568 is drawn');
    columns.follow(at(2000));
    columns.follow(at(2100));
    assert.strictEqual(scheduler.frames.length, 1, 'one frame, however many moves before it');
    const before = renders.length;
    scheduler.runFrame();
    // For the view where it is by then (2,100): need 1,932..3,668; wanted 700..4,900; drawn 0..2,800
    // overlaps, so it keeps 700..2,800 and adds the rest of the need.
    assert.deepStrictEqual(columns.drawn, { x0: 700, x1: 3668 });
    assert.deepStrictEqual(renders.slice(before), [{ window: { x0: 700, x1: 3668 }, windowOnly: true, text: true }]);
    // Idle time then draws ahead to the wanted window.
    scheduler.settle();
    assert.deepStrictEqual(columns.drawn, { x0: 700, x1: 4900 });
  });

  it('a jump far away starts afresh from the need, and idle time drops what went far behind', () => {
    const { scheduler, columns, at } = setup();
    columns.draw(at(0), true);
    scheduler.settle();
    columns.follow(at(100000));
    scheduler.runFrame();
    assert.deepStrictEqual(columns.drawn, { x0: 99832, x1: 101568 });
    // At 0.5 from 168,000: span 2,800, wanted 165,200..173,600 (a screen each side).
    columns.follow(at(168000, 0.5));
    scheduler.runFrame();
    scheduler.settle();
    assert.deepStrictEqual(columns.drawn, { x0: 165200, x1: 173600 });
    // Zooming in to 1 at the same left edge: the need is drawn (no frame); wanted is now
    // 166,600..170,800, and one slice drops the rest.
    columns.follow(at(168000, 1));
    assert.strictEqual(scheduler.frames.length, 0);
    scheduler.runIdle(1000);
    assert.deepStrictEqual(columns.drawn, { x0: 166600, x1: 170800 });
    assert.strictEqual((170800 - 166600) / COL_W, 25, 'the view (8.3 columns) and a screen each side');
  });

  it('with text shown the window is capped at MAX_COLUMNS, the view included', () => {
    const { scheduler, columns, at } = setup();
    // A view 14,000 px wide (83.3 columns) at column 1000: the 16,800 px cap leaves 1,400 a side.
    columns.resize(14000);
    columns.draw(at(168000), true);
    scheduler.settle();
    assert.deepStrictEqual(columns.drawn, { x0: 166600, x1: 183400 });
    assert.strictEqual((183400 - 166600) / COL_W, MAX_COLUMNS);
  });

  it('below FAR_SCALE text is hidden at once; back above it, the frame shows text and trims the window to the need first', () => {
    const { renders, scheduler, columns, at, map } = setup();
    columns.draw(at(0), true);
    scheduler.settle();
    assert.ok(0.05 < FAR_SCALE);
    columns.follow(at(0, 0.05));
    assert.ok(map.far && columns.textHidden, 'hidden before the frame (this frame lays no text out)');
    scheduler.runFrame();
    // Need at 0.05: 0..28,168 (span 28,000 and a column); drawn bare.
    assert.deepStrictEqual(renders[renders.length - 1], { window: { x0: 0, x1: 28168 }, windowOnly: true, text: false });
    scheduler.settle();
    columns.follow(at(0, 1));
    assert.ok(map.far, 'text comes back with the frame, not before');
    scheduler.runFrame();
    assert.ok(!map.far && !columns.textHidden);
    // Trimmed to the need 0..1,568 before any column gets its text.
    assert.deepStrictEqual(renders[renders.length - 1], { window: { x0: 0, x1: 1568 }, windowOnly: true, text: true });
    assert.deepStrictEqual(columns.drawn, { x0: 0, x1: 1568 });
  });

  it('a map drawn while text was hidden is drawn whole again when text shows (its header could not be fitted)', () => {
    const { renders, scheduler, columns, at } = setup();
    columns.follow(at(0, 0.05));
    columns.draw(at(0, 0.05), true);
    assert.deepStrictEqual(renders, [{ window: { x0: -168, x1: 28168 }, windowOnly: false, text: false }]);
    columns.follow(at(0, 1));
    scheduler.runFrame();
    assert.deepStrictEqual(renders[1], { window: { x0: -168, x1: 1568 }, windowOnly: false, text: true });
    // A short map too: text hidden when zoomed far out, the whole map drawn again with text after.
    const short = setup();
    short.columns.follow(short.at(0, 0.05));
    short.columns.draw(short.at(0, 0.05), false);
    short.columns.follow(short.at(0, 1));
    short.scheduler.runFrame();
    assert.deepStrictEqual(short.renders, [
      { window: undefined, windowOnly: false, text: false },
      { window: undefined, windowOnly: false, text: true },
    ]);
    assert.ok(!short.map.far);
  });

  it('tells the page when the window is all drawn: not while a frame or an idle slice is pending, and once none is', () => {
    const { scheduler, columns, at, map } = setup();
    columns.draw(at(0), true);
    assert.deepStrictEqual(map.settled, [false], 'idle time has a screen to draw ahead');
    assert.strictEqual(columns.settled, false);
    scheduler.settle();
    assert.deepStrictEqual(map.settled, [false, true]);
    assert.strictEqual(columns.settled, true);
    // Far past the drawn columns: a frame, then idle slices, and settled only after the last.
    columns.follow(at(100 * COL_W));
    assert.deepStrictEqual(map.settled, [false, true, false]);
    scheduler.runFrame();
    assert.strictEqual(columns.settled, false, 'after its frame idle time draws ahead again');
    assert.ok(scheduler.settle() > 0);
    assert.deepStrictEqual(map.settled, [false, true, false, true]);
    // A map drawn whole has nothing pending, ever.
    const whole = setup();
    whole.columns.draw(whole.at(0), false);
    whole.columns.follow(whole.at(50 * COL_W));
    assert.deepStrictEqual(whole.map.settled, []);
    assert.strictEqual(whole.columns.settled, true);
  });

  it('an idle slice that finds the view not yet drawn leaves it to the frame', () => {
    const { renders, scheduler, columns, at } = setup();
    columns.draw(at(0), true);
    columns.follow(at(50000));
    const before = renders.length;
    scheduler.runIdle(1000);
    assert.strictEqual(renders.length, before, 'the idle slice drew nothing');
    assert.strictEqual(scheduler.idles.length, 0);
    scheduler.runFrame();
    assert.deepStrictEqual(columns.drawn, { x0: 49832, x1: 51568 });
    assert.strictEqual(scheduler.idles.length, 1, 'the frame asks for idle time again');
  });
});
