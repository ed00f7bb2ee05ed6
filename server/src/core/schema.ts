// JSON Schema validation (rule `schema`), with every ajv error mapped to the exact key or value
// at fault and worded in the user's terms. The schemas in /schemas are the single source of
// truth: the language server's hover and completion read them through `subschemaAt`.
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, visit, YAMLMap } from 'yaml';
import type { Pair, YAMLSeq } from 'yaml';
import journeySchemaJson from '../../../schemas/journey.schema.json';
import personaSchemaJson from '../../../schemas/persona.schema.json';
import { NodeMemo, shiftDiagnostics, shiftRange } from './nodeCache';
import { deref, firstLineRange, MAX_ALIAS_COUNT, nodeRange, pairKey, pairs, ParsedFile, toPlainData } from './parse';
import type { AnyNode } from './parse';
import { closest } from './suggest';
import type { FileKind, Fix, JourneyDiagnostic, Range } from './types';

type Schema = AnySchemaObject;
type PathSegment = string | number;

const SCHEMAS: Record<FileKind, Schema> = {
  journey: journeySchemaJson as Schema,
  persona: personaSchemaJson as Schema,
};

// Compiled once. `strict: false` lets the editor-only keywords (markdownDescription,
// defaultSnippets, enumDescriptions) through; `verbose` gives each error its schema and data.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const VALIDATORS: Record<FileKind, ValidateFunction> = {
  journey: ajv.compile(SCHEMAS.journey),
  persona: ajv.compile(SCHEMAS.persona),
};

const ROOT_SHAPE: Record<FileKind, string> = {
  journey: 'A journey file holds a map with `journey`, `title` and `stages`.',
  persona: 'A persona file holds a map with `persona` and `name`.',
};

const RANGE_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);

/** The raw JSON Schema of a kind of file. */
export function schemaFor(kind: FileKind): object {
  return SCHEMAS[kind];
}

/**
 * The subschema describing the value at `path` (keys and list indexes from the root), with
 * `$ref`s resolved (local keywords win, as in VS Code) and, for a string|map choice, the map
 * branch when the path goes deeper. Null when the schema says nothing about that place.
 */
export function subschemaAt(kind: FileKind, path: PathSegment[]): object | null {
  const root = SCHEMAS[kind];
  let cur: Schema | null = resolveRef(root, root);
  for (const seg of path) {
    if (!cur) return null;
    cur = branchFor(root, cur, typeof seg === 'number' ? 'array' : 'object');
    if (!cur) return null;
    if (typeof seg === 'number') {
      cur = isSchema(cur.items) ? resolveRef(root, cur.items) : null;
    } else {
      const props = cur.properties as Record<string, Schema> | undefined;
      if (props && Object.prototype.hasOwnProperty.call(props, seg)) cur = resolveRef(root, props[seg]);
      else cur = isSchema(cur.additionalProperties) ? resolveRef(root, cur.additionalProperties) : null;
    }
  }
  return cur;
}

export function checkSchema(parsed: ParsedFile): JourneyDiagnostic[] {
  if (!parsed.doc) return [];
  pairsByKey = new WeakMap();
  const split = parsed.kind === 'journey' ? checkJourneyByTouchpoint(parsed) : null;
  return split ?? checkSchemaWhole(parsed);
}

/** The whole file against its schema at once (personas, texts with aliases; tests compare the two ways). */
export function checkSchemaWhole(parsed: ParsedFile): JourneyDiagnostic[] {
  if (!parsed.doc) return [];
  pairsByKey = new WeakMap();
  const plain = toPlainData(parsed);
  if ('error' in plain) return [aliasDiagnostic(parsed, plain.error)];
  const data = plain.value;
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return [diag(rootShapeRange(parsed), ROOT_SHAPE[parsed.kind])];
  }
  const validate = VALIDATORS[parsed.kind];
  if (validate(data)) return [];
  return capped([mapErrors(parsed, data, reduceErrors(SCHEMAS[parsed.kind], validate.errors ?? []), [])]);
}

/** Diagnostics of a list of errors, deduplicated; past the cap, `omitted` counts the rest and `next` places the first of them. */
interface Mapped {
  diagnostics: JourneyDiagnostic[];
  omitted: number;
  next?: Range;
}

