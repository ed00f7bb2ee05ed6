// Go to definition, find references and rename for the ids a journey author links by:
// persona ids (across files), journey ids, stage ids and touchpoint ids (`next`).
// Pure: the caller hands in the parsed files that may mention the id.
import type { Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { isValidId } from './ids';
import type { ParsedFile } from './parse';
import { outline, OutlineItem } from './symbols';
import type { Position, Range } from './types';
import type { WorkspaceIndex } from './workspace';

export type IdKind = 'persona' | 'journey' | 'stage' | 'touchpoint';

/** One place an id appears in a file. */
export interface Occurrence {
  kind: IdKind;
  id: string;
  uri: string;
  range: Range;
  isDefinition: boolean;
  /** A definition with no `id:` written: the range is the item's name; a rename adds an `id:`. */
  derived?: OutlineItem;
}

const KIND_WORD: Record<IdKind, string> = { persona: 'persona', journey: 'journey', stage: 'stage', touchpoint: 'touchpoint' };

/** Every id occurrence of a file, in file order. */
export function occurrences(parsed: ParsedFile): Occurrence[] {
  const o = outline(parsed);
  if (!o) return [];
  const uri = parsed.uri;
  const out: Occurrence[] = [];
  if (o.id !== undefined && o.idRange) out.push({ kind: o.kind, id: o.id, uri, range: o.idRange, isDefinition: true });
  for (const p of o.personas) out.push({ kind: 'persona', id: p.id, uri, range: p.range, isDefinition: false });
  for (const stage of o.stages) {
    out.push(definitionOf('stage', stage, uri));
    for (const tp of stage.touchpoints) {
      out.push(definitionOf('touchpoint', tp, uri));
      for (const k of tp.emotionKeys) out.push({ kind: 'persona', id: k.id, uri, range: k.range, isDefinition: false });
      for (const n of tp.next) out.push({ kind: 'touchpoint', id: n.id, uri, range: n.range, isDefinition: false });
    }
  }
  return out;
}

function definitionOf(kind: 'stage' | 'touchpoint', item: OutlineItem, uri: string): Occurrence {
  if (item.idRange) return { kind, id: item.id, uri, range: item.idRange, isDefinition: true };
  return { kind, id: item.id, uri, range: item.nameRange ?? item.range, isDefinition: true, derived: item };
}

function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/** The id under the cursor (a written id, never an item's name). */
export function idAt(parsed: ParsedFile, position: Position): Occurrence | null {
  for (const occ of occurrences(parsed)) if (!occ.derived && contains(occ.range, position)) return occ;
  return null;
}

/** Whether an occurrence names the same thing: persona and journey ids are workspace-wide, stage and touchpoint ids per journey. */
function sameTarget(target: Occurrence, occ: Occurrence): boolean {
  if (occ.kind !== target.kind || occ.id !== target.id) return false;
  return target.kind === 'persona' || target.kind === 'journey' || occ.uri === target.uri;
}

/** Where the id under the cursor is defined: persona and journey files from the index, items in this file. */
export function definition(parsed: ParsedFile, position: Position, index: WorkspaceIndex): Location[] {
  const target = idAt(parsed, position);
  if (!target) return [];
  if (target.kind === 'persona') return index.personas(target.id).map((p) => ({ uri: p.uri, range: p.idRange }));
  if (target.kind === 'journey') return index.journeys(target.id).map((j) => ({ uri: j.uri, range: j.idRange }));
  return occurrences(parsed)
    .filter((o) => o.isDefinition && sameTarget(target, o))
    .map((o) => ({ uri: o.uri, range: o.range }));
}

/** Every occurrence of the target among the files given (the caller passes the candidates). */
export function findOccurrences(target: Occurrence, files: Iterable<ParsedFile>): Occurrence[] {
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.uri)) continue;
    seen.add(f.uri);
    if (target.kind !== 'persona' && target.kind !== 'journey' && f.uri !== target.uri) continue;
    for (const occ of occurrences(f)) if (sameTarget(target, occ)) out.push(occ);
  }
  return out;
}

