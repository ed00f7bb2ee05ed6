// Quick fixes for the diagnostics the core raised (their `data` carries the core's Fix), plus
// "fill drop_off from conversion" on any metrics map that lacks it. Every edit replaces only
// the exact range at fault or inserts at one point, so comments and layout elsewhere stay.
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic,
  OptionalVersionedTextDocumentIdentifier,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { isMap, isScalar, Pair, YAMLMap } from 'yaml';
import { readJourney } from './build';
import { deriveId } from './ids';
import { AnyNode, getNode, getPair, ParsedFile, rootMap, scalarNumber } from './parse';
import type { Fix } from './types';
import type { WorkspaceIndex } from './workspace';

export function codeActions(parsed: ParsedFile, diagnostics: Diagnostic[], range: Range, index: WorkspaceIndex, uri: string): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== undefined && d.source !== 'journeymap') continue;
    const fix = asFix(d.data);
    const fixes: CodeAction[] = [];
    if (fix?.kind === 'replace') fixes.push(...replaceActions(fix, d, uri));
    if (fix?.kind === 'insert-drop-off') fixes.push(dropOffAction(uri, fix.at, fix.text, fix.value, [d]));
    if (fix?.kind === 'edits')
      fixes.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: fix.edits } } });
    if (d.code === 'unknown-persona' || fix?.kind === 'create-persona') {
      const id = fix?.kind === 'create-persona' ? fix.personaId : textAt(parsed, d.range);
      const create = createPersonaAction(id, uri, index, d);
      if (create) fixes.push(create);
    }
    // The first fix of a diagnostic is the best one, unless another action already claims it.
    if (fixes.length && !fixes.some((f) => f.isPreferred)) fixes[0].isPreferred = true;
    actions.push(...fixes);
  }
  const covered = new Set(actions.filter((a) => a.title.startsWith('Fill drop_off')).map((a) => JSON.stringify(a.edit)));
  for (const a of fillDropOffActions(parsed, range, uri)) if (!covered.has(JSON.stringify(a.edit))) actions.push(a);
  return actions;
}

/** The core's Fix as carried in `Diagnostic.data`, checked, since it went over the wire. */
function asFix(data: unknown): Fix | null {
  if (!data || typeof data !== 'object') return null;
  const f = data as Record<string, unknown>;
  if (f.kind === 'replace' && Array.isArray(f.texts) && f.texts.every((t) => typeof t === 'string')) {
    return { kind: 'replace', title: typeof f.title === 'string' ? f.title : '', texts: f.texts as string[] };
  }
  if (f.kind === 'create-persona' && typeof f.personaId === 'string') return { kind: 'create-persona', personaId: f.personaId };
  if (f.kind === 'edits' && typeof f.title === 'string' && Array.isArray(f.edits) && f.edits.every(isTextEdit)) {
    return { kind: 'edits', title: f.title, edits: f.edits as TextEdit[] };
  }
  const at = f.at as Record<string, unknown> | undefined;
  if (
    f.kind === 'insert-drop-off' &&
    typeof f.value === 'number' &&
    typeof f.text === 'string' &&
    at &&
    typeof at.line === 'number' &&
    typeof at.character === 'number'
  ) {
    return { kind: 'insert-drop-off', value: f.value, text: f.text, at: { line: at.line, character: at.character } };
  }
  return null;
}

function isTextEdit(e: unknown): boolean {
  const x = e as { range?: unknown; newText?: unknown } | null;
  return !!x && typeof x.newText === 'string' && Range.is(x.range);
}

function textAt(parsed: ParsedFile, range: Range): string {
  const raw = parsed.text.slice(parsed.lines.offset(range.start), parsed.lines.offset(range.end)).trim();
  return raw.replace(/^(["'])(.*)\1$/, '$2');
}

function replaceActions(fix: Extract<Fix, { kind: 'replace' }>, d: Diagnostic, uri: string): CodeAction[] {
  return fix.texts.map((text) => ({
    title: fix.texts.length === 1 && fix.title ? fix.title : `Change to "${text}"`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [uri]: [TextEdit.replace(d.range, text)] } },
  }));
}

function siblingUri(uri: string, fileName: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1) + encodeURIComponent(fileName);
}

/** The persona file a quick fix creates: `<id>.persona.yaml` beside the journey, never over a known file. */
export function personaFileUri(id: string, journeyUri: string, index: WorkspaceIndex): string {
  let candidate = siblingUri(journeyUri, `${id}.persona.yaml`);
  for (let n = 2; index.has(candidate) && n < 100; n++) candidate = siblingUri(journeyUri, `${id}-${n}.persona.yaml`);
  return candidate;
}