function mapErrors(parsed: ParsedFile, data: unknown, errors: SchemaError[], prefix: PathSegment[]): Mapped {
  const out: JourneyDiagnostic[] = [];
  const seen = new Set<string>();
  const prefixed = (e: SchemaError): SchemaError => (prefix.length ? { ...e, instancePath: `/${prefix.join('/')}${e.instancePath}` } : e);
  for (let i = 0; i < errors.length; i++) {
    const d = toDiagnostic(parsed, data, prefixed(errors[i]));
    if (out.length === MAX_SCHEMA_DIAGNOSTICS) {
      // Thousands of unknown keys are one problem, not thousands: and placing each costs a scan.
      return { diagnostics: out, omitted: errors.length - i, next: d?.range ?? rootShapeRange(parsed) };
    }
    if (!d) continue;
    const key = `${d.range.start.line}:${d.range.start.character}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return { diagnostics: out, omitted: 0 };
}

/** The first MAX_SCHEMA_DIAGNOSTICS of several lists, in order, and one more that counts the rest. */
function capped(parts: Mapped[]): JourneyDiagnostic[] {
  const out: JourneyDiagnostic[] = [];
  let rest = 0;
  let next: Range | undefined;
  for (const part of parts) {
    for (const d of part.diagnostics) {
      if (out.length < MAX_SCHEMA_DIAGNOSTICS) out.push(d);
      else {
        rest++;
        next ??= d.range;
      }
    }
    if (part.omitted) {
      rest += part.omitted;
      next ??= part.next;
    }
  }
  if (rest > 0)
    out.push(
      diag(
        next ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        `${rest} more schema problems from here on are not listed: the first ${MAX_SCHEMA_DIAGNOSTICS} are.`,
      ),
    );
  return out;
}

// ---- A journey, one touchpoint at a time. ----
//
// A keystroke in a 5,000-touchpoint journey changes one touchpoint. So the journey is checked in
// two parts: the file with every touchpoint replaced by `{}` against the journey schema whose
// touchpoint items accept anything, and each touchpoint against the touchpoint definition, its
// diagnostics remembered per node across keystrokes (nodeCache.ts). The findings are the ones
// the whole check gives (a test compares them on every sample and fault file); only the order
// in which the 200-diagnostic cap counts them differs: the file's own first, then the
// touchpoints in order. A text with aliases (a `*` anywhere) is checked whole, so that
// the alias limits keep counting over the whole file.

const JOURNEY_DEFINITIONS = (SCHEMAS.journey as { definitions: Record<string, Schema> }).definitions;

function withoutTouchpointChecks(schema: Schema): Schema {
  const copy = JSON.parse(JSON.stringify(schema)) as Schema & { definitions: Record<string, Schema> };
  copy.$id = 'https://journeymap.dev/schemas/journey-without-touchpoints.schema.json';
  (copy.definitions.stage.properties as Record<string, Schema>).touchpoints.items = true;
  return copy;
}

const JOURNEY_SHELL = ajv.compile(withoutTouchpointChecks(SCHEMAS.journey));
const TOUCHPOINT = ajv.compile({
  $id: 'https://journeymap.dev/schemas/journey-touchpoint.schema.json',
  definitions: JOURNEY_DEFINITIONS,
  $ref: '#/definitions/touchpoint',
});
const EMPTY_MAP = new YAMLMap();

const touchpointErrors = new NodeMemo<Mapped>((m, lines) => ({
  diagnostics: shiftDiagnostics(m.diagnostics, lines),
  omitted: m.omitted,
  ...(m.next ? { next: shiftRange(m.next, lines) } : {}),
}));

function checkJourneyByTouchpoint(parsed: ParsedFile): JourneyDiagnostic[] | null {
  const doc = parsed.doc;
  if (!doc || parsed.text.includes('*') || !isMap(doc.contents)) return null;
  const stagesNode = (doc.contents as YAMLMap).items.find((p) => pairKey(p as Pair) === 'stages')?.value;
  if (!isSeq(stagesNode)) return null;
  // Every touchpoints list of a stage map, so its items can be swapped for `{}` and back.
  const lists: { si: number; seq: YAMLSeq; items: unknown[] }[] = [];
  (stagesNode as YAMLSeq).items.forEach((stage, si) => {
    if (!isMap(stage)) return;
    const tps = (stage as YAMLMap).items.find((p) => pairKey(p as Pair) === 'touchpoints')?.value;
    if (isSeq(tps)) lists.push({ si, seq: tps as YAMLSeq, items: (tps as YAMLSeq).items });
  });
  let shell: unknown;
  try {
    for (const l of lists) l.seq.items = l.items.map(() => EMPTY_MAP);
    shell = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return [aliasDiagnostic(parsed, e instanceof Error ? e.message : String(e))];
  } finally {
    for (const l of lists) l.seq.items = l.items;
  }
  if (shell === null || typeof shell !== 'object' || Array.isArray(shell)) return [diag(rootShapeRange(parsed), ROOT_SHAPE.journey)];
  const parts: Mapped[] = [];
  parts.push(
    JOURNEY_SHELL(shell)
      ? { diagnostics: [], omitted: 0 }
      : mapErrors(parsed, shell, reduceErrors(SCHEMAS.journey, JOURNEY_SHELL.errors ?? []), []),
  );
  const stagesData = (shell as { stages?: unknown }).stages;
  for (const { si, items } of lists) {
    const slots = ((stagesData as Record<string, unknown>[])[si] as { touchpoints: unknown[] }).touchpoints;
    items.forEach((item, ti) => {
      const check = (): Mapped => {
        const data =
          item === null || item === undefined
            ? null
            : (item as { toJS(d: unknown, o: object): unknown }).toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
        if (TOUCHPOINT(data)) return { diagnostics: [], omitted: 0 };
        // The file's data with this touchpoint in place: messages name it from there.
        slots[ti] = data;
        return mapErrors(parsed, shell, reduceErrors(SCHEMAS.journey, TOUCHPOINT.errors ?? []), ['stages', si, 'touchpoints', ti]);
      };
      const node = item as AnyNode | null;
      parts.push(node && typeof node === 'object' && node.range ? touchpointErrors.get(parsed, node, String(ti), check) : check());
    });
  }
  return capped(parts);
}

/** Schema diagnostics listed per file; past this, one more says how many were left out. */
export const MAX_SCHEMA_DIAGNOSTICS = 200;

// ---- Reducing ajv's output to the errors that help. ----

/** An ajv error, or one we synthesise for a oneOf/anyOf whose branches all mismatch the type. */
interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  parentSchema?: Schema;
  data?: unknown;
  /** For a synthetic choice error: what the branches accept. */
  expected?: string;
}

function reduceErrors(root: Schema, errors: ErrorObject[]): SchemaError[] {
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, SchemaError>();
  for (const c of errors) {
    if ((c.keyword !== 'oneOf' && c.keyword !== 'anyOf') || dropped.has(c)) continue;
    const inside = errors.filter((e) => e !== c && e.schemaPath.startsWith(c.schemaPath + '/') && isWithin(e.instancePath, c.instancePath));
    const branches = (Array.isArray(c.schema) ? c.schema : []).map((b) => resolveRef(root, b as Schema));
    // Several branches passed (oneOf): nothing more precise to say than ajv's own error.
    if (c.params && (c.params as { passingSchemas?: unknown }).passingSchemas) continue;
    const fitting = branches.map((b, i) => (typeFits(b, c.data) ? i : -1)).filter((i) => i >= 0);
    for (const e of inside) dropped.add(e);
    if (fitting.length === 1) {
      // The value has the shape of one branch: that branch's own errors are the helpful ones.
      const prefix = `${c.schemaPath}/${fitting[0]}/`;
      for (const e of inside) if (e.schemaPath.startsWith(prefix)) dropped.delete(e);
      dropped.add(c);
    } else {
      replaced.set(c, {
        keyword: 'type',
        instancePath: c.instancePath,
        params: {},
        data: c.data,
        parentSchema: c.parentSchema,
        expected: joinOr(branches.map(expectation)),
      });
    }
  }
  const kept: SchemaError[] = [];
  for (const e of errors) {
    if (dropped.has(e)) continue;
    const r = replaced.get(e);
    kept.push(
      r ?? {
        keyword: e.keyword,
        instancePath: e.instancePath,
        params: e.params as Record<string, unknown>,
        parentSchema: e.parentSchema,
        data: e.data,
      },
    );
  }
  // Division of labour: metric ranges (bounds, and whole numbers for counts) belong to the
  // `metric-range` rule, which words them better and offers 62 -> 0.62.
  const inScope = kept.filter(
    (e) =>
      !(
        splitPointer(e.instancePath).includes('metrics') &&
        (RANGE_KEYWORDS.has(e.keyword) || (e.keyword === 'type' && e.parentSchema?.type === 'integer' && typeof e.data === 'number'))
      ),
  );
  // An unknown key that is a typo of a missing required key says it all: drop the "missing" error.
  return inScope.filter((e) => {
    if (e.keyword !== 'required') return true;
    const missing = String(e.params.missingProperty);
    return !inScope.some(
      (o) =>
        o.keyword === 'additionalProperties' &&
        o.instancePath === e.instancePath &&
        closest(String(o.params.additionalProperty), knownKeys(o.parentSchema))[0] === missing,
    );
  });
}

function isWithin(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}

// ---- Turning one error into a diagnostic on the right node. ----

function toDiagnostic(parsed: ParsedFile, data: unknown, e: SchemaError): JourneyDiagnostic | null {
  const path = splitPointer(e.instancePath);
  const at = locate(parsed, path);
  const field = fieldName(path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const property = String(e.params.additionalProperty);
      const where = describe(parsed.kind, data, path);
      const inMap = locate(parsed, [...path, property]);
      // A key yaml read as a number, boolean or null (`.nan:`, `1e3:`, `~:`) is named as written, not as JSON spells it.
      const keyNode = inMap.complete ? inMap.keyNode : null;
      const key =
        isScalar(keyNode) && typeof keyNode.value !== 'string' && keyNode.range
          ? parsed.text.slice(keyNode.range[0], keyNode.range[1])
          : property;
      const range = inMap.complete && inMap.keyNode ? nodeRange(parsed, inMap.keyNode) : valueRange(parsed, at);
      const value = valueAt(data, path);
      const present = (k: string) => typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, k);
      const known = knownKeys(e.parentSchema);
      const guess = closest(
        key,
        known.filter((k) => !present(k)),
      )[0];
      if (guess) return diag(range, `Unknown key \`${key}\` in ${where}: did you mean \`${guess}\`?`, replaceFix([guess]));
      const extra = path[path.length - 1] === 'metrics' ? ' Put other figures under `custom`.' : '';
      return diag(range, `Unknown key \`${key}\` in ${where}. Known keys: ${known.join(', ')}.${extra}`);
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      return diag(ownerRange(parsed, at, path), `Missing required key \`${missing}\` in ${describe(parsed.kind, data, path)}.`);
    }
    case 'type': {
      const expected = e.expected ?? expectation(e.parentSchema ?? {});
      if (e.data === null || e.data === undefined) {
        return diag(valueRange(parsed, at), `${capital(field)} has no value: expected ${expected}.`);
      }
      const fix =
        expected === 'text' && (typeof e.data === 'number' || typeof e.data === 'boolean')
          ? { kind: 'replace' as const, title: 'Quote as text', texts: [JSON.stringify(sourceText(parsed, at) ?? String(e.data))] }
          : undefined;
      return diag(valueRange(parsed, at), `${capital(field)} must be ${expected}, not ${describeValue(e.data)}.`, fix);
    }
    case 'enum': {
      const allowed = ((e.params.allowedValues as unknown[]) ?? []).map(String);
      // A list or a map where a word belongs: say so, never "[object Object]".
      if (e.data === null || typeof e.data === 'object') {
        return diag(
          valueRange(parsed, at),
          `${capital(enumNoun(path))} must be one of: ${allowed.join(', ')}; not ${describeValue(e.data)}.`,
        );
      }
      const value = String(e.data);
      const guesses = closest(value, allowed);
      const list = `Expected one of: ${allowed.join(', ')}.`;
      if (guesses.length)
        return diag(
          valueRange(parsed, at),
          `Unknown ${enumNoun(path)} \`${value}\`: did you mean \`${guesses[0]}\`? ${list}`,
          replaceFix(guesses),
        );
      return diag(valueRange(parsed, at), `Unknown ${enumNoun(path)} \`${value}\`. ${list}`);
    }
    case 'pattern': {
      const value = String(e.data);
      if (String(e.params.pattern).startsWith('^#')) {
        return diag(valueRange(parsed, at), `${capital(field)}: \`${value}\` is not a colour: write it as #rrggbb, e.g. "#4e79a7".`);
      }
      const slug = slugify(value);
      if (slug && slug !== value) {
        return diag(
          valueRange(parsed, at),
          `${capital(field)}: \`${value}\` is not a kebab-case id (lower-case letters and digits joined by single dashes): ` +
            `did you mean \`${slug}\`?`,
          replaceFix([slug]),
        );
      }
      return diag(
        valueRange(parsed, at),
        `${capital(field)}: \`${value}\` is not a kebab-case id (lower-case letters and digits joined by single dashes), ` +
          'e.g. `buy-phone-online`.',
      );
    }
    case 'minItems': {
      const n = Number(e.params.limit);
      const what = path[path.length - 1] === 'stages' ? (n === 1 ? 'stage' : 'stages') : n === 1 ? 'item' : 'items';
      return diag(valueRange(parsed, at), `${capital(field)} needs at least ${n} ${what}.`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const s = e.parentSchema ?? {};
      const lo = typeof s.minimum === 'number' ? s.minimum : undefined;
      const hi = typeof s.maximum === 'number' ? s.maximum : undefined;
      const bounds =
        lo !== undefined && hi !== undefined ? `between ${lo} and ${hi}` : lo !== undefined ? `at least ${lo}` : `at most ${hi}`;
      const v = Number(e.data);
      // A fraction written as a percentage: offer the fraction.
      const fix = lo === 0 && hi === 1 && v > 1 && v <= 100 ? replaceFix([String(Math.round(v * 1e6) / 1e8)]) : undefined;
      return diag(valueRange(parsed, at), `${capital(field)} must be ${bounds}, not ${v}.`, fix);
    }
    default:
      return diag(
        valueRange(parsed, at),
        `${capital(field)} ${e.keyword === 'oneOf' || e.keyword === 'anyOf' ? 'matches more than one allowed form' : 'is not valid'}.`,
      );
  }
}

