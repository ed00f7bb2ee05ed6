// Geometry of a journey map: where each stage, column and lane sits. Pure, so the browser
// and the CLI lay a map out identically and tests can reason about positions.
import type { JourneyModel, TouchpointModel } from '../../../server/src/core/model';
import { FUNNEL_ROW, FunnelBar, funnelBars, funnelRows } from './funnel';
import { safeHttpUrl, wrapText } from './text';

export const COL_W = 168;
export const CARD_W = 152;
export const GUTTER = 132; // lane labels
export const PAD = 20;
/** The narrowest map: room for the header's summary cards. */
export const MIN_WIDTH = 1240;
/** Past this many touchpoints, detail lanes show counts instead of text to keep the DOM lean. */
export const COMPACT_AFTER = 300;

export type LaneName =
  'stages' | 'touchpoints' | 'doing' | 'thinking' | 'emotion' | 'friction' | 'pain' | 'opportunities' | 'backstage' | 'metrics';

/** The classic rows of a journey map: doing, thinking, then feeling (the curves). */
export const LANE_TITLES: Record<LaneName, string> = {
  stages: 'Stages',
  touchpoints: 'Touchpoints',
  doing: 'Doing',
  thinking: 'Thinking',
  emotion: 'Feeling',
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
  /** Lines every touchpoint card has room for (the longest name's). */
  nameLines: number;
  /** Lines of "owner: ..." every card has room for (the longest touchpoint owner's). */
  ownerLines: number;
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
  /** The metrics lane's funnel bars per touchpoint, one per way in along the journey's paths (funnel.ts). */
  funnel: Map<number, FunnelBar[]>;
  /** How far the metrics lane's rows sit below where one row of bars would put them. */
  funnelShift: number;
}

/**
 * Line caps. A static map holds every word the model has (exports are what reviewers paste
 * into slides), so the caps are generous and lanes grow to the longest cell; only a compact
 * map (past COMPACT_AFTER touchpoints) shows counts instead.
 */
export const TEXT = {
  name: { size: 12, lines: 12, bold: true },
  item: { size: 11, lines: 40 },
  backstage: { size: 10, lines: 20 },
  meta: { size: 10, lines: 6 },
};
export const LINE_H = 14;
export const META_LINE_H = 13;
/** Width a touchpoint name wraps to inside its card. */
export const NAME_W = CARD_W - 26;
/** Width an owner line wraps to inside a card, a backstage box or under an item. */
export const META_W = CARD_W - 20;

/** Wrapped lines of a small muted line (owner, system, link, evidence): every word kept. */
export function metaLines(text: string, width = META_W): string[] {
  return wrapText(text, width, TEXT.meta.size, TEXT.meta.lines).lines;
}

/** A list item as a lane draws it: its wrapped text and the small lines under it. */
export interface ItemText {
  lines: string[];
  extra: string[];
  bold: boolean;
  truncated: boolean;
}

/** Lines a list of items takes in a column, for the lane's height. */
export function itemsHeight(items: ItemText[], compact: boolean): number {
  if (items.length === 0) return 0;
  if (compact) return LINE_H;
  return items.reduce((h, it) => h + it.lines.length * LINE_H + it.extra.length * META_LINE_H + 4, 0);
}
/** Width a pain point or opportunity wraps to. */
export const ITEM_W = CARD_W - 6;

/** A pain point as the lane writes it: its severity always, high and critical ones bold, its evidence below. */
export function painItem(p: { text: string; severity: string; evidence?: string }): ItemText {
  const full = `▲ ${p.text} (${p.severity})`;
  const bold = p.severity === 'high' || p.severity === 'critical';
  const w = wrapText(full, ITEM_W, TEXT.item.size, TEXT.item.lines, bold);
  return { lines: w.lines, extra: p.evidence ? metaLines(`evidence: ${p.evidence}`) : [], bold, truncated: w.truncated };
}

