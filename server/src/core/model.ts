// The journey model: what the preview draws, what hover and code lens read, what the CLI
// renders. Plain JSON-safe data computed by the core from one file plus the workspace index.
// The webview imports it too, so it holds types and two tiny dependency-free helpers only.
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

export interface Opportunity extends TextItem {
  owner?: string;
  link?: string;
}

export interface BackstageEntry extends TextItem {
  owner?: string;
  system?: string;
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
  revenueAtRisk: number | null;
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
}

export interface Hotspot {
  rank: number;
  touchpointIndex: number;
  touchpointId: string;
  name: string;
  friction: number;
  revenueAtRisk: number | null;
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
  /** Product of conversion (or 1 - drop_off) along the unbranched path; null if unknown. */
  completion: number | null;
  /** The journey's declared `completion_rate`, if any. */
  declared: number | null;
  /** Touchpoint indexes of the path from the first touchpoint until a branch or the end. */
  path: number[];
  /** How many touchpoints of the path carry a rate. */
  measured: number;
  /** True when the path stopped at a branch before the last touchpoint. */
  branched: boolean;
}

export interface JourneySummary {
  stageCount: number;
  touchpointCount: number;
  hotspotCount: number;
  /** Sum of the known revenue at risk of all touchpoints, or null if none is known. */
  revenueAtRisk: number | null;
  period?: string;
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
  /** The `journey:` id value. */
  idRange: Range;
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