function diag(range: Range, message: string, fix?: Fix): JourneyDiagnostic {
  const d: JourneyDiagnostic = { rule: 'schema', severity: 'error', message, range };
  if (fix) d.fix = fix;
  return d;
}

function replaceFix(texts: string[]): Fix {
  return { kind: 'replace', title: `Change to "${texts[0]}"`, texts };
}

// ---- Walking the AST along an ajv instance path. ----

interface Located {
  /** The deepest node reached (the value at the path when `complete`). */
  node: AnyNode | null;
  /** The key of the pair holding `node`, when it is a map value. */
  keyNode: AnyNode | null;
  /** False when the path left the AST early (then `node` is the deepest node reached). */
  complete: boolean;
  /** The node holding `node` (a map or a list), if any. */
  parent: AnyNode | null;
}

/**
 * The pairs of each map by key, built once per map per `checkSchema` call: looking keys up one
 * by one made a map of 16,000 unknown keys quadratic.
 */
let pairsByKey = new WeakMap<object, Map<string, Pair<AnyNode, unknown>>>();

function pairNamed(map: AnyNode, key: string): Pair<AnyNode, unknown> | undefined {
  let byKey = pairsByKey.get(map);
  if (!byKey) {
    byKey = new Map();
    for (const p of pairs(map)) {
      const k = pairKey(p);
      if (k !== null && !byKey.has(k)) byKey.set(k, p as Pair<AnyNode, unknown>);
    }
    pairsByKey.set(map, byKey);
  }
  return byKey.get(key);
}

