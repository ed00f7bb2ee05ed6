// Completion wherever an author types: keys (required first, never one already present),
// whole-item snippets at the right indentation, enum values, channels, persona ids, touchpoint
// ids in `next`, owners and metric names. The place comes from `locateCursor`, which reads the
// text itself, so it works in flow style, in quotes, on blank lines and in broken files.
import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  Position,
} from 'vscode-languageserver-types';
import { readJourney } from './build';
import { CursorContext, locateCursor, PathSegment, shapePath } from './cursor';
import { getNode, ParsedFile, rootMap, scalarString, seqItems } from './parse';
import { schemaViewAt, SchemaView } from './schemaView';
import type { Settings } from './types';
import { BUILT_IN_CHANNELS, EVIDENCE_KINDS, JOURNEY_TYPES, METRICS, SEVERITIES, VARIANTS } from './vocabulary';
import type { WorkspaceIndex } from './workspace';

/** A candidate value: what is inserted, plus how the list shows it. */
interface ValueChoice {
  value: string;
  kind: CompletionItemKind;
  detail?: string;
  doc?: string;
}

const empty = (): CompletionList => ({ isIncomplete: false, items: [] });

/**
 * `dataFiles` lists the CSV files a journey may name in `data`, as paths relative to the
 * journey's folder (the host's I/O: the core reads no folder); called only where a data file's
 * path is being written.
 */
export function complete(
  parsed: ParsedFile,
  position: Position,
  index: WorkspaceIndex,
  settings: Settings,
  dataFiles?: () => string[],
): CompletionList {
  void settings;
  // A text refused before parsing (too large, too deep) gets nothing: scanning it for the
  // cursor took seconds (20 MB, or 10,000 nested `- `) and would stall the server.
  if (!parsed.doc) return empty();
  const ctx = locateCursor(parsed.text, position, parsed);
  if (!ctx) return empty();
  // LSP wants a completion edit on one line, the cursor's; clients drop an item whose edit spans
  // lines. The cursor scan gives single-line ranges; this is the guarantee for broken texts.
  if (ctx.range.start.line !== position.line || ctx.range.end.line !== position.line) return empty();
  const env = new Env(parsed, index, dataFiles);
  if (ctx.mode === 'value') return { isIncomplete: false, items: valueItems(env, ctx, ctx.path) };
  if (ctx.mode === 'item') return { isIncomplete: false, items: itemCompletions(env, ctx) };
  // A key position whose schema is a scalar is a value written on the next line (`key:\n  val`).
  const here = schemaViewAt(parsed.kind, ctx.path);
  if (here && !here.types.has('object') && ctx.path.length > 0 && !isPersonaKeyedMap(ctx.path)) {
    return { isIncomplete: false, items: valueItems(env, ctx, ctx.path) };
  }
  return { isIncomplete: false, items: keyItems(env, ctx, ctx.path, ctx.indent, '') };
}

/**
 * The same items for a client that declares no snippet support: each snippet becomes the plain
 * text it would insert with every placeholder left at its default, except that a choice is left
 * empty (the client has no way to offer it, and a silent first choice would be a guess) and tab
 * stops vanish.
 */
export function asPlainText(list: CompletionList): CompletionList {
  return {
    ...list,
    items: list.items.map((item) => {
      if (item.insertTextFormat !== InsertTextFormat.Snippet) return item;
      const plain: CompletionItem = { ...item, insertTextFormat: InsertTextFormat.PlainText };
      if (item.textEdit) plain.textEdit = { ...item.textEdit, newText: snippetToPlainText(item.textEdit.newText) };
      if (item.insertText !== undefined) plain.insertText = snippetToPlainText(item.insertText);
      return plain;
    }),
  };
}

/** The text a snippet inserts when nothing is typed into it (LSP snippet syntax). */
export function snippetToPlainText(snippet: string): string {
  let i = 0;
  const body = (inChoiceOrPlaceholder: boolean): string => {
    let out = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
        out += snippet[i + 1];
        i += 2;
      } else if (inChoiceOrPlaceholder && c === '}') {
        return out;
      } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
        i++;
        while (/\d/.test(snippet[i] ?? '')) i++; // `$1`, `$0`: a tab stop, nothing to insert
      } else if (c === '$' && snippet[i + 1] === '{' && /\d/.test(snippet[i + 2] ?? '')) {
        i += 2;
        while (/\d/.test(snippet[i] ?? '')) i++;
        if (snippet[i] === ':') {
          i++;
          out += body(true);
          i++; // the closing `}`
        } else if (snippet[i] === '|') {
          // A choice: skip to its closing `|}`, honouring escapes.
          for (i++; i < snippet.length && !(snippet[i] === '|' && snippet[i + 1] === '}'); i++) if (snippet[i] === '\\') i++;
          i += 2;
        } else i++; // `${1}`
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return body(false);
}

