// Runs one hostile file's analysis in a fresh child process (child.ts) with a time limit, so a
// fatal crash (stack overflow, out of memory) or a hang fails its test instead of the runner.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(__dirname, 'child.ts');
/** Per file, for the whole child process (start-up included); generous, the machine is shared. */
export const CHILD_LIMIT_MS = 90_000;

export interface ChildReport {
  ranges: number;
  count: number;
  diagnostics: {
    rule: string;
    severity: string;
    message: string;
    messageLength: number;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
  model: string | null;
  /** Periods of the journey's history from its data files (null for a persona or no model). */
  historyPeriods: number | null;
  modelJsonSafe: boolean;
  polluted: boolean;
  newGlobals: string[];
}

export function runChild(file: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', CHILD, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0)
        return reject(
          new Error(
            `the analysis process ended with ${signal ? `signal ${signal} (time limit ${CHILD_LIMIT_MS} ms?)` : `exit code ${code}`}: ` +
              `${err.slice(-3000)}`,
          ),
        );
      try {
        resolve(JSON.parse(out) as ChildReport);
      } catch (e) {
        reject(new Error(`unreadable report: ${out.slice(0, 500)} ${err.slice(-2000)}`));
      }
    });
  });
}
