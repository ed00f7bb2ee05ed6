// The column window of a long journey's map: which x range of the map has its columns in the
// DOM, and when to draw more. Past WINDOWED_AFTER touchpoints only the columns near the view are
// drawn. A frame draws what its view needs and no more (only the columns entering: the others
// stay as drawn); idle time then draws ahead, a slice at a time, up to a screen on each side
// (what the next pan or zoom-out step brings in), and drops what is far behind.
//
// A zoom step re-lays out every displayed text (SVG text is laid out at its on-screen size), so
// the text drawn is what a step costs: the window is capped, and below FAR_SCALE, where the map's
// text is under a pixel high, text is not displayed (class `far` on the map) and columns are
// drawn without it ("bare"); they get it when text shows again.
//
// The class touches neither the DOM nor the browser's timers: it is handed the map (`MapSurface`:
// draw, hide text), a `Scheduler` (frames, idle periods) and a `Clock`, so unit tests drive it
// with fakes (test/unit/columnWindow.test.ts); `main.ts` hands it the real ones.
import type { ColumnWindow } from './render/journey';
import { COL_W } from './render/layout';

/** Past this many touchpoints a journey's map keeps a window of columns. */
export const WINDOWED_AFTER = 300;
/** Columns kept drawn at most, view included (unless the view alone shows more): text shown... */
export const MAX_COLUMNS = 100;
/** ...and with text hidden (FAR_SCALE), where a column costs a fraction. */
export const MAX_COLUMNS_FAR = 400;
/** Below this scale the map's largest text (14 px) is under a pixel high. */
export const FAR_SCALE = 1 / 14;
/** An idle slice draws at most this share of what its idle period has left (the rest is for laying out and painting, on two sides). */
export const IDLE_SHARE_PER_SIDE = 1 / 4;
/** Columns an idle slice draws on each side: at least (even when columns seemed slow)... */
export const MIN_SLICE_COLUMNS = 2;
/** ...and at most. */
export const MAX_SLICE_COLUMNS = 48;
/** Dropping columns far behind is cheap: a slice drops this many times what it would draw. */
export const DROP_FACTOR = 4;
/** An idle period with less than this many milliseconds left is skipped (unless it timed out). */
export const MIN_IDLE_MS = 6;
/** The budget of a slice run without an idle deadline (a scheduler without idle callbacks). */
export const NO_DEADLINE_BUDGET_MS = 10;
/** The cost per column first assumed, in milliseconds... */
export const INITIAL_MS_PER_COLUMN = 1;
/** ...and the weight each slice's measured cost gets in the running estimate. */
export const COST_WEIGHT = 0.3;
/** An idle slice runs by then even if the page is never idle. */
export const IDLE_TIMEOUT_MS = 1000;

/** The zoom transform: map x → screen x is x * k + x offset. */
export interface View {
  k: number;
  x: number;
}

/** What `IdleDeadline` gives a slice. */
export interface IdleBudget {
  timeRemaining(): number;
  didTimeout: boolean;
}

export interface Scheduler {
  /** Runs `run` before the next frame is painted (requestAnimationFrame). */
  frame(run: () => void): void;
  /** Runs `run` in an idle period (without one: as soon as it can), by `timeoutMs` at the latest. */
  idle(run: (deadline?: IdleBudget) => void, timeoutMs: number): void;
}

export interface Clock {
  now(): number;
}

export interface MapSurface {
  /**
   * Draws the map: only the columns in `window` (all without one); `windowOnly`: the same model, only the window moved;
   * `patch`: the same drawn model patched by a diff. Returns the map's width.
   */
  render(options: { window: ColumnWindow | undefined; windowOnly?: true; patch?: true; text: boolean }): { width: number };
  /** Shows or hides the map's text (class `far`). */
  setFar(on: boolean): void;
  /** After the window moved: columns drawn anew need what the page adds (the highlight). */
  windowRedrawn(): void;
  /**
   * `false` when a frame or an idle slice is asked for, `true` once none is left: the window holds
   * all its view wants (the page marks it for tests and screenshots, which wait for it).
   */
  settled(done: boolean): void;
}

/** The browser's scheduler: animation frames and idle callbacks (timers where there are none). */
export function browserScheduler(): Scheduler {
  /** Without requestIdleCallback, a slice waits this long. */
  const NO_IDLE_CALLBACK_DELAY_MS = 50;
  return {
    frame: (run) => void requestAnimationFrame(() => run()),
    idle: (run, timeout) => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback((d) => run(d), { timeout });
      else setTimeout(() => run(), NO_IDLE_CALLBACK_DELAY_MS);
    },
  };
}

