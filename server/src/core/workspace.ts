// The workspace index: what every file needs to know of the others (persona ids and cards,
// journey ids, declared channels, owners). Updated one file at a time; never reads disk.
import { isMap, isSeq } from 'yaml';
import { getNode, nodeRange, pairKey, parseFile, ParsedFile, rootMap, scalarNumber, scalarString, seqItems } from './parse';
import { PlainMemo } from './nodeCache';
import { readScale } from './build';
import type { Range } from './types';

export interface IndexedPersona {
  uri: string;
  id: string;
  idRange: Range;
  name?: string;
  role?: string;
  quote?: string;
  color?: string;
  share?: number;
  goals: string[];
  frustrations: string[];
}

export interface IndexedJourney {
  uri: string;
  id: string;
  idRange: Range;
  title?: string;
  /** Persona ids named in `personas`, with the range of each. */
  personas: { id: string; range: Range }[];
  /** Channel ids declared in `channels`. */
  channels: string[];
  /** `variant` as written (as-is, to-be, or anything the schema then flags). */
  variant?: string;
  /** The emotion scale in force (the default when absent or invalid). */
  scale: { min: number; max: number };
  /** `baseline`: the as-is journey a to-be journey improves on. */
  baseline?: { id: string; range: Range };
}

export interface IndexedFile {
  uri: string;
  persona?: IndexedPersona;
  journey?: IndexedJourney;
  /** Every `owner` value written in the file. */
  owners: string[];
}

export class WorkspaceIndex {
  /**
   * The text of a workspace file, when the host can give it at once (an open document, or a
   * file on disk for the desktop server and the CLI). Lets a to-be journey read its baseline's
   * figures; without it, the gain is not computed. The core itself never reads files.
   */
  textOf?: (uri: string) => string | undefined;
  private readonly files = new Map<string, IndexedFile>();
  private personasById = new Map<string, IndexedPersona[]>();
  private journeysById = new Map<string, IndexedJourney[]>();
  private dirty = false;
  /** Increments on every change, so callers can tell whether their view is stale. */
  version = 0;

  /** Indexes (or re-indexes) one file from its text. */
  update(uri: string, text: string): IndexedFile {
    return this.updateParsed(parseFile(uri, text));
  }

  updateParsed(parsed: ParsedFile): IndexedFile {
    const entry = extract(parsed);
    const old = this.files.get(parsed.uri);
    this.files.set(parsed.uri, entry);
    if (!old || !sameEntry(old, entry)) {
      this.dirty = true;
      this.version++;
    }
    return entry;
  }

  /** Takes an entry made by another index's `update` (the CLI's workers index in parallel; the main thread merges once). */
  put(entry: IndexedFile): void {
    const old = this.files.get(entry.uri);
    this.files.set(entry.uri, entry);
    if (!old || !sameEntry(old, entry)) {
      this.dirty = true;
      this.version++;
    }
  }

