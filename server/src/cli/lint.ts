// `journeymap lint`: the CI face of the analysis core. It indexes every journey and persona
// file under the root (as the language server indexes its workspace folders), then runs
// `analyzeText` on the files named and prints their diagnostics. Exit 0: no errors; 1: errors;
// 2: a usage or I/O failure.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeText, FileAnalysis } from '../core/analyze';
import { fixHolds } from '../core/fixCheck';
import { isJourneyOrPersonaFile } from '../core/parse';
import { DEFAULT_SETTINGS, JourneyDiagnostic, RULES, RuleName, RuleSetting, Settings } from '../core/types';
import { WorkspaceIndex } from '../core/workspace';
import { readDataFile } from '../readData';
import { oneOf, walkArgs } from './args';
import { displayPath, isFolder, resolveTargets, UsageError, walk } from './files';
import { applySafeFixes, heldFixIndexes, TextEdit } from './fix';
import { AnalyseNeeds, analyseInParallel, workerCount } from './parallel';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatStylish } from './format/stylish';

export const CONFIG_FILE = '.journeymaprc.json';

const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'hint', 'off'];

export const LINT_HELP = `Usage: journeymap lint [paths or globs...] [options]

Checks journey and persona files (folders recursively; default: the working directory).
References and duplicate ids resolve against every journey and persona file under --root.

Options:
  -f, --format stylish|json|sarif   output format (default: stylish)
  --root DIR                        workspace root for references (default: working directory)
  --rule NAME=SEVERITY              set a rule to error|warning|info|hint|off (repeatable)
  --friction-threshold N            friction (0..1) at which a touchpoint is a hotspot (default 0.6)
  --fix                             write the fixes that need no choice into the files (one
                                    did-you-mean or value, drop_off from conversion, the
                                    latest figures of newer data files), then
                                    report what is left; one line on stderr per file written
  --max-warnings N                  exit 1 when more than N warnings are left (as ESLint)
  --docs-url URL                    where the docs folder is served: SARIF links each rule to
                                    URL/rules.md#RULE (default: no links)
  -h, --help                        show this help

A ${CONFIG_FILE} at the root may hold { "rules": { "NAME": "SEVERITY" }, "friction": { "threshold": N },
"docsUrl": URL }; options on the command line win over it.

Lines and characters in the json format are 0-based (as in LSP); stylish and sarif count from 1.

Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage or I/O failure.
`;

/** One file named on the command line, with its diagnostics. */
export interface LintedFile {
  /** Relative to the working directory, with `/` separators. */
  file: string;
  absolute: string;
  text: string;
  diagnostics: JourneyDiagnostic[];
  /** Findings waiting for a YAML mistake's fix (`FileAnalysis.waiting`). */
  waiting?: JourneyDiagnostic[];
  /** Another text of this file analysed as this one was (same index, settings, data): a fix's check. */
  reanalyse?: (text: string) => FileAnalysis;
  /** Per diagnostic, the indexes of its fixes that pass the fix check (`heldFixIndexes`): SARIF offers only these. */
  heldFixes?: number[][];
}

interface LintOptions {
  paths: string[];
  format: Format;
  root?: string;
  rules: Partial<Record<RuleName, RuleSetting>>;
  frictionThreshold?: number;
  fix: boolean;
  maxWarnings?: number;
  docsUrl?: string;
  help: boolean;
}

export interface LintIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  color: boolean;
  version: string;
}

