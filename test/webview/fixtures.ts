// Hand-made models for the map tests: a journey of any size with two personas (one with a
// gap), hotspots, moments of truth and every lane filled; a persona; and the same shapes with
// one hostile string in every text field. Built by hand, so they do not depend on the core's
// model builder (only on its pure peak-end arithmetic).
import type { JourneyModel, PeakEnd, PersonaModel, TouchpointModel } from '../../server/src/core/model';
import { peakEnd } from '../../server/src/core/scores';
import type { Range } from '../../server/src/core/types';

export const range = (line: number, start: number, end: number): Range => ({
  start: { line, character: start },
  end: { line, character: end },
});

const NAMES = [
  'Sees a search ad',
  'Reads the product page',
  'Compares models side by side',
  'Sees delivery cost at checkout',
  'Pays by card',
  'Gets the order confirmation',
  'Activates the phone and moves contacts over from the old one',
];
const CHANNELS = ['web', 'web', 'social', 'web', 'mobile-app', 'email', 'store'];

export interface FixtureOptions {
  touchpoints?: number;
  /** Replaces every user-written text (names, items, owners, links...) when given. */
  text?: string;
  uri?: string;
  /** Stages to spread the touchpoints over (4 by default). */
  stages?: number;
}

export function journeyFixture(opts: FixtureOptions = {}): JourneyModel {
  const n = opts.touchpoints ?? 7;
  const s = opts.text;
  const uri = opts.uri ?? 'file:///work/samples/fixture.journey.yaml';
  const stageNames = ['Discover', 'Decide', 'Buy', 'Receive'];
  const perStage = Math.max(1, Math.ceil(n / (opts.stages ?? stageNames.length)));
  const touchpoints: TouchpointModel[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % NAMES.length;
    const line = 20 + i * 12;
    const maya = [1, 1, 0, -2, 0, 1, 1][k];
    const omar = [0, 1, 1, -1, 1, 1, 2][k];
    const byPersona: Record<string, number> = { maya };
    // Omar has no value at the third touchpoint: his curve has a gap there.
    if (k !== 2) byPersona.omar = omar;
    const emotion = Object.values(byPersona).reduce((a, b) => a + b, 0) / Object.values(byPersona).length;
    const drop = [0.45, 0.4, 0.3, 0.38, 0.05, 0.02, 0.1][k];
    const pains = k === 3 ? 2 : k === 1 ? 1 : 0;
    const friction =
      Math.round(((0.4 * ((2 - emotion) / 4) + 0.35 * drop + (pains ? 0.25 * Math.min(1, pains * 0.5) : 0)) / (pains ? 1 : 0.75)) * 100) /
      100;
    touchpoints.push({
      index: i,
      id: `tp-${i}`,
      idDerived: false,
      name: s ?? (n > NAMES.length ? `${NAMES[k]} ${i + 1}` : NAMES[k]),
      stageId: `stage-${Math.floor(i / perStage)}`,
      stageIndex: Math.floor(i / perStage),
      channel: CHANNELS[k],
      channelLabel: s ?? CHANNELS[k],
      action: s,
      thought: s,
      owner: s,
      emotion,
      emotionByPersona: byPersona,
      momentOfTruth: k === 3 ? { success: s ?? 'The total matches the promise', failure: s ?? 'A surprise charge' } : false,
      painPoints: Array.from({ length: pains }, (_, j) => ({
        text: s ?? (j === 0 ? 'Shipping cost appears only at checkout' : 'Delivery date is a range of five days'),
        severity: j === 0 ? 'high' : 'medium',
        evidence: s,
        range: range(line + 3 + j, 10, 50),
      })),
      opportunities:
        k === 3 || s
          ? [
              {
                text: s ?? 'Show delivery cost on the product page',
                owner: s ?? 'web-team',
                link: s ?? 'https://tracker.example/JM-12',
                range: range(line + 6, 10, 60),
                value: null,
                priority: null,
              },
            ]
          : [],
      backstage:
        k === 3 || k === 4 || s
          ? [
              {
                text: s ?? 'Delivery quote from the carrier API',
                owner: k === 4 && !s ? undefined : (s ?? 'fulfilment'),
                system: s ?? 'carrier-gateway',
                range: range(line + 8, 10, 70),
              },
            ]
          : [],
      evidence: ['analytics'],
      next: i + 1 < n ? [`tp-${i + 1}`] : [],
      explicitNext: false,
      metrics: {
        conversion: 1 - drop,
        drop_off: drop,
        volume: Math.round(120000 * Math.pow(0.7, i)),
        ...(k === 3 ? { csat: 48, responses: 230, ces: 4.2 } : {}),
        ...(k === 5 ? { nps: 31 } : {}),
      },
      friction,
      frictionTerms: { negative: (2 - emotion) / 4, drop, ...(pains ? { pain: Math.min(1, pains * 0.5) } : {}) },
      customersLost: Math.round(120000 * Math.pow(0.7, i)) * drop,
      completionAfter: 1,
      revenueAtRisk: k === 3 || k === 1 ? Math.round(120000 * Math.pow(0.7, i) * drop * 950) : null,
      revenueBasis: k === 3 || k === 1 ? 'computed' : null,
      valuePerCustomer: 950,
      period: s ?? '2026-Q1',
      confidence: 'high',
      hotspotRank: null,
      range: range(line, 6, 40),
      nameRange: range(line + 1, 14, 14 + (s ?? NAMES[k]).length),
    });
  }
  // Hotspots: friction >= 0.5 here, ranked by revenue at risk (unknown last), then friction.
  const hot = touchpoints
    .filter((t) => (t.friction ?? 0) >= 0.5)
    .sort((a, b) => (b.revenueAtRisk ?? -1) - (a.revenueAtRisk ?? -1) || (b.friction ?? 0) - (a.friction ?? 0) || a.index - b.index);
  hot.forEach((t, r) => (t.hotspotRank = r + 1));
  const stageCount = Math.ceil(n / perStage);
  const stages = Array.from({ length: stageCount }, (_, si) => ({
    index: si,
    id: `stage-${si}`,
    idDerived: false,
    name: s ?? stageNames[si % stageNames.length] + (stageCount > stageNames.length ? ` ${si + 1}` : ''),
    owner: s,
    touchpointIndexes: touchpoints.filter((t) => t.stageIndex === si).map((t) => t.index),
    range: range(18 + si * perStage * 12, 2, 30),
    nameRange: range(19 + si * perStage * 12, 10, 18),
  }));
  const curves = ['maya', 'omar'];
  const pe: Record<string, PeakEnd> = {};
  for (const c of curves) {
    const r = peakEnd(
      touchpoints.map((t) => t.emotionByPersona[c]),
      0,
    );
    if (r) pe[c] = r;
  }
  const risk = hot.reduce((a, t) => a + (t.revenueAtRisk ?? 0), 0);
  return {
    kind: 'journey',
    uri,
    id: 'fixture-journey',
    title: s ?? 'Buy a phone online',
    description: s,
    type: 'shop-learn-buy',
    variant: 'as-is',
    owner: s ?? 'digital-commerce',
    currency: 'EUR',
    goal: s ?? 'Get the right phone delivered and working within two days',
    businessOutcome: s,
    emotionScale: { min: -2, max: 2, mid: 0 },
    personas: [
      { id: 'maya', name: s ?? 'Maya, first-time buyer', color: '#4e79a7', defined: true, uri: 'file:///work/samples/maya.persona.yaml' },
      { id: 'omar', name: s ?? 'Omar, upgrader', color: '#f28e2b', defined: true, uri: 'file:///work/samples/omar.persona.yaml' },
    ],
    channels: [],
    metrics: { completion_rate: 0.09, nps: 31, period: s ?? '2026-Q1', source: s },
    stages,
    touchpoints,
    hotspots: hot.map((t) => ({
      rank: t.hotspotRank as number,
      touchpointIndex: t.index,
      touchpointId: t.id,
      name: t.name,
      stageId: t.stageId,
      friction: t.friction as number,
      revenueAtRisk: t.revenueAtRisk,
      customersLost: t.customersLost,
      confidence: t.confidence,
      period: t.period,
    })),
    frictionThreshold: 0.5,
    peakEnd: pe,
    funnel: {
      completion: touchpoints.reduce((a, t) => a * (t.metrics.conversion ?? 1), 1),
      declared: 0.09,
      path: touchpoints.map((t) => t.index),
      measured: n,
      unmeasured: 0,
      branched: false,
      // One path, file order: the share entering each step is the conversions before it.
      paths: [
        {
          touchpoints: touchpoints.map((t) => t.index),
          entering: touchpoints.reduce<number[]>(
            (acc, _t, i) => (acc.push(i === 0 ? 1 : acc[i - 1] * (touchpoints[i - 1].metrics.conversion ?? 1)), acc),
            [],
          ),
          completion: touchpoints.reduce((a, t) => a * (t.metrics.conversion ?? 1), 1),
          measured: touchpoints.filter((t) => t.metrics.conversion !== undefined).length,
        },
      ],
      morePaths: false,
    },
    summary: {
      stageCount,
      touchpointCount: n,
      hotspotCount: hot.length,
      revenueAtRiskAtHotspots: risk || null,
      hotspotsNotSummed: 0,
      journeyRevenue: 120000 * 0.09 * 950,
      period: s ?? '2026-Q1',
      currency: 'EUR',
    },
    score: { value: 37.25, terms: { completion: 0.09, satisfaction: 0.655 } },
    idRange: range(3, 9, 25),
  };
}

