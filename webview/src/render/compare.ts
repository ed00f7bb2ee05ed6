// Compare mode: another version of the journey (its text at a git ref, or its as-is) drawn over
// the map as it stands. The other version's curves as faint dashed lines, a delta badge on each
// friction and money cell that changed, the touchpoints added marked on their cards and those
// removed marked where they stood; the headline (money at risk and score, before and after) is
// `compareHeadline`. Figures come from core/compare.ts, as `journeymap diff` reports them. Drawn
// into groups of its own after every render, so the lanes need not know about it.
import { curveMonotoneX, line } from 'd3-shape';
import { compareJourneys, JourneyDiff } from '../../../server/src/core/compare';
import { JourneyModel, ownValue, TouchpointModel } from '../../../server/src/core/model';
import { formatMoney } from '../../../server/src/core/scores';
import { child, sel, Any, El, setTooltip, Sel } from './dom';
import { drawnLayout, emotionY } from './journey';
import { CARD_W, COL_W } from './layout';
import { personaColor, personaLabel } from './personas';

const INSET = (COL_W - CARD_W) / 2;
const CX = COL_W / 2;

/** Friction is shown with two decimals: a change below that is no change on the map. */
const round2 = (x: number) => Math.round(x * 100) / 100;

const byId = (m: JourneyModel): Map<string, TouchpointModel> => {
  const out = new Map<string, TouchpointModel>();
  for (const t of m.touchpoints) if (!out.has(t.id)) out.set(t.id, t);
  return out;
};

/** "+0.12" / "−0.08" (a true minus sign). */
function signedFixed(x: number): string {
  const s = Math.abs(x).toFixed(2);
  return x > 0 ? `+${s}` : `−${s}`;
}

/** "+EUR 12k" / "−EUR 3k". */
function signedMoney(x: number, currency?: string): string {
  return `${x > 0 ? '+' : '−'}${formatMoney(Math.abs(x), currency)}`;
}

export interface FrictionDelta {
  index: number;
  before: number;
  after: number;
}
export interface MoneyDelta {
  index: number;
  before: number | null;
  after: number | null;
}

/** What the overlay marks on each column: friction and money that changed, by the current touchpoint. */
export function cellDeltas(current: JourneyModel, other: JourneyModel): { friction: FrictionDelta[]; money: MoneyDelta[] } {
  const old = byId(other);
  const friction: FrictionDelta[] = [];
  const money: MoneyDelta[] = [];
  const seen = new Set<string>();
  for (const t of current.touchpoints) {
    const o = old.get(t.id);
    if (!o || seen.has(t.id)) continue;
    seen.add(t.id);
    if (t.friction !== null && o.friction !== null && round2(t.friction) !== round2(o.friction))
      friction.push({ index: t.index, before: o.friction, after: t.friction });
    // Money stands on hotspot cells only (journey.ts): a delta where either version has a hotspot.
    const hot = t.hotspotRank !== null || o.hotspotRank !== null;
    if (
      hot &&
      (t.revenueAtRisk !== null || o.revenueAtRisk !== null) &&
      Math.round(t.revenueAtRisk ?? 0) !== Math.round(o.revenueAtRisk ?? 0)
    ) {
      money.push({ index: t.index, before: o.revenueAtRisk, after: t.revenueAtRisk });
    }
  }
  return { friction, money };
}

/**
 * Draws the overlay of `other` on the map of `current` last drawn into `svgNode` (call it after
 * every render). Returns the diff it drew, or null when `svgNode` holds no journey.
 */