export function references(parsed: ParsedFile, position: Position, files: Iterable<ParsedFile>, includeDeclaration: boolean): Location[] {
  const target = idAt(parsed, position);
  if (!target) return [];
  return findOccurrences(target, [parsed, ...files])
    .filter((o) => includeDeclaration || !o.isDefinition)
    .map((o) => ({ uri: o.uri, range: o.range }));
}

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

export function prepareRename(parsed: ParsedFile, position: Position): PrepareRenameResult | null {
  const target = idAt(parsed, position);
  if (!target) return null;
  return { range: innerRange(parsed, target.range), placeholder: target.id };
}

/** Why a new id is refused, or null when it is fine. */
export function checkNewId(kind: IdKind, newId: string): string | null {
  if (isValidId(newId)) return null;
  return (
    `"${newId}" is not a valid ${KIND_WORD[kind]} id: ids are kebab-case, lower-case letters and digits ` +
    `joined by single hyphens (for example first-time-buyer).`
  );
}

/**
 * The edit that renames the id under the cursor everywhere it is named among `files`
 * (which must include every file that may mention it). Refuses invalid ids and clashes.
 */
export function rename(
  parsed: ParsedFile,
  position: Position,
  newId: string,
  files: Iterable<ParsedFile>,
  index: WorkspaceIndex,
): WorkspaceEdit | { error: string } | null {
  const target = idAt(parsed, position);
  if (!target) return null;
  const invalid = checkNewId(target.kind, newId);
  if (invalid) return { error: invalid };
  if (newId === target.id) return { changes: {} };
  const all = [parsed, ...files];
  const clash = clashOf(target, newId, all, index);
  if (clash) return { error: clash };
  // A journey id is named only by its own file; other files with the same id are duplicates, not references.
  const found = target.kind === 'journey' ? [target] : findOccurrences(target, all);
  const byUri = new Map(all.map((f) => [f.uri, f]));
  const changes: Record<string, TextEdit[]> = {};
  for (const occ of found) {
    const file = byUri.get(occ.uri);
    if (!file) continue;
    (changes[occ.uri] ??= []).push(
      occ.derived ? insertIdEdit(file, occ.derived, newId) : { range: innerRange(file, occ.range), newText: newId },
    );
  }
  return { changes };
}

function clashOf(target: Occurrence, newId: string, files: ParsedFile[], index: WorkspaceIndex): string | null {
  const word = KIND_WORD[target.kind];
  if (target.kind === 'persona' && index.personas(newId).length > 0) {
    return `A persona "${newId}" already exists (${index.personas(newId)[0].uri}); pick another id.`;
  }
  if (target.kind === 'journey' && index.journeys(newId).length > 0) {
    return `A journey "${newId}" already exists (${index.journeys(newId)[0].uri}); pick another id.`;
  }
  if (target.kind === 'stage' || target.kind === 'touchpoint') {
    const own = files.find((f) => f.uri === target.uri);
    if (own && occurrences(own).some((o) => o.isDefinition && o.kind === target.kind && o.id === newId)) {
      return `This journey already has a ${word} "${newId}"; pick another id.`;
    }
  }
  return null;
}

/** The range inside quotes, so a quoted id keeps its quotes. */
function innerRange(parsed: ParsedFile, r: Range): Range {
  const s = parsed.lines.offset(r.start);
  const e = parsed.lines.offset(r.end);
  const first = parsed.text[s];
  if (e - s >= 2 && (first === '"' || first === "'") && parsed.text[e - 1] === first) return parsed.lines.range(s + 1, e - 1);
  return r;
}

/** Adds `id: <new>` as the item's first key, in its own style (block or flow). */
function insertIdEdit(parsed: ParsedFile, item: OutlineItem, newId: string): TextEdit {
  const at = item.insertId;
  const pos = parsed.lines.position(at ? at.offset : parsed.lines.offset(item.range.start));
  const sep = at?.flow ? ', ' : '\n' + ' '.repeat(at?.indent ?? pos.character);
  return { range: { start: pos, end: pos }, newText: `id: ${newId}${sep}` };
}
