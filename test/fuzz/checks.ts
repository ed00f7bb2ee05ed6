// The invariants every input must keep, as functions, so the properties and the replay of
// saved regressions check exactly the same things.
import * as assert from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeParsed, analyzeText, FileAnalysis } from '../../server/src/core/analyze';
import { codeActions } from '../../server/src/core/codeActions';
import { complete } from '../../server/src/core/completion';
import { hover } from '../../server/src/core/hover';
import { reparseFile } from '../../server/src/core/incremental';
import { LineIndex, parseFile, parseFileAsync } from '../../server/src/core/parse';
import { documentSymbols, foldingRanges } from '../../server/src/core/symbols';
import { DEFAULT_SETTINGS, JourneyDiagnostic } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { applySpec, assertRangesInside, EditSpec, samples } from './gen';
import { parseShape } from '../support/parseShape';

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

export function lspShape(d: JourneyDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.rule,
    source: 'journeymap',
    message: d.message,
    ...(d.fix ? { data: d.fix } : {}),
  };
}

/** What the wire makes of a value (JSON, as vscode-jsonrpc sends it). */
export const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** A workspace of the sample personas, so persona references resolve as they would for a user. */
export function sampleIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const s of samples) if (s.name.endsWith('.persona.yaml')) index.update(`file:///samples/${s.name}`, s.text);
  return index;
}

const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];
const snapshot = (): string[] => PROTOTYPES.map(([n, p]) => `${n}: ${Reflect.ownKeys(p).map(String).sort().join(',')}`);
const BEFORE = snapshot();

export function assertNoPollution(where: string): void {
  assert.strictEqual(({} as Record<string, unknown>).polluted, undefined, `${where}: Object.prototype polluted`);
  assert.deepStrictEqual(snapshot(), BEFORE, `${where}: a built-in prototype changed`);
}

/** A position somewhere in the text, chosen from the text itself so replays are exact. */
function probePositions(text: string): { line: number; character: number }[] {
  const lines = text.split(/\r\n|\r|\n/);
  const at = (f: number) => {
    const line = Math.min(lines.length - 1, Math.floor(f * lines.length));
    return { line, character: Math.floor(lines[line].length / 2) };
  };
  return [at(0), at(0.37), at(0.71), { line: lines.length - 1, character: lines[lines.length - 1].length }];
}

/**
 * One text through the whole core: analysis within the bound, every range inside the document,
 * a model that survives JSON, the editor features at a few positions, the sliced parse equal to
 * the plain one, and no prototype touched.
 */
export async function checkText(uri: string, text: string): Promise<FileAnalysis> {
  const index = sampleIndex();
  index.update(uri, text);
  const analysis = analyzeText(uri, text, index);
  assertRangesInside(text, analysis.diagnostics, 'diagnostics');
  const model = wire(analysis.model);
  assertRangesInside(text, model, 'model');
  for (const d of analysis.diagnostics)
    assert.ok(d.message.length > 0 && !/undefined|\[object Object\]|NaN/.test(d.message), `unclear message: ${d.message}`);

  const { parsed } = analysis;
  assertRangesInside(text, documentSymbols(parsed), 'documentSymbols');
  assertRangesInside(
    text,
    foldingRanges(parsed).map((f) => ({ start: { line: f.startLine, character: 0 }, end: { line: f.endLine, character: 0 } })),
    'foldingRanges',
  );
  const all = { start: { line: 0, character: 0 }, end: { line: text.split(/\r\n|\r|\n/).length - 1, character: 0 } };
  assertRangesInside(text, codeActions(parsed, wire(analysis.diagnostics.map(lspShape)), all, index, uri), 'codeActions');
  for (const p of probePositions(text)) {
    assertRangesInside(text, hover(parsed, p, index, analysis), `hover at ${p.line}:${p.character}`);
    assertRangesInside(text, complete(parsed, p, index, DEFAULT_SETTINGS), `completion at ${p.line}:${p.character}`);
  }

  const sliced = await parseFileAsync(uri, text, () => new Promise((resolve) => setImmediate(resolve)), 0);
  assert.deepStrictEqual(sliced.syntax, parsed.syntax, 'the sliced parse finds what the plain parse finds');
  assertNoPollution('after analysis');
  return analysis;
}

