// Opt-in timings for the benchmark (initializationOptions `{ benchmark: true }`): how long the
// last check of each document took inside the server, from the end of its debounce to its
// diagnostics being sent. Off by default: a normal session records nothing.
import type { Connection } from 'vscode-languageserver';
import { guarded, Logger } from './guard';

/**
 * Request `journeymap/stats`: `{ uri }` -> the last check of that document, or null;
 * `{ portfolio: true }` -> `{ closedFilesAnalysed, diskParsesTaken }`, how many closed files the portfolio
 * analysed so far, and how many opens took the parse made while indexing.
 */
export const StatsRequest = { method: 'journeymap/stats' } as const;

export interface CheckTiming {
  uri: string;
  version: number;
  /** Milliseconds from the start of the check to its diagnostics being handed to the connection. */
  processingMs: number;
}

export class CheckStats {
  private readonly last = new Map<string, CheckTiming>();
  /** Closed files the portfolio analysed (each miss of its model cache). */
  portfolioAnalyses = 0;
  /** How many opens took the parse made while indexing, not parsing again. */
  diskParsesTaken: () => number = () => 0;
  record(uri: string, version: number, startedAt: number): void {
    this.last.set(uri, { uri, version, processingMs: performance.now() - startedAt });
  }
  get(uri: string): CheckTiming | null {
    return this.last.get(uri) ?? null;
  }
}

export function registerStats(connection: Connection, stats: () => CheckStats | undefined, log: Logger): void {
  connection.onRequest(
    StatsRequest.method,
    guarded('journeymap/stats', {}, null, log, (params: { uri?: unknown; portfolio?: unknown }) => {
      if (params.portfolio === true) {
        const s = stats();
        return s ? { closedFilesAnalysed: s.portfolioAnalyses, diskParsesTaken: s.diskParsesTaken() } : null;
      }
      return typeof params.uri === 'string' ? (stats()?.get(params.uri) ?? null) : null;
    }),
  );
}
