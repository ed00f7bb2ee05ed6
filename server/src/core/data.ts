// Data files (format: "Data files"): CSV files a journey names in `data`, holding its metrics
// per period. The core reads none of them itself: the caller hands in a `DataReader` (the
// language server and the CLI read from disk), so the core stays free of I/O. From the files'
// text come the `data-file` findings (each on the journey's `data` item, the message naming
// the CSV's line and column), `newer-data` with its fix (the latest figures written into the
// YAML), and the model's `history` (trends for the hover and the map).
import { csvParseRows } from 'd3-dsv';
import { isMap, isScalar, Pair, YAMLMap } from 'yaml';
import { readJourney } from './build';
import type { JourneyModel, MetricHistory } from './model';
import { AnyNode, getNode, getPair, LineIndex, nodeRange, pairs, ParsedFile, rootMap, scalarString, seqItems } from './parse';
import { comparePeriods, endsLater, PeriodSpan, periodSpan } from './periods';
import { closest } from './suggest';
import type { Fix, JourneyDiagnostic, Position, Range, RuleName } from './types';
import { RULES } from './types';
import { metricInRange, METRICS } from './vocabulary';

/**
 * A data file's text, or why it could not be read; or `pending`: a host that reads files
 * asynchronously (the browser's server, through the client) has not received it yet. A pending
 * file is left out of this analysis without a finding; the host analyses again when it arrives.
 */
export type DataText = { text: string } | { error: string } | { pending: true };
/** Reads a data file by its URI (resolved by the core from the journey's URI and the path written). */
export type DataReader = (uri: string) => DataText;

/** Data files above this are not read (the readers check the size before reading). */
export const MAX_DATA_BYTES = 10 * 1024 * 1024;
/** Findings per data file; the rest are counted in one last finding. */
export const MAX_PROBLEMS_PER_FILE = 20;
/** The model keeps the latest periods only: a trend, not the archive. */
export const MAX_TREND_PERIODS = 24;

/** The metric columns a data file may have: every numeric metric (not custom, period, source). */
export const DATA_METRICS: readonly string[] = Object.keys(METRICS).filter((k) => !METRICS[k].text && k !== 'custom');
const FORMS = '2026, 2026-H1, 2026-Q3, 2026-07, 2026-W27 or 2026-07-14';

export const tooLarge = (bytes: number): string =>
  `too large: ${(bytes / 1024 / 1024).toFixed(1)} MB; Journey Maps reads data files up to ${MAX_DATA_BYTES / 1024 / 1024} MB`;

/** One item of the journey's `data` list. */
export interface DataEntry {
  node: AnyNode;
  path: string;
  /** The file's URI, or null when the path is not a relative path. */
  uri: string | null;
}

/** The journey's `data` items, each resolved against the journey's URI. */
export function dataEntries(parsed: ParsedFile): DataEntry[] {
  const root = rootMap(parsed);
  if (!root || parsed.kind !== 'journey') return [];
  const out: DataEntry[] = [];
  for (const node of seqItems(parsed, getNode(parsed, root, 'data'))) {
    const path = scalarString(node);
    if (path === undefined || !isScalar(node)) continue;
    out.push({ node, path, uri: resolveDataUri(parsed.uri, path) });
  }
  return out;
}

/** `data/x.csv` against `file:///w/j.journey.yaml` is `file:///w/data/x.csv`; absolute paths and URLs are refused. */
export function resolveDataUri(journeyUri: string, path: string): string | null {
  const p = path.trim();
  if (p === '' || /^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('/') || p.includes('\\')) return null;
  // The journey's URI as scheme and authority, then its path (no URL class: the core has no DOM or Node).
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)$/i.exec(journeyUri);
  if (!m) return null;
  const dirs = m[2].split('/').slice(0, -1);
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (dirs.length > 1) dirs.pop();
    } else dirs.push(encodeURIComponent(segment));
  }
  return `${m[1]}${dirs.join('/')}`;
}

// ---- Reading a CSV ----

interface DataRow {
  /** 1-based line of the CSV where the row starts. */
  line: number;
  fields: string[];
}

interface ParsedCsv {
  rows: DataRow[];
}

const parses = new Map<string, { text: string; csv: ParsedCsv }>();

