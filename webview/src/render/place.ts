// Place, then nudge: labels that would land on one another move apart, a step at a time, to
// the nearest free spot inside their bounds. Pure geometry on estimated boxes (the estimate of
// text.ts is generous, so the real glyphs fit inside), the same in the browser and the CLI.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  /** Preferred box (top-left corner and size). */
  box: Box;
  /** Which way to try first: 1 down, -1 up. */
  dir: 1 | -1;
  /** Where the label may go instead when its side has no room: a box to the left of its point. */
  alt?: Box;
}

export function intersects(a: Box, b: Box, pad = 1): boolean {
  return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
}

/**
 * Boxes for the labels, in order: each the nearest (in steps of its height) to its preferred
 * spot that stays inside `bounds` and meets no box placed before it nor any of `fixed`.
 */
export function placeLabels(requests: LabelRequest[], bounds: Box, fixed: Box[] = []): Box[] {
  const placed: Box[] = [...fixed];
  const inside = (b: Box) =>
    b.x >= bounds.x && b.x + b.width <= bounds.x + bounds.width && b.y >= bounds.y && b.y + b.height <= bounds.y + bounds.height;
  return requests.map((r) => {
    const starts = [r.box, ...(r.alt ? [r.alt] : [])];
    for (let k = 0; k < 24; k++) {
      // 0, +1, -1, +2, -2...: the preferred direction first.
      const step = k === 0 ? 0 : (k % 2 === 1 ? r.dir : -r.dir) * Math.ceil(k / 2);
      for (const s of starts) {
        const b = { ...s, y: s.y + step * (s.height + 1) };
        if (inside(b) && !placed.some((p) => intersects(p, b))) {
          placed.push(b);
          return b;
        }
      }
    }
    placed.push(r.box);
    return r.box;
  });
}
