// A fix is offered only when its result passes the rules at the place it fixes: the candidate's
// edits are applied to the text, the text is analysed again (by the caller, with its index,
// settings and data), and the fix is dropped when the result has a finding over its edits that
// was not there before, or more YAML syntax errors. (A value "fixed" into another value the
// rules reject, or a closing bracket that turns a title into a list, is not a fix.)
import { LineIndex } from './parse';
import type { JourneyDiagnostic, Range } from './types';

export interface FixEdit {
  range: Range;
  newText: string;
}

/** The diagnostics of a text of the same file, analysed as the caller analyses it. */
export type Reanalyse = (text: string) => readonly JourneyDiagnostic[];

const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean =>
  // An insertion (b0 === b1) or an empty finding is at a place: touching counts.
  (a0 < b1 && b0 < a1) || (b0 === b1 && a0 <= b0 && b0 <= a1) || (a0 === a1 && b0 <= a0 && a0 <= b1);

export function fixHolds(text: string, before: readonly JourneyDiagnostic[], edits: readonly FixEdit[], reanalyse: Reanalyse): boolean {
  if (!edits.length) return true;
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), newText: e.newText }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 1; i < spans.length; i++) if (spans[i].from < spans[i - 1].to) return false; // edits that overlap: no defined result
  let after = '';
  let at = 0;
  const placed: { oldFrom: number; oldTo: number; newFrom: number; newTo: number }[] = [];
  for (const s of spans) {
    after += text.slice(at, s.from);
    const newFrom = after.length;
    after += s.newText;
    placed.push({ oldFrom: s.from, oldTo: s.to, newFrom, newTo: after.length });
    at = s.to;
  }
  after += text.slice(at);
  const found = reanalyse(after);
  const syntaxErrors = (ds: readonly JourneyDiagnostic[]): number =>
    ds.filter((d) => d.rule === 'yaml-syntax' && d.severity === 'error').length;
  if (syntaxErrors(found) > syntaxErrors(before)) return false;
  const afterLines = new LineIndex(after);
  for (const d of found) {
    const s = afterLines.offset(d.range.start);
    const e = afterLines.offset(d.range.end);
    for (const p of placed) {
      if (!overlaps(s, e, p.newFrom, p.newTo)) continue;
      // The same finding over the same place before the fix is not the fix's doing.
      const was = before.some(
        (b) =>
          b.rule === d.rule &&
          b.message === d.message &&
          overlaps(lines.offset(b.range.start), lines.offset(b.range.end), p.oldFrom, p.oldTo),
      );
      if (!was) return false;
    }
  }
  return true;
}