export function personaFixture(s?: string): PersonaModel {
  return {
    kind: 'persona',
    uri: 'file:///work/samples/maya.persona.yaml',
    id: 'maya',
    name: s ?? 'Maya, first-time buyer',
    role: s ?? 'Student',
    segment: s ?? 'Young urban',
    share: 0.35,
    quote: s ?? "I just want to know what I'll pay before I start.",
    description: s ?? 'Buys her first flagship phone online, on a budget, mostly from her phone.',
    goals: [s ?? 'Pay a fair price', s ?? 'Get it fast'],
    frustrations: [s ?? 'Hidden fees'],
    needs: [s ?? 'Clear delivery dates'],
    motivations: [s ?? 'A camera good enough for her course'],
    channels: [s ?? 'web', 'mobile-app'],
    devices: [s ?? 'phone'],
    jobs: [{ when: s ?? 'my phone breaks', want: s ?? 'a replacement today', so_that: s ?? 'I stay reachable' }],
    demographics: { age: s ?? '25-34', location: s ?? 'Lisbon' },
    metrics: { nps: 12, csat: 64, period: s, source: s },
    color: '#4e79a7',
    evidence: ['interview'],
    usedBy: [{ id: 'buy-phone-online', title: s ?? 'Buy a phone online', uri: 'file:///work/samples/buy-phone-online.journey.yaml' }],
    idRange: range(1, 9, 13),
  };
}
