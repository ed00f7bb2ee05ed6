// Format v1.1's analysis on hand-worked journeys: paths and completion after (linear, branching
// with and without volumes, a loop back, unmeasured steps), customers lost, revenue at risk (a
// given figure, the leave rule), money with currency and period, hotspot totals, persona
// shares, the peak tie, confidence, opportunity value and priority, and the journey score with
// each term absent in turn. Every expected number is worked out in the comment above it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MarkupContent } from 'vscode-languageserver-types';
import { analyzeText } from '../../server/src/core/analyze';
import { hover } from '../../server/src/core/hover';
import type { JourneyModel } from '../../server/src/core/model';
import { completionAfter, confidence, formatAmount, formatMoney, hotspotTotal, periodsPerYear } from '../../server/src/core/scores';
import { WorkspaceIndex } from '../../server/src/core/workspace';

const close = (a: number | null | undefined, b: number, what = '') =>
  assert.ok(typeof a === 'number' && Math.abs(a - b) < 1e-9, `${what} ${a} != ${b}`);

function analyse(text: string, index = new WorkspaceIndex()) {
  const a = analyzeText('file:///w/t.journey.yaml', text, index);
  assert.ok(a.model && a.model.kind === 'journey');
  return { model: a.model as JourneyModel, diagnostics: a.diagnostics, parsed: a.parsed, analysis: a, index };
}

const journey = (head: string, touchpoints: string[]): string =>
  ['journey: t', 'title: T', head, 'stages:', '  - name: S', '    touchpoints:', ...touchpoints.map((t) => `      - ${t}`), '']
    .filter((l) => l !== '')
    .join('\n') + '\n';

// A linear journey of four steps, EUR, per quarter, 200 per completed journey.
const LINEAR = journey('currency: EUR\nmetrics: { value_per_customer: 200, period: 2026-Q1 }', [
  '{ id: a, name: A, emotion: -2, metrics: { volume: 10000, conversion: 0.6 } }',
  '{ id: b, name: B, emotion: -1, metrics: { volume: 6000, drop_off: 0.5 }, evidence: [analytics], opportunities: [{ text: ' +
    'Fix B, effort: 2, uplift: 0.5 }, { text: Guess, uplift: 0.1 }, { text: Later, effort: 3 }] }',
  '{ id: c, name: C, emotion: 1 }',
  '{ id: d, name: D, emotion: 2, metrics: { volume: 3000, conversion: 0.9 } }',
]);

