// `lint` and `report` on a large workspace: worker threads parse and index the files in
// parallel (the index is merged once, in the main thread), then analyse the named files in
// parallel against that index. Each worker is the CLI bundle itself, started with
// `workerData.journeymapWorker`; it runs the very calls of the one-thread path
// (`WorkspaceIndex.update`, `analyzeText`), so the results are the same, in the same order.
import * as os from 'os';
import { fileURLToPath } from 'url';
import { Worker } from 'worker_threads';
import * as fs from 'fs';
import { analyzeText } from '../core/analyze';
import type { JourneyDiagnostic, Settings } from '../core/types';
import type { FileModel } from '../core/model';
import { IndexedFile, WorkspaceIndex } from '../core/workspace';
import { readDataFile } from '../readData';
import { heldFixIndexes } from './fix';

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_MIN_FILES = 400;

/** How many workers for `files` files: `JM_WORKERS` when set (1 = the one-thread path), else one per core from PARALLEL_MIN_FILES files. */
export function workerCount(files: number): number {
  const forced = Number(process.env.JM_WORKERS);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, files || 1);
  if (files < PARALLEL_MIN_FILES) return 1;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8));
}

export interface WorkerAnalysis {
  diagnostics: JourneyDiagnostic[];
  model: FileModel | null;
  waiting?: JourneyDiagnostic[];
  /** With `vetFixes`: per diagnostic, the indexes of its fixes that pass the check (fix.ts `heldFixIndexes`). */
  heldFixes?: number[][];
}

/** What the caller needs back from the analysis: the model (report), fixes vetted (SARIF). */
export interface AnalyseNeeds {
  model: boolean;
  vetFixes: boolean;
}

type Job =
  | { kind: 'index'; items: [string, string][] }
  | { kind: 'analyse'; entries: IndexedFile[]; items: [string, string][]; settings: Settings; needs: AnalyseNeeds };

/** The worker's side: answers each job with its results, in the order of its items. */
export function serveWorker(port: { on(e: 'message', f: (job: Job) => void): void; postMessage(v: unknown): void }): void {
  port.on('message', (job: Job) => {
    try {
      if (job.kind === 'index') {
        const index = new WorkspaceIndex();
        port.postMessage({ ok: job.items.map(([uri, text]) => index.update(uri, text)) });
        return;
      }
      const index = new WorkspaceIndex();
      for (const e of job.entries) index.put(e);
      // A to-be journey reads its baseline's saved text, as lint does.
      index.textOf = (uri) => {
        try {
          return fs.readFileSync(fileURLToPath(uri), 'utf8');
        } catch {
          return undefined;
        }
      };
      const out: WorkerAnalysis[] = job.items.map(([uri, text]) => {
        const a = analyzeText(uri, text, index, job.settings, readDataFile);
        const reanalyse = (t: string) => analyzeText(uri, t, index, job.settings, readDataFile).diagnostics;
        return {
          diagnostics: a.diagnostics,
          // A model can be megabytes: copied back to the main thread only when it is read there.
          model: job.needs.model ? a.model : null,
          ...(a.waiting ? { waiting: a.waiting } : {}),
          ...(job.needs.vetFixes ? { heldFixes: heldFixIndexes(text, a.diagnostics, a.waiting, reanalyse) } : {}),
        };
      });
      port.postMessage({ ok: out });
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}

/** Splits items into n runs of about equal text length, each keeping the items' order; returns the runs and how to put the results back. */
function split(items: [string, string][], n: number): { runs: [string, string][][]; order: number[][] } {
  const runs: [string, string][][] = Array.from({ length: n }, () => []);
  const order: number[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  items.forEach((item, i) => {
    let best = 0;
    for (let k = 1; k < n; k++) if (load[k] < load[best]) best = k;
    runs[best].push(item);
    order[best].push(i);
    load[best] += item[1].length + 200;
  });
  return { runs, order };
}

class Pool {
  private readonly workers: Worker[];
  constructor(n: number, script: string) {
    this.workers = Array.from({ length: n }, () => new Worker(script, { workerData: { journeymapWorker: true } }));
  }
  get size(): number {
    return this.workers.length;
  }
  /** Runs one job per worker (job k on worker k) and puts the results back in item order. */
  async run<R>(items: [string, string][], job: (items: [string, string][]) => Job): Promise<R[]> {
    const { runs, order } = split(items, this.workers.length);
    const answers = await Promise.all(
      runs.map(
        (run, k) =>
          new Promise<R[]>((resolve, reject) => {
            const w = this.workers[k];
            const onMessage = (m: { ok?: R[]; error?: string }) => {
              w.off('error', onError);
              if (m.error !== undefined) reject(new Error(`worker: ${m.error}`));
              else resolve(m.ok as R[]);
            };
            const onError = (e: Error) => {
              w.off('message', onMessage);
              reject(e);
            };
            w.once('message', onMessage);
            w.once('error', onError);
            w.postMessage(job(run));
          }),
      ),
    );
    const out = new Array<R>(items.length);
    answers.forEach((rs, k) => rs.forEach((r, j) => (out[order[k][j]] = r)));
    return out;
  }
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Indexes every text in parallel, merges the index once, then analyses the named ones in
 * parallel. `texts` and `named` are [uri, text] pairs; the result follows `named`'s order.
 */
export async function analyseInParallel(
  texts: [string, string][],
  named: [string, string][],
  settings: Settings,
  workers: number,
  script: string,
  needs: AnalyseNeeds,
): Promise<{ index: WorkspaceIndex; results: WorkerAnalysis[] }> {
  const pool = new Pool(workers, script);
  try {
    const entries = await pool.run<IndexedFile>(texts, (items) => ({ kind: 'index', items }));
    const index = new WorkspaceIndex();
    for (const e of entries) index.put(e);
    const all = index.uris().map((u) => index.get(u)!);
    const results = await pool.run<WorkerAnalysis>(named, (items) => ({ kind: 'analyse', entries: all, items, settings, needs }));
    return { index, results };
  } finally {
    await pool.close();
  }
}