function locate(parsed: ParsedFile, path: PathSegment[]): Located {
  const doc = parsed.doc;
  if (!doc) return { node: null, keyNode: null, complete: false, parent: null };
  let node = deref(doc, doc.contents);
  let keyNode: AnyNode | null = null;
  let parent: AnyNode | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = pairNamed(node, String(seg));
      if (!pair) return { node, keyNode, complete: false, parent };
      parent = node;
      keyNode = pair.key as AnyNode;
      node = isAlias(pair.value) ? deref(doc, pair.value) : (pair.value as AnyNode | null);
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = (node as YAMLSeq).items[seg];
      if (item === undefined) return { node, keyNode, complete: false, parent };
      parent = node;
      keyNode = null;
      node = deref(doc, item);
    } else {
      return { node, keyNode, complete: false, parent };
    }
  }
  return { node, keyNode, complete: true, parent };
}

/** The value's range; its first line when it spans several; the key when the value is empty. */
function valueRange(parsed: ParsedFile, at: Located): Range {
  const n = at.node;
  const empty = !n || !n.range || n.range[1] <= n.range[0] || (isScalar(n) && n.value === null && !n.source);
  if (empty && at.keyNode) return nodeRange(parsed, at.keyNode);
  if (!n) return rootShapeRange(parsed);
  return isScalar(n) ? nodeRange(parsed, n) : firstLineRange(parsed, n);
}

