// The common YAML mistakes, each explained by one diagnostic on the line at fault (instead of
// the parser's cascade, often on the line before), with its fix where one is safe, and the rest
// of the file still checked.
import * as assert from 'assert';
import { parseDocument } from 'yaml';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyDiagnostic } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { applyEdits } from './features.helpers';

const URI = 'file:///w/mistakes.journey.yaml';

// Line numbers (0-based) are noted where the cases below change a line.
const BASE = [
  'journey: mistakes', //                                                        0
  'title: Mistakes',
  'personas: [p]',
  'emotion_scale: { min: -2, max: 2 }',
  'stages:',
  '  - id: buy', //                                                              5
  '    name: Buy',
  '    touchpoints:',
  '      - id: browse',
  '        name: Browses the catalogue',
  '        channel: web', //                                                    10
  '        action: Looks for a phone',
  '        thought: "Which one is right for me?"',
  '        emotion: { p: 1 }',
  '        evidence: [analytics]',
  '        metrics: { volume: 1000, conversion: 0.9, drop_off: 0.1 }', //      15
  '      - id: pay',
  '        name: Pays',
  '        channel: emial',
  '        action: Pays by card',
  '        emotion: { p: -1 }', //                                              20
  '        moment_of_truth:',
  '          success: The payment goes through',
  '          failure: The card is declined',
  '        evidence: [survey]',
  '', //                                                                        25
].join('\n');

const PERSONA_INDEX = new WorkspaceIndex();
PERSONA_INDEX.update('file:///w/p.persona.yaml', 'persona: p\nname: P\n');

function analyse(text: string): JourneyDiagnostic[] {
  return analyzeText(URI, text, PERSONA_INDEX).diagnostics;
}

function withLine(line: number, text: string): string {
  const lines = BASE.split('\n');
  lines[line] = text;
  return lines.join('\n');
}

/** What the intact text gives besides syntax: a misspelt channel, and the journey's own findings. */
const REST = [
  ['friction-hotspot', 17],
  ['unknown-channel', 18],
  ['low-end', 20],
  ['unmeasured-moment', 21],
];
const restOf = (ds: JourneyDiagnostic[]) => ds.filter((d) => d.rule !== 'yaml-syntax').map((d) => [d.rule, d.range.start.line]);

const syntaxOf = (ds: JourneyDiagnostic[]) => ds.filter((d) => d.rule === 'yaml-syntax');
const at = (d: JourneyDiagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];

interface Case {
  what: string;
  line: number;
  text: string;
  range: [number, number, number, number];
  message: string;
  /** The fix's title, or null when no fix is safe. */
  fix: string | null;
  /** What yaml alone reports for it (at least this many errors): the cascade replaced. */
  yamlErrors: number;
  /** The line as the fix leaves it, when not as in BASE. */
  fixed?: string;
}

