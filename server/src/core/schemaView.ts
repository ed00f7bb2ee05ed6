// Reads the JSON Schemas for what the editor features need at one place in a file: the keys
// allowed there (with their docs and which are required), enum values, the value's type.
// Completion and hover share it so both describe a key with the same words.
import { schemaFor, subschemaAt } from './schema';
import type { PathSegment } from './cursor';
import type { FileKind } from './types';

type Json = Record<string, unknown>;

export interface SchemaView {
  /** JSON types allowed here (merged over anyOf/oneOf branches). */
  types: Set<string>;
  properties: Map<string, Json>;
  required: Set<string>;
  enumValues: string[];
  /** Documentation of each enum value (`markdownEnumDescriptions` or `enumDescriptions`). */
  enumDocs: Map<string, string>;
  /** Schema of list items, when this is (or may be) a list. */
  items: Json | null;
  /** Schema of extra keys (additionalProperties / patternProperties), when allowed. */
  extraKeys: Json | null;
  doc?: string;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolve(root: Json, node: unknown, depth = 0): Json | null {
  if (!isObj(node)) return null;
  const ref = node.$ref;
  if (typeof ref !== 'string' || depth > 16) return node;
  let target: unknown = null;
  if (ref.startsWith('#')) {
    target = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      target = isObj(target) ? target[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))] : undefined;
    }
  }
  if (!isObj(target)) {
    // A reference to another file's schema: look the name up among this schema's definitions.
    const name =
      ref
        .split('/')
        .pop()
        ?.replace(/\.json$/, '')
        .replace(/\.schema$/, '') ?? '';
    const defs = { ...(isObj(root.definitions) ? root.definitions : {}), ...(isObj(root.$defs) ? root.$defs : {}) };
    target = defs[name];
  }
  const resolved = resolve(root, target, depth + 1);
  if (!resolved) return null;
  // Keywords written beside $ref (docs, mostly) win over the target's.
  const { $ref: _ignored, ...beside } = node;
  void _ignored;
  return { ...resolved, ...beside };
}

/** The schema's branches at this node: itself plus allOf/anyOf/oneOf members, resolved. */
function branches(root: Json, node: Json | null, depth = 0): Json[] {
  if (!node || depth > 8) return [];
  const out: Json[] = [node];
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[k];
    if (Array.isArray(list)) for (const b of list) out.push(...branches(root, resolve(root, b), depth + 1));
  }
  return out;
}

function docOf(s: Json): string | undefined {
  if (typeof s.markdownDescription === 'string') return s.markdownDescription;
  if (typeof s.description === 'string') return s.description;
  return undefined;
}

function view(root: Json, node: Json | null): SchemaView {
  const v: SchemaView = {
    types: new Set(),
    properties: new Map(),
    required: new Set(),
    enumValues: [],
    enumDocs: new Map(),
    items: null,
    extraKeys: null,
  };
  for (const b of branches(root, node)) {
    if (typeof b.type === 'string') v.types.add(b.type);
    if (Array.isArray(b.type)) for (const t of b.type) if (typeof t === 'string') v.types.add(t);
    if (isObj(b.properties)) {
      v.types.add('object');
      for (const [k, s] of Object.entries(b.properties)) {
        const r = resolve(root, s);
        if (r && !v.properties.has(k)) v.properties.set(k, r);
      }
    }
    if (Array.isArray(b.required)) for (const r of b.required) if (typeof r === 'string') v.required.add(r);
    if (Array.isArray(b.enum)) {
      const docs = Array.isArray(b.markdownEnumDescriptions)
        ? b.markdownEnumDescriptions
        : Array.isArray(b.enumDescriptions)
          ? b.enumDescriptions
          : [];
      b.enum.forEach((e, i) => {
        if (typeof e !== 'string' || v.enumValues.includes(e)) return;
        v.enumValues.push(e);
        if (typeof docs[i] === 'string') v.enumDocs.set(e, docs[i]);
      });
    }
    if (typeof b.const === 'string' && !v.enumValues.includes(b.const)) v.enumValues.push(b.const);
    if (b.items !== undefined && !v.items) v.items = resolve(root, b.items);
    if (isObj(b.additionalProperties) && !v.extraKeys) v.extraKeys = resolve(root, b.additionalProperties);
    if (isObj(b.patternProperties) && !v.extraKeys) {
      const first = Object.values(b.patternProperties)[0];
      v.extraKeys = resolve(root, first);
    }
    if (v.doc === undefined) v.doc = docOf(b);
  }
  if (v.enumValues.length) v.types.add('string');
  return v;
}

/** The schema node at a path, through the schema module's own walk (refs and branches). */
function nodeAtPath(kind: FileKind, path: PathSegment[]): { root: Json; node: Json | null } {
  const root = schemaFor(kind) as Json;
  // `?` marks a place the text scanner could not name; treat it as a list item.
  const node = subschemaAt(
    kind,
    path.map((s) => (s === '?' ? 0 : s)),
  ) as Json | null;
  return { root, node };
}

/** What the schemas say about the place at `path` (a map, a list, or a scalar value). */
export function schemaViewAt(kind: FileKind, path: PathSegment[]): SchemaView | null {
  const { root, node } = nodeAtPath(kind, path);
  return node ? view(root, node) : null;
}

/** The documentation of a key: its `markdownDescription` (or `description`). */
export function keyDoc(kind: FileKind, path: PathSegment[]): string | undefined {
  return schemaViewAt(kind, path)?.doc;
}