describe('analysis v1.1: a linear journey', () => {
  const { model: m, diagnostics, parsed, analysis, index } = analyse(LINEAR);

  it('completion after: the rates of the steps that follow, an unmeasured one counted as 1', () => {
    // after(d) = 1 (the end); after(c) = rate(d) 0.9 x 1 = 0.9; after(b) = rate(c) 1 (unmeasured) x 0.9 = 0.9;
    // after(a) = rate(b) (1 - 0.5) x 0.9 = 0.45
    [0.45, 0.9, 0.9, 1].forEach((x, i) => close(m.touchpoints[i].completionAfter, x, `after ${i}`));
  });

  it('customers lost and revenue at risk: lost x after x value', () => {
    // lost: a 10,000 x (1 - 0.6) = 4,000; b 6,000 x 0.5 = 3,000; c no volume; d 3,000 x 0.1 = 300
    assert.deepStrictEqual(
      m.touchpoints.map((t) => (t.customersLost === null ? null : Math.round(t.customersLost * 1e6) / 1e6)),
      [4000, 3000, null, 300],
    );
    // risk: a 4,000 x 0.45 x 200 = 360,000; b 3,000 x 0.9 x 200 = 540,000; c unknown; d 300 x 1 x 200 = 60,000
    [360000, 540000, null, 60000].forEach((x, i) =>
      x === null ? assert.strictEqual(m.touchpoints[i].revenueAtRisk, null) : close(m.touchpoints[i].revenueAtRisk, x, `risk ${i}`),
    );
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.revenueBasis),
      ['computed', 'computed', null, 'computed'],
    );
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.period),
      ['2026-Q1', '2026-Q1', '2026-Q1', '2026-Q1'],
    );
  });

  it('hotspots by revenue at risk; the total is over the hotspots only', () => {
    // friction a: negative (2 - -2)/4 = 1 x 0.4 + drop 0.4 x 0.35 = 0.54 / 0.75 = 0.72
    // friction b: negative (2 - -1)/4 = 0.75 x 0.4 + drop 0.5 x 0.35 = 0.475 / 0.75 = 0.6333
    // c: 0.25 and d: (0 + 0.1 x 0.35) / 0.75 = 0.0467 are under 0.6. b (540,000) ranks before a (360,000).
    assert.deepStrictEqual(
      m.hotspots.map((h) => [h.rank, h.touchpointId]),
      [
        [1, 'b'],
        [2, 'a'],
      ],
    );
    // 540,000 + 360,000 = 900,000 (all touchpoints would give 960,000)
    close(m.summary.revenueAtRiskAtHotspots, 900000);
    assert.strictEqual(m.summary.hotspotsNotSummed, 0);
    assert.strictEqual(m.summary.currency, 'EUR');
  });

  it('funnel completion and the journey revenue for scale', () => {
    // funnel = rate(a) 0.6 x after(a) 0.45 = 0.27; c has no rate: 1 unmeasured
    close(m.funnel.completion, 0.27);
    assert.strictEqual(m.funnel.unmeasured, 1);
    // revenue = first volume 10,000 x 0.27 x 200 = 540,000
    close(m.summary.journeyRevenue, 540000);
  });

  it('the hotspot message names the touchpoint, rank, friction, customers lost, money with currency and period, confidence', () => {
    const hot = diagnostics.filter((d) => d.rule === 'friction-hotspot').map((d) => d.message);
    assert.deepStrictEqual(hot, [
      // a: no evidence, so confidence low
      'Hotspot #2 of 2: "A", friction 0.72, 4,000 customers lost, EUR 360.0K at risk per 2026-Q1 (confidence low)',
      // b: analytics, so confidence high
      'Hotspot #1 of 2: "B", friction 0.63, 3,000 customers lost, EUR 540.0K at risk per 2026-Q1 (confidence high)',
    ]);
  });

  it('opportunity value = uplift x risk, priority = value / effort; without both, unranked', () => {
    // Fix B: 0.5 x 540,000 = 270,000; / effort 2 = 135,000. Guess: 0.1 x 540,000 = 54,000, no effort. Later: no uplift.
    const o = m.touchpoints[1].opportunities;
    close(o[0].value, 270000);
    close(o[0].priority, 135000);
    close(o[1].value, 54000);
    assert.strictEqual(o[1].priority, null);
    assert.deepStrictEqual([o[2].value, o[2].priority], [null, null]);
  });

  it('peak on a tie is the lower emotion; the score from the terms present', () => {
    // -2 and 2 lie equally far from the midpoint 0: the lower, -2 at a, is the peak; the end is d's 2.
    assert.deepStrictEqual([m.peakEnd['*'].peakIndex, m.peakEnd['*'].endIndex, m.peakEnd['*'].peakEnd], [0, 3, 0]);
    // completion 0.27 (funnel) x 0.4; no satisfaction anywhere; end emotion (2 - -2) / 4 = 1 x 0.2
    // (0.108 + 0.2) / 0.6 = 0.51333 -> 51.333
    close(m.score.value, ((0.108 + 0.2) / 0.6) * 100);
    assert.deepStrictEqual(Object.keys(m.score.terms), ['completion', 'endEmotion']);
  });

  it('hover explains how the figure was computed and what is unmeasured after it', () => {
    const md = (line: number, character: number) => (hover(parsed, { line, character }, index, analysis)?.contents as MarkupContent).value;
    // b's name: line 8 of the file ("      - { id: b, name: B, ...")
    assert.strictEqual(
      md(8, 23),
      [
        '**B** (`b`) in stage S',
        '',
        'Emotion: -1',
        '',
        'Friction: 0.63, hotspot #1 of 2',
        '',
        'Customers lost: 3,000 (volume 6,000 x drop-off 0.5)',
        '',
        'Completion after: 90% of those moving on reach the end (1 step after it unmeasured, counted as passing all)',
        '',
        "Revenue at risk: EUR 540.0K per 2026-Q1 = 3,000 lost x 90% completion after x EUR 200 (the journey's value per customer)",
        '',
        'Confidence: high (evidence: analytics)',
        '',
        'Opportunity "Fix B": worth EUR 270.0K per 2026-Q1 (uplift 0.5 of the risk), priority EUR 135.0K per effort point (effort 2)',
        '',
        'Opportunity "Guess": worth EUR 54.0K per 2026-Q1 (uplift 0.1 of the risk), unranked (no effort)',
      ].join('\n'),
    );
    // On `journey:`: the score and its terms, the money at the hotspots and the revenue for scale.
    assert.strictEqual(
      md(0, 2),
      [
        '**T** (`t`)',
        '',
        '1 stage, 4 touchpoints, 2 hotspots',
        '',
        'Hotspots: #1 B (0.63), #2 A (0.72)',
        '',
        'Journey score: 51 / 100 from completion 27% (x0.4), end emotion 100% (x0.2)',
        '',
        'Revenue at risk at the hotspots: EUR 900.0K per 2026-Q1',
        '',
        'Journey revenue: EUR 540.0K per 2026-Q1 (for scale)',
        '',
        'Completion: 27% from the funnel along every path (1 unmeasured step counted as passing all)',
      ].join('\n'),
    );
  });
});

