// Parsing with `yaml`, keeping every position and comment, plus the guards that keep hostile
// text from taking the process down (deep nesting, alias bombs).
import {
  Composer,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  Pair,
  Parser,
  Scalar,
  YAMLMap,
  YAMLParseError,
  YAMLSeq,
} from 'yaml';
import type { CST, Node as YamlNode, YAMLError } from 'yaml';
import { applyEdit, candidateMistakes, Mistake, structuralErrors } from './mistakes';
import type { FileKind, JourneyDiagnostic, Position, Range } from './types';

/** Deeper than this we refuse to parse: `yaml` recurses per level and can abort Node. */
export const MAX_DEPTH = 256;
/**
 * Larger texts are refused with one diagnostic instead of parsed: a real journey is well
 * under 1 MB (5,000 touchpoints is about 1 MB), and parsing many megabytes would stall the
 * editor on every keystroke.
 */
export const MAX_TEXT_LENGTH = 2 * 1024 * 1024;
/** Alias expansions allowed when turning the document into plain data (alias bombs). */
export const MAX_ALIAS_COUNT = 100;

export type AnyNode = YamlNode;

/** Maps between string offsets and LSP positions (UTF-16, 0-based; `\r\n` is one break). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    // indexOf jumps from break to break: a 20 MB text is indexed without visiting each character in JS.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (cr + 1 !== lf) this.starts.push(cr + 1); // a lone \r; \r\n counts once, at its \n
        cr = text.indexOf('\r', cr + 1);
      } else {
        this.starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      }
    }
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and \n of one break is no place on the line: use the end of its content, as editors do.
    if (o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) o--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  offset(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[p.line] + Math.max(0, p.character), this.lineEnd(p.line));
  }
  /** Offset of the end of a line's content, before its break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

export interface ParsedFile {
  uri: string;
  kind: FileKind;
  text: string;
  lines: LineIndex;
  /** Null when the text was refused before parsing (too deep). */
  doc: Document.Parsed | null;
  /** Parser errors and guard findings, as `yaml-syntax` diagnostics. */
  syntax: JourneyDiagnostic[];
  /**
   * When the syntax errors are explained mistakes (`mistakes.ts`) and the text with them
   * repaired parses cleanly: that parse, so the rest of the file is still checked, and the
   * lines the repairs changed (whose findings wait for the fix). The repairs keep every line
   * where it is and change no other line, so ranges off those lines are the text's own.
   */
  recovered?: { parsed: ParsedFile; lines: number[]; repairs: { line: number; from: number; to: number }[] };
}

/** The kind of a file, from its name, else from its first top-level key. */
export function fileKindOf(uri: string, text?: string): FileKind {
  if (/\.persona\.ya?ml$/i.test(uri)) return 'persona';
  if (/\.journey\.ya?ml$/i.test(uri)) return 'journey';
  if (text && /^persona\s*:/m.test(text) && !/^journey\s*:/m.test(text)) return 'persona';
  return 'journey';
}

export function isJourneyOrPersonaFile(uri: string): boolean {
  return /\.(journey|persona)\.ya?ml$/i.test(uri);
}

/**
 * Finds the first place where nesting exceeds `limit`, counting flow brackets and block
 * indentation (including compact `- - -` items), without parsing. Returns its offset.
 */
export function findExcessiveNesting(text: string, limit = MAX_DEPTH): number | null {
  // Flow depth: brackets outside quotes and comments.
  let flow = 0;
  let quote: string | null = null;
  let lineStart = true;
  const indents: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart && quote === null && flow === 0) {
      // Block structure: measure indentation plus compact sequence markers.
      let j = i;
      while (text[j] === ' ') j++;
      let col = j - i;
      if (text[j] !== '\n' && text[j] !== '\r' && text[j] !== '#' && j < text.length) {
        while (indents.length && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        while ((text[j] === '-' || text[j] === '?') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
          j += 2;
          col += 2;
          while (text[j] === ' ') {
            j++;
            col++;
          }
          indents.push(col);
        }
        if (indents.length > limit) return j;
      }
      lineStart = false;
    }
    if (c === '\n') {
      lineStart = true;
      if (quote === null) continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s,[{:]/.test(text[i - 1]))) quote = c;
    else if (c === '[' || c === '{') {
      if (++flow > limit) return i;
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return null;
}

export function parseFile(uri: string, text: string): ParsedFile {
  return finish(parseSteps(uri, text));
}

/**
 * The same parse, paused every few milliseconds so that a server keeps answering requests
 * about other documents while a big one is read. The caller says how to pause (the server
 * yields to Node's event loop): the core knows no host's scheduler.
 */
export async function parseFileAsync(uri: string, text: string, pause: () => Promise<void>, sliceMs = 10): Promise<ParsedFile> {
  const steps = parseSteps(uri, text);
  let sliceEnd = Date.now() + sliceMs;
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    if (Date.now() >= sliceEnd) {
      await pause();
      sliceEnd = Date.now() + sliceMs;
    }
  }
}

