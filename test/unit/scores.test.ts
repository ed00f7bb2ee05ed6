// The spec's arithmetic, checked against sums worked out by hand in the comments.
import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/analyze';
import { ALL_CUSTOMERS, JourneyModel } from '../../server/src/core/model';
import { completionAfter, friction, funnel, peakEnd, rankHotspots, revenueAtRisk } from '../../server/src/core/scores';
import { codeLenses } from '../../server/src/core/lens';
import { toMermaidJourney } from '../../webview/src/mermaid';
import { WorkspaceIndex } from '../../server/src/core/workspace';

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-9, `${a} != ${b}`);

describe('friction', () => {
  const scale = { min: -2, max: 2 };

  it('weights all three terms', () => {
    // negative = (2 - -1) / 4 = 0.75; drop = 0.4; pain = min(1, 0.75 + 0.5) = 1
    // (0.40 x 0.75 + 0.35 x 0.4 + 0.25 x 1) / 1 = 0.3 + 0.14 + 0.25 = 0.69
    const f = friction(-1, scale, { drop_off: 0.4 }, ['high', 'medium']);
    close(f.score, 0.69);
    assert.deepStrictEqual(f.terms, { negative: 0.75, drop: 0.4, pain: 1 });
  });

  it('drops the weights of absent terms', () => {
    // Only emotion 0: negative = 0.5, and it is the whole score.
    close(friction(0, scale, {}, []).score, 0.5);
    // Emotion 2 (negative 0) and a low pain point (0.25): (0.40 x 0 + 0.25 x 0.25) / 0.65 = 0.0961538...
    close(friction(2, scale, {}, ['low']).score, 0.0625 / 0.65);
  });

  it('uses 1 - conversion when drop_off is absent', () => {
    // Only conversion 0.3: drop = 0.7 and it is the whole score.
    close(friction(null, scale, { conversion: 0.3 }, []).score, 0.7);
  });

  it('has no score without any term', () => {
    assert.strictEqual(friction(null, scale, { volume: 10 }, []).score, null);
  });

  it('uses the journey scale', () => {
    // Scale 1..5, emotion 2: negative = (5 - 2) / 4 = 0.75
    close(friction(2, { min: 1, max: 5 }, {}, []).score, 0.75);
  });
});

describe('revenue at risk', () => {
  const base = { customersLost: 400, completionAfter: 0.5, journeyValue: 50, leave: false };
  it('prefers the given figure', () => {
    assert.deepStrictEqual(
      revenueAtRisk({ ...base, metrics: { revenue_at_risk: 1234, volume: 10, drop_off: 0.5, value_per_customer: 10 } }),
      { value: 1234, basis: 'given', valuePerCustomer: 10 },
    );
  });
  it('is customers lost x completion after x value, with the journey value as fallback', () => {
    // 400 x 0.5 x 50 = 10,000
    assert.deepStrictEqual(revenueAtRisk({ ...base, metrics: {} }), { value: 10000, basis: 'computed', valuePerCustomer: 50 });
    // The touchpoint's own value wins: 400 x 0.5 x 10 = 2,000
    assert.strictEqual(revenueAtRisk({ ...base, metrics: { value_per_customer: 10 } }).value, 2000);
  });
  it('is unknown when a factor is missing, and in a leave journey without a given figure', () => {
    assert.strictEqual(revenueAtRisk({ ...base, journeyValue: undefined, metrics: {} }).value, null);
    assert.strictEqual(revenueAtRisk({ ...base, customersLost: null, metrics: {} }).value, null);
    assert.strictEqual(revenueAtRisk({ ...base, leave: true, metrics: {} }).value, null);
    assert.strictEqual(revenueAtRisk({ ...base, leave: true, metrics: { revenue_at_risk: 7 } }).value, 7);
  });
});

describe('hotspot order', () => {
  it('ranks by revenue at risk (unknown last), then friction, then file order', () => {
    const extra = { stageId: 's', customersLost: null, confidence: 'low' as const };
    const h = rankHotspots(
      [
        { touchpointIndex: 0, touchpointId: 'a', name: 'A', friction: 0.9, revenueAtRisk: null, ...extra },
        { touchpointIndex: 1, touchpointId: 'b', name: 'B', friction: 0.61, revenueAtRisk: 500, ...extra },
        { touchpointIndex: 2, touchpointId: 'c', name: 'C', friction: 0.7, revenueAtRisk: 100, ...extra },
        { touchpointIndex: 3, touchpointId: 'd', name: 'D', friction: 0.8, revenueAtRisk: 100, ...extra },
        { touchpointIndex: 4, touchpointId: 'e', name: 'E', friction: 0.59, revenueAtRisk: 9999, ...extra },
        { touchpointIndex: 5, touchpointId: 'f', name: 'F', friction: 0.9, revenueAtRisk: null, ...extra },
        { touchpointIndex: 6, touchpointId: 'g', name: 'G', friction: 0.6, revenueAtRisk: 100, ...extra },
      ],
      0.6,
    );
    // E is under the threshold; D beats C on friction at equal revenue; A before F by order.
    assert.deepStrictEqual(
      h.map((x) => `${x.rank}${x.touchpointId}`),
      ['1b', '2d', '3c', '4g', '5a', '6f'],
    );
  });
});

