// The hostile files, written to a temp folder: each with what a user must be told about it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface HostileFile {
  /** What the file is, in the test's title. */
  title: string;
  name: string;
  bytes: Buffer;
}

function aliasBomb(): string {
  // Nine levels of nine aliases: 9^9 (387 million) strings once expanded.
  const lines = ['journey: alias-bomb', 'title: Billion laughs', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  lines.push('stages:', '  - name: Laugh', '    owner: *a9', '    touchpoints: *a9');
  return lines.join('\n') + '\n';
}

function deepNesting(): string {
  // 10,000 levels, as flow brackets and as compact block sequences (`- - - ...`).
  return 'journey: deep\ntitle: Deep\nflow: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\nblock:\n  ' + '- '.repeat(10_000) + 'x\n';
}

function twentyMegabytes(): string {
  const head = 'journey: twenty-megabytes\ntitle: Twenty megabytes\nstages:\n  - name: Everything\n    touchpoints:\n';
  const item =
    '      - name: A touchpoint with a name long enough to fill twenty megabytes quickly\n        channel: web\n        emotion: 1\n';
  return head + item.repeat(Math.ceil((20 * 1024 * 1024) / item.length));
}

export const HOSTILE: HostileFile[] = [
  { title: 'an alias bomb (billion laughs)', name: 'alias-bomb.journey.yaml', bytes: Buffer.from(aliasBomb()) },
  {
    title: 'self-referencing aliases',
    name: 'self-alias.journey.yaml',
    bytes: Buffer.from('journey: self-alias\ntitle: &t [ *t ]\nstages: &s\n  - name: S\n    touchpoints: *s\n'),
  },
  { title: '10,000-deep nesting', name: 'deep.journey.yaml', bytes: Buffer.from(deepNesting()) },
  { title: 'a 20 MB file', name: 'twenty-mb.journey.yaml', bytes: Buffer.from(twentyMegabytes()) },
  {
    title: 'a 100,000-character line',
    name: 'long-line.journey.yaml',
    bytes: Buffer.from(
      'journey: long-line\ntitle: Long line\nstages:\n  - name: S\n    touchpoints:\n      - name: T\n        channel: ' +
        'x'.repeat(100_000) +
        '\n',
    ),
  },
  {
    title: 'NUL bytes',
    name: 'nul.journey.yaml',
    bytes: Buffer.from('journey: nul\0bytes\ntitle: "NUL \0 in a title"\nstages:\n  - name: S\0\n    touchpoints: [{ name: T }]\n'),
  },
  {
    title: 'invalid UTF-8',
    name: 'invalid-utf8.journey.yaml',
    bytes: Buffer.concat([
      Buffer.from('journey: caf'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('\ntitle: T\nst'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('ages:\n  - name: S\n    touchpoints: [{ name: T }]\n'),
    ]),
  },
  { title: 'a UTF-16 file', name: 'utf16.journey.yaml', bytes: Buffer.from('\ufeffjourney: utf16\ntitle: T\nstages: []\n', 'utf16le') },
  {
    title: '__proto__ and constructor keys',
    name: 'proto.journey.yaml',
    bytes: Buffer.from(
      'journey: proto\n' +
        'title: Proto\n' +
        '__proto__: { polluted: yes }\n' +
        'constructor: { prototype: { polluted: yes } }\n' +
        'personas: [__proto__, constructor, to-string]\n' +
        'stages:\n' +
        '  - name: __proto__\n' +
        '    id: constructor\n' +
        '    touchpoints:\n' +
        '      - name: hasOwnProperty\n' +
        '        emotion: { __proto__: 1, constructor: -1, toString: 2, valueOf: 0 }\n' +
        '        metrics: { __proto__: { polluted: 1 }, custom: { __proto__: 3, constructor: 4 } }\n' +
        '        next: [__proto__, constructor]\n',
    ),
  },
  {
    title: 'a persona with __proto__ keys',
    name: 'proto.persona.yaml',
    bytes: Buffer.from(
      'persona: proto\n' +
        'name: Proto\n' +
        '__proto__: { polluted: yes }\n' +
        'demographics: { __proto__: { polluted: yes }, constructor: x }\n' +
        'metrics: { custom: { __proto__: 1 } }\n',
    ),
  },
  {
    title: 'custom tags (!!js/function, !!js/regexp, !!python/object)',
    name: 'tags.journey.yaml',
    bytes: Buffer.from(
      'journey: !!js/function "function () { globalThis.pwned = 1; return \'j\' }"\ntitle: !!js/regexp /x/\n' +
        'description: !!python/object/apply:os.system ["touch /tmp/jm-pwned"]\nstages: !<tag:yaml.org,2002:js/undefined> ""\n',
    ),
  },
  {
    title: 'a map of 16,000 keys',
    name: 'keys.journey.yaml',
    bytes: Buffer.from(
      'journey: many-keys\ntitle: Many keys\n' +
        Array.from({ length: 16_000 }, (_, i) => `k${i}: ${i}`).join('\n') +
        '\nstages:\n  - name: S\n    touchpoints: [{ name: T }]\n',
    ),
  },
];

/** Writes every hostile file into a fresh temp folder. */
export function writeHostile(): { dir: string; path(name: string): string; dispose(): void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jm-hostile-')));
  for (const f of HOSTILE) fs.writeFileSync(path.join(dir, f.name), f.bytes);
  return { dir, path: (name) => path.join(dir, name), dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