describe('analysis v1.1: paths', () => {
  const BRANCH = (bVolume: string) =>
    journey('', [
      '{ id: a, name: A, next: [b, c], metrics: { volume: 1000, conversion: 0.8 } }',
      `{ id: b, name: B, next: [d], metrics: { ${bVolume}conversion: 0.5 } }`,
      '{ id: c, name: C, metrics: { volume: 200, conversion: 0.9 } }',
      '{ id: d, name: D, metrics: { volume: 400, conversion: 0.75 } }',
    ]);

  it('a branch with volumes weights its paths by them', () => {
    const { model: m } = analyse(BRANCH('volume: 600, '));
    // after(d) = 1; after(b) = after(c) = rate(d) 0.75 x 1 = 0.75
    // after(a) = (600 x 0.5 x 0.75 + 200 x 0.9 x 0.75) / 800 = (225 + 135) / 800 = 0.45
    [0.45, 0.75, 0.75, 1].forEach((x, i) => close(m.touchpoints[i].completionAfter, x, `after ${i}`));
    // funnel = 0.8 x 0.45 = 0.36
    close(m.funnel.completion, 0.36);
    assert.deepStrictEqual([m.funnel.path, m.funnel.branched], [[0], true]);
  });

  it('a branch where a successor has no volume takes the plain mean', () => {
    const { model: m } = analyse(BRANCH(''));
    // after(a) = (0.5 x 0.75 + 0.9 x 0.75) / 2 = (0.375 + 0.675) / 2 = 0.525; funnel 0.8 x 0.525 = 0.42
    close(m.touchpoints[0].completionAfter, 0.525);
    close(m.funnel.completion, 0.42);
  });

  it('a loop back is left out; a step whose successors all loop back is an end', () => {
    const { model: m } = analyse(
      journey('', [
        '{ id: a, name: A, metrics: { conversion: 0.9 } }',
        '{ id: b, name: B, next: [c, a], metrics: { conversion: 0.8 } }',
        '{ id: c, name: C, next: [], metrics: { conversion: 0.5 } }',
        '{ id: e, name: E, next: [a], metrics: { conversion: 0.7 } }',
      ]),
    );
    // c ends the journey (next: []); a and b form a loop. Each figure is walked from its own touchpoint:
    // from a: a -> b -> c (0.5 x 1), and b -> a is a loop back (a is on the path), left out:
    //   after(b on this path) = 0.5, after(a) = rate(b) 0.8 x 0.5 = 0.4; funnel 0.9 x 0.4 = 0.36
    // from b: b -> c gives 0.5 x 1 = 0.5; b -> a, whose only successor b is on the path, so a is an end:
    //   0.9 x 1 = 0.9; no volumes, so after(b) = (0.5 + 0.9) / 2 = 0.7
    // e is on no loop: e -> a = rate(a) 0.9 x after(a) 0.4 = 0.36
    [0.4, 0.7, 1, 0.36].forEach((x, i) => close(m.touchpoints[i].completionAfter, x, `after ${i}`));
    close(m.funnel.completion, 0.36);
    const { model: self } = analyse(journey('', ['{ id: a, name: A, next: [a], metrics: { conversion: 0.5 } }']));
    // a's only successor is itself, on the path: a is an end, after 1; funnel 0.5 x 1
    close(self.touchpoints[0].completionAfter, 1);
    close(self.funnel.completion, 0.5);
  });

  it('a tangle of loops past the step budget falls back to one walk from the first touchpoint', () => {
    // Loop a <-> b, b -> c (0.5) end. Budget 0: the loop is walked once from a, and b -> a is its back edge.
    // after(c) = 1; after(b) = 0.5 x 1 = 0.5 (a left out); after(a) = 0.8 x 0.5 = 0.4
    const after = completionAfter([[1], [2, 0], []], [0.9, 0.8, 0.5], [], 0);
    [0.4, 0.5, 1].forEach((x, i) => close(after[i], x, `after ${i}`));
    // With the budget, b is walked from itself: (0.5 + 0.9 x 1) / 2 = 0.7
    close(completionAfter([[1], [2, 0], []], [0.9, 0.8, 0.5], [])[1], 0.7);
  });

  it('a 5,000-step chain does not exhaust the stack', () => {
    const steps = Array.from({ length: 5000 }, (_, i) => `{ id: s${i}, name: S${i}, metrics: { conversion: 0.999 } }`);
    const { model: m } = analyse(journey('', steps));
    // after(first) = 0.999 ^ 4999; funnel = 0.999 ^ 5000
    close(m.funnel.completion, Math.pow(0.999, 5000));
  });
});

