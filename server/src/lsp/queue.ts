// Debounced, one-at-a-time analysis. A change (re)starts its document's timer, so a newer
// version supersedes a pending one; the worker yields to the event loop between steps, so
// requests about other documents are answered while a big one waits its turn.
/** Lets queued events run: setImmediate under Node, a zero timer in a Web Worker (which has none). */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(() => resolve()) : setTimeout(() => resolve(), 0)));

export type Step = (uri: string) => Promise<void>;

export class AnalysisQueue {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pending = new Set<string>();
  private running = false;

  constructor(
    private readonly run: Step,
    private readonly ready: Promise<unknown>,
    private readonly onError: (uri: string, e: unknown) => void,
    /** Called when the queue has run everything pending. */
    private readonly onIdle: () => void = () => {},
  ) {}

  /** Analyse `uri` after `delayMs` of quiet (0: as soon as the queue reaches it). */
  schedule(uri: string, delayMs: number): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    if (delayMs <= 0) {
      this.timers.delete(uri);
      this.enqueue(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.enqueue(uri);
      }, delayMs),
    );
  }

  /** Something is waiting, pending or running. */
  get busy(): boolean {
    return this.running || this.pending.size > 0 || this.timers.size > 0;
  }

  cancel(uri: string): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.delete(uri);
    this.pending.delete(uri);
  }

  private enqueue(uri: string): void {
    this.pending.add(uri);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.ready;
      while (this.pending.size > 0) {
        const uri = this.pending.values().next().value as string;
        this.pending.delete(uri);
        try {
          await this.run(uri);
        } catch (e) {
          this.onError(uri, e);
        }
        await yieldToEventLoop();
      }
    } finally {
      this.running = false;
    }
    if (this.pending.size === 0) this.onIdle();
  }
}
