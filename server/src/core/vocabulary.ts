// The spec's fixed vocabulary in one place: built-in channels, the metric table, pain-point
// severities, evidence kinds, journey types and variants. Rules, completion, hover and the
// schema read these lists, so a word added here shows up everywhere at once.

/** Channels every journey may use without declaring them (spec, "Built-in channels"). */
export const BUILT_IN_CHANNELS: readonly string[] = [
  'web',
  'mobile-app',
  'email',
  'sms',
  'push',
  'phone',
  'chat',
  'social',
  'store',
  'branch',
  'mail',
  'kiosk',
  'in-product',
  'wearable',
  'voice-assistant',
  'ai-agent',
  'partner',
  'field-service',
  'other',
];

export interface MetricInfo {
  /** What the figure means, in the spec's words. */
  meaning: string;
  /** The range as the spec writes it (`0..1`, `integer >= 0`, `string`). */
  range: string;
  min?: number;
  max?: number;
  integer?: boolean;
  /** A share written as 0..1, so `62` is a percentage that the quick fix turns into `0.62`. */
  rate?: boolean;
  /** A text value (period, source) rather than a number. */
  text?: boolean;
}

/** The spec's metric table, in its order. `custom` holds `{ name: number }` for anything else. */
export const METRICS: Record<string, MetricInfo> = {
  conversion: { meaning: 'share of those entering who move on', range: '0..1', min: 0, max: 1, rate: true },
  drop_off: { meaning: 'share of those entering who leave here', range: '0..1', min: 0, max: 1, rate: true },
  completion_rate: { meaning: 'journey starts that end in the goal', range: '0..1', min: 0, max: 1, rate: true },
  nps: { meaning: 'Net Promoter Score', range: '-100..100', min: -100, max: 100 },
  csat: { meaning: '% satisfied (4-5 of 5)', range: '0..100', min: 0, max: 100 },
  ces: { meaning: 'Customer Effort Score 2.0, mean of 1-7', range: '1..7', min: 1, max: 7 },
  volume: { meaning: 'customers entering per period', range: 'integer >= 0', min: 0, integer: true },
  value_per_customer: { meaning: 'revenue of one completed journey', range: '>= 0', min: 0 },
  revenue_at_risk: { meaning: 'money lost here per period', range: '>= 0', min: 0 },
  cost_to_serve: { meaning: 'cost per customer here', range: '>= 0', min: 0 },
  responses: { meaning: 'survey sample size behind nps/csat/ces', range: 'integer >= 0', min: 0, integer: true },
  escalations: { meaning: 'escalated cases per period', range: 'integer >= 0', min: 0, integer: true },
  period: { meaning: 'when measured, e.g. `2026-Q3`', range: 'string', text: true },
  source: { meaning: 'where the figures come from', range: 'string', text: true },
  custom: { meaning: '`{ name: number }` for anything else', range: 'numbers' },
};

export const METRIC_NAMES: readonly string[] = Object.keys(METRICS);

/** Pain-point severities, mildest first; a plain-string pain point is `medium`. */
export const SEVERITIES: readonly string[] = ['low', 'medium', 'high', 'critical'];

export const EVIDENCE_KINDS: readonly string[] = [
  'analytics',
  'survey',
  'interview',
  'support',
  'transaction',
  'observation',
  'assumption',
];

export const JOURNEY_TYPES: readonly string[] = ['shop-learn-buy', 'onboard', 'pay', 'use', 'get-help', 'change', 'leave', 'other'];

export const VARIANTS: readonly string[] = ['as-is', 'to-be'];

/** True when `value` lies in the metric's numeric range (integers where the spec says so). */
export function metricInRange(info: MetricInfo, value: number): boolean {
  if (info.min !== undefined && value < info.min) return false;
  if (info.max !== undefined && value > info.max) return false;
  if (info.integer && !Number.isInteger(value)) return false;
  return true;
}
