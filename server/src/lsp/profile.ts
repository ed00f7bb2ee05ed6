// Per-phase timings of each check, for profiling the server from outside (the benchmark sets
// `JM_SERVER_PROF`; the Node entry then hands the session a sink that writes one line per
// check to stderr, prefixed `JMPROF `). Off by default: without a sink nothing is timed and
// nothing is serialised twice.
import type { PhaseTimer } from '../core/analyze';

export type ProfileSink = (line: string) => void;

/** The phases of one check of one document version, in milliseconds, in the order they ran. */
export class CheckProfile {
  readonly phases: Record<string, number> = {};
  readonly facts: Record<string, number | string | boolean> = {};
  private readonly began = performance.now();

  constructor(
    readonly uri: string,
    readonly version: number,
    /** When the server received the open or change this check answers (if known). */
    private readonly receivedAt: number | undefined,
  ) {}

  /** Times `run` as `phase` (added up if it runs more than once). */
  readonly time: PhaseTimer = (phase, run) => {
    const t0 = performance.now();
    try {
      return run();
    } finally {
      this.add(phase, performance.now() - t0);
    }
  };

  async timeAsync<T>(phase: string, run: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      this.add(phase, performance.now() - t0);
    }
  }

  add(phase: string, ms: number): void {
    this.phases[phase] = (this.phases[phase] ?? 0) + ms;
  }

  line(): string {
    const round = (x: number): number => Math.round(x * 100) / 100;
    const phases: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.phases)) phases[k] = round(v);
    return JSON.stringify({
      uri: this.uri,
      version: this.version,
      // From the change's arrival: the debounce and the queue are in `waited`.
      waited: this.receivedAt === undefined ? null : round(this.began - this.receivedAt),
      total: round(performance.now() - this.began),
      phases,
      ...this.facts,
    });
  }
}