export class ColumnWindows {
  /** The x range of the map whose columns are in the DOM (clipped to the map); none for a map drawn whole. */
  private drawnWindow: ColumnWindow | undefined;
  /** Text is hidden (the view is below FAR_SCALE). */
  private far = false;
  /** A full render ran while text was hidden (the header's text could not be fitted): redo it when text shows. */
  private drawnFar = false;
  private framePending = false;
  private idlePending = false;
  /** What `surface.settled` was last told. */
  private toldSettled = true;
  /** Milliseconds the last idle slices spent per column they drew (so a slice fits its idle period). */
  private msPerColumn = INITIAL_MS_PER_COLUMN;
  private view: View = { k: 1, x: 0 };
  private viewWidth = 1;
  private mapWidth = 0;
  private windowed = false;

  constructor(
    private readonly surface: MapSurface,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
  ) {}

  /** The x range drawn (undefined: the whole map). */
  get drawn(): ColumnWindow | undefined {
    return this.drawnWindow && { ...this.drawnWindow };
  }

  get textHidden(): boolean {
    return this.far;
  }

  /** No frame and no idle slice pending: the window holds all its view wants. */
  get settled(): boolean {
    return !this.framePending && !this.idlePending;
  }

  /** The map's width on screen (read when it can change, never while zooming: it forces a layout). */
  resize(viewWidth: number): void {
    this.viewWidth = Math.max(1, viewWidth);
  }

  /** Draws a model afresh at `view`: a windowed one, what the view needs (idle time draws the rest ahead). */
  draw(view: View, windowed: boolean): void {
    this.view = view;
    this.windowed = windowed;
    this.drawAll();
    this.tellSettled();
  }

  /**
   * Draws the drawn model patched by a diff (an edit): the columns drawn stay drawn (when they
   * still cover what the view needs and the text is as it was) and only those whose data changed
   * are drawn again; otherwise as `draw`.
   */
  patch(view: View, windowed: boolean): void {
    this.view = view;
    const keep = windowed && this.windowed && this.drawnWindow !== undefined && this.covered() && this.drawnFar === this.far;
    this.windowed = windowed;
    if (!keep) {
      const w = windowed ? this.neededWindow() : undefined;
      this.mapWidth = this.surface.render({ window: w, patch: true, text: !this.far }).width;
      this.drawnWindow = w && this.clip(w);
      this.drawnFar = this.far;
    } else {
      const w = this.drawnWindow as ColumnWindow;
      this.mapWidth = this.surface.render({ window: w, patch: true, text: !this.far }).width;
      this.drawnWindow = this.clip(w);
    }
    this.scheduleIdle();
    this.tellSettled();
  }

  /** The view moved (zoom, pan, resize, an edit): asks for the frame that draws what it lacks. */
  follow(view: View): void {
    this.view = view;
    // Hiding text is cheap and spares this very frame laying it out at the new scale; showing it
    // again waits for the frame (redrawForView), after the window is trimmed.
    if (view.k < FAR_SCALE && !this.far) this.setFar(true);
    if ((this.drawnWindow && !this.covered()) || (this.far && view.k >= FAR_SCALE)) {
      if (!this.framePending) {
        // Once per frame at most, before it is painted, for wherever the view is by then.
        this.framePending = true;
        this.scheduler.frame(() => (this.redrawForView(), this.tellSettled()));
      }
    } else this.scheduleIdle();
    this.tellSettled();
  }

  private tellSettled(): void {
    if (this.settled === this.toldSettled) return;
    this.toldSettled = this.settled;
    this.surface.settled(this.settled);
  }

  private drawAll(): void {
    const window = this.windowed ? this.neededWindow() : undefined;
    this.mapWidth = this.surface.render({ window, text: !this.far }).width;
    this.drawnWindow = window && this.clip(window);
    this.drawnFar = this.far;
    this.scheduleIdle();
  }

  /** Moves the drawn window (same model): only the columns it brings in (or drawn bare) are drawn. */
  private redrawWindow(w: ColumnWindow): void {
    this.drawnWindow = w;
    this.mapWidth = this.surface.render({ window: w, windowOnly: true, text: !this.far }).width;
    this.surface.windowRedrawn();
  }

