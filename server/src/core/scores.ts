// The spec's "Analysis" arithmetic, as pure functions over plain numbers: friction, revenue at
// risk, hotspot order, peak and end, funnel completion. Tests check these against hand sums.
import type { FrictionTerms, Funnel, Hotspot, Metrics, PainSeverity, PeakEnd } from './model';

export const SEVERITY_WEIGHT: Record<PainSeverity, number> = { low: 0.25, medium: 0.5, high: 0.75, critical: 1 };
export const FRICTION_WEIGHTS = { negative: 0.4, drop: 0.35, pain: 0.25 } as const;

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
  if (severities.length > 0) terms.pain = Math.min(1, severities.reduce((s, v) => s + SEVERITY_WEIGHT[v], 0));
  let weighted = 0;
  let weights = 0;
  for (const k of ['negative', 'drop', 'pain'] as const) {
    const t = terms[k];
    if (t === undefined) continue;
    weighted += FRICTION_WEIGHTS[k] * t;
    weights += FRICTION_WEIGHTS[k];
  }
  return { score: weights > 0 ? weighted / weights : null, terms };
}

/**
 * `revenue_at_risk` if given, else volume x drop-off x value per customer when all three are
 * known. Drop-off may come from `1 - conversion`, as in friction; the journey's
 * `value_per_customer` serves when the touchpoint has none.
 */
export function revenueAtRisk(m: Metrics, journeyValuePerCustomer: number | undefined): number | null {
  if (typeof m.revenue_at_risk === 'number') return m.revenue_at_risk;
  const drop = dropRate(m);
  const value = typeof m.value_per_customer === 'number' ? m.value_per_customer : journeyValuePerCustomer;
  if (typeof m.volume !== 'number' || drop === undefined || typeof value !== 'number') return null;
  return m.volume * clamp01(drop) * value;
}

export interface HotspotCandidate {
  touchpointIndex: number;
  touchpointId: string;
  name: string;
  friction: number | null;
  revenueAtRisk: number | null;
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
    .map((c, i) => ({ rank: i + 1, touchpointIndex: c.touchpointIndex, touchpointId: c.touchpointId, name: c.name, friction: c.friction, revenueAtRisk: c.revenueAtRisk }));
}

/**
 * Peak (furthest from the midpoint, the first on a tie) and end (the last value) of one
 * curve; `values[i]` is the emotion at touchpoint i, undefined for a gap.
 */
export function peakEnd(values: (number | undefined)[], mid: number): PeakEnd | null {
  let peakIndex = -1;
  let endIndex = -1;
  let sum = 0;
  let count = 0;
  values.forEach((v, i) => {
    if (v === undefined) return;
    if (peakIndex < 0 || Math.abs(v - mid) > Math.abs((values[peakIndex] as number) - mid)) peakIndex = i;
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
  next: string[];
  metrics: Metrics;
}

/**
 * Walks from the first touchpoint along single successors until the end or a branch,
 * multiplying each step's pass rate. Unmeasured steps are skipped (counted in `measured`).
 */
export function funnel(steps: FunnelStep[], ids: string[], declared: number | undefined): Funnel {
  const byId = new Map<string, number>();
  ids.forEach((id, i) => { if (!byId.has(id)) byId.set(id, i); });
  const path: number[] = [];
  const seen = new Set<number>();
  let branched = false;
  let product = 1;
  let measured = 0;
  let i: number | undefined = steps.length ? 0 : undefined;
  while (i !== undefined && !seen.has(i)) {
    seen.add(i);
    path.push(i);
    const rate = passRate(steps[i].metrics);
    if (rate !== undefined) {
      product *= clamp01(rate);
      measured++;
    }
    const next = steps[i].next;
    if (next.length > 1) {
      branched = true;
      break;
    }
    i = next.length === 1 ? byId.get(next[0]) : undefined;
  }
  return { completion: measured > 0 ? product : null, declared: declared ?? null, path, measured, branched };
}
