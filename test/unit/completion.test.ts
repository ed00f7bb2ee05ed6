import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { CompletionItem, InsertTextFormat, TextEdit } from 'vscode-languageserver-types';
import { complete } from '../../server/src/core/completion';
import { cursorStats, locateCursor } from '../../server/src/core/cursor';
import { parseFile } from '../../server/src/core/parse';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { BUILT_IN_CHANNELS, EVIDENCE_KINDS, JOURNEY_TYPES, METRICS, SEVERITIES } from '../../server/src/core/vocabulary';
import { applyEdits, positionOf, samplesIndex, sampleText, sampleUri, withCursor } from './features.helpers';

const index = samplesIndex();
const journeySchema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'journey.schema.json'), 'utf8'));
const PERSONAS = ['busy-parent', 'first-time-buyer', 'loyal-upgrader', 'small-business-owner'];

function completeAt(src: string, uri = 'file:///w/a.journey.yaml') {
  const { text, position } = withCursor(src);
  const parsed = parseFile(uri, text);
  const items = complete(parsed, position, index, DEFAULT_SETTINGS).items;
  return { text, position, parsed, items };
}

/** Labels in the order a client shows them (by sortText). */
function labels(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

function pick(items: CompletionItem[], label: string): CompletionItem {
  const it = items.find((i) => i.label === label);
  assert.ok(it, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return it;
}

function applyItem(text: string, item: CompletionItem): string {
  return applyEdits(text, [item.textEdit as TextEdit]);
}

describe('completion: keys', () => {
  it('offers the journey keys on an empty root line, required first, never one already present', () => {
    const { items } = completeAt('journey: x\n‸\ndescription: d\n');
    assert.deepStrictEqual(labels(items), [
      'stages',
      'title', // required, alphabetical
      'baseline',
      'business_outcome',
      'channels',
      'currency',
      'data',
      'emotion_scale',
      'goal',
      'metrics',
      'owner',
      'personas',
      'type',
      'variant',
      'metrics block',
      'stages block',
    ]);
    const title = pick(items, 'title');
    assert.deepStrictEqual(title.documentation, { kind: 'markdown', value: journeySchema.properties.title.markdownDescription });
    assert.strictEqual(title.detail, 'required');
    assert.strictEqual(title.insertTextFormat, InsertTextFormat.Snippet);
    assert.deepStrictEqual(title.textEdit, {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: 'title: $0',
    });
    assert.strictEqual(pick(items, 'type').textEdit?.newText, `type: \${1|${JOURNEY_TYPES.join(',')}|}`);
  });

  it('replaces the partly typed key and inserts a block for map and list values', () => {
    const { text, items } = completeAt('journey: x\ntitle: T\nsta‸\n');
    const stages = pick(items, 'stages');
    assert.deepStrictEqual((stages.textEdit as TextEdit).range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
    assert.strictEqual(applyItem(text, stages), 'journey: x\ntitle: T\nstages:\n  - $0\n');
  });

  it('inserts only the key when the colon is already there', () => {
    const { text, items } = completeAt('journey: x\nti‸: T\n');
    assert.strictEqual(applyItem(text, pick(items, 'title')), 'journey: x\ntitle: T\n');
  });

  it("offers a touchpoint's missing keys on an empty line between its keys, with snippet blocks at its indentation", () => {
    const src = [
      'journey: j',
      'title: T',
      'stages:',
      '  - name: A',
      '    touchpoints:',
      '      - name: X',
      '        ‸',
      '        channel: web',
      '        metrics: { conversion: 0.5 }',
      '      - name: Y',
      '',
    ].join('\n');
    const { text, items } = completeAt(src);
    assert.deepStrictEqual(labels(items), [
      'action',
      'backstage',
      'emotion',
      'evidence',
      'id',
      'moment_of_truth',
      'next',
      'opportunities',
      'owner',
      'pain_points',
      'thought',
      'backstage block',
      'pain_points block',
    ]);
    const block = pick(items, 'pain_points block');
    assert.strictEqual(block.insertTextFormat, InsertTextFormat.Snippet);
    assert.strictEqual(block.insertTextMode, 1 /* asIs: the snippet carries its own indentation */);
    assert.strictEqual(
      applyItem(text, block).split('\n').slice(6, 8).join('\n'),
      '        pain_points:\n' +
        '          - { text: ${1:What goes wrong}, severity: ${2|medium,high,critical,low|}, ' +
        `evidence: \${3|${EVIDENCE_KINDS.join(',')}|} }`,
    );
    assert.strictEqual(pick(items, 'next').textEdit?.newText, 'next: [${1|y|}]');
  });

  it('offers metric names with their meaning and range, in flow style, skipping those present before and after', () => {
    const src =
      'journey: j\nstages:\n  - name: A\n    touchpoints:\n      - name: X\n        metrics: { conversion: 0.6, ‸, volume: 10 }\n';
    const { items } = completeAt(src);
    const expected = Object.keys(METRICS).filter((k) => k !== 'conversion' && k !== 'volume');
    assert.deepStrictEqual(labels(items), expected.sort());
    const nps = pick(items, 'nps');
    assert.strictEqual(nps.detail, '-100..100');
    assert.deepStrictEqual(nps.documentation, { kind: 'markdown', value: '**nps**: Net Promoter Score.\n\nRange: `-100..100`' });
    assert.strictEqual(nps.textEdit?.newText, 'nps: $0');
  });

  it("offers the journey's personas as keys of an emotion map (block style)", () => {
    const src =
      'journey: j\n' +
      'personas: [first-time-buyer, loyal-upgrader]\n' +
      'stages:\n' +
      '  - name: A\n' +
      '    touchpoints:\n' +
      '      - name: X\n' +
      '        emotion:\n' +
      '          first-time-buyer: 1\n' +
      '          ‸\n';
    const { text, items } = completeAt(src);
    assert.deepStrictEqual(labels(items), ['loyal-upgrader']);
    assert.strictEqual(pick(items, 'loyal-upgrader').detail, 'Tom, loyal upgrader');
    assert.strictEqual(applyItem(text, items[0]).split('\n')[8], '          loyal-upgrader: ${1:0}');
  });
});

describe('completion: values', () => {
  it('offers the journey types for `type:`', () => {
    const { items } = completeAt('journey: j\ntype: ‸\n');
    assert.deepStrictEqual(labels(items), [...JOURNEY_TYPES]);
    assert.deepStrictEqual(pick(items, 'onboard').documentation, { kind: 'markdown', value: 'Join and get started.' });
  });

  it('offers channels inside quotes: declared ones first, then the built-ins, replacing only the quoted text', () => {
    const src =
      'journey: j\n' +
      'channels:\n' +
      '  - { id: partner-store, label: Partner store }\n' +
      'stages:\n' +
      '  - name: A\n' +
      '    touchpoints:\n' +
      '      - name: X\n' +
      '        channel: "mo‸"\n';
    const { text, items } = completeAt(src);
    assert.deepStrictEqual(labels(items), ['partner-store', ...BUILT_IN_CHANNELS]);
    assert.strictEqual(pick(items, 'partner-store').detail, 'declared in this journey');
    const mobile = pick(items, 'mobile-app');
    assert.deepStrictEqual((mobile.textEdit as TextEdit).range, { start: { line: 7, character: 18 }, end: { line: 7, character: 20 } });
    assert.strictEqual(applyItem(text, mobile), text.replace('"mo"', '"mobile-app"'));
  });

  it('offers the as-is journeys of the workspace for `baseline`', () => {
    const { items } = completeAt('journey: j\nvariant: to-be\nbaseline: ‸\n');
    const asIs = index
      .allJourneys()
      .filter((j) => j.variant === 'as-is')
      .map((j) => j.id)
      .sort();
    assert.ok(asIs.length >= 6, 'every sample journey is as-is');
    assert.deepStrictEqual(labels(items).sort(), asIs);
  });

  it('offers persona ids in a flow list, without those already listed', () => {
    const { text, items } = completeAt('journey: j\npersonas: [first-time-buyer, ‸]\n');
    assert.deepStrictEqual(
      labels(items),
      PERSONAS.filter((p) => p !== 'first-time-buyer'),
    );
    assert.strictEqual(applyItem(text, pick(items, 'busy-parent')), 'journey: j\npersonas: [first-time-buyer, busy-parent]\n');
  });

  it("offers persona ids in a block list and on a blank line at the list's column (adding the dash)", () => {
    const block = completeAt('journey: j\npersonas:\n  - loyal-upgrader\n  - ‸\n');
    assert.deepStrictEqual(
      labels(block.items),
      PERSONAS.filter((p) => p !== 'loyal-upgrader'),
    );
    const blank = completeAt('journey: j\npersonas:\n  - loyal-upgrader\n  ‸\ntitle: T\n');
    assert.strictEqual(
      applyItem(blank.text, pick(blank.items, 'busy-parent')),
      'journey: j\npersonas:\n  - loyal-upgrader\n  - busy-parent\ntitle: T\n',
    );
  });

  it("offers the other touchpoints' ids (given or derived) inside `next`", () => {
    const src =
      'journey: j\n' +
      'stages:\n' +
      '  - name: A\n' +
      '    touchpoints:\n' +
      '      - id: a\n' +
      '        name: X\n' +
      '        next: [‸]\n' +
      '      - name: Pays the Bill\n' +
      '  - name: B\n' +
      '    touchpoints:\n' +
      '      - id: c\n' +
      '        name: Z\n';
    const { items } = completeAt(src);
    assert.deepStrictEqual(labels(items), ['pays-the-bill', 'c']);
    assert.strictEqual(pick(items, 'pays-the-bill').detail, 'Pays the Bill');
  });

  it('gives `next` a plain placeholder, not a choice among hundreds of ids, in a big journey; its values still list them all', () => {
    const tps = Array.from({ length: 60 }, (_, i) => `      - id: t${i}\n        name: T${i}\n`).join('');
    const keySrc = `journey: j\nstages:\n  - name: A\n    touchpoints:\n${tps}      - id: last\n        ‸\n`;
    assert.strictEqual(pick(completeAt(keySrc).items, 'next').textEdit?.newText, 'next: [${1:}]');
    const valueSrc = `journey: j\nstages:\n  - name: A\n    touchpoints:\n${tps}      - id: last\n        next: [‸]\n`;
    assert.deepStrictEqual(
      labels(completeAt(valueSrc).items),
      Array.from({ length: 60 }, (_, i) => `t${i}`),
    );
  });

  it('offers the owners used anywhere in the workspace', () => {
    const { items } = completeAt('journey: j\nstages:\n  - name: A\n    owner: ‸\n');
    assert.deepStrictEqual(
      items.map((i) => i.label),
      index.owners(),
    );
    assert.ok(items.some((i) => i.label === 'digital-commerce'));
  });

  it('offers severities and evidence kinds in a flow pain point', () => {
    const sev = completeAt(
      'journey: j\n' +
        'stages:\n' +
        '  - name: A\n' +
        '    touchpoints:\n' +
        '      - name: X\n' +
        '        pain_points:\n' +
        '          - { text: Slow, severity: h‸ }\n',
    );
    assert.deepStrictEqual(labels(sev.items), [...SEVERITIES]);
    assert.strictEqual(applyItem(sev.text, pick(sev.items, 'high')), sev.text.replace('severity: h }', 'severity: high }'));
    const ev = completeAt('journey: j\nstages:\n  - name: A\n    touchpoints:\n      - name: X\n        evidence: [survey, ‸]\n');
    assert.deepStrictEqual(
      labels(ev.items),
      EVIDENCE_KINDS.filter((e) => e !== 'survey'),
    );
  });
});

describe('completion: snippets', () => {
  it('inserts a whole stage after `- ` in stages, at the right indentation', () => {
    const { text, items } = completeAt('journey: j\ntitle: T\nstages:\n  - ‸\n');
    const stage = pick(items, 'stage');
    assert.strictEqual(stage.insertTextFormat, InsertTextFormat.Snippet);
    assert.strictEqual(
      applyItem(text, stage),
      [
        'journey: j',
        'title: T',
        'stages:',
        '  - id: ${1:stage-id}',
        '    name: ${2:Stage name}',
        '    touchpoints:',
        '      - id: ${3:touchpoint-id}',
        '        name: ${4:Touchpoint name}',
        `        channel: \${5|${BUILT_IN_CHANNELS.join(',')}|}`,
        '        emotion: ${6:0}',
        '',
      ].join('\n'),
    );
  });

  it('inserts a touchpoint with its dash on a blank line at the touchpoints list column', () => {
    const src = 'journey: j\nstages:\n  - name: A\n    touchpoints:\n      - name: X\n      ‸\n';
    const { text, items } = completeAt(src);
    const tp = pick(items, 'touchpoint');
    assert.strictEqual(
      applyItem(text, tp).split('\n').slice(5).join('\n'),
      [
        '      - id: ${1:touchpoint-id}',
        '        name: ${2:Touchpoint name}',
        `        channel: \${3|${BUILT_IN_CHANNELS.join(',')}|}`,
        '        emotion: ${4:0}',
        '',
      ].join('\n'),
    );
  });

  it('inserts a backstage entry with the workspace owners as choices', () => {
    const { text, items } = completeAt(
      'journey: j\nstages:\n  - name: A\n    touchpoints:\n      - name: X\n        backstage:\n          - ‸\n',
    );
    const entry = pick(items, 'backstage entry');
    assert.strictEqual(
      applyItem(text, entry).split('\n')[6],
      `          - { text: \${1:What happens behind the line of visibility}, ` +
        `owner: \${2|${index.owners().join(',')}|}, system: \${3:system} }`,
    );
  });

  it('inserts a metrics block in a touchpoint, in block and in flow style', () => {
    const block = completeAt('journey: j\nstages:\n  - name: A\n    touchpoints:\n      - name: X\n        ‸\n');
    assert.strictEqual(
      applyItem(block.text, pick(block.items, 'metrics block')).split('\n').slice(5).join('\n'),
      '        metrics:\n          conversion: ${1:0.6}\n          drop_off: ${2:0.4}\n          volume: ${3:1000}\n',
    );
    const flow = completeAt('journey: j\nstages:\n  - name: A\n    touchpoints:\n      - { name: X, ‸ }\n');
    assert.strictEqual(
      pick(flow.items, 'metrics block').textEdit?.newText,
      'metrics: { conversion: ${1:0.6}, drop_off: ${2:0.4}, volume: ${3:1000} }',
    );
  });
});

describe('completion: text that does not parse, comments, persona files, samples', () => {
  it('still completes in a file with a YAML syntax error', () => {
    const src =
      'journey: j\ntitle: "unterminated\nstages:\n  - name: A\n    touchpoints:\n      - name: X\n        evidence: [analytics, ‸\n';
    const { parsed, items } = completeAt(src);
    assert.ok(
      parsed.syntax.some((d) => d.severity === 'error'),
      'the text must not parse',
    );
    assert.deepStrictEqual(
      labels(items),
      EVIDENCE_KINDS.filter((e) => e !== 'analytics'),
    );
  });

  it('completes keys under a half-typed key with broken indentation below', () => {
    const src = 'journey: j\nstages:\n  - name: A\n    touchpoints:\n      - name: X\n        chan‸\n   bad: [\n';
    const { parsed, items } = completeAt(src);
    assert.ok(parsed.syntax.length > 0);
    const channel = pick(items, 'channel');
    assert.deepStrictEqual((channel.textEdit as TextEdit).range, { start: { line: 5, character: 8 }, end: { line: 5, character: 12 } });
  });

  it('offers nothing inside a comment or a block scalar', () => {
    assert.deepStrictEqual(completeAt('journey: j # a com‸ment\n').items, []);
    assert.deepStrictEqual(completeAt('journey: j\ndescription: >\n  some te‸xt\n').items, []);
  });

  it('completes persona keys and channels in a persona file', () => {
    const keys = completeAt('persona: p\nname: P\n‸\n', 'file:///w/p.persona.yaml');
    assert.ok(!keys.items.some((i) => i.label === 'name' || i.label === 'persona'));
    assert.ok(keys.items.some((i) => i.label === 'quote'));
    const ch = completeAt('persona: p\nname: P\nchannels: [web, ‸]\n', 'file:///w/p.persona.yaml');
    assert.deepStrictEqual(labels(ch.items).slice(0, 3), ['mobile-app', 'email', 'sms']);
  });

  it('completes in the real sample: another persona in its flow list and a key in a touchpoint', () => {
    const name = 'buy-phone-online.journey.yaml';
    const text = sampleText(name);
    const parsed = parseFile(sampleUri(name), text);
    const inList = complete(parsed, positionOf(text, ', loyal-upgrader]', 2), index, DEFAULT_SETTINGS).items;
    // The cursor sits at the start of `loyal-upgrader`: that word is the one being replaced.
    assert.deepStrictEqual(labels(inList), ['busy-parent', 'loyal-upgrader', 'small-business-owner']);
    const afterThought = positionOf(text, '"Which one is actually better?"', '"Which one is actually better?"'.length);
    const lineEnd = { line: afterThought.line + 1, character: 0 };
    const withBlank = text.slice(0, parsed.lines.offset(lineEnd)) + '        \n' + text.slice(parsed.lines.offset(lineEnd));
    const p2 = parseFile(sampleUri(name), withBlank);
    const keyItems = complete(p2, { line: lineEnd.line, character: 8 }, index, DEFAULT_SETTINGS).items;
    // The search ad already has `owner`: only the keys it lacks are offered.
    assert.deepStrictEqual(labels(keyItems), [
      'backstage',
      'moment_of_truth',
      'next',
      'opportunities',
      'pain_points',
      'backstage block',
      'pain_points block',
    ]);
  });
});

describe('cursor location', () => {
  it('names the path, mode and siblings in block and flow style', () => {
    const text = 'journey: j\nstages:\n  - name: A\n    touchpoints:\n      - { name: X, metrics: { nps: 3,  } }\n';
    assert.deepStrictEqual(locateCursor(text, { line: 4, character: 39 }), {
      mode: 'key',
      path: ['stages', 0, 'touchpoints', 0, 'metrics'],
      siblings: ['nps'],
      prefix: '',
      flow: true,
      indent: 8,
      range: { start: { line: 4, character: 39 }, end: { line: 4, character: 39 } },
    });
    const multi = 'personas: [a,\n  b, \n  c]\n';
    const ctx = locateCursor(multi, { line: 1, character: 5 });
    assert.deepStrictEqual([ctx?.mode, ctx?.path, ctx?.siblings], ['item', ['personas', 2], ['a', 'b', 'c']]);
  });
});

describe('cursor location from the nearest list item', function () {
  this.timeout(0); // see below: heavy loops, judged by their answers only
  const sampleDir = path.join(__dirname, '..', '..', 'samples');
  const faultDir = path.join(__dirname, '..', 'fixtures', 'faults');
  const files = [
    ...fs
      .readdirSync(sampleDir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(sampleDir, f)),
    ...fs
      .readdirSync(faultDir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(faultDir, f)),
  ];

  /** Both scans at `position`: from the parse's seed, and from the top of the text. */
  function agree(uri: string, text: string, position: { line: number; character: number }): void {
    const parsed = parseFile(uri, text);
    const seeded = locateCursor(text, position, parsed);
    const fromTop = locateCursor(text, position);
    assert.deepStrictEqual(seeded, fromTop, `${uri} at ${position.line}:${position.character}`);
  }

  // One test per file, and no per-test limit: two full scans per position, seconds per sample
  // alone and over 20 s for one sample with both cores busy. A wrong answer fails; slowness
  // must not. The counts of seeded scans are checked once all files have run.
  let seededAtEveryPosition = 0;
  for (const file of files) {
    it(`finds what the scan from the top finds at every position of ${path.basename(file)}`, () => {
      const before = cursorStats.seeded;
      const text = fs.readFileSync(file, 'utf8');
      const uri = `file://${file}`;
      const parsed = parseFile(uri, text);
      const lines = text.split(/\r\n|\r|\n/);
      for (let line = 0; line < lines.length; line++) {
        const len = lines[line].length;
        const indent = len - lines[line].trimStart().length;
        for (const character of new Set([0, indent, indent + 2, Math.floor(len / 2), len])) {
          const position = { line, character: Math.min(character, len) };
          assert.deepStrictEqual(locateCursor(text, position, parsed), locateCursor(text, position), `${file} at ${line}:${character}`);
        }
      }
      seededAtEveryPosition += cursorStats.seeded - before;
    });
  }

  it('used the seed, not only the fallback, at every position of those files', () => {
    assert.ok(seededAtEveryPosition > 1000, `seeded ${seededAtEveryPosition} times`);
  });

  let seededOnBlankLines = 0;
  for (const file of files.filter((f) => f.includes('samples'))) {
    it(`agrees on a blank line typed at each depth of ${path.basename(file)}, as an author starts a new key or item`, () => {
      const before = cursorStats.seeded;
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split('\n');
      for (let line = 1; line < lines.length; line += 3) {
        for (const indent of [0, 2, 4, 6, 8, 10]) {
          const edited = [...lines.slice(0, line), ' '.repeat(indent), ...lines.slice(line)].join('\n');
          agree(`file://${file}`, edited, { line, character: indent });
        }
      }
      seededOnBlankLines += cursorStats.seeded - before;
    });
  }

  it('used the seed on those blank lines', () => {
    assert.ok(seededOnBlankLines > 500, `seeded ${seededOnBlankLines} times`);
  });

  it('agrees on random block YAML at every offset', function () {
    // 400 property cases: a wrong answer fails it, a slow machine must not (the suite has no limit).
    this.timeout(0);
    const piece = fc.constantFrom(
      'journey: j\n',
      'stages:\n',
      '  - id: s\n',
      '  - name: S\n',
      '    touchpoints:\n',
      '      - name: X\n',
      '        emotion: 1\n',
      '        pain_points:\n',
      '          - text: t\n',
      '        metrics:\n',
      '          nps: 3\n',
      '        next: [a, b]\n',
      '    owner: o\n',
      '        action: |\n          line\n',
      '# c\n',
      '\n',
      '        \n',
      '      - \n',
      'personas:\n',
      '  - a\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), fc.nat(), (parts, at) => {
        const text = parts.join('');
        const lines = text.split('\n');
        const line = at % lines.length;
        agree('file:///w/f.journey.yaml', text, { line, character: (at >> 3) % (lines[line].length + 1) });
      }),
      { numRuns: 400 },
    );
  });
});

describe('completion: never throws', () => {
  it('answers at every position of arbitrary YAML-like text', function () {
    // 400 property cases: a wrong answer fails it, a slow machine must not.
    this.timeout(0);
    const piece = fc.constantFrom(
      'journey: j\n',
      'stages:\n',
      '  - ',
      '- ',
      '    touchpoints:\n',
      'name: X\n',
      '{ ',
      '[',
      ']',
      '}',
      ', ',
      ': ',
      '"',
      "'",
      '# c\n',
      '\n',
      '  ',
      'metrics: ',
      'emotion:\n',
      '|\n',
      '>\n',
      'next: [',
      '\r\n',
      '\t',
      '? ',
      '&a ',
      '*a ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), (parts, at) => {
        const text = parts.join('');
        const parsed = parseFile('file:///w/f.journey.yaml', text);
        const offset = text.length ? at % (text.length + 1) : 0;
        const list = complete(parsed, parsed.lines.position(offset), index, DEFAULT_SETTINGS);
        assert.strictEqual(list.isIncomplete, false);
        for (const item of list.items) assert.ok(item.textEdit && 'range' in item.textEdit);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('completion: broken and quoted flow text (issue 13)', () => {
  const journey = (tail: string): string => `journey: j\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n${tail}`;

  it('never returns an edit over several lines: an unclosed quote in a flow map above the cursor ends at its line', () => {
    const { items, position } = completeAt(journey('      - {"x : y}\n      - name: b\n        me‸\n'));
    // The flow map left open above ends where the block list resumes: the touchpoint's keys are offered.
    const keys = labels(items);
    for (const k of ['metrics', 'moment_of_truth', 'channel']) assert.ok(keys.includes(k), `${k} among ${keys.join(', ')}`);
    assert.ok(!keys.includes('name'), 'name is already there');
    for (const i of items) {
      const r = (i.textEdit as TextEdit).range;
      assert.deepStrictEqual([r.start.line, r.end.line], [position.line, position.line], i.label);
    }
  });

  it("completes in a touchpoint whose flow text holds an apostrophe (customer's)", () => {
    const below = completeAt(
      journey("      - name: A\n        pain_points:\n          - { text: Sees the customer's bill, severity: high }\n        ‸\n"),
    );
    const keys = labels(below.items);
    for (const k of ['id', 'channel', 'action', 'emotion']) assert.ok(keys.includes(k), `${k} among ${keys.join(', ')}`);
    for (const k of ['name', 'pain_points']) assert.ok(!keys.includes(k), `${k} is already there`);
    const after = completeAt(
      journey("      - name: A\n        pain_points:\n          - { text: Sees the customer's bill, severity: ‸ }\n"),
    );
    assert.deepStrictEqual(labels(after.items), ['low', 'medium', 'high', 'critical']);
    assert.deepStrictEqual((pick(after.items, 'high').textEdit as TextEdit).range, { start: after.position, end: after.position });
  });
});