/** The parts of an analysis a user sees: diagnostics and the model, as they travel. */
export const visible = (a: FileAnalysis) => wire({ diagnostics: a.diagnostics, model: a.model });

/**
 * A sequence of edits: the editor's document (vscode-languageserver-textdocument, as the server
 * keeps it) follows an independent offset-based applier exactly; the core's line index agrees
 * with it on every position; the incremental re-parse equals a fresh parse at every version
 * and ends where a fresh analysis of the final text does. Returns the final text.
 */
export async function checkEdits(uri: string, start: string, edits: EditSpec[]): Promise<string> {
  let doc = TextDocument.create(uri, 'journey', 0, start);
  let text = start;
  let parsed = parseFile(uri, start);
  const index = sampleIndex();
  for (const spec of edits) {
    const { edit, after } = applySpec(text, spec);
    doc = TextDocument.update(doc, [{ range: edit.range, text: edit.text }], doc.version + 1);
    assert.strictEqual(doc.getText(), after, `the document after ${JSON.stringify(edit)}`);
    text = after;
    parsed = reparseFile(parsed, text);
    assert.deepStrictEqual(
      parseShape(parsed),
      parseShape(parseFile(uri, text)),
      `incremental re-parse = fresh parse after ${JSON.stringify(edit)}`,
    );
  }
  const lines = new LineIndex(text);
  const step = Math.max(1, Math.floor(text.length / 4000));
  for (let o = 0; o <= text.length; o += step) {
    assert.deepStrictEqual(lines.position(o), doc.positionAt(o), `position of offset ${o}`);
    const p = doc.positionAt(o);
    assert.strictEqual(lines.offset(p), doc.offsetAt(p), `offset of ${p.line}:${p.character}`);
  }
  index.update(uri, text);
  assert.deepStrictEqual(
    visible(analyzeParsed(parsed, index)),
    visible(analyzeText(uri, text, index)),
    'incremental re-parse = fresh analysis',
  );
  await checkText(uri, text);
  return text;
}

/**
 * Our linear duplicate-key walk reports what yaml's own (quadratic) `uniqueKeys` check reports:
 * the same error codes, and each duplicate on the same line. yaml places the error where the
 * pair's leading tokens begin, which after an empty value is the line break (or comment) before
 * the repeated key (`":\nnull"`: an empty key and `null` are both the null key, reported by yaml
 * at the end of line 1); we place it on the key itself. Both are compared at the key: yaml's
 * offset is moved past the spaces, line breaks and comments in front of it.
 */
export function checkDuplicateKeys(text: string): void {
  const ours = parseFile('file:///fuzz/keys.journey.yaml', text).doc;
  if (!ours) return;
  const theirs = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: false });
  const codes = (errors: { code: string }[]) => errors.map((e) => e.code).sort();
  assert.deepStrictEqual(codes(ours.errors), codes(theirs.errors));
  const lines = (errors: { code: string; pos: [number, number] }[]) =>
    errors
      .filter((e) => e.code === 'DUPLICATE_KEY')
      .map((e) => text.slice(0, atKey(text, e.pos[0])).split(/\r\n|\r|\n/).length)
      .sort();
  assert.deepStrictEqual(lines(ours.errors), lines(theirs.errors), 'duplicates reported on the same lines');
}

/** The first offset from `at` that is not a space, tab, line break or `#` comment. */
function atKey(text: string, at: number): number {
  for (;;) {
    const c = text[at];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') at++;
    else if (c === '#' && (at === 0 || /\s/.test(text[at - 1]))) {
      while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
    } else return at;
  }
}
