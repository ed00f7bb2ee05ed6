// Shared by the completion, hover, code action and lens tests: a cursor marker in inline YAML,
// a workspace index over the real samples, and applying LSP text edits to a string.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Position, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/core/parse';
import { WorkspaceIndex } from '../../server/src/core/workspace';

export const SAMPLES = path.join(__dirname, '..', '..', 'samples');

/** Splits `‸` out of a text: the text without it and the cursor's position. */
export function withCursor(src: string): { text: string; position: Position } {
  const i = src.indexOf('‸');
  if (i < 0) throw new Error('no cursor marker');
  const text = src.slice(0, i) + src.slice(i + 1);
  return { text, position: new LineIndex(text).position(i) };
}

export function sampleUri(name: string): string {
  return pathToFileURL(path.join(SAMPLES, name)).toString();
}

export function sampleText(name: string): string {
  return fs.readFileSync(path.join(SAMPLES, name), 'utf8');
}

/** An index over every journey and persona file of samples/, as the server builds at start-up. */
export function samplesIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const f of fs.readdirSync(SAMPLES).filter((n) => /\.(journey|persona)\.ya?ml$/.test(n))) index.update(sampleUri(f), sampleText(f));
  return index;
}

/** Applies non-overlapping edits (as an LSP client does: all ranges refer to the original text). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The position of the `n`-th (0-based) occurrence of `needle`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, n = 0): Position {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found`);
  }
  return new LineIndex(text).position(i + delta);
}