/** What completion needs from the file and the workspace, read once and only on demand. */
class Env {
  private csv: string[] | undefined;
  constructor(
    readonly parsed: ParsedFile,
    readonly index: WorkspaceIndex,
    private readonly listData?: () => string[],
  ) {}

  /** The CSV files under the journey's folder, relative to it (once per request). */
  dataFiles(): string[] {
    this.csv ??= this.listData?.() ?? [];
    return this.csv;
  }

  get kind() {
    return this.parsed.kind;
  }

  /** Persona ids named in this journey's `personas`. */
  journeyPersonas(): string[] {
    return readJourney(this.parsed)?.personas ?? [];
  }

  /** Channels declared in this file's `channels` list (journey) - tolerant of a broken file. */
  declaredChannels(): string[] {
    const root = rootMap(this.parsed);
    if (!root || this.parsed.kind !== 'journey') return [];
    return seqItems(this.parsed, getNode(this.parsed, root, 'channels'))
      .map((n) => scalarString(getNode(this.parsed, n, 'id')) ?? scalarString(n))
      .filter((c): c is string => !!c);
  }

  /** Touchpoint ids of this journey, but the one at `path` (a touchpoint rarely goes to itself). */
  touchpointIds(path: PathSegment[]): { id: string; name: string }[] {
    const j = readJourney(this.parsed);
    const [s, si, t, ti] = path;
    const own =
      s === 'stages' && t === 'touchpoints' && typeof si === 'number' && typeof ti === 'number'
        ? j?.stages[si]?.touchpoints[ti]
        : undefined;
    return (j?.touchpoints ?? []).filter((tp) => tp.id && tp !== own).map((tp) => ({ id: tp.id, name: tp.name }));
  }
}

/** The map of a touchpoint's emotion is keyed by persona ids. */
function isPersonaKeyedMap(path: PathSegment[]): boolean {
  return shapePath(path) === 'stages.touchpoints.emotion';
}

function isMetricsMap(path: PathSegment[]): boolean {
  return path[path.length - 1] === 'metrics';
}

