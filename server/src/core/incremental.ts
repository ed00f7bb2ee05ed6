// Incremental re-parse. Parsing is most of the cost of checking a big journey, and a keystroke
// touches one touchpoint: so we re-parse only the block-sequence items that hold the edit and
// splice their nodes into the previous document, shifting the ranges that follow. Whenever the
// edit could change how the rest of the file reads (a syntax error, a dedent, an anchor, a
// trailing comment, an edit outside any block item), we parse the whole text instead: the
// result is then exactly `parseFile`'s.
import { isAlias, isMap, isPair, isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { touch } from './nodeCache';
import { findExcessiveNesting, fileKindOf, YAML_OPTIONS, LineIndex, MAX_DEPTH, MAX_TEXT_LENGTH, parseFile, ParsedFile } from './parse';

/** Counters for the benchmark and tests: how often the fast path was taken. */
export const reparseStats = { incremental: 0, full: 0 };

/**
 * The parse of `text`, reusing `previous` (the parse of an earlier text of the same file) where
 * the edit allows. Takes ownership of `previous`: its document may be updated in place, so the
 * caller must not use `previous` afterwards.
 */
export function reparseFile(previous: ParsedFile, text: string): ParsedFile {
  return reparseIncrementally(previous, text) ?? fullParse(previous.uri, text);
}

/**
 * The fast path alone: the parse of `text` from `previous`, or null when only a full parse
 * will do (then `previous` is untouched). On success `previous` is handed over as above.
 */
export function reparseIncrementally(previous: ParsedFile, text: string): ParsedFile | null {
  const fast = tryIncremental(previous, text);
  if (fast) reparseStats.incremental++;
  return fast;
}

function fullParse(uri: string, text: string): ParsedFile {
  reparseStats.full++;
  return parseFile(uri, text);
}

interface Edit {
  /** First changed offset (same in old and new text). */
  start: number;
  /** End of the changed span in the old text, and in the new one. */
  oldEnd: number;
  newEnd: number;
}

/** The one span where the texts differ: longest common prefix, then longest common suffix. */
function diffSpan(a: string, b: string): Edit | null {
  if (a === b) return null;
  const min = Math.min(a.length, b.length);
  let start = 0;
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < min - start && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { start, oldEnd: a.length - tail, newEnd: b.length - tail };
}

function tryIncremental(previous: ParsedFile, text: string): ParsedFile | null {
  const doc = previous.doc;
  if (!doc || previous.syntax.length > 0 || doc.errors.length > 0 || doc.warnings.length > 0) return null;
  if (text.length > MAX_TEXT_LENGTH || fileKindOf(previous.uri, text) !== previous.kind) return null;
  const old = previous.text;
  const edit = diffSpan(old, text);
  if (!edit) return { ...previous, text };
  // Anchors and aliases tie distant nodes together; a `#` may start or end a comment.
  const oldSpan = old.slice(edit.start, edit.oldEnd);
  const newSpan = text.slice(edit.start, edit.newEnd);
  if (/[&*#]/.test(oldSpan) || /[&*#]/.test(newSpan)) return null;
  // Directives (`%YAML 1.1`, `%TAG`) change how every scalar and tag reads; a re-parsed region
  // would be read without them. Such documents always take the full path.
  if (hasDirectives(old) || hasDirectives(text)) return null;

  const target = innermostItems(doc.contents as YamlNode | null, old, edit);
  if (!target) return null;
  const { seq, first, last, column, regionStart, regionEnd } = target;
  // A comment line above the first item belongs to it (its `commentBefore`); the region starts
  // below that comment, so its parse would lose it.
  if (commentAbove(old, regionStart)) return null;
  const delta = text.length - old.length;
  const region = text.slice(regionStart, regionEnd + delta);
  // The region must still end at a line break: with the break deleted, what follows it joins its
  // last line, and a parse of the region alone would not see that.
  if (regionEnd + delta < text.length && text.charCodeAt(regionEnd + delta - 1) !== 10) return null;
  if (!regionKeepsShape(region, column)) return null;
  if (findExcessiveNesting(region, MAX_DEPTH - 16) !== null) return null;

  const snippet = parseDocument(region, { ...YAML_OPTIONS, uniqueKeys: true });
  if (snippet.errors.length || snippet.warnings.length || snippet.comment || snippet.commentBefore) return null;
  const items = snippet.contents;
  if (!isSeq(items) || items.flow || items.items.length === 0) return null;
  if (items.items.some((n) => n !== null && typeof n === 'object' && hasAnchorOrAlias(n as YamlNode))) return null;

  // Where a sequence's last item ends empty (`-` or `key:` alone), yaml ends the collections and
  // the document before the blank lines that follow, elsewhere after them: not worth mirroring.
  if (
    last === seq.items.length - 1 &&
    (endsEmpty(seq.items[last] as YamlNode | null) || endsEmpty(items.items[items.items.length - 1] as YamlNode | null))
  )
    return null;

  // Commit: shift what follows the edit, then splice the new items in at their place.
  const move = (o: number): number => (o >= edit.oldEnd ? o + delta : o > edit.start ? Math.min(o, edit.newEnd) : o);
  shiftRanges(doc.contents as YamlNode | null, edit.start, move, edit.oldEnd, delta);
  if (doc.range) doc.range = doc.range.map(move) as [number, number, number];
  for (const n of items.items) shiftAll(n as YamlNode, regionStart);
  const replacesLast = last === seq.items.length - 1;
  seq.items.splice(first, last - first + 1, ...items.items);
  // What kept its identity but now holds new items: work remembered for them is stale (nodeCache.ts).
  for (const holder of [seq, ...target.ancestors]) touch(holder);
  // A collection ends where its last child ends: carry the new last item's end up the chain.
  if (replacesLast) {
    let child = seq.items[seq.items.length - 1] as YamlNode;
    for (const parent of [seq, ...target.ancestors]) {
      const lastChild = lastChildNode(parent);
      if (lastChild !== child || !parent.range || !child.range) break;
      // As yaml composes a block collection: [start, end of last child, end of trailing comment].
      const [start, end, commentEnd] = parent.range;
      parent.range = [start, child.range[2], commentEnd !== end ? commentEnd : child.range[2]];
      child = parent;
    }
    if (child === doc.contents && doc.range && child.range)
      doc.range = [doc.range[0], child.range[2], Math.max(doc.range[2], child.range[2])];
  }
  return { uri: previous.uri, kind: previous.kind, text, lines: new LineIndex(text), doc, syntax: [] };
}

interface Target {
  seq: YAMLSeq;
  first: number;
  last: number;
  /** Column of the items' `-`. */
  column: number;
  /** Start of the line of the first item; start of the line after the last one (old text). */
  regionStart: number;
  regionEnd: number;
  /** The collections holding `seq`, innermost first. */
  ancestors: YamlNode[];
}

/** The last value node of a collection (a map's last pair's value, a seq's last item). */
function lastChildNode(node: YamlNode): YamlNode | null {
  if (isSeq(node)) return (node.items[node.items.length - 1] as YamlNode | null) ?? null;
  if (isMap(node)) {
    const p = node.items[node.items.length - 1];
    return (p?.value as YamlNode | null) ?? null;
  }
  return null;
}

/** Whether the nearest non-blank line above `lineStartOffset` is a comment line. */
function commentAbove(text: string, lineStartOffset: number): boolean {
  let end = lineStartOffset - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const content = text.slice(start, end).trim();
    if (content !== '') return content.startsWith('#');
    end = start - 1;
  }
  return false;
}

/** Whether the last scalar of a node (following last children down) is an empty value. */
function endsEmpty(node: YamlNode | null): boolean {
  for (let n: YamlNode | null = node, depth = 0; depth < MAX_DEPTH; depth++) {
    if (n === null || !n.range) return true;
    if (!isMap(n) && !isSeq(n)) return n.range[0] === n.range[1];
    if (n.flow) return false; // ends at its closing bracket
    n = lastChildNode(n);
  }
  return true;
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** The deepest block sequence whose consecutive items hold the whole edit, with their line span. */
function innermostItems(root: YamlNode | null, old: string, edit: Edit): Target | null {
  let best: Target | null = null;
  const path: YamlNode[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const p of node.items) {
        const v = p.value as YamlNode | null;
        if (v && v.range && v.range[0] <= edit.start && edit.oldEnd <= v.range[2]) {
          path.unshift(node);
          visit(v);
          path.shift();
        }
      }
      return;
    }
    if (!isSeq(node) || node.flow || !node.range) return;
    const starts: number[] = [];
    for (const item of node.items) {
      const r = (item as YamlNode | null)?.range;
      if (!r) return; // an empty item (`-` alone): let the full parse handle it
      // The item's `-` is the last non-space before its content, on the same line.
      const ls = lineStart(old, r[0]);
      const dash = old.lastIndexOf('-', r[0] - 1);
      if (dash < ls || old.slice(ls, dash).trim() !== '' || old.slice(dash + 1, r[0]).trim() !== '') return;
      starts.push(ls);
    }
    if (starts.length === 0) return;
    const column = old.indexOf('-', starts[0]) - starts[0];
    const seqEnd = lineAfter(old, node.range[1]);
    // Items whose line span holds the edit; an edit at an item's very start may belong to the one before.
    let first = -1;
    let last = -1;
    for (let i = 0; i < starts.length; i++) {
      const end = i + 1 < starts.length ? starts[i + 1] : seqEnd;
      if (first < 0 && edit.start < end) first = i > 0 && edit.start <= starts[i] ? i - 1 : i;
      if (edit.oldEnd <= end) {
        last = i;
        break;
      }
    }
    if (first < 0 || last < 0 || edit.start < starts[first]) return;
    const regionEnd = last + 1 < starts.length ? starts[last + 1] : seqEnd;
    best = { seq: node, first, last, column, regionStart: starts[first], regionEnd, ancestors: [...path] };
    // Look deeper: a single item may hold a smaller sequence that holds the edit.
    if (first === last) {
      path.unshift(node);
      visit(node.items[first]);
      path.shift();
    }
  };
  visit(root);
  return best;
}

/** The start of the line after the one holding `offset - 1` (the end of a node's value). */
function lineAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(0, offset - 1));
  return nl < 0 ? text.length : nl + 1;
}