  private setFar(on: boolean): void {
    this.far = on;
    this.surface.setFar(on);
  }

  private clip(w: ColumnWindow): ColumnWindow {
    return { x0: Math.max(0, w.x0), x1: Math.min(this.mapWidth, w.x1) };
  }

  /** What a frame must show: the view and a column on each side (where arrow keys go next). */
  private neededWindow(): ColumnWindow {
    const t = this.view;
    return { x0: -t.x / t.k - COL_W, x1: (this.viewWidth - t.x) / t.k + COL_W };
  }

  /** What idle time draws ahead: the view and up to a screen on each side, within the cap. */
  private wantedWindow(): ColumnWindow {
    const t = this.view;
    const x0 = -t.x / t.k;
    const span = this.viewWidth / t.k;
    const cap = (t.k < FAR_SCALE ? MAX_COLUMNS_FAR : MAX_COLUMNS) * COL_W;
    const margin = Math.max(COL_W, Math.min(span, (cap - span) / 2));
    return this.clip({ x0: x0 - margin, x1: x0 + span + margin });
  }

  private covered(): boolean {
    const need = this.clip(this.neededWindow());
    const d = this.drawnWindow;
    return !d || (d.x0 <= need.x0 && d.x1 >= need.x1);
  }

  /**
   * Before the frame that shows a view the drawn columns do not cover: what the view needs, plus
   * what is drawn already and still wanted (nothing is redrawn; a jump far away starts afresh).
   * Text coming back (zooming in past FAR_SCALE) first drops every column the view does not need,
   * so only those get and lay out their text.
   */
  private redrawForView(): void {
    this.framePending = false;
    const near = this.far && this.view.k >= FAR_SCALE;
    if (near) this.setFar(false);
    if (near && this.drawnFar) this.drawAll();
    else if (this.drawnWindow && (near || !this.covered())) {
      const need = this.clip(this.neededWindow());
      const want = this.wantedWindow();
      const d = this.drawnWindow;
      const overlaps = d.x1 >= need.x0 && d.x0 <= need.x1;
      this.redrawWindow(
        overlaps && !near ? { x0: Math.min(need.x0, Math.max(d.x0, want.x0)), x1: Math.max(need.x1, Math.min(d.x1, want.x1)) } : need,
      );
    }
    this.scheduleIdle();
  }

  /**
   * In idle time, a slice at a time: drops columns far from the view, draws those near it, as
   * many as its share of the idle period left allows.
   */
  private idleSlice(deadline?: IdleBudget): void {
    this.idlePending = false;
    if (!this.drawnWindow || !this.covered() || this.far !== this.view.k < FAR_SCALE) return;
    const budget = deadline ? deadline.timeRemaining() : NO_DEADLINE_BUDGET_MS;
    // Too little of this idle period left: wait for the next one.
    if (deadline && !deadline.didTimeout && budget < MIN_IDLE_MS) return this.scheduleIdle();
    const perSide = Math.max(MIN_SLICE_COLUMNS, Math.min(MAX_SLICE_COLUMNS, Math.floor((budget * IDLE_SHARE_PER_SIDE) / this.msPerColumn)));
    const want = this.wantedWindow();
    const d = this.drawnWindow;
    const step = perSide * COL_W;
    const drop = DROP_FACTOR * step;
    const x0 = d.x0 < want.x0 ? Math.min(want.x0, d.x0 + drop) : Math.max(want.x0, d.x0 - step);
    const x1 = d.x1 > want.x1 ? Math.max(want.x1, d.x1 - drop) : Math.min(want.x1, d.x1 + step);
    if (x0 === d.x0 && x1 === d.x1) return;
    const added = (Math.max(0, d.x0 - x0) + Math.max(0, x1 - d.x1)) / COL_W;
    const t0 = this.clock.now();
    this.redrawWindow({ x0, x1 });
    if (added >= 1) this.msPerColumn = (1 - COST_WEIGHT) * this.msPerColumn + (COST_WEIGHT * (this.clock.now() - t0)) / added;
    this.scheduleIdle();
  }

  private scheduleIdle(): void {
    if (this.idlePending || !this.drawnWindow) return;
    this.idlePending = true;
    this.scheduler.idle((deadline) => (this.idleSlice(deadline), this.tellSettled()), IDLE_TIMEOUT_MS);
  }
}
