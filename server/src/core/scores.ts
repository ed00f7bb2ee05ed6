// The format's "Analysis" arithmetic (v1.1), as pure functions over plain numbers: friction,
// paths and completion after a touchpoint, customers lost, revenue at risk, hotspot order,
// peak and end, funnel completion, confidence, opportunity value, journey score, money with
// currency and period. build.ts applies them to a journey; the model carries every result, so
// hover, lens, rules, CLI and map read one computation. Tests check each against hand sums.
import type { Confidence, FrictionTerms, Funnel, Hotspot, Metrics, PainSeverity, PeakEnd, ScoreTerms } from './model';

export const SEVERITY_WEIGHT: Record<PainSeverity, number> = { low: 0.25, medium: 0.5, high: 0.75, critical: 1 };
export const FRICTION_WEIGHTS = { negative: 0.4, drop: 0.35, pain: 0.25 } as const;
export const SCORE_WEIGHTS = { completion: 0.4, satisfaction: 0.4, endEmotion: 0.2 } as const;
/** Responses under which a survey score is a small sample (the `low-sample` rule, confidence). */
export const MIN_RESPONSES = 30;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** `drop_off`, else `1 - conversion`, else undefined. */
export function dropRate(m: Metrics): number | undefined {
  if (typeof m.drop_off === 'number') return m.drop_off;
  if (typeof m.conversion === 'number') return 1 - m.conversion;
  return undefined;
}

/** `conversion`, else `1 - drop_off`, else undefined. */
export function passRate(m: Metrics): number | undefined {
  if (typeof m.conversion === 'number') return m.conversion;
  if (typeof m.drop_off === 'number') return 1 - m.drop_off;
  return undefined;
}

/**
 * Friction (0..1): the weighted mean of the terms present. Out-of-range inputs (already
 * reported by metric-range or emotion-range) are clamped so the score stays in 0..1.
 */
export function friction(
  emotion: number | null,
  scale: { min: number; max: number },
  metrics: Metrics,
  severities: PainSeverity[],
): { score: number | null; terms: FrictionTerms } {
  const terms: FrictionTerms = {};
  if (emotion !== null && scale.max > scale.min) terms.negative = clamp01((scale.max - emotion) / (scale.max - scale.min));
  const drop = dropRate(metrics);
  if (drop !== undefined) terms.drop = clamp01(drop);
  if (severities.length > 0)
    terms.pain = Math.min(
      1,
      severities.reduce((s, v) => s + SEVERITY_WEIGHT[v], 0),
    );
  return { score: weightedMean(terms, FRICTION_WEIGHTS), terms };
}

function weightedMean<K extends string>(terms: Partial<Record<K, number>>, weights: Record<K, number>): number | null {
  let weighted = 0;
  let total = 0;
  for (const k of Object.keys(weights) as K[]) {
    const t = terms[k];
    if (t === undefined) continue;
    weighted += weights[k] * t;
    total += weights[k];
  }
  return total > 0 ? weighted / total : null;
}

/**
 * The emotion of a touchpoint from its per-persona numbers: their mean, weighted by the
 * personas' shares when every one of them has a share (and the shares sum above 0).
 */
export function meanEmotion(entries: [string, number][], share: (persona: string) => number | undefined): number | null {
  if (entries.length === 0) return null;
  const shares = entries.map(([k]) => share(k));
  const total = shares.reduce<number>((s, v) => s + (v ?? 0), 0);
  if (shares.every((s) => typeof s === 'number' && s >= 0) && total > 0) {
    return entries.reduce((s, [, v], i) => s + v * (shares[i] as number), 0) / total;
  }
  return entries.reduce((s, [, v]) => s + v, 0) / entries.length;
}

/** Customers lost at a touchpoint: its own `volume` x (drop_off, else 1 - conversion). */
export function customersLost(m: Metrics): number | null {
  const drop = dropRate(m);
  if (typeof m.volume !== 'number' || drop === undefined) return null;
  return m.volume * clamp01(drop);
}

/**
 * Successors as indexes: each touchpoint's `next` ids that name a touchpoint (first by id),
 * each once, in the order written. Unknown ids are left out (unknown-reference reports them).
 */
export function successorIndexes(next: string[][], ids: string[]): number[][] {
  const byId = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!byId.has(id)) byId.set(id, i);
  });
  return next.map((list) => {
    const out: number[] = [];
    for (const id of list) {
      const i = byId.get(id);
      if (i !== undefined && !out.includes(i)) out.push(i);
    }
    return out;
  });
}