/** The rows of a CSV with the line each starts on; a BOM is dropped. Parsed once per text. */
export function parseCsv(uri: string, text: string): ParsedCsv {
  const cached = parses.get(uri);
  if (cached && cached.text === text) return cached.csv;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: DataRow[] = [];
  let line = 1;
  for (const fields of csvParseRows(body)) {
    rows.push({ line, fields });
    // A row takes one line plus the line breaks inside its quoted fields.
    line += 1;
    for (const f of fields) if (f.length > 0) line += lineBreaks(f);
  }
  const csv = { rows };
  if (parses.size >= 32) parses.delete(parses.keys().next().value as string);
  parses.set(uri, { text, csv });
  return csv;
}

function lineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** A value of the CSV as a message quotes it: on one line, and short. */
function quote(value: string): string {
  const one = value.replace(/\r\n|\r|\n/g, '\\n');
  return `"${one.length > 60 ? `${one.slice(0, 59)}…` : one}"`;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

// ---- Checking a journey's data ----

export interface DataResult {
  diagnostics: JourneyDiagnostic[];
  history: MetricHistory | null;
}

/** A figure of one period for the journey ('') or a touchpoint. */
interface Figure {
  period: string;
  span: PeriodSpan;
  touchpoint: string;
  metric: string;
  value: number;
  text: string;
  entry: DataEntry;
}

/** Checks every data file of a journey and reads its history; nothing when there is no reader. */
export function checkData(parsed: ParsedFile, model: JourneyModel, read: DataReader | undefined): DataResult {
  const entries = dataEntries(parsed);
  if (!read || entries.length === 0) return { diagnostics: [], history: null };
  const diagnostics: JourneyDiagnostic[] = [];
  const emit = (rule: RuleName, node: AnyNode, message: string, fix?: Fix) =>
    diagnostics.push({ rule, severity: RULES[rule].severity, message, range: nodeRange(parsed, node), ...(fix ? { fix } : {}) });
  const touchpoints = new Set(model.touchpoints.map((t) => t.id));
  const figures: Figure[] = [];
  for (const entry of entries) {
    const name = entry.path.trim();
    if (entry.uri === null) {
      emit(
        'data-file',
        entry.node,
        `${name}: a data file is named by a path relative to the journey (like data/${model.id || 'journey'}.csv).`,
      );
      continue;
    }
    let got: DataText;
    try {
      got = read(entry.uri);
    } catch (e) {
      got = { error: e instanceof Error ? e.message : String(e) };
    }
    if ('pending' in got) continue;
    if ('error' in got) {
      emit('data-file', entry.node, `${name} cannot be read: ${got.error}.`);
      continue;
    }
    if (got.text.length > MAX_DATA_BYTES) {
      emit('data-file', entry.node, `${name} is ${tooLarge(got.text.length)}.`);
      continue;
    }
    const problems: string[] = [];
    readFigures(parseCsv(entry.uri, got.text), touchpoints, entry, problems, figures);
    for (const p of problems.slice(0, MAX_PROBLEMS_PER_FILE)) emit('data-file', entry.node, `${name} ${p}`);
    if (problems.length > MAX_PROBLEMS_PER_FILE) {
      emit('data-file', entry.node, `${name}: ${problems.length - MAX_PROBLEMS_PER_FILE} more problems not shown.`);
    }
  }
  newerData(parsed, model, figures, emit);
  return { diagnostics, history: historyOf(figures) };
}

function readFigures(csv: ParsedCsv, touchpoints: Set<string>, entry: DataEntry, problems: string[], figures: Figure[]): void {
  const [header, ...rows] = csv.rows;
  if (!header || header.fields.every((f) => f.trim() === '')) {
    problems.push('line 1: no header row (period, touchpoint and metric keys).');
    return;
  }
  const columns = header.fields.map((f) => f.trim());
  const at = (line: number, col: number) =>
    `line ${line}, column ${col + 1}${columns[col] ? ` (${quote(columns[col]).slice(1, -1)})` : ''}`;
  const seen = new Set<string>();
  const metricColumns: number[] = [];
  columns.forEach((c, i) => {
    if (seen.has(c)) problems.push(`${at(header.line, i)}: the column ${quote(c)} is already given.`);
    else if (c !== 'period' && c !== 'touchpoint' && !DATA_METRICS.includes(c)) {
      const near = closest(c, ['period', 'touchpoint', ...DATA_METRICS]);
      problems.push(
        `${at(header.line, i)}: unknown column ${quote(c)}` +
          `${near.length ? `. Did you mean "${near[0]}"?` : '; columns are period, touchpoint and metric keys.'}`,
      );
    } else if (DATA_METRICS.includes(c)) metricColumns.push(i);
    seen.add(c);
  });
  const periodCol = columns.indexOf('period');
  const touchpointCol = columns.indexOf('touchpoint');
  if (periodCol < 0) {
    problems.push(`line ${header.line}: no "period" column.`);
    return;
  }
  const ids = [...touchpoints];
  for (const row of rows) {
    const f = row.fields;
    if (f.length === 1 && f[0].trim() === '') continue; // a blank line
    if (f.length > columns.length) problems.push(`${at(row.line, columns.length)}: a value beyond the header's ${columns.length} columns.`);
    const period = (f[periodCol] ?? '').trim();
    const span = periodSpan(period);
    if (!span) {
      problems.push(`${at(row.line, periodCol)}: ${period ? `${quote(period)} is not a period` : 'no period'}; write ${FORMS}.`);
      continue;
    }
    const touchpoint = touchpointCol >= 0 ? (f[touchpointCol] ?? '').trim() : '';
    if (touchpoint !== '' && !touchpoints.has(touchpoint)) {
      const near = closest(touchpoint, ids);
      problems.push(
        `${at(row.line, touchpointCol)}: no touchpoint ${quote(touchpoint)} in this journey.` +
          `${near.length ? ` Did you mean "${near[0]}"?` : ''}`,
      );
      continue;
    }
    for (const col of metricColumns) {
      const text = (f[col] ?? '').trim();
      if (text === '') continue;
      const metric = columns[col];
      const info = METRICS[metric];
      if (!NUMBER.test(text)) {
        problems.push(`${at(row.line, col)}: ${quote(text)} is not a number.`);
        continue;
      }
      const value = Number(text);
      if (!Number.isFinite(value) || !metricInRange(info, value)) {
        const why =
          info.integer && Number.isFinite(value) && !Number.isInteger(value)
            ? `is not a whole number (${info.range})`
            : `is outside ${info.range}`;
        problems.push(`${at(row.line, col)}: ${metric} ${quote(text).slice(1, -1)} ${why}.`);
        continue;
      }
      figures.push({ period, span, touchpoint, metric, value, text: String(value), entry });
    }
  }
}

function historyOf(figures: Figure[]): MetricHistory | null {
  if (figures.length === 0) return null;
  const spans = new Map<string, PeriodSpan>();
  for (const f of figures) spans.set(f.period, f.span);
  const periods = [...spans.keys()].sort((a, b) => comparePeriods(spans.get(a)!, spans.get(b)!)).slice(-MAX_TREND_PERIODS);
  const column = new Map(periods.map((p, i) => [p, i]));
  const series = new Map<string, MetricHistory['series'][number]>();
  for (const f of figures) {
    const i = column.get(f.period);
    if (i === undefined) continue;
    const key = `${f.touchpoint}\u0000${f.metric}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { touchpoint: f.touchpoint, metric: f.metric, values: periods.map(() => null) }));
    s.values[i] = f.value; // a later row of the same period wins
  }
  return { periods, series: [...series.values()] };
}

// ---- newer-data and its fix ----

function newerData(
  parsed: ParsedFile,
  model: JourneyModel,
  figures: Figure[],
  emit: (rule: RuleName, node: AnyNode, message: string, fix?: Fix) => void,
): void {
  const current = model.metrics.period !== undefined ? periodSpan(model.metrics.period) : null;
  if (!current || figures.length === 0) return;
  let latest = figures[0];
  for (const f of figures) if (comparePeriods(f.span, latest.span) > 0) latest = f;
  if (!endsLater(latest.span, current)) return;
  const newest = figures.filter((f) => f.period === latest.period);
  const edits = newerDataEdits(parsed, latest.period, newest);
  emit(
    'newer-data',
    latest.entry.node,
    `${latest.entry.path.trim()} holds figures for ${latest.period}, later than the journey's metrics.period ${model.metrics.period}.`,
    { kind: 'edits', title: `Write the ${latest.period} figures into the journey`, edits },
  );
}

export interface TextEditLike {
  range: Range;
  newText: string;
}

/**
 * The edits that write one period's figures into the YAML: each metric's value replaced where
 * it stands, or added to its metrics map (or a new `metrics` map), and `period` set on the
 * journey (and on a touchpoint that gives its own). Positions come from the document's nodes,
 * so comments and layout elsewhere stay as written.
 */
export function newerDataEdits(
  parsed: ParsedFile,
  period: string,
  figures: { touchpoint: string; metric: string; text: string }[],
): TextEditLike[] {
  const j = readJourney(parsed);
  const root = rootMap(parsed);
  if (!j || !root) return [];
  const byOwner = new Map<string, [string, string][]>();
  for (const f of figures) {
    const list = byOwner.get(f.touchpoint) ?? [];
    const i = list.findIndex(([k]) => k === f.metric);
    if (i >= 0) list[i] = [f.metric, f.text];
    else list.push([f.metric, f.text]);
    byOwner.set(f.touchpoint, list);
  }
  const edits: TextEditLike[] = [];
  const journeyValues = byOwner.get('') ?? [];
  edits.push(...setMetrics(parsed, root, [...journeyValues, ['period', period]]));
  for (const t of j.touchpoints) {
    const values = byOwner.get(t.id);
    if (!values) continue;
    const own = getNode(parsed, getNode(parsed, t.node, 'metrics'), 'period');
    edits.push(...setMetrics(parsed, t.node, own ? [...values, ['period', period]] : values));
    byOwner.delete(t.id); // a repeated id is written once, to the first touchpoint
  }
  return edits;
}

function setMetrics(parsed: ParsedFile, owner: AnyNode, values: [string, string][]): TextEditLike[] {
  const metrics = getNode(parsed, owner, 'metrics');
  if (!isMap(metrics)) {
    if (getPair(owner, 'metrics')) return []; // `metrics:` holds something else: the schema reports it
    const flow = values.map(([k, v]) => `${k}: ${v}`).join(', ');
    return appendPair(parsed, owner as YAMLMap, `metrics: { ${flow} }`);
  }
  const edits: TextEditLike[] = [];
  for (const [k, v] of values) {
    const node = getNode(parsed, metrics, k);
    if (isScalar(node) && node.range) {
      if (scalarString(node) !== v) edits.push({ range: nodeRange(parsed, node), newText: v });
    } else if (!getPair(metrics, k)) edits.push(...appendPair(parsed, metrics as YAMLMap, `${k}: ${v}`));
  }
  return edits;
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;

/**
 * Adds `key: value` to a map: after its last item in flow style; in block style on a line of
 * its own after the last item (or the first, when the last is a block), else before the first.
 */
function appendPair(parsed: ParsedFile, map: YAMLMap, pairText: string): TextEditLike[] {
  const at = (offset: number): Position => parsed.lines.position(offset);
  const insert = (offset: number, text: string): TextEditLike[] => [{ range: { start: at(offset), end: at(offset) }, newText: text }];
  const items = pairs(map);
  const first = items[0];
  const last = items[items.length - 1];
  if (map.flow) {
    const end = (last?.value as Ranged)?.range?.[1] ?? (last?.key as Ranged)?.range?.[1];
    if (end !== undefined) return insert(end, `, ${pairText}`);
    const close = map.range ? map.range[1] - 1 : -1;
    return close >= 0 && parsed.text[close] === '}' ? insert(close, pairText) : [];
  }
  const firstKey = (first?.key as Ranged)?.range;
  if (!firstKey) return [];
  const indent = ' '.repeat(at(firstKey[0]).character);
  const eol = parsed.text.includes('\r\n') ? '\r\n' : '\n';
  const after = (p: Pair<unknown, unknown>): TextEditLike[] | null => {
    const end = (p.value as Ranged)?.range?.[1];
    if (!isScalar(p.value) || end === undefined) return null;
    return insert(parsed.lines.lineEnd(at(end).line), `${eol}${indent}${pairText}`);
  };
  const done = after(last) ?? after(first);
  if (done) return done;
  const lineStart = parsed.lines.offset({ line: at(firstKey[0]).line, character: 0 });
  return parsed.text.slice(lineStart, firstKey[0]).trim() === '' ? insert(lineStart, `${indent}${pairText}${eol}`) : [];
}

/** The text with the edits applied (they do not overlap; `journeymap lint --fix` writes this). */
export function applyEdits(text: string, edits: TextEditLike[]): string {
  const lines = new LineIndex(text);
  const at = edits
    .map((e, i) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText, i }))
    // From the end backwards; inserts at one point keep their order (as LSP applies them).
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of at) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