function md(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

/** Escapes text for a snippet body (`$`, `}` and `\` are syntax there). */
function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Past this many values a snippet offers no choice list (value completion does the filtering). */
export const MAX_SNIPPET_CHOICES = 40;

/** A `${n|a,b|}` choice, or a placeholder when there is nothing (or too much) to choose from. */
function choice(n: number, values: string[], fallback: string): string {
  const usable = values.filter((v) => v !== '');
  // A choice among thousands (the touchpoint ids of a big journey) is no help and a 100 KB
  // snippet: past a screenful it is a plain placeholder, and value completion filters as one types.
  if (usable.length === 0 || usable.length > MAX_SNIPPET_CHOICES) return `\${${n}:${snippetText(fallback)}}`;
  return `\${${n}|${usable.map((v) => v.replace(/[\\|,$}]/g, (c) => `\\${c}`)).join(',')}|}`;
}

function metricDoc(name: string): string | undefined {
  const m = METRICS[name];
  return m ? `**${name}**: ${m.meaning}.\n\nRange: \`${m.range}\`` : undefined;
}

// ---- values ----

/** The values that fit at a path: enums, channels, owners, persona and touchpoint ids. */
function valueChoices(env: Env, path: PathSegment[], view: SchemaView | null): ValueChoice[] {
  const key = [...path].reverse().find((s) => typeof s === 'string');
  const shape = shapePath(path);
  const list = typeof path[path.length - 1] === 'number';
  const fromEnum = (values: readonly string[], docs?: (v: string) => string | undefined): ValueChoice[] =>
    values.map((value) => ({ value, kind: CompletionItemKind.EnumMember, ...(docs?.(value) ? { doc: docs(value) } : {}) }));
  if (key === 'channel' || (env.kind === 'persona' && key === 'channels' && list)) {
    // Another journey's declared channels are not offered: here they would be unknown-channel.
    const declared = env.declaredChannels();
    return [
      ...declared.map((value) => ({ value, kind: CompletionItemKind.EnumMember, detail: 'declared in this journey' })),
      ...BUILT_IN_CHANNELS.filter((c) => !declared.includes(c)).map((value) => ({
        value,
        kind: CompletionItemKind.EnumMember,
        detail: 'built-in channel',
      })),
    ];
  }
  if (key === 'owner')
    return env.index.owners().map((value) => ({ value, kind: CompletionItemKind.Value, detail: 'owner used in the workspace' }));
  if (shape === 'personas' && env.kind === 'journey') return personaChoices(env, []);
  if (shape === 'baseline' && env.kind === 'journey') {
    // Only as-is journeys can be a baseline (the `baseline` rule).
    return env.index
      .allJourneys()
      .filter((j) => j.variant === 'as-is')
      .map((j) => ({ value: j.id, kind: CompletionItemKind.Reference, detail: j.title ? `as-is: ${j.title}` : 'as-is journey' }));
  }
  if (shape === 'data' && list && env.kind === 'journey') {
    return env.dataFiles().map((value) => ({ value, kind: CompletionItemKind.File, detail: 'CSV data file' }));
  }
  if (shape === 'stages.touchpoints.next') {
    return env.touchpointIds(path).map((t) => ({ value: t.id, kind: CompletionItemKind.Reference, detail: t.name }));
  }
  if (view?.enumValues.length) return fromEnum(view.enumValues, (v) => view.enumDocs.get(v));
  // The vocabulary speaks when the schema has no enum at this place.
  if (key === 'type' && path.length === 1) return fromEnum(JOURNEY_TYPES);
  if (key === 'variant' && path.length === 1) return fromEnum(VARIANTS);
  if (key === 'severity') return fromEnum(SEVERITIES);
  if (key === 'evidence') return fromEnum(EVIDENCE_KINDS);
  if (view?.types.has('boolean')) return fromEnum(['true', 'false']).map((c) => ({ ...c, kind: CompletionItemKind.Value }));
  return [];
}

/** Persona ids: this journey's first, then the rest of the workspace. */
function personaChoices(env: Env, preferred: string[]): ValueChoice[] {
  const all = env.index.allPersonas();
  const ids = [...new Set([...preferred, ...all.map((p) => p.id)])];
  return ids.map((id) => {
    const p = env.index.personas(id)[0];
    return {
      value: id,
      kind: CompletionItemKind.Reference,
      ...(p?.name ? { detail: p.name } : { detail: 'not defined by any persona file' }),
      ...(p ? { doc: [p.role, p.quote ? `"${p.quote}"` : undefined].filter(Boolean).join(' \u2014 ') || undefined } : {}),
    };
  });
}

function valueItems(env: Env, ctx: CursorContext, path: PathSegment[]): CompletionItem[] {
  const view = schemaViewAt(env.kind, path);
  const taken = new Set(ctx.mode === 'item' ? ctx.siblings : []);
  return valueChoices(env, path, view)
    .filter((c) => !taken.has(c.value))
    .map((c, i) => {
      const needsQuotes = !ctx.quote && /^(true|false)$/.test(c.value) === false && /[:#,[\]{}]|^[\s'"]|\s$/.test(c.value);
      const text = (ctx.needsDash ? '- ' : '') + (needsQuotes ? JSON.stringify(c.value) : c.value);
      const item: CompletionItem = {
        label: c.value,
        kind: c.kind,
        sortText: String(i).padStart(4, '0'),
        filterText: c.value,
        textEdit: { range: ctx.range, newText: text },
      };
      if (c.detail) item.detail = c.detail;
      if (c.doc) item.documentation = md(c.doc);
      return item;
    });
}

// ---- keys ----

/** How a key is inserted: `key: ` then what its value needs (a choice, a block, a list). */
function keyInsertText(env: Env, path: PathSegment[], key: string, prop: SchemaView | null, ctx: CursorContext, indent: number): string {
  const childPath = [...path, key];
  if (ctx.hasColon) return snippetText(key);
  const values = valueChoices(env, childPath, prop).map((c) => c.value);
  const pad = ' '.repeat(indent + 2);
  if (prop?.types.has('string') && values.length && !prop.types.has('object')) return `${key}: ${choice(1, values, '')}`;
  if (prop?.types.has('boolean') && prop.types.size === 1) return `${key}: \${1|true,false|}`;
  if (ctx.flow) return `${key}: $0`;
  if (prop?.types.has('object') && !prop.types.has('number') && !prop.types.has('string') && !prop.types.has('boolean')) {
    return `${key}:\n${pad}$0`;
  }
  if (prop?.types.has('array') && prop.types.size === 1) {
    const items = prop.items ? schemaViewAt(env.kind, [...childPath, 0]) : null;
    if (items?.types.has('object') && !items.types.has('string')) return `${key}:\n${pad}- $0`;
    const itemValues = valueChoices(env, [...childPath, 0], items).map((c) => c.value);
    return itemValues.length ? `${key}: [${choice(1, itemValues, '')}]` : `${key}: [$0]`;
  }
  return `${key}: $0`;
}

function keyItems(env: Env, ctx: CursorContext, path: PathSegment[], indent: number, lead: string): CompletionItem[] {
  const taken = new Set(ctx.siblings);
  const items: CompletionItem[] = [];
  const edit = (newText: string) => ({ range: ctx.range, newText: lead + newText });
  if (isPersonaKeyedMap(path)) {
    // An emotion key must be one of the journey's personas (unknown-reference otherwise);
    // a journey that names none yet gets the workspace's.
    const own = env.journeyPersonas();
    const choices = own.length ? personaChoices(env, own).filter((c) => own.includes(c.value)) : personaChoices(env, []);
    for (const [i, c] of choices.entries()) {
      if (taken.has(c.value)) continue;
      items.push({
        label: c.value,
        kind: CompletionItemKind.Reference,
        sortText: String(i).padStart(4, '0'),
        filterText: c.value,
        ...(c.detail ? { detail: c.detail } : {}),
        ...(c.doc ? { documentation: md(c.doc) } : {}),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: edit(ctx.hasColon ? c.value : `${c.value}: \${1:0}`),
      });
    }
    return items;
  }
  const view = schemaViewAt(env.kind, path);
  if (!view) return items;
  const metrics = isMetricsMap(path);
  for (const [key, propSchema] of view.properties) {
    if (taken.has(key)) continue;
    const prop = schemaViewAt(env.kind, [...path, key]);
    const required = view.required.has(key);
    const doc =
      (metrics ? metricDoc(key) : undefined) ??
      prop?.doc ??
      (typeof propSchema.description === 'string' ? propSchema.description : undefined);
    const item: CompletionItem = {
      label: key,
      kind: CompletionItemKind.Property,
      sortText: `${required ? 0 : 1}_${key}`,
      filterText: key,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: edit(keyInsertText(env, path, key, prop, ctx, indent)),
    };
    if (required) item.detail = 'required';
    else if (metrics && METRICS[key]) item.detail = METRICS[key].range;
    if (doc) item.documentation = md(doc);
    items.push(item);
  }
  items.push(...blockSnippets(env, ctx, path, indent, taken, lead));
  return items;
}

// ---- snippets ----

interface Snippet {
  label: string;
  detail: string;
  body: string;
}

/** Whole blocks offered among the keys of a map: a metrics block, a first stage or touchpoint. */
function blockSnippets(
  env: Env,
  ctx: CursorContext,
  path: PathSegment[],
  indent: number,
  taken: Set<string>,
  lead: string,
): CompletionItem[] {
  if (ctx.hasColon) return [];
  const shape = shapePath(path);
  const pad = ' '.repeat(indent + 2);
  const out: Snippet[] = [];
  const metricLines: Record<string, [string, string][]> = {
    '': [
      ['completion_rate', '0.5'],
      ['nps', '0'],
      ['volume', '1000'],
      ['value_per_customer', '100'],
    ],
    'stages.touchpoints': [
      ['conversion', '0.6'],
      ['drop_off', '0.4'],
      ['volume', '1000'],
    ],
  };
  const personaMetrics: [string, string][] = [
    ['nps', '0'],
    ['csat', '50'],
    ['responses', '30'],
  ];
  const lines = env.kind === 'persona' ? (shape === '' ? personaMetrics : undefined) : metricLines[shape];
  if (lines && !taken.has('metrics')) {
    const body = ctx.flow
      ? `metrics: { ${lines.map(([k, v], i) => `${k}: \${${i + 1}:${v}}`).join(', ')} }`
      : `metrics:\n${lines.map(([k, v], i) => `${pad}${k}: \${${i + 1}:${v}}`).join('\n')}`;
    out.push({ label: 'metrics block', detail: lines.map(([k]) => k).join(', '), body });
  }
  if (!ctx.flow && env.kind === 'journey') {
    if (shape === '' && !taken.has('stages')) {
      out.push({
        label: 'stages block',
        detail: 'a first stage with one touchpoint',
        body: `stages:\n${pad}- ${stageBody(env, indent + 4)}`,
      });
    }
    if (shape === 'stages' && !taken.has('touchpoints')) {
      out.push({
        label: 'touchpoints block',
        detail: 'a first touchpoint',
        body: `touchpoints:\n${pad}- ${touchpointBody(env, indent + 4)}`,
      });
    }
    if (shape === 'stages.touchpoints') {
      if (!taken.has('pain_points'))
        out.push({ label: 'pain_points block', detail: 'a first pain point', body: `pain_points:\n${pad}- ${painPointBody()}` });
      if (!taken.has('backstage'))
        out.push({ label: 'backstage block', detail: 'a first backstage entry', body: `backstage:\n${pad}- ${backstageBody(env)}` });
    }
  }
  return out.map((s) => snippetItem(s, ctx, lead));
}

function snippetItem(s: Snippet, ctx: CursorContext, lead: string): CompletionItem {
  return {
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    sortText: `2_${s.label}`,
    filterText: ctx.prefix || s.label.split(' ')[0],
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: ctx.range, newText: lead + s.body },
    documentation: md(
      '```yaml\n' +
        s.body
          .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
          .replace(/\$\{\d+:([^}]*)\}/g, '$1')
          .replace(/\$\d+/g, '') +
        '\n```',
    ),
  };
}