/** Where a missing key is reported: the map's own key, the list item's first line, or the root's id key. */
function ownerRange(parsed: ParsedFile, at: Located, path: PathSegment[]): Range {
  if (path.length === 0) {
    const items = pairs(at.node);
    const idPair = items.find((p) => pairKey(p) === parsed.kind) ?? items[0];
    return idPair ? nodeRange(parsed, idPair.key as AnyNode) : rootShapeRange(parsed);
  }
  if (at.keyNode) return nodeRange(parsed, at.keyNode);
  return firstLineRange(parsed, at.node);
}

function rootShapeRange(parsed: ParsedFile): Range {
  const c = parsed.doc ? deref(parsed.doc, parsed.doc.contents) : null;
  if (c && c.range) return firstLineRange(parsed, c);
  return parsed.lines.range(0, parsed.lines.lineEnd(0));
}

function sourceText(parsed: ParsedFile, at: Located): string | undefined {
  const n = at.node;
  return n && isScalar(n) && n.range ? parsed.text.slice(n.range[0], n.range[1]) : undefined;
}

function aliasDiagnostic(parsed: ParsedFile, error: string): JourneyDiagnostic {
  let first: AnyNode | null = null;
  if (parsed.doc) {
    visit(parsed.doc, {
      Alias(_, node) {
        first = node as unknown as AnyNode;
        return visit.BREAK;
      },
    });
  }
  const range = first ? nodeRange(parsed, first) : rootShapeRange(parsed);
  const why = /alias/i.test(error) ? 'its aliases expand too far' : error;
  return diag(range, `The file cannot be checked against the schema: ${why}. Write the values out instead of repeating aliases.`);
}