describe('analysis v1.1: money rules', () => {
  it('a leave journey counts only given figures; drop-offs stay', () => {
    const { model: m, diagnostics } = analyse(
      journey('type: leave\ncurrency: GBP\nmetrics: { value_per_customer: 500, period: "2026" }', [
        '{ id: a, name: Finds cancel, emotion: -2, metrics: { volume: 1000, drop_off: 0.3 } }',
        '{ id: b, name: Retention offer, emotion: -2, metrics: { volume: 700, drop_off: 0.4, revenue_at_risk: 84000 } }',
        '{ id: c, name: Confirmation, emotion: 1 }',
      ]),
    );
    // a: friction (1 x 0.4 + 0.3 x 0.35) / 0.75 = 0.6733, risk unknown (not given); b: (0.4 + 0.14) / 0.75 = 0.72, given 84,000
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.revenueAtRisk),
      [null, 84000, null],
    );
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.revenueBasis),
      [null, 'given', null],
    );
    close(m.summary.revenueAtRiskAtHotspots, 84000);
    // No journey revenue in a leave journey: completing it loses the customer.
    assert.strictEqual(m.summary.journeyRevenue, null);
    assert.deepStrictEqual(
      diagnostics.filter((d) => d.rule === 'friction-hotspot').map((d) => d.message),
      [
        // a: 1,000 x 0.3 = 300 stay
        'Hotspot #2 of 2: "Finds cancel", friction 0.67, 300 stay here, ' +
          'revenue at risk unknown (in a leave journey only a given revenue_at_risk counts) (confidence low)',
        // b: 700 x 0.4 = 280 stay; the given 84,000 per year
        'Hotspot #1 of 2: "Retention offer", friction 0.72, 280 stay here, GBP 84.0K at risk per 2026 (confidence low)',
      ],
    );
  });

  it('a given revenue_at_risk wins over the computed one', () => {
    const { model: m } = analyse(
      journey('metrics: { value_per_customer: 100 }', ['{ name: A, metrics: { volume: 100, drop_off: 0.5, revenue_at_risk: 1234 } }']),
    );
    // Computed would be 100 x 0.5 x 1 x 100 = 5,000; the given 1,234 stands.
    assert.deepStrictEqual(
      [m.touchpoints[0].revenueAtRisk, m.touchpoints[0].revenueBasis, m.touchpoints[0].customersLost],
      [1234, 'given', 50],
    );
  });

  it('money leaves out a missing currency or period', () => {
    const tp = '{ name: A, emotion: -2, metrics: { volume: 100, drop_off: 0.5 } }';
    // 100 x 0.5 = 50 lost x 1 x 20 = 1,000
    const noCurrency = analyse(journey('metrics: { value_per_customer: 20, period: 2026-07 }', [tp])).diagnostics.find(
      (d) => d.rule === 'friction-hotspot',
    );
    assert.match(noCurrency?.message ?? '', /, 50 customers lost, 1,000 at risk per 2026-07 \(/);
    const noPeriod = analyse(journey('currency: USD\nmetrics: { value_per_customer: 20 }', [tp])).diagnostics.find(
      (d) => d.rule === 'friction-hotspot',
    );
    assert.match(noPeriod?.message ?? '', /, 50 customers lost, USD 1,000 at risk \(/);
    assert.strictEqual(formatMoney(8.04e6, 'EUR', '2026-Q1'), 'EUR 8.0M per 2026-Q1');
    assert.deepStrictEqual(
      [formatAmount(950), formatAmount(9999), formatAmount(12345), formatAmount(999960), formatAmount(1.25e9)],
      ['950', '9,999', '12.3K', '1.0M', '1.3B'],
    );
  });

  it('per year and the hotspot total across periods', () => {
    assert.deepStrictEqual(['2026', '2026-H1', '2026-Q3', '2026-07', '2026-W27', '2026-07-14', 'spring', '2026-Q5'].map(periodsPerYear), [
      1,
      2,
      4,
      12,
      52,
      365,
      undefined,
      undefined,
    ]);
    // Journey per year: a quarter's 1,000 is 4,000 a year; a month's 100 is 1,200; "spring" cannot be converted.
    // No hotspot: 0 at risk at the hotspots; hotspots without a known figure: unknown.
    assert.deepStrictEqual(hotspotTotal([], '2026'), { total: 0, excluded: 0 });
    assert.deepStrictEqual(hotspotTotal([{ revenueAtRisk: null }], '2026'), { total: null, excluded: 0 });
    assert.deepStrictEqual(
      hotspotTotal(
        [
          { revenueAtRisk: 1000, period: '2026-Q1' },
          { revenueAtRisk: 100, period: '2026-07' },
          { revenueAtRisk: 5, period: 'spring' },
          { revenueAtRisk: 7, period: '2026' },
        ],
        '2026',
      ),
      { total: 4000 + 1200 + 7, excluded: 1 },
    );
  });

  it("persona shares weight a touchpoint's emotion when every persona has one", () => {
    const index = new WorkspaceIndex();
    index.update('file:///w/p.persona.yaml', 'persona: p\nname: P\nshare: 0.75\n');
    index.update('file:///w/q.persona.yaml', 'persona: q\nname: Q\nshare: 0.25\n');
    index.update('file:///w/r.persona.yaml', 'persona: r\nname: R\n');
    const weighted = analyse(journey('personas: [p, q]', ['{ name: A, emotion: { p: 2, q: -2 } }']), index).model;
    // (2 x 0.75 + -2 x 0.25) / 1 = 1
    close(weighted.touchpoints[0].emotion, 1);
    const plain = analyse(journey('personas: [p, r]', ['{ name: A, emotion: { p: 2, r: -2 } }']), index).model;
    // r has no share: the plain mean (2 + -2) / 2 = 0
    close(plain.touchpoints[0].emotion, 0);
  });
});