/** A `%` at the start of a line: a directive (or text yaml would read as one). */
function hasDirectives(text: string): boolean {
  return text.charCodeAt(0) === 37 || text.includes('\n%') || text.includes('\r%');
}

/**
 * The new region must still be items of the same sequence and nothing else: its first line is
 * a `-` at `column` (not a blank line before one: Enter inside an item's indentation moves the
 * item), every other line is blank, deeper, or another `-` item at `column`, and its last line
 * holds no comment (that comment may belong to what follows). A lone `\r` is a line break
 * to YAML but not to this check, so a region holding one is not trusted.
 */
function regionKeepsShape(region: string, column: number): boolean {
  if (/\r(?!\n)/.test(region)) return false;
  const lines = region.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let lastContent = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.includes('\t')) return false;
    const content = line.trimStart();
    const indent = line.length - content.length;
    const isItem = indent === column && (content === '-' || content.startsWith('- '));
    if (i === 0 && !isItem) return false;
    if (content === '') continue;
    if (indent < column || (indent === column && !isItem)) return false;
    if (content.startsWith('---') || content.startsWith('...')) return false;
    lastContent = content;
  }
  // Nor on a line with a trailing comment: yaml may hand it to the node after the region.
  return lastContent !== '' && !lastContent.startsWith('#') && !/\s#/.test(lastContent);
}