/** An opportunity: its text, then owner, status and link (a link is only ever text). */
export function opportunityItem(o: { text: string; owner?: string; link?: string; status?: string }): ItemText {
  const w = wrapText(`◆ ${o.text}`, ITEM_W, TEXT.item.size, TEXT.item.lines);
  const url = safeHttpUrl(o.link);
  const link = o.link ? (url ? url.replace(/^https?:\/\//, '') : o.link) : '';
  const extra = [o.owner ? `owner: ${o.owner}` : '', o.status ? `status: ${o.status}` : '', link]
    .filter(Boolean)
    .flatMap((e) => metaLines(e));
  return { lines: w.lines, extra, bold: false, truncated: w.truncated };
}

/** A backstage entry's box: its text, then owner and system, every word. */
export function backstageBox(e: { text: string; owner?: string; system?: string }): { lines: string[]; meta: string[]; height: number } {
  const lines = wrapText(e.text, CARD_W - 14, TEXT.backstage.size, TEXT.backstage.lines).lines;
  const meta = [e.owner ? `owner: ${e.owner}` : 'no owner', e.system ? `system: ${e.system}` : '']
    .filter(Boolean)
    .flatMap((m) => metaLines(m, CARD_W - 14));
  return { lines, meta, height: 10 + lines.length * 12 + meta.length * 12 + 4 };
}
export const BACKSTAGE_GAP = 6;

/** Friction bands, calm to hot: thirds of the way to the hotspot threshold, then the hotspots. */
export type FrictionBand = 'calm' | 'low' | 'raised' | 'hot';
export const FRICTION_BANDS: FrictionBand[] = ['calm', 'low', 'raised', 'hot'];
export function frictionBand(f: number, threshold: number): FrictionBand {
  if (f >= threshold) return 'hot';
  if (f < threshold / 3) return 'calm';
  return f < (2 * threshold) / 3 ? 'low' : 'raised';
}
/** The band's range in words, for the legend: "0.20–0.40", "≥ 0.60". */
export function bandRange(b: FrictionBand, threshold: number): string {
  const e = [0, threshold / 3, (2 * threshold) / 3, threshold].map((x) => x.toFixed(2));
  const i = FRICTION_BANDS.indexOf(b);
  return b === 'hot' ? `≥ ${e[3]}` : `${e[i]}–${e[i + 1]}`;
}
/** A compact map's backstage cell: one count line. */
export const BACKSTAGE_COMPACT_H = 22;

/** A stage band's lines: the name, then its owner, wrapped to the band (never dropped). */
export function stageLines(name: string, owner: string | undefined, width: number): { name: string[]; owner: string[] } {
  return {
    name: wrapText(name, width, 13, 4, true).lines,
    owner: owner ? wrapText(`owner: ${owner}`, width, 11, 6).lines : [],
  };
}

/** Doing (`action`) and thinking (`thought`) as their lanes write them. */
export function actionLines(text: string | undefined): string[] {
  return text ? wrapText(text, ITEM_W, TEXT.item.size, TEXT.item.lines).lines : [];
}
export function thoughtLines(text: string | undefined): string[] {
  return text ? wrapText(`“${text}”`, ITEM_W, TEXT.item.size, TEXT.item.lines).lines : [];
}

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
  const ownerLines = compact ? 0 : maxOf((t) => (t.owner ? metaLines(`owner: ${t.owner}`).length : 0));
  const painH = compact
    ? tps.some((t) => t.painPoints.length)
      ? LINE_H
      : 0
    : maxOf((t) => itemsHeight(t.painPoints.map(painItem), false));
  const oppH = compact
    ? tps.some((t) => t.opportunities.length)
      ? LINE_H
      : 0
    : maxOf((t) => itemsHeight(t.opportunities.map(opportunityItem), false));
  const backstageH = compact
    ? tps.some((t) => t.backstage.length)
      ? BACKSTAGE_COMPACT_H
      : 0
    : maxOf((t) => t.backstage.reduce((h, e) => h + backstageBox(e).height + BACKSTAGE_GAP, 0));
  // Doing and thinking: a compact map leaves them to the editor (a long journey stays lean).
  const doingLines = compact ? 0 : maxOf((t) => actionLines(t.action).length);
  const thinkingLines = compact ? 0 : maxOf((t) => thoughtLines(t.thought).length);
  const stageLinesMax = model.stages.reduce((m, st) => {
    const span = stageSpan[st.index];
    const l = stageLines(st.name, st.owner, (span?.width ?? COL_W) - 20);
    return Math.max(m, l.name.length * 16 + l.owner.length * 13);
  }, 16);

  // One row of funnel bars per way into a touchpoint; the lane grows by the extra rows.
  const funnel = funnelBars(model);
  const funnelShift = Math.max(0, funnelRows(funnel) - 1) * FUNNEL_ROW;
  const cardH = 26 + nameLines * 15 + (ownerLines ? ownerLines * META_LINE_H + 4 : 0) + 18;
  const flow = flowEdges(model, slots);
  const levels = flow.reduce((m, e) => Math.max(m, e.level + 1), 0);
  const heights: Record<LaneName, number> = {
    stages: Math.max(40, stageLinesMax + 22),
    touchpoints: cardH + 12 + (levels ? FLOW_BAND + levels * FLOW_LEVEL : 0),
    doing: Math.max(40, doingLines * LINE_H + 22),
    thinking: Math.max(40, thinkingLines * LINE_H + 22),
    emotion: 210,
    friction: 78,
    pain: Math.max(40, painH + 22),
    opportunities: Math.max(40, oppH + 22),
    backstage: Math.max(44, backstageH + 24),
    metrics: 96 + funnelShift,
  };
  const laneOrder: LaneName[] = ['stages', 'touchpoints'];
  if (doingLines) laneOrder.push('doing');
  if (thinkingLines) laneOrder.push('thinking');
  laneOrder.push('emotion', 'friction', 'pain', 'opportunities', 'backstage', 'metrics');
  const lanes = {} as Record<LaneName, Lane>;
  let y = headerHeight;
  let visibilityY = 0;
  for (const name of laneOrder) {
    if (name === 'backstage') {
      visibilityY = y + 12;
      y += 24;
    }
    lanes[name] = { name, y, height: heights[name] };
    y += heights[name];
  }
  // Lanes a journey does not fill still have a place (drawn empty, zero high), so code that
  // reads a lane never meets undefined.
  for (const name of ['doing', 'thinking'] as LaneName[])
    if (!lanes[name]) lanes[name] = { name, y: lanes.touchpoints.y + lanes.touchpoints.height, height: 0 };
  return {
    compact,
    nameLines: Math.max(1, nameLines),
    ownerLines,
    cardH,
    flow,
    width,
    height: y + PAD,
    headerHeight,
    lanes,
    laneOrder,
    slots,
    columnX,
    stageSpan,
    visibilityY,
    funnel,
    funnelShift,
  };
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