const CASES: Case[] = [
  {
    what: 'a key indented one space too far (yaml: "Nested mappings" on the line before)',
    line: 9,
    text: '         name: Browses the catalogue',
    range: [9, 9, 9, 13],
    message:
      '`name` is indented 1 space more than `id` above, which has its value on its line, so nothing can sit under it. ' +
      'Keys of one map start at the same column: indent it by 8 spaces, as `id`.',
    fix: 'Indent by 8 spaces',
    yamlErrors: 2,
  },
  {
    what: 'a key in the middle of a map indented two spaces too far',
    line: 10,
    text: '          channel: web',
    range: [10, 10, 10, 17],
    message:
      '`channel` is indented 2 spaces more than `name` above, which has its value on its line, so nothing can sit under it. ' +
      'Keys of one map start at the same column: indent it by 8 spaces, as `name`.',
    fix: 'Indent by 8 spaces',
    yamlErrors: 2,
  },
  {
    what: 'a key dedented by two spaces',
    line: 10,
    text: '      channel: web',
    range: [10, 6, 10, 13],
    message:
      '`channel` is indented 2 spaces less than the keys around it. ' +
      'Keys of one map start at the same column: indent it by 8 spaces, as `name` above.',
    fix: 'Indent by 8 spaces',
    yamlErrors: 5,
  },
  {
    what: "a key dedented by one space, right after the list item's first line",
    line: 9,
    text: '       name: Browses the catalogue',
    range: [9, 7, 9, 11],
    message:
      '`name` is indented 1 space less than the keys around it. ' +
      'Keys of one map start at the same column: indent it by 8 spaces, as `id` above.',
    fix: 'Indent by 8 spaces',
    yamlErrors: 5,
  },
  {
    what: 'a tab as the indentation',
    line: 10,
    text: '\tchannel: web',
    range: [10, 0, 10, 1],
    message: 'A tab indents this line, and YAML indents with spaces only. Replace the indentation with 8 spaces, as `name` above.',
    fix: 'Replace the tab with 8 spaces',
    yamlErrors: 5,
  },
  {
    what: 'a tab after spaces',
    line: 11,
    text: '      \taction: Looks for a phone',
    range: [11, 0, 11, 7],
    message: 'A tab indents this line, and YAML indents with spaces only. Replace the indentation with 8 spaces, as `channel` above.',
    fix: 'Replace the tab with 8 spaces',
    yamlErrors: 3,
  },
  {
    what: 'no space after the colon',
    line: 10,
    text: '        channel:web',
    range: [10, 8, 10, 19],
    message:
      '`channel:web` has no space after its colon, so YAML reads it as one word instead of the key `channel` and its value. ' +
      'Add a space after `channel:`.',
    fix: 'Add a space after `channel:`',
    yamlErrors: 1,
  },
  {
    what: 'a key without its colon and value in a list item',
    line: 16,
    text: '      - id',
    range: [16, 8, 16, 10],
    message:
      '`id` has no colon, but the lines of this list item are `key: value` pairs. ' +
      'Add the colon and a value (`id: ...`), or a key if `id` is the value (`key: id`).',
    fix: null,
    yamlErrors: 1,
  },
  {
    what: 'an unclosed double quote',
    line: 12,
    text: '        thought: "Which one is right for me?',
    range: [12, 17, 12, 44],
    message:
      'This text opens a quote (") that is never closed, so YAML reads the lines after it as part of the text. ' +
      'Add the closing " where the text ends.',
    fix: 'Add the closing " at the end of the line',
    yamlErrors: 1,
  },
  {
    what: 'an unclosed single quote',
    line: 11,
    text: "        action: 'Looks for a phone",
    range: [11, 16, 11, 34],
    message:
      "This text opens a quote (') that is never closed, so YAML reads the lines after it as part of the text. " +
      "Add the closing ' where the text ends.",
    fix: "Add the closing ' at the end of the line",
    yamlErrors: 1,
    fixed: "        action: 'Looks for a phone'",
  },
  {
    what: 'an unclosed flow list',
    line: 14,
    text: '        evidence: [analytics',
    range: [14, 18, 14, 28],
    message: '`[` opens a list here that is never closed, so YAML reads on into the lines below. Add `]` where it ends.',
    fix: 'Add `]` at the end of the line',
    yamlErrors: 1,
  },
  {
    what: 'an unclosed flow map (yaml: a cascade on the lines below)',
    line: 15,
    text: '        metrics: { volume: 1000, conversion: 0.9, drop_off: 0.1',
    range: [15, 17, 15, 63],
    message: '`{` opens a map here that is never closed, so YAML reads on into the lines below. Add `}` where it ends.',
    fix: 'Add `}` at the end of the line',
    yamlErrors: 5,
    fixed: '        metrics: { volume: 1000, conversion: 0.9, drop_off: 0.1}',
  },
  {
    what: 'a list item dedented by two spaces',
    line: 16,
    text: '    - id: pay',
    range: [16, 4, 16, 8],
    message:
      "This list item is indented 2 spaces less than the list's other items. " +
      'Items of one list start at the same column: indent it by 6 spaces.',
    fix: 'Indent by 6 spaces',
    yamlErrors: 5,
  },
  {
    what: 'a list item indented two spaces too far',
    line: 16,
    text: '        - id: pay',
    range: [16, 8, 16, 12],
    message:
      "This list item is indented 2 spaces more than the list's other items. " +
      'Items of one list start at the same column: indent it by 6 spaces.',
    fix: 'Indent by 6 spaces',
    yamlErrors: 3,
  },
];