export function personaTemplate(id: string): string {
  const name = id
    .split('-')
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
  return `persona: ${id}\nname: ${name}\nrole: ''\nquote: ''\ngoals: []\nfrustrations: []\n`;
}

function createPersonaAction(id: string, uri: string, index: WorkspaceIndex, d: Diagnostic): CodeAction | null {
  // Only a valid, still undefined id gets a file: the fix must never shadow or clobber one.
  if (!id || deriveId(id) !== id || index.personas(id).length > 0) return null;
  const target = personaFileUri(id, uri, index);
  const edit: WorkspaceEdit = {
    documentChanges: [
      // Never over a file: were it there (unknown to the index), ignoring the create would let
      // the insert below write the template into it. Without either option the edit fails instead.
      CreateFile.create(target, { overwrite: false, ignoreIfExists: false }),
      TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(target, null), [
        TextEdit.insert({ line: 0, character: 0 }, personaTemplate(id)),
      ]),
    ],
  };
  return {
    title: `Create persona file ${decodeURIComponent(target.slice(target.lastIndexOf('/') + 1))}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit,
  };
}

function dropOffAction(
  uri: string,
  at: { line: number; character: number },
  text: string,
  value: number,
  diagnostics: Diagnostic[],
): CodeAction {
  return {
    title: `Fill drop_off from conversion (${value})`,
    kind: diagnostics.length ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    ...(diagnostics.length ? { diagnostics } : {}),
    edit: { changes: { [uri]: [TextEdit.insert(at, text)] } },
  };
}

/** Every metrics map in the file: the journey's, each touchpoint's, a persona's. */
function metricsMaps(parsed: ParsedFile): { pair: Pair<unknown, unknown>; map: YAMLMap }[] {
  const root = rootMap(parsed);
  if (!root) return [];
  const owners: AnyNode[] = [root, ...(readJourney(parsed)?.touchpoints.map((t) => t.node) ?? [])];
  const out: { pair: Pair<unknown, unknown>; map: YAMLMap }[] = [];
  for (const owner of owners) {
    const pair = getPair(owner, 'metrics');
    const map = getNode(parsed, owner, 'metrics');
    if (pair && isMap(map)) out.push({ pair, map: map as YAMLMap });
  }
  return out;
}

const overlaps = (a: Range, b: Range): boolean =>
  !(
    a.end.line < b.start.line ||
    (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line ||
    (b.end.line === a.start.line && b.end.character < a.start.character)
  );

/**
 * Where and what to insert so a metrics map with `conversion` gains `drop_off: 1 - conversion`:
 * right after the conversion value in flow style, on a new line below it in block style.
 */
export function dropOffInsertion(
  parsed: ParsedFile,
  map: YAMLMap,
): { at: { line: number; character: number }; text: string; value: number } | null {
  const conv = getPair(map, 'conversion');
  const value = scalarNumber(getNode(parsed, map, 'conversion'));
  if (!conv || value === undefined || value < 0 || value > 1 || getPair(map, 'drop_off')) return null;
  const drop = Math.round((1 - value) * 1e6) / 1e6;
  const valueNode = conv.value;
  if (!isScalar(valueNode) || !valueNode.range || !isScalar(conv.key) || !conv.key.range) return null;
  if (map.flow) {
    return { at: parsed.lines.position(valueNode.range[1]), text: `, drop_off: ${drop}`, value: drop };
  }
  const keyPos = parsed.lines.position(conv.key.range[0]);
  const line = parsed.lines.position(valueNode.range[1]).line;
  const eol = parsed.lines.position(parsed.lines.lineEnd(line));
  return { at: eol, text: `\n${' '.repeat(keyPos.character)}drop_off: ${drop}`, value: drop };
}

function fillDropOffActions(parsed: ParsedFile, range: Range, uri: string): CodeAction[] {
  const out: CodeAction[] = [];
  for (const { pair, map } of metricsMaps(parsed)) {
    const key = pair.key as { range?: [number, number, number] | null };
    const start = key.range ? key.range[0] : map.range?.[0];
    const end = map.range?.[1];
    if (start === undefined || end === undefined || !overlaps(parsed.lines.range(start, end), range)) continue;
    const ins = dropOffInsertion(parsed, map);
    if (ins) out.push(dropOffAction(uri, ins.at, ins.text, ins.value, []));
  }
  return out;
}
