// The `schema` rule: every kind of JSON Schema error lands on the exact key or value at fault,
// with did-you-mean and a quick fix where one is close, and oneOf noise reduced to one error.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import { parseFile } from '../../server/src/core/parse';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSchema, checkSchemaWhole, MAX_SCHEMA_DIAGNOSTICS, schemaFor, subschemaAt } from '../../server/src/core/schema';
import { closest, editDistance } from '../../server/src/core/suggest';
import type { JourneyDiagnostic } from '../../server/src/core/types';
import { EVIDENCE_KINDS, JOURNEY_TYPES, METRIC_NAMES, SEVERITIES, VARIANTS } from '../../server/src/core/vocabulary';
import { WorkspaceIndex } from '../../server/src/core/workspace';

const J = 'file:///w/x.journey.yaml';
const P = 'file:///w/x.persona.yaml';

function check(text: string, uri = J): JourneyDiagnostic[] {
  return checkSchema(parseFile(uri, text));
}

/** [startLine, startChar, endLine, endChar] */
function at(d: JourneyDiagnostic): number[] {
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

function only(text: string, uri = J): JourneyDiagnostic {
  const ds = check(text, uri);
  assert.equal(ds.length, 1, `expected one diagnostic, got: ${ds.map((d) => d.message).join(' | ')}`);
  assert.equal(ds[0].rule, 'schema');
  assert.equal(ds[0].severity, 'error');
  return ds[0];
}

const HEAD = 'journey: buy-phone\ntitle: Buy a phone\n';
/** A journey with one touchpoint whose body is `tp` (indented under `- `, 8 spaces). */
function withTouchpoint(tp: string): string {
  return `${HEAD}stages:\n  - name: Buy\n    touchpoints:\n      - name: Pays\n${tp
    .split('\n')
    .map((l) => (l ? '        ' + l : l))
    .join('\n')}\n`;
}

describe('schema: unknown keys', () => {
  it('puts an unknown root key on the key, with did-you-mean and a replace fix', () => {
    const d = only(`${HEAD}stges:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [2, 0, 2, 5]);
    assert.equal(d.message, 'Unknown key `stges` in the journey: did you mean `stages`?');
    assert.deepEqual(d.fix, { kind: 'replace', title: 'Change to "stages"', texts: ['stages'] });
  });

  it('reports an unknown key inside a pain point map once, not as "must be string" + "must match one schema"', () => {
    const text = withTouchpoint('pain_points:\n  - { text: Hidden fees, sevrity: high }');
    const d = only(text);
    // line 7: `          - { text: Hidden fees, sevrity: high }`
    assert.deepEqual(at(d), [7, 33, 7, 40]);
    assert.equal(d.message, 'Unknown key `sevrity` in a pain point: did you mean `severity`?');
    assert.deepEqual(d.fix?.kind === 'replace' && d.fix.texts, ['severity']);
  });

  it('names a key yaml reads as a number as it is written (`.nan`, not NaN)', () => {
    const d = only(`${HEAD}stages:\n  - name: Buy\n    touchpoints:\n      - name: Pays\n.nan: 1\n`);
    assert.deepEqual(at(d), [6, 0, 6, 4]);
    assert.match(d.message, /^Unknown key `\.nan` in the journey\. Known keys: /);
  });

  it("names .nan and .inf values in YAML's words, not NaN and Infinity", () => {
    const ds = check('journey: .nan\ntitle: -.inf\nstages:\n  - name: Buy\n    touchpoints:\n      - name: Pays\n');
    assert.deepEqual(
      ds.map((d) => [at(d), d.message]),
      [
        [[0, 9, 0, 13], '`journey` must be text, not the number .nan.'],
        [[1, 7, 1, 12], '`title` must be text, not the number -.inf.'],
      ],
    );
  });

  it('lists the known keys when no key is close, and offers no fix', () => {
    const d = only(`${HEAD}colour_scheme: dark\nstages:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [2, 0, 2, 13]);
    assert.match(
      d.message,
      /^Unknown key `colour_scheme` in the journey\. Known keys: journey, title, description, type, variant, baseline, data, personas, /,
    );
    assert.equal(d.fix, undefined);
  });

  it('suggests a metric for a misspelt metric key and points at `custom` otherwise', () => {
    const typo = only(withTouchpoint('metrics: { nsp: 31, responses: 40 }'));
    assert.deepEqual(at(typo), [6, 19, 6, 22]);
    assert.equal(typo.message, 'Unknown key `nsp` in `metrics`: did you mean `nps`?');
    const other = only(withTouchpoint('metrics:\n  first_contact_resolution: 0.7'));
    assert.deepEqual(at(other), [7, 10, 7, 34]);
    assert.match(other.message, /Put other figures under `custom`\.$/);
  });

  it('does not suggest a key the map already has', () => {
    const d = only(withTouchpoint('nmae: Pays by card'));
    assert.deepEqual(at(d), [6, 8, 6, 12]);
    assert.match(d.message, /^Unknown key `nmae` in touchpoint "Pays"\. Known keys: id, name, /);
    assert.equal(d.fix, undefined);
  });

  it('reports a misspelt required key once: as unknown key with did-you-mean, not also as missing', () => {
    const text = `${HEAD}stages:\n  - nme: Buy\n    touchpoints:\n      - name: Pays\n`;
    const d = only(text);
    assert.deepEqual(at(d), [3, 4, 3, 7]);
    assert.equal(d.message, 'Unknown key `nme` in stage 1: did you mean `name`?');
  });

  it('checks persona files against the persona schema', () => {
    const d = only('persona: maya\nname: Maya\ncolour: "#4e79a7"\n', P);
    assert.deepEqual(at(d), [2, 0, 2, 6]);
    assert.equal(d.message, 'Unknown key `colour` in the persona: did you mean `color`?');
  });
});

describe('schema: missing required keys', () => {
  it("puts a missing touchpoint name on the list item's first line", () => {
    const text = `${HEAD}stages:\n  - name: Buy\n    touchpoints:\n      - id: pay\n        channel: web\n`;
    const d = only(text);
    assert.deepEqual(at(d), [5, 8, 5, 15]);
    assert.equal(d.message, 'Missing required key `name` in touchpoint 1.');
  });

  it('puts a missing root key on the `journey:` key, never the whole file', () => {
    const d = only('# a comment\njourney: buy-phone\nstages:\n  - name: Buy\n');
    assert.deepEqual(at(d), [1, 0, 1, 7]);
    assert.equal(d.message, 'Missing required key `title` in the journey.');
  });

  it('puts a missing `journey` id on the first key', () => {
    const d = only('title: Buy a phone\nstages:\n  - name: Buy\n');
    assert.deepEqual(at(d), [0, 0, 0, 5]);
    assert.equal(d.message, 'Missing required key `journey` in the journey.');
  });

  it("puts a missing key of a nested map on that map's own key", () => {
    const d = only(`${HEAD}emotion_scale: { min: -3 }\nstages:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [2, 0, 2, 13]);
    assert.equal(d.message, 'Missing required key `max` in `emotion_scale`.');
  });

  it('names a persona missing its name', () => {
    const d = only('persona: maya\nrole: Student\n', P);
    assert.deepEqual(at(d), [0, 0, 0, 7]);
    assert.equal(d.message, 'Missing required key `name` in the persona.');
  });
});

describe('schema: wrong types', () => {
  it('puts a wrong emotion type on the value, once (oneOf reduced)', () => {
    const d = only(withTouchpoint('emotion: high'));
    assert.deepEqual(at(d), [6, 17, 6, 21]);
    assert.equal(d.message, '`emotion` must be a number or a map of persona ids to numbers, not text ("high").');
  });

  it('reports a wrong value inside an emotion map on that value', () => {
    const d = only(withTouchpoint('emotion: { maya: good }'));
    assert.deepEqual(at(d), [6, 25, 6, 29]);
    assert.equal(d.message, '`maya` must be a number, not text ("good").');
  });

  it('reports a pain point that is neither text nor a map once, on the item', () => {
    const d = only(withTouchpoint('pain_points:\n  - 5'));
    assert.deepEqual(at(d), [7, 12, 7, 13]);
    assert.equal(d.message, 'Item 1 of `pain_points` must be text or a map (text, severity, evidence), not the number 5.');
  });

  it('reports a moment of truth with a bad key on the key, not as a type error', () => {
    const d = only(withTouchpoint('moment_of_truth: { sucess: fast delivery }\nmetrics: { csat: 80, responses: 40 }'));
    assert.deepEqual(at(d), [6, 27, 6, 33]);
    assert.equal(d.message, 'Unknown key `sucess` in `moment_of_truth`: did you mean `success`?');
  });

  it('wants a list where the spec has one', () => {
    const d = only(`${HEAD}personas: first-time-buyer\nstages:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [2, 10, 2, 26]);
    assert.equal(d.message, '`personas` must be a list, not text ("first-time-buyer").');
  });

  it('marks only the first line of a wrongly typed block value', () => {
    const d = only(`${HEAD}personas:\n  maya: 1\n  tom: 2\nstages:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [3, 2, 3, 9]);
    assert.equal(d.message, '`personas` must be a list, not a map.');
  });

  it('keeps exact ranges in a file with CRLF line breaks', () => {
    const d = only(
      'journey: buy-phone\r\ntitle: Buy\r\nstages:\r\n  - name: Buy\r\n    touchpoints:\r\n      - name: Pays\r\n        emotion: high\r\n',
    );
    assert.deepEqual(at(d), [6, 17, 6, 21]);
  });

  it('marks a key with no value on the key itself', () => {
    const d = only('journey: buy-phone\ntitle:\nstages:\n  - name: Buy\n');
    assert.deepEqual(at(d), [1, 0, 1, 5]);
    assert.equal(d.message, '`title` has no value: expected text.');
  });

  it('offers to quote a number written where text is expected', () => {
    const d = only(`${HEAD}metrics: { period: 2026 }\nstages:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [2, 19, 2, 23]);
    assert.equal(d.message, '`period` must be text, not the number 2026.');
    assert.deepEqual(d.fix, { kind: 'replace', title: 'Quote as text', texts: ['"2026"'] });
  });

  it('wants whole numbers for the emotion scale', () => {
    const d = only(`${HEAD}emotion_scale: { min: -2.5, max: 2 }\nstages:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [2, 22, 2, 26]);
    assert.equal(d.message, '`min` must be a whole number, not the number -2.5.');
  });

  it('gives an empty file one clear message on the first line', () => {
    const d = only('');
    assert.deepEqual(at(d), [0, 0, 0, 0]);
    assert.equal(d.message, 'A journey file holds a map with `journey`, `title` and `stages`.');
  });

  it('gives a top-level list one message on its first line', () => {
    const d = only('# my journey\n- name: Buy\n- name: Pay\n');
    assert.deepEqual(at(d), [1, 0, 1, 11]);
    assert.equal(d.message, 'A journey file holds a map with `journey`, `title` and `stages`.');
  });

  it('gives a scalar persona file the persona message', () => {
    const d = only('just some text\n', P);
    assert.deepEqual(at(d), [0, 0, 0, 14]);
    assert.equal(d.message, 'A persona file holds a map with `persona` and `name`.');
  });
});

describe('schema: enums, ids and bounds', () => {
  it('puts an unknown journey type on the value, with did-you-mean and a fix', () => {
    const d = only(`${HEAD}type: onbord\nstages:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [2, 6, 2, 12]);
    assert.equal(
      d.message,
      'Unknown journey type `onbord`: did you mean `onboard`? ' +
        'Expected one of: shop-learn-buy, onboard, pay, use, get-help, change, leave, other.',
    );
    assert.deepEqual(d.fix, { kind: 'replace', title: 'Change to "onboard"', texts: ['onboard'] });
  });

  it('suggests a severity inside a pain point map', () => {
    const d = only(withTouchpoint('pain_points:\n  - { text: Hidden fees, severity: hihg }'));
    assert.deepEqual(at(d), [7, 43, 7, 47]);
    assert.match(d.message, /^Unknown severity `hihg`: did you mean `high`\?/);
    assert.deepEqual(d.fix?.kind === 'replace' && d.fix.texts, ['high']);
  });

  it('suggests an evidence kind inside a list', () => {
    const d = only(withTouchpoint('evidence: [survey, analitics]'));
    assert.deepEqual(at(d), [6, 27, 6, 36]);
    assert.match(d.message, /^Unknown evidence kind `analitics`: did you mean `analytics`\?/);
  });

  it('lists the values without a fix when none is close', () => {
    const d = only(`${HEAD}variant: future\nstages:\n  - name: Buy\n`);
    assert.deepEqual(at(d), [2, 9, 2, 15]);
    assert.equal(d.message, 'Unknown variant `future`. Expected one of: as-is, to-be.');
    assert.equal(d.fix, undefined);
  });

  it('offers the kebab-case form of a bad id', () => {
    const d = only('journey: Buy Phone\ntitle: Buy\nstages:\n  - name: Buy\n');
    assert.deepEqual(at(d), [0, 9, 0, 18]);
    assert.match(d.message, /^`journey`: `Buy Phone` is not a kebab-case id/);
    assert.deepEqual(d.fix, { kind: 'replace', title: 'Change to "buy-phone"', texts: ['buy-phone'] });
  });

  it('bounds a persona share to 0..1 and offers the fraction of a percentage', () => {
    const d = only('persona: maya\nname: Maya\nshare: 35\n', P);
    assert.deepEqual(at(d), [2, 7, 2, 9]);
    assert.equal(d.message, '`share` must be between 0 and 1, not 35.');
    assert.deepEqual(d.fix, { kind: 'replace', title: 'Change to "0.35"', texts: ['0.35'] });
  });

  it('wants a colour as #rrggbb', () => {
    const d = only('persona: maya\nname: Maya\ncolor: blue\n', P);
    assert.deepEqual(at(d), [2, 7, 2, 11]);
    assert.match(d.message, /is not a colour/);
  });

  it('needs at least one stage', () => {
    const d = only(`${HEAD}stages: []\n`);
    assert.deepEqual(at(d), [2, 8, 2, 10]);
    assert.equal(d.message, '`stages` needs at least 1 stage.');
  });

  it('leaves metric ranges to the metric-range rule (no double report)', () => {
    const text = withTouchpoint('metrics: { conversion: 62, volume: 1.5, nps: 300, responses: 40 }');
    assert.deepEqual(check(text), []);
    const all = analyzeText(J, text, new WorkspaceIndex()).diagnostics.filter((d) => d.range.start.line === 6);
    assert.ok(all.length >= 1, 'the metric-range rule reports them');
    assert.ok(
      all.every((d) => d.rule === 'metric-range'),
      all.map((d) => d.rule).join(),
    );
  });
});

describe('schema: near-misses stay silent', () => {
  it("accepts every allowed form of the spec's example", () => {
    const text = `# yaml-language-server: $schema=../schemas/journey.schema.json
journey: buy-phone-online
title: Buy a phone online
description: First purchase
type: shop-learn-buy
variant: to-be
personas: [first-time-buyer, upgrader]
owner: digital-commerce
goal: Get it fast
business_outcome: Revenue
emotion_scale: { min: -3, max: 3 }
channels:
  - { id: partner-store, label: Partner store }
  - kiosk-2
metrics: { completion_rate: 0.41, nps: 31, volume: 120000, value_per_customer: 950, custom: { repeat_rate: 0.2 } }
stages:
  - id: discover
    name: Discover
    touchpoints:
      - name: Sees a search ad
        channel: partner-store
        emotion: 1
        moment_of_truth: false
        pain_points:
          - Too many similar models
          - { text: Shipping cost, severity: critical, evidence: analytics }
        opportunities:
          - Show delivery cost
          - { text: Delivery cost, owner: web-team, link: "https://tracker.example/JM-12" }
        backstage:
          - Stock check
          - { text: Stock check, owner: fulfilment, system: wms }
        evidence: [analytics, survey]
        next: [compare]
        metrics: { conversion: 0.62, drop_off: 0.38, volume: 120000, csat: 71, responses: 230, ces: 5.5, escalations: 3, \
cost_to_serve: 2.5, revenue_at_risk: 0, period: 2026-Q3, source: GA4 }
      - id: compare
        name: Compares
        emotion: { first-time-buyer: -1.5, upgrader: 0 }
        moment_of_truth: { success: Clear winner, failure: Gives up }
        metrics: { csat: 50, responses: 31 }
  - name: Empty stage is the empty-stage rule's business
`;
    assert.deepEqual(check(text), []);
  });

  it('accepts a full persona', () => {
    const text = `persona: first-time-buyer
name: Maya
role: Student
segment: Young urban
share: 0.35
quote: "I just want to know."
description: Buys rarely.
goals: [Pay a fair price]
frustrations: [Hidden fees]
needs: [Clear delivery dates]
motivations: [Independence]
channels: [web, mobile-app]
devices: [phone]
jobs:
  - { when: my phone breaks, want: a replacement today, so_that: I stay reachable }
demographics: { age: 25-34, location: Lisbon }
metrics: { nps: 12, csat: 64, responses: 80 }
color: "#4e79a7"
evidence: [interview, survey]
`;
    assert.deepEqual(check(text, P), []);
  });

  it('leaves unknown channels and persona ids to their own rules', () => {
    assert.deepEqual(
      check(
        `${HEAD}personas: [nobody-yet]\n` +
          'stages:\n' +
          '  - name: Buy\n' +
          '    touchpoints:\n' +
          '      - name: Pays\n' +
          '        channel: carrier-pigeon\n' +
          '        emotion: { nobody-yet: 1 }\n',
      ),
      [],
    );
  });

  it('says nothing about a file with a YAML syntax error (yaml-syntax does)', () => {
    const r = analyzeText(J, `${HEAD}stages: [\n`, new WorkspaceIndex());
    assert.ok(r.diagnostics.some((d) => d.rule === 'yaml-syntax'));
    assert.ok(!r.diagnostics.some((d) => d.rule === 'schema'));
  });

  it('turns an alias bomb into one clear diagnostic instead of expanding it', () => {
    const text =
      'a: &a [1,1,1,1,1,1,1,1,1,1]\n' +
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' +
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    const d = only(text);
    assert.deepEqual(at(d), [1, 7, 1, 9]);
    assert.match(d.message, /aliases expand too far/);
  });

  it('maps errors through aliases to the anchored node', () => {
    const text =
      `${HEAD}x-pain: &pain { text: Fees, sevrity: high }\n` +
      'stages:\n' +
      '  - name: Buy\n' +
      '    touchpoints:\n' +
      '      - name: Pays\n' +
      '        pain_points: [*pain]\n';
    const ds = check(text);
    // The unknown root key `x-pain`, and the typo inside the anchored map, at its source.
    assert.deepEqual(ds.map(at), [
      [2, 0, 2, 6],
      [2, 28, 2, 35],
    ]);
  });
});

describe('schema helpers for completion and hover', () => {
  it('schemaFor gives the raw schemas with their $id', () => {
    assert.equal((schemaFor('journey') as { $id: string }).$id, 'https://journeymap.dev/schemas/journey.schema.json');
    assert.equal((schemaFor('persona') as { $id: string }).$id, 'https://journeymap.dev/schemas/persona.schema.json');
  });

  it('subschemaAt walks properties, items, $ref and the map branch of a oneOf', () => {
    const sev = subschemaAt('journey', ['stages', 0, 'touchpoints', 3, 'pain_points', 1, 'severity']) as { enum: string[]; title: string };
    assert.deepEqual(sev.enum, ['low', 'medium', 'high', 'critical']);
    assert.equal(sev.title, 'Severity');
    const tpMetrics = subschemaAt('journey', ['stages', 0, 'touchpoints', 0, 'metrics']) as {
      title: string;
      description: string;
      properties: object;
    };
    assert.equal(tpMetrics.description, 'Figures measured at this touchpoint.');
    assert.ok('conversion' in tpMetrics.properties, '$ref resolved');
    assert.equal((subschemaAt('journey', ['metrics']) as { title: string }).title, 'Journey metrics');
    assert.equal((subschemaAt('journey', ['stages', 0, 'touchpoints', 0, 'emotion', 'maya']) as { type: string }).type, 'number');
    assert.equal(
      (subschemaAt('journey', ['stages', 0, 'touchpoints', 0, 'metrics', 'custom', 'repeat_rate']) as { type: string }).type,
      'number',
    );
    const pain = subschemaAt('journey', ['stages', 0, 'touchpoints', 0, 'pain_points', 0]) as { oneOf: unknown[]; title: string };
    assert.equal(pain.title, 'Pain point');
    assert.equal(pain.oneOf.length, 2);
    assert.equal((subschemaAt('persona', ['jobs', 0, 'so_that']) as { title: string }).title, 'So that');
    assert.equal(subschemaAt('journey', ['stages', 0, 'nope']), null);
    assert.equal(subschemaAt('journey', ['title', 'deeper']), null);
  });

  it('gives every property a title, description and markdownDescription', () => {
    const missing: string[] = [];
    const walk = (s: unknown, where: string, isProperty: boolean) => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if (isProperty)
        for (const k of ['title', 'description', 'markdownDescription']) if (typeof o[k] !== 'string') missing.push(`${where}.${k}`);
      for (const [k, v] of Object.entries((o.properties as object) ?? {})) walk(v, `${where}/${k}`, true);
      for (const [k, v] of Object.entries((o.definitions as object) ?? {})) walk(v, `${where}#${k}`, true);
      for (const k of ['items', 'additionalProperties'])
        if (o[k] && typeof o[k] === 'object') walk(o[k], `${where}/${k}`, !('$ref' in (o[k] as object)));
      for (const k of ['oneOf', 'anyOf']) ((o[k] as unknown[]) ?? []).forEach((b, i) => walk(b, `${where}/${k}${i}`, true));
    };
    walk(schemaFor('journey'), 'journey', true);
    walk(schemaFor('persona'), 'persona', true);
    assert.deepEqual(missing, []);
  });

  it('agrees with the shared vocabulary (types, variants, severities, evidence, metrics)', () => {
    const enumAt = (path: (string | number)[]) => (subschemaAt('journey', path) as { enum: string[] }).enum;
    assert.deepEqual(enumAt(['type']), [...JOURNEY_TYPES]);
    assert.deepEqual(enumAt(['variant']), [...VARIANTS]);
    assert.deepEqual(enumAt(['stages', 0, 'touchpoints', 0, 'pain_points', 0, 'severity']), [...SEVERITIES]);
    assert.deepEqual(enumAt(['stages', 0, 'touchpoints', 0, 'evidence', 0]), [...EVIDENCE_KINDS]);
    assert.deepEqual(Object.keys((subschemaAt('journey', ['metrics']) as { properties: object }).properties), [...METRIC_NAMES]);
    assert.deepEqual(Object.keys((subschemaAt('persona', ['metrics']) as { properties: object }).properties), [...METRIC_NAMES]);
  });
});

