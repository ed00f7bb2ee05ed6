// Where is the cursor? Completion must answer while the author is typing, when the text
// often does not parse, so `locateCursor` reads the text itself: indentation, `- ` markers,
// `key:` prefixes and flow brackets, line by line up to the cursor. `nodeAt` answers the
// same question from the AST for hover, where the file normally parses.
import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { AnyNode, deref, LineIndex, ParsedFile, pairKey } from './parse';
import type { Position, Range } from './types';

export type PathSegment = string | number;

export interface CursorContext {
  /**
   * `key`: typing a key of the map at `path`. `value`: typing the scalar value at `path`
   * (its last segment is the key). `item`: typing an item of the list at `path` (its last
   * segment is the item's index); in block style the item may also be a new map.
   */
  mode: 'key' | 'value' | 'item';
  path: PathSegment[];
  /** The word typed so far (unquoted), from its start to the cursor. */
  prefix: string;
  /** The whole word around the cursor: what a completion replaces. */
  range: Range;
  /** Set when the cursor is inside a quoted scalar. */
  quote?: '"' | "'";
  /** Inside a flow collection (`[a, b]`, `{ k: v }`). */
  flow: boolean;
  /** Key mode: keys already in that map, before and after the cursor. Item mode: the other items. */
  siblings: string[];
  /** Column where the keys of the map at the cursor start (block style), for snippet indentation. */
  indent: number;
  /** Block item mode: true when the line has no `- ` yet (blank line at the list's column). */
  needsDash?: boolean;
  /** Key mode: the line already has `:` right after the word (only the key is replaced). */
  hasColon?: boolean;
}

interface BlockFrame {
  kind: 'map' | 'seq';
  /** Key column of a map, dash column of a list. */
  col: number;
  path: PathSegment[];
  keys: string[];
  lastKey?: string;
  /** The last key had nothing after its colon: a nested block may follow. */
  lastKeyOpen: boolean;
  /** Lists: items started so far (the current item is `items - 1`). */
  items: number;
  /** Lists: the current item has no content yet (`-` alone on its line). */
  itemOpen: boolean;
  /** Lists: plain scalar items seen. */
  scalars: string[];
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,[\]{}][^:#]*?|-[^\s:#][^:#]*?)\s*:(?=\s|$)/;

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t[0] === '"' && t[t.length - 1] === '"') return t.slice(1, -1).replace(/\\(.)/g, '$1');
  if (t.length >= 2 && t[0] === "'" && t[t.length - 1] === "'") return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

/**
 * Whether a quote at `i` starts a quoted scalar: only at the start of a token. Inside a plain
 * word (`customer's`) it is a character like any other, as YAML reads it.
 */
function opensQuote(s: string, i: number): boolean {
  const c = s[i];
  return (c === '"' || c === "'") && (i === 0 || /[\s,[{:]/.test(s[i - 1]));
}

/** A quoted scalar left open where a scan stopped: its quote and the offset of that quote. */
interface OpenQuote {
  char: '"' | "'";
  start: number;
}

/**
 * The one walk over quoted scalars that every scan of this file shares: calls `visit` with each
 * offset from `from` up to `to` that lies outside quotes. A quote opens a scalar only at a token's
 * start (`opensQuote`); inside double quotes `\` escapes the next character; with
 * `lineBreakEnds`, a quote left open at a line's end is taken as a typo that ends there. `visit`
 * returns `false` to stop, an offset to go on after (past a comment), or anything else to go on.
 * Returns the quoted scalar open where the walk ended, if any.
 */
function scanOutsideQuotes(
  text: string,
  from: number,
  to: number,
  visit: (i: number) => number | boolean | void,
  lineBreakEnds = false,
): OpenQuote | null {
  let quote: OpenQuote | null = null;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote.char === '"') i++;
      else if (c === quote.char || (lineBreakEnds && c === '\n')) quote = null;
    } else if (opensQuote(text, i)) quote = { char: c as '"' | "'", start: i };
    else {
      const next = visit(i);
      if (next === false) return null;
      if (typeof next === 'number') i = next;
    }
  }
  return quote;
}

