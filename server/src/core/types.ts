// Shared vocabulary of the analysis core. Everything here is plain data (JSON-safe), so the
// same values travel from the core to the CLI, over LSP, and into the webview.

/** 0-based, UTF-16 code units, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSetting = Severity | 'off';

/** The rule table of the spec, in its order. The names are the contract: never rename. */
export const RULES = {
  'yaml-syntax': { severity: 'error', summary: 'The YAML does not parse.' },
  schema: { severity: 'error', summary: 'Wrong type, missing required key, unknown key or enum value.' },
  'duplicate-id': { severity: 'error', summary: 'Two stages, two touchpoints or two workspace files share an id.' },
  'unknown-persona': { severity: 'error', summary: 'A persona id that no persona file defines.' },
  'unknown-reference': { severity: 'error', summary: '`next` names no touchpoint, or an emotion key names a persona not in `personas`.' },
  'emotion-range': { severity: 'error', summary: 'An emotion outside `emotion_scale`.' },
  'metric-range': { severity: 'error', summary: 'A metric outside its range.' },
  'unknown-channel': { severity: 'warning', summary: 'A channel that is neither built in nor declared in `channels`.' },
  'funnel-mismatch': { severity: 'warning', summary: '`conversion` + `drop_off` is off 1 by more than 0.005.' },
  'funnel-growth': { severity: 'warning', summary: '`volume` rises from a touchpoint to the next on a path with no branching.' },
  'empty-stage': { severity: 'warning', summary: 'A stage without touchpoints.' },
  'unmeasured-moment': { severity: 'warning', summary: 'A moment of truth without any metric.' },
  'low-end': { severity: 'warning', summary: "The journey ends below the emotion scale's midpoint." },
  'backstage-owner': { severity: 'info', summary: 'A backstage entry with no owner.' },
  'low-sample': { severity: 'info', summary: 'nps, csat or ces backed by fewer than 30 responses.' },
  'assumption-only': { severity: 'info', summary: 'A touchpoint whose only evidence is `assumption`.' },
  'data-file': { severity: 'error', summary: 'A data file missing or unreadable, or a row, column or value in it that is wrong.' },
  'newer-data': { severity: 'info', summary: 'A data file holds a later period than `metrics.period`.' },
  'friction-hotspot': { severity: 'info', summary: 'A touchpoint at or over the friction threshold.' },
  baseline: {
    severity: 'error',
    summary: '`baseline` on a journey that is not to-be, or naming no as-is journey with the same emotion scale.',
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleName = keyof typeof RULES;
export const RULE_NAMES = Object.keys(RULES) as RuleName[];

export interface Settings {
  /** Per-rule severity overrides; `off` silences a rule. */
  rules: Partial<Record<RuleName, RuleSetting>>;
  /** Friction at or above this makes a hotspot (spec default 0.6). */
  frictionThreshold: number;
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, frictionThreshold: 0.6 };

/** A machine-readable repair a client may offer as a quick fix. */
export type Fix =
  /** Replace the diagnostic's range with one of these texts (did-you-mean, 62 -> 0.62). */
  | { kind: 'replace'; title: string; texts: string[] }
  /** Create a persona file with this id (unknown-persona). */
  | { kind: 'create-persona'; personaId: string }
  /** Insert `drop_off: <value>` into the metrics map that holds `conversion`. */
  | { kind: 'insert-drop-off'; value: number; at: Position; text: string }
  /** Apply these edits together (newer-data: the latest figures written into the YAML). */
  | { kind: 'edits'; title: string; edits: { range: Range; newText: string }[] };

export interface JourneyDiagnostic {
  rule: RuleName;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
}

export type FileKind = 'journey' | 'persona';