/**
 * Completion after each touchpoint (0..1): the share of those who move on from it that reach
 * the journey's end. An end (no successors, or all of them loop back) is 1; one successor s
 * gives rate(s) x after(s) with rate = conversion, else 1 - drop_off, else 1 (unmeasured);
 * several give the volume-weighted mean of rate x after when every successor has a volume, else
 * the plain mean. A successor already on the path is a loop back and is left out; the path of
 * a touchpoint's own figure starts at that touchpoint (so leaving a chat that loops back to the
 * product page counts what happens after the product page, not an instant end).
 *
 * Only a loop can make a figure depend on the path: the touchpoints are grouped into strongly
 * connected components (Tarjan), taken sinks first. A touchpoint on no loop gets its figure in
 * one step from its successors' figures. Inside a loop, each touchpoint's figure is walked from
 * it, depth first over the loop's touchpoints (those beyond the loop are already known). Walks
 * are iterative (a 5,000-step chain must not exhaust the stack) and share a step `budget`: a
 * tangle of loops whose paths would take longer falls back to one walk from its first
 * touchpoint, whose back edges are the loop backs, so a keystroke never stalls.
 */
export function completionAfter(
  succ: number[][],
  rates: (number | undefined)[],
  volumes: (number | undefined)[],
  budget = AFTER_BUDGET,
): number[] {
  const n = succ.length;
  const result = new Array<number>(n).fill(1);
  const rate = (s: number): number => clamp01(rates[s] ?? 1);
  const term = (s: number): number => rate(s) * result[s];
  const comps = stronglyConnected(succ);
  const compOf = new Int32Array(n);
  comps.forEach((c, k) => {
    for (const v of c) compOf[v] = k;
  });
  const onPath = new Uint8Array(n);
  let steps = 0;

  /** after(root) along paths from root inside component k, or null past the budget. */
  const walk = (root: number, k: number): number | null => {
    const stack: { v: number; i: number; terms: number[]; vols: (number | undefined)[] }[] = [{ v: root, i: 0, terms: [], vols: [] }];
    onPath[root] = 1;
    while (stack.length) {
      if (++steps > budget) {
        for (const f of stack) onPath[f.v] = 0;
        return null;
      }
      const f = stack[stack.length - 1];
      const out = succ[f.v];
      if (f.i < out.length) {
        const s = out[f.i++];
        if (compOf[s] !== k) {
          f.terms.push(term(s));
          f.vols.push(volumes[s]);
        } else if (!onPath[s]) {
          onPath[s] = 1;
          stack.push({ v: s, i: 0, terms: [], vols: [] });
        }
        continue;
      }
      stack.pop();
      onPath[f.v] = 0;
      const value = combineAfter(f.terms, f.vols);
      const parent = stack[stack.length - 1];
      if (!parent) return value;
      parent.terms.push(rate(f.v) * value);
      parent.vols.push(volumes[f.v]);
    }
    return 1;
  };

  comps.forEach((comp, k) => {
    if (comp.length === 1) {
      const v = comp[0];
      const kept = succ[v].filter((s) => s !== v);
      result[v] = combineAfter(
        kept.map(term),
        kept.map((s) => volumes[s]),
      );
      return;
    }
    const ordered = [...comp].sort((a, b) => a - b);
    const values: number[] = [];
    for (const root of ordered) {
      const v = walk(root, k);
      if (v === null) return afterFromFirst(ordered, k);
      values.push(v);
    }
    ordered.forEach((v, i) => (result[v] = values[i]));
  });

  /** The fallback for one component: a walk from its first touchpoint; back edges left out. */
  function afterFromFirst(ordered: number[], k: number): void {
    const state = new Map<number, 1 | 2>();
    for (const root of ordered) {
      if (state.has(root)) continue;
      const stack: { v: number; i: number }[] = [{ v: root, i: 0 }];
      state.set(root, 1);
      while (stack.length) {
        const f = stack[stack.length - 1];
        const out = succ[f.v];
        if (f.i < out.length) {
          const s = out[f.i++];
          if (compOf[s] === k && !state.has(s)) {
            state.set(s, 1);
            stack.push({ v: s, i: 0 });
          }
          continue;
        }
        stack.pop();
        state.set(f.v, 2);
        const kept = out.filter((s) => compOf[s] !== k || state.get(s) === 2);
        result[f.v] = combineAfter(
          kept.map(term),
          kept.map((s) => volumes[s]),
        );
      }
    }
  }
  return result;
}

