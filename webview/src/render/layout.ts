// Geometry of a journey map: where each stage, column and lane sits. Pure, so the browser
// and the CLI lay a map out identically and tests can reason about positions.
import type { JourneyModel, TouchpointModel } from '../../../server/src/core/model';
import { wrapText } from './text';

export const COL_W = 168;
export const CARD_W = 152;
export const GUTTER = 132; // lane labels
export const PAD = 20;
/** The narrowest map: room for the header's summary cards. */
export const MIN_WIDTH = 1240;
/** Past this many touchpoints, detail lanes show counts instead of text to keep the DOM lean. */
export const COMPACT_AFTER = 300;

export type LaneName = 'stages' | 'touchpoints' | 'emotion' | 'friction' | 'pain' | 'opportunities' | 'backstage' | 'metrics';

export const LANE_TITLES: Record<LaneName, string> = {
  stages: 'Stages',
  touchpoints: 'Touchpoints',
  emotion: 'Emotion',
  friction: 'Friction',
  pain: 'Pain points',
  opportunities: 'Opportunities',
  backstage: 'Backstage',
  metrics: 'Metrics',
};

export interface Lane {
  name: LaneName;
  y: number;
  height: number;
}

/** A column slot: a touchpoint, or the placeholder of an empty stage. */
export interface Slot {
  x: number;
  touchpoint: number | null;
  stage: number;
}

export interface JourneyLayout {
  compact: boolean;
  /** Lines every touchpoint card has room for (the longest name's, capped). */
  nameLines: number;
  /** Height of a touchpoint card (the touchpoint lane adds the flow band below it). */
  cardH: number;
  /** Successors drawn between columns, when the journey says `next` anywhere. */
  flow: FlowEdge[];
  width: number;
  height: number;
  headerHeight: number;
  lanes: Record<LaneName, Lane>;
  laneOrder: LaneName[];
  slots: Slot[];
  /** Left x of each touchpoint's column, by touchpoint index. */
  columnX: number[];
  stageSpan: { x: number; width: number }[];
  /** Y of the line of visibility. */
  visibilityY: number;
}

export const TEXT = {
  name: { size: 12, lines: 3, bold: true },
  item: { size: 11, lines: 3 },
  backstage: { size: 10, lines: 2 },
};
export const LINE_H = 14;
/** Width a touchpoint name wraps to inside its card. */
export const NAME_W = CARD_W - 26;

/** Lines a list of items takes in a column (wrapped, capped), for the lane's height. */
export function itemLines(items: { text: string; bold?: boolean }[], extra: (i: number) => number, compact: boolean): number {
  if (items.length === 0) return 0;
  if (compact) return 1;
  let n = 0;
  for (let i = 0; i < Math.min(items.length, MAX_ITEMS); i++) {
    n += wrapText(items[i].text, ITEM_W, TEXT.item.size, TEXT.item.lines, items[i].bold).lines.length + extra(i);
  }
  return n + (items.length > MAX_ITEMS ? 1 : 0);
}
export const MAX_ITEMS = 4;
/** Width a pain point or opportunity wraps to. */
export const ITEM_W = CARD_W - 6;

/** A pain point as the lane writes it; high and critical ones are bold. */
export function painItem(p: { text: string; severity: string }): { text: string; bold: boolean } {
  return { text: `▲ ${p.text}${p.severity !== 'medium' ? ` (${p.severity})` : ''}`, bold: p.severity === 'high' || p.severity === 'critical' };
}
export const BACKSTAGE_H = 58;

