// Position encodings (LSP 3.17 `general.positionEncodings`). Everything inside the server
// counts UTF-16 code units, as LSP does by default; a client that prefers UTF-8 (byte) or UTF-32
// (code point) columns gets them here, at the transport: this layer sits between the wire and the
// connection, picks the encoding from the `initialize` request, says so in its response, and
// converts the column of every position in both directions. With UTF-16 it passes messages
// through untouched.
import type { Message, MessageReader, MessageWriter, DataCallback, Disposable } from 'vscode-languageserver';

export type PositionEncoding = 'utf-16' | 'utf-8' | 'utf-32';
const SUPPORTED: readonly PositionEncoding[] = ['utf-16', 'utf-8', 'utf-32'];

/** The client's first preference that we support; UTF-16 when it states none (LSP's default). */
export function chooseEncoding(offered: unknown): PositionEncoding {
  if (Array.isArray(offered)) for (const e of offered) if (SUPPORTED.includes(e)) return e as PositionEncoding;
  return 'utf-16';
}

interface Pos {
  line: number;
  character: number;
}

/** Line starts of a text (`\r\n`, `\r` and `\n` are breaks, as in LSP). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** One document's text with its lines, for column conversions. */
class Lines {
  private starts: number[] | null = null;
  constructor(readonly text: string) {}
  line(n: number): string {
    this.starts ??= lineStarts(this.text);
    if (n < 0 || n >= this.starts.length) return '';
    const end = n + 1 < this.starts.length ? this.starts[n + 1] : this.text.length;
    return this.text.slice(this.starts[n], end).replace(/\r?\n$|\r$/, '');
  }
}

/** Units of one code point starting at `i` of `s`, in the client's encoding and in UTF-16. */
function unitsAt(s: string, i: number, enc: PositionEncoding): [number, number] {
  const cp = s.codePointAt(i)!;
  const utf16 = cp > 0xffff ? 2 : 1;
  if (enc === 'utf-32') return [1, utf16];
  return [cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4, utf16];
}

/** A UTF-16 column of `line` in the client's encoding. */
export function toClientColumn(line: string, character: number, enc: PositionEncoding): number {
  let out = 0;
  for (let i = 0; i < Math.min(character, line.length);) {
    const [client, utf16] = unitsAt(line, i, enc);
    out += client;
    i += utf16;
  }
  return out + Math.max(0, character - line.length);
}

/** A column in the client's encoding as UTF-16 (a column inside a character rounds down; past the end is kept past it). */
export function toUtf16Column(line: string, character: number, enc: PositionEncoding): number {
  let units = 0;
  let i = 0;
  while (i < line.length) {
    const [client, utf16] = unitsAt(line, i, enc);
    if (units + client > character) return i;
    units += client;
    i += utf16;
  }
  return i + Math.max(0, character - units);
}

/** Converts every position in a message: the nearest enclosing `uri` (or the request's) names its document. */
class Converter {
  constructor(
    readonly enc: PositionEncoding,
    private readonly textOf: (uri: string) => Lines | undefined,
  ) {}

  convert(value: unknown, uri: string | undefined, toClient: boolean): unknown {
    if (Array.isArray(value)) {
      // Command arguments such as `[uri, range]`: a uri names the document of what follows it.
      let here = uri;
      return value.map((v) => {
        if (typeof v === 'string' && /^(file|untitled):/.test(v)) here = v;
        return this.convert(v, here, toClient);
      });
    }
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, unknown>;
    if (typeof o.line === 'number' && typeof o.character === 'number' && Object.keys(o).length === 2)
      return this.position(o as unknown as Pos, uri, toClient);
    const own =
      typeof o.uri === 'string'
        ? o.uri
        : typeof o.targetUri === 'string'
          ? o.targetUri
          : (o.textDocument as { uri?: unknown } | undefined)?.uri;
    const here = typeof own === 'string' ? own : uri;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      // WorkspaceEdit.changes: edits keyed by the uri of their document.
      if (k === 'changes' && v && typeof v === 'object' && !Array.isArray(v)) {
        out[k] = Object.fromEntries(Object.entries(v).map(([u, edits]) => [u, this.convert(edits, u, toClient)]));
      } else out[k] = this.convert(v, here, toClient);
    }
    return out;
  }

  private position(p: Pos, uri: string | undefined, toClient: boolean): Pos {
    const lines = uri ? this.textOf(uri) : undefined;
    if (!lines) return p;
    const line = lines.line(p.line);
    return { line: p.line, character: toClient ? toClientColumn(line, p.character, this.enc) : toUtf16Column(line, p.character, this.enc) };
  }
}

type Json = Record<string, unknown>;

/**
 * Wraps a transport's reader and writer. Keeps its own copy of each open document's text (the
 * columns of a change refer to the text before it), reads closed files from disk when a result
 * points into them.
 */