describe('peak and end', () => {
  it('peak is furthest from the midpoint, end is the last value', () => {
    // [1, -2, gap, 0, 1], mid 0: peak -2 at 1, end 1 at 4, peak_end (-2 + 1) / 2 = -0.5, average 0
    assert.deepStrictEqual(peakEnd([1, -2, undefined, 0, 1], 0), {
      peakIndex: 1,
      peakEmotion: -2,
      endIndex: 4,
      endEmotion: 1,
      peakEnd: -0.5,
      average: 0,
    });
  });
  it('takes the lower emotion on a tie, then the first, and measures from the scale midpoint', () => {
    // 2 and -2 tie at distance 2 from 0: the lower, -2, is the peak, wherever it stands.
    assert.strictEqual(peakEnd([2, -2], 0)?.peakIndex, 1);
    assert.strictEqual(peakEnd([-2, 2], 0)?.peakIndex, 0);
    // Equal values: the first.
    assert.strictEqual(peakEnd([1, -2, -2], 0)?.peakIndex, 1);
    // Scale 1..5 (mid 3): 5 and 1 tie at distance 2 (the lower, 1, wins); 4 is only 1 away.
    assert.strictEqual(peakEnd([4, 5, 1], 3)?.peakIndex, 2);
    assert.strictEqual(peakEnd([undefined, undefined], 0), null);
  });
});

describe('funnel completion', () => {
  const run = (rates: (number | undefined)[], succ: number[][], volumes: (number | undefined)[] = []) => {
    const steps = rates.map((r) => ({ metrics: r === undefined ? {} : { conversion: r } }));
    const after = completionAfter(succ, rates, volumes);
    return { after, f: funnel(steps, succ, after, 0.4) };
  };
  it('multiplies the rates along the path, an unmeasured step counted as 1', () => {
    // after(d) = 1; after(c) = 0.8 x 1; after(b) = 1 (unmeasured c) x 0.8; after(a) = 0.5 x 0.8 = 0.4
    // completion = rate(a) x after(a) = 0.9 x 0.4 = 0.36
    const { after, f } = run([0.9, 0.5, undefined, 0.8], [[1], [2], [3], []]);
    after.forEach((x, i) => close(x, [0.4, 0.8, 0.8, 1][i]));
    close(f.completion, 0.36);
    assert.deepStrictEqual(
      { ...f, completion: 0 },
      { completion: 0, declared: 0.4, path: [0, 1, 2, 3], measured: 3, unmeasured: 1, branched: false },
    );
  });
  it("goes on through a branch (the map's main path stops there)", () => {
    // after(b) = mean(0.1 x 1, 0.1 x 1) = 0.1; after(a) = 0.5 x 0.1 = 0.05; completion 0.5 x 0.05 = 0.025
    const { f } = run([0.5, 0.5, 0.1, 0.1], [[1], [2, 3], [], []]);
    close(f.completion, 0.025);
    assert.deepStrictEqual(f.path, [0, 1]);
    assert.strictEqual(f.branched, true);
  });
  it('is unknown when no step has a rate', () => {
    assert.strictEqual(run([undefined, undefined], [[1], []]).f.completion, null);
  });
});