/** Steps the walks inside loops may take before a component falls back to one walk. */
export const AFTER_BUDGET = 1_000_000;

/**
 * Strongly connected components (Tarjan's algorithm, iterative), each emitted after every
 * component it reaches: sinks first.
 */
export function stronglyConnected(succ: number[][]): number[][] {
  const n = succ.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const comps: number[][] = [];
  let next = 0;
  for (let start = 0; start < n; start++) {
    if (index[start] >= 0) continue;
    const work: { v: number; i: number }[] = [{ v: start, i: 0 }];
    index[start] = low[start] = next++;
    stack.push(start);
    onStack[start] = 1;
    while (work.length) {
      const f = work[work.length - 1];
      const out = succ[f.v];
      if (f.i < out.length) {
        const s = out[f.i++];
        if (index[s] < 0) {
          index[s] = low[s] = next++;
          stack.push(s);
          onStack[s] = 1;
          work.push({ v: s, i: 0 });
        } else if (onStack[s]) low[f.v] = Math.min(low[f.v], index[s]);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.v] = Math.min(low[parent.v], low[f.v]);
      if (low[f.v] === index[f.v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== f.v);
        comps.push(comp);
      }
    }
  }
  return comps;
}

function combineAfter(terms: number[], volumes: (number | undefined)[]): number {
  if (terms.length === 0) return 1;
  if (terms.length === 1) return terms[0];
  const total = volumes.reduce<number>((s, v) => s + (v ?? 0), 0);
  if (volumes.every((v) => typeof v === 'number' && v >= 0) && total > 0) {
    return terms.reduce((s, t, k) => s + t * (volumes[k] as number), 0) / total;
  }
  return terms.reduce((s, t) => s + t, 0) / terms.length;
}

/** Touchpoints reachable from `from` (itself included when `inclusive`), in no set order. */
export function reachable(succ: number[][], from: number, inclusive: boolean): number[] {
  const seen = new Uint8Array(succ.length);
  const out: number[] = [];
  const todo = inclusive ? [from] : [...succ[from]];
  while (todo.length) {
    const v = todo.pop() as number;
    if (seen[v]) continue;
    seen[v] = 1;
    out.push(v);
    for (const s of succ[v]) if (!seen[s]) todo.push(s);
  }
  return out;
}

export interface RevenueInput {
  metrics: Metrics;
  customersLost: number | null;
  completionAfter: number;
  /** The journey's `value_per_customer`, for a touchpoint without its own. */
  journeyValue: number | undefined;
  /** A `leave` journey: a drop-off is a customer who stays, so only a given figure counts. */
  leave: boolean;
}

/**
 * Revenue at risk: `revenue_at_risk` if given; else customers lost x completion after x value
 * per customer (the touchpoint's, else the journey's), the value those who leave here would
 * have brought given what happens after. Unknown (null) when a factor is unknown, and always
 * in a `leave` journey without a given figure.
 */
export function revenueAtRisk(r: RevenueInput): {
  value: number | null;
  basis: 'given' | 'computed' | null;
  valuePerCustomer: number | null;
} {
  const m = r.metrics;
  const vpc = typeof m.value_per_customer === 'number' ? m.value_per_customer : (r.journeyValue ?? null);
  if (typeof m.revenue_at_risk === 'number') return { value: m.revenue_at_risk, basis: 'given', valuePerCustomer: vpc };
  if (r.leave || r.customersLost === null || vpc === null) return { value: null, basis: null, valuePerCustomer: vpc };
  return { value: r.customersLost * r.completionAfter * vpc, basis: 'computed', valuePerCustomer: vpc };
}

/**
 * How sure a touchpoint's figures are: low when its evidence is absent or `assumption` alone,
 * or a survey score (nps, csat, ces) stands on `responses` under 30; high when its evidence
 * includes analytics or transaction data (and no score is a small sample); else medium.
 */
export function confidence(evidence: string[], m: Metrics): Confidence {
  const survey = typeof m.nps === 'number' || typeof m.csat === 'number' || typeof m.ces === 'number';
  const smallSample = survey && typeof m.responses === 'number' && m.responses < MIN_RESPONSES;
  if (evidence.length === 0 || evidence.every((e) => e === 'assumption') || smallSample) return 'low';
  if (evidence.includes('analytics') || evidence.includes('transaction')) return 'high';
  return 'medium';
}