describe('analysis v1.1: confidence', () => {
  it('low without evidence, on assumption alone or a small survey sample; high with analytics or transactions', () => {
    assert.strictEqual(confidence([], {}), 'low');
    assert.strictEqual(confidence(['assumption'], {}), 'low');
    assert.strictEqual(confidence(['survey'], { csat: 70, responses: 12 }), 'low');
    assert.strictEqual(confidence(['analytics'], { nps: 10, responses: 29 }), 'low');
    assert.strictEqual(confidence(['survey'], { csat: 70, responses: 40 }), 'medium');
    assert.strictEqual(confidence(['interview', 'assumption'], {}), 'medium');
    assert.strictEqual(confidence(['analytics'], {}), 'high');
    assert.strictEqual(confidence(['transaction', 'survey'], { ces: 3, responses: 30 }), 'high');
  });
});

describe('analysis v1.1: journey score', () => {
  const score = (head: string, last = '{ name: Z, emotion: 1 }') => analyse(journey(head, ['{ name: A }', last])).model.score;
  it('weights completion 0.4, satisfaction 0.4 and end emotion 0.2', () => {
    // 0.4 x 0.5 + 0.4 x 0.8 + 0.2 x (1 - -2) / 4 = 0.2 + 0.32 + 0.15 = 0.67 -> 67
    close(score('metrics: { completion_rate: 0.5, csat: 80 }').value, 67);
  });
  it('drops each absent term in turn', () => {
    // No completion: (0.32 + 0.15) / 0.6 = 78.333
    close(score('metrics: { csat: 80 }').value, (0.47 / 0.6) * 100);
    // No satisfaction: (0.2 + 0.15) / 0.6 = 58.333
    close(score('metrics: { completion_rate: 0.5 }').value, (0.35 / 0.6) * 100);
    // No end emotion: (0.2 + 0.32) / 0.8 = 65
    close(score('metrics: { completion_rate: 0.5, csat: 80 }', '{ name: Z }').value, 65);
    // Nothing: no score
    assert.strictEqual(score('', '{ name: Z }').value, null);
  });
  it('satisfaction falls back from csat to nps to ces, then to the last touchpoint', () => {
    // nps 20: (20 + 100) / 200 = 0.6, alone -> 60
    close(score('metrics: { nps: 20 }', '{ name: Z }').value, 60);
    // ces 3: (7 - 3) / 6 = 0.6667 -> 66.667
    close(score('metrics: { ces: 3 }', '{ name: Z }').value, 400 / 6);
    // the journey has none: the last touchpoint's csat 90 -> 90
    close(score('', '{ name: Z, metrics: { csat: 90, responses: 40 } }').value, 90);
  });
});