/** `readSaved`: a closed file's text at once (the host's readFileSync); without it, such positions pass as UTF-16. */
export function withPositionEncoding(
  reader: MessageReader,
  writer: MessageWriter,
  readSaved?: (uri: string) => string | undefined,
): { reader: MessageReader; writer: MessageWriter } {
  let enc: PositionEncoding = 'utf-16';
  let initializeId: unknown;
  const open = new Map<string, Lines>();
  /** Request id → the document it is about, for its response. */
  const pending = new Map<unknown, string | undefined>();
  const disk = (uri: string): Lines | undefined => {
    const text = readSaved?.(uri);
    return text === undefined ? undefined : new Lines(text);
  };
  const converter = (): Converter => {
    const read = new Map<string, Lines | undefined>(); // disk files read for this one message
    return new Converter(enc, (uri) => open.get(uri) ?? (read.has(uri) ? read.get(uri) : (read.set(uri, disk(uri)), read.get(uri))));
  };
  const docOf = (params: unknown): string | undefined => {
    const p = params as { textDocument?: { uri?: unknown }; uri?: unknown } | undefined;
    const uri = p?.textDocument?.uri ?? p?.uri;
    return typeof uri === 'string' ? uri : undefined;
  };

  /** A message from the client, in UTF-16 for the server; open texts follow the client's. */
  const incoming = (m: Json): Json => {
    const method = typeof m.method === 'string' ? m.method : undefined;
    if (method === 'initialize') {
      initializeId = m.id;
      enc = chooseEncoding(
        (m.params as { capabilities?: { general?: { positionEncodings?: unknown } } } | undefined)?.capabilities?.general
          ?.positionEncodings,
      );
    }
    if (enc === 'utf-16') return m;
    const params = m.params as Json | undefined;
    const uri = docOf(params);
    if (method === 'textDocument/didOpen' && uri) {
      const text = (params?.textDocument as { text?: unknown }).text;
      if (typeof text === 'string') open.set(uri, new Lines(text));
      return m;
    }
    if (method === 'textDocument/didClose' && uri) {
      open.delete(uri);
      return m;
    }
    if (method === 'textDocument/didChange' && uri && Array.isArray(params?.contentChanges)) {
      // Each change's range is in the text left by the changes before it.
      const changes = params.contentChanges.map((ch: { range?: { start: Pos; end: Pos }; text?: unknown }) => {
        const lines = open.get(uri);
        if (typeof ch?.text !== 'string') return ch;
        if (!ch.range || !lines) {
          open.set(uri, new Lines(ch.text));
          return ch;
        }
        const range = new Converter(enc, () => lines).convert(ch.range, uri, false) as { start: Pos; end: Pos };
        const starts = lineStarts(lines.text);
        const offset = (p: Pos): number =>
          p.line >= starts.length
            ? lines.text.length
            : Math.min(starts[p.line] + p.character, p.line + 1 < starts.length ? starts[p.line + 1] : lines.text.length);
        open.set(uri, new Lines(lines.text.slice(0, offset(range.start)) + ch.text + lines.text.slice(offset(range.end))));
        return { ...ch, range };
      });
      return { ...m, params: { ...params, contentChanges: changes } };
    }
    if (method !== undefined && m.id !== undefined) pending.set(m.id, uri);
    return params === undefined ? m : { ...m, params: converter().convert(params, uri, false) };
  };

  /** A message from the server, in the client's encoding. */
  const outgoing = (m: Json): Json => {
    if (m.id !== undefined && m.id === initializeId && m.method === undefined && m.result && typeof m.result === 'object') {
      initializeId = undefined;
      const result = m.result as { capabilities?: Json };
      return { ...m, result: { ...result, capabilities: { ...result.capabilities, positionEncoding: enc } } };
    }
    if (enc === 'utf-16') return m;
    if (typeof m.method === 'string')
      return m.params === undefined ? m : { ...m, params: converter().convert(m.params, docOf(m.params), true) };
    if (m.id !== undefined && pending.has(m.id)) {
      const uri = pending.get(m.id);
      pending.delete(m.id);
      return 'result' in m ? { ...m, result: converter().convert(m.result, uri, true) } : m;
    }
    return m;
  };

  const wrappedReader: MessageReader = {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback: DataCallback): Disposable =>
      reader.listen((msg: Message) => callback(incoming(msg as unknown as Json) as unknown as Message)),
    dispose: () => reader.dispose(),
  };
  const wrappedWriter: MessageWriter = {
    onError: writer.onError,
    onClose: writer.onClose,
    write: (msg: Message) => writer.write(outgoing(msg as unknown as Json) as unknown as Message),
    end: () => writer.end(),
    dispose: () => writer.dispose(),
  };
  return { reader: wrappedReader, writer: wrappedWriter };
}