/** An opportunity's value (uplift x its touchpoint's revenue at risk) and priority (value / effort). */
export function opportunityValue(
  uplift: number | undefined,
  effort: number | undefined,
  risk: number | null,
): { value: number | null; priority: number | null } {
  const value = typeof uplift === 'number' && risk !== null ? clamp01(uplift) * risk : null;
  const priority = value !== null && typeof effort === 'number' && effort > 0 ? value / effort : null;
  return { value, priority };
}

export interface HotspotCandidate {
  touchpointIndex: number;
  touchpointId: string;
  name: string;
  stageId: string;
  friction: number | null;
  revenueAtRisk: number | null;
  customersLost: number | null;
  confidence: Confidence;
  period?: string;
}

/** Friction >= threshold, ranked by revenue at risk (unknown last), then friction, then file order. */
export function rankHotspots(candidates: HotspotCandidate[], threshold: number): Hotspot[] {
  return candidates
    .filter((c): c is HotspotCandidate & { friction: number } => c.friction !== null && c.friction >= threshold - 1e-12)
    .sort((a, b) => {
      const ra = a.revenueAtRisk;
      const rb = b.revenueAtRisk;
      if (ra !== rb) {
        if (ra === null) return 1;
        if (rb === null) return -1;
        return rb - ra;
      }
      if (a.friction !== b.friction) return b.friction - a.friction;
      return a.touchpointIndex - b.touchpointIndex;
    })
    .map((c, i) => ({
      rank: i + 1,
      touchpointIndex: c.touchpointIndex,
      touchpointId: c.touchpointId,
      name: c.name,
      stageId: c.stageId,
      friction: c.friction,
      revenueAtRisk: c.revenueAtRisk,
      customersLost: c.customersLost,
      confidence: c.confidence,
      ...(c.period !== undefined ? { period: c.period } : {}),
    }));
}

/**
 * Peak (furthest from the midpoint; on a tie the lower emotion, then the first) and end (the
 * last value) of one curve; `values[i]` is the emotion at touchpoint i, undefined for a gap.
 */
export function peakEnd(values: (number | undefined)[], mid: number): PeakEnd | null {
  let peakIndex = -1;
  let endIndex = -1;
  let sum = 0;
  let count = 0;
  values.forEach((v, i) => {
    if (v === undefined) return;
    if (peakIndex < 0) peakIndex = i;
    else {
      const best = values[peakIndex] as number;
      const d = Math.abs(v - mid);
      const db = Math.abs(best - mid);
      if (d > db || (d === db && v < best)) peakIndex = i;
    }
    endIndex = i;
    sum += v;
    count++;
  });
  if (peakIndex < 0) return null;
  const peakEmotion = values[peakIndex] as number;
  const endEmotion = values[endIndex] as number;
  return { peakIndex, peakEmotion, endIndex, endEmotion, peakEnd: (peakEmotion + endEmotion) / 2, average: sum / count };
}

export interface FunnelStep {
  metrics: Metrics;
}

/**
 * Funnel completion: rate(first) x after(first), with the distinct touchpoints reachable from
 * the first that carry no rate (`unmeasured`); unknown when none carries one. `path` is the main
 * path the map draws bars along: from the first touchpoint through single successors until the
 * end, a branch or a loop.
 */
export function funnel(
  steps: FunnelStep[],
  succ: number[][],
  after: number[],
  declared: number | undefined,
): Omit<Funnel, 'paths' | 'morePaths'> {
  const path: number[] = [];
  let branched = false;
  let measured = 0;
  let unmeasured = 0;
  let completion: number | null = null;
  if (steps.length) {
    const seen = new Set<number>();
    let i: number | undefined = 0;
    while (i !== undefined && !seen.has(i)) {
      seen.add(i);
      path.push(i);
      if (passRate(steps[i].metrics) !== undefined) measured++;
      const out: number[] = succ[i];
      if (out.length > 1) {
        branched = true;
        break;
      }
      i = out.length === 1 ? out[0] : undefined;
    }
    const all = reachable(succ, 0, true);
    unmeasured = all.filter((k) => passRate(steps[k].metrics) === undefined).length;
    if (unmeasured < all.length) completion = clamp01(passRate(steps[0].metrics) ?? 1) * after[0];
  }
  return { completion, declared: declared ?? null, path, measured, unmeasured, branched };
}