function hasAnchorOrAlias(node: YamlNode): boolean {
  let found = false;
  walk(node, (n) => {
    if (isAlias(n) || (n as { anchor?: string }).anchor) found = true;
  });
  return found;
}

function walk(node: unknown, f: (n: YamlNode) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (isPair(node)) {
    walk(node.key, f);
    walk(node.value, f);
    return;
  }
  f(node as YamlNode);
  if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item, f);
}

/**
 * Moves every offset after `from` (the edit's start) with `move`, in place; subtrees that end
 * before it are not visited. On a 5,000-touchpoint journey this runs over every node after a
 * keystroke near the top (the hot loop of a re-parse), so it allocates nothing per node and
 * tells pairs from nodes by their fields instead of yaml's isPair/isMap/isSeq: a pair is the
 * only thing in the tree without a `range`, collections are the ones with `items`. Nodes wholly
 * after the edit (nearly all of them) take the quick `+ delta`.
 */
function shiftRanges(node: YamlNode | null, from: number, move: (o: number) => number, after: number, delta: number): void {
  type Walked = { range?: [number, number, number] | null; items?: unknown[]; key?: unknown; value?: unknown };
  const visit = (n: Walked | null): void => {
    if (n === null || typeof n !== 'object') return;
    const r = n.range;
    if (r === undefined) {
      if ('key' in n) {
        visit(n.key as Walked | null);
        visit(n.value as Walked | null);
      }
      return;
    }
    if (r) {
      if (r[2] <= from) return; // wholly before the edit, and so is everything inside
      if (r[0] >= after) {
        r[0] += delta;
        r[1] += delta;
        r[2] += delta;
      } else {
        r[0] = move(r[0]);
        r[1] = move(r[1]);
        r[2] = move(r[2]);
      }
    }
    const items = n.items;
    if (items) for (let i = 0; i < items.length; i++) visit(items[i] as Walked | null);
  };
  visit(node as Walked | null);
}

function shiftAll(node: YamlNode, by: number): void {
  walk(node, (n) => {
    const r = n.range;
    if (r) {
      r[0] += by;
      r[1] += by;
      r[2] += by;
    }
  });
}
