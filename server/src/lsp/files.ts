// Every journey and persona text the server knows: open documents (their text wins) and the
// files on disk under the workspace folders. Parses once per text and hands the same
// ParsedFile to the index, the analysis and the navigation features.
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { reparseFile, reparseIncrementally } from '../core/incremental';
import { parseFile, parseFileAsync, ParsedFile } from '../core/parse';
import { SymbolEntry, symbolEntries } from '../core/symbols';
import { yieldToEventLoop } from './queue';

/** A disk file at least this long keeps its parse until the queue is idle (see `recentDisk`). */
export const KEEP_DISK_PARSE_MIN = 64 * 1024;
/** At most this much text's parses are kept that way (about one big journey and a half). */
export const KEEP_DISK_PARSE_TEXT = 3 * 1024 * 1024;

export class FileStore {
  /** Disk text of workspace files, by the URI the server made from their path. */
  readonly disk = new Map<string, string>();
  private readonly parsedCache = new Map<string, { text: string; parsed: ParsedFile }>();
  /**
   * Each file's workspace symbols, for the text they were read from. Kept for every file (a
   * few names and ranges each), unlike the parse: a Ctrl+T search over 5,000 files must not
   * parse them all again.
   */
  private readonly symbolCache = new Map<string, { text: string; entries: SymbolEntry[] }>();
  /**
   * The parses of big disk files indexed since the queue last went idle: the editor usually
   * opens a file moments after the server indexed it from disk, with the same text, and on a
   * 1 MB journey a second parse was a third of the time to its first diagnostics. Only files
   * of KEEP_DISK_PARSE_MIN characters or more, at most KEEP_DISK_PARSE_TEXT characters of them
   * (oldest out first); released when the analysis queue is idle (`releaseDiskParses`), so
   * memory stays that of the open documents.
   */
  private readonly recentDisk = new Map<string, { text: string; parsed: ParsedFile }>();
  /** How many opens took the parse made while indexing (the benchmark's stats report it). */
  diskParsesTaken = 0;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly pathOf: (uri: string) => string | undefined,
  ) {}

  isOpen(uri: string): boolean {
    return this.documents.get(uri) !== undefined;
  }

  /** The disk URI of the same file as `uri`, when the client spells it differently. */
  diskAlias(uri: string): string | undefined {
    if (this.disk.has(uri)) return uri;
    const path = this.pathOf(uri);
    if (!path) return undefined;
    for (const d of this.disk.keys()) if (this.pathOf(d) === path) return d;
    return undefined;
  }

  /** The open uri that shadows a disk file, if any. */
  openAlias(diskUri: string): string | undefined {
    if (this.isOpen(diskUri)) return diskUri;
    const path = this.pathOf(diskUri);
    if (!path) return undefined;
    return this.documents.keys().find((u) => this.pathOf(u) === path);
  }

  text(uri: string): string | undefined {
    return this.documents.get(uri)?.getText() ?? this.disk.get(uri);
  }

  parsed(uri: string): ParsedFile | undefined {
    const text = this.text(uri);
    if (text === undefined) {
      this.parsedCache.delete(uri);
      return undefined;
    }
    const cached = this.parsedCache.get(uri);
    if (cached && cached.text === text) return cached.parsed;
    // A keystroke re-parses only the touchpoint it touched (the old parse is handed over).
    const parsed = cached ? reparseFile(cached.parsed, text) : (this.fromDisk(uri, text) ?? parseFile(uri, text));
    // Only open documents keep their parse: a workspace of thousands of files would otherwise
    // hold every syntax tree (the index keeps what it needs; others are parsed on demand).
    if (this.isOpen(uri)) this.parsedCache.set(uri, { text, parsed });
    else {
      this.parsedCache.delete(uri);
      // A disk file is parsed when it is indexed: its symbols are read then, while the tree is
      // here. A big file whose parse is kept (the editor may be about to open it) waits: its
      // symbols are read when that parse is released unused, or asked for, so they are not on
      // the way to its first diagnostics (a sixth of indexing a 1 MB journey).
      if (!this.keepDiskParse(uri, text, parsed)) this.symbolCache.set(uri, { text, entries: symbolEntries(parsed) });
    }
    return parsed;
  }

  /** The workspace symbols of a file's current text (parsed only if that text is new). */
  symbols(uri: string): SymbolEntry[] {
    const text = this.text(uri);
    if (text === undefined) {
      this.symbolCache.delete(uri);
      return [];
    }
    const cached = this.symbolCache.get(uri);
    if (cached && cached.text === text) return cached.entries;
    const parsed = this.parsed(uri);
    const entries = parsed ? symbolEntries(parsed) : [];
    this.symbolCache.set(uri, { text, entries });
    return entries;
  }

  /** Parses into the cache in slices, so a big document does not stall requests about others. */
  async parseInSlices(uri: string): Promise<void> {
    const text = this.text(uri);
    const cached = this.parsedCache.get(uri);
    if (text === undefined || cached?.text === text) return;
    // An edit inside one touchpoint is re-parsed at once; anything else in slices.
    const fast = cached ? reparseIncrementally(cached.parsed, text) : (this.fromDisk(uri, text) ?? null);
    if (fast) {
      this.parsedCache.set(uri, { text, parsed: fast });
      return;
    }
    const parsed = await parseFileAsync(uri, text, yieldToEventLoop);
    // Keep it only if the text did not change meanwhile.
    if (this.text(uri) === text) this.parsedCache.set(uri, { text, parsed });
  }

  /** Keeps a big disk file's parse (see `recentDisk`); true when it is kept. */
  private keepDiskParse(uri: string, text: string, parsed: ParsedFile): boolean {
    this.recentDisk.delete(uri);
    if (text.length < KEEP_DISK_PARSE_MIN) return false;
    this.recentDisk.set(uri, { text, parsed });
    let total = 0;
    for (const kept of this.recentDisk.values()) total += kept.text.length;
    for (const [old, kept] of this.recentDisk) {
      if (total <= KEEP_DISK_PARSE_TEXT) break;
      this.readSymbolsOf(old, kept);
      this.recentDisk.delete(old);
      total -= kept.text.length;
    }
    return true;
  }

  /** The symbols of a kept disk parse, read before the parse goes (unless they are read already). */
  private readSymbolsOf(uri: string, kept: { text: string; parsed: ParsedFile }): void {
    if (this.symbolCache.get(uri)?.text !== kept.text) this.symbolCache.set(uri, { text: kept.text, entries: symbolEntries(kept.parsed) });
  }

  /** The parse of a disk file just indexed, when the editor opened it with the same text. */
  private fromDisk(uri: string, text: string): ParsedFile | undefined {
    const kept = this.recentDisk.get(uri);
    if (!kept || kept.text !== text) return undefined;
    // Its symbols are not read here, on the way to the open's diagnostics: the open document
    // answers for the file now, and closing it parses the disk text again.
    this.recentDisk.delete(uri);
    this.diskParsesTaken++;
    return kept.parsed;
  }

  /** Drops the disk parses kept for an open that did not come (the queue went idle), reading their symbols first. */
  releaseDiskParses(): void {
    for (const [uri, kept] of this.recentDisk) this.readSymbolsOf(uri, kept);
    this.recentDisk.clear();
  }

  forget(uri: string): void {
    this.parsedCache.delete(uri);
    this.symbolCache.delete(uri);
    this.recentDisk.delete(uri);
  }

  /** One URI per file: the open document where there is one, else the disk file. */
  uris(): string[] {
    const out = new Set(this.documents.keys());
    for (const d of this.disk.keys()) if (!this.openAlias(d)) out.add(d);
    return [...out];
  }

  /** Files whose text mentions `word`: the candidates a cross-file search must parse. */
  mentioning(word: string): ParsedFile[] {
    const out: ParsedFile[] = [];
    for (const uri of this.uris()) {
      if (this.text(uri)?.includes(word)) {
        const p = this.parsed(uri);
        if (p) out.push(p);
      }
    }
    return out;
  }
}
