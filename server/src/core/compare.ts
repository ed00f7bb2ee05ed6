// One journey against another version of itself: what a pull request changes in a map, or what
// a to-be journey gains against its as-is. Pure: two models in (either may be missing), the
// differences out, most important first. `journeymap diff` and the baseline gain read it.
import type { JourneyModel, Metrics, TouchpointModel } from './model';
import { NUMERIC_METRICS, ownValue } from './model';

export interface TouchpointRef {
  id: string;
  name: string;
  stage: string;
}

export interface HotspotChange {
  id: string;
  name: string;
  /** Rank before (null: not a hotspot then). */
  from: number | null;
  /** Rank after (null: no longer a hotspot). */
  to: number | null;
  revenueAtRisk: { before: number | null; after: number | null };
}

export interface NumberChange {
  before: number | null;
  after: number | null;
  /** after - before, when both are known. */
  change: number | null;
}

export interface EmotionChange {
  touchpoint: string;
  name: string;
  /** Persona id, or `*` for the all-customers curve. */
  persona: string;
  before: number | null;
  after: number | null;
}

export interface MetricChange {
  /** Touchpoint id, or null for the journey's own metrics. */
  touchpoint: string | null;
  key: string;
  before: number | string | null;
  after: number | string | null;
}

export interface JourneyDiff {
  id: string;
  title: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  currency: { before: string | null; after: string | null };
  period: { before: string | null; after: string | null };
  stages: { added: string[]; removed: string[]; moved: string[] };
  touchpoints: { added: TouchpointRef[]; removed: TouchpointRef[]; moved: (TouchpointRef & { fromStage: string })[] };
  hotspots: { added: HotspotChange[]; removed: HotspotChange[]; reranked: HotspotChange[] };
  revenueAtRiskAtHotspots: NumberChange;
  journeyRevenue: NumberChange;
  score: NumberChange;
  /** Funnel completion, else the declared completion rate. */
  completion: NumberChange;
  emotions: EmotionChange[];
  metrics: MetricChange[];
}

const num = (before: number | null | undefined, after: number | null | undefined): NumberChange => {
  const b = before ?? null;
  const a = after ?? null;
  return { before: b, after: a, change: a !== null && b !== null ? a - b : null };
};

const ref = (m: JourneyModel, t: TouchpointModel): TouchpointRef => ({
  id: t.id,
  name: t.name,
  stage: m.stages[t.stageIndex]?.id ?? t.stageId,
});

const completionOf = (m: JourneyModel | null): number | null => (m ? (m.funnel.completion ?? m.funnel.declared) : null);