describe('the journey model', () => {
  const MAYA = 'persona: maya\nname: Maya\ncolor: "#112233"\n';
  const OMAR = 'persona: omar\nname: Omar\n';
  const text = [
    'journey: buy',
    'title: Buy',
    'personas: [maya, omar]',
    'metrics: { value_per_customer: 100, completion_rate: 0.3 }',
    'stages:',
    '  - name: Look',
    '    touchpoints:',
    '      - name: Search',
    '        emotion: { maya: 1, omar: 0 }',
    '        metrics: { conversion: 0.5, drop_off: 0.5, volume: 1000 }',
    '      - name: Check out',
    '        id: checkout',
    '        emotion: { maya: -2 }',
    '        pain_points: [Hidden fees]',
    '        metrics: { conversion: 0.6, drop_off: 0.4, volume: 500 }',
    '  - name: Get',
    '    touchpoints:',
    '      - name: Unbox',
    '        emotion: 2',
    '',
  ].join('\n');

  function model(): JourneyModel {
    const index = new WorkspaceIndex();
    index.update('file:///w/maya.persona.yaml', MAYA);
    index.update('file:///w/omar.persona.yaml', OMAR);
    const m = analyzeText('file:///w/buy.journey.yaml', text, index).model;
    assert.ok(m && m.kind === 'journey');
    return m;
  }

  it('derives ids, per-persona emotions with gaps, and the aggregate emotion', () => {
    const m = model();
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.id),
      ['search', 'checkout', 'unbox'],
    );
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.emotionByPersona),
      [{ maya: 1, omar: 0 }, { maya: -2 }, { maya: 2, omar: 2 }],
    );
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.emotion),
      [0.5, -2, 2],
    );
    assert.deepStrictEqual(
      m.personas.map((p) => [p.id, p.name, p.color, p.defined]),
      [
        ['maya', 'Maya', '#112233', true],
        ['omar', 'Omar', '#f28e2b', true],
      ],
    );
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.next),
      [['checkout'], ['unbox'], []],
    );
  });

  it('computes friction, revenue at risk, hotspots, peak-end and the funnel', () => {
    const m = model();
    // Search: negative (2 - 0.5) / 4 = 0.375 x 0.4 = 0.15; drop 0.5 x 0.35 = 0.175; over 0.75 -> 0.325 / 0.75 = 0.43333
    close(m.touchpoints[0].friction, 0.325 / 0.75);
    // Check out: negative 1 x 0.4 + drop 0.4 x 0.35 + pain 0.5 x 0.25 = 0.4 + 0.14 + 0.125 = 0.665
    close(m.touchpoints[1].friction, 0.665);
    // Completion after: unbox 1 (the end); checkout 1 (unbox unmeasured) x 1 = 1; search 0.6 x 1 = 0.6
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.completionAfter),
      [0.6, 1, 1],
    );
    // Customers lost: 1,000 x 0.5 = 500 and 500 x 0.4 = 200; unbox has no volume
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.customersLost),
      [500, 200, null],
    );
    // Revenue at risk: 500 x 0.6 x 100 = 30,000 and 200 x 1 x 100 = 20,000
    assert.deepStrictEqual(
      m.touchpoints.map((t) => t.revenueAtRisk),
      [30000, 20000, null],
    );
    assert.deepStrictEqual(
      m.hotspots.map((h) => [h.rank, h.touchpointId]),
      [[1, 'checkout']],
    );
    assert.strictEqual(m.touchpoints[1].hotspotRank, 1);
    // At the hotspots only: checkout's 20,000 (not 50,000 over all touchpoints)
    assert.strictEqual(m.summary.revenueAtRiskAtHotspots, 20000);
    // Maya: 1, -2, 2 -> peak -2 (the lower of the two at distance 2), end 2, peak_end 0
    assert.deepStrictEqual(m.peakEnd.maya, { peakIndex: 1, peakEmotion: -2, endIndex: 2, endEmotion: 2, peakEnd: 0, average: 1 / 3 });
    // Omar: 0, gap, 2 -> peak 2 at index 2
    assert.strictEqual(m.peakEnd.omar.peakIndex, 2);
    // Funnel: rate(search) 0.5 x after(search) 0.6 = 0.3, the last touchpoint unmeasured
    close(m.funnel.completion, 0.3);
    assert.strictEqual(m.funnel.declared, 0.3);
    assert.strictEqual(m.funnel.measured, 2);
    assert.strictEqual(m.funnel.unmeasured, 1);
  });

  it('a journey without personas has one all-customers curve', () => {
    const index = new WorkspaceIndex();
    const m = analyzeText(
      'file:///w/x.journey.yaml',
      'journey: x\ntitle: X\nstages:\n  - name: S\n    touchpoints:\n      - { name: A, emotion: 1 }\n',
      index,
    ).model as JourneyModel;
    assert.deepStrictEqual(
      m.personas.map((p) => p.id),
      [ALL_CUSTOMERS],
    );
    assert.deepStrictEqual(m.touchpoints[0].emotionByPersona, { [ALL_CUSTOMERS]: 1 });
  });

  it('a persona called constructor has gaps, not Object.prototype.constructor', () => {
    const index = new WorkspaceIndex();
    index.update('file:///w/c.persona.yaml', 'persona: constructor\nname: Con\n');
    index.update('file:///w/maya.persona.yaml', MAYA);
    const src =
      'journey: x\n' +
      'title: X\n' +
      'personas: [maya, constructor]\n' +
      'stages:\n' +
      '  - name: S\n' +
      '    touchpoints:\n' +
      '      - { name: A, emotion: { maya: 1 } }\n';
    const m = analyzeText('file:///w/x.journey.yaml', src, index).model as JourneyModel;
    assert.deepStrictEqual(Object.keys(m.peakEnd), ['maya']);
    // The lens averages only the persona with a value; Mermaid names only maya as an actor.
    assert.strictEqual(codeLenses(m)[0].command?.title, 'Emotion: maya 1');
    assert.match(toMermaidJourney(m), /A: 4: Maya$/m);
  });
});
