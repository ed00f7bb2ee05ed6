// The structure of a journey file as an editor shows it: the outline (journey > stages >
// touchpoints), workspace symbols, folding and selection ranges. Pure: works on a ParsedFile.
import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Pair, YAMLMap, YAMLSeq } from 'yaml';
import { DocumentSymbol, FoldingRange, FoldingRangeKind, SelectionRange, SymbolKind, WorkspaceSymbol } from 'vscode-languageserver-types';
import { deriveId } from './ids';
import { AnyNode, getNode, ParsedFile, pairs, rootMap, scalarString, seqItems } from './parse';
import type { Position, Range } from './types';

/** An id as written in the file: a persona in `personas`, a `next` item, an emotion key... */
export interface IdRef {
  id: string;
  range: Range;
}

/** What a rename needs to add an `id:` key to an item whose id is derived. */
export interface KeyInsertion {
  offset: number;
  flow: boolean;
  indent: number;
}

export interface OutlineItem {
  id: string;
  idDerived: boolean;
  name: string;
  /** The item, trimmed of trailing blank lines. */
  range: Range;
  /** The `id` value, when written. */
  idRange?: Range;
  /** The `name` value, when written. */
  nameRange?: Range;
  insertId: KeyInsertion | null;
}

export interface OutlineTouchpoint extends OutlineItem {
  next: IdRef[];
  /** Persona ids written as keys of a per-persona `emotion` map. */
  emotionKeys: IdRef[];
}

export interface OutlineStage extends OutlineItem {
  touchpoints: OutlineTouchpoint[];
}

export interface Outline {
  kind: 'journey' | 'persona';
  /** The `journey:` or `persona:` id value. */
  id?: string;
  idRange?: Range;
  /** The journey title or the persona name. */
  title?: string;
  range: Range;
  /** Persona ids of a journey's `personas`. */
  personas: IdRef[];
  stages: OutlineStage[];
}

const outlines = new WeakMap<ParsedFile, Outline | null>();

/** The outline of a file read straight from its syntax tree (no model needed, no rules). */
export function outline(parsed: ParsedFile): Outline | null {
  if (outlines.has(parsed)) return outlines.get(parsed) ?? null;
  const result = readOutline(parsed);
  outlines.set(parsed, result);
  return result;
}

function readOutline(parsed: ParsedFile): Outline | null {
  const root = rootMap(parsed);
  if (!root) return null;
  const idNode = getNode(parsed, root, parsed.kind);
  const id = scalarString(idNode);
  const out: Outline = {
    kind: parsed.kind,
    id,
    idRange: id !== undefined ? trimmedRange(parsed, idNode) : undefined,
    title: scalarString(getNode(parsed, root, parsed.kind === 'journey' ? 'title' : 'name')),
    range: trimmedRange(parsed, root),
    personas: [],
    stages: [],
  };
  if (parsed.kind !== 'journey') return out;
  out.personas = idRefs(parsed, seqItems(parsed, getNode(parsed, root, 'personas')));
  for (const stageNode of seqItems(parsed, getNode(parsed, root, 'stages'))) {
    if (!isMap(stageNode)) continue;
    const stage: OutlineStage = { ...readItem(parsed, stageNode, 'stage'), touchpoints: [] };
    for (const tpNode of seqItems(parsed, getNode(parsed, stageNode, 'touchpoints'))) {
      if (!isMap(tpNode)) continue;
      const emotion = getNode(parsed, tpNode, 'emotion');
      stage.touchpoints.push({
        ...readItem(parsed, tpNode, 'touchpoint'),
        next: idRefs(parsed, seqItems(parsed, getNode(parsed, tpNode, 'next'))),
        emotionKeys: isMap(emotion)
          ? idRefs(
              parsed,
              pairs(emotion).map((p) => p.key as AnyNode),
            )
          : [],
      });
    }
    out.stages.push(stage);
  }
  return out;
}

function readItem(parsed: ParsedFile, node: YAMLMap, what: string): OutlineItem {
  const idNode = getNode(parsed, node, 'id');
  const nameNode = getNode(parsed, node, 'name');
  const written = scalarString(idNode);
  const name = scalarString(nameNode);
  const id = written ?? deriveId(name ?? '');
  const first = node.items.find(isPair) as Pair<unknown, unknown> | undefined;
  const firstKey = first && isScalar(first.key) ? first.key : null;
  return {
    id,
    idDerived: written === undefined,
    name: name ?? written ?? `(unnamed ${what})`,
    range: trimmedRange(parsed, node),
    idRange: written !== undefined ? trimmedRange(parsed, idNode) : undefined,
    nameRange: name !== undefined ? trimmedRange(parsed, nameNode) : undefined,
    insertId: firstKey?.range
      ? { offset: firstKey.range[0], flow: node.flow === true, indent: parsed.lines.position(firstKey.range[0]).character }
      : null,
  };
}

