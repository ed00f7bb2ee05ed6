// Workspace scale: time for our server to index N files (from `initialized` to the first
// diagnostics of an open file, which wait for the index), and its RSS then.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { writeWorkspace } from './generate';
import { Lsp, ServerSpec } from './lsp';
import { round, sleep } from './stats';

export interface WorkspaceResult {
  files: number;
  journeys: number;
  personas: number;
  indexMs: number;
  rssMb: number;
  /** RSS after the opened file was edited a few times (caches filled). */
  rssAfterEditsMb: number;
  /** workspace/symbol (Ctrl+T) for a word no symbol has (every file searched), median of 5. */
  symbolsMs: number;
  symbols: number;
}

export async function measureWorkspace(spec: ServerSpec, base: string, files: number): Promise<WorkspaceResult> {
  const ws = writeWorkspace(join(base, `ws-${files}`), files);
  const path = join(ws.dir, 'area-0', 'journey-1.journey.yaml');
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, 'utf8');
  const t0 = performance.now();
  const lsp = await Lsp.start(spec, [ws.dir]);
  try {
    const first = await lsp.open(uri, text);
    const indexMs = first.at - t0;
    const rssMb = lsp.rssMb();
    for (let i = 0; i < 5; i++) {
      const waiting = lsp.nextDiagnostics(uri);
      await lsp.change(uri, [{ range: { start: { line: 1, character: 7 }, end: { line: 1, character: 7 } }, text: 'x' }]);
      await waiting;
      await sleep(50);
    }
    const rssAfterEditsMb = round(lsp.rssMb(), 1);
    const times: number[] = [];
    let symbols = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const found = await lsp.request<unknown[]>('workspace/symbol', { query: `qqq${i}` });
      times.push(performance.now() - t);
      symbols = found.length;
    }
    times.sort((a, b) => a - b);
    return {
      files,
      journeys: ws.journeys,
      personas: ws.personas,
      indexMs: round(indexMs, 0),
      rssMb: round(rssMb, 1),
      rssAfterEditsMb,
      symbolsMs: round(times[2], 1),
      symbols,
    };
  } finally {
    await lsp.stop();
  }
}
