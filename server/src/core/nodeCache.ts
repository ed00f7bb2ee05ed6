// Work derived from one YAML node's subtree, remembered across keystrokes. The incremental
// re-parse (incremental.ts) keeps the node objects of everything an edit did not touch, so a
// touchpoint's model, findings and schema errors computed for the last text are still right for
// the new one, as long as:
//  - nothing inside the node changed: the re-parse bumps the version of every collection that
//    holds a spliced-in item (`touch`), and a full parse makes new nodes, which have no entry;
//  - the context the work read is the same (the journey's personas, its scale, the index...),
//    which the caller spells as a string;
//  - positions moved by whole lines only: an untouched node's lines are untouched, so its
//    ranges keep their characters and shift by the lines the edit added or removed above it.
//    The entry keeps the node's start line and character; `shift` moves a value by a line delta.
// A test re-analyses after random edits and compares with a fresh analysis of the same text.
import type { ParsedFile } from './parse';
import type { Fix, JourneyDiagnostic, Range } from './types';

const versions = new WeakMap<object, number>();

/** How many times the re-parse changed something inside this collection. */
export function nodeVersion(node: object): number {
  return versions.get(node) ?? 0;
}

/** Marks a kept collection whose contents the re-parse changed. */
export function touch(node: object): void {
  versions.set(node, nodeVersion(node) + 1);
}

interface Entry<T> {
  version: number;
  context: string;
  line: number;
  character: number;
  value: T;
}

type Ranged = { range?: [number, number, number] | null };

/** Counters for tests and the benchmark. */
export const memoStats = { hits: 0, misses: 0 };

export class NodeMemo<T> {
  private entries = new WeakMap<object, Entry<T>>();

  /** `shift(value, lines)`: the value with every position moved down by `lines` (may be negative). */
  constructor(private readonly shift: (value: T, lines: number) => T) {}

  get(parsed: ParsedFile, node: Ranged & object, context: string, compute: () => T): T {
    const start = parsed.lines.position(node.range?.[0] ?? 0);
    const e = this.entries.get(node);
    if (e && e.version === nodeVersion(node) && e.context === context && e.character === start.character) {
      memoStats.hits++;
      if (e.line === start.line) return e.value;
      const value = this.shift(e.value, start.line - e.line);
      this.entries.set(node, { ...e, line: start.line, value });
      return value;
    }
    memoStats.misses++;
    const value = compute();
    this.entries.set(node, { version: nodeVersion(node), context, line: start.line, character: start.character, value });
    return value;
  }
}

/** For work that holds no positions (ids, names, owners). */
export class PlainMemo<T> {
  private entries = new WeakMap<object, { version: number; context: string; value: T }>();

  get(node: object, context: string, compute: () => T): T {
    const e = this.entries.get(node);
    if (e && e.version === nodeVersion(node) && e.context === context) return e.value;
    const value = compute();
    this.entries.set(node, { version: nodeVersion(node), context, value });
    return value;
  }
}

export function shiftRange(r: Range, lines: number): Range {
  return {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  };
}

function shiftFix(fix: Fix, lines: number): Fix {
  return fix.kind === 'insert-drop-off' ? { ...fix, at: { line: fix.at.line + lines, character: fix.at.character } } : fix;
}

export function shiftDiagnostics(ds: JourneyDiagnostic[], lines: number): JourneyDiagnostic[] {
  return ds.map((d) => ({ ...d, range: shiftRange(d.range, lines), ...(d.fix ? { fix: shiftFix(d.fix, lines) } : {}) }));
}