// ---- Words. ----

function splitPointer(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      const k = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9]\d*)$/.test(k) ? Number(k) : k;
    });
}

/**
 * How to name a field in a message: `title`, or "Item 2 of `personas`". Numeric segments are
 * list indexes (ajv paths do not say which), which is right for every list in our schemas.
 */
function fieldName(path: PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'number') {
    const key = path[path.length - 2];
    return `item ${last + 1} of \`${String(key)}\``;
  }
  return `\`${last}\``;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const ITEM_NOUNS: Record<string, string> = {
  pain_points: 'a pain point',
  opportunities: 'an opportunity',
  backstage: 'a backstage entry',
  channels: 'a channel',
  jobs: 'a job',
};

/** The owner of a map, in the user's words: the journey, stage "Buy", touchpoint "Pays", `metrics`. */
function describe(kind: FileKind, data: unknown, path: PathSegment[]): string {
  if (path.length === 0) return `the ${kind}`;
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const list = String(path[path.length - 2]);
    const name = (valueAt(data, path) as { name?: unknown } | null)?.name;
    if (list === 'stages' || list === 'touchpoints') {
      const noun = list === 'stages' ? 'stage' : 'touchpoint';
      return typeof name === 'string' ? `${noun} "${name}"` : `${noun} ${last + 1}`;
    }
    return ITEM_NOUNS[list] ?? `item ${last + 1} of \`${list}\``;
  }
  return `\`${last}\``;
}

