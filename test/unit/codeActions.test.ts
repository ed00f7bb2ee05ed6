import * as assert from 'assert';
import { CodeAction, Diagnostic, DiagnosticSeverity, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { analyzeText } from '../../server/src/core/analyze';
import { codeActions, personaTemplate } from '../../server/src/core/codeActions';
import type { JourneyDiagnostic, Range } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { applyEdits, positionOf, samplesIndex, sampleText, sampleUri } from './features.helpers';

const URI = 'file:///w/journeys/a.journey.yaml';
const index = samplesIndex();
const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The diagnostic as the server publishes it: rule as `code`, the Fix as `data`. */
function toLsp(d: JourneyDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.rule,
    source: 'journeymap',
    message: d.message,
    ...(d.fix ? { data: d.fix } : {}),
  };
}

function actionsFor(text: string, rule: string, idx: WorkspaceIndex = index, uri = URI) {
  const a = analyzeText(uri, text, idx);
  const diags = a.diagnostics.filter((d) => d.rule === rule).map(toLsp);
  assert.ok(diags.length > 0, `no ${rule} diagnostic in ${JSON.stringify(a.diagnostics.map((d) => d.rule))}`);
  return { diags, actions: codeActions(a.parsed, diags, diags[0].range, idx, uri) };
}

function applyAction(text: string, action: CodeAction, uri = URI): string {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits, `action ${action.title} has no edit for ${uri}`);
  return applyEdits(text, edits);
}

const ALL: Range = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

describe('code actions: did you mean', () => {
  it('renames an unknown key, touching only that key', () => {
    const text = '# keep this comment\njourney: j\ntitel: My title   # and this one\nstages:\n  - name: A\n';
    const { diags, actions } = actionsFor(text, 'schema');
    assert.strictEqual(actions.length, 1);
    assert.strictEqual(actions[0].kind, 'quickfix');
    assert.strictEqual(actions[0].isPreferred, true);
    assert.deepStrictEqual(actions[0].diagnostics, [diags[0]]);
    assert.strictEqual(
      applyAction(text, actions[0]),
      '# keep this comment\njourney: j\ntitle: My title   # and this one\nstages:\n  - name: A\n',
    );
  });

  it('offers one action per close enum value, the first preferred', () => {
    const text = 'journey: j\ntitle: T\nvariant: as-iss # today\nstages:\n  - name: A\n';
    const { actions } = actionsFor(text, 'schema');
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [['Change to "as-is"', true]],
    );
    assert.strictEqual(applyAction(text, actions[0]), 'journey: j\ntitle: T\nvariant: as-is # today\nstages:\n  - name: A\n');
  });

  it('fixes a misspelt channel in flow style', () => {
    const text = 'journey: j\ntitle: T\nstages:\n  - name: A\n    touchpoints:\n      - { name: X, channel: emial, emotion: 1 }\n';
    const { actions } = actionsFor(text, 'unknown-channel');
    assert.strictEqual(actions[0].title, 'Change to "email"');
    assert.strictEqual(applyAction(text, actions[0]), text.replace('emial', 'email'));
  });

  it('fixes a misspelt persona id, and still offers to create it', () => {
    const text = 'journey: j\ntitle: T\npersonas: [first-time-byer, loyal-upgrader]\nstages:\n  - name: A\n';
    const { actions } = actionsFor(text, 'unknown-persona');
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Change to "first-time-buyer"', true],
        ['Create persona file first-time-byer.persona.yaml', false],
      ],
    );
    assert.strictEqual(applyAction(text, actions[0]), text.replace('first-time-byer', 'first-time-buyer'));
  });
});

describe('code actions: create a persona file', () => {
  it('creates <id>.persona.yaml beside the journey, never overwriting, with a template persona', () => {
    const text = 'journey: j\ntitle: T\npersonas: [night-owl]\nstages:\n  - name: A\n';
    const { diags, actions } = actionsFor(text, 'unknown-persona');
    assert.strictEqual(actions.length, 1);
    const target = 'file:///w/journeys/night-owl.persona.yaml';
    assert.deepStrictEqual(actions[0], {
      title: 'Create persona file night-owl.persona.yaml',
      kind: 'quickfix',
      diagnostics: [diags[0]],
      isPreferred: true,
      edit: {
        documentChanges: [
          { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } },
          {
            textDocument: { uri: target, version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: personaTemplate('night-owl') }],
          },
        ],
      },
    });
    // The new file is a valid persona, and with it indexed the journey's error is gone.
    const created = applyEdits('', (actions[0].edit?.documentChanges?.[1] as TextDocumentEdit).edits as TextEdit[]);
    assert.strictEqual(created, "persona: night-owl\nname: Night owl\nrole: ''\nquote: ''\ngoals: []\nfrustrations: []\n");
    const idx = samplesIndex();
    assert.deepStrictEqual(analyzeText(target, created, idx).diagnostics, []);
    idx.update(target, created);
    assert.deepStrictEqual(
      analyzeText(URI, text, idx).diagnostics.filter((d) => d.rule === 'unknown-persona'),
      [],
    );
  });

  it('picks another file name when one with that name is already known', () => {
    const idx = samplesIndex();
    idx.update('file:///w/journeys/night-owl.persona.yaml', 'persona: someone-else\nname: S\n');
    const text = 'journey: j\ntitle: T\npersonas: [night-owl]\nstages:\n  - name: A\n';
    const { actions } = actionsFor(text, 'unknown-persona', idx);
    assert.strictEqual(actions[0].title, 'Create persona file night-owl-2.persona.yaml');
  });
});