function finish<T>(steps: Generator<void, T>): T {
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Lexemes handled between two chances to pause. */
const LEXEMES_PER_STEP = 512;

function* parseSteps(uri: string, text: string): Generator<void, ParsedFile> {
  const lines = new LineIndex(text);
  const kind = fileKindOf(uri, text);
  // Refused before parsing: one finding, no document.
  const refused = (message: string, range: Range): ParsedFile => ({
    uri,
    kind,
    text,
    lines,
    doc: null,
    syntax: [{ rule: 'yaml-syntax', severity: 'error', message, range }],
  });
  if (text.length > MAX_TEXT_LENGTH) {
    return refused(
      `File too large to analyse: ${(text.length / 1048576).toFixed(1)} MB; ` +
        `Journey Maps reads files up to ${MAX_TEXT_LENGTH / 1048576} MB. Split the journey into several files.`,
      lines.range(0, lines.lineEnd(0)),
    );
  }
  const deep = findExcessiveNesting(text);
  if (deep !== null) {
    return refused(
      `Nesting deeper than ${MAX_DEPTH} levels: the file is not parsed. Journey files need only a few levels.`,
      lines.range(deep, Math.min(deep + 1, lines.lineEnd(lines.position(deep).line))),
    );
  }
  yield;
  const doc = yield* yamlDocumentSteps(text);
  let explained: Explained | null = null;
  if (structuralErrors(doc.errors).length) {
    try {
      explained = yield* explainSteps(text, lines, doc);
    } catch {
      explained = null; // the parser's own errors, as they are
    }
  }
  if (!explained) return { uri, kind, text, lines, doc, syntax: parserFindings(doc, lines, new Set()) };
  const repaired = new Set(explained.mistakes.map((m) => m.edit.line));
  const syntax: JourneyDiagnostic[] = explained.mistakes.map((m) => ({
    rule: 'yaml-syntax',
    severity: 'error',
    message: m.message,
    range: m.range,
    ...(m.fixTitle
      ? {
          fix: {
            kind: 'edits' as const,
            title: m.fixTitle,
            edits: [
              {
                range: { start: { line: m.edit.line, character: m.edit.start }, end: { line: m.edit.line, character: m.edit.end } },
                newText: m.edit.text,
              },
            ],
          },
        }
      : {}),
  }));
  // What is left after the repairs (an unresolved tag, a duplicate key...), on lines the repairs did not touch.
  syntax.push(...parserFindings(explained.doc, explained.lines, repaired));
  const result: ParsedFile = { uri, kind, text, lines, doc, syntax };
  if (explained.doc.errors.length === 0) {
    result.recovered = {
      parsed: { uri, kind, text: explained.text, lines: explained.lines, doc: explained.doc, syntax: [] },
      lines: [...repaired],
      // Where each repair's text sits in the repaired text.
      repairs: explained.mistakes.map((m) => ({ line: m.edit.line, from: m.edit.start, to: m.edit.start + m.edit.text.length })),
    };
  }
  return result;
}

function parserFindings(doc: Document.Parsed, lines: LineIndex, skipLines: Set<number>): JourneyDiagnostic[] {
  const out: JourneyDiagnostic[] = [];
  const add = (e: YAMLError, severity: 'error' | 'warning'): void => {
    const [s, en] = e.pos;
    const range = lines.range(s, Math.max(en, s));
    if (skipLines.has(range.start.line) || skipLines.has(range.end.line)) return;
    out.push({ rule: 'yaml-syntax', severity, message: cleanMessage(e.message), range });
  };
  for (const e of doc.errors) add(e, 'error');
  for (const w of doc.warnings) add(w, 'warning');
  return out;
}

interface Explained {
  mistakes: Mistake[];
  /** The text with every mistake repaired, and its parse. */
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
}

/** Re-parses a repair may cost, per parse of a broken text (each is a full parse). */
const MAX_REPAIR_PARSES = 5;
const MAX_MISTAKES = 3;

/**
 * Explains the first structural error as one mistake: each candidate repair is applied and the
 * text parsed again; a repair is kept when the text then parses cleanly, or has fewer errors,
 * the first of them below the repaired line. Then the next error, on the repaired text.
 */
function* explainSteps(text: string, lines: LineIndex, doc: Document.Parsed): Generator<void, Explained | null> {
  let cur = { text, lines, doc };
  const mistakes: Mistake[] = [];
  let parses = 0;
  while (mistakes.length < MAX_MISTAKES && parses < MAX_REPAIR_PARSES) {
    const before = structuralErrors(cur.doc.errors);
    if (!before.length) break;
    const last = mistakes.length ? mistakes[mistakes.length - 1].edit.line : -1;
    let next: { mistake: Mistake; text: string; lines: LineIndex; doc: Document.Parsed } | null = null;
    for (const mistake of candidateMistakes(cur.text, cur.lines, cur.doc.errors)) {
      if (mistake.edit.line <= last) continue;
      if (parses++ >= MAX_REPAIR_PARSES) break;
      const repairedText = applyEdit(cur.text, cur.lines, mistake.edit);
      const repairedDoc = yield* yamlDocumentSteps(repairedText);
      const after = structuralErrors(repairedDoc.errors);
      const repairedLines = new LineIndex(repairedText);
      if (after.length === 0 || (after.length < before.length && repairedLines.position(after[0].pos[0]).line > mistake.edit.line)) {
        next = { mistake, text: repairedText, lines: repairedLines, doc: repairedDoc };
        break;
      }
    }
    if (!next) break;
    mistakes.push(next.mistake);
    cur = next;
  }
  return mistakes.length ? { mistakes, ...cur } : null;
}

// Unknown tags such as !!js/function are never executed: yaml reports them as unresolved.
// `uniqueKeys` is off because yaml checks it by comparing every key with every earlier one
// (16,000 keys took seconds); `duplicateKeyErrors` finds the same duplicates in one pass.
// `resolveKnownTags` is off: YAML 1.1 tags outside the core schema (`!!binary`, `!!timestamp`,
// `!!set`...) stay unresolved like any unknown tag, instead of being decoded, which depends on
// the build (`!!binary` went through Node's lenient Buffer in one and a throwing `atob` in the
// other, so the bundled server and the core disagreed).
// `logLevel: 'error'`: yaml's warnings to programmers ("Set mapAsMap: true"...) would go to the
// CLI's stderr and the server's log; what the user needs is reported as diagnostics instead.
export const YAML_OPTIONS = {
  keepSourceTokens: false,
  prettyErrors: false,
  uniqueKeys: false,
  strict: true,
  resolveKnownTags: false,
  logLevel: 'error',
} as const;

/** yaml's `parseDocument`, one lexeme at a time, with the duplicate-key check done in linear time. */
function* yamlDocumentSteps(text: string): Generator<void, Document.Parsed> {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let n = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (++n % LEXEMES_PER_STEP === 0) yield;
  }
  for (const token of parser.end()) tokens.push(token);
  yield;
  let doc: Document.Parsed | null = null;
  for (const next of new Composer(YAML_OPTIONS).compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      // On the first line of the second document (its `---`).
      const at = next.range[0];
      const eol = text.indexOf('\n', at);
      doc.errors.push(
        new YAMLParseError(
          [at, Math.max(at + 1, eol < 0 ? text.length : eol)],
          'MULTIPLE_DOCS',
          'A journey or persona file holds one YAML document: this second one (after `---`) is not read. ' +
            'Move it to a file of its own, or remove the `---`.',
        ),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document.
  const parsed = doc as Document.Parsed;
  yield;
  parsed.errors.push(...duplicateKeyErrors(parsed), ...duplicateYamlDirectives(text));
  return parsed;
}

/** A second `%YAML` line before the first document (yaml accepts it silently; YAML 1.2 does not). */
function duplicateYamlDirectives(text: string): YAMLParseError[] {
  if (!text.startsWith('%') && !text.includes('\n%')) return [];
  const out: YAMLParseError[] = [];
  let seen = false;
  for (let at = 0; at < text.length;) {
    const eol = text.indexOf('\n', at);
    const line = text.slice(at, eol < 0 ? text.length : eol).replace(/\r$/, '');
    if (line.startsWith('---') || line.startsWith('...')) break;
    if (/^%YAML(\s|$)/.test(line)) {
      if (seen)
        out.push(
          new YAMLParseError(
            [at, at + line.length],
            'BAD_DIRECTIVE',
            'The %YAML directive is given twice: a document takes one. Remove this line.',
          ),
        );
      seen = true;
    }
    at = eol < 0 ? text.length : eol + 1;
  }
  return out;
}

/** `Map keys must be unique`, where yaml's `uniqueKeys` would say it: at the repeated key. */
function duplicateKeyErrors(doc: Document.Parsed): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  // A plain walk in yaml's `visit` order (a map before what it holds, each key before its value;
  // aliases are not followed): `visit` itself builds a frozen path array per node, which made
  // this check a fifth of the parse of a 1 MB journey. Nesting is bounded by MAX_DEPTH.
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        // yaml compares scalar keys by value (===) and other keys by identity.
        const value = isScalar(key) ? key.value : key;
        if (typeof value === 'number' && Number.isNaN(value)) continue;
        if (seen.has(value)) {
          const start = (key as { range?: [number, number, number] } | null)?.range?.[0];
          if (start !== undefined) out.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(value);
      }
      for (const pair of node.items) {
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    }
  };
  walk(doc.contents);
  return out;
}

