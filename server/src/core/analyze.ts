// The facade of the analysis core: text in, diagnostics and model out. The LSP server and the
// CLI both call `analyzeText`, so their diagnostics agree by construction.
import { buildModel } from './build';
import { checkData, DataReader } from './data';
import type { FileModel } from './model';
import { parseFile, ParsedFile } from './parse';
import { runRules } from './rules';
import { checkSchema } from './schema';
import { DEFAULT_SETTINGS, JourneyDiagnostic, RULES, Settings } from './types';
import type { WorkspaceIndex } from './workspace';

export interface FileAnalysis {
  parsed: ParsedFile;
  diagnostics: JourneyDiagnostic[];
  /** Null when the file has a YAML syntax error or no usable root map. */
  model: FileModel | null;
  /**
   * Findings on the lines an explained YAML mistake repairs (`ParsedFile.recovered`), away from
   * the repair itself: they wait for the fix, and are not reported until then; a fix's check
   * counts them as there already. (A finding over the repair is the repair's doing.)
   */
  waiting?: JourneyDiagnostic[];
}

/** `readData` reads the journey's data files (the caller's I/O); without it they are not checked. */
export function analyzeText(
  uri: string,
  text: string,
  index: WorkspaceIndex,
  settings: Settings = DEFAULT_SETTINGS,
  readData?: DataReader,
): FileAnalysis {
  return analyzeParsed(parseFile(uri, text), index, settings, readData);
}

/**
 * Runs one phase of the analysis and returns its result; a host that profiles (the server
 * under `JM_SERVER_PROF`) times each phase by name. The core has no clock of its own.
 */
export type PhaseTimer = <T>(phase: string, run: () => T) => T;
const untimed: PhaseTimer = (_phase, run) => run();

export function analyzeParsed(
  parsed: ParsedFile,
  index: WorkspaceIndex,
  settings: Settings = DEFAULT_SETTINGS,
  readData?: DataReader,
  time: PhaseTimer = untimed,
): FileAnalysis {
  const steps = analysisSteps(parsed, index, settings, readData, time);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * What an analysis has when it pauses (`analysisSteps`): `checked` after the YAML and the
 * schema (their diagnostics, severities applied, as a thunk: only a caller that publishes them
 * early pays for it); `modelled` once the model is built and its data files read, before the
 * journey rules run.
 */
export type AnalysisStep = { stage: 'checked'; diagnostics: () => JourneyDiagnostic[] } | { stage: 'modelled'; model: FileModel | null };

/**
 * `analyzeParsed` in steps, for a host that sends what is ready before the rest is done: the
 * server publishes a big file's YAML and schema findings before its journey rules on open, and
 * sends the model to a map before the rules run. A file that does not parse has no steps.
 */
export function* analysisSteps(
  parsed: ParsedFile,
  index: WorkspaceIndex,
  settings: Settings = DEFAULT_SETTINGS,
  readData?: DataReader,
  time: PhaseTimer = untimed,
): Generator<AnalysisStep, FileAnalysis> {
  const found: JourneyDiagnostic[] = [...parsed.syntax];
  const broken = parsed.syntax.some((d) => d.severity === 'error');
  let model: FileModel | null = null;
  let waiting: JourneyDiagnostic[] | undefined;
  if (!broken && parsed.doc) {
    found.push(...time('schema', () => checkSchema(parsed)));
    const checked = [...found];
    yield { stage: 'checked', diagnostics: () => applySeverities(checked, settings) };
    const built = time('model', () => buildModel(parsed, index, settings));
    model = built;
    // The data files before the rules (the rules do not read them): the model is whole here.
    if (built?.kind === 'journey') {
      const data = time('data', () => checkData(parsed, built, readData));
      found.push(...data.diagnostics);
      if (data.history) built.history = data.history;
    }
    yield { stage: 'modelled', model: built };
    found.push(...time('rules', () => runRules(parsed, built, index, settings)));
  } else if (parsed.recovered) {
    // The mistakes are explained and the text parses with them repaired: check the rest of the
    // file on that parse. Findings on the repaired lines wait for the fix; the map waits too.
    const { parsed: repaired, lines, repairs } = parsed.recovered;
    const touched = new Set(lines);
    const rest = analyzeParsed(repaired, index, settings, readData);
    const onRepaired = (d: JourneyDiagnostic): boolean => touched.has(d.range.start.line) || touched.has(d.range.end.line);
    const overRepair = (d: JourneyDiagnostic): boolean =>
      repairs.some(
        (r) =>
          (d.range.start.line < r.line || (d.range.start.line === r.line && d.range.start.character <= r.to)) &&
          (d.range.end.line > r.line || (d.range.end.line === r.line && d.range.end.character >= r.from)),
      );
    found.push(...rest.diagnostics.filter((d) => !onRepaired(d)));
    waiting = rest.diagnostics.filter((d) => onRepaired(d) && !overRepair(d));
  }
  return { parsed, diagnostics: time('severities', () => applySeverities(found, settings)), model, ...(waiting ? { waiting } : {}) };
}

/** Applies the user's per-rule severities (or `off`) and sorts by position. */
export function applySeverities(found: JourneyDiagnostic[], settings: Settings): JourneyDiagnostic[] {
  const out: JourneyDiagnostic[] = [];
  for (const d of found) {
    const setting = settings.rules[d.rule];
    if (setting === 'off') continue;
    // yaml's own warnings keep their lower severity unless the user overrides the rule.
    const severity = setting ?? (d.rule === 'yaml-syntax' ? d.severity : RULES[d.rule].severity);
    out.push({ ...d, severity, message: clipMessage(d.message) });
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule),
  );
}

/** Longer messages keep their start and end: they quote the user's values, which may be huge. */
export const MAX_MESSAGE_LENGTH = 500;

/** Control characters shown as escapes, and a 100,000-character value never a 100 KB message. */
export function clipMessage(message: string): string {
  const m = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (m.length <= MAX_MESSAGE_LENGTH) return m;
  // Cut between characters, never inside a surrogate pair.
  const cut = (at: number) => (/[\udc00-\udfff]/.test(m[at] ?? '') ? at - 1 : at);
  return `${m.slice(0, cut(320))} … ${m.slice(cut(m.length - 150))}`;
}