export function drawCompare(svgNode: Element, current: JourneyModel, other: JourneyModel, label: string): JourneyDiff | null {
  const layout = drawnLayout(svgNode);
  const svg = sel(svgNode);
  const viewport = svg.select<El>('g.map-viewport');
  const lane = viewport.select<El>('g.lane-emotion');
  if (!layout || viewport.empty() || lane.empty()) return null;
  const diff = compareJourneys(other, current);
  const x = (i: number) => (layout.columnX[i] ?? 0) + CX;

  // ---- The other version's curves, faint, under the current ones ----
  let curves = lane.select<El>('g.compare-curves');
  if (curves.empty()) curves = lane.insert('g', 'g.curves').attr('class', 'compare-curves');
  const now = byId(current);
  const y = emotionY(current, layout);
  const series = other.personas.map((p, i) => {
    const mine = current.personas.findIndex((q) => q.id === p.id);
    const color = mine >= 0 ? personaColor(current.personas[mine], mine) : personaColor(p, i);
    const points: [number, number][] = [];
    for (const t of other.touchpoints) {
      const v = ownValue(t.emotionByPersona, p.id);
      const at = now.get(t.id);
      if (v !== undefined && at) points.push([x(at.index), y(v)]);
    }
    points.sort((a, b) => a[0] - b[0]);
    return { p, color, points };
  });
  const path = line().curve(curveMonotoneX);
  curves
    .selectAll<El, Any>('g.compare-series')
    .data(series, (d: { p: { id: string } }) => d.p.id)
    .join('g')
    .attr('class', 'compare-series')
    .attr('data-persona', (d) => d.p.id)
    .each(function (d) {
      const g = sel(this);
      child(g, 'path', 'compare-curve')
        .attr('d', d.points.length > 1 ? path(d.points) : null)
        .attr('stroke', d.color)
        .attr('data-persona', d.p.id)
        .attr('data-points', d.points.length);
      setTooltip(g, `${personaLabel(d.p)} in ${label}`);
      g.selectAll<El, Any>('circle.compare-point')
        .data(d.points)
        .join('circle')
        .attr('class', 'compare-point')
        .attr('cx', (q: [number, number]) => q[0])
        .attr('cy', (q: [number, number]) => q[1])
        .attr('r', 3)
        .attr('stroke', d.color);
    });

  // ---- Badges and marks, over everything else ----
  const overlay = child(viewport, 'g', 'compare-overlay').attr('data-label', label);
  // Lanes drawn after the first render (a lane that appears) must not cover it: last again.
  (viewport.node() as Element).appendChild(overlay.node() as Element);
  const fr = layout.lanes.friction;
  const deltas = cellDeltas(current, other);
  badges(
    child(overlay, 'g', 'compare-friction'),
    deltas.friction.map((d) => ({
      key: `f${d.index}`,
      index: d.index,
      kind: 'friction',
      text: signedFixed(round2(d.after) - round2(d.before)),
      worse: d.after > d.before,
      x: (layout.columnX[d.index] ?? 0) + INSET + CARD_W - 4,
      y: fr.y + 10,
      tip: `Friction ${d.before.toFixed(2)} in ${label}, ${d.after.toFixed(2)} now`,
    })),
  );
  badges(
    child(overlay, 'g', 'compare-money'),
    deltas.money.map((d) => {
      const change = (d.after ?? 0) - (d.before ?? 0);
      const fmt = (v: number | null) => (v === null ? 'none' : formatMoney(v, current.currency));
      return {
        key: `m${d.index}`,
        index: d.index,
        kind: 'money',
        text: `${signedMoney(change, current.currency)} at risk`,
        worse: change > 0,
        x: (layout.columnX[d.index] ?? 0) + INSET + CARD_W - 4,
        y: fr.y + fr.height - 20,
        tip: `Revenue at risk here: ${fmt(d.before)} in ${label}, ${fmt(d.after)} now`,
      };
    }),
  );

  // Added: a dashed outline round the card and a "new" tag on it.
  const tp = layout.lanes.touchpoints;
  const added = diff.touchpoints.added.map((r) => now.get(r.id)).filter((t): t is TouchpointModel => !!t);
  child(overlay, 'g', 'compare-added')
    .selectAll<El, Any>('g.compare-mark')
    .data(added, (t: TouchpointModel) => t.id)
    .join('g')
    .attr('class', 'compare-mark added')
    .attr('data-touchpoint-id', (t: TouchpointModel) => t.id)
    .attr('data-touchpoint-index', (t: TouchpointModel) => t.index)
    .attr('transform', (t: TouchpointModel) => `translate(${layout.columnX[t.index] ?? 0},${tp.y})`)
    .each(function (t: TouchpointModel) {
      const g = sel(this);
      child(g, 'rect', 'compare-outline')
        .attr('x', INSET - 3)
        .attr('y', 3)
        .attr('width', CARD_W + 6)
        .attr('height', layout.cardH + 6)
        .attr('rx', 8);
      const tag = child(g, 'g', 'compare-tag').attr('transform', `translate(${INSET + CARD_W - 42},${layout.cardH - 2})`);
      child(tag, 'rect', 'compare-tag-bg').attr('width', 36).attr('height', 15).attr('rx', 7.5);
      child(tag, 'text', 'compare-tag-text').attr('x', 18).attr('y', 11).attr('text-anchor', 'middle').text('new');
      setTooltip(g, `${t.name}: not in ${label}`);
    });

  // Removed: a marker on the boundary where the touchpoint stood, one under another when several.
  const removed = removedPlaces(current, other, diff, layout.columnX);
  child(overlay, 'g', 'compare-removed')
    .selectAll<El, Any>('g.compare-mark')
    .data(removed, (r: RemovedPlace) => r.id)
    .join('g')
    .attr('class', 'compare-mark removed')
    .attr('data-touchpoint-id', (r: RemovedPlace) => r.id)
    .attr('transform', (r: RemovedPlace) => `translate(${r.x},${tp.y})`)
    .each(function (r: RemovedPlace) {
      const g = sel(this);
      child(g, 'line', 'compare-gap')
        .attr('x1', 0)
        .attr('x2', 0)
        .attr('y1', 4)
        .attr('y2', layout.cardH + 8);
      const dot = child(g, 'g', 'compare-gap-mark').attr('transform', `translate(0,${16 + r.slot * 24})`);
      child(dot, 'circle', 'compare-gap-dot').attr('r', 9);
      child(dot, 'text', 'compare-gap-text').attr('y', 4).attr('text-anchor', 'middle').text('−');
      setTooltip(g, `${r.name}: removed since ${label}`);
    });
  return diff;
}

