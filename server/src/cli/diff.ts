// `journeymap diff`: each journey against its version at a git ref (default HEAD, so it shows
// uncommitted changes), through the user's `git`. Per journey: stages and touchpoints added,
// removed and moved; hotspots added, removed and re-ranked; revenue at risk at the hotspots,
// journey score and completion before and after; emotions and metrics that changed. Markdown
// for a pull-request comment (nothing when nothing changed), JSON, or plain text.
// Exit 0 (a difference is not a failure), 2 on a usage, git or I/O failure.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { analyzeText } from '../core/analyze';
import { compareJourneys, hasChanges, JourneyDiff, NumberChange } from '../core/compare';
import type { JourneyModel } from '../core/model';
import { isJourneyOrPersonaFile } from '../core/parse';
import { formatAmount } from '../core/scores';
import type { Settings } from '../core/types';
import { WorkspaceIndex } from '../core/workspace';
import { globToRegExp, hasGlobSyntax, isFolder, toSlashes, UsageError, walk } from './files';
import { oneOf, walkArgs } from './args';
import { configuredSettings, uriOf } from './lint';

const FORMATS = ['md', 'json', 'stylish'] as const;
type Format = (typeof FORMATS)[number];

export const DIFF_HELP = `Usage: journeymap diff [paths or globs...] [options]

Compares each journey with its version at a git ref: stages and touchpoints added, removed and
moved; hotspots added, removed and re-ranked; revenue at risk at the hotspots, journey score
and completion before and after; emotions and metrics that changed. New and deleted journeys
are listed; a file git reports as renamed is followed.

Options:
  --base REF                  the git ref to compare with (default: HEAD, i.e. uncommitted changes;
                              in CI: origin/main or the merge base)
  -f, --format md|json|stylish  output (default: md, for a pull-request comment; nothing when nothing changed)
  --root DIR                  workspace root for personas and settings (default: working directory)
  -h, --help                  show this help

Exit status: 0 compared (whatever changed), 2 usage, git or I/O failure.
`;

export interface DiffIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface DiffOptions {
  paths: string[];
  base: string;
  format: Format;
  root?: string;
  help: boolean;
}

/** One journey file compared: where it is now and where it was at the base. */
export interface FileDiff extends JourneyDiff {
  /** Path relative to the repository's top level, now (null when deleted). */
  file: string | null;
  /** Path at the base (null when new); differs from `file` when git reports a rename. */
  baseFile: string | null;
}