function idRefs(parsed: ParsedFile, nodes: (AnyNode | null | undefined)[]): IdRef[] {
  const out: IdRef[] = [];
  for (const n of nodes) {
    const id = scalarString(n);
    if (id !== undefined && n) out.push({ id, range: trimmedRange(parsed, n) });
  }
  return out;
}

/** A node's range without the trailing blank lines `yaml` counts into block collections. */
export function trimmedRange(parsed: ParsedFile, node: { range?: [number, number, number] | null } | null | undefined): Range {
  const [start, end] = trimmedOffsets(parsed, node);
  return parsed.lines.range(start, end);
}

function trimmedOffsets(parsed: ParsedFile, node: { range?: [number, number, number] | null } | null | undefined): [number, number] {
  if (!node?.range) return [0, 0];
  const start = node.range[0];
  let end = Math.max(start, node.range[1]);
  while (end > start && /\s/.test(parsed.text[end - 1])) end--;
  return [start, end];
}

// ---- Document and workspace symbols ----

export function documentSymbols(parsed: ParsedFile): DocumentSymbol[] {
  const o = outline(parsed);
  if (!o) return [];
  const head = o.idRange ?? firstLine(parsed, o.range);
  if (o.kind === 'persona') {
    return [DocumentSymbol.create(o.title ?? o.id ?? 'persona', o.id, SymbolKind.Class, o.range, head)];
  }
  const stages = o.stages.map((s) =>
    DocumentSymbol.create(
      s.name,
      s.id,
      SymbolKind.Namespace,
      s.range,
      s.nameRange ?? s.idRange ?? firstLine(parsed, s.range),
      s.touchpoints.map((t) =>
        DocumentSymbol.create(t.name, t.id, SymbolKind.Event, t.range, t.nameRange ?? t.idRange ?? firstLine(parsed, t.range)),
      ),
    ),
  );
  return [DocumentSymbol.create(o.title ?? o.id ?? 'journey', o.id, SymbolKind.Module, o.range, head, stages)];
}

function firstLine(parsed: ParsedFile, r: Range): Range {
  if (r.end.line === r.start.line) return r;
  return { start: r.start, end: parsed.lines.position(parsed.lines.lineEnd(r.start.line)) };
}

/** Case-insensitive subsequence match, as editors filter symbol lists. */
export function matchesQuery(query: string, ...candidates: (string | undefined)[]): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return true;
  return candidates.some((c) => {
    if (!c) return false;
    const s = c.toLowerCase();
    let i = 0;
    for (let j = 0; j < s.length && i < q.length; j++) if (s[j] === q[i]) i++;
    return i === q.length;
  });
}

/** One workspace symbol of a file, flattened: what `workspaceSymbols` searches. */
export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The selection range, packed (start line, start character, end line, end character): a 5,000-file workspace holds 100,000 of these. */
  at: [number, number, number, number];
  container?: string;
}

/** The journey, its stages and touchpoints (or the persona) of one file, flattened. */
export function symbolEntries(parsed: ParsedFile): SymbolEntry[] {
  const out: SymbolEntry[] = [];
  const add = (s: DocumentSymbol, container?: string): void => {
    const r = s.selectionRange;
    out.push({
      name: s.name,
      kind: s.kind,
      at: [r.start.line, r.start.character, r.end.line, r.end.character],
      ...(s.detail ? { detail: s.detail } : {}),
      ...(container ? { container } : {}),
    });
    for (const c of s.children ?? []) add(c, s.name);
  };
  for (const s of documentSymbols(parsed)) add(s);
  return out;
}

/**
 * Journeys, stages, touchpoints and personas of the given files that match the query. Takes
 * each file's entries (kept by the server per text, so a search does not parse the workspace).
 */
export function workspaceSymbols(query: string, files: Iterable<{ uri: string; entries: SymbolEntry[] }>, limit = 1000): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  for (const { uri, entries } of files) {
    for (const e of entries) {
      if (out.length >= limit) return out;
      if (matchesQuery(query, e.name, e.detail)) {
        const [sl, sc, el, ec] = e.at;
        const range = { start: { line: sl, character: sc }, end: { line: el, character: ec } };
        out.push({ name: e.name, kind: e.kind, location: { uri, range }, ...(e.container ? { containerName: e.container } : {}) });
      }
    }
  }
  return out;
}