/** A stage whose keys start at column `col` (the first line follows a `- `). */
function stageBody(env: Env, col: number): string {
  const pad = ' '.repeat(col);
  return `id: \${1:stage-id}\n${pad}name: \${2:Stage name}\n${pad}touchpoints:\n${pad}  - ${touchpointBody(env, col + 4, 3)}`;
}

function touchpointBody(env: Env, col: number, first = 1): string {
  const pad = ' '.repeat(col);
  const channels = [...env.declaredChannels(), ...BUILT_IN_CHANNELS];
  return (
    `id: \${${first}:touchpoint-id}\n` +
    `${pad}name: \${${first + 1}:Touchpoint name}\n` +
    `${pad}channel: ${choice(first + 2, channels, 'web')}\n` +
    `${pad}emotion: \${${first + 3}:0}`
  );
}

function painPointBody(): string {
  return (
    `{ text: \${1:What goes wrong}, severity: ${choice(2, [...SEVERITIES.slice(1), SEVERITIES[0]], 'medium')}, ` +
    `evidence: ${choice(3, EVIDENCE_KINDS as string[], 'analytics')} }`
  );
}

function backstageBody(env: Env): string {
  return (
    `{ text: \${1:What happens behind the line of visibility}, ` + `owner: ${choice(2, env.index.owners(), 'team')}, system: \${3:system} }`
  );
}

