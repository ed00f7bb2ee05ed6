import * as assert from 'assert';
import { MarkupContent } from 'vscode-languageserver-types';
import { analyzeText } from '../../server/src/core/analyze';
import { escapeMarkdown, hover } from '../../server/src/core/hover';
import { formatMoney } from '../../server/src/core/scores';
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
    // The figures themselves are worked by hand in analysis.test.ts; here, the sample's summary
    // reads the model's numbers, and key and value give the same card.
    const m = analysis.model;
    assert.ok(m && m.kind === 'journey');
    const onKey = hoverSample('journey: buy-phone-online', 2);
    const lines = md(onKey).split('\n');
    assert.strictEqual(lines[0], '**Buy a phone online** (`buy-phone-online`)');
    assert.strictEqual(
      lines[2],
      `${m.stages.length} stages, ${m.touchpoints.length} touchpoints, ` +
        `${m.hotspots.length} ${m.hotspots.length === 1 ? 'hotspot' : 'hotspots'}`,
    );
    assert.ok(
      lines.includes(
        `Revenue at risk at the hotspots: ${formatMoney(m.summary.revenueAtRiskAtHotspots as number, m.currency, m.summary.period)}`,
      ),
      md(onKey),
    );
    assert.ok(
      lines.some((l) => l.startsWith(`Journey score: ${Math.round(m.score.value as number)} / 100 from completion`)),
      md(onKey),
    );
    assert.deepStrictEqual(onKey?.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 7 } });
    assert.strictEqual(md(hoverSample('journey: buy-phone-online', 12)), md(onKey));
    // Never a sum over all touchpoints.
    assert.strictEqual(
      m.summary.revenueAtRiskAtHotspots,
      m.hotspots.reduce((a, h) => a + (h.revenueAtRisk ?? 0), 0),
    );
  });

  it('explains a metric: meaning, range and how the value compares', () => {
    const h = hoverSample('nps: 31', 6);
    assert.strictEqual(
      md(h),
      '**nps**: Net Promoter Score\n\nRange: `-100..100`\n\n`31`: in range -100..100; above 0 (more promoters than detractors)',
    );
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
      '**responses**: survey sample size behind nps/csat/ces\n' +
        '\n' +
        'Range: `integer >= 0`\n' +
        '\n' +
        '`12`: in range integer >= 0; under 30: a small sample',
    );
  });

  it('shows the persona card on a persona id in `personas` and as an emotion key', () => {
    const expected = [
      '**Maya, first-time buyer** (`first-time-buyer`), Student and part-time barista',
      '',
      "> I just want to know what I'll pay before I start.",
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
    assert.strictEqual(
      md(hoverInline('journey: j\ntitle: T\npersonas: [nob‸ody]\nstages: [{ name: A }]\n')),
      '**nobody**: no persona file defines this id.',
    );
  });

  it("shows a touchpoint's emotion per persona, friction, hotspot rank and revenue at risk on its name, id and in `next`", () => {
    const m = analysis.model;
    assert.ok(m && m.kind === 'journey');
    const tp = m.touchpoints.find((t) => t.hotspotRank === 1);
    assert.ok(tp);
    const onName = hover(analysis.parsed, tp.nameRange.start, index, analysis);
    const lines = md(onName).split('\n');
    assert.strictEqual(lines[0], `**${tp.name}** (\`${tp.id}\`) in stage ${m.stages[tp.stageIndex].name}`);
    assert.ok(lines.includes(`Friction: ${(tp.friction as number).toFixed(2)}, hotspot #1 of ${m.hotspots.length}`), md(onName));
    assert.ok(
      lines.some((l) => l.startsWith(`Revenue at risk: ${formatMoney(tp.revenueAtRisk as number, m.currency, tp.period)} = `)),
      md(onName),
    );
    assert.ok(lines.includes(`Confidence: ${tp.confidence} (evidence: ${tp.evidence.join(', ')})`), md(onName));
    assert.deepStrictEqual(onName?.range, tp.nameRange);
    const first = m.touchpoints[0];
    const onFirst = md(hover(analysis.parsed, first.nameRange.start, index, analysis));
    assert.match(onFirst, /, under the threshold 0\.6\n/);
    // On the id, the same card as on the name.
    if (!first.idDerived) assert.strictEqual(md(hoverSample(`id: ${first.id}`, 6)), onFirst);
  });

  it("shows a touchpoint's card from `next` in inline YAML", () => {
    const h = hoverInline(
      'journey: j\n' +
        'title: T\n' +
        'stages:\n' +
        '  - name: A\n' +
        '    touchpoints:\n' +
        '      - { name: Start, next: [e‸nd], emotion: 2 }\n' +
        '      - { name: End, emotion: -2 }\n',
    );
    assert.strictEqual(
      md(h),
      [
        '**End** (`end`) in stage A',
        '',
        'Emotion: -2',
        '',
        'Friction: 1.00, hotspot #1 of 1',
        '',
        "Customers lost: unknown (needs this touchpoint's volume and drop_off or conversion)",
        '',
        'Completion after: 100% of those moving on reach the end (every step after it measured)',
        '',
        'Revenue at risk: unknown: no volume',
        '',
        '_Money without a currency or period: set `currency` and `metrics.period` on the journey._',
        '',
        'Confidence: low (evidence: none)',
      ].join('\n'),
    );
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
