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
export function itemLines(items: { text: string }[], extra: (i: number) => number, compact: boolean): number {
  if (items.length === 0) return 0;
  if (compact) return 1;
  let n = 0;
  for (let i = 0; i < Math.min(items.length, MAX_ITEMS); i++) {
    n += wrapText('▲ ' + items[i].text, CARD_W, TEXT.item.size, TEXT.item.lines).lines.length + extra(i);
  }
  return n + (items.length > MAX_ITEMS ? 1 : 0);
}
export const MAX_ITEMS = 4;
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
  const painLines = maxOf((t) => itemLines(t.painPoints, () => 0, compact));
  const oppLines = maxOf((t) => itemLines(t.opportunities, (i) => (t.opportunities[i].owner ? 1 : 0) + (t.opportunities[i].link ? 1 : 0), compact));
  const backstageBoxes = compact ? (tps.some((t) => t.backstage.length) ? 1 : 0) : maxOf((t) => Math.min(t.backstage.length, MAX_ITEMS) + (t.backstage.length > MAX_ITEMS ? 1 : 0));

  const heights: Record<LaneName, number> = {
    stages: 40,
    touchpoints: 26 + nameLines * 15 + 30,
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
  return { compact, nameLines: Math.max(1, nameLines), width, height: y + PAD, headerHeight, lanes, laneOrder, slots, columnX, stageSpan, visibilityY };
}