/** Completions for a list item: a value, or (lists of maps) the item's keys and a whole item. */
function itemCompletions(env: Env, ctx: CursorContext): CompletionItem[] {
  const listPath = ctx.path.slice(0, -1);
  const shape = shapePath(listPath);
  const itemView = schemaViewAt(env.kind, ctx.path);
  const out = valueItems(env, ctx, ctx.path);
  const mapItems = !ctx.flow && itemView?.types.has('object');
  if (!mapItems) return out;
  const lead = ctx.needsDash ? '- ' : '';
  const col = ctx.needsDash ? ctx.indent + 2 : ctx.indent;
  // Keys of a new map item (none taken yet on this line).
  out.push(...keyItems(env, { ...ctx, siblings: [] }, ctx.path, col, lead).filter((i) => i.kind !== CompletionItemKind.Snippet));
  const items: Snippet[] = [];
  if (env.kind === 'journey') {
    if (shape === 'stages') items.push({ label: 'stage', detail: 'a stage with one touchpoint', body: stageBody(env, col) });
    if (shape === 'stages.touchpoints') items.push({ label: 'touchpoint', detail: 'a touchpoint', body: touchpointBody(env, col) });
    if (shape === 'stages.touchpoints.pain_points')
      items.push({ label: 'pain point', detail: 'text, severity, evidence', body: painPointBody() });
    if (shape === 'stages.touchpoints.backstage')
      items.push({ label: 'backstage entry', detail: 'text, owner, system', body: backstageBody(env) });
  }
  out.push(...items.map((s) => snippetItem(s, ctx, lead)));
  return out;
}
