// Generators and checks shared by the property tests: random YAML, mutated samples, random
// incremental edits (CRLF, lone CR, surrogate pairs), an LSP-exact edit applier, the
// "every range lies inside its document" check, and the regression fixtures.
//
// Case counts: `npm test` runs 500 cases in all (the shares below); `npm run fuzz` sets
// JM_FUZZ_RUNS=10000 and JM_FUZZ_SAVE=1, so each failing input is saved as a fixture in
// test/fixtures/regressions/, which every normal run replays (regressions.test.ts).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';

export const ROOT = path.resolve(__dirname, '../..');
export const REGRESSIONS = path.join(ROOT, 'test/fixtures/regressions');
export const SAMPLE_DIR = path.join(ROOT, 'samples');

/** Total cases over every property: 500 in the normal suite, 10,000 under `npm run fuzz`. */
export const TOTAL_RUNS = Number(process.env.JM_FUZZ_RUNS ?? 500);

/** This property's share of the total. */
export function runs(share: number): number {
  return Math.max(1, Math.round(TOTAL_RUNS * share));
}

export const samples: { name: string; text: string }[] = fs
  .readdirSync(SAMPLE_DIR)
  .filter((f) => /\.(journey|persona)\.ya?ml$/.test(f))
  .sort()
  .map((name) => ({ name, text: fs.readFileSync(path.join(SAMPLE_DIR, name), 'utf8') }));

// ---- Positions, the LSP way: \r\n, \r and \n each end a line; characters are UTF-16 units. ----

export interface Pos {
  line: number;
  character: number;
}
export interface Rng {
  start: Pos;
  end: Pos;
}

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The content of each line, without its break. */
export function lineContents(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function positionAt(text: string, offset: number): Pos {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** An offset never between the \r and \n of one break (an editor cannot put a cursor there). */
export function snapOffset(text: string, offset: number): number {
  const o = Math.max(0, Math.min(offset, text.length));
  return o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o;
}

/** A random edit, as fractions of the text it applies to, so it fits any text. */
export interface EditSpec {
  from: number;
  length: number;
  text: string;
}

export interface LspEdit {
  range: Rng;
  text: string;
}

/** Turns a spec into an LSP edit of `text`, and the text after it (applied by offsets, independently of any LSP library). */
export function applySpec(text: string, spec: EditSpec): { edit: LspEdit; after: string } {
  const start = snapOffset(text, Math.floor(spec.from * (text.length + 1)));
  const end = snapOffset(text, Math.min(text.length, start + spec.length));
  const edit = { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: spec.text };
  return { edit, after: text.slice(0, start) + spec.text + text.slice(end) };
}

/** Asserts that every range-shaped value anywhere in `value` lies inside `text`; returns how many it checked. */
export function assertRangesInside(text: string, value: unknown, where: string): number {
  const lines = lineContents(text);
  let checked = 0;
  const inside = (p: Pos, what: string): void => {
    if (!(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length))
      throw new Error(`${where}: ${what} line ${p.line} outside the document (${lines.length} lines)`);
    if (!(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length)) {
      throw new Error(`${where}: ${what} ${p.line}:${p.character} outside its line (length ${lines[p.line].length})`);
    }
  };
  const isPos = (x: unknown): x is Pos =>
    typeof x === 'object' && x !== null && typeof (x as Pos).line === 'number' && typeof (x as Pos).character === 'number';
  const seen = new Set<unknown>();
  const walk = (x: unknown, at: string): void => {
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    seen.add(x);
    const r = x as Partial<Rng>;
    if (isPos(r.start) && isPos(r.end)) {
      inside(r.start, `${at}.start`);
      inside(r.end, `${at}.end`);
      const before = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
      if (!before) throw new Error(`${where}: ${at} ends before it starts`);
      checked++;
    }
    for (const [k, v] of Object.entries(x)) walk(v, `${at}.${k}`);
  };
  walk(value, 'result');
  return checked;
}

// ---- Random texts ----

const WORDS = [
  'journey',
  'title',
  'stages',
  'touchpoints',
  'name',
  'id',
  'emotion',
  'personas',
  'metrics',
  'conversion',
  'drop_off',
  'volume',
  'channel',
  'next',
  'pain_points',
  'opportunities',
  'backstage',
  'owner',
  'evidence',
  'moment_of_truth',
  'persona',
  'emotion_scale',
  'min',
  'max',
  'text',
  'severity',
  'csat',
  'nps',
  'responses',
  'custom',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
];

const scalar = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.integer({ min: -200, max: 200000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('web', 'email', 'high', 'critical', 'analytics', 'assumption', 'as-is', 'to-be', '0.62', '62', '-3', '1e999'),
);

/** Journey-shaped data: known keys, random values, any nesting up to a few levels. */
const journeyish: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), tie('node'), { maxKeys: 5 }),
  ),
})).node;