describe('schema: a journey checked one touchpoint at a time', () => {
  const byKey = (ds: JourneyDiagnostic[]) => [...ds].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const files = [join(__dirname, '../../samples'), join(__dirname, '../fixtures/faults')].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.journey.yaml'))
      .map((f) => join(dir, f)),
  );

  it('finds what the whole-file check finds on every sample and fault file, and on touchpoints broken every way', () => {
    const broken = [
      'emotion: lots',
      'channel: 3',
      'colour: red',
      'pain_points: [{ txt: a }]',
      'metrics: { nsp: 3 }',
      'evidence: [rumour]',
      'moment_of_truth: { sucess: x }',
      'next: 3',
      'emotion: { a: x }',
      'backstage: [{ owner: 3 }]',
      'id: Not Kebab',
    ];
    const texts = [
      ...files.map((f) => readFileSync(f, 'utf8')),
      ...broken.map((b) => withTouchpoint(b)),
      `${HEAD}stages:\n  - name: Buy\n    touchpoints:\n      - just text\n      -\n      - [a, b]\n      - channel: web\n`,
      `${HEAD}stages:\n` +
        '  - name: Buy\n' +
        '    touchpoints: {}\n' +
        '  - 3\n' +
        '  - name: Pay\n' +
        '    touchpoints:\n' +
        '      - name: X\n' +
        '        emotion: 9\n' +
        '        colour: red\n',
    ];
    for (const text of texts) {
      const parsed = parseFile(J, text);
      if (parsed.syntax.length) continue;
      assert.deepEqual(byKey(checkSchema(parsed)), byKey(checkSchemaWhole(parsed)), text.slice(0, 200));
    }
  });

  it('names a touchpoint without a name by its place, and a broken item as an item of `touchpoints`', () => {
    const text = `${HEAD}stages:\n  - name: Buy\n    touchpoints:\n      - name: A\n      - channel: web\n      - 3\n`;
    const messages = check(text).map((d) => [at(d), d.message]);
    assert.deepEqual(messages, [
      [[6, 8, 6, 20], 'Missing required key `name` in touchpoint 2.'],
      [
        [7, 8, 7, 9],
        'Item 3 of `touchpoints` must be a map (id, name, channel, action, thought, emotion, moment_of_truth, pain_points, ' +
          'opportunities, backstage, owner, evidence, next, metrics), not the number 3.',
      ],
    ]);
  });

  it('lists the first 200 problems and counts the rest, across touchpoints', () => {
    const tps = Array.from({ length: 150 }, (_, i) => `      - name: T${i}\n        colour: red\n        emotion: lots\n`).join('');
    const ds = check(`${HEAD}stages:\n  - name: Buy\n    touchpoints:\n${tps}`);
    assert.equal(ds.length, MAX_SCHEMA_DIAGNOSTICS + 1);
    assert.equal(
      ds[MAX_SCHEMA_DIAGNOSTICS].message,
      `100 more schema problems from here on are not listed: the first ${MAX_SCHEMA_DIAGNOSTICS} are.`,
    );
    // The count starts at the first problem not listed: touchpoint 101's unknown key.
    assert.deepEqual(at(ds[MAX_SCHEMA_DIAGNOSTICS]), [5 + 100 * 3 + 1, 8, 5 + 100 * 3 + 1, 14]);
  });
});

describe('suggest: closest', () => {
  it('measures transpositions as one edit', () => {
    assert.equal(editDistance('nsp', 'nps'), 1);
    assert.equal(editDistance('stges', 'stages'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('ranks close candidates first, case- and separator-insensitively', () => {
    assert.deepEqual(closest('nsp', ['csat', 'nps', 'ces']), ['nps']);
    assert.deepEqual(closest('Drop-Off', ['conversion', 'drop_off']), ['drop_off']);
    assert.deepEqual(closest('upgrader', ['upgrade', 'loyal-upgrader', 'upgraders']), ['upgrade', 'upgraders']);
  });

  it('stays silent when nothing is close, and never suggests the word itself', () => {
    assert.deepEqual(closest('colour_scheme', ['color', 'channels']), []);
    assert.deepEqual(closest('ab', ['id']), []);
    assert.deepEqual(closest('web', ['web']), []);
    assert.deepEqual(closest('xyz', ['web'], 3), []);
  });
});