export async function runLint(argv: string[], io: LintIO): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(LINT_HELP);
      return 0;
    }
    const root = path.resolve(io.cwd, options.root ?? '.');
    if (!isFolder(root)) throw new UsageError(`--root is not a folder: ${options.root}`);
    const settings = settingsFor(root, options);
    const docsUrl = options.docsUrl ?? readConfig(root).docsUrl;
    const named = resolveTargets(options.paths.length ? options.paths : ['.'], io.cwd);
    // SARIF offers fixes: each is checked as the language server checks its quick fixes.
    const needs: AnalyseNeeds = { model: false, vetFixes: options.format === 'sarif' };
    // --fix lints again after each pass: in this thread, as the fixes are written one file at a time.
    let linted = options.fix
      ? lintFiles(named, root, settings, io, needs)
      : (await analyseFilesInParallel(named, root, settings, io, 'lint', needs)).map(toLinted);
    if (options.fix) linted = fixFiles(linted, () => lintFiles(named, root, settings, io, needs), io);
    io.stdout(render(linted, options.format, io, docsUrl));
    if (linted.some((f) => f.diagnostics.some((d) => d.severity === 'error'))) return 1;
    const warnings = linted.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'warning').length, 0);
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      io.stderr(`journeymap lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`journeymap lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Indexes the workspace, then analyses each named file with the same calls as the server. */
export function lintFiles(
  named: string[],
  root: string,
  settings: Settings,
  io: Pick<LintIO, 'cwd' | 'stderr'>,
  needs: AnalyseNeeds = { model: false, vetFixes: false },
): LintedFile[] {
  return analyseFiles(named, root, settings, io, 'lint', needs).map(toLinted);
}

function toLinted({ analysis, ...f }: AnalysedFile): LintedFile {
  return {
    ...f,
    diagnostics: analysis.diagnostics,
    ...(analysis.waiting ? { waiting: analysis.waiting } : {}),
    ...(analysis.heldFixes ? { heldFixes: analysis.heldFixes } : {}),
  };
}

/** One named file with its analysis (diagnostics and model). */
export interface AnalysedFile {
  file: string;
  absolute: string;
  text: string;
  analysis: Pick<FileAnalysis, 'diagnostics' | 'model' | 'waiting'> & { heldFixes?: number[][] };
  /** Another text of this file analysed as this one was (in this thread only: `--fix` runs here). */
  reanalyse?: (text: string) => FileAnalysis;
}

/** The named files and every journey and persona file under the root, read once. */
function readWorkspace(named: string[], root: string, io: Pick<LintIO, 'cwd' | 'stderr'>, command: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of named) texts.set(file, readText(file));
  // The rest of the workspace only lends references: what cannot be read is skipped, as in the editor.
  const skip = (what: string, e: Error): void =>
    io.stderr(`journeymap ${command}: skipped unreadable ${displayPath(what, io.cwd)}: ${e.message}\n`);
  for (const file of walk(root, isJourneyOrPersonaFile, skip)) {
    if (texts.has(file)) continue;
    try {
      texts.set(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      skip(file, e as Error);
    }
  }
  return texts;
}

/** Indexes every journey and persona file under the root, then analyses the named ones, in this thread. */
export function analyseFiles(
  named: string[],
  root: string,
  settings: Settings,
  io: Pick<LintIO, 'cwd' | 'stderr'>,
  command: string,
  needs: AnalyseNeeds = { model: true, vetFixes: false },
): AnalysedFile[] {
  return analyseTexts(named, readWorkspace(named, root, io, command), settings, io, needs);
}

function analyseTexts(
  named: string[],
  texts: Map<string, string>,
  settings: Settings,
  io: Pick<LintIO, 'cwd'>,
  needs: AnalyseNeeds,
): AnalysedFile[] {
  const index = new WorkspaceIndex();
  for (const [file, text] of texts) index.update(uriOf(file), text);
  const byUri = new Map([...texts].map(([file, text]) => [uriOf(file), text] as const));
  index.textOf = (uri) => byUri.get(uri);
  return named.map((file) => {
    const text = texts.get(file) ?? '';
    const reanalyse = (t: string): FileAnalysis => analyzeText(uriOf(file), t, index, settings, readDataFile);
    const a = reanalyse(text);
    // Only what the caller reads is kept: a parse or a model per file of a large workspace
    // held to the end is most of the memory (lint of 5,000 files peaked at 850 MB keeping them).
    const analysis: AnalysedFile['analysis'] = {
      diagnostics: a.diagnostics,
      model: needs.model ? a.model : null,
      ...(a.waiting ? { waiting: a.waiting } : {}),
    };
    if (needs.vetFixes) analysis.heldFixes = heldFixIndexes(text, analysis.diagnostics, analysis.waiting, (t) => reanalyse(t).diagnostics);
    return { file: displayPath(file, io.cwd), absolute: file, text, analysis, reanalyse };
  });
}

/**
 * The same as analyseFiles, on worker threads when the workspace is large (parallel.ts:
 * `workerCount`, `JM_WORKERS`): the same results in the same order.
 */
export async function analyseFilesInParallel(
  named: string[],
  root: string,
  settings: Settings,
  io: Pick<LintIO, 'cwd' | 'stderr'>,
  command: string,
  needs: AnalyseNeeds,
): Promise<AnalysedFile[]> {
  const texts = readWorkspace(named, root, io, command);
  const workers = workerCount(texts.size);
  if (workers <= 1) return analyseTexts(named, texts, settings, io, needs);
  const { results } = await analyseInParallel(
    [...texts].map(([file, text]) => [uriOf(file), text]),
    named.map((file) => [uriOf(file), texts.get(file) ?? '']),
    settings,
    workers,
    __filename,
    needs,
  );
  return named.map((file, i) => ({ file: displayPath(file, io.cwd), absolute: file, text: texts.get(file) ?? '', analysis: results[i] }));
}

/**
 * `--fix`: writes each file's safe fixes, lints again, and repeats while a pass changed
 * something (a fix that waited for an overlapping one), at most 10 passes, as ESLint does.
 */
function fixFiles(linted: LintedFile[], lintAgain: () => LintedFile[], io: Pick<LintIO, 'stderr'>): LintedFile[] {
  const fixed = new Map<string, string[]>();
  const refused = new Set<string>();
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    for (const f of linted) {
      if (refused.has(f.file)) continue;
      // Only fixes whose result passes the rules at the place they fix (core/fixCheck.ts).
      const reanalyse = f.reanalyse;
      const before = [...f.diagnostics, ...(f.waiting ?? [])];
      const holds = reanalyse ? (edits: TextEdit[]) => fixHolds(f.text, before, edits, (t) => reanalyse(t).diagnostics) : undefined;
      const { text, applied } = applySafeFixes(f.text, f.diagnostics, holds);
      if (text === f.text) continue;
      // Text read from bytes that are not UTF-8 holds U+FFFD where they were: writing it back
      // would change bytes outside every fix's range.
      if (!readBytes(f.absolute).equals(Buffer.from(f.text, 'utf8'))) {
        refused.add(f.file);
        io.stderr(
          `journeymap lint: not fixing ${f.file}: it is not valid UTF-8 (or changed while it was checked), ` +
            'and writing it would change bytes no fix touches\n',
        );
        continue;
      }
      try {
        fs.writeFileSync(f.absolute, text);
      } catch (e) {
        throw new UsageError(`cannot write ${f.file}: ${(e as Error).message}`);
      }
      fixed.set(f.file, [...(fixed.get(f.file) ?? []), ...applied.map((d) => d.rule)]);
      changed = true;
    }
    if (!changed) break;
    linted = lintAgain();
  }
  for (const [file, rules] of fixed) {
    io.stderr(
      `journeymap lint: fixed ${rules.length} ${rules.length === 1 ? 'problem' : 'problems'} in ${file} ` +
        `(${[...new Set(rules)].join(', ')})\n`,
    );
  }
  return linted;
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** The URI the language server would see for this file. */
export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function render(files: LintedFile[], format: Format, io: LintIO, docsUrl: string | undefined): string {
  switch (format) {
    case 'json':
      return formatJson(files);
    case 'sarif':
      return formatSarif(files, io.version, docsUrl);
    case 'stylish':
      return formatStylish(files, { color: io.color });
  }
}

function parseArgs(argv: string[]): LintOptions {
  const options: LintOptions = { paths: [], format: 'stylish', rules: {}, fix: false, help: false };
  walkArgs(argv, options.paths, (name, value) => {
    switch (name) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-f':
      case '--format':
        options.format = oneOf(value(), FORMATS, 'format');
        break;
      case '--root':
        options.root = value();
        break;
      case '--fix':
        options.fix = true;
        break;
      case '--max-warnings': {
        const n = value();
        if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings takes a whole number of warnings, 0 or more, got "${n}"`);
        options.maxWarnings = Number(n);
        break;
      }
      case '--docs-url':
        options.docsUrl = checkDocsUrl(value(), '--docs-url');
        break;
      case '--rule': {
        const spec = value();
        const m = /^([^=]+)=(.*)$/.exec(spec);
        if (!m) throw new UsageError(`--rule takes NAME=SEVERITY, got "${spec}"`);
        const [rule, setting] = [m[1].trim(), m[2].trim()];
        options.rules[checkRule(rule, '--rule')] = checkSetting(setting, `--rule ${rule}`);
        break;
      }
      case '--friction-threshold':
        options.frictionThreshold = checkThreshold(value(), '--friction-threshold');
        break;
      default:
        throw new UsageError(`unknown option ${name} (see journeymap lint --help)`);
    }
  });
  return options;
}

/** Defaults, then the root's config file (what `diff` and other commands use). */
export function configuredSettings(root: string): Settings {
  return settingsFor(root, { rules: {} });
}

/** Defaults, then the root's config file, then the command line. */
export function settingsFor(root: string, options: Pick<LintOptions, 'rules' | 'frictionThreshold'>): Settings {
  const config = readConfig(root);
  return {
    rules: { ...DEFAULT_SETTINGS.rules, ...config.rules, ...options.rules },
    frictionThreshold: options.frictionThreshold ?? config.frictionThreshold ?? DEFAULT_SETTINGS.frictionThreshold,
  };
}

function readConfig(root: string): Partial<Settings> & { docsUrl?: string } {
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(data)) throw new UsageError(`${file} must hold a JSON object`);
  const out: Partial<Settings> & { docsUrl?: string } = {};
  for (const key of Object.keys(data)) {
    if (key !== 'rules' && key !== 'friction' && key !== 'docsUrl')
      throw new UsageError(`${file}: unknown key "${key}" (use "rules", "friction" and "docsUrl")`);
  }
  if (data.docsUrl !== undefined) out.docsUrl = checkDocsUrl(String(data.docsUrl), `${file} docsUrl`);
  if (data.rules !== undefined) {
    if (!isObject(data.rules)) throw new UsageError(`${file}: "rules" must be an object of rule names to severities`);
    out.rules = {};
    for (const [rule, setting] of Object.entries(data.rules)) {
      out.rules[checkRule(rule, file)] = checkSetting(String(setting), `${file} rule ${rule}`);
    }
  }
  if (data.friction !== undefined) {
    if (!isObject(data.friction)) throw new UsageError(`${file}: "friction" must be an object such as { "threshold": 0.6 }`);
    if (data.friction.threshold !== undefined)
      out.frictionThreshold = checkThreshold(String(data.friction.threshold), `${file} friction.threshold`);
  }
  return out;
}

/** An http(s) URL of the docs folder, ending in `/` so that `rules.md` resolves inside it. */
function checkDocsUrl(text: string, where: string): string {
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text))
    throw new UsageError(`${where} must be an http or https URL of the docs folder, got "${text}"`);
  return text.endsWith('/') ? text : `${text}/`;
}

function checkRule(rule: string, where: string): RuleName {
  if (!Object.prototype.hasOwnProperty.call(RULES, rule)) {
    throw new UsageError(`${where}: unknown rule "${rule}" (rules: ${Object.keys(RULES).join(', ')})`);
  }
  return rule as RuleName;
}

function checkSetting(setting: string, where: string): RuleSetting {
  if (!(RULE_SETTINGS as readonly string[]).includes(setting)) {
    throw new UsageError(`${where}: unknown severity "${setting}" (use ${RULE_SETTINGS.join(', ')})`);
  }
  return setting as RuleSetting;
}

export function checkThreshold(text: string, where: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`${where} must be a number from 0 to 1, got "${text}"`);
  return n;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
