// Runs in a fresh process per hostile file (see hostile.test.ts): reads the file's bytes as the
// server and the CLI do, analyses them the way the server does (one parse shared by the index
// and the analysis), runs the editor features on the result, and prints one JSON line: what it
// found, and whether any prototype changed (how long it takes is the benchmark's: bench/hostile.ts).
import * as fs from 'node:fs';
import { analyzeParsed } from '../../server/src/core/analyze';
import { codeActions } from '../../server/src/core/codeActions';
import { complete } from '../../server/src/core/completion';
import { hover } from '../../server/src/core/hover';
import { parseFile } from '../../server/src/core/parse';
import { documentSymbols, foldingRanges } from '../../server/src/core/symbols';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { readDataFile } from '../../server/src/readData';
import { assertRangesInside } from '../fuzz/gen';

const prototypes: [string, object][] = [
  ['Object', Object.prototype],
  ['Array', Array.prototype],
  ['Function', Function.prototype],
  ['String', String.prototype],
  ['Number', Number.prototype],
];
const shape = () => prototypes.map(([n, p]) => `${n}: ${Reflect.ownKeys(p).map(String).sort().join(',')}`).join('\n');
const before = shape();
const globalsBefore = new Set(Object.keys(globalThis));

const file = process.argv[2];
const uri = 'file://' + file;
const text = fs.readFileSync(file, 'utf8');

const parsed = parseFile(uri, text);
const index = new WorkspaceIndex();
index.updateParsed(parsed);
// Data files (CSV) a journey names are read from beside it, as the server and the CLI read them.
const analysis = analyzeParsed(parsed, index, DEFAULT_SETTINGS, readDataFile);

// The editor features on the same parse, at the start, the middle and the end.
const lines = text.split(/\r\n|\r|\n/);
const at = [
  { line: 0, character: 0 },
  { line: Math.floor(lines.length / 2), character: 3 },
  { line: lines.length - 1, character: lines[lines.length - 1].length },
];
let ranges = assertRangesInside(text, analysis.diagnostics, 'diagnostics');
ranges += assertRangesInside(text, JSON.parse(JSON.stringify(analysis.model)), 'model');
ranges += assertRangesInside(text, documentSymbols(parsed), 'symbols');
foldingRanges(parsed);
for (const p of at) {
  ranges += assertRangesInside(text, complete(parsed, p, index, DEFAULT_SETTINGS), 'completion');
  ranges += assertRangesInside(text, hover(parsed, p, index, analysis), 'hover');
}
const lsp = analysis.diagnostics
  .slice(0, 200)
  .map((d) => ({ range: d.range, code: d.rule, source: 'journeymap', message: d.message, data: d.fix }));
ranges += assertRangesInside(text, codeActions(parsed, lsp, { start: at[0], end: at[2] }, index, uri), 'codeActions');

const firstDiagnostics = analysis.diagnostics.slice(0, 50);
process.stdout.write(
  JSON.stringify({
    ranges,
    textLength: text.length,
    count: analysis.diagnostics.length,
    diagnostics: firstDiagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message.slice(0, 400),
      messageLength: d.message.length,
      range: d.range,
    })),
    model: analysis.model ? analysis.model.kind : null,
    historyPeriods: analysis.model?.kind === 'journey' ? (analysis.model.history?.periods.length ?? 0) : null,
    // Nothing inherited (a prototype's function) and nothing JSON cannot carry in the model.
    modelJsonSafe: plainData(analysis.model),
    polluted: ({} as Record<string, unknown>).polluted !== undefined || shape() !== before,
    newGlobals: Object.keys(globalThis).filter((k) => !globalsBefore.has(k)),
  }) + '\n',
);

/** Plain data all the way down: records and lists with the usual prototypes, finite numbers, no functions. */
function plainData(x: unknown): boolean {
  if (x === null || x === undefined || typeof x === 'string' || typeof x === 'boolean') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  return Reflect.ownKeys(x).every((k) => typeof k === 'string' && plainData((x as Record<string, unknown>)[k]));
}
