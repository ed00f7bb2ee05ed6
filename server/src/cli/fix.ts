// The core's fixes (`Fix`, the ones the language server turns into quick fixes) as text edits
// in the diagnostic's own file: every candidate for SARIF's `fixes`, and the ones that need no
// choice for `lint --fix`. Edits change only their ranges: everything else, comments and
// layout included, keeps its bytes.
import { fixHolds } from '../core/fixCheck';
import { LineIndex } from '../core/parse';
import type { JourneyDiagnostic, Range } from '../core/types';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FileFix {
  title: string;
  edits: TextEdit[];
  /** One candidate only, inside this file: `lint --fix` applies it. */
  safe: boolean;
}

/**
 * The fixes of a diagnostic that edit its own file. A did-you-mean or value with a single
 * candidate, and `drop_off` filled from `conversion`, are safe; a choice between several
 * candidates is offered, never applied; a new persona file is left to the editor.
 */
export function fixesOf(d: JourneyDiagnostic): FileFix[] {
  const fix = d.fix;
  if (!fix) return [];
  switch (fix.kind) {
    case 'replace':
      return fix.texts.map((text) => ({
        title: fix.texts.length === 1 && fix.title ? fix.title : `Change to "${text}"`,
        edits: [{ range: d.range, newText: text }],
        safe: fix.texts.length === 1,
      }));
    case 'insert-drop-off':
      return [
        {
          title: `Fill drop_off from conversion (${fix.value})`,
          edits: [{ range: { start: fix.at, end: fix.at }, newText: fix.text }],
          safe: true,
        },
      ];
    case 'edits':
      // newer-data's figures written into this file's YAML: one candidate, no choice.
      return [{ title: fix.title, edits: fix.edits, safe: true }];
    case 'create-persona':
      return [];
    default: {
      // A new kind of Fix must be sorted here as safe or not; the compiler says so.
      const unsorted: never = fix;
      return unsorted;
    }
  }
}

/**
 * The safe edits of a file's diagnostics, applied; edits that overlap an earlier one wait for
 * the next pass. `holds`, when given, vets each fix's edits first (its result passes the rules).
 */
export function applySafeFixes(
  text: string,
  diagnostics: JourneyDiagnostic[],
  holds?: (edits: TextEdit[]) => boolean,
): { text: string; applied: JourneyDiagnostic[] } {
  const lines = new LineIndex(text);
  const taken: [number, number][] = [];
  const chosen: { from: number; to: number; newText: string }[] = [];
  const applied: JourneyDiagnostic[] = [];
  for (const d of diagnostics) {
    const fix = fixesOf(d).find((f) => f.safe);
    if (!fix || (holds && !holds(fix.edits))) continue;
    const spans = fix.edits.map((e) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), newText: e.newText }));
    // Two inserts at one point overlap too: their order would be a guess.
    if (spans.some((s) => taken.some(([a, b]) => (s.from < b && a < s.to) || s.from === a || s.to === b))) continue;
    for (const s of spans) {
      taken.push([s.from, s.to]);
      chosen.push(s);
    }
    applied.push(d);
  }
  let out = text;
  for (const s of chosen.sort((a, b) => b.from - a.from)) out = out.slice(0, s.from) + s.newText + out.slice(s.to);
  return { text: out, applied };
}

/**
 * For each diagnostic, the indexes (into `fixesOf(d)`) of the fixes whose result passes the
 * rules where they edit (core/fixCheck.ts), as the language server vets its quick fixes:
 * what SARIF offers. `reanalyse` analyses another text of the same file as this one was.
 */
export function heldFixIndexes(
  text: string,
  diagnostics: readonly JourneyDiagnostic[],
  waiting: readonly JourneyDiagnostic[] | undefined,
  reanalyse: (text: string) => readonly JourneyDiagnostic[],
): number[][] {
  const before = [...diagnostics, ...(waiting ?? [])];
  return diagnostics.map((d) => fixesOf(d).flatMap((fix, k) => (fixHolds(text, before, fix.edits, reanalyse) ? [k] : [])));
}