  remove(uri: string): boolean {
    const had = this.files.delete(uri);
    if (had) {
      this.dirty = true;
      this.version++;
    }
    return had;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  get(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  private rebuild(): void {
    if (!this.dirty) return;
    this.personasById = new Map();
    this.journeysById = new Map();
    for (const f of this.files.values()) {
      if (f.persona) push(this.personasById, f.persona.id, f.persona);
      if (f.journey) push(this.journeysById, f.journey.id, f.journey);
    }
    this.dirty = false;
  }

  personas(id: string): IndexedPersona[] {
    this.rebuild();
    return this.personasById.get(id) ?? [];
  }

  journeys(id: string): IndexedJourney[] {
    this.rebuild();
    return this.journeysById.get(id) ?? [];
  }

  allPersonas(): IndexedPersona[] {
    this.rebuild();
    return [...this.personasById.values()].flat();
  }

  allJourneys(): IndexedJourney[] {
    this.rebuild();
    return [...this.journeysById.values()].flat();
  }

  /** Journeys whose `personas` name this persona id. */
  journeysUsingPersona(id: string): IndexedJourney[] {
    return this.allJourneys().filter((j) => j.personas.some((p) => p.id === id));
  }

  /** Every owner written anywhere in the workspace, sorted, once each. */
  owners(): string[] {
    const s = new Set<string>();
    for (const f of this.files.values()) for (const o of f.owners) s.add(o);
    return [...s].sort();
  }

  /** Channel ids declared by any journey of the workspace. */
  declaredChannels(): string[] {
    const s = new Set<string>();
    for (const f of this.files.values()) for (const c of f.journey?.channels ?? []) s.add(c);
    return [...s].sort();
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

function sameEntry(a: IndexedFile, b: IndexedFile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function strings(parsed: ParsedFile, node: unknown): string[] {
  return seqItems(parsed, node)
    .map(scalarString)
    .filter((s): s is string => s !== undefined);
}

/**
 * Collects `owner` values at any depth (journey, stage, touchpoint, opportunity, backstage).
 * Walks the nodes as written and never follows aliases, so an alias bomb costs nothing here.
 * The owners under each list item (a stage, a touchpoint) are remembered per node across
 * keystrokes (nodeCache.ts), so a keystroke does not walk a 5,000-touchpoint journey again.
 */
function collectOwners(node: unknown, out: Set<string>, depth = 0): void {
  if (depth > 12) return;
  if (isMap(node)) {
    for (const p of node.items) {
      if (pairKey(p) === 'owner') {
        const s = scalarString(p.value);
        if (s) out.add(s);
      } else collectOwners(p.value, out, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const it of node.items) {
      if (isMap(it)) for (const o of ownersOfItem(it, depth + 1)) out.add(o);
      else collectOwners(it, out, depth + 1);
    }
  }
}

const itemOwners = new PlainMemo<string[]>();

function ownersOfItem(item: object, depth: number): string[] {
  return itemOwners.get(item, String(depth), () => {
    const found = new Set<string>();
    collectOwners(item, found, depth);
    return [...found];
  });
}

function extract(parsed: ParsedFile): IndexedFile {
  const root = rootMap(parsed);
  const entry: IndexedFile = { uri: parsed.uri, owners: [] };
  if (!root) return entry;
  const owners = new Set<string>();
  collectOwners(root, owners);
  entry.owners = [...owners].sort();
  if (parsed.kind === 'persona') {
    const idNode = getNode(parsed, root, 'persona');
    const id = scalarString(idNode);
    if (id) {
      entry.persona = {
        uri: parsed.uri,
        id,
        idRange: nodeRange(parsed, idNode),
        name: scalarString(getNode(parsed, root, 'name')),
        role: scalarString(getNode(parsed, root, 'role')),
        quote: scalarString(getNode(parsed, root, 'quote')),
        color: scalarString(getNode(parsed, root, 'color')),
        share: scalarNumber(getNode(parsed, root, 'share')),
        goals: strings(parsed, getNode(parsed, root, 'goals')),
        frustrations: strings(parsed, getNode(parsed, root, 'frustrations')),
      };
    }
  } else {
    const idNode = getNode(parsed, root, 'journey');
    const id = scalarString(idNode);
    if (id) {
      const personas = seqItems(parsed, getNode(parsed, root, 'personas'))
        .map((n) => ({ id: scalarString(n), range: nodeRange(parsed, n) }))
        .filter((p): p is { id: string; range: Range } => p.id !== undefined);
      const channels = seqItems(parsed, getNode(parsed, root, 'channels'))
        .map((n) => scalarString(getNode(parsed, n, 'id')) ?? scalarString(n))
        .filter((c): c is string => c !== undefined);
      const baselineNode = getNode(parsed, root, 'baseline');
      const baseline = scalarString(baselineNode);
      entry.journey = {
        uri: parsed.uri,
        id,
        idRange: nodeRange(parsed, idNode),
        title: scalarString(getNode(parsed, root, 'title')),
        personas,
        channels,
        variant: scalarString(getNode(parsed, root, 'variant')),
        scale: readScale(parsed, root),
        ...(baseline ? { baseline: { id: baseline, range: nodeRange(parsed, baselineNode) } } : {}),
      };
    }
  }
  return entry;
}