describe('code actions: metrics', () => {
  it('turns a percentage rate into a fraction, keeping the comment beside it', () => {
    const text =
      'journey: j\n' +
      'title: T\n' +
      'stages:\n' +
      '  - name: A\n' +
      '    touchpoints:\n' +
      '      - name: X\n' +
      '        metrics:\n' +
      '          conversion: 62 # from GA\n' +
      '          drop_off: 0.38\n';
    const { actions } = actionsFor(text, 'metric-range');
    const fix = actions.find((a) => a.diagnostics?.length);
    assert.ok(fix);
    assert.strictEqual(fix.isPreferred, true);
    assert.strictEqual(applyAction(text, fix), text.replace('conversion: 62 # from GA', 'conversion: 0.62 # from GA'));
  });

  it('fills drop_off from conversion in a block map, below conversion and after its comment', () => {
    const text =
      'journey: j\n' +
      'title: T\n' +
      'stages:\n' +
      '  - name: A\n' +
      '    touchpoints:\n' +
      '      - name: X\n' +
      '        metrics:\n' +
      '          conversion: 0.62   # checkout\n' +
      '          volume: 1000\n' +
      '        owner: web\n';
    const a = analyzeText(URI, text, index);
    const actions = codeActions(a.parsed, [], { start: { line: 7, character: 12 }, end: { line: 7, character: 12 } }, index, URI);
    assert.deepStrictEqual(
      actions.map((x) => [x.title, x.kind]),
      [['Fill drop_off from conversion (0.38)', 'refactor.rewrite']],
    );
    assert.strictEqual(
      applyAction(text, actions[0]),
      'journey: j\n' +
        'title: T\n' +
        'stages:\n' +
        '  - name: A\n' +
        '    touchpoints:\n' +
        '      - name: X\n' +
        '        metrics:\n' +
        '          conversion: 0.62   # checkout\n' +
        '          drop_off: 0.38\n' +
        '          volume: 1000\n' +
        '        owner: web\n',
    );
  });

  it('fills drop_off in a flow map, and not where drop_off is already there or the range is elsewhere', () => {
    const text =
      'journey: j\n' +
      'title: T\n' +
      'metrics: { nps: 3 }\n' +
      'stages:\n' +
      '  - name: A\n' +
      '    touchpoints:\n' +
      '      - { name: X, metrics: { conversion: 0.9, volume: 5 } }\n' +
      '      - { name: Y, metrics: { conversion: 0.5, drop_off: 0.5 } }\n';
    const a = analyzeText(URI, text, index);
    const all = codeActions(a.parsed, [], ALL, index, URI);
    assert.deepStrictEqual(
      all.map((x) => x.title),
      ['Fill drop_off from conversion (0.1)'],
    );
    assert.strictEqual(applyAction(text, all[0]), text.replace('conversion: 0.9, volume', 'conversion: 0.9, drop_off: 0.1, volume'));
    assert.deepStrictEqual(codeActions(a.parsed, [], { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, index, URI), []);
  });

  it('applies an insert-drop-off fix carried by a diagnostic as a quick fix', () => {
    const text = 'journey: j\ntitle: T\nstages:\n  - name: A\n    touchpoints:\n      - { name: X, metrics: { conversion: 0.25 } }\n';
    const a = analyzeText(URI, text, index);
    const d: Diagnostic = {
      range: { start: { line: 5, character: 29 }, end: { line: 5, character: 39 } },
      message: 'm',
      code: 'funnel-mismatch',
      source: 'journeymap',
      data: { kind: 'insert-drop-off', value: 0.75, at: positionOf(text, '0.25 }', 4), text: ', drop_off: 0.75' },
    };
    const actions = codeActions(a.parsed, [d], d.range, index, URI);
    // The same edit computed from the map is not offered twice.
    assert.deepStrictEqual(
      actions.map((x) => [x.title, x.kind, x.isPreferred]),
      [['Fill drop_off from conversion (0.75)', 'quickfix', true]],
    );
    assert.strictEqual(applyAction(text, actions[0]), text.replace('conversion: 0.25 }', 'conversion: 0.25, drop_off: 0.75 }'));
  });
});

describe('code actions: samples and foreign diagnostics', () => {
  it("offers nothing on a clean sample and ignores other sources' diagnostics", () => {
    const name = 'pay-energy-bill.journey.yaml';
    const text = sampleText(name);
    const a = analyzeText(sampleUri(name), text, index);
    const foreign: Diagnostic = { range: ALL, message: 'x', source: 'yaml', data: { kind: 'replace', title: 't', texts: ['boom'] } };
    const actions = codeActions(
      a.parsed,
      [...a.diagnostics.map(toLsp), foreign],
      { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      index,
      sampleUri(name),
    );
    assert.deepStrictEqual(actions, []);
  });
});
