// `lint` and `report` on a large workspace: worker threads parse and index the files in
// parallel (the index is merged once, in the main thread, and sent to each worker once), then
// analyse the named files in parallel against that index. Files go out in chunks that each
// worker takes as it becomes free, so a busier core or heavier files do not leave the other
// worker idle at the end of a phase. Each worker is the CLI bundle itself, started with
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
  | { kind: 'load'; entries: IndexedFile[]; settings: Settings; needs: AnalyseNeeds }
  | { kind: 'analyse'; items: [string, string][] };

/** The worker's side: answers each job with its results, in the order of its items. */
export function serveWorker(port: { on(e: 'message', f: (job: Job) => void): void; postMessage(v: unknown): void }): void {
  // The merged index, settings and needs, sent once ('load') before the analysis chunks.
  let loaded: { index: WorkspaceIndex; settings: Settings; needs: AnalyseNeeds } | undefined;
  port.on('message', (job: Job) => {
    try {
      if (job.kind === 'index') {
        const index = new WorkspaceIndex();
        port.postMessage({ ok: job.items.map(([uri, text]) => index.update(uri, text)) });
        return;
      }
      if (job.kind === 'load') {
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
        loaded = { index, settings: job.settings, needs: job.needs };
        port.postMessage({ ok: [] });
        return;
      }
      if (!loaded) throw new Error('analyse before load');
      const { index, settings, needs } = loaded;
      const out: WorkerAnalysis[] = job.items.map(([uri, text]) => {
        const a = analyzeText(uri, text, index, settings, readDataFile);
        const reanalyse = (t: string) => analyzeText(uri, t, index, settings, readDataFile).diagnostics;
        return {
          diagnostics: a.diagnostics,
          // A model can be megabytes: copied back to the main thread only when it is read there.
          model: needs.model ? a.model : null,
          ...(a.waiting ? { waiting: a.waiting } : {}),
          ...(needs.vetFixes ? { heldFixes: heldFixIndexes(text, a.diagnostics, a.waiting, reanalyse) } : {}),
        };
      });
      port.postMessage({ ok: out });
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}

/**
 * Cuts items into runs of consecutive items, about `chunkBytes` of text each (at least one
 * item): workers take the next run as they finish one, so a worker on a busier core or with
 * heavier files takes fewer, and nobody waits long at the end of a phase.
 */
export function chunk(items: [string, string][], chunkBytes: number): { from: number; items: [string, string][] }[] {
  const out: { from: number; items: [string, string][] }[] = [];
  let from = 0;
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    bytes += items[i][1].length + 200;
    if (bytes >= chunkBytes || i === items.length - 1) {
      out.push({ from, items: items.slice(from, i + 1) });
      from = i + 1;
      bytes = 0;
    }
  }
  return out;
}

/**
 * Text per chunk: about an eighth of each worker's share, so the last chunks balance the
 * workers, between 4 KB and 256 KB so that messages stay few.
 */
export function chunkBytesFor(items: [string, string][], workers: number): number {
  const total = items.reduce((n, [, text]) => n + text.length + 200, 0);
  return Math.min(256 * 1024, Math.max(4 * 1024, Math.ceil(total / (workers * 8))));
}

class Pool {
  private readonly workers: Worker[];
  constructor(n: number, script: string) {
    this.workers = Array.from({ length: n }, () => new Worker(script, { workerData: { journeymapWorker: true } }));
  }
  get size(): number {
    return this.workers.length;
  }
  /** Sends one job to one worker and waits for its answer. */
  private ask<R>(w: Worker, job: Job): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
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
      w.postMessage(job);
    });
  }
  /** The same job for every worker. */
  async broadcast(job: Job): Promise<void> {
    await Promise.all(this.workers.map((w) => this.ask(w, job)));
  }
  /** Runs the items in chunks, each worker taking the next chunk when it is free; results in item order. */
  async run<R>(items: [string, string][], job: (items: [string, string][]) => Job): Promise<R[]> {
    const chunks = chunk(items, chunkBytesFor(items, this.workers.length));
    const out = new Array<R>(items.length);
    let next = 0;
    await Promise.all(
      this.workers.map(async (w) => {
        while (next < chunks.length) {
          const c = chunks[next++];
          const rs = await this.ask<R>(w, job(c.items));
          rs.forEach((r, j) => (out[c.from + j] = r));
        }
      }),
    );
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
    await pool.broadcast({ kind: 'load', entries: all, settings, needs });
    const results = await pool.run<WorkerAnalysis>(named, (items) => ({ kind: 'analyse', items }));
    return { index, results };
  } finally {
    await pool.close();
  }
}