/** Where a ` # comment` outside quotes starts on the line, or the line's length when it has none. */
function commentStart(line: string): number {
  let at = line.length;
  scanOutsideQuotes(line, 0, line.length, (i) => {
    if (line[i] !== '#' || (i > 0 && line[i - 1] !== ' ' && line[i - 1] !== '\t')) return true;
    at = i;
    return false;
  });
  return at;
}

/** Net bracket depth change of a flow text, outside quotes; negative means it closed more than it opened. */
function flowBalance(s: string): number {
  let depth = 0;
  scanOutsideQuotes(s, 0, s.length, (i) => {
    const c = s[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  });
  return depth;
}

class BlockScanner {
  readonly stack: BlockFrame[] = [{ kind: 'map', col: 0, path: [], keys: [], lastKeyOpen: false, items: 0, itemOpen: false, scalars: [] }];

  get top(): BlockFrame {
    return this.stack[this.stack.length - 1];
  }

  /** Drops the containers that a line starting at `col` has left. */
  popTo(col: number, startsWithDash: boolean): void {
    while (this.stack.length > 1) {
      const t = this.top;
      if (t.col > col || (t.kind === 'seq' && t.col === col && !startsWithDash)) this.stack.pop();
      else break;
    }
  }

  /** Starts (or continues) the list whose dash is at `col`; returns it. */
  dash(col: number): BlockFrame {
    const t = this.top;
    if (t.kind === 'seq' && t.col === col) {
      t.items++;
      t.itemOpen = true;
      return t;
    }
    let path: PathSegment[];
    if (t.kind === 'map' && t.lastKeyOpen && t.lastKey !== undefined) {
      path = [...t.path, t.lastKey];
      t.lastKeyOpen = false;
    } else if (t.kind === 'seq' && t.itemOpen) {
      path = [...t.path, t.items - 1];
      t.itemOpen = false;
    } else {
      path = [...t.path, '?'];
    }
    const seq: BlockFrame = { kind: 'seq', col, path, keys: [], lastKeyOpen: false, items: 1, itemOpen: true, scalars: [] };
    this.stack.push(seq);
    return seq;
  }

  /** The map whose keys start at `col` (existing, or new under an open key or list item). */
  mapAt(col: number): BlockFrame {
    const t = this.top;
    if (t.kind === 'map' && t.col === col) return t;
    let path: PathSegment[];
    if (t.kind === 'map' && t.lastKeyOpen && t.lastKey !== undefined && t.col < col) {
      path = [...t.path, t.lastKey];
      t.lastKeyOpen = false;
    } else if (t.kind === 'seq' && t.itemOpen && t.col < col) {
      path = [...t.path, t.items - 1];
      t.itemOpen = false;
    } else if (t.kind === 'map' && t.col < col) {
      // A key deeper than its neighbours with no open parent: keep it in the same map.
      return t;
    } else {
      path = [...t.path, '?'];
    }
    const map: BlockFrame = { kind: 'map', col, path, keys: [], lastKeyOpen: false, items: 0, itemOpen: false, scalars: [] };
    this.stack.push(map);
    return map;
  }
}

interface LineShape {
  indent: number;
  /** Columns of the `- ` markers at the start of the line. */
  dashes: number[];
  /** Column after the markers. */
  pos: number;
  key?: string;
  keyEnd?: number;
  /** Column where the value after `key:` starts (after spaces). */
  valueStart?: number;
}

function shapeOf(line: string): LineShape {
  let pos = 0;
  while (line[pos] === ' ') pos++;
  const indent = pos;
  const dashes: number[] = [];
  while (line[pos] === '-' && (pos + 1 >= line.length || line[pos + 1] === ' ')) {
    dashes.push(pos);
    pos++;
    while (line[pos] === ' ') pos++;
  }
  const shape: LineShape = { indent, dashes, pos };
  const m = KEY_RE.exec(line.slice(pos));
  if (m) {
    shape.key = unquote(m[1]);
    shape.keyEnd = pos + m[0].length;
    let v = shape.keyEnd;
    while (line[v] === ' ') v++;
    shape.valueStart = v;
  }
  return shape;
}

interface OpenFlow {
  /** Offset of the opening bracket in the text. */
  start: number;
  path: PathSegment[];
  depth: number;
  /** Indentation of the line that opened it: a line of content at or left of it ends the flow, as YAML's parser sees it. */
  indent: number;
}

/** For tests: how often the scan started below the top (`seedFromAst`). */
export const cursorStats = { seeded: 0 };

/** The text's lines, read through a `LineIndex` instead of splitting a megabyte on every request. */
interface Lines {
  count: number;
  line(n: number): string;
  start(n: number): number;
}

function linesOf(index: LineIndex): Lines {
  return {
    count: index.lineCount,
    line: (n) => index.text.slice(index.offset({ line: n, character: 0 }), index.lineEnd(n)),
    start: (n) => index.offset({ line: n, character: 0 }),
  };
}

/**
 * Locates the cursor for completion. Returns null inside a comment or where nothing can be
 * typed (a block scalar's text). With the file's parse (of this same text), the line scan starts
 * at the nearest block-list item above the cursor instead of the top of the file, with the
 * state the scan would have had there (see `seedFromAst`): the answer is the same, and a
 * completion in a 5,000-touchpoint journey reads a few lines instead of 40,000.
 */
export function locateCursor(text: string, position: Position, parsed?: ParsedFile): CursorContext | null {
  const index = parsed && parsed.text === text ? parsed.lines : new LineIndex(text);
  const lines = linesOf(index);
  const lineNo = Math.min(Math.max(position.line, 0), lines.count - 1);
  const lineText = lines.line(lineNo);
  const ch = Math.min(Math.max(position.character, 0), lineText.length);
  const scanner = new BlockScanner();
  let blockScalarCol: number | null = null;
  let flow: OpenFlow | null = null;
  const seed = parsed && parsed.text === text ? seedFromAst(parsed, lines, lineNo) : null;
  if (seed) {
    scanner.stack.splice(0, scanner.stack.length, ...seed.stack);
    cursorStats.seeded++;
  }

  for (let n = seed ? seed.line : 0; n < lineNo; n++) {
    const raw = lines.line(n);
    const line = raw.slice(0, commentStart(raw));
    const trimmed = line.trim();
    if (flow) {
      // A flow collection left open (`- {"x : y}`: the quote swallowed its `}`) ends where the
      // block structure resumes, at a line no deeper than the one that opened it.
      if (trimmed !== '' && shapeOf(line).indent <= flow.indent) flow = null;
      else {
        flow.depth += flowBalance(line);
        if (flow.depth <= 0) flow = null;
        continue;
      }
    }
    if (trimmed === '') continue;
    const shape = shapeOf(line);
    if (blockScalarCol !== null) {
      if (shape.indent > blockScalarCol) continue;
      blockScalarCol = null;
    }
    if (/^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%')) continue;
    scanner.popTo(shape.indent, shape.dashes.length > 0);
    let seq: BlockFrame | null = null;
    for (const d of shape.dashes) seq = scanner.dash(d);
    const rest = line.slice(shape.pos).trim();
    if (shape.key !== undefined) {
      const map = scanner.mapAt(shape.pos);
      map.keys.push(shape.key);
      map.lastKey = shape.key;
      const value = line.slice(shape.valueStart).trim();
      map.lastKeyOpen = value === '' || /^[&!]\S*$/.test(value);
      if (/^[|>]/.test(value)) blockScalarCol = shape.pos;
      else if (/^[[{]/.test(value)) {
        const depth = flowBalance(value);
        if (depth > 0)
          flow = { start: lines.start(n) + (shape.valueStart ?? 0), path: [...map.path, shape.key], depth, indent: shape.indent };
      }
    } else if (seq) {
      seq.itemOpen = rest === '';
      if (/^[[{]/.test(rest)) {
        const depth = flowBalance(rest);
        if (depth > 0) flow = { start: lines.start(n) + shape.pos, path: [...seq.path, seq.items - 1], depth, indent: shape.indent };
      } else if (rest !== '') seq.scalars.push(unquote(rest));
      if (/^[|>]/.test(rest)) blockScalarCol = seq.col;
    }
  }

  const cursorOffset = lines.start(lineNo) + ch;
  if (flow && lineText.trim() !== '' && shapeOf(lineText).indent <= flow.indent) flow = null;
  if (flow) return flowContext(text, flow.start, flow.path, cursorOffset, index, scanner.top.col);

  const before = lineText.slice(0, ch);
  if (commentStart(before) < before.length) return null;
  const shape = shapeOf(lineText);
  if (blockScalarCol !== null && (before.trim() === '' ? ch > blockScalarCol : shape.indent > blockScalarCol)) return null;
  const blank = before.trim() === '';
  const col = blank ? ch : shape.indent;
  const dashesBefore = blank ? [] : shape.dashes.filter((d) => d < ch);
  // A blank line at an indented list's dash column continues that list.
  scanner.popTo(col, dashesBefore.length > 0 || (blank && indentedListAt(scanner.stack, col)));
  let seq: BlockFrame | null = null;
  for (const d of dashesBefore) seq = scanner.dash(d);
  const pos = blank ? ch : Math.min(shape.pos, ch);
  const word = wordAround(lineText, ch);
  const rangeOf = (a: number, b: number): Range => ({ start: { line: lineNo, character: a }, end: { line: lineNo, character: b } });

  // `key: value|`: the value of a key (or a flow collection opened on this line).
  if (!blank && shape.key !== undefined && shape.keyEnd !== undefined && ch >= shape.keyEnd) {
    const map = scanner.mapAt(shape.pos);
    const valueStart = shape.valueStart ?? ch;
    const value = before.slice(valueStart);
    if (/^[[{]/.test(value)) {
      return flowContext(text, lines.start(lineNo) + valueStart, [...map.path, shape.key], cursorOffset, index, shape.pos);
    }
    if (/^[|>]/.test(value)) return null;
    return {
      mode: 'value',
      path: [...map.path, shape.key],
      flow: false,
      siblings: [],
      indent: shape.pos,
      ...scalarWord(lineText, valueStart, ch, word, rangeOf),
    };
  }

  // `- item|` or `- ` with the cursor after the marker.
  if (seq && !(shape.key !== undefined && ch <= (shape.keyEnd ?? 0) && ch > pos)) {
    const rest = before.slice(pos);
    if (/^[[{]/.test(rest)) {
      return flowContext(text, lines.start(lineNo) + pos, [...seq.path, seq.items - 1], cursorOffset, index, pos);
    }
    return {
      mode: 'item',
      path: [...seq.path, seq.items - 1],
      flow: false,
      siblings: [...seq.scalars, ...itemsAfter(lines, lineNo, seq.col)],
      indent: pos,
      ...scalarWord(lineText, pos, ch, word, rangeOf),
      ...(shape.key !== undefined ? { hasColon: true } : {}),
    };
  }

  // A blank line at a list's dash column: a new item, `- ` still to type.
  const t = scanner.top;
  if (blank && t.kind === 'seq' && t.col === col) {
    return {
      mode: 'item',
      path: [...t.path, t.items],
      flow: false,
      siblings: [...t.scalars, ...itemsAfter(lines, lineNo, t.col)],
      indent: col,
      needsDash: true,
      prefix: '',
      range: rangeOf(ch, ch),
    };
  }

  // Otherwise a key of the map at this column.
  const map = scanner.mapAt(pos);
  const siblings = [...map.keys, ...keysAfter(lines, lineNo, pos)];
  return {
    mode: 'key',
    path: map.path,
    flow: false,
    siblings: [...new Set(siblings)],
    indent: pos,
    prefix: lineText.slice(word.start, ch),
    range: rangeOf(word.start, word.end),
    ...(lineText.slice(word.end).trimStart().startsWith(':') ? { hasColon: true } : {}),
  };
}

interface Seed {
  /** The line the scan starts at: a block-list item's `- ` line, above the cursor's line. */
  line: number;
  /** The scanner's stack as the scan from the top would have it when it reaches that line. */
  stack: BlockFrame[];
}

/**
 * Where the line scan may start, from the AST of a file that parses without errors: the
 * deepest block-list item whose `- ` line is above the cursor's, reached from the root through
 * block maps and block lists only. The frames above that item are rebuilt from the AST (path,
 * column, keys seen so far, items seen so far), which is what the scan would have gathered from
 * the lines before. Anything the rebuild could get wrong (flow style, keys that are not plain
 * strings, lists with scalar items, a root map that is not at column 0, aliases) gives no seed,
 * and the scan starts at the top. A unit test checks the two scans agree at every position of
 * every sample.
 */
function seedFromAst(parsed: ParsedFile, lines: Lines, lineNo: number): Seed | null {
  const doc = parsed.doc;
  if (!doc || doc.errors.length > 0 || lineNo === 0) return null;
  const root = doc.contents;
  if (!isMap(root) || root.flow || !root.range) return null;
  const index = parsed.lines;
  const lineOf = (offset: number): number => index.position(offset).line;
  const colOf = (offset: number): number => index.position(offset).character;
  if (colOf(root.range[0]) !== 0) return null;
  const cursorLineStart = lines.start(lineNo);
  const frame = (kind: 'map' | 'seq', col: number, path: PathSegment[]): BlockFrame => ({
    kind,
    col,
    path,
    keys: [],
    lastKeyOpen: false,
    items: 0,
    itemOpen: false,
    scalars: [],
  });
  const snapshot = (frames: BlockFrame[]): BlockFrame[] =>
    frames.map((f) => ({ ...f, path: [...f.path], keys: [...f.keys], scalars: [...f.scalars] }));
  const frames: BlockFrame[] = [frame('map', 0, [])];
  let best: Seed | null = null;
  let map: YAMLMap = root as YAMLMap;
  for (let depth = 0; depth < 64; depth++) {
    const top = frames[frames.length - 1];
    // The last pair of this map whose key is above the cursor's line holds it (or ends before it).
    let chosen: Pair | null = null;
    for (const p of map.items) {
      const key = p.key;
      if (!isScalar(key) || typeof key.value !== 'string' || key.type !== 'PLAIN' || !key.range) return best;
      if (key.range[0] >= cursorLineStart) break;
      top.keys.push(key.value);
      chosen = p;
    }
    if (!chosen) return best;
    const keyName = (chosen.key as Scalar).value as string;
    top.lastKey = keyName;
    const value = chosen.value;
    const keyLine = lineOf((chosen.key as Scalar).range![0]);
    if (isMap(value) && !value.flow && value.range && lineOf(value.range[0]) > keyLine) {
      const next = frame('map', colOf(value.range[0]), [...top.path, keyName]);
      frames.push(next);
      map = value as YAMLMap;
      continue;
    }
    if (!isSeq(value) || value.flow || !value.range || lineOf(value.range[0]) <= keyLine) return best;
    const seq = value as YAMLSeq;
    const seqFrame = frame('seq', colOf(seq.range![0]), [...top.path, keyName]);
    // The last item whose `- ` line is above the cursor's.
    let at = -1;
    for (let i = 0; i < seq.items.length; i++) {
      const item = seq.items[i];
      if (!isMap(item) || item.flow || !item.range) return best;
      if (item.range[0] >= cursorLineStart) break;
      at = i;
    }
    if (at < 0) return best;
    const item = seq.items[at] as YAMLMap;
    const itemLine = lineOf(item.range![0]);
    const lineText = lines.line(itemLine);
    const dashCol = colOf(item.range![0]) - 2;
    // `- key: ...` with the dash alone at the list's column: the scan restarts on this line.
    if (dashCol !== seqFrame.col || lineText.slice(0, dashCol).trim() !== '' || lineText.slice(dashCol, dashCol + 2) !== '- ') return best;
    best = { line: itemLine, stack: [...snapshot(frames), { ...seqFrame, items: at }] };
    frames.push({ ...seqFrame, items: at + 1 });
    frames.push(frame('map', colOf(item.range![0]), [...seqFrame.path, at]));
    map = item;
  }
  return best;
}

/** True when a list has its dashes at `col`, deeper than the key that holds it. */
function indentedListAt(stack: BlockFrame[], col: number): boolean {
  return stack.some((f, i) => f.kind === 'seq' && f.col === col && i > 0 && stack[i - 1].col < col);
}

/** The identifier-like word around the cursor (keys, ids, numbers). */
function wordAround(line: string, ch: number): { start: number; end: number } {
  const isWord = (c: string | undefined) => c !== undefined && /[^\s:,[\]{}"'#]/.test(c);
  let start = ch;
  while (start > 0 && isWord(line[start - 1])) start--;
  let end = ch;
  while (end < line.length && isWord(line[end])) end++;
  return { start, end };
}

/** Prefix, range and quote of a scalar being typed from `from`. */
function scalarWord(
  line: string,
  from: number,
  ch: number,
  word: { start: number; end: number },
  rangeOf: (a: number, b: number) => Range,
): { prefix: string; range: Range; quote?: '"' | "'" } {
  const q = line[from];
  if ((q === '"' || q === "'") && ch > from) {
    const close = line.indexOf(q, from + 1);
    if (close === -1 || close >= ch) {
      const end = close === -1 ? line.length : close;
      return { prefix: line.slice(from + 1, ch), range: rangeOf(from + 1, end), quote: q };
    }
  }
  // A cursor between `key:` and its value starts nothing: never a range that ends before it starts.
  const start = Math.min(ch, Math.max(word.start, from));
  return { prefix: line.slice(start, ch), range: rangeOf(start, Math.max(word.end, ch)) };
}

/**
 * The lines below the cursor's (comments cut, blank ones skipped) with their shapes, until one
 * is indented less than `col` or `visit` returns false.
 */
function eachLineBelow(lines: Lines, lineNo: number, col: number, visit: (line: string, shape: LineShape) => boolean | void): void {
  for (let n = lineNo + 1; n < lines.count; n++) {
    const raw = lines.line(n);
    const line = raw.slice(0, commentStart(raw));
    if (line.trim() === '') continue;
    const shape = shapeOf(line);
    if (shape.indent < col || visit(line, shape) === false) return;
  }
}

/** Keys of the same map below the cursor: lines at column `col` until one less indented. */
function keysAfter(lines: Lines, lineNo: number, col: number): string[] {
  const out: string[] = [];
  eachLineBelow(lines, lineNo, col, (_line, s) => {
    if (s.indent === col && s.dashes.length === 0 && s.key !== undefined) out.push(s.key);
  });
  return out;
}

/** Plain scalar items of the same list below the cursor (until a key at the list's column). */
function itemsAfter(lines: Lines, lineNo: number, col: number): string[] {
  const out: string[] = [];
  eachLineBelow(lines, lineNo, col, (line, s) => {
    if (s.indent !== col) return true;
    if (s.dashes.length === 0) return false;
    const rest = line.slice(s.pos).trim();
    if (s.key === undefined && rest && !/^[[{|>]/.test(rest)) out.push(unquote(rest));
    return true;
  });
  return out;
}

interface FlowFrame {
  bracket: '[' | '{';
  path: PathSegment[];
  index: number;
  key?: string;
  afterColon: boolean;
  keys: string[];
  items: string[];
  /** Offset where the current token starts. */
  tokenStart: number;
}

/** Walks a flow collection from its opening bracket to the cursor. */
function flowContext(
  text: string,
  start: number,
  basePath: PathSegment[],
  cursor: number,
  lines: LineIndex,
  indent: number,
): CursorContext | null {
  const stack: FlowFrame[] = [];
  /** The cursor is in a comment, or after the collection closed: nothing to complete. */
  let outside = false;
  // A quote left open at a line's end is taken as a typo that ends there, so a completion on a
  // later line gets a range on its own line (LSP ranges of completion edits are single-line).
  const quote = scanOutsideQuotes(
    text,
    start,
    cursor,
    (i) => {
      const c = text[i];
      const top = stack[stack.length - 1];
      if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
        const eol = text.indexOf('\n', i);
        if (eol !== -1 && eol < cursor) return eol;
        outside = true;
        return false;
      }
      if (c === '[' || c === '{') {
        const path = !top ? basePath : top.bracket === '[' ? [...top.path, top.index] : [...top.path, top.key ?? '?'];
        stack.push({ bracket: c, path, index: 0, afterColon: false, keys: [], items: [], tokenStart: i + 1 });
      } else if (c === ']' || c === '}') {
        stack.pop();
        if (stack.length === 0) {
          outside = true;
          return false;
        }
        stack[stack.length - 1].tokenStart = i + 1;
      } else if (!top) {
        return true;
      } else if (c === ',') {
        const token = unquote(text.slice(top.tokenStart, i));
        if (top.bracket === '[') {
          if (token) top.items.push(token);
          top.index++;
        } else {
          top.afterColon = false;
          top.key = undefined;
        }
        top.tokenStart = i + 1;
      } else if (c === ':' && top.bracket === '{' && !top.afterColon && /[\s,\]}]/.test(text[i + 1] ?? ' ')) {
        top.key = unquote(text.slice(top.tokenStart, i));
        top.keys.push(top.key);
        top.afterColon = true;
        top.tokenStart = i + 1;
      }
      return true;
    },
    true,
  );
  const top = stack[stack.length - 1];
  if (outside || !top) return null;
  const pos = (o: number): Position => lines.position(o);
  const rest = restOfFlow(text, cursor, top.bracket);
  let prefix: string;
  let range: Range;
  let q: '"' | "'" | undefined;
  if (quote) {
    q = quote.char;
    prefix = text.slice(quote.start + 1, cursor);
    const close = text.indexOf(quote.char, cursor);
    const eol = text.indexOf('\n', cursor);
    const end = close === -1 || (eol !== -1 && close > eol) ? (eol === -1 ? text.length : eol) : close;
    range = { start: pos(quote.start + 1), end: pos(end) };
  } else {
    let s = cursor;
    while (s > top.tokenStart && /[^\s,[\]{}:]/.test(text[s - 1])) s--;
    let e = cursor;
    while (e < text.length && /[^\s,[\]{}:#"']/.test(text[e])) e++;
    prefix = text.slice(s, cursor);
    range = { start: pos(s), end: pos(e) };
  }
  const base = { prefix, range, flow: true, indent, ...(q ? { quote: q } : {}) };
  if (top.bracket === '[') {
    return { mode: 'item', path: [...top.path, top.index], siblings: [...top.items, ...rest.items], ...base };
  }
  if (top.afterColon && top.key !== undefined) return { mode: 'value', path: [...top.path, top.key], siblings: [], ...base };
  return {
    mode: 'key',
    path: top.path,
    siblings: [...new Set([...top.keys, ...rest.keys])],
    ...base,
    ...(/^[^\s,[\]{}]*\s*:/.test(text.slice(cursor)) ? { hasColon: true } : {}),
  };
}

/** Keys and items after the cursor in the same flow collection (so they are not offered again). */
function restOfFlow(text: string, cursor: number, bracket: '[' | '{'): { keys: string[]; items: string[] } {
  const keys: string[] = [];
  const items: string[] = [];
  let depth = 0;
  // Skip the token under the cursor.
  let from = cursor;
  while (from < text.length && /[^\s,[\]{}:]/.test(text[from])) from++;
  let tokenStart = from - 1;
  let afterColon = false;
  const item = (end: number): void => {
    const t = unquote(text.slice(tokenStart + 1, end));
    if (bracket === '[' && t) items.push(t);
  };
  scanOutsideQuotes(
    text,
    from,
    text.length,
    (i) => {
      const c = text[i];
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        if (depth === 0) {
          item(i);
          return false;
        }
        depth--;
      } else if (depth === 0 && c === ',') {
        item(i);
        tokenStart = i;
        afterColon = false;
      } else if (depth === 0 && bracket === '{' && c === ':' && !afterColon) {
        const k = unquote(text.slice(tokenStart + 1, i));
        if (k) keys.push(k);
        afterColon = true;
      }
      return true;
    },
    true,
  );
  return { keys, items };
}

// ---- AST side, for hover ----

export interface NodeAt {
  /** Path of the node under the cursor (for a key: the path of its value). */
  path: PathSegment[];
  /** On a key, or on a value / list item. */
  on: 'key' | 'value';
  node: AnyNode;
  /** The pair whose key or value is under the cursor, if any. */
  pair?: Pair<unknown, unknown>;
  range: Range;
}

/** The innermost key or scalar value at an offset, with its path from the root. */
export function nodeAt(parsed: ParsedFile, position: Position): NodeAt | null {
  const doc = parsed.doc;
  if (!doc) return null;
  const offset = parsed.lines.offset(position);
  const inside = (n: { range?: [number, number, number] | null } | null | undefined): boolean =>
    !!n?.range && n.range[0] <= offset && offset <= n.range[1];
  const rangeOf = (n: AnyNode): Range => parsed.lines.range(n.range![0], n.range![1]);
  let node = deref(doc, doc.contents);
  const path: PathSegment[] = [];
  for (let depth = 0; node && depth < 64; depth++) {
    if (isMap(node)) {
      let next: AnyNode | null = null;
      for (const p of (node as YAMLMap).items) {
        if (!isPair(p)) continue;
        const key = pairKey(p);
        if (key === null) continue;
        const k = p.key as AnyNode;
        if (inside(k)) return { path: [...path, key], on: 'key', node: k, pair: p, range: rangeOf(k) };
        const v = deref(doc, p.value);
        if (v && inside(v)) {
          path.push(key);
          if (isScalar(v)) return { path, on: 'value', node: v, pair: p, range: rangeOf(v) };
          next = v;
          break;
        }
      }
      if (!next) return null;
      node = next;
    } else if (isSeq(node)) {
      let next: AnyNode | null = null;
      (node as YAMLSeq).items.forEach((it, i) => {
        const v = deref(doc, it);
        if (!next && v && inside(v)) {
          path.push(i);
          next = v;
        }
      });
      if (!next) return null;
      node = next;
      if (isScalar(node)) return { path, on: 'value', node, range: rangeOf(node) };
    } else {
      return null;
    }
  }
  return null;
}

/** The path without list indexes, e.g. `stages.touchpoints.metrics`: what kind of map it is. */
export function shapePath(path: PathSegment[]): string {
  return path.filter((s) => typeof s === 'string').join('.');
}
