// As-is and to-be: the `baseline` rule's cases (exact ranges) and a to-be journey's gain on its
// as-is, worked by hand, in the model and in the hover of `journey:`.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MarkupContent } from 'vscode-languageserver-types';
import { analyzeText } from '../../server/src/core/analyze';
import { hover } from '../../server/src/core/hover';
import type { JourneyModel } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/core/workspace';

const shop = (id: string, head: string, b: string, d: string, extra = '') => `journey: ${id}
title: Shop
${head}
currency: EUR
metrics: { value_per_customer: 200, period: 2026-Q1 }
stages:
  - name: S
    touchpoints:
      - { id: a, name: A, emotion: -2, metrics: { volume: 10000, conversion: 0.6 } }
      - { id: b, name: B, ${b}, evidence: [analytics] }
      - { id: c, name: C, emotion: 1 }
      - { id: d, name: D, emotion: 2, metrics: { ${d}, conversion: 0.9 } }
${extra}`;

const AS_IS = shop('shop', 'variant: as-is', 'emotion: -1, metrics: { volume: 6000, drop_off: 0.5 }', 'volume: 3000');
const TO_BE = shop(
  'shop-next',
  'variant: to-be\nbaseline: shop',
  'emotion: 0, metrics: { volume: 6000, drop_off: 0.3 }',
  'volume: 4200',
  '      - { id: e, name: E, emotion: 2 }\n',
);

function workspace(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const texts = new Map<string, string>(Object.entries(files).map(([name, text]) => [`file:///w/${name}`, text]));
  for (const [uri, text] of texts) index.update(uri, text);
  index.textOf = (uri) => texts.get(uri);
  return index;
}

function analyse(name: string, files: Record<string, string>) {
  const index = workspace(files);
  const a = analyzeText(`file:///w/${name}`, files[name], index);
  return { a, index, baseline: a.diagnostics.filter((d) => d.rule === 'baseline') };
}

