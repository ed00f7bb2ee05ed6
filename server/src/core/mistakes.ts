// The common YAML mistakes, explained in the user's words. One wrong line (an indentation off
// by a few spaces, a tab, `key:value`, a key without its colon, a quote or bracket left open)
// makes `yaml` report a cascade of errors, often on the line before the mistake. Here each
// plausible one-line repair near the parser's first structural error is tried on the text and
// kept only when the text then parses past that line with fewer errors: the repair names the
// line at fault, the message says what is wrong there and how to put it right, and the repair
// is the quick fix where it cannot change the meaning (re-indenting, a tab to spaces, a space
// after the colon, a closing quote or bracket). Pure: text in, candidates out; `parse.ts` runs
// the parses.
import type { YAMLError } from 'yaml';
import type { LineIndex } from './parse';
import type { Range } from './types';

/** Replace columns [start, end) of one line with `text`. */
export interface LineEdit {
  line: number;
  start: number;
  end: number;
  text: string;
}

export interface Mistake {
  /** What makes the text parse; also the quick fix when `fixTitle` is set. */
  edit: LineEdit;
  range: Range;
  message: string;
  /** Set when the edit is safe to offer as a fix (it only restores what the user meant). */
  fixTitle?: string;
}

/** The errors that describe how the text is laid out, which a one-line repair can explain. */
const STRUCTURAL = new Set([
  'BAD_INDENT',
  'BLOCK_AS_IMPLICIT_KEY',
  'BLOCK_IN_FLOW',
  'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY',
  'TAB_AS_INDENT',
  'UNEXPECTED_TOKEN',
]);

export function structuralErrors(errors: readonly YAMLError[]): YAMLError[] {
  return errors.filter((e) => STRUCTURAL.has(e.code)).sort((a, b) => a.pos[0] - b.pos[0]);
}

export function applyEdit(text: string, lines: LineIndex, edit: LineEdit): string {
  const at = lines.offset({ line: edit.line, character: 0 });
  return text.slice(0, at + edit.start) + edit.text + text.slice(at + edit.end);
}

/** The lines of a text, read on demand. */
class Lines {
  constructor(
    readonly text: string,
    readonly index: LineIndex,
  ) {}
  get count(): number {
    return this.index.lineCount;
  }
  at(i: number): string {
    if (i < 0 || i >= this.count) return '';
    return this.text.slice(this.index.offset({ line: i, character: 0 }), this.index.lineEnd(i));
  }
  /** The nearest line above (step -1) or below (+1) with content other than a comment. */
  content(i: number, step: 1 | -1): number {
    for (let j = i + step, n = 0; j >= 0 && j < this.count && n < 1000; j += step, n++) {
      const t = this.at(j).trim();
      if (t !== '' && !t.startsWith('#')) return j;
    }
    return -1;
  }
}

const leadingWhitespace = (s: string): string => /^[ \t]*/.exec(s)![0];
const indentOf = (s: string): number => /^ */.exec(s)![0].length;
/** Column where a line's key starts: after the indentation and any `- ` markers. */
const keyColumn = (s: string): number => /^[ \t]*(?:-[ \t]+)*/.exec(s)![0].length;
const isItem = (s: string): boolean => /^[ \t]*-(?:[ \t]|$)/.test(s);
/** `key:` with nothing after it but a comment, or a block scalar header: its value is on the lines below. */
const opensBlock = (s: string): boolean => /:(?:[ \t]+(?:[|>][-+0-9]*)?)?[ \t]*(?:#.*)?$/.test(stripQuoted(s)) || /^[ \t]*-[ \t]*$/.test(s);
/** The first word of a line's content, for messages. */
const firstToken = (s: string): string => {
  const m = /^[^\s:]+/.exec(s.slice(keyColumn(s)));
  return m ? m[0] : s.trim();
};
const spaces = (n: number): string => `${n} space${n === 1 ? '' : 's'}`;

/** The line with quoted text blanked, so colons and brackets inside quotes do not count. */
function stripQuoted(s: string): string {
  return s.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (m) => '_'.repeat(m.length));
}