const journeyTree = fc.record(
  {
    journey: scalar,
    title: scalar,
    personas: fc.array(scalar, { maxLength: 3 }),
    emotion_scale: journeyish,
    stages: fc.array(
      fc.record(
        {
          name: scalar,
          id: scalar,
          touchpoints: fc.array(fc.dictionary(fc.constantFrom(...WORDS), journeyish, { maxKeys: 6 }), { maxLength: 4 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: [] },
);

/** YAML fragments, glued at random: syntax soup with anchors, tags, flow, quotes and breaks. */
const FRAGMENTS = [
  'a',
  'journey',
  'stages',
  'touchpoints',
  'name',
  ':',
  ': ',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\r',
  '- ',
  '{',
  '}',
  '[',
  ']',
  ', ',
  '&x ',
  '*x',
  '&y ',
  '*y',
  '!!str ',
  '!!js/function ',
  '!custom ',
  '? ',
  '"',
  "'",
  '# c',
  '1',
  '0.5',
  '---\n',
  '...\n',
  '\t',
  '|\n',
  '>-\n',
  '.nan',
  'null',
  '~',
  '"a\\u0000"',
  '😀',
  '\uD83D',
  '\0',
  '\uFEFF',
  '<<: *x',
  '%YAML 1.2\n',
  'é',
];

const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((a) => a.join(''));

export const randomYaml: fc.Arbitrary<string> = fc.oneof(
  journeyTree.chain((tree) =>
    fc.record({ flow: fc.boolean(), indent: fc.integer({ min: 1, max: 4 }) }).map(({ flow, indent }) => {
      try {
        return stringify(tree, { indent, collectionStyle: flow ? 'flow' : 'any', lineWidth: 0 });
      } catch {
        return JSON.stringify(tree) ?? '';
      }
    }),
  ),
  soup,
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'ab:- \n\r[]{}#&*!"\'\t'.split('')), maxLength: 200 }),
);

// ---- Mutations of the samples ----

export type Mutation =
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'shift-indent'; at: number; by: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'crlf' }
  | { kind: 'swap-lines'; at: number; with: number };

const INSERTS = [
  '\0',
  '\uFFFD',
  '\uD83D',
  '\uDE00',
  '😀',
  '\r',
  '\r\n',
  '\t',
  '\uFEFF',
  '\u2028',
  '\x1b[31m',
  ': ',
  '- ',
  '&a ',
  '*a',
  '"',
  '{',
  ']',
  '<script>',
  '%',
  '!!binary ',
];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('shift-indent' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    by: fc.integer({ min: -4, max: 4 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 4 })),
  }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({
    kind: fc.constant('swap-lines' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    with: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const lineAt = (f: number) => Math.min(lines.length - 1, Math.floor(f * lines.length));
  switch (m.kind) {
    case 'delete-line':
      lines.splice(lineAt(m.at), 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = lineAt(m.at);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'shift-indent': {
      const i = lineAt(m.at);
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
    case 'insert': {
      const at = Math.floor(m.at * text.length);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'swap-lines': {
      const a = lineAt(m.at);
      const b = lineAt(m.with);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
  }
}

export const sampleIndex = fc.integer({ min: 0, max: samples.length - 1 });

export const mutatedSample: fc.Arbitrary<{ sample: string; mutations: Mutation[] }> = fc.record({
  sample: fc.constantFrom(...samples.map((s) => s.name)),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
});

export function mutatedText(c: { sample: string; mutations: Mutation[] }): string {
  let text = samples.find((s) => s.name === c.sample)!.text;
  for (const m of c.mutations) text = mutate(text, m);
  return text;
}

// ---- Incremental edits ----

const EDIT_TEXTS = [
  '',
  'a',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\n  ',
  '\r\n    - ',
  ': ',
  '- name: X\n',
  '😀',
  '👩‍👩‍👧',
  'é',
  '\t',
  '"',
  '#',
  '[',
  ']',
  '{ a: 1 }',
  'emotion: -3',
  'conversion: 62',
  '&a ',
  '*a',
  'touchpoints:\r\n      - name: Y',
  '\0',
];

export const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  from: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 400 })),
  text: fc.oneof(fc.constantFrom(...EDIT_TEXTS), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 3 })),
});

export const editSequence: fc.Arbitrary<{ sample: string; crlf: boolean; edits: EditSpec[] }> = fc.record({
  sample: fc.constantFrom(...samples.map((s) => s.name)),
  crlf: fc.boolean(),
  edits: fc.array(editSpec, { minLength: 1, maxLength: 12 }),
});

export function startText(c: { sample: string; crlf: boolean }): string {
  const text = samples.find((s) => s.name === c.sample)!.text;
  return c.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
}

// ---- Regression fixtures ----

export type Regression =
  | { property: string; kind: 'text'; uri: string; text: string; error: string }
  | { property: string; kind: 'edits'; uri: string; text: string; edits: EditSpec[]; error: string };

export const saving = process.env.JM_FUZZ_SAVE === '1';

/** Writes a failing input where the normal suite replays it; returns the file. */
export function saveRegression(r: Regression): string {
  fs.mkdirSync(REGRESSIONS, { recursive: true });
  const body = JSON.stringify(r, null, 1);
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
  const file = path.join(REGRESSIONS, `${r.property.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${hash}.json`);
  fs.writeFileSync(file, body + '\n');
  return file;
}

export function loadRegressions(): { file: string; regression: Regression }[] {
  if (!fs.existsSync(REGRESSIONS)) return [];
  return fs
    .readdirSync(REGRESSIONS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, regression: JSON.parse(fs.readFileSync(path.join(REGRESSIONS, f), 'utf8')) as Regression }));
}

/**
 * Runs a property with fast-check. On failure, under `npm run fuzz`, saves the shrunk input as a
 * fixture; either way the test fails with the counterexample and its seed.
 */
export async function check<T>(
  property: string,
  arb: fc.Arbitrary<T>,
  numRuns: number,
  predicate: (value: T) => void | Promise<void>,
  toRegression: (value: T, error: string) => Regression,
): Promise<void> {
  const prop = fc.asyncProperty(arb, async (v) => {
    await predicate(v);
  });
  const details = await fc.check(prop, { numRuns, endOnFailure: false });
  if (!details.failed) return;
  const value = details.counterexample![0] as T;
  const error = String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance);
  let saved = '';
  if (saving) saved = `\nsaved as ${path.relative(ROOT, saveRegression(toRegression(value, error)))}`;
  throw new Error(
    `${property} failed (seed ${details.seed}, path ${details.counterexamplePath}) ` +
      `on ${JSON.stringify(value).slice(0, 2000)}\n${error}${saved}`,
  );
}
