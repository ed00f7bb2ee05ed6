// A fix is offered only when its result passes the rules at the place it fixes (core/fixCheck.ts):
// the candidate is applied, the text analysed again, and a new finding over the edit drops it.
import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/analyze';
import { fixHolds } from '../../server/src/core/fixCheck';
import type { JourneyDiagnostic } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { applyEdits } from './features.helpers';

const URI = 'file:///w/fix-check.journey.yaml';
const index = new WorkspaceIndex();
const analyse = (text: string) => analyzeText(URI, text, index);
const reanalyse = (text: string) => analyse(text).diagnostics;

function journey(metrics: string): string {
  return (
    'journey: j\n' +
    'title: T\n' +
    'stages:\n' +
    '  - name: A\n' +
    '    touchpoints:\n' +
    '      - name: X\n' +
    '        channel: web\n' +
    `        metrics: ${metrics}\n`
  );
}

/** The diagnostic of `rule`, its text's analysis, and the edits replacing `from` with `to` on the metrics line. */
function setup(text: string, rule: string) {
  const a = analyse(text);
  const d = a.diagnostics.find((x) => x.rule === rule);
  assert.ok(d, `${rule} in ${JSON.stringify(a.diagnostics.map((x) => x.rule))}`);
  return { before: [...a.diagnostics, ...(a.waiting ?? [])], d };
}

const replaceWith = (d: JourneyDiagnostic, newText: string) => [{ range: d.range, newText }];

describe('a fix is offered only when its result passes the rules it touches', () => {
  it('conversion: 80, drop_off: 0.2: the core offers 0.8, which holds, and the result is clean', () => {
    const text = journey('{ volume: 100, conversion: 80, drop_off: 0.2 }');
    const { before, d } = setup(text, 'metric-range');
    assert.deepStrictEqual(d.fix, { kind: 'replace', title: 'Change to 0.8', texts: ['0.8'] });
    assert.strictEqual(fixHolds(text, before, replaceWith(d, '0.8'), reanalyse), true);
    assert.deepStrictEqual(reanalyse(applyEdits(text, replaceWith(d, '0.8'))), []);
  });

  it('conversion: 80, drop_off: 0.2: a drop_off of -79 (what the sum would ask) fails metric-range where it was written, \
and is dropped', () => {
    const text = journey('{ volume: 100, conversion: 80, drop_off: 0.2 }');
    const { before, d } = setup(text, 'funnel-mismatch');
    assert.strictEqual(d.fix, undefined, 'the core offers no drop_off while conversion is out of range');
    assert.strictEqual(fixHolds(text, before, replaceWith(d, '-79'), reanalyse), false);
  });

  it('conversion: 1.5: the core offers nothing; a candidate still out of range (15) is dropped, \
one in range that adds no finding holds', () => {
    const text = journey('{ volume: 100, conversion: 1.5 }');
    const { before, d } = setup(text, 'metric-range');
    assert.strictEqual(d.fix, undefined);
    assert.strictEqual(fixHolds(text, before, replaceWith(d, '15'), reanalyse), false);
    assert.strictEqual(fixHolds(text, before, replaceWith(d, '0.15'), reanalyse), true);
  });

  it('a closing bracket that would make the title a list is dropped; a tab fix whose line holds a waiting finding holds', () => {
    const bracket = 'journey: j\ntitle: [Unclosed\nstages: []\n';
    const b = setup(bracket, 'yaml-syntax');
    assert.ok(b.d.fix?.kind === 'edits', 'the mistake carries its repair');
    assert.strictEqual(
      fixHolds(bracket, b.before, b.d.fix.edits, reanalyse),
      false,
      'title: [Unclosed] is a schema error where the fix wrote',
    );

    const tab = journey('{ volume: 100, conversion: 0.8, drop_off: 0.2 }').replace('        channel: web', '\tchannel: webb');
    const t = setup(tab, 'yaml-syntax');
    assert.ok(t.d.fix?.kind === 'edits');
    assert.deepStrictEqual(
      t.before.filter((x) => x.rule === 'unknown-channel').map((x) => x.range.start.line),
      [6],
      'the channel finding waits on the repaired line',
    );
    assert.strictEqual(fixHolds(tab, t.before, t.d.fix.edits, reanalyse), true);
  });

  it('a fix that breaks the YAML is dropped', () => {
    const text = journey('{ volume: 100, conversion: 80, drop_off: 0.2 }');
    const { before, d } = setup(text, 'metric-range');
    assert.strictEqual(fixHolds(text, before, replaceWith(d, '0.8, {'), reanalyse), false);
  });
});