/** The satisfaction term of the journey score from one metrics map, or undefined. */
export function satisfaction(m: Metrics): number | undefined {
  if (typeof m.csat === 'number') return clamp01(m.csat / 100);
  if (typeof m.nps === 'number') return clamp01((m.nps + 100) / 200);
  if (typeof m.ces === 'number') return clamp01((7 - m.ces) / 6);
  return undefined;
}

/**
 * Journey score (0..100): the weighted mean of the terms present, times 100. completion
 * (declared, else funnel) 0.4; satisfaction (journey metrics, else the last touchpoint's) 0.4;
 * end emotion ((end - min) / (max - min), mean over the curves) 0.2.
 */
export function journeyScore(
  journey: Metrics,
  funnelCompletion: number | null,
  lastTouchpoint: Metrics | undefined,
  endEmotions: number[],
  scale: { min: number; max: number },
): { value: number | null; terms: ScoreTerms } {
  const terms: ScoreTerms = {};
  if (typeof journey.completion_rate === 'number') terms.completion = clamp01(journey.completion_rate);
  else if (funnelCompletion !== null) terms.completion = funnelCompletion;
  const sat = satisfaction(journey) ?? (lastTouchpoint ? satisfaction(lastTouchpoint) : undefined);
  if (sat !== undefined) terms.satisfaction = sat;
  if (endEmotions.length && scale.max > scale.min) {
    terms.endEmotion = endEmotions.reduce((s, e) => s + clamp01((e - scale.min) / (scale.max - scale.min)), 0) / endEmotions.length;
  }
  const mean = weightedMean(terms, SCORE_WEIGHTS);
  return { value: mean === null ? null : mean * 100, terms };
}

/**
 * Periods in a year, from the form of a period: `2026` 1, `2026-H1` 2, `2026-Q3` 4, `2026-07`
 * 12, `2026-W27` 52, `2026-07-14` 365; any other form is not annualised (undefined).
 */
export function periodsPerYear(period: string | undefined): number | undefined {
  if (period === undefined) return undefined;
  const p = period.trim();
  if (/^\d{4}$/.test(p)) return 1;
  if (/^\d{4}-H[12]$/.test(p)) return 2;
  if (/^\d{4}-Q[1-4]$/.test(p)) return 4;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) return 12;
  if (/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(p)) return 52;
  if (/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(p)) return 365;
  return undefined;
}

/** An amount of one period as an amount per year, or null when the period does not annualise. */
export function perYear(amount: number, period: string | undefined): number | null {
  const k = periodsPerYear(period);
  return k === undefined ? null : amount * k;
}

/**
 * The sum of the hotspots' revenue at risk in the journey's period. A hotspot measured over
 * another period is converted through the per-year factors when both annualise, else left out
 * (counted in `excluded`). 0 without hotspots; null when hotspots have no known figure.
 */
export function hotspotTotal(
  hotspots: { revenueAtRisk: number | null; period?: string }[],
  journeyPeriod: string | undefined,
): { total: number | null; excluded: number } {
  // No hotspot: nothing is at risk at the hotspots (0, not unknown).
  let total: number | null = hotspots.length === 0 ? 0 : null;
  let excluded = 0;
  const target = periodsPerYear(journeyPeriod);
  for (const h of hotspots) {
    if (h.revenueAtRisk === null) continue;
    let v: number | null = h.revenueAtRisk;
    if (h.period !== journeyPeriod) {
      const k = periodsPerYear(h.period);
      v = k !== undefined && target !== undefined ? (h.revenueAtRisk * k) / target : null;
    }
    if (v === null) excluded++;
    else total = (total ?? 0) + v;
  }
  return { total, excluded };
}

/** 12,345 -> "12.3K"; 8,700,000 -> "8.7M"; under 10,000 whole with separators: "8,427". */
export function formatAmount(n: number): string {
  const a = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  const one = (x: number, unit: string) => `${sign}${x.toFixed(1)}${unit}`;
  if (a >= 999.95e6) return one(a / 1e9, 'B');
  if (a >= 999.95e3) return one(a / 1e6, 'M');
  if (a >= 1e4) return one(a / 1e3, 'K');
  return sign + Math.round(a).toLocaleString('en-US');
}

/** "EUR 6.5M per 2026-Q1"; the currency and the period are left out when unknown. */
export function formatMoney(amount: number, currency?: string, period?: string): string {
  return `${currency ? currency + ' ' : ''}${formatAmount(amount)}${period ? ` per ${period}` : ''}`;
}

/** A count of customers with thousands separators: 8427 -> "8,427". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
