import * as assert from 'assert';
import { MarkupContent } from 'vscode-languageserver-types';
import { analyzeText } from '../../server/src/core/analyze';
import { escapeMarkdown, hover } from '../../server/src/core/hover';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { positionOf, samplesIndex, sampleText, sampleUri, withCursor } from './features.helpers';

const index = samplesIndex();
const SAMPLE = 'buy-phone-online.journey.yaml';
const text = sampleText(SAMPLE);
const analysis = analyzeText(sampleUri(SAMPLE), text, index, DEFAULT_SETTINGS);

function hoverSample(needle: string, delta: number) {
  return hover(analysis.parsed, positionOf(text, needle, delta), index, analysis);
}

function hoverInline(src: string, uri = 'file:///w/a.journey.yaml') {
  const { text: t, position } = withCursor(src);
  const a = analyzeText(uri, t, index, DEFAULT_SETTINGS);
  return hover(a.parsed, position, index, a);
}

const md = (h: ReturnType<typeof hover>): string => (h?.contents as MarkupContent).value;

describe('hover', () => {
  it('summarises the journey on `journey:` (key and value)', () => {
    const expected = [
      '**Buy a phone online** (`buy-phone-online`)',
      '',
      '5 stages, 13 touchpoints, 1 hotspot',
      '',
      'Hotspots: #1 Sees delivery cost at checkout (0.73)',
      '',
      // v1's sum over all 13 touchpoints of volume x drop_off x 950.
      'Revenue at risk: 99,595,292.5 per 2026-Q1',
      '',
      // Along the new customers' path from the search ad (the upgrade offer is another entry):
      // 0.55 x 0.6 x 0.7 x 0.8 x 0.8 x 0.85 x 0.62 x 0.95 x 0.98 x 0.97 x 0.9 x 1 = 0.0633.
      'Completion: 6.3% declared; 6.3% from the funnel (12 of 12 touchpoints measured)',
    ].join('\n');
    const onKey = hoverSample('journey: buy-phone-online', 2);
    assert.strictEqual(md(onKey), expected);
    assert.deepStrictEqual(onKey?.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 7 } });
    assert.strictEqual(md(hoverSample('journey: buy-phone-online', 12)), expected);
    // The summary's numbers are the model's.
    const m = analysis.model;
    assert.ok(m && m.kind === 'journey');
    assert.strictEqual(m.summary.touchpointCount, 13);
    assert.strictEqual(Math.round(m.summary.revenueAtRisk ?? 0), 99595293);
  });

  it('explains a metric: meaning, range and how the value compares', () => {
    const h = hoverSample('nps: 31', 6);
    assert.strictEqual(md(h), '**nps**: Net Promoter Score\n\nRange: `-100..100`\n\n`31`: in range -100..100; above 0 (more promoters than detractors)');
    assert.deepStrictEqual(h?.range, { start: { line: 19, character: 7 }, end: { line: 19, character: 9 } });
    assert.strictEqual(
      md(hoverSample('completion_rate: 0.063', 2)),
      '**completion_rate**: journey starts that end in the goal\n\nRange: `0..1`\n\n`0.063`: in range 0..1; 6.3%',
    );
  });

  it('flags a percentage written as a rate and a low sample', () => {
    assert.strictEqual(
      md(hoverInline('journey: j\ntitle: T\nstages: [{ name: A, touchpoints: [{ name: X, metrics: { conversion: 6‸2 } }] }]\n')),
      '**conversion**: share of those entering who move on\n\nRange: `0..1`\n\n`62`: out of range 0..1; as a fraction: 0.62',
    );
    assert.strictEqual(
      md(hoverInline('journey: j\ntitle: T\nmetrics: { respon‸ses: 12 }\nstages: [{ name: A }]\n')),
      '**responses**: survey sample size behind nps/csat/ces\n\nRange: `integer >= 0`\n\n`12`: in range integer >= 0; under 30: a small sample',
    );
  });

  it('shows the persona card on a persona id in `personas` and as an emotion key', () => {
    const expected = [
      '**Maya, first-time buyer** (`first-time-buyer`), Student and part-time barista',
      '',
      '> I just want to know what I\'ll pay before I start.',
      '',
      '**Goals**: Pay a fair price with no surprises; Get it fast and without a trip to a store',
      '',
      '**Frustrations**: Hidden fees that appear at checkout; Forms that ask for documents she does not have at hand',
      '',
      `Defined in [first-time-buyer.persona.yaml](${sampleUri('first-time-buyer.persona.yaml')})`,
    ].join('\n');
    const inList = hoverSample('[first-time-buyer, loyal', 3);
    assert.strictEqual(md(inList), expected);
    assert.deepStrictEqual(inList?.range, { start: { line: 10, character: 11 }, end: { line: 10, character: 27 } });
    assert.strictEqual(md(hoverSample('{ first-time-buyer: -2, loyal-upgrader: -1 }', 4)), expected);
  });

  it('says so when no persona file defines the id', () => {
    assert.strictEqual(md(hoverInline('journey: j\ntitle: T\npersonas: [nob‸ody]\nstages: [{ name: A }]\n')), '**nobody**: no persona file defines this id.');
  });

  it('shows a touchpoint\'s emotion per persona, friction, hotspot rank and revenue at risk on its name, id and in `next`', () => {
    const hot = [
      '**Sees delivery cost at checkout** (`checkout-delivery-cost`) in stage Buy',
      '',
      'Emotion: Maya, first-time buyer -2, Tom, loyal upgrader -1',
      '',
      'Friction: 0.73, hotspot #1 of 1',
      '',
      // 18,184 x 0.38 x 950 (v1: volume x drop_off x value).
      'Revenue at risk: 6,564,424',
    ].join('\n');
    const m = analysis.model;
    assert.ok(m && m.kind === 'journey');
    const tp = m.touchpoints.find((t) => t.hotspotRank === 1);
    assert.ok(tp);
    const onName = hover(analysis.parsed, tp.nameRange.start, index, analysis);
    assert.strictEqual(md(onName), hot.replace('checkout-delivery-cost', tp.id));
    assert.deepStrictEqual(onName?.range, tp.nameRange);
    assert.strictEqual(
      md(hoverSample('Sees a search ad', 3)),
      // Only Maya sees the search ad. Friction (0.4 x 0.25 + 0.35 x 0.45) / 0.75 = 0.34; 96,000 x 0.45 x 950.
      '**Sees a search ad** (`search-ad`) in stage Discover\n\nEmotion: Maya, first-time buyer 1\n\nFriction: 0.34, under the threshold 0.6\n\nRevenue at risk: 41,040,000',
    );
    assert.strictEqual(md(hoverSample('id: search-ad', 6)), md(hoverSample('Sees a search ad', 3)));
  });

  it('shows a touchpoint\'s card from `next` in inline YAML', () => {
    const h = hoverInline('journey: j\ntitle: T\nstages:\n  - name: A\n    touchpoints:\n      - { name: Start, next: [e‸nd], emotion: 2 }\n      - { name: End, emotion: -2 }\n');
    assert.strictEqual(md(h), '**End** (`end`) in stage A\n\nEmotion: -2\n\nFriction: 1.00, hotspot #1 of 1\n\nRevenue at risk: unknown');
  });

  it('documents keys from the schema and enum values from their descriptions', () => {
    assert.strictEqual(md(hoverSample('action: Searches', 2)), '**action**\n\nWhat the customer **does**.');
    assert.strictEqual(md(hoverSample('type: shop-learn-buy', 8)), '`shop-learn-buy`: Discover, compare and buy.');
    assert.strictEqual(hoverSample('# Starter', 3), null);
  });

  it('escapes what users wrote', () => {
    assert.strictEqual(escapeMarkdown('a *b* [c](d) <e> `f` #g'), 'a \\*b\\* \\[c\\](d) \\<e\\> \\`f\\` \\#g');
    const h = hoverInline('journey: j‸\ntitle: "*Bold* <b>x</b>"\nstages: [{ name: A }]\n');
    assert.strictEqual(md(h).split('\n')[0], '**\\*Bold\\* \\<b\\>x\\</b\\>** (`j`)');
  });
});
