// The journey model: what the preview draws, what hover and code lens read, what the CLI
// renders. Plain JSON-safe data computed by the core from one file plus the workspace index.
// The webview imports it too, so it holds types and two tiny dependency-free helpers only.
import type { JourneyPath } from './paths';
import type { Range } from './types';

/** Key of the single emotion curve of a journey that names no personas. */
export const ALL_CUSTOMERS = '*';

/**
 * A record's own value. Models are keyed by ids users write, and `constructor` is a valid
 * persona id: a plain `record[id]` would read `Object.prototype.constructor` instead of a gap.
 */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export interface Metrics {
  conversion?: number;
  drop_off?: number;
  completion_rate?: number;
  nps?: number;
  csat?: number;
  ces?: number;
  volume?: number;
  value_per_customer?: number;
  revenue_at_risk?: number;
  cost_to_serve?: number;
  responses?: number;
  escalations?: number;
  period?: string;
  source?: string;
  custom?: Record<string, number>;
}

export interface TextItem {
  text: string;
  /** The list item in the source. */
  range: Range;
}

export type PainSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface PainPoint extends TextItem {
  severity: PainSeverity;
  evidence?: string;
}

export type OpportunityStatus = 'idea' | 'planned' | 'in-progress' | 'done' | 'dropped';

export interface Opportunity extends TextItem {
  owner?: string;
  link?: string;
  /** 1..5 */
  effort?: number;
  /** Share of the touchpoint's lost customers the change would keep, 0..1. */
  uplift?: number;
  status?: OpportunityStatus;
  /** uplift x the touchpoint's revenue at risk; null without either. */
  value: number | null;
  /** value / effort; null without either (unranked). */
  priority: number | null;
}

export interface BackstageEntry extends TextItem {
  owner?: string;
  system?: string;
}

export type Confidence = 'low' | 'medium' | 'high';

export interface ScoreTerms {
  /** completion_rate, else funnel completion (0..1). */
  completion?: number;
  /** csat / 100, else (nps + 100) / 200, else (7 - ces) / 6 (0..1). */
  satisfaction?: number;
  /** (end - min) / (max - min), mean over the curves (0..1). */
  endEmotion?: number;
}

export interface FrictionTerms {
  negative?: number;
  drop?: number;
  pain?: number;
}

export interface TouchpointModel {
  /** Position in file order across all stages, 0-based. */
  index: number;
  id: string;
  /** True when the id was derived from the name. */
  idDerived: boolean;
  name: string;
  stageId: string;
  stageIndex: number;
  channel?: string;
  channelLabel?: string;
  action?: string;
  thought?: string;
  owner?: string;
  /** The touchpoint's emotion: the number, or the mean of the per-persona numbers. */
  emotion: number | null;
  /** Per curve key (persona id, or ALL_CUSTOMERS); a missing key is a gap in that curve. */
  emotionByPersona: Record<string, number>;
  momentOfTruth: false | { success?: string; failure?: string };
  painPoints: PainPoint[];
  opportunities: Opportunity[];
  backstage: BackstageEntry[];
  evidence: string[];
  /** Resolved successors: `next`, or the following touchpoint in file order. */
  next: string[];
  /** True when `next` was written explicitly. */
  explicitNext: boolean;
  metrics: Metrics;
  friction: number | null;
  frictionTerms: FrictionTerms;
  /** Its own volume x (drop_off, else 1 - conversion); null when either is missing. */
  customersLost: number | null;
  /** Share of those moving on from here who reach the journey's end, along its paths (0..1). */
  completionAfter: number;
  /**
   * The given `revenue_at_risk`, else customers lost x completion after x value per customer;
   * null when a factor is unknown (and in a `leave` journey without a given figure).
   */
  revenueAtRisk: number | null;
  revenueBasis: 'given' | 'computed' | null;
  /** The value per customer that applies here (its own, else the journey's). */
  valuePerCustomer: number | null;
  /** Period of its figures: its own `metrics.period`, else the journey's. */
  period?: string;
  confidence: Confidence;
  /** 1-based rank among hotspots, or null when not a hotspot. */
  hotspotRank: number | null;
  /** The whole touchpoint item. */
  range: Range;
  /** The `name` value (where a click on the map lands). */
  nameRange: Range;
}

export interface StageModel {
  index: number;
  id: string;
  idDerived: boolean;
  name: string;
  owner?: string;
  touchpointIndexes: number[];
  range: Range;
  nameRange: Range;
}

export interface PersonaRef {
  id: string;
  /** The persona's display name when a persona file defines it. */
  name?: string;
  color: string;
  defined: boolean;
  uri?: string;
  /** The persona's `share` of customers (0..1), when its file gives one. */
  share?: number;
  /** The persona's `quote`, when its file gives one (the map's persona chips show it on hover). */
  quote?: string;
}

export interface Hotspot {
  rank: number;
  touchpointIndex: number;
  touchpointId: string;
  name: string;
  stageId: string;
  friction: number;
  revenueAtRisk: number | null;
  customersLost: number | null;
  confidence: Confidence;
  period?: string;
}

