import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/analyze';
import { codeLenses, inlayHints, REVEAL_TOUCHPOINT_COMMAND } from '../../server/src/core/lens';
import type { JourneyModel } from '../../server/src/core/model';
import { DEFAULT_SETTINGS, Range } from '../../server/src/core/types';
import { samplesIndex, sampleText, sampleUri } from './features.helpers';
import { formatMoney } from '../../server/src/core/scores';

const index = samplesIndex();
const ALL: Range = { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } };

function journey(uri: string, text: string, threshold = DEFAULT_SETTINGS.frictionThreshold) {
  const a = analyzeText(uri, text, index, { ...DEFAULT_SETTINGS, frictionThreshold: threshold });
  assert.ok(a.model && a.model.kind === 'journey');
  return { parsed: a.parsed, model: a.model as JourneyModel };
}

const INLINE = [
  'journey: j',
  'title: T',
  'personas: [first-time-buyer, loyal-upgrader]',
  'stages:',
  '  - name: Look',
  '    touchpoints:',
  '      - name: Ad',
  '        emotion: { first-time-buyer: 2, loyal-upgrader: 1 }',
  '      - name: Shop',
  '        emotion: { first-time-buyer: -1 }',
  '        metrics: { drop_off: 0.5 }',
  '  - name: Empty',
  '',
].join('\n');

describe('code lens', () => {
  it("shows each stage's average emotion per persona and its worst touchpoint", () => {
    const { model } = journey('file:///w/a.journey.yaml', INLINE);
    // Ad: negative (2-2)/4=0 -> 0 for buyer; Shop: emotion -1, negative 0.75, drop 0.5 -> (0.4*0.75+0.35*0.5)/0.75.
    const shopFriction = (0.4 * 0.75 + 0.35 * 0.5) / 0.75;
    assert.deepStrictEqual(codeLenses(model), [
      {
        range: { start: { line: 4, character: 10 }, end: { line: 4, character: 10 } },
        command: { title: 'Emotion: first-time-buyer 0.5 \u00b7 loyal-upgrader 1', command: '' },
      },
      {
        range: { start: { line: 4, character: 10 }, end: { line: 4, character: 10 } },
        command: {
          title: `Worst: Shop (friction ${shopFriction.toFixed(2)}, hotspot #1)`,
          command: REVEAL_TOUCHPOINT_COMMAND,
          arguments: ['file:///w/a.journey.yaml', { start: { line: 8, character: 14 }, end: { line: 8, character: 18 } }],
        },
      },
      {
        range: { start: { line: 11, character: 10 }, end: { line: 11, character: 10 } },
        command: { title: 'Emotion: none given', command: '' },
      },
    ]);
  });

  it('covers every stage of the real samples, with titles from the model', () => {
    const name = 'buy-phone-online.journey.yaml';
    const { model } = journey(sampleUri(name), sampleText(name));
    const lenses = codeLenses(model);
    assert.deepStrictEqual(
      lenses.map((l) => l.command?.title),
      [
        // Discover and Compare: only Maya passes here (1, 1 and 0, 1); Tom's curve has no value.
        'Emotion: first-time-buyer 1',
        'Worst: Reads the product page (friction 0.36)',
        'Emotion: first-time-buyer 0.5',
        'Worst: Compares models side by side (friction 0.43)',
        // Buy: Maya at basket, plan, checkout, payment (1 + 0 - 2 + 0) / 4; Tom also at the
        // upgrade offer (1 + 1 + 0 - 1 + 1) / 5.
        'Emotion: first-time-buyer -0.25 \u00b7 loyal-upgrader 0.4',
        // 6,909.92 lost x 0.812763 completion after x EUR 950 = 5,335,321.
        'Worst: Sees delivery cost at checkout (friction 0.73, hotspot #1, EUR 5.3M at risk per 2026-Q1)',
        'Emotion: first-time-buyer 1.5 \u00b7 loyal-upgrader 1',
        'Worst: Gets the order confirmation (friction 0.14)',
        'Emotion: first-time-buyer 0.5 \u00b7 loyal-upgrader 0.5',
        'Worst: Moves data to the new phone (friction 0.40)',
      ],
    );
    // Each lens sits on its stage's name.
    assert.deepStrictEqual(
      [...new Set(lenses.map((l) => l.range.start.line))],
      model.stages.map((s) => s.nameRange.start.line),
    );
  });

  it('shows a single average when the journey names no personas', () => {
    const { model } = journey(
      'file:///w/b.journey.yaml',
      'journey: b\ntitle: B\nstages:\n  - name: S\n    touchpoints:\n      - { name: A, emotion: 1 }\n      - { name: B, emotion: -2 }\n',
    );
    assert.strictEqual(codeLenses(model)[0].command?.title, 'Emotion: -0.5');
  });
});

describe('inlay hints', () => {
  it('puts the friction score after the name of each touchpoint at or over the threshold', () => {
    const { model, parsed } = journey('file:///w/a.journey.yaml', INLINE);
    const score = ((0.4 * 0.75 + 0.35 * 0.5) / 0.75).toFixed(2);
    assert.deepStrictEqual(inlayHints(model, parsed, ALL), [
      {
        position: { line: 8, character: 18 },
        label: `#1 · friction ${score}`,
        paddingLeft: true,
        tooltip: {
          kind: 'markdown',
          value:
            `Hotspot #1 of 1: "Shop", friction ${score}, customers lost unknown, revenue at risk unknown (no volume) (confidence low). ` +
            `Friction ${score} is at or over the threshold 0.6.`,
        },
      },
    ]);
    // Only hints inside the requested range.
    assert.deepStrictEqual(inlayHints(model, parsed, { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } }), []);
  });

  it('follows the threshold: exactly at it counts, just above it does not', () => {
    const text = 'journey: t\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n      - name: Half\n        metrics: { drop_off: 0.5 }\n';
    assert.deepStrictEqual(
      inlayHints(journey('file:///w/t.journey.yaml', text, 0.5).model, journey('file:///w/t.journey.yaml', text).parsed, ALL).map(
        (h) => h.label,
      ),
      ['#1 · friction 0.50'],
    );
    assert.deepStrictEqual(
      inlayHints(journey('file:///w/t.journey.yaml', text, 0.51).model, journey('file:///w/t.journey.yaml', text).parsed, ALL),
      [],
    );
  });

  it('marks the hotspots of every sample, one hint per hotspot, after the name', () => {
    for (const name of ['buy-phone-online.journey.yaml', 'cancel-subscription.journey.yaml', 'pay-energy-bill.journey.yaml']) {
      const { model, parsed } = journey(sampleUri(name), sampleText(name));
      const hints = inlayHints(model, parsed, ALL);
      assert.ok(model.hotspots.length > 0, `${name} has a hotspot`);
      assert.deepStrictEqual(
        hints.map((h) => [h.position, h.label]),
        model.hotspots
          .map((h) => [
            model.touchpoints[h.touchpointIndex].nameRange.end,
            `#${h.rank} · friction ${h.friction.toFixed(2)}` +
              `${h.revenueAtRisk !== null ? ` · ${formatMoney(h.revenueAtRisk, model.currency)} at risk` : ''}`,
          ])
          .sort((a, b) => (a[0] as Range['start']).line - (b[0] as Range['start']).line),
      );
    }
  });
});