/** Compares `after` with `before`; a missing side makes the journey added or removed. */
export function compareJourneys(before: JourneyModel | null, after: JourneyModel | null): JourneyDiff {
  const m = (after ?? before) as JourneyModel;
  const diff: JourneyDiff = {
    id: m.id,
    title: m.title || m.id,
    status: !before ? 'added' : !after ? 'removed' : 'unchanged',
    currency: { before: before?.currency ?? null, after: after?.currency ?? null },
    period: { before: before?.metrics.period ?? null, after: after?.metrics.period ?? null },
    stages: { added: [], removed: [], moved: [] },
    touchpoints: { added: [], removed: [], moved: [] },
    hotspots: { added: [], removed: [], reranked: [] },
    revenueAtRiskAtHotspots: num(before?.summary.revenueAtRiskAtHotspots, after?.summary.revenueAtRiskAtHotspots),
    journeyRevenue: num(before?.summary.journeyRevenue, after?.summary.journeyRevenue),
    score: num(before?.score.value, after?.score.value),
    completion: num(completionOf(before), completionOf(after)),
    emotions: [],
    metrics: [],
  };
  const b = before;
  const a = after;
  // Stages and touchpoints, by id.
  const bStages = [...new Set(b ? b.stages.map((s) => s.id) : [])];
  const aStages = [...new Set(a ? a.stages.map((s) => s.id) : [])];
  diff.stages.added = aStages.filter((id) => !bStages.includes(id));
  diff.stages.removed = bStages.filter((id) => !aStages.includes(id));
  diff.stages.moved = outOfOrder(
    bStages.filter((id) => aStages.includes(id)),
    aStages.filter((id) => bStages.includes(id)),
  );

  // By id, the first of a duplicated id (duplicate-id reports the others).
  const byId = (mm: JourneyModel | null): Map<string, TouchpointModel> => {
    const out = new Map<string, TouchpointModel>();
    for (const t of mm?.touchpoints ?? []) if (!out.has(t.id)) out.set(t.id, t);
    return out;
  };
  const bT = byId(b);
  const aT = byId(a);
  if (a) for (const t of aT.values()) if (!bT.has(t.id)) diff.touchpoints.added.push(ref(a, t));
  if (b) for (const t of bT.values()) if (!aT.has(t.id)) diff.touchpoints.removed.push(ref(b, t));
  if (a && b) {
    const commonBefore = [...bT.keys()].filter((id) => aT.has(id));
    const commonAfter = [...aT.keys()].filter((id) => bT.has(id));
    const reordered = new Set(outOfOrder(commonBefore, commonAfter));
    for (const id of commonAfter) {
      const tb = bT.get(id) as TouchpointModel;
      const ta = aT.get(id) as TouchpointModel;
      const fromStage = b.stages[tb.stageIndex]?.id ?? tb.stageId;
      const toStage = a.stages[ta.stageIndex]?.id ?? ta.stageId;
      if (reordered.has(id) || fromStage !== toStage) diff.touchpoints.moved.push({ ...ref(a, ta), fromStage });
      // Emotions per curve.
      const curves = new Set([...Object.keys(tb.emotionByPersona), ...Object.keys(ta.emotionByPersona)]);
      for (const c of curves) {
        const eb = ownValue(tb.emotionByPersona, c) ?? null;
        const ea = ownValue(ta.emotionByPersona, c) ?? null;
        if (eb !== ea) diff.emotions.push({ touchpoint: id, name: ta.name, persona: c, before: eb, after: ea });
      }
      diff.metrics.push(...metricChanges(id, tb.metrics, ta.metrics));
    }
    diff.metrics.unshift(...metricChanges(null, b.metrics, a.metrics));
  }
  // Hotspots by touchpoint id.
  const rankOf = (mm: JourneyModel | null) => new Map((mm?.hotspots ?? []).map((h) => [h.touchpointId, h] as const));
  const hb = rankOf(b);
  const ha = rankOf(a);
  for (const h of a?.hotspots ?? []) {
    const old = hb.get(h.touchpointId);
    const change: HotspotChange = {
      id: h.touchpointId,
      name: h.name,
      from: old?.rank ?? null,
      to: h.rank,
      revenueAtRisk: { before: old?.revenueAtRisk ?? null, after: h.revenueAtRisk },
    };
    if (!old) diff.hotspots.added.push(change);
    else if (old.rank !== h.rank) diff.hotspots.reranked.push(change);
  }
  for (const h of b?.hotspots ?? []) {
    if (!ha.has(h.touchpointId))
      diff.hotspots.removed.push({
        id: h.touchpointId,
        name: h.name,
        from: h.rank,
        to: null,
        revenueAtRisk: { before: h.revenueAtRisk, after: aT.get(h.touchpointId)?.revenueAtRisk ?? null },
      });
  }
  if (diff.status === 'unchanged' && hasChanges(diff)) diff.status = 'changed';
  return diff;
}

/** True when anything the diff reports differs. */
export function hasChanges(d: JourneyDiff): boolean {
  if (d.status === 'added' || d.status === 'removed') return true;
  const moved = (x: NumberChange) => x.before !== x.after;
  return (
    d.stages.added.length +
      d.stages.removed.length +
      d.stages.moved.length +
      d.touchpoints.added.length +
      d.touchpoints.removed.length +
      d.touchpoints.moved.length +
      d.hotspots.added.length +
      d.hotspots.removed.length +
      d.hotspots.reranked.length +
      d.emotions.length +
      d.metrics.length >
      0 ||
    moved(d.revenueAtRiskAtHotspots) ||
    moved(d.score) ||
    moved(d.completion) ||
    moved(d.journeyRevenue) ||
    d.currency.before !== d.currency.after ||
    d.period.before !== d.period.after
  );
}

const METRIC_KEYS: (keyof Metrics)[] = [...NUMERIC_METRICS, 'period', 'source'];

function metricChanges(touchpoint: string | null, before: Metrics, after: Metrics): MetricChange[] {
  const out: MetricChange[] = [];
  for (const k of METRIC_KEYS) {
    const b = (before[k] as number | string | undefined) ?? null;
    const a = (after[k] as number | string | undefined) ?? null;
    if (b !== a) out.push({ touchpoint, key: k, before: b, after: a });
  }
  const customs = new Set([...Object.keys(before.custom ?? {}), ...Object.keys(after.custom ?? {})]);
  for (const k of customs) {
    const b = before.custom ? (ownValue(before.custom, k) ?? null) : null;
    const a = after.custom ? (ownValue(after.custom, k) ?? null) : null;
    if (b !== a) out.push({ touchpoint, key: `custom.${k}`, before: b, after: a });
  }
  return out;
}

/**
 * The ids of `after` (a reordering of `before`, same ids) that left their relative order: all
 * but a longest subsequence kept in order (longest increasing subsequence, O(n log n)).
 */
export function outOfOrder(before: string[], after: string[]): string[] {
  const pos = new Map(before.map((id, i) => [id, i] as const));
  const seq = after.map((id) => pos.get(id) as number);
  const tails: number[] = [];
  const tailIdx: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  seq.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    tailIdx[lo] = i;
    prev[i] = lo > 0 ? tailIdx[lo - 1] : -1;
  });
  const keep = new Set<number>();
  for (let i = tails.length ? tailIdx[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  return after.filter((_, i) => !keep.has(i));
}
