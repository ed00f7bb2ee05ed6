// `journeymap lint` and `journeymap report` over a generated 5,000-file workspace, with one
// thread (JM_WORKERS=1) and with one worker per core: wall time of the built CLI, the runs of
// both interleaved (one then the other, `runs` times) so both see the same machine load.
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { join } from 'node:path';
import { writeWorkspace } from './generate';
import { round } from './stats';

const CLI = join(__dirname, '..', 'dist', 'cli.js');

export interface CliScaleResult {
  command: string;
  files: number;
  workers: number;
  /** Median seconds with one thread and with `workers` workers. */
  oneThreadS: number;
  workersS: number;
  /** oneThreadS / workersS. */
  speedUp: number;
  runs: number;
}

function time(args: string[], workers: number): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, JM_WORKERS: String(workers), NO_COLOR: '1' },
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`journeymap ${args.join(' ')}: exit ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return s;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function measureCliScale(base: string, files: number, runs: number): CliScaleResult[] {
  const ws = writeWorkspace(join(base, `cli-${files}`), files);
  const workers = Math.max(2, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  const out: CliScaleResult[] = [];
  for (const [command, args] of [
    ['report', ['report', ws.dir, '--root', ws.dir, '-f', 'json']],
    ['lint', ['lint', ws.dir, '--root', ws.dir, '-f', 'json']],
  ] as const) {
    const one: number[] = [];
    const many: number[] = [];
    for (let i = 0; i < runs; i++) {
      one.push(time([...args], 1));
      many.push(time([...args], workers));
    }
    const a = median(one);
    const b = median(many);
    out.push({ command, files, workers, oneThreadS: round(a, 1), workersS: round(b, 1), speedUp: round(a / b, 2), runs });
  }
  return out;
}
