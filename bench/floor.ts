// In-process costs on the same text: the floor (`yaml`'s parseDocument alone), our full check
// (analyzeText: parse, schema, model, rules), and our check after a one-line edit (incremental
// re-parse, then analysis), as the server runs it; and our check of the same text with one YAML
// mistake in the middle (a key dedented by two spaces): the parse, the repair that explains it
// (`core/mistakes.ts`) and the check of the rest of the file.
import { parseDocument } from 'yaml';
import { analyzeParsed, analyzeText } from '../server/src/core/analyze';
import { reparseFile } from '../server/src/core/incremental';
import { parseFile } from '../server/src/core/parse';
import { DEFAULT_SETTINGS } from '../server/src/core/types';
import { WorkspaceIndex } from '../server/src/core/workspace';
import { journeyText, personaText } from './generate';
import { summary, Summary } from './stats';

export interface FloorResult {
  touchpoints: number;
  bytes: number;
  parse: Summary;
  fullCheck: Summary;
  editCheck: Summary;
  fullOverParse: number;
  editOverParse: number;
  mistakeCheck: Summary;
  mistakeOverParse: number;
  /** What the check said about the mistake (one diagnostic is expected). */
  mistakeDiagnostics: number;
}

export function measureFloor(touchpoints: number, runs: number): FloorResult {
  const g = journeyText('big', touchpoints);
  const uri = 'file:///bench/big.journey.yaml';
  const index = new WorkspaceIndex();
  for (const p of ['first-time-buyer', 'loyal-upgrader']) index.update(`file:///bench/${p}.persona.yaml`, personaText(p));
  const lines = g.text.split('\n');
  const parse: number[] = [];
  const full: number[] = [];
  const edit: number[] = [];
  const mistake: number[] = [];
  const broken = [...lines];
  const middle = g.touchpoints[g.touchpoints.length >> 1].emotionLine;
  broken[middle] = broken[middle].slice(2);
  const brokenText = broken.join('\n');
  let mistakeDiagnostics = 0;
  let previous = parseFile(uri, g.text);
  index.updateParsed(previous);
  for (let i = 0; i < runs + 2; i++) {
    // Interleaved, so the machine's noise falls on all three alike.
    let t = performance.now();
    parseDocument(g.text);
    const p = performance.now() - t;
    t = performance.now();
    analyzeText(uri, g.text, index, DEFAULT_SETTINGS);
    const f = performance.now() - t;
    const line = g.touchpoints[(i * 7919) % g.touchpoints.length].emotionLine;
    lines[line] = lines[line].replace(/-?\d$/, (v) => String(Number(v) >= 2 ? Number(v) - 1 : Number(v) + 1));
    const text = lines.join('\n');
    t = performance.now();
    previous = reparseFile(previous, text);
    index.updateParsed(previous);
    analyzeParsed(previous, index, DEFAULT_SETTINGS);
    const e = performance.now() - t;
    t = performance.now();
    mistakeDiagnostics = analyzeText(uri, brokenText, index, DEFAULT_SETTINGS).diagnostics.filter((d) => d.rule === 'yaml-syntax').length;
    const m = performance.now() - t;
    if (i >= 2) {
      parse.push(p);
      full.push(f);
      edit.push(e);
      mistake.push(m);
    }
  }
  const ps = summary(parse);
  const fs = summary(full);
  const es = summary(edit);
  const ms = summary(mistake);
  return {
    touchpoints,
    bytes: g.text.length,
    parse: ps,
    fullCheck: fs,
    editCheck: es,
    fullOverParse: Math.round((fs.median / ps.median) * 100) / 100,
    editOverParse: Math.round((es.median / ps.median) * 100) / 100,
    mistakeCheck: ms,
    mistakeOverParse: Math.round((ms.median / ps.median) * 100) / 100,
    mistakeDiagnostics,
  };
}
