// One test per rule of the spec: a small file that triggers it (rule, severity, exact range)
// and a near miss where it stays silent. Ranges are counted by hand from the texts below.
import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/analyze';
import { DEFAULT_SETTINGS, JourneyDiagnostic, RuleName, Settings } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';

const MAYA = 'persona: maya\nname: Maya\n';
const OMAR = 'persona: omar\nname: Omar\n';

/** Analyses `text` as a.journey.yaml beside the given other files. */
function lint(
  text: string,
  others: Record<string, string> = { 'file:///w/maya.persona.yaml': MAYA },
  settings: Settings = DEFAULT_SETTINGS,
  uri = 'file:///w/a.journey.yaml',
): JourneyDiagnostic[] {
  const index = new WorkspaceIndex();
  for (const [u, t] of Object.entries(others)) index.update(u, t);
  index.update(uri, text);
  return analyzeText(uri, text, index, settings).diagnostics;
}

function only(ds: JourneyDiagnostic[], rule: RuleName): JourneyDiagnostic[] {
  return ds.filter((d) => d.rule === rule);
}

/** Asserts exactly one diagnostic of `rule` at [l1:c1, l2:c2) with that severity. */
function expectOne(
  ds: JourneyDiagnostic[],
  rule: RuleName,
  severity: string,
  [l1, c1, l2, c2]: number[],
  message?: RegExp,
): JourneyDiagnostic {
  const found = only(ds, rule);
  assert.strictEqual(found.length, 1, `expected one ${rule}, got ${JSON.stringify(ds, null, 1)}`);
  const d = found[0];
  assert.strictEqual(d.severity, severity);
  assert.deepStrictEqual(d.range, { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  if (message) assert.match(d.message, message);
  return d;
}

function expectNone(ds: JourneyDiagnostic[], rule: RuleName): void {
  assert.deepStrictEqual(only(ds, rule), [], `expected no ${rule}`);
}

/** A quiet journey; `tp2` is spliced in as the second touchpoint's extra lines. */
function journey({ personas = '[maya]', tp1 = '', tp2 = '', extraStage = '', head = '' } = {}): string {
  return [
    'journey: j',
    'title: J',
    `personas: ${personas}`,
    ...(head ? [head] : []),
    'stages:',
    '  - name: Discover',
    '    touchpoints:',
    '      - name: Sees ad',
    '        channel: web',
    '        emotion: 1',
    ...(tp1 ? [tp1] : []),
    '      - name: Buys',
    '        channel: web',
    '        emotion: 2',
    ...(tp2 ? [tp2] : []),
    ...(extraStage ? [extraStage] : []),
    '',
  ].join('\n');
}

describe('rules', () => {
  it('the quiet journey gives no diagnostic at all', () => {
    assert.deepStrictEqual(lint(journey()), []);
  });

  it('yaml-syntax: at the parser position; the near miss parses', () => {
    // Text after a closed quoted scalar: yaml points at the stray `b`.
    const ds = lint('journey: j\ntitle: "a" b\nstages: []\n');
    const syntax = only(ds, 'yaml-syntax');
    assert.ok(syntax.length >= 1, JSON.stringify(ds));
    assert.strictEqual(syntax[0].severity, 'error');
    assert.deepStrictEqual(syntax[0].range, { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } });
    assert.match(syntax[0].message, /Unexpected scalar/);
    expectNone(lint(journey()), 'yaml-syntax');
  });

  it('duplicate-id: a derived touchpoint id used twice lands on the second name', () => {
    const text = journey({ tp2: '      - name: Buys\n        channel: web\n        emotion: 2' });
    // line 12: "      - name: Buys" (the third touchpoint), name value at 14..18
    expectOne(lint(text), 'duplicate-id', 'error', [12, 14, 12, 18], /"buys" \(derived from its name\) is already used on line 10/);
    const nearMiss = journey({ tp2: '      - name: Buys\n        id: buys-again\n        channel: web\n        emotion: 2' });
    expectNone(lint(nearMiss), 'duplicate-id');
  });

  it('duplicate-id: two stages with one explicit id', () => {
    const text = journey({
      extraStage: '  - name: Later\n    id: discover\n    touchpoints:\n      - name: Pays\n        channel: web\n        emotion: 2',
    });
    // line 13: "    id: discover" value at 8..16
    expectOne(lint(text), 'duplicate-id', 'error', [13, 8, 13, 16], /Stage id "discover" is already used on line 5/);
    const nearMiss = journey({
      extraStage: '  - name: Later\n    id: pay\n    touchpoints:\n      - name: Pays\n        channel: web\n        emotion: 2',
    });
    expectNone(lint(nearMiss), 'duplicate-id');
  });

  it('duplicate-id: two workspace files define one journey id', () => {
    const other = { 'file:///w/maya.persona.yaml': MAYA, 'file:///w/b.journey.yaml': journey() };
    expectOne(lint(journey(), other), 'duplicate-id', 'error', [0, 9, 0, 10], /also defined in b\.journey\.yaml/);
    const renamed = { 'file:///w/maya.persona.yaml': MAYA, 'file:///w/b.journey.yaml': journey().replace('journey: j', 'journey: k') };
    expectNone(lint(journey(), renamed), 'duplicate-id');
  });

  it('duplicate-id: two persona files define one persona id', () => {
    const index = new WorkspaceIndex();
    index.update('file:///w/maya.persona.yaml', MAYA);
    index.update('file:///w/maya2.persona.yaml', MAYA);
    const ds = analyzeText('file:///w/maya2.persona.yaml', MAYA, index).diagnostics;
    expectOne(ds, 'duplicate-id', 'error', [0, 9, 0, 13], /Persona id "maya" is also defined in maya\.persona\.yaml/);
    const alone = new WorkspaceIndex();
    alone.update('file:///w/maya.persona.yaml', MAYA);
    expectNone(analyzeText('file:///w/maya.persona.yaml', MAYA, alone).diagnostics, 'duplicate-id');
  });

  it('unknown-persona: in personas, with a create-persona fix; silent once the file exists', () => {
    const text = journey({ personas: '[maya, omar]' });
    const d = expectOne(lint(text), 'unknown-persona', 'error', [2, 17, 2, 21], /No persona file defines "omar"/);
    assert.deepStrictEqual(d.fix, { kind: 'create-persona', personaId: 'omar' });
    expectNone(lint(text, { 'file:///w/maya.persona.yaml': MAYA, 'file:///w/omar.persona.yaml': OMAR }), 'unknown-persona');
  });

  it('unknown-persona: a close id offers did-you-mean', () => {
    const d = expectOne(lint(journey({ personas: '[mayaa]' })), 'unknown-persona', 'error', [2, 11, 2, 16], /Did you mean "maya"/);
    assert.deepStrictEqual(d.fix, { kind: 'replace', title: 'Change to "maya"', texts: ['maya'] });
  });

  it('unknown-reference: next names no touchpoint', () => {
    const text = journey({ tp1: '        next: [buyz]' });
    // line 9: "        next: [buyz]" item at 15..19
    const d = expectOne(lint(text), 'unknown-reference', 'error', [9, 15, 9, 19], /No touchpoint "buyz"/);
    assert.deepStrictEqual(d.fix?.kind, 'replace');
    expectNone(lint(journey({ tp1: '        next: [buys]' })), 'unknown-reference');
  });

  it('unknown-reference: an emotion key names a persona not in personas', () => {
    const others = { 'file:///w/maya.persona.yaml': MAYA, 'file:///w/omar.persona.yaml': OMAR };
    const text = journey({ tp2: '' }).replace('        emotion: 2', '        emotion: { maya: 2, omar: 1 }');
    // line 11: "        emotion: { maya: 2, omar: 1 }" key omar at 28..32
    expectOne(lint(text, others), 'unknown-reference', 'error', [11, 28, 11, 32], /"omar" is not one of this journey's personas/);
    expectNone(lint(text.replace('personas: [maya]', 'personas: [maya, omar]'), others), 'unknown-reference');
  });

  it('emotion-range: outside the default scale, and inside a custom one', () => {
    const text = journey().replace('        emotion: 2', '        emotion: 3');
    expectOne(lint(text), 'emotion-range', 'error', [11, 17, 11, 18], /Emotion 3 is outside the scale -2\.\.2/);
    expectNone(
      lint(journey({ head: 'emotion_scale: { min: 1, max: 5 }' }).replace('        emotion: 2', '        emotion: 3')),
      'emotion-range',
    );
  });

  it('metric-range: a percentage rate, with the 0.62 fix', () => {
    const d = expectOne(
      lint(journey({ tp2: '        metrics: { conversion: 62 }' })),
      'metric-range',
      'error',
      [12, 31, 12, 33],
      /conversion 62 is outside 0\.\.1/,
    );
    assert.deepStrictEqual(d.fix, { kind: 'replace', title: 'Change to 0.62', texts: ['0.62'] });
    expectNone(lint(journey({ tp2: '        metrics: { conversion: 0.62 }' })), 'metric-range');
  });

  it('metric-range: nps below -100 has no percentage fix', () => {
    const d = expectOne(lint(journey({ tp2: '        metrics: { nps: -101 }' })), 'metric-range', 'error', [12, 24, 12, 28]);
    assert.strictEqual(d.fix, undefined);
  });

  it('unknown-channel: warning with did-you-mean; a declared channel is silent', () => {
    const text = journey().replace('        channel: web\n        emotion: 2', '        channel: webb\n        emotion: 2');
    const d = expectOne(lint(text), 'unknown-channel', 'warning', [10, 17, 10, 21], /Did you mean "web"/);
    assert.deepStrictEqual(d.fix?.kind, 'replace');
    const declared = journey({ head: 'channels: [{ id: webb, label: Web B }]' }).replace(
      '        channel: web\n        emotion: 2',
      '        channel: webb\n        emotion: 2',
    );
    expectNone(lint(declared), 'unknown-channel');
  });

  it('funnel-mismatch: conversion + drop_off off 1 by more than 0.005', () => {
    const d = expectOne(
      lint(journey({ tp2: '        metrics: { conversion: 0.6, drop_off: 0.3 }' })),
      'funnel-mismatch',
      'warning',
      [12, 46, 12, 49],
      /sum to 1/,
    );
    assert.deepStrictEqual(d.fix, { kind: 'replace', title: 'Change drop_off to 0.4', texts: ['0.4'] });
    expectNone(lint(journey({ tp2: '        metrics: { conversion: 0.6, drop_off: 0.396 }' })), 'funnel-mismatch');
  });

  it('funnel-growth: volume rises on an unbranched path', () => {
    const text = journey({ tp1: '        metrics: { volume: 100 }', tp2: '        metrics: { volume: 120 }' });
    // line 13: "        metrics: { volume: 120 }" value at 27..30
    expectOne(lint(text), 'funnel-growth', 'warning', [13, 27, 13, 30], /Volume rises from 100 at "Sees ad" to 120/);
    expectNone(lint(journey({ tp1: '        metrics: { volume: 120 }', tp2: '        metrics: { volume: 100 }' })), 'funnel-growth');
  });

  it('funnel-growth: silent where paths merge', () => {
    const text = [
      'journey: j',
      'title: J',
      'stages:',
      '  - name: S',
      '    touchpoints:',
      '      - { name: A, emotion: 1, next: [b, c], metrics: { volume: 100 } }',
      '      - { name: B, emotion: 1, next: [d], metrics: { volume: 60 } }',
      '      - { name: C, emotion: 1, next: [d], metrics: { volume: 40 } }',
      '      - { name: D, emotion: 1, metrics: { volume: 100 } }',
      '',
    ].join('\n');
    expectNone(lint(text, {}), 'funnel-growth');
  });

  it('empty-stage: on the stage name', () => {
    const text = journey({ extraStage: '  - name: Nothing yet' });
    expectOne(lint(text), 'empty-stage', 'warning', [12, 10, 12, 21], /Stage "Nothing yet" has no touchpoints/);
    expectNone(lint(journey()), 'empty-stage');
  });

  it('unmeasured-moment: on the moment_of_truth key', () => {
    expectOne(
      lint(journey({ tp1: '        moment_of_truth: true' })),
      'unmeasured-moment',
      'warning',
      [9, 8, 9, 23],
      /"Sees ad" is a moment of truth/,
    );
    expectNone(lint(journey({ tp1: '        moment_of_truth: true\n        metrics: { csat: 80, responses: 40 }' })), 'unmeasured-moment');
    expectNone(lint(journey({ tp1: '        moment_of_truth: false' })), 'unmeasured-moment');
  });

  it('low-end: the end moment below the midpoint', () => {
    const text = journey().replace('        emotion: 2', '        emotion: -1');
    expectOne(lint(text), 'low-end', 'warning', [11, 17, 11, 19], /ends at emotion -1, below the scale's midpoint 0/);
    expectNone(lint(journey().replace('        emotion: 2', '        emotion: 0')), 'low-end');
  });

  it('backstage-owner: info on the entry without owner', () => {
    const text = journey({ tp1: '        backstage:\n          - Stock check\n          - { text: Fraud check, owner: risk }' });
    expectOne(lint(text), 'backstage-owner', 'info', [10, 12, 10, 23], /without an owner/);
    expectNone(lint(journey({ tp1: '        backstage:\n          - { text: Fraud check, owner: risk }' })), 'backstage-owner');
  });

  it('low-sample: responses under 30 behind a score', () => {
    expectOne(
      lint(journey({ tp1: '        metrics: { csat: 80, responses: 12 }' })),
      'low-sample',
      'info',
      [9, 40, 9, 42],
      /csat rests on 12 responses/,
    );
    expectNone(lint(journey({ tp1: '        metrics: { csat: 80, responses: 30 }' })), 'low-sample');
    expectNone(lint(journey({ tp1: '        metrics: { volume: 80, responses: 12 }' })), 'low-sample');
  });

  it('assumption-only: evidence that is assumption alone', () => {
    expectOne(
      lint(journey({ tp1: '        evidence: [assumption]' })),
      'assumption-only',
      'info',
      [9, 18, 9, 30],
      /rests on assumption alone/,
    );
    expectNone(lint(journey({ tp1: '        evidence: [assumption, analytics]' })), 'assumption-only');
  });

  it('friction-hotspot: rank, score and revenue at risk in the message, on the name', () => {
    const text = journey({
      head: 'metrics: { value_per_customer: 50 }',
      tp1: '        metrics: { volume: 1000, drop_off: 0.8, conversion: 0.2 }\n        pain_points: [{ text: Slow, severity: high }]',
    }).replace('        emotion: 1', '        emotion: -2');
    // Friction: negative (2 - -2)/4 = 1 (x0.40), drop 0.8 (x0.35), pain 0.75 (x0.25) = 0.4 + 0.28 + 0.1875 = 0.8675
    // Customers lost: 1000 x 0.8 = 800; completion after: the next touchpoint is unmeasured (1) and the end (1) = 1
    // Revenue at risk: 800 x 1 x 50 = 40,000; no evidence: confidence low; no currency or period to name
    expectOne(
      lint(text),
      'friction-hotspot',
      'info',
      [7, 14, 7, 21],
      /^Hotspot #1 of 1: "Sees ad", friction 0\.87, 800 customers lost, 40\.0K at risk \(confidence low\)$/,
    );
    // With a currency and a period, the money names both; analytics evidence makes it high.
    const withMoney = text
      .replace('metrics: { value_per_customer: 50 }', 'currency: EUR\nmetrics: { value_per_customer: 50, period: 2026-Q1 }')
      .replace('        pain_points:', '        evidence: [analytics]\n        pain_points:');
    expectOne(
      lint(withMoney),
      'friction-hotspot',
      'info',
      [8, 14, 8, 21],
      /^Hotspot #1 of 1: "Sees ad", friction 0\.87, 800 customers lost, EUR 40\.0K at risk per 2026-Q1 \(confidence high\)$/,
    );
    expectNone(lint(journey()), 'friction-hotspot');
  });

  it('severities are configurable per rule, and off silences a rule', () => {
    const text = journey({ extraStage: '  - name: Nothing yet' });
    const asError = lint(text, undefined, { ...DEFAULT_SETTINGS, rules: { 'empty-stage': 'error' } });
    expectOne(asError, 'empty-stage', 'error', [12, 10, 12, 21]);
    expectNone(lint(text, undefined, { ...DEFAULT_SETTINGS, rules: { 'empty-stage': 'off' } }), 'empty-stage');
  });

  it('the friction threshold is a setting', () => {
    // "Sees ad" has friction (2 - 1) / 4 = 0.25 only.
    const ds = lint(journey(), undefined, { ...DEFAULT_SETTINGS, frictionThreshold: 0.25 });
    expectOne(
      ds,
      'friction-hotspot',
      'info',
      [6, 14, 6, 21],
      /friction 0\.25, customers lost unknown, revenue at risk unknown \(no volume\)/,
    );
  });
});

describe('rules: fixes that pass the rules they touch, and non-finite numbers (issue 13)', () => {
  const journey = (tp: string) =>
    `journey: j\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n      - name: A\n        channel: web\n${tp}`;
  const found = (text: string) =>
    analyzeText('file:///w/j.journey.yaml', text, new WorkspaceIndex()).diagnostics.map((d) => [
      d.rule,
      d.message,
      d.range.start.line,
      d.range.start.character,
      d.fix ?? null,
    ]);

  it('offers no drop_off fix from a conversion outside 0..1 (it would be -79), and no 0.015 for conversion 1.5', () => {
    assert.deepStrictEqual(found(journey('        metrics: { conversion: 80, drop_off: 0.2 }\n')), [
      [
        'metric-range',
        'conversion 80 is outside 0..1: a rate is a fraction. Did you mean 0.8 (80%)?',
        7,
        31,
        { kind: 'replace', title: 'Change to 0.8', texts: ['0.8'] },
      ],
      ['funnel-mismatch', 'conversion 80 + drop_off 0.2 = 80.2; they should sum to 1.', 7, 45, null],
    ]);
    assert.deepStrictEqual(found(journey('        metrics: { conversion: 1.5 }\n')), [
      ['metric-range', 'conversion 1.5 is outside its range 0..1 (share of those entering who move on).', 7, 31, null],
    ]);
  });

  it("reports .nan and .inf emotions and metrics, in YAML's spelling", () => {
    assert.deepStrictEqual(found(journey('        emotion: .nan\n        metrics: { conversion: -.inf, volume: .inf }\n')), [
      ['emotion-range', 'Emotion .nan is not a number on the scale -2..2.', 7, 17, null],
      ['metric-range', 'conversion is -.inf, which is not a number in 0..1 (share of those entering who move on).', 8, 31, null],
      ['metric-range', 'volume is .inf, which is not a number in 0..∞ (customers entering per period).', 8, 46, null],
    ]);
  });
});
