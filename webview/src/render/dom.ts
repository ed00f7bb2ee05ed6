// Small d3 helpers that make every lane an in-place update: a child is found again by its
// class on the next render instead of being recreated, so focus, hover and transitions survive.
import { select, Selection } from 'd3-selection';
import { wrapText } from './text';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Lanes bind many datum shapes; joins are typed loosely and the lane code types its callbacks.
export type Sel = Selection<any, any, any, any>;
export type Any = any;
export type El = any;

export function sel(node: unknown): Sel {
  return select(node as Element);
}

/** The direct child `<tag class="cls">` of the selection's node, created when missing. */
export function child(parent: Sel, tag: string, cls: string): Sel {
  const node = parent.node() as Element;
  const key = cls.split(' ')[0];
  for (let c = node.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === tag && c.classList.contains(key)) return select(c);
  }
  return parent.append(tag).attr('class', cls);
}

/**
 * `child`, but a missing child is inserted right after `after` (first when null) instead of at
 * the end: a column drawn bare and filled in later keeps the order a fresh one has.
 */
export function childAfter(parent: Sel, tag: string, cls: string, after: Element | null): Sel {
  const node = parent.node() as Element;
  const key = cls.split(' ')[0];
  for (let c = node.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === tag && c.classList.contains(key)) return select(c);
  }
  return parent.insert(tag, () => (after ? after.nextSibling : node.firstChild) as Element).attr('class', cls);
}

/** Removes the direct child `<tag class="cls">` if present (a lane item that no longer applies). */
export function dropChild(parent: Sel, tag: string, cls: string): void {
  const node = parent.node() as Element;
  for (let c = node.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === tag && c.classList.contains(cls)) {
      c.remove();
      return;
    }
  }
}

/** Writes wrapped lines as tspans (text only, never markup). */
export function setLines(text: Sel, lines: string[], x: number, lineHeight: number): void {
  text
    .selectAll<El, Any>('tspan')
    .data(lines)
    .join('tspan')
    .attr('x', x)
    .attr('dy', (_: string, i: number) => (i === 0 ? 0 : lineHeight))
    .text((d: string) => d);
}

/** A `<title>` tooltip with the full text, or none. */
export function setTooltip(parent: Sel, text: string | null): void {
  if (text === null) dropChild(parent, 'title', 'tip');
  else child(parent, 'title', 'tip').text(text);
}

/** Unique, stable join keys from ids that a broken file may repeat. */
export function uniqueKeys(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}#${n}`;
  });
}

export interface FitOptions {
  x: number;
  width: number;
  size: number;
  maxLines: number;
  lineHeight: number;
  bold?: boolean;
}

/**
 * Wraps `full` into at most `maxLines` tspans that fit `width`, ending with "…" when cut.
 * The wrap is first estimated from character counts (all the CLI's DOM can do); where the
 * text can be measured (a browser), lines wider than `width` in the real font are wrapped
 * again to a narrower budget, so a wide font never pushes a name past its card.
 * Returns whether the text was cut (the caller then adds the full text as a tooltip).
 */
export function fitLines(text: Sel, full: string, o: FitOptions): boolean {
  return fitAllLines([{ text, full, o }])[0];
}

/**
 * `fitLines` for many texts at once: every estimate is written first, then all are measured
 * together, so a round costs one layout instead of one per text (a window of columns fits its
 * names in one or two layouts, not hundreds).
 */
export function fitAllLines(texts: { text: Sel; full: string; o: FitOptions }[]): boolean[] {
  // A text element this function already fitted to the same words and options, still holding
  // that fit, is left as it is: an update that redraws a column or the header with the same
  // names measures nothing (each measure is a layout of the page).
  const keys = texts.map(({ full, o }) => JSON.stringify([full, o.x, o.width, o.size, o.maxLines, o.lineHeight, !!o.bold]));
  const kept = texts.map(({ text }, i) => {
    const f = fitted.get(text.node() as Element);
    return f !== undefined && f.key === keys[i] && sameLines(text.node() as Element, f.lines) ? f : undefined;
  });
  const state = texts.map(({ text, full, o }, i) => {
    const k = kept[i];
    if (k) return { budget: o.width, w: { lines: k.lines, truncated: k.truncated } };
    const w = wrapText(full, o.width, o.size, o.maxLines, o.bold);
    setLines(text, w.lines, o.x, o.lineHeight);
    return { budget: o.width, w };
  });
  let todo = texts.flatMap((_t, i) => (kept[i] ? [] : [i]));
  for (let tries = 0; tries < 4 && todo.length; tries++) {
    // Read every width before writing any, so the layout is computed once for the round.
    const widest = todo.map((i) => widestLine(texts[i].text));
    const next: number[] = [];
    todo.forEach((i, k) => {
      const { text, full, o } = texts[i];
      // -1: the DOM cannot measure; 0: not laid out (detached or hidden); nothing to correct.
      if (widest[k] <= 0 || widest[k] <= o.width + 0.5) return;
      const s = state[i];
      s.budget = Math.max(o.size * 2, (s.budget * o.width) / widest[k] - 2);
      s.w = wrapText(full, s.budget, o.size, o.maxLines, o.bold);
      setLines(text, s.w.lines, o.x, o.lineHeight);
      next.push(i);
    });
    todo = next;
  }
  texts.forEach(({ text }, i) => {
    if (!kept[i]) fitted.set(text.node() as Element, { key: keys[i], lines: state[i].w.lines, truncated: state[i].w.truncated });
  });
  return state.map((s) => s.w.truncated);
}

/** The element's tspans hold exactly `lines` (what setLines wrote). */
function sameLines(el: Element, lines: string[]): boolean {
  let i = 0;
  for (const c of Array.from(el.children)) {
    if (c.localName !== 'tspan') continue;
    if (i >= lines.length || c.textContent !== lines[i]) return false;
    i++;
  }
  return i === lines.length;
}

/** Per text element, the words and options fitAllLines last fitted it to, and the lines it chose. */
const fitted = new WeakMap<Element, { key: string; lines: string[]; truncated: boolean }>();

/** The widest tspan of a text in the real font, or -1 where the DOM cannot measure. */
function widestLine(text: Sel): number {
  let widest = 0;
  for (const c of Array.from((text.node() as Element).children)) {
    if (c.localName !== 'tspan') continue;
    const s = c as Element & { getComputedTextLength?: () => number };
    if (typeof s.getComputedTextLength !== 'function') return -1;
    widest = Math.max(widest, s.getComputedTextLength());
  }
  return widest;
}

/** The rendered width of a text where the DOM can measure it, else the estimate. */
export function measuredWidth(text: Sel, estimate: number): number {
  const node = text.node() as Element & { getComputedTextLength?: () => number };
  const w = typeof node.getComputedTextLength === 'function' ? node.getComputedTextLength() : 0;
  return w > 0 ? w : estimate;
}
