// `journeymap render FILE -o OUT.svg|OUT.html [--theme light|dark] [--root DIR]`: the preview's
// map without a browser. The renderer is the webview's own; linkedom provides the document.
import * as fs from 'fs';
import * as path from 'path';
import { parseHTML } from 'linkedom';
import { analyzeText } from '../core/analyze';
import type { FileModel } from '../core/model';
import { readDataFile } from '../readData';
import { isJourneyOrPersonaFile } from '../core/parse';
import { DEFAULT_SETTINGS } from '../core/types';
import { WorkspaceIndex } from '../core/workspace';
import { standaloneHtml, standaloneSvg } from '../../../webview/src/render/standalone';
import type { StandaloneTheme } from '../../../webview/src/render/theme';
import { UsageError, walk } from './files';
import { uriOf } from './lint';

const USAGE = 'Usage: journeymap render FILE -o OUT.svg|OUT.html [--theme light|dark] [--root DIR] [--width PX]\n';

const HELP = `${USAGE}
Draws the map of one journey (or the card of one persona) as the editor's preview draws it, to
a self-contained SVG or HTML file. A journey with errors is drawn as far as it can be (a value
the rules reject is drawn as written); how many errors were passed over is said on stderr.

Options:
  -o, --out OUT.svg|OUT.html   the file to write; its extension picks the format
  --theme light|dark           colours (default: light)
  --root DIR                   workspace root for personas (default: working directory)
  --width PX                   scale the drawing to PX pixels wide, 200 to 100000 (default: its own width)
  -h, --help                   show this help

Exit status: 0 written, 1 nothing to draw (the YAML does not parse), 2 usage or I/O failure.
`;

interface RenderArgs {
  file: string;
  out: string;
  theme: StandaloneTheme;
  root: string;
  /** Width of the drawing in pixels; the map is scaled to it (default: its own width, from its columns). */
  width?: number;
}

function parseArgs(argv: string[], cwd: string): RenderArgs | 'help' {
  let file: string | undefined;
  let out: string | undefined;
  let theme: StandaloneTheme = 'light';
  let root = cwd;
  let width: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '-o':
      case '--out':
        out = value();
        break;
      case '--theme': {
        const t = value();
        if (t !== 'light' && t !== 'dark') throw new UsageError(`--theme must be light or dark, not ${t}`);
        theme = t;
        break;
      }
      case '--root':
        root = path.resolve(cwd, value());
        break;
      case '--width': {
        const w = value();
        if (!/^\d+$/.test(w) || Number(w) < 200 || Number(w) > 100000)
          throw new UsageError(`--width must be a whole number of pixels from 200 to 100000, not ${w}`);
        width = Number(w);
        break;
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        if (file !== undefined) throw new UsageError('render draws one file');
        file = arg;
    }
  }
  if (!file) throw new UsageError('name the journey or persona file to draw');
  if (!out) throw new UsageError('name the output with -o OUT.svg or -o OUT.html');
  if (!/\.(svg|html?)$/i.test(out)) throw new UsageError('the output must end in .svg or .html');
  return { file: path.resolve(cwd, file), out: path.resolve(cwd, out), theme, root, ...(width ? { width } : {}) };
}

/** Draws the file's model as SVG or HTML text, with the number of errors drawn past; a reason when there is no model. */
export function renderFile(
  file: string,
  root: string,
  theme: StandaloneTheme,
  format: 'svg' | 'html',
  width?: number,
): { text: string; errors: number } | { error: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  // References (personas, usedBy) resolve against every file under the root, as in the editor.
  const index = new WorkspaceIndex();
  const texts = new Map<string, string>();
  index.textOf = (uri) => texts.get(uri);
  if (fs.existsSync(root)) {
    for (const other of walk(root, isJourneyOrPersonaFile)) {
      if (path.resolve(other) === file) continue;
      try {
        const t = fs.readFileSync(other, 'utf8');
        texts.set(uriOf(other), t);
        index.update(uriOf(other), t);
      } catch {
        // An unreadable neighbour only loses its references.
      }
    }
  }
  index.update(uriOf(file), text);
  const analysis = analyzeText(uriOf(file), text, index, DEFAULT_SETTINGS, readDataFile);
  if (!analysis.model) {
    const syntax = analysis.diagnostics.find((d) => d.severity === 'error');
    const where = syntax ? `:${syntax.range.start.line + 1}:${syntax.range.start.character + 1}: ${syntax.message}` : ': nothing to draw';
    return { error: `${file}${where}` };
  }
  return {
    text: renderModel(analysis.model, theme, format, width),
    errors: analysis.diagnostics.filter((d) => d.severity === 'error').length,
  };
}

/** A model drawn as a self-contained SVG or HTML file (render, and the report's map pages). */
export function renderModel(model: FileModel, theme: StandaloneTheme, format: 'svg' | 'html', width?: number): string {
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  const svg = standaloneSvg(document as unknown as Document, model, theme, width);
  const markup = svg.outerHTML;
  return format === 'svg' ? `<?xml version="1.0" encoding="UTF-8"?>\n${markup}\n` : standaloneHtml(markup, model, theme);
}

export async function runRender(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, process.cwd());
    if (args === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    const format = /\.svg$/i.test(args.out) ? 'svg' : 'html';
    const drawn = renderFile(args.file, args.root, args.theme, format, args.width);
    if ('error' in drawn) {
      process.stderr.write(`journeymap render: cannot draw ${drawn.error}\n`);
      return 1;
    }
    try {
      fs.writeFileSync(args.out, drawn.text, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot write ${args.out}: ${(e as Error).message}`);
    }
    if (drawn.errors > 0) {
      const n = drawn.errors === 1 ? '1 error' : `${drawn.errors} errors`;
      const file = path.relative(process.cwd(), args.file);
      process.stderr.write(`journeymap render: skipped ${n} in ${file} and drew the rest (journeymap lint ${file} lists them)\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`journeymap render: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