export function runDiff(argv: string[], io: DiffIO): number {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(DIFF_HELP);
      return 0;
    }
    const root = path.resolve(io.cwd, options.root ?? '.');
    if (!isFolder(root)) throw new UsageError(`--root is not a folder: ${options.root}`);
    const diffs = diffJourneys(options.paths.length ? options.paths : ['.'], options.base, configuredSettings(root), io.cwd);
    io.stdout(render(diffs, options));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`journeymap diff: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new UsageError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(r.stderr.trim() || `git ${args[0]} failed`);
  return r.stdout;
}

class GitError extends UsageError {}

/** The journey diffs of the files the paths cover, against `base`. */
export function diffJourneys(paths: string[], base: string, settings: Settings, cwd: string): FileDiff[] {
  let top: string;
  try {
    top = path.resolve(git(['rev-parse', '--show-toplevel'], cwd).trim());
  } catch (e) {
    throw new UsageError(`${cwd} is not inside a git repository (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], top);
  } catch {
    throw new UsageError(`unknown git ref "${base}" (a branch, tag or commit of ${top})`);
  }
  const topReal = fs.realpathSync(top);
  const rel = (abs: string): string => toSlashes(path.relative(topReal, realOrSelf(abs)));
  // What each argument covers, as a test on paths relative to the top level.
  const scopes = paths.map((arg) => {
    if (hasGlobSyntax(arg)) {
      const re = globToRegExp(toSlashes(path.relative(topReal, path.resolve(realOrSelf(cwd), arg))));
      return (p: string) => re.test(p);
    }
    const r = rel(path.resolve(cwd, arg));
    if (r === '..' || r.startsWith('../') || path.isAbsolute(r)) throw new UsageError(`${arg} is outside the git repository at ${top}`);
    return (p: string) => r === '' || p === r || p.startsWith(r + '/');
  });
  const covered = (p: string): boolean => scopes.some((s) => s(p));
  const isJourney = (p: string): boolean => /\.journey\.ya?ml$/i.test(p);

  // Now: the working tree. At the base: git's tree, with renames from git's own detection.
  const nowFiles = walk(topReal, isJourneyOrPersonaFile).map((f) => rel(f));
  const baseFiles = git(['ls-tree', '-r', '-z', '--name-only', base], top)
    .split('\0')
    .filter((f) => f && isJourneyOrPersonaFile(f));
  const renamedFrom = new Map<string, string>();
  for (const line of parseNameStatus(git(['diff', '-z', '--name-status', '-M', base, '--'], top))) {
    if (line.status.startsWith('R') && line.to) renamedFrom.set(line.to, line.from);
  }
  const baseText = (p: string): string => git(['show', `${base}:${p}`], top);

  // Personas and journeys of each side lend references (personas, shares), as in lint.
  const nowIndex = new WorkspaceIndex();
  const nowTexts = new Map<string, string>();
  for (const p of nowFiles) {
    try {
      nowTexts.set(p, fs.readFileSync(path.join(topReal, p), 'utf8'));
    } catch {
      // Unreadable now: treated as absent.
    }
  }
  for (const [p, t] of nowTexts) nowIndex.update(uriOf(path.join(topReal, p)), t);
  nowIndex.textOf = (uri) => nowTexts.get(toSlashes(path.relative(topReal, fileURLToPath(uri))));
  const baseIndex = new WorkspaceIndex();
  const baseTexts = new Map<string, string>();
  for (const p of baseFiles) baseTexts.set(p, baseText(p));
  for (const [p, t] of baseTexts) baseIndex.update(uriOf(path.join(topReal, p)), t);
  baseIndex.textOf = (uri) => baseTexts.get(toSlashes(path.relative(topReal, fileURLToPath(uri))));

  const model = (p: string, text: string, index: WorkspaceIndex): JourneyModel | null => {
    const m = analyzeText(uriOf(path.join(topReal, p)), text, index, settings).model;
    return m && m.kind === 'journey' ? m : null;
  };
  const out: FileDiff[] = [];
  const usedBase = new Set<string>();
  for (const p of nowFiles.filter((f) => isJourney(f) && covered(f) && nowTexts.has(f))) {
    const from = renamedFrom.get(p) ?? (baseTexts.has(p) ? p : null);
    if (from) usedBase.add(from);
    const after = model(p, nowTexts.get(p) as string, nowIndex);
    const before = from ? model(from, baseTexts.get(from) as string, baseIndex) : null;
    if (!after && !before) continue;
    out.push({ ...compareJourneys(before, after), file: p, baseFile: from });
  }
  for (const p of baseFiles.filter((f) => isJourney(f) && covered(f) && !usedBase.has(f) && !nowTexts.has(f))) {
    const before = model(p, baseTexts.get(p) as string, baseIndex);
    if (before) out.push({ ...compareJourneys(before, null), file: null, baseFile: p });
  }
  // Most important first: new and deleted journeys, then the biggest change in money at risk.
  const weight = (d: FileDiff): number =>
    d.status === 'added' || d.status === 'removed' ? Infinity : Math.abs(d.revenueAtRiskAtHotspots.change ?? 0);
  return out.sort((a, b) => weight(b) - weight(a) || (a.file ?? a.baseFile ?? '').localeCompare(b.file ?? b.baseFile ?? ''));
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    // A deleted file: resolve its folder.
    const dir = path.dirname(p);
    return dir === p ? p : path.join(realOrSelf(dir), path.basename(p));
  }
}