function cleanMessage(m: string): string {
  // yaml appends "at line N, column M:" context blocks when prettyErrors is on; keep one line.
  return m.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
}

/**
 * The document as plain data for schema validation. Throws nothing: alias bombs and other
 * conversion failures come back as an error message.
 */
export function toPlainData(parsed: ParsedFile): { value: unknown } | { error: string } {
  if (!parsed.doc) return { error: 'not parsed' };
  try {
    return { value: parsed.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

// ---- AST helpers: every range the core reports comes from these. ----

/** Follows an alias (bounded) to the node it names. */
export function deref(doc: Document.Parsed, node: unknown): AnyNode | null {
  let n: unknown = node;
  for (let hops = 0; hops < 8 && isAlias(n); hops++) n = n.resolve(doc);
  return n && !isAlias(n) && (isMap(n) || isSeq(n) || isScalar(n)) ? (n as AnyNode) : null;
}

export function nodeRange(parsed: ParsedFile, node: { range?: [number, number, number] | null } | null | undefined): Range {
  if (!node || !node.range) return parsed.lines.range(0, 0);
  return parsed.lines.range(node.range[0], node.range[1]);
}

/** The range of a node trimmed to its first line (for maps and sequences that span many). */
export function firstLineRange(parsed: ParsedFile, node: { range?: [number, number, number] | null } | null | undefined): Range {
  const r = nodeRange(parsed, node);
  if (r.end.line === r.start.line) return r;
  const end = parsed.lines.lineEnd(r.start.line);
  return { start: r.start, end: parsed.lines.position(end) };
}

export function pairs(map: unknown): Pair<unknown, unknown>[] {
  return isMap(map) ? (map as YAMLMap).items.filter(isPair) : [];
}

export function pairKey(p: Pair<unknown, unknown>): string | null {
  return isScalar(p.key) ? String((p.key as Scalar).value) : null;
}

export function getPair(map: unknown, key: string): Pair<unknown, unknown> | null {
  for (const p of pairs(map)) if (pairKey(p) === key) return p;
  return null;
}

export function getNode(parsed: ParsedFile, map: unknown, key: string): AnyNode | null {
  const p = getPair(map, key);
  return p && parsed.doc ? deref(parsed.doc, p.value) : null;
}

export function seqItems(parsed: ParsedFile, node: unknown): AnyNode[] {
  if (!isSeq(node) || !parsed.doc) return [];
  const out: AnyNode[] = [];
  for (const it of (node as YAMLSeq).items) {
    const d = deref(parsed.doc, it);
    if (d) out.push(d);
  }
  return out;
}

export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

export function scalarNumber(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The root map of a parsed file, or null. */
export function rootMap(parsed: ParsedFile): YAMLMap | null {
  if (!parsed.doc) return null;
  const c = deref(parsed.doc, parsed.doc.contents);
  return isMap(c) ? (c as YAMLMap) : null;
}
