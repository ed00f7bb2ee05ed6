// The data files (CSV) the open journeys name: read once and kept until the watcher reports a
// change, with which journeys read which file, so a changed file re-checks exactly those.
// The host reads a file at once (Node, from disk) or later (the browser, through the client):
// the check loads a journey's files before it analyses (`load`); an analysis that runs while a
// file is still on its way (a hover, the model request) leaves it out, and the journeys that
// met it pending are checked again when it arrives.
import type { DataReader, DataText } from '../core/data';

export type DataRead = (uri: string) => DataText | Promise<DataText>;

export class DataFiles {
  /**
   * @param read the host's reader (the disk under Node, the client in the browser)
   * @param keyOf the name one file is known by whatever its URI's spelling (its path), or null
   * @param arrived told which journeys met a file pending, once that file has been read
   */
  constructor(
    private readonly read: DataRead,
    private readonly keyOf: (uri: string) => string | null,
    private readonly arrived: (journeys: string[]) => void = () => undefined,
  ) {}

  private readonly texts = new Map<string, DataText>();
  /** Reads under way, by key; a change on disk while one is under way drops its answer. */
  private readonly loading = new Map<string, Promise<void>>();
  /** Per key under way, the journeys whose analysis met it pending. */
  private readonly waiting = new Map<string, Set<string>>();
  /** Per journey URI, the data files (by path) its last analysis read. */
  private readonly readBy = new Map<string, Set<string>>();
  /** Bumped on every change, so a cached analysis that read data is not reused after one. */
  generation = 0;

  /** A reader for one analysis of a journey; it records what the journey reads. */
  readerFor(journeyUri: string): DataReader {
    const used = new Set<string>();
    this.readBy.set(journeyUri, used);
    return (uri) => {
      const key = this.keyOf(uri);
      if (key === null) return { error: 'not a file on this machine' };
      used.add(key);
      const text = this.texts.get(key) ?? this.start(uri, key);
      // A journey whose check is loading its files is analysed again by that check anyway.
      if ('pending' in text && !this.checking.has(journeyUri)) {
        const waiting = this.waiting.get(key) ?? new Set<string>();
        this.waiting.set(key, waiting.add(journeyUri));
      }
      return text;
    };
  }

  /** Journeys whose check is waiting for their files (`load`), with how many checks wait. */
  private readonly checking = new Map<string, number>();

  /** Reads the files a journey's check needs (the URIs its `data` names) and resolves when all are in. */
  async load(journeyUri: string, uris: readonly string[]): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const uri of uris) {
      const key = this.keyOf(uri);
      if (key === null || this.texts.has(key)) continue;
      this.start(uri, key);
      const under = this.loading.get(key);
      if (under) pending.push(under);
    }
    if (pending.length === 0) return;
    this.checking.set(journeyUri, (this.checking.get(journeyUri) ?? 0) + 1);
    try {
      await Promise.all(pending);
    } finally {
      const n = (this.checking.get(journeyUri) ?? 1) - 1;
      if (n > 0) this.checking.set(journeyUri, n);
      else this.checking.delete(journeyUri);
    }
  }

  /** The file's text if the host gave it at once, else pending with its read under way. */
  private start(uri: string, key: string): DataText {
    if (this.loading.has(key)) return { pending: true };
    let got: DataText | Promise<DataText>;
    try {
      got = this.read(uri);
    } catch (e) {
      got = { error: e instanceof Error ? e.message : String(e) };
    }
    if (!(got instanceof Promise)) {
      this.texts.set(key, got);
      return got;
    }
    const done: Promise<void> = got
      .catch((e: unknown): DataText => ({ error: e instanceof Error ? e.message : String(e) }))
      .then((text) => {
        if (this.loading.get(key) !== done) return; // changed on disk meanwhile: a newer read counts
        this.loading.delete(key);
        this.texts.set(key, text);
        this.generation++;
        const journeys = [...(this.waiting.get(key) ?? [])];
        this.waiting.delete(key);
        if (journeys.length) this.arrived(journeys);
      });
    this.loading.set(key, done);
    return { pending: true };
  }

  /** A file changed, appeared or went away on disk: the journeys that read it. */
  changed(uri: string): string[] {
    const key = this.keyOf(uri);
    if (key === null) return [];
    const readers = new Set([...this.readBy].filter(([, used]) => used.has(key)).map(([journey]) => journey));
    for (const journey of this.waiting.get(key) ?? []) readers.add(journey);
    this.waiting.delete(key);
    const dropped = this.texts.delete(key);
    const wasLoading = this.loading.delete(key);
    if (dropped || wasLoading || readers.size) this.generation++;
    return [...readers];
  }

  /** A journey closed: what it read no longer matters to it. */
  forget(journeyUri: string): void {
    this.readBy.delete(journeyUri);
    for (const [key, journeys] of this.waiting) if (journeys.delete(journeyUri) && journeys.size === 0) this.waiting.delete(key);
    const used = new Set([...this.readBy.values()].flatMap((s) => [...s]));
    for (const key of this.texts.keys()) if (!used.has(key)) this.texts.delete(key);
  }
}