export interface PeakEnd {
  peakIndex: number;
  peakEmotion: number;
  endIndex: number;
  endEmotion: number;
  /** (peak + end) / 2 */
  peakEnd: number;
  average: number;
}

export interface Funnel {
  /** rate(first) x completion after the first, along every path; null when no step has a rate. */
  completion: number | null;
  /** The journey's declared `completion_rate`, if any. */
  declared: number | null;
  /** Touchpoint indexes of the main path: from the first touchpoint until a branch, a loop or the end. */
  path: number[];
  /** How many touchpoints of `path` carry a rate. */
  measured: number;
  /** Touchpoints reachable from the first (itself included) without a rate, counted as passing all. */
  unmeasured: number;
  /** True when the path stopped at a branch before the last touchpoint. */
  branched: boolean;
  /** Every path from the first touchpoint to an end (the first MAX_PATHS, paths.ts), each with its funnel and completion. */
  paths: JourneyPath[];
  /** True when the journey has more paths than `paths` lists. */
  morePaths: boolean;
}

export interface JourneySummary {
  stageCount: number;
  touchpointCount: number;
  hotspotCount: number;
  /**
   * Revenue at risk at the hotspots (their sum, in the journey's period), or null when none is
   * known. Never a sum over all touchpoints: each touchpoint's figure is a separate what-if.
   */
  revenueAtRiskAtHotspots: number | null;
  /** Hotspots left out of that sum: their period cannot be converted to the journey's. */
  hotspotsNotSummed: number;
  /** The journey's revenue, for scale: first volume x funnel completion x value per customer. */
  journeyRevenue: number | null;
  period?: string;
  currency?: string;
}

/** A to-be journey against its as-is (`baseline`): `before` is the as-is, `after` this journey. */
export interface BaselineGain {
  id: string;
  title: string;
  uri: string;
  revenueAtRiskAtHotspots: { before: number | null; after: number | null; change: number | null };
  score: { before: number | null; after: number | null; change: number | null };
  completion: { before: number | null; after: number | null; change: number | null };
  /** Per curve: peak_end of the as-is and of this journey. */
  peakEnd: { persona: string; before: number | null; after: number | null }[];
}

export interface JourneyModel {
  kind: 'journey';
  uri: string;
  id: string;
  title: string;
  description?: string;
  type?: string;
  variant?: string;
  owner?: string;
  /** ISO 4217 code of every money figure of the journey. */
  currency?: string;
  goal?: string;
  businessOutcome?: string;
  emotionScale: { min: number; max: number; mid: number };
  /** Curves to draw: each persona of `personas`, or one ALL_CUSTOMERS curve. */
  personas: PersonaRef[];
  channels: { id: string; label: string }[];
  metrics: Metrics;
  stages: StageModel[];
  touchpoints: TouchpointModel[];
  hotspots: Hotspot[];
  frictionThreshold: number;
  /** Per curve key, absent when that curve has no emotion at all. */
  peakEnd: Record<string, PeakEnd>;
  funnel: Funnel;
  summary: JourneySummary;
  /** Journey score 0..100 and its terms (0..1 each). */
  score: { value: number | null; terms: ScoreTerms };
  /** A to-be journey's gain against its as-is, when the baseline is valid and readable. */
  baseline?: BaselineGain;
  /** The `journey:` id value. */
  idRange: Range;
  /** The metrics' history from the journey's data files (data.ts); absent without any. */
  history?: MetricHistory;
}

/** Metrics per period from a journey's data files: what trends are drawn from. */
export interface MetricHistory {
  /** Periods with figures, oldest first: the latest 24 at most. */
  periods: string[];
  /** One per touchpoint and metric with a figure; touchpoint '' is the journey. Values align with `periods`. */
  series: { touchpoint: string; metric: string; values: (number | null)[] }[];
}

export interface PersonaModel {
  kind: 'persona';
  uri: string;
  id: string;
  name: string;
  role?: string;
  segment?: string;
  share?: number;
  quote?: string;
  description?: string;
  goals: string[];
  frustrations: string[];
  needs: string[];
  motivations: string[];
  channels: string[];
  devices: string[];
  jobs: { when?: string; want?: string; so_that?: string }[];
  demographics: Record<string, string>;
  metrics: Metrics;
  color: string;
  evidence: string[];
  /** Journeys of the workspace that name this persona. */
  usedBy: { id: string; title: string; uri: string }[];
  idRange: Range;
}

export type FileModel = JourneyModel | PersonaModel;

/** The numeric keys of `metrics`, in the format's order (the model reads them; compare reports their changes). */
export const NUMERIC_METRICS = [
  'conversion',
  'drop_off',
  'completion_rate',
  'nps',
  'csat',
  'ces',
  'volume',
  'value_per_customer',
  'revenue_at_risk',
  'cost_to_serve',
  'responses',
  'escalations',
] as const;