/** Flow brackets a line opens and does not close (outside quotes and comments), with their columns. */
function unclosedBrackets(s: string): { open: string; column: number }[] {
  const stack: { open: string; column: number }[] = [];
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) break;
    if ((c === '"' || c === "'") && (i === 0 || /[\s,[{:]/.test(s[i - 1]))) quote = c;
    else if (c === '[' || c === '{') stack.push({ open: c, column: i });
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  return stack;
}

/** Where a line's content ends: before trailing spaces and a trailing comment outside quotes. */
function contentEnd(s: string): number {
  const stripped = stripQuoted(s);
  const hash = stripped.search(/(^|\s)#/);
  const end = hash < 0 ? s.length : hash;
  return s.slice(0, end).replace(/\s+$/, '').length;
}

/**
 * The candidate repairs for the first structural error, most likely first. Each is a guess
 * that the caller verifies by parsing the repaired text.
 */
export function candidateMistakes(text: string, index: LineIndex, errors: readonly YAMLError[]): Mistake[] {
  const first = structuralErrors(errors)[0];
  if (!first) return [];
  const L = new Lines(text, index);
  const F = index.position(first.pos[0]).line;
  const out: Mistake[] = [];
  const add = (m: Mistake | null): void => {
    if (
      m &&
      !out.some(
        (o) => o.edit.line === m.edit.line && o.edit.start === m.edit.start && o.edit.end === m.edit.end && o.edit.text === m.edit.text,
      )
    )
      out.push(m);
  };

  const quote = /Missing closing (["'])quote/.exec(first.message);
  if (quote) for (const m of unclosedQuote(L, text, first.pos[0], quote[1])) add(m);
  for (let j = F; j >= Math.max(0, F - 3); j--) {
    if (unclosedBrackets(L.at(j)).length) {
      add(unclosedBracket(L, j));
      break;
    }
  }
  for (const j of [F, F + 1, F - 1]) if (leadingWhitespace(L.at(j)).includes('\t')) for (const m of tabIndent(L, j)) add(m);
  add(overIndented(L, F));
  for (const m of misIndented(L, F)) add(m);
  add(missingSpace(L, F));
  add(keyWithoutValue(L, F));
  return out;
}

function unclosedQuote(L: Lines, text: string, errorAt: number, q: string): Mistake[] {
  // The opening quote: the nearest one before the error that starts a scalar.
  let open = -1;
  for (let i = Math.min(errorAt, text.length) - 1; i >= 0 && errorAt - i < 10000; i--) {
    if (text[i] === q && (i === 0 || /[\s,[{:]/.test(text[i - 1]))) {
      open = i;
      break;
    }
  }
  if (open < 0) return [];
  const { line, character } = L.index.position(open);
  const s = L.at(line);
  const end = s.replace(/\s+$/, '').length;
  if (end <= character + 1) return [];
  const range = { start: { line, character }, end: { line, character: end } };
  const message =
    `This text opens a quote (${q}) that is never closed, so YAML reads the lines after it as part of the text. ` +
    `Add the closing ${q} where the text ends.`;
  // Inside a flow collection (`{ text: "a, severity: high }`) only the author knows where the
  // text ends: the quote closed before the brackets makes the text parse, to check the rest of
  // the file, but is not offered as a fix.
  const inFlow = /[[{]/.test(stripQuoted(s.slice(0, character)));
  const closers = /[\]}]+$/.exec(s.slice(0, end));
  if (inFlow) {
    return closers && closers.index > character + 1
      ? [
          {
            edit: { line, start: closers.index, end: closers.index, text: q },
            range,
            message: `${message.slice(0, -1)}, before \`${closers[0]}\`.`,
          },
        ]
      : [];
  }
  return [{ edit: { line, start: end, end, text: q }, range, message, fixTitle: `Add the closing ${q} at the end of the line` }];
}

function unclosedBracket(L: Lines, j: number): Mistake | null {
  const s = L.at(j);
  const open = unclosedBrackets(s);
  if (!open.length) return null;
  const closing = open
    .map((b) => (b.open === '[' ? ']' : '}'))
    .reverse()
    .join('');
  const at = contentEnd(s);
  const first = open[0];
  const what = first.open === '[' ? 'a list' : 'a map';
  return {
    edit: { line: j, start: at, end: at, text: closing },
    range: { start: { line: j, character: first.column }, end: { line: j, character: Math.max(at, first.column + 1) } },
    message:
      `\`${first.open}\` opens ${what} here that is never closed, so YAML reads on into the lines below. ` +
      `Add \`${closing}\` where it ends.`,
    fixTitle: `Add \`${closing}\` at the end of the line`,
  };
}

/** Columns a line could belong at, most likely first: its siblings' column, then its parent's children's. */
function columnsFor(L: Lines, j: number): number[] {
  const s = L.at(j);
  const p = L.content(j, -1);
  const n = L.content(j, 1);
  const cols: number[] = [];
  const next = n >= 0 ? L.at(n) : null;
  if (isItem(s)) {
    // An item's key column is given by the lines of its own item below, else by the next item.
    if (next !== null && !isItem(next)) cols.push(indentOf(next) - 2);
    if (next !== null && isItem(next)) cols.push(indentOf(next));
    if (p >= 0 && isItem(L.at(p))) cols.push(indentOf(L.at(p)));
  } else if (p >= 0) {
    const prev = L.at(p);
    if (opensBlock(prev)) {
      if (next !== null && indentOf(next) > keyColumn(prev)) cols.push(indentOf(next));
      cols.push(keyColumn(prev) + 2);
    } else {
      cols.push(keyColumn(prev));
      if (next !== null) cols.push(indentOf(next));
    }
  }
  return cols.filter((c, i) => c >= 0 && cols.indexOf(c) === i);
}

function reindent(L: Lines, j: number, column: number): LineEdit {
  return { line: j, start: 0, end: leadingWhitespace(L.at(j)).length, text: ' '.repeat(column) };
}

function tabIndent(L: Lines, j: number): Mistake[] {
  const s = L.at(j);
  const ws = leadingWhitespace(s);
  const range = { start: { line: j, character: 0 }, end: { line: j, character: ws.length } };
  return columnsFor(L, j).map((c) => ({
    edit: reindent(L, j, c),
    range,
    message:
      'A tab indents this line, and YAML indents with spaces only. ' + `Replace the indentation with ${spaces(c)}${alignedWith(L, j, c)}.`,
    fixTitle: `Replace the tab with ${spaces(c)}`,
  }));
}

/** ", as `key` above": the nearest line above whose key starts at `column`. */
function alignedWith(L: Lines, j: number, column: number): string {
  for (let k = L.content(j, -1), n = 0; k >= 0 && n < 200; k = L.content(k, -1), n++) {
    const s = L.at(k);
    if (keyColumn(s) === column && !isItem(L.at(j))) return `, as \`${firstToken(s)}\` above`;
    if (isItem(L.at(j)) && isItem(s) && indentOf(s) === column) return ", as the list's other items";
    if (indentOf(s) < column) break;
  }
  return '';
}

/** A line indented past a `key: value` line above, which cannot take children: the error lands on that line. */
function overIndented(L: Lines, F: number): Mistake | null {
  const j = L.content(F, 1);
  if (j < 0 || L.content(j, -1) !== F) return null;
  const prev = L.at(F);
  const s = L.at(j);
  if (opensBlock(prev) || leadingWhitespace(s).includes('\t') || indentOf(s) <= keyColumn(prev)) return null;
  const c = isItem(s) ? columnsFor(L, j)[0] : keyColumn(prev);
  if (c === undefined || c >= indentOf(s)) return null;
  const extra = indentOf(s) - c;
  return {
    edit: reindent(L, j, c),
    range: tokenRange(L, j),
    message: isItem(s)
      ? `This list item is indented ${spaces(extra)} more than the list's other items. ` +
        `Items of one list start at the same column: indent it by ${spaces(c)}.`
      : `\`${firstToken(s)}\` is indented ${spaces(extra)} more than \`${firstToken(prev)}\` above, ` +
        'which has its value on its line, so nothing can sit under it. ' +
        `Keys of one map start at the same column: indent it by ${spaces(c)}, as \`${firstToken(prev)}\`.`,
    fixTitle: `Indent by ${spaces(c)}`,
  };
}

/** The line at fault is the error's own line: indented less (or more) than the siblings around it. */
function misIndented(L: Lines, F: number): Mistake[] {
  const s = L.at(F);
  if (!s.trim() || leadingWhitespace(s).includes('\t')) return [];
  const out: Mistake[] = [];
  for (const c of columnsFor(L, F)) {
    const have = indentOf(s);
    if (c === have) continue;
    const diff = Math.abs(c - have);
    const more = have > c ? 'more' : 'less';
    const token = firstToken(s);
    const aligned = alignedWith(L, F, c);
    out.push({
      edit: reindent(L, F, c),
      range: tokenRange(L, F),
      message: isItem(s)
        ? `This list item is indented ${spaces(diff)} ${more} than the list's other items. ` +
          `Items of one list start at the same column: indent it by ${spaces(c)}.`
        : `\`${token}\` is indented ${spaces(diff)} ${more} than the keys around it. ` +
          `Keys of one map start at the same column: indent it by ${spaces(c)}${aligned}.`,
      fixTitle: `Indent by ${spaces(c)}`,
    });
  }
  return out;
}

/** `key:value`: YAML reads one word. */
function missingSpace(L: Lines, F: number): Mistake | null {
  const s = L.at(F);
  const k = keyColumn(s);
  const m = /^([A-Za-z_][\w-]*):([^\s:/])/.exec(s.slice(k));
  if (!m) return null;
  const colon = k + m[1].length + 1;
  const word = /^\S+/.exec(s.slice(k))![0];
  return {
    edit: { line: F, start: colon, end: colon, text: ' ' },
    range: { start: { line: F, character: k }, end: { line: F, character: k + word.length } },
    message:
      `\`${word}\` has no space after its colon, so YAML reads it as one word instead of the key \`${m[1]}\` and its value. ` +
      `Add a space after \`${m[1]}:\`.`,
    fixTitle: `Add a space after \`${m[1]}:\``,
  };
}

/** A word alone on a line among `key: value` lines (`- id` then `  name: ...`). */
function keyWithoutValue(L: Lines, F: number): Mistake | null {
  const s = L.at(F);
  const k = keyColumn(s);
  const end = contentEnd(s);
  const word = s.slice(k, end);
  if (!/^[A-Za-z_][\w -]*$/.test(word)) return null;
  return {
    // Not offered as a fix: only the author knows the value. Parsing on with an empty value
    // keeps the rest of the file checked.
    edit: { line: F, start: end, end, text: ':' },
    range: { start: { line: F, character: k }, end: { line: F, character: end } },
    message:
      `\`${word}\` has no colon, but the lines of this ${isItem(s) ? 'list item' : 'map'} are \`key: value\` pairs. ` +
      `Add the colon and a value (\`${word}: ...\`), or a key if \`${word}\` is the value (\`key: ${word}\`).`,
  };
}

function tokenRange(L: Lines, j: number): Range {
  const s = L.at(j);
  const k = isItem(s) ? indentOf(s) : keyColumn(s);
  // A list item's range takes its dash and its first key: `- id`.
  const token = (isItem(s) ? /^-[ \t]+[^\s:]*/ : /^[^\s:]+/).exec(s.slice(k));
  return { start: { line: j, character: k }, end: { line: j, character: k + (token ? token[0].length : 0) } };
}