function parseNameStatus(z: string): { status: string; from: string; to?: string }[] {
  const parts = z.split('\0').filter((x) => x !== '');
  const out: { status: string; from: string; to?: string }[] = [];
  for (let i = 0; i < parts.length;) {
    const status = parts[i++];
    if (status.startsWith('R') || status.startsWith('C')) {
      out.push({ status, from: parts[i], to: parts[i + 1] });
      i += 2;
    } else out.push({ status, from: parts[i++] });
  }
  return out;
}

// ---- Output --------------------------------------------------------------------------

function render(diffs: FileDiff[], options: DiffOptions): string {
  const changed = diffs.filter(hasChanges);
  switch (options.format) {
    case 'json':
      return JSON.stringify({ base: options.base, journeys: changed }, null, 2) + '\n';
    case 'md':
      return formatMarkdown(changed, options.base);
    case 'stylish':
      return formatText(changed, options.base);
  }
}

const money = (d: JourneyDiff, n: number | null, side: 'before' | 'after'): string => {
  if (n === null) return 'unknown';
  const cur = d.currency[side];
  const per = d.period[side];
  return `${cur ? cur + ' ' : ''}${formatAmount(n)}${per ? ` per ${per}` : ''}`;
};
const signedMoney = (d: JourneyDiff, c: NumberChange): string => {
  if (c.change === null) return '';
  if (d.currency.before !== d.currency.after) return 'currency changed';
  const cur = d.currency.after ? d.currency.after + ' ' : '';
  return c.change === 0 ? '0' : `${c.change > 0 ? '+' : '−'}${cur}${formatAmount(Math.abs(c.change))}`;
};
const score = (n: number | null): string => (n === null ? 'none' : String(Math.round(n)));
const signedScore = (c: NumberChange): string => (c.change === null ? '' : `${c.change >= 0 ? '+' : '−'}${Math.abs(Math.round(c.change))}`);
const pct = (n: number | null): string => (n === null ? 'unknown' : `${Math.round(n * 1000) / 10}%`);
const signedPts = (c: NumberChange): string =>
  c.change === null ? '' : `${c.change >= 0 ? '+' : '−'}${Math.abs(Math.round(c.change * 1000) / 10)} pts`;
const value = (v: number | string | null): string => (v === null ? '—' : String(v));
/** Text a user wrote, safe in a Markdown table cell or list. */
const md = (s: string): string => s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

/** Bulleted details of one journey (hotspots, touchpoints, emotions, metrics), most important first. */
function details(d: FileDiff, esc: (s: string) => string): string[] {
  const lines: string[] = [];
  const h = d.hotspots;
  const rank = (x: number | null) => (x === null ? '—' : `#${x}`);
  const risk = (x: { before: number | null; after: number | null }, side: 'before' | 'after') =>
    x[side] === null ? '' : `, ${money(d, x[side], side)} at risk`;
  for (const x of h.added) lines.push(`New hotspot ${rank(x.to)}: ${esc(x.name)}${risk(x.revenueAtRisk, 'after')}`);
  for (const x of h.removed) lines.push(`No longer a hotspot (was ${rank(x.from)}): ${esc(x.name)}`);
  for (const x of h.reranked) lines.push(`Hotspot ${rank(x.from)} → ${rank(x.to)}: ${esc(x.name)}${risk(x.revenueAtRisk, 'after')}`);
  const t = d.touchpoints;
  if (t.added.length) lines.push(`Touchpoints added: ${t.added.map((x) => `${esc(x.name)} (${esc(x.stage)})`).join(', ')}`);
  if (t.removed.length) lines.push(`Touchpoints removed: ${t.removed.map((x) => `${esc(x.name)} (${esc(x.stage)})`).join(', ')}`);
  if (t.moved.length)
    lines.push(
      'Touchpoints moved: ' +
        t.moved.map((x) => (x.fromStage !== x.stage ? `${esc(x.name)} (${esc(x.fromStage)} → ${esc(x.stage)})` : esc(x.name))).join(', '),
    );
  const s = d.stages;
  if (s.added.length) lines.push(`Stages added: ${s.added.map(esc).join(', ')}`);
  if (s.removed.length) lines.push(`Stages removed: ${s.removed.map(esc).join(', ')}`);
  if (s.moved.length) lines.push(`Stages moved: ${s.moved.map(esc).join(', ')}`);
  for (const e of d.emotions)
    lines.push(`Emotion${e.persona === '*' ? '' : ` of ${esc(e.persona)}`} at ${esc(e.name)}: ${value(e.before)} → ${value(e.after)}`);
  for (const m of d.metrics)
    lines.push(`${m.touchpoint === null ? 'Journey' : esc(m.touchpoint)} ${esc(m.key)}: ${esc(value(m.before))} → ${esc(value(m.after))}`);
  return lines;
}