// ---- Folding ----

/** One fold per multi-line block value (from its key's line) and per run of comment lines. */
export function foldingRanges(parsed: ParsedFile): FoldingRange[] {
  const byStart = new Map<number, FoldingRange>();
  const add = (startLine: number, endLine: number, kind?: string): void => {
    if (endLine <= startLine) return;
    const old = byStart.get(startLine);
    if (!old || old.endLine < endLine) byStart.set(startLine, kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  // Aliases are not followed: a fold belongs where the text is, and an alias bomb must not
  // make us walk its expansion.
  const visit = (node: unknown, depth: number): void => {
    if (depth > 64) return;
    if (isMap(node)) {
      for (const p of (node as YAMLMap).items) {
        if (!isPair(p) || !isScalar(p.key) || !p.key.range || !isNode(p.value)) continue;
        add(parsed.lines.position(p.key.range[0]).line, trimmedRange(parsed, p.value).end.line);
        visit(p.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of (node as YAMLSeq).items) {
        if (isMap(item) || isSeq(item)) {
          const r = trimmedRange(parsed, item);
          add(r.start.line, r.end.line);
        }
        visit(item, depth + 1);
      }
    }
  };
  visit(parsed.doc?.contents, 0);
  // Runs of whole-line comments (the header, commented-out stages).
  let runStart = -1;
  for (let line = 0; line <= parsed.lines.lineCount; line++) {
    const isComment =
      line < parsed.lines.lineCount &&
      /^\s*#/.test(parsed.text.slice(parsed.lines.offset({ line, character: 0 }), parsed.lines.lineEnd(line)));
    if (isComment && runStart < 0) runStart = line;
    if (!isComment && runStart >= 0) {
      add(runStart, line - 1, FoldingRangeKind.Comment);
      runStart = -1;
    }
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}

// ---- Selection ranges ----

/** For each position: value, then `key: value`, then the enclosing item, map, list... up to the file. */
export function selectionRanges(parsed: ParsedFile, positions: Position[]): SelectionRange[] {
  return positions.map((pos) => {
    const offset = parsed.lines.offset(pos);
    const chain: [number, number][] = [[0, parsed.text.length]];
    collectEnclosing(parsed, parsed.doc?.contents, offset, chain, 0);
    let current: SelectionRange | undefined;
    let last: string | undefined;
    for (const [s, e] of chain) {
      const key = `${s}:${e}`;
      if (key === last) continue;
      last = key;
      current = SelectionRange.create(parsed.lines.range(s, e), current);
    }
    // A position outside every node still gets a (whole-file) answer: it must contain the position.
    return current ?? SelectionRange.create({ start: pos, end: pos });
  });
}

function within(offset: number, [s, e]: [number, number]): boolean {
  return offset >= s && offset <= e;
}

function collectEnclosing(parsed: ParsedFile, node: unknown, offset: number, chain: [number, number][], depth: number): void {
  if (!node || depth > 64 || !parsed.doc) return;
  const own = trimmedOffsets(parsed, node as AnyNode);
  if (!within(offset, own)) return;
  chain.push(own);
  if (isMap(node)) {
    for (const p of (node as YAMLMap).items) {
      if (!isPair(p)) continue;
      const key = p.key as AnyNode | null;
      // The alias itself, never its target: selection follows the text.
      const value = isNode(p.value) ? p.value : null;
      const keyRange = key?.range ? trimmedOffsets(parsed, key) : null;
      if (!keyRange) continue;
      const pairRange: [number, number] = [
        keyRange[0],
        value?.range ? Math.max(keyRange[1], trimmedOffsets(parsed, value)[1]) : keyRange[1],
      ];
      if (!within(offset, pairRange)) continue;
      chain.push(pairRange);
      if (within(offset, keyRange)) chain.push(keyRange);
      else collectEnclosing(parsed, value, offset, chain, depth + 1);
      return;
    }
  } else if (isSeq(node)) {
    for (const item of (node as YAMLSeq).items) {
      if (isNode(item) && item.range && within(offset, trimmedOffsets(parsed, item))) {
        collectEnclosing(parsed, item, offset, chain, depth + 1);
        return;
      }
    }
  }
}
