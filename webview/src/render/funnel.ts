// The funnel lane per path: each touchpoint's bars show the share of those starting who are
// still in on entering it, along each path through it (model.funnel.paths, core/paths.ts).
// Paths that came the same way so far share one bar (before a branch, every path does); after
// the branch each way has its own, and where branches join, each arrives with its own share.
// Pure, so the layout can size the lane and tests can reason about it.
import type { JourneyModel } from '../../../server/src/core/model';
import { Any, child, El, sel, setTooltip, Sel } from './dom';
import { percent } from './text';

/** Height of one bar's row in the metrics lane. */
export const FUNNEL_ROW = 18;
/** Room on the left of a track for its paths' letters, in a journey of several paths. */
const LETTERS_W = 30;

export interface FunnelBar {
  /** Share of those starting still in on entering the touchpoint, along these paths. */
  share: number;
  /** Indexes into model.funnel.paths of the paths that came this way. */
  paths: number[];
  /** "A", "B, C", "all paths"; empty for a journey of one path. */
  label: string;
}

/** Path names: A, B, C... */
export const pathLetter = (p: number): string => String.fromCharCode(65 + (p % 26));

/** The bars of each touchpoint (by index), in path order; none when no step on any path has a rate. */
export function funnelBars(model: JourneyModel): Map<number, FunnelBar[]> {
  const out = new Map<number, FunnelBar[]>();
  const paths = model.funnel.paths ?? [];
  if (!paths.some((p) => p.measured > 0)) return out;
  const single = paths.length === 1 && !model.funnel.morePaths;
  // One id per distinct way in: (the way to the previous touchpoint, this touchpoint).
  const ids = new Map<string, number>();
  const groups = new Map<number, Map<number, FunnelBar>>();
  paths.forEach((path, p) => {
    let way = -1;
    path.touchpoints.forEach((t, k) => {
      const key = `${way}>${t}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      way = id;
      const at = groups.get(t) ?? new Map<number, FunnelBar>();
      groups.set(t, at);
      const bar = at.get(id);
      if (bar) bar.paths.push(p);
      else at.set(id, { share: path.entering[k], paths: [p], label: '' });
    });
  });
  for (const [t, at] of groups) {
    const bars = [...at.values()];
    for (const b of bars) b.label = single ? '' : b.paths.length === paths.length && !model.funnel.morePaths ? 'all' : lettersOf(b.paths);
    out.set(t, bars);
  }
  return out;
}

/** "A", "A–D" (paths that share a way so far are consecutive: the walk is depth first), else "A, C". */
function lettersOf(paths: number[]): string {
  const contiguous = paths.every((p, i) => i === 0 || p === paths[i - 1] + 1);
  if (paths.length > 2 && contiguous) return `${pathLetter(paths[0])}–${pathLetter(paths[paths.length - 1])}`;
  return paths.map(pathLetter).join(', ');
}

/**
 * A column's funnel (`g.funnel`, or nothing without bars): one row per way in, each a track and
 * a bar centred on `cx`, as wide as its share of `width`; in a journey of several paths the
 * row starts with its paths' letters. Returns the group, for what is drawn after it.
 */
export function drawFunnel(col: Sel, bars: FunnelBar[] | undefined, cx: number, width: number, text: boolean): Element | null {
  if (!bars?.length) {
    col.selectAll('g.funnel').remove();
    return null;
  }
  const g = child(col, 'g', 'funnel');
  const lettered = bars.some((b) => b.label !== '');
  const left = cx - width / 2 + (lettered ? LETTERS_W : 0);
  const w = width - (lettered ? LETTERS_W : 0);
  const mid = left + w / 2;
  g.selectAll<El, Any>('g.funnel-step')
    .data(bars, (b: FunnelBar) => b.paths.join(','))
    .join('g')
    .attr('class', 'funnel-step')
    .attr('data-share', (b: FunnelBar) => b.share.toFixed(4))
    .attr('data-paths', (b: FunnelBar) => (lettered ? b.paths.map(pathLetter).join(' ') : null))
    .attr('transform', (_b: FunnelBar, r: number) => `translate(0,${r * FUNNEL_ROW})`)
    .each(function (b: FunnelBar) {
      const step = sel(this);
      child(step, 'rect', 'funnel-track').attr('x', left).attr('y', 8).attr('width', w).attr('height', 14).attr('rx', 3);
      child(step, 'rect', 'funnel-bar')
        .attr('x', mid - (w * b.share) / 2)
        .attr('y', 8)
        .attr('width', w * b.share)
        .attr('height', 14)
        .attr('rx', 3);
      if (lettered && text)
        child(step, 'text', 'funnel-path')
          .attr('x', cx - width / 2)
          .attr('y', 19)
          .text(b.label);
      else step.selectAll('text.funnel-path').remove();
      const on = !lettered ? '' : b.label === 'all' ? ' (every path)' : ` on path${b.paths.length > 1 ? 's' : ''} ${b.label}`;
      setTooltip(step, `${percent(b.share)} of those starting reach this touchpoint${on}`);
    });
  return g.node() as Element;
}

/** Most bars any touchpoint has: the rows the metrics lane makes room for. */
export function funnelRows(bars: Map<number, FunnelBar[]>): number {
  let rows = 0;
  for (const b of bars.values()) rows = Math.max(rows, b.length);
  return rows;
}

/** The touchpoints a path takes right after each branch, in order. */
export function pathChoices(model: JourneyModel, p: number): number[] {
  const path = model.funnel.paths[p];
  if (!path) return [];
  return path.touchpoints.filter((_t, k) => {
    const from = k > 0 ? model.touchpoints[path.touchpoints[k - 1]] : undefined;
    return from !== undefined && new Set(from.next).size > 1;
  });
}

/** A path in words for the scorecard: the touchpoints it takes after each branch ("via X, then Y"). */
export function pathWords(model: JourneyModel, p: number): string {
  const path = model.funnel.paths[p];
  if (!path) return '';
  const taken = pathChoices(model, p).map((t) => model.touchpoints[t]?.name ?? '?');
  const last = model.touchpoints[path.touchpoints[path.touchpoints.length - 1]];
  return taken.length ? `via ${taken.join(', then ')}` : `to ${last?.name ?? '?'}`;
}