function title(d: FileDiff, esc: (s: string) => string): string {
  const where = d.file && d.baseFile && d.file !== d.baseFile ? `${esc(d.baseFile)} → ${esc(d.file)}` : esc(d.file ?? d.baseFile ?? '');
  const status = d.status === 'added' ? ' (new)' : d.status === 'removed' ? ' (deleted)' : '';
  return `${esc(d.title)}${status}, ${where}`;
}

export function formatMarkdown(diffs: FileDiff[], base: string): string {
  if (diffs.length === 0) return '';
  const out = [`## Journey maps against \`${md(base)}\``, ''];
  for (const d of diffs) {
    out.push(`### ${title(d, md)}`, '');
    out.push('| | before | after | change |', '| --- | --- | --- | --- |');
    const r = d.revenueAtRiskAtHotspots;
    out.push(`| Revenue at risk at hotspots | ${money(d, r.before, 'before')} | ${money(d, r.after, 'after')} | ${signedMoney(d, r)} |`);
    out.push(`| Journey score | ${score(d.score.before)} | ${score(d.score.after)} | ${signedScore(d.score)} |`);
    out.push(`| Completion | ${pct(d.completion.before)} | ${pct(d.completion.after)} | ${signedPts(d.completion)} |`);
    const lines = details(d, md);
    if (lines.length) out.push('', ...lines.map((l) => `- ${l}`));
    out.push('');
  }
  return out.join('\n');
}

function formatText(diffs: FileDiff[], base: string): string {
  if (diffs.length === 0) return `No journey changed against ${base}.\n`;
  const out: string[] = [];
  for (const d of diffs) {
    out.push(title(d, (s) => s));
    const r = d.revenueAtRiskAtHotspots;
    out.push(
      `  revenue at risk at hotspots: ${money(d, r.before, 'before')} → ${money(d, r.after, 'after')}` +
        `${r.change !== null ? ` (${signedMoney(d, r)})` : ''}`,
    );
    out.push(
      `  journey score: ${score(d.score.before)} → ${score(d.score.after)}; ` +
        `completion: ${pct(d.completion.before)} → ${pct(d.completion.after)}`,
    );
    for (const l of details(d, (s) => s)) out.push(`  ${l}`);
    out.push('');
  }
  return out.join('\n');
}

function parseArgs(argv: string[]): DiffOptions {
  const options: DiffOptions = { paths: [], base: 'HEAD', format: 'md', help: false };
  walkArgs(argv, options.paths, (name, val) => {
    switch (name) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--base': {
        const b = val();
        if (!b || b.startsWith('-')) throw new UsageError(`--base needs a git ref, got "${b}"`);
        options.base = b;
        break;
      }
      case '-f':
      case '--format':
        options.format = oneOf(val(), FORMATS, 'format');
        break;
      case '--root':
        options.root = val();
        break;
      default:
        throw new UsageError(`unknown option ${name} (see journeymap diff --help)`);
    }
  });
  return options;
}
