// The data files (CSV) the open journeys name: read once and kept until the watcher reports a
// change, with which journeys read which file, so a changed file re-checks exactly those.
import type { DataReader, DataText } from '../core/data';

export class DataFiles {
  /**
   * @param read the host's reader (the disk under Node)
   * @param keyOf the name one file is known by whatever its URI's spelling (its path), or null
   */
  constructor(
    private readonly read: (uri: string) => DataText,
    private readonly keyOf: (uri: string) => string | null,
  ) {}

  private readonly texts = new Map<string, DataText>();
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
      let text = this.texts.get(key);
      if (!text) this.texts.set(key, (text = this.read(uri)));
      return text;
    };
  }

  /** A file changed, appeared or went away on disk: the journeys that read it. */
  changed(uri: string): string[] {
    const key = this.keyOf(uri);
    if (key === null) return [];
    const readers = [...this.readBy].filter(([, used]) => used.has(key)).map(([journey]) => journey);
    if (this.texts.delete(key) || readers.length) this.generation++;
    return readers;
  }

  /** A journey closed: what it read no longer matters to it. */
  forget(journeyUri: string): void {
    this.readBy.delete(journeyUri);
    const used = new Set([...this.readBy.values()].flatMap((s) => [...s]));
    for (const key of this.texts.keys()) if (!used.has(key)) this.texts.delete(key);
  }
}
