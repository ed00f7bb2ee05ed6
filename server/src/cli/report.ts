// `journeymap report [paths or globs...] [--root DIR] [--format html|md|json] [-o FILE or DIR]`:
// the portfolio across journeys. Indexes and analyses exactly as lint does, hands the journey
// models to the core's buildPortfolio, and formats the result. Exit 0: written; 1: no journey
// to report; 2: a usage or I/O failure.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { JourneyModel } from '../core/model';
import { buildPortfolio } from '../core/portfolio';
import { analyseFilesInParallel, checkThreshold, settingsFor } from './lint';
import { isFolder, resolveTargets, UsageError } from './files';
import { oneOf, walkArgs } from './args';
import { formatReportHtml } from './format/reportHtml';
import { formatReportMarkdown } from './format/reportMarkdown';
import type { ReportInput } from './format/reportWords';
import { renderModel } from './render';

const FORMATS = ['md', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const REPORT_HELP = `Usage: journeymap report [paths or globs...] [options]

The portfolio across journeys: journeys ranked by revenue at risk at their hotspots (per year,
each currency apart), every hotspot in one ranking, the opportunity backlog by priority, the
owners and systems behind the hotspots, and where each persona is hurt most.

Options:
  -f, --format md|html|json   output format (default: from -o's extension, html for a folder, else md)
  -o, --out FILE|DIR          write to FILE; a folder (existing, or ending in /) gets a static site:
                              index.html and one map page per journey (html only). Default: stdout
  --root DIR                  workspace root for references (default: working directory)
  --friction-threshold N      friction (0..1) at which a touchpoint is a hotspot (default 0.6)
  -h, --help                  show this help

Exit status: 0 report written, 1 no journey to report, 2 usage or I/O failure.
`;

interface ReportOptions {
  paths: string[];
  format?: Format;
  out?: string;
  root?: string;
  frictionThreshold?: number;
  help: boolean;
}

export interface ReportIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  version: string;
}

export type { ReportInput };

/** A journey the report covers, with where it came from. */
export interface ReportedJourney {
  file: string;
  model: JourneyModel;
}

export async function runReport(argv: string[], io: ReportIO): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(REPORT_HELP);
      return 0;
    }
    const root = path.resolve(io.cwd, options.root ?? '.');
    if (!isFolder(root)) throw new UsageError(`--root is not a folder: ${options.root}`);
    const out = options.out === undefined ? undefined : path.resolve(io.cwd, options.out);
    const toFolder = options.out !== undefined && (/[\\/]$/.test(options.out) || isFolder(out as string));
    const format = options.format ?? formatFromOut(options.out, toFolder);
    if (toFolder && format !== 'html')
      throw new UsageError(`-o ${options.out} is a folder: only --format html writes a folder (a static site)`);
    const settings = settingsFor(root, { rules: {}, frictionThreshold: options.frictionThreshold });
    const named = resolveTargets(options.paths.length ? options.paths : ['.'], io.cwd);
    const analysed = await analyseFilesInParallel(named, root, settings, io, 'report', { model: true, vetFixes: false });
    const journeys: ReportedJourney[] = [];
    const skipped: ReportInput['skipped'] = [];
    for (const f of analysed) {
      const model = f.analysis.model;
      if (model?.kind === 'journey') journeys.push({ file: f.file, model });
      else if (!model) {
        const error = f.analysis.diagnostics.find((d) => d.severity === 'error');
        skipped.push({
          file: f.file,
          reason: error
            ? `does not parse (${error.range.start.line + 1}:${error.range.start.character + 1}: ${error.message})`
            : 'holds no journey',
        });
      }
    }
    if (journeys.length === 0) {
      io.stderr(
        `journeymap report: no journey to report in ${options.paths.length ? options.paths.join(' ') : '.'}` +
          `${skipped.length ? ` (${skipped.length} file(s) do not parse)` : ''}\n`,
      );
      return 1;
    }
    const portfolio = buildPortfolio(journeys.map((j) => j.model));
    const files = new Map(journeys.map((j) => [j.model.uri, j.file]));
    const fileOf = (uri: string): string => files.get(uri) ?? uri;
    const mapPages = toFolder ? mapPageNames(journeys) : undefined;
    const outDir = out === undefined ? io.cwd : toFolder ? out : path.dirname(out);
    const linkOf = (uri: string): string => {
      const page = mapPages?.get(uri);
      if (page) return `maps/${page}`;
      // A single page links each journey to its file, relative to where the page is written.
      return path
        .relative(outDir, path.resolve(io.cwd, fileOf(uri)))
        .split(path.sep)
        .join('/');
    };
    const input: ReportInput = { portfolio, fileOf, skipped, linkOf, version: io.version };
    const text =
      format === 'json'
        ? formatReportJson(input)
        : format === 'md'
          ? formatReportMarkdown(input)
          : formatReportHtml(input, randomBytes(16).toString('base64'));
    if (out === undefined) io.stdout(text);
    else if (!toFolder) write(out, text);
    else {
      write(path.join(out, 'index.html'), text);
      for (const j of journeys) write(path.join(out, 'maps', mapPages!.get(j.model.uri)!), renderModel(j.model, 'light', 'html'));
    }
    for (const s of skipped) io.stderr(`journeymap report: left out ${s.file}: ${s.reason}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`journeymap report: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function formatFromOut(out: string | undefined, toFolder: boolean): Format {
  if (toFolder) return 'html';
  if (out === undefined) return 'md';
  if (/\.html?$/i.test(out)) return 'html';
  if (/\.json$/i.test(out)) return 'json';
  return 'md';
}

/** One map page per journey, named by its id (made unique, and safe as a file name). */
function mapPageNames(journeys: ReportedJourney[]): Map<string, string> {
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const j of journeys) {
    const base =
      j.model.id
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'journey';
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    used.add(name);
    names.set(j.model.uri, `${name}.html`);
  }
  return names;
}

function write(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/**
 * The documented JSON shape (docs/cli.md): the core's Portfolio with each `uri` replaced by
 * `file` (relative to the working directory), plus the version and the files left out.
 */
export function formatReportJson(input: ReportInput): string {
  const withFiles = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withFiles);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'uri' && typeof v === 'string') out.file = input.fileOf(v);
      else out[k] = withFiles(v);
    }
    return out;
  };
  return `${JSON.stringify({ version: input.version, ...(withFiles(input.portfolio) as object), skipped: input.skipped }, null, 2)}\n`;
}

function parseArgs(argv: string[]): ReportOptions {
  const options: ReportOptions = { paths: [], help: false };
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
      case '-o':
      case '--out':
        options.out = value();
        break;
      case '--root':
        options.root = value();
        break;
      case '--friction-threshold':
        options.frictionThreshold = checkThreshold(value(), '--friction-threshold');
        break;
      default:
        throw new UsageError(`unknown option ${name} (see journeymap report --help)`);
    }
  });
  return options;
}
