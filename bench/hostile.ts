// Hostile files against a working server: each of the hostile suite's files (test/hostile/files.ts)
// is opened in a workspace that holds them all, and completions are asked on another journey,
// one after another, until the hostile file's diagnostics are published. The latency of those
// completions is what a user feels while the server chews on a bad file; the hostile suite only
// checks that the answers come and are right, the numbers live here, beside the peer's
// (yaml-language-server with our schema, same files, same requests).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HOSTILE, HostileFile } from '../test/hostile/files';
import { Lsp, ServerSpec } from './lsp';
import { round } from './stats';

const ROOT = resolve(__dirname, '..');
/** A file whose diagnostics do not come within this is reported as such (the peer may never finish). */
export const PUBLISH_LIMIT_MS = 30_000;

export interface HostileFileResult {
  name: string;
  /** didOpen to the file's first diagnostics; null when none came within PUBLISH_LIMIT_MS. */
  diagnosticsMs: number | null;
  completions: number;
  /** The slowest completion on the other document while the file was analysed. */
  worstCompletionMs: number;
}

export interface HostileResult {
  server: string;
  /** A completion on the other document with nothing else to do, median of 10 (the base line). */
  idleCompletionMs: number;
  files: HostileFileResult[];
  /** The slowest completion over every file. */
  worstCompletionMs: number;
}

export async function measureHostile(spec: ServerSpec, dir: string, hostile: HostileFile[] = HOSTILE): Promise<HostileResult> {
  mkdirSync(join(dir, 'hostile'), { recursive: true });
  for (const f of hostile) writeFileSync(join(dir, 'hostile', f.name), f.bytes);
  const otherPath = join(dir, 'other.journey.yaml');
  copyFileSync(join(ROOT, 'samples/buy-phone-online.journey.yaml'), otherPath);
  const other = pathToFileURL(otherPath).href;
  const otherText = readFileSync(otherPath, 'utf8');
  // The spot the hostile suite asks at: a key inside the journey's first stage.
  const probe = { line: 5, character: 6 };
  const lsp = await Lsp.start(spec, [dir]);
  try {
    await lsp.open(other, otherText);
    const idle: number[] = [];
    for (let i = 0; i < 13; i++) {
      const r = await lsp.complete(other, probe.line, probe.character);
      if (i >= 3) idle.push(r.ms);
    }
    const files: HostileFileResult[] = [];
    for (const f of hostile) {
      const uri = pathToFileURL(join(dir, 'hostile', f.name)).href;
      const t0 = performance.now();
      const state: { publishedMs: number | null; done: boolean } = { publishedMs: null, done: false };
      const limit = setTimeout(() => (state.done = true), PUBLISH_LIMIT_MS);
      void lsp.open(uri, f.bytes.toString('utf8')).then(
        (p) => {
          state.publishedMs = p.at - t0;
          state.done = true;
          clearTimeout(limit);
        },
        () => undefined,
      );
      const latencies: number[] = [];
      while (!state.done || latencies.length < 3) {
        latencies.push((await lsp.complete(other, probe.line, probe.character)).ms);
      }
      clearTimeout(limit);
      files.push({
        name: f.name,
        diagnosticsMs: state.publishedMs === null ? null : round(state.publishedMs, 1),
        completions: latencies.length,
        worstCompletionMs: round(Math.max(...latencies), 1),
      });
      await lsp.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    return {
      server: spec.name,
      idleCompletionMs: round(idle.sort((a, b) => a - b)[Math.floor(idle.length / 2)], 1),
      files,
      worstCompletionMs: Math.max(...files.map((f) => f.worstCompletionMs)),
    };
  } finally {
    await lsp.stop();
  }
}