describe('as-is and to-be', () => {
  it('a to-be journey gains on its as-is: money at the hotspots, score, completion, peak-end', () => {
    const { a, index, baseline } = analyse('next.journey.yaml', { 'shop.journey.yaml': AS_IS, 'next.journey.yaml': TO_BE });
    assert.deepStrictEqual(baseline, []);
    const m = a.model as JourneyModel;
    // As-is: hotspots b 3,000 x 0.9 x 200 = 540,000 and a 4,000 x 0.45 x 200 = 360,000: 900,000;
    //   funnel 0.6 x 0.5 x 0.9 = 0.27; score (0.4 x 0.27 + 0.2 x 1) / 0.6 = 51.33
    // To-be: b no longer a hotspot (friction 0.407); a 4,000 x (0.7 x 0.9) x 200 = 504,000;
    //   funnel 0.6 x 0.63 = 0.378; score (0.4 x 0.378 + 0.2 x 1) / 0.6 = 58.53
    const g = m.baseline;
    assert.ok(g);
    assert.deepStrictEqual([g.id, g.title, g.uri], ['shop', 'Shop', 'file:///w/shop.journey.yaml']);
    assert.deepStrictEqual(g.revenueAtRiskAtHotspots, { before: 900000, after: 504000, change: -396000 });
    assert.ok(Math.abs((g.score.change ?? 0) - 7.2) < 1e-9);
    assert.ok(Math.abs((g.completion.change ?? 0) - 0.108) < 1e-9);
    // Peak-end: as-is -2 (a, the lower of the tie with d's 2) and end 2: 0; to-be the same: 0.
    assert.deepStrictEqual(g.peakEnd, [{ persona: '*', before: 0, after: 0 }]);
    const md = (hover(a.parsed, { line: 0, character: 2 }, index, a)?.contents as MarkupContent).value;
    assert.ok(
      md.endsWith(
        [
          'Against the as-is **Shop** (`shop`):',
          '',
          '- Revenue at risk at the hotspots: EUR 900.0K → EUR 504.0K (EUR 396.0K per 2026-Q1 less)',
          '- Journey score: 51 → 59 (+7)',
          '- Completion: 27% → 37.8% (+10.8 pts)',
          '- Peak-end of all customers: 0 → 0',
        ].join('\n'),
      ),
      md,
    );
  });

  it('the gain follows the as-is text the host gives', () => {
    const files = { 'shop.journey.yaml': AS_IS, 'next.journey.yaml': TO_BE };
    const first = analyse('next.journey.yaml', files).a.model as JourneyModel;
    // The as-is drops 0.4 at b instead of 0.5: b's risk 2,400 x 0.9 x 200 = 432,000; after(a) 0.6 x 0.9 = 0.54,
    // a's 4,000 x 0.54 x 200 = 432,000; b's friction (0.3 + 0.14) / 0.75 = 0.587 is under 0.6: total 432,000.
    const changed = analyse('next.journey.yaml', { ...files, 'shop.journey.yaml': AS_IS.replace('drop_off: 0.5', 'drop_off: 0.4') }).a
      .model as JourneyModel;
    assert.strictEqual(first.baseline?.revenueAtRiskAtHotspots.before, 900000);
    assert.ok(Math.abs((changed.baseline?.revenueAtRiskAtHotspots.before ?? 0) - 432000) < 1e-6);
  });

  it('the baseline rule: on a journey that is not to-be, naming no journey, one that is not as-is, another scale, itself', () => {
    const range = (d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => [
      d.range.start.line,
      d.range.start.character,
      d.range.end.line,
      d.range.end.character,
    ];
    // Line 3 is "baseline: ...": the value starts at character 10.
    const asIs = analyse('x.journey.yaml', {
      'shop.journey.yaml': AS_IS,
      'x.journey.yaml': shop('x', 'variant: as-is\nbaseline: shop', 'emotion: 0', 'volume: 1'),
    }).baseline;
    assert.deepStrictEqual(
      asIs.map((d) => [d.message, d.severity, range(d)]),
      [['`baseline` belongs on a to-be journey; this one is `as-is`.', 'error', [3, 10, 3, 14]]],
    );
    const missing = analyse('x.journey.yaml', {
      'shop.journey.yaml': AS_IS,
      'x.journey.yaml': shop('x', 'variant: to-be\nbaseline: shopp', 'emotion: 0', 'volume: 1'),
    }).baseline;
    assert.deepStrictEqual(
      missing.map((d) => [d.message, range(d), d.fix]),
      [
        [
          'No journey "shopp" in the workspace to be the baseline. Did you mean "shop"?',
          [3, 10, 3, 15],
          { kind: 'replace', title: 'Did you mean', texts: ['shop'] },
        ],
      ],
    );
    const toBe = analyse('x.journey.yaml', {
      'next.journey.yaml': TO_BE,
      'x.journey.yaml': shop('x', 'variant: to-be\nbaseline: shop-next', 'emotion: 0', 'volume: 1'),
    }).baseline;
    assert.deepStrictEqual(
      toBe.map((d) => d.message),
      ['The baseline "shop-next" is `to-be`; a to-be journey improves on an as-is journey.'],
    );
    const scale = analyse('x.journey.yaml', {
      'shop.journey.yaml': AS_IS,
      'x.journey.yaml': shop('x', 'variant: to-be\nbaseline: shop\nemotion_scale: { min: -3, max: 3 }', 'emotion: 0', 'volume: 1'),
    }).baseline;
    assert.deepStrictEqual(
      scale.map((d) => d.message),
      ['The baseline "shop" uses the emotion scale -2..2, this journey -3..3: the two must share a scale to be compared.'],
    );
    const self = analyse('x.journey.yaml', {
      'x.journey.yaml': shop('x', 'variant: to-be\nbaseline: x', 'emotion: 0', 'volume: 1'),
    }).baseline;
    assert.deepStrictEqual(
      self.map((d) => d.message),
      ['A journey cannot be its own baseline.'],
    );
    // No gain is computed for an invalid baseline.
    assert.strictEqual(
      (
        analyse('x.journey.yaml', {
          'next.journey.yaml': TO_BE,
          'x.journey.yaml': shop('x', 'variant: to-be\nbaseline: shop-next', 'emotion: 0', 'volume: 1'),
        }).a.model as JourneyModel
      ).baseline,
      undefined,
    );
  });
});

describe('the sample pair: buy-phone-online and its to-be', () => {
  it('gains what is worked by hand', () => {
    const dir = path.join(__dirname, '../../samples');
    const files: Record<string, string> = {};
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) files[f] = fs.readFileSync(path.join(dir, f), 'utf8');
    const { a, baseline } = analyse('buy-phone-online-to-be.journey.yaml', files);
    assert.deepStrictEqual(baseline, []);
    const m = a.model as JourneyModel;
    const g = m.baseline;
    assert.ok(g);
    // As-is: the checkout is the only hotspot: 18,184 x 0.38 = 6,909.92 lost; completion after it
    //   0.95 (card) x 0.98 (confirmation) x 0.97 (pickup) x 0.9 (transfer) x 1 (first call) = 0.8127633;
    //   x EUR 950 = 5,335,320.9 at risk per 2026-Q1.
    const asIs = 18184 * 0.38 * (0.95 * 0.98 * 0.97 * 0.9 * 1) * 950;
    assert.ok(Math.abs((g.revenueAtRiskAtHotspots.before ?? 0) - asIs) < 1e-3, String(g.revenueAtRiskAtHotspots.before));
    // To-be: the checkout's friction is (0.4 x 0.5 + 0.35 x 0.26 + 0.25 x 0.5) / 1 = 0.416 (emotion 0 is the
    //   midpoint, drop-off 0.26, one medium pain): no hotspot left, 0 at risk at the hotspots.
    assert.ok(Math.abs((m.touchpoints.find((t) => t.id === 'checkout-delivery')?.friction ?? 0) - 0.416) < 1e-9);
    assert.deepStrictEqual(m.hotspots, []);
    assert.strictEqual(g.revenueAtRiskAtHotspots.after, 0);
    // Completion: every path crosses the checkout once, so the funnel scales by its rate, 0.74 / 0.62.
    assert.ok(Math.abs((g.completion.after ?? 0) - (g.completion.before ?? 0) * (0.74 / 0.62)) < 1e-12);
    // Score: only the declared completion changes, 0.063 -> 0.075, weight 0.4 of 1: +0.48.
    assert.ok(Math.abs((g.score.change ?? 0) - 0.48) < 1e-9, String(g.score.change));
    // Peak-end: Maya's peak was the checkout's -2 (peak_end (-2 + 2) / 2 = 0); now the pickup's 2 ties the
    //   first call's 2 and the first wins: (2 + 2) / 2 = 2. Tom's was the checkout's -1, the lower of the
    //   ties at distance 1 ((-1 + 1) / 2 = 0); now every tie is a 1, the first is the upgrade offer: 1.
    assert.deepStrictEqual(g.peakEnd, [
      { persona: 'first-time-buyer', before: 0, after: 2 },
      { persona: 'loyal-upgrader', before: 0, after: 1 },
    ]);
  });
});