interface Badge {
  key: string;
  index: number;
  kind: 'friction' | 'money';
  text: string;
  worse: boolean;
  x: number;
  y: number;
  tip: string;
}

/** Pills anchored at their right edge: the change, red when it is worse, green when better. */
function badges(g: Sel, data: Badge[]): void {
  g.selectAll<El, Any>('g.compare-delta')
    .data(data, (b: Badge) => b.key)
    .join('g')
    .attr('class', (b: Badge) => `compare-delta ${b.worse ? 'worse' : 'better'}`)
    .attr('data-kind', (b: Badge) => b.kind)
    .attr('data-touchpoint-index', (b: Badge) => b.index)
    .attr('transform', (b: Badge) => `translate(${b.x},${b.y})`)
    .each(function (b: Badge) {
      const pill = sel(this);
      // Text width estimated (no layout read): 6.2 px a character at 10 px bold.
      const w = Math.ceil(b.text.length * 6.2) + 10;
      child(pill, 'rect', 'compare-delta-bg').attr('x', -w).attr('y', 0).attr('width', w).attr('height', 15).attr('rx', 7.5);
      child(pill, 'text', 'compare-delta-text')
        .attr('x', -w / 2)
        .attr('y', 11)
        .attr('text-anchor', 'middle')
        .text(b.text);
      setTooltip(pill, b.tip);
    });
}

interface RemovedPlace {
  id: string;
  name: string;
  x: number;
  /** Several removed at one boundary stack down. */
  slot: number;
}

/**
 * Where each removed touchpoint stood in the current map: after the nearest touchpoint before it
 * (in the other version's order) that is still there, else before the nearest one after it.
 */
function removedPlaces(current: JourneyModel, other: JourneyModel, diff: JourneyDiff, columnX: number[]): RemovedPlace[] {
  const now = byId(current);
  const gone = new Set(diff.touchpoints.removed.map((r) => r.id));
  const order = other.touchpoints;
  const firstX = current.touchpoints.length ? Math.min(...current.touchpoints.map((t) => columnX[t.index] ?? 0)) : 0;
  const out: RemovedPlace[] = [];
  const slots = new Map<number, number>();
  order.forEach((t, i) => {
    if (!gone.has(t.id) || out.some((r) => r.id === t.id)) return;
    let x: number | undefined;
    for (let k = i - 1; k >= 0 && x === undefined; k--) {
      const kept = now.get(order[k].id);
      if (kept) x = (columnX[kept.index] ?? 0) + COL_W;
    }
    for (let k = i + 1; k < order.length && x === undefined; k++) {
      const kept = now.get(order[k].id);
      if (kept) x = columnX[kept.index] ?? 0;
    }
    x ??= firstX;
    const slot = slots.get(x) ?? 0;
    slots.set(x, slot + 1);
    out.push({ id: t.id, name: t.name, x, slot });
  });
  return out;
}

/** Removes the overlay (leaving compare mode). */
export function clearCompare(svgNode: Element): void {
  const svg = sel(svgNode);
  svg.selectAll('g.compare-curves, g.compare-overlay').remove();
}

/** The header line: money at risk at the hotspots and the score, before and after, and what was added and removed. */
export function compareHeadline(diff: JourneyDiff, current: JourneyModel, label: string): string {
  const parts: string[] = [];
  const money = diff.revenueAtRiskAtHotspots;
  const sameCurrency = diff.currency.before === diff.currency.after;
  const fmt = (v: number | null) => (v === null ? 'none' : formatMoney(v, current.currency));
  if (money.before !== null || money.after !== null) {
    const change =
      sameCurrency && money.change !== null
        ? money.change === 0
          ? ' (no change)'
          : ` (${signedMoney(money.change, current.currency)})`
        : '';
    parts.push(
      `revenue at risk at hotspots ${sameCurrency ? fmt(money.before) : `${money.before ?? 'none'} ${diff.currency.before ?? ''}`.trim()}` +
        ` → ${fmt(money.after)}${change}`,
    );
  }
  const score = diff.score;
  if (score.before !== null || score.after !== null) {
    const r = (v: number | null) => (v === null ? 'none' : String(Math.round(v)));
    const change = score.before !== null && score.after !== null ? Math.round(score.after) - Math.round(score.before) : null;
    parts.push(
      `score ${r(score.before)} → ${r(score.after)}` +
        `${change === null ? '' : change === 0 ? ' (no change)' : ` (${change > 0 ? '+' : '−'}${Math.abs(change)})`}`,
    );
  }
  const t = diff.touchpoints;
  const counts = [
    t.added.length ? `${t.added.length} touchpoint${t.added.length === 1 ? '' : 's'} added` : '',
    t.removed.length ? `${t.removed.length} removed (${t.removed.map((r) => r.name).join(', ')})` : '',
  ].filter(Boolean);
  if (counts.length) parts.push(counts.join(', '));
  if (diff.status === 'unchanged') parts.push('no change');
  return `Compared with ${label}: ${parts.join(' · ')}`;
}
