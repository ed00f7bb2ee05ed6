// Edit sequences for the incremental re-parse: every version an edit reaches is compared with a
// fresh parse of the same text. Used by the unit suite (samples, the YAML test suite's cases)
// and by the fuzz suite's replay.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reparseFile } from '../../server/src/core/incremental';
import { parseFile } from '../../server/src/core/parse';
import { parseShape } from './parseShape';

/** A small deterministic generator (the same edits on every run). */
export function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

export const PIECES = [
  '1',
  '0',
  '-2',
  'x',
  ' ',
  '\n',
  '\n        ',
  ': ',
  '- ',
  'name: New',
  '\n      - id: added\n        name: Added',
  '"',
  '[',
  '#',
];

// Edits aimed where the fast path is most likely to misread: line ends, indentation, flow
// collections, quotes and directives. Each returns the next text, or null when it has no target.
export type Aimed = (t: string, r: () => number) => string | null;
const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)];
const offsetsOf = (t: string, re: RegExp): number[] => [...t.matchAll(re)].map((m) => m.index! + (m[1]?.length ?? 0));
export const AIMED_EDITS: Aimed[] = [
  // Delete a line break, or the break and the next line's indentation.
  (t, r) => {
    const at = pick(r, offsetsOf(t, /\n/g));
    if (at === undefined) return null;
    const m = /^ */.exec(t.slice(at + 1))!;
    return t.slice(0, at) + t.slice(at + 1 + (r() < 0.5 ? 0 : m[0].length));
  },
  // Insert a break (and maybe indentation) at a line's end or inside its indentation.
  (t, r) => {
    const ats = [...offsetsOf(t, /\n/g), ...offsetsOf(t, /(\n {1,12})(?=\S)/g).map((o) => o - Math.floor(r() * 4))];
    const at = pick(r, ats);
    if (at === undefined) return null;
    return t.slice(0, at) + '\n' + ' '.repeat(pick(r, [0, 2, 4, 6, 8, 10, 12])) + t.slice(at);
  },
  // Indent or dedent a line.
  (t, r) => {
    const at = pick(r, offsetsOf(t, /(\n)/g));
    if (at === undefined) return null;
    return r() < 0.5
      ? t.slice(0, at + 1) + pick(r, [' ', '  ', '\t']) + t.slice(at + 1)
      : t.slice(0, at + 1) + t.slice(at + 1).replace(/^ {1,2}/, '');
  },
  // Type or delete at a flow collection's punctuation.
  (t, r) => {
    const at = pick(r, offsetsOf(t, /[[\]{},]/g));
    if (at === undefined) return null;
    return r() < 0.4
      ? t.slice(0, at) + t.slice(at + 1)
      : t.slice(0, at) + pick(r, ['{', '}', '[', ']', ',', ', x: 1', ' "', "'", ': ', '\n']) + t.slice(at);
  },
  // A quote or apostrophe anywhere.
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + pick(r, ['"', "'", "'s", '\\', '"x"']) + t.slice(at);
  },
  // Directives: add one at the top, or edit one that is there.
  (t, r) =>
    r() < 0.5 || !t.startsWith('%')
      ? pick(r, ['%YAML 1.1\n---\n', '%YAML 1.2\n---\n', '%TAG !! tag:example.com,2000:\n---\n', '%YAML 1.1\n']) + t
      : t.replace(/^%YAML 1\.\d/, pick(r, ['%YAML 1.1', '%YAML 1.2', '%YAML 1.3', ''])),
  // Values that read differently under YAML 1.1 or a %TAG: typed where a touchpoint value is.
  (t, r) => {
    const at = pick(r, offsetsOf(t, /(name: )/g));
    if (at === undefined) return null;
    return t.slice(0, at) + pick(r, ['yes ', '0777 ', '!!int 12 ', 'on ', '0x1f ']) + t.slice(at);
  },
];

export function randomPiece(t: string, r: () => number): string {
  const at = Math.floor(r() * t.length);
  const del = r() < 0.5 ? Math.floor(r() * 6) : 0;
  const ins = r() < 0.7 ? PIECES[Math.floor(r() * PIECES.length)] : '';
  return t.slice(0, at) + ins + t.slice(Math.min(t.length, at + del));
}

/**
 * Applies `count` edits in a row (aimed or random), comparing every version the incremental
 * re-parse reaches with a fresh parse of the same text. A broken text is kept for a few edits
 * (the next edits may repair or break it further) and then dropped for the last clean one.
 */
export function editVersions(uri: string, text: string, count: number, seed: number): void {
  const r = rng(seed);
  let current = parseFile(uri, text);
  let clean = text;
  let broken = 0;
  for (let i = 0; i < count; i++) {
    if (current.syntax.length > 0 && ++broken > 3) {
      current = parseFile(uri, clean);
      broken = 0;
    }
    const t = current.text;
    const next = (r() < 0.7 ? AIMED_EDITS[Math.floor(r() * AIMED_EDITS.length)](t, r) : null) ?? randomPiece(t, r);
    const expected = parseShape(parseFile(uri, next));
    current = reparseFile(current, next);
    assert.deepEqual(parseShape(current), expected, `${uri} edit ${i}: ${JSON.stringify(t)} -> ${JSON.stringify(next)}`);
    if (current.syntax.length === 0) {
      clean = next;
      broken = 0;
    }
  }
}

const SUITE = join(__dirname, '../fixtures/yaml-test-suite');
/** Every case of the vendored YAML test suite: its id, its text, whether it is valid YAML. */
export function suiteCases(): { id: string; text: string; error: boolean }[] {
  const out: { id: string; text: string; error: boolean }[] = [];
  const visit = (dir: string, id: string): void => {
    const names = readdirSync(dir);
    if (names.includes('in.yaml')) out.push({ id, text: readFileSync(join(dir, 'in.yaml'), 'utf8'), error: names.includes('error') });
    for (const n of names) if (/^\d{2,3}$/.test(n)) visit(join(dir, n), `${id}/${n}`);
  };
  for (const id of readdirSync(SUITE)
    .filter((n) => /^[0-9A-Z]{4}$/.test(n))
    .sort())
    visit(join(SUITE, id), id);
  return out;
}

/** A short journey to splice cases into: small, so that thousands of versions parse quickly. */
export const SPLICE_JOURNEY = `journey: pay-bill
title: Pay a bill
personas: [busy-parent]
stages:
  - name: Notice
    touchpoints:
      - id: notified
        name: Gets the bill
        channel: email
        emotion: { busy-parent: 0 }
        metrics: { volume: 200, conversion: 0.9, drop_off: 0.1 }
      - id: opens
        name: Opens the bill
        channel: web
        pain_points:
          - { text: The customer's bill doubled, severity: high }
        evidence: [analytics]
  - name: Pay
    touchpoints:
      - name: Pays
        channel: web
`;

/** A case spliced into the journey's second touchpoint: as the value of a key, or as a list item of it. */
export function splice(yamlText: string, asItem: boolean, journey = SPLICE_JOURNEY): string {
  const at = journey.indexOf('\n      - ', journey.indexOf('touchpoints:')) + 1;
  const second = journey.indexOf('\n      - ', at) + 1;
  const lines = yamlText.replace(/\n$/, '').split('\n');
  const body = asItem
    ? `        notes:\n          - ${lines[0]}\n${lines
        .slice(1)
        .map((l) => '            ' + l)
        .join('\n')}\n`
    : `        notes:\n${lines.map((l) => '          ' + l).join('\n')}\n`;
  const item = journey.indexOf('\n', second) + 1; // after the touchpoint's first line
  return journey.slice(0, item) + body + journey.slice(item);
}