const ENUM_NOUNS: Record<string, string> = { type: 'journey type', variant: 'variant', severity: 'severity', evidence: 'evidence kind' };

function enumNoun(path: PathSegment[]): string {
  const key = [...path].reverse().find((s): s is string => typeof s === 'string') ?? 'value';
  return ENUM_NOUNS[key] ?? `\`${key}\` value`;
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return `text ("${v.length > 30 ? v.slice(0, 27) + '...' : v}")`;
  // YAML's spelling for the numbers JavaScript prints as NaN and Infinity.
  if (typeof v === 'number') return `the number ${Number.isNaN(v) ? '.nan' : v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : v}`;
  if (typeof v === 'boolean') return `\`${v}\``;
  if (Array.isArray(v)) return 'a list';
  if (v && typeof v === 'object') return 'a map';
  return 'empty';
}

/** What a schema accepts, in words: "a number", "a map (text, severity, evidence)", "text". */
function expectation(s: Schema): string {
  const t = s.type;
  if (t === 'string') return 'text';
  if (t === 'number') return 'a number';
  if (t === 'integer') return 'a whole number';
  if (t === 'boolean') return '`true` or `false`';
  if (t === 'array') return 'a list';
  if (t === 'object') {
    const known = Object.keys((s.properties as object) ?? {});
    if (known.length) return `a map (${known.join(', ')})`;
    const add = s.additionalProperties;
    const keys = isSchema(s.propertyNames) && typeof s.propertyNames.title === 'string' ? `${s.propertyNames.title}s` : 'names';
    if (!isSchema(add)) return 'a map';
    const value = expectation(add);
    return `a map of ${keys} to ${value === 'text' ? 'text' : value.replace(/^an? /, '') + 's'}`;
  }
  return 'a valid value';
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function knownKeys(s: Schema | undefined): string[] {
  return Object.keys((s?.properties as object) ?? {});
}

/** A derived id, as the spec defines it: lower-case, runs of other characters to one dash. */
function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---- Schema helpers. ----

function isSchema(v: unknown): v is Schema {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Resolves a local `$ref`, letting the referring schema's own keywords (title, descriptions) win. */
function resolveRef(root: Schema, s: Schema): Schema {
  let cur = s;
  for (let hops = 0; hops < 8 && typeof cur.$ref === 'string'; hops++) {
    const target = lookupPointer(root, cur.$ref as string);
    if (!target) break;
    const { $ref: _ignored, ...own } = cur;
    cur = { ...target, ...own };
  }
  return cur;
}

function lookupPointer(root: Schema, ref: string): Schema | null {
  if (!ref.startsWith('#')) return null;
  let cur: unknown = root;
  for (const seg of splitPointer(ref.slice(1))) {
    if (!isSchema(cur) && !Array.isArray(cur)) return null;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return isSchema(cur) ? cur : null;
}

/** For a oneOf/anyOf, the branch that can hold a list or a map; the schema itself otherwise. */
function branchFor(root: Schema, s: Schema, want: 'array' | 'object'): Schema | null {
  const choices = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (!Array.isArray(choices)) return s;
  for (const b of choices) {
    const r = resolveRef(root, b);
    if (r.type === want || (want === 'object' && (r.properties || r.additionalProperties)) || (want === 'array' && r.items)) return r;
  }
  return null;
}

/** Whether a value has the JSON type a (branch) schema asks for. */
function typeFits(s: Schema, v: unknown): boolean {
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [String(s.type)] : [];
  if (!types.length) return true;
  return types.some((t) => {
    switch (t) {
      case 'string':
        return typeof v === 'string';
      case 'number':
        return typeof v === 'number';
      case 'integer':
        return typeof v === 'number' && Number.isInteger(v);
      case 'boolean':
        return typeof v === 'boolean';
      case 'array':
        return Array.isArray(v);
      case 'object':
        return !!v && typeof v === 'object' && !Array.isArray(v);
      case 'null':
        return v === null;
      default:
        return false;
    }
  });
}

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return cur ?? null;
}