describe("YAML mistakes explained in the user's words", () => {
  it('the base text parses; its findings (a misspelt channel among them) are the rest to keep checked', () => {
    assert.deepStrictEqual(
      analyse(BASE).map((d) => [d.rule, d.range.start.line]),
      REST,
    );
  });

  for (const c of CASES) {
    it(`${c.what}: one diagnostic on the line at fault, ${c.fix ? 'with its fix' : 'without a fix'}, the rest still checked`, () => {
      const text = withLine(c.line, c.text);
      assert.ok(parseDocument(text).errors.length >= c.yamlErrors, 'yaml reports the mistake');
      const ds = analyse(text);
      const syntax = syntaxOf(ds);
      assert.deepStrictEqual(
        syntax.map((d) => ({ at: at(d), severity: d.severity, message: d.message })),
        [{ at: c.range, severity: 'error', message: c.message }],
      );
      // The rest of the file is still checked: the intact text's findings, the misspelt channel among them.
      assert.deepStrictEqual(restOf(ds), REST);
      const fix = syntax[0].fix;
      if (c.fix === null) {
        assert.strictEqual(fix, undefined);
        return;
      }
      assert.ok(fix && fix.kind === 'edits', JSON.stringify(fix));
      assert.strictEqual(fix.title, c.fix);
      // The fix touches only the line at fault and gives back the text as it was meant.
      assert.ok(fix.edits.every((e) => e.range.start.line === c.line && e.range.end.line === c.line));
      const fixed = applyEdits(text, fix.edits);
      assert.strictEqual(fixed, c.fixed === undefined ? BASE : withLine(c.line, c.fixed));
      assert.deepStrictEqual(restOf(analyse(fixed)), REST);
      assert.deepStrictEqual(syntaxOf(analyse(fixed)), []);
    });
  }

  it('two mistakes: two diagnostics, each with its fix, and the rest still checked', () => {
    const lines = BASE.split('\n');
    lines[10] = '\tchannel: web';
    lines[24] = '        evidence: [survey';
    const text = lines.join('\n');
    const ds = analyse(text);
    assert.deepStrictEqual(
      syntaxOf(ds).map((d) => [at(d), d.fix?.kind === 'edits' ? d.fix.title : null]),
      [
        [[10, 0, 10, 1], 'Replace the tab with 8 spaces'],
        [[24, 18, 24, 25], 'Add `]` at the end of the line'],
      ],
    );
    assert.deepStrictEqual(restOf(ds), REST);
    let fixed = text;
    for (const d of syntaxOf(ds).reverse()) if (d.fix?.kind === 'edits') fixed = applyEdits(fixed, d.fix.edits);
    assert.strictEqual(fixed, BASE);
  });

  it('a finding on the repaired line waits for the fix; findings elsewhere stay', () => {
    // The dedented line holds the misspelt channel: it is reported once the line is fixed.
    const text = withLine(18, '      channel: emial');
    const ds = analyse(text);
    assert.deepStrictEqual(syntaxOf(ds).map(at), [[18, 6, 18, 13]]);
    assert.deepStrictEqual(
      restOf(ds),
      REST.filter(([rule]) => rule !== 'unknown-channel'),
    );
  });

  it('a flow map with an unclosed quote: the text still checked, but no fix (only the author knows where the text ends)', () => {
    const text = withLine(13, '        emotion: { p: "1 }');
    const syntax = syntaxOf(analyse(text));
    assert.deepStrictEqual(
      syntax.map((d) => [at(d), d.message, d.fix]),
      [
        [
          [13, 22, 13, 26],
          'This text opens a quote (") that is never closed, so YAML reads the lines after it as part of the text. ' +
            'Add the closing " where the text ends, before `}`.',
          undefined,
        ],
      ],
    );
  });

  it("an error that is not one of these mistakes keeps the parser's message", () => {
    const text = withLine(1, 'title: "a" b');
    assert.deepStrictEqual(
      syntaxOf(analyse(text)).map((d) => d.message),
      ['Unexpected scalar at node end'],
    );
  });
});