describe('analysis v1.1: the worked example of docs/analysis.md', () => {
  // The user documentation works every formula by hand on one journey; the core must agree with it.
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/analysis.md'), 'utf8');
  const yaml = doc.split('```yaml\n')[1].split('```')[0];
  const { model: m } = analyse(yaml);
  const by = (id: string) => m.touchpoints.find((t) => t.id === id);

  it('gives the figures the documentation states', () => {
    const after: Record<string, number> = {
      'see-ad': 0.446,
      'product-page': 0.74333,
      'ask-chat': 0.399,
      checkout: 0.95,
      pay: 1,
      confirmation: 1,
    };
    for (const [id, x] of Object.entries(after)) assert.ok(Math.abs((by(id)?.completionAfter ?? -1) - x) < 1e-5, `after(${id})`);
    const risk: Record<string, number> = { 'see-ad': 535200, 'product-page': 237866.67, 'ask-chat': 6384, checkout: 91200, pay: 20000 };
    for (const [id, x] of Object.entries(risk)) assert.ok(Math.abs((by(id)?.revenueAtRisk ?? -1) - x) < 0.01, `risk(${id})`);
    assert.deepStrictEqual(
      m.hotspots.map((h) => h.touchpointId),
      ['checkout', 'pay', 'ask-chat'],
    );
    close(m.summary.revenueAtRiskAtHotspots, 117584, 'at the hotspots');
    close(m.summary.journeyRevenue, 356800, 'journey revenue');
    close(m.funnel.completion, 0.1784, 'funnel');
    close(m.score.value, 45.8, 'score');
    close(by('checkout')?.opportunities[0].priority, 13680, 'priority');
    assert.ok(
      doc.includes('**117,584**') && doc.includes('**356,800**') && doc.includes('**0.399**') && doc.includes('**45.8**'),
      'the documentation states these figures',
    );
  });
});