export function layoutJourney(model: JourneyModel, headerHeight: number): JourneyLayout {
  const compact = model.touchpoints.length > COMPACT_AFTER;
  const slots: Slot[] = [];
  const columnX: number[] = new Array(model.touchpoints.length).fill(0);
  const stageSpan: { x: number; width: number }[] = [];
  let x = GUTTER + PAD;
  const placed = new Set<number>();
  for (const stage of model.stages) {
    const start = x;
    const own = stage.touchpointIndexes.filter((i) => i >= 0 && i < model.touchpoints.length && !placed.has(i));
    if (own.length === 0) {
      slots.push({ x, touchpoint: null, stage: stage.index });
      x += COL_W;
    }
    for (const i of own) {
      placed.add(i);
      slots.push({ x, touchpoint: i, stage: stage.index });
      columnX[i] = x;
      x += COL_W;
    }
    stageSpan[stage.index] = { x: start, width: x - start };
  }
  // Touchpoints no stage lists (should not happen) still get a column.
  for (const t of model.touchpoints) {
    if (placed.has(t.index)) continue;
    slots.push({ x, touchpoint: t.index, stage: t.stageIndex });
    columnX[t.index] = x;
    x += COL_W;
  }
  const width = Math.max(x + PAD, MIN_WIDTH);

  const tps = model.touchpoints;
  const maxOf = (f: (t: TouchpointModel) => number) => tps.reduce((m, t) => Math.max(m, f(t)), 0);
  const nameLines = compact ? 2 : maxOf((t) => wrapText(t.name, NAME_W, TEXT.name.size, TEXT.name.lines, true).lines.length);
  const painLines = maxOf((t) => itemLines(t.painPoints.map(painItem), () => 0, compact));
  const oppLines = maxOf((t) => itemLines(t.opportunities.map((o) => ({ text: `◆ ${o.text}` })), (i) => (t.opportunities[i].owner ? 1 : 0) + (t.opportunities[i].link ? 1 : 0), compact));
  const backstageBoxes = compact ? (tps.some((t) => t.backstage.length) ? 1 : 0) : maxOf((t) => Math.min(t.backstage.length, MAX_ITEMS) + (t.backstage.length > MAX_ITEMS ? 1 : 0));

  const cardH = 26 + nameLines * 15 + 18;
  const flow = flowEdges(model, slots);
  const levels = flow.reduce((m, e) => Math.max(m, e.level + 1), 0);
  const heights: Record<LaneName, number> = {
    stages: 40,
    touchpoints: cardH + 12 + (levels ? FLOW_BAND + levels * FLOW_LEVEL : 0),
    emotion: 210,
    friction: 78,
    pain: Math.max(40, painLines * LINE_H + 22),
    opportunities: Math.max(40, oppLines * LINE_H + 22),
    backstage: Math.max(44, backstageBoxes * (compact ? 22 : BACKSTAGE_H + 6) + 24),
    metrics: 96,
  };
  const laneOrder: LaneName[] = ['stages', 'touchpoints', 'emotion', 'friction', 'pain', 'opportunities', 'backstage', 'metrics'];
  const lanes = {} as Record<LaneName, Lane>;
  let y = headerHeight;
  let visibilityY = 0;
  for (const name of laneOrder) {
    if (name === 'backstage') {
      visibilityY = y + 8;
      y += 16;
    }
    lanes[name] = { name, y, height: heights[name] };
    y += heights[name];
  }
  return { compact, nameLines: Math.max(1, nameLines), cardH, flow, width, height: y + PAD, headerHeight, lanes, laneOrder, slots, columnX, stageSpan, visibilityY };
}

/**
 * A successor as the map draws it: `step` when it is the next column (an arrow in the gap),
 * `jump` when it is any other column (an arc under the cards, on its own level so arcs that
 * overlap do not share a path).
 */
export interface FlowEdge {
  from: number;
  to: number;
  kind: 'step' | 'jump';
  level: number;
}
export const FLOW_BAND = 10;
export const FLOW_LEVEL = 10;
const MAX_FLOW_LEVELS = 4;

/** Flow edges of a journey that writes `next` anywhere; a purely linear journey has none. */
export function flowEdges(model: JourneyModel, slots: Slot[]): FlowEdge[] {
  if (!model.touchpoints.some((t) => t.explicitNext)) return [];
  const order = slots.filter((s) => s.touchpoint !== null).map((s) => s.touchpoint as number);
  const pos = new Map<number, number>();
  order.forEach((t, p) => pos.set(t, p));
  const byId = new Map<string, number>();
  for (const t of model.touchpoints) if (!byId.has(t.id)) byId.set(t.id, t.index);
  const edges: FlowEdge[] = [];
  const jumps: { e: FlowEdge; lo: number; hi: number }[] = [];
  for (const t of model.touchpoints) {
    const p = pos.get(t.index);
    if (p === undefined) continue;
    for (const id of new Set(t.next)) {
      const to = byId.get(id);
      const q = to === undefined ? undefined : pos.get(to);
      if (to === undefined || q === undefined || to === t.index) continue;
      const e: FlowEdge = { from: t.index, to, kind: q === p + 1 ? 'step' : 'jump', level: 0 };
      edges.push(e);
      if (e.kind === 'jump') jumps.push({ e, lo: Math.min(p, q), hi: Math.max(p, q) });
    }
  }
  // Shortest arcs nearest the cards; an arc takes the first level where it overlaps nothing.
  jumps.sort((a, b) => a.hi - a.lo - (b.hi - b.lo) || a.lo - b.lo);
  const taken: { lo: number; hi: number }[][] = [];
  for (const j of jumps) {
    let level = 0;
    while (level < MAX_FLOW_LEVELS - 1 && (taken[level] ?? []).some((r) => j.lo < r.hi && r.lo < j.hi)) level++;
    (taken[level] ??= []).push(j);
    j.e.level = level;
  }
  return edges;
}
