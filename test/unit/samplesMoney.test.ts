// The money each sample shows, pinned and worked by hand (format v1.1): per journey, which
// touchpoints are hotspots, in which order, and the revenue at risk of each, as
//   customers lost (volume x drop_off) x completion after x value per customer,
// where "completion after" is the product of the pass rates (conversion) of the touchpoints
// that follow on the path, and at a branch the mean of each branch's rate x after, weighted
// by the branches' volumes. A leave journey shows only given figures. The journey's total is
// the sum over its hotspots, never over all touchpoints.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/core/workspace';

const DIR = path.resolve(__dirname, '../../samples');
const files = readdirSync(DIR)
  .filter((f) => /\.(journey|persona)\.ya?ml$/.test(f))
  .sort();
const uri = (f: string) => pathToFileURL(path.join(DIR, f)).toString();
const text = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
const index = new WorkspaceIndex();
for (const f of files) index.update(uri(f), text(f));

function model(file: string): JourneyModel {
  const m = analyzeText(uri(file), text(file), index).model;
  assert.ok(m && m.kind === 'journey');
  return m;
}

/** Equal to 1e-9 relative: the expectations are the same products, computed in another order. */
function near(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(typeof actual === 'number', `${what}: ${actual}`);
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual}, expected ${expected}`);
}

interface Expected {
  id: string;
  lost?: number;
  after?: number;
  revenueAtRisk: number;
}

const EXPECTED: Record<string, Expected[]> = {
  // Checkout: 18,184 x 0.38 = 6,909.92 customers lost. After it: pay 0.95 x confirmation 0.98
  // x collect 0.97 x transfer 0.9 x first call 1 = 0.812763. At EUR 950 an order:
  // 6,909.92 x 0.812763 x 950 = 5,335,320.94.
  'buy-phone-online.journey.yaml': [
    {
      id: 'checkout-delivery',
      lost: 18184 * 0.38,
      after: 0.95 * 0.98 * 0.97 * 0.9 * 1,
      revenueAtRisk: 18184 * 0.38 * (0.95 * 0.98 * 0.97 * 0.9 * 1) * 950,
    },
  ],
  // The to-be: the checkout at friction (0.4 x 0.5 + 0.35 x 0.26 + 0.25 x 0.5) = 0.416 is no
  // hotspot, and no other touchpoint reaches 0.6 (test/unit/baseline.test.ts works its gain).
  'buy-phone-online-to-be.journey.yaml': [],
  // #1 ID scan: 13,600 x 0.3 = 4,080 lost. After the approval (0.97 x card 0.95 x activate 0.92
  // x salary 1 = 0.84778), the two branches: automatic pass 0.99 x 0.84778 = 0.839302 (7,616
  // customers) and video call 0.85 x 0.84778 = 0.720613 (1,904), weighted 0.8 / 0.2:
  // 0.815564. At EUR 310: 4,080 x 0.815564 x 310 = 1,031,525.80.
  // #2 video call: 1,904 x 0.15 = 285.6 lost x 0.84778 x 310 = 75,059.05.
  'open-bank-account.journey.yaml': [
    {
      id: 'scan-id',
      lost: 13600 * 0.3,
      after: 0.8 * 0.99 * 0.84778 + 0.2 * 0.85 * 0.84778,
      revenueAtRisk: 4080 * (0.8 * 0.99 * 0.84778 + 0.2 * 0.85 * 0.84778) * 310,
    },
    { id: 'video-verification', lost: 1904 * 0.15, after: 0.97 * 0.95 * 0.92 * 1, revenueAtRisk: 1904 * 0.15 * (0.97 * 0.95 * 0.92) * 310 },
  ],
  // #1 the estimated bill: 51,300 x 0.1 = 5,130 lost. After a corrected bill (0.95 x pay 0.97
  // x receipt 1 = 0.9215) the branches are: read the meter 0.9 x submit 0.88 x 0.9215 =
  // 0.729828 (30,780 customers) and call 0.8 x 0.9215 = 0.7372 (15,390), weighted 2/3 and 1/3:
  // 0.732285. At EUR 14 a bill: 5,130 x 0.732285 x 14 = 52,592.73.
  // #2 the dispute call: 15,390 x 0.2 = 3,078 lost x 0.9215 x 14 = 39,709.28.
  'pay-energy-bill.journey.yaml': [
    {
      id: 'opens-bill',
      lost: 51300 * 0.1,
      after: (2 / 3) * 0.9 * 0.88 * 0.9215 + (1 / 3) * 0.8 * 0.9215,
      revenueAtRisk: 5130 * ((2 / 3) * 0.9 * 0.88 * 0.9215 + (1 / 3) * 0.8 * 0.9215) * 14,
    },
    { id: 'dispute-call', lost: 15390 * 0.2, after: 0.95 * 0.97 * 1, revenueAtRisk: 3078 * (0.95 * 0.97) * 14 },
  ],
  // After the line test and after the contact centre alike: restart 0.85 x 1 (13,200 customers;
  // "service restored" and the survey carry no rate: 1, unmeasured) and technician 0.92 x
  // visit 0.96 (8,955), weighted by volume: (13,200 x 0.85 + 8,955 x 0.8832) / 22,155 = 0.863419.
  // #1 assistant: 33,782 x 0.3 = 10,134.6 lost. After it: line test 0.95 x 0.863419 (20,547)
  // and contact centre 0.85 x 0.863419 (3,100), weighted: 0.808929. At EUR 95 a fault:
  // 10,134.6 x 0.808929 x 95 = 778,826.72.
  // #2 technician booking: 8,955 x 0.08 = 716.4 lost x visit 0.96 x 95 = 65,335.68.
  // #3 contact centre: 3,100 x 0.15 = 465 lost x 0.863419 x 95 = 38,141.55.
  'report-broken-router.journey.yaml': (() => {
    const fix = (13200 * 0.85 + 8955 * 0.92 * 0.96) / (13200 + 8955);
    const assistant = (20547 * 0.95 * fix + 3100 * 0.85 * fix) / (20547 + 3100);
    return [
      { id: 'virtual-assistant', lost: 33782 * 0.3, after: assistant, revenueAtRisk: 33782 * 0.3 * assistant * 95 },
      { id: 'book-technician', lost: 8955 * 0.08, after: 0.96, revenueAtRisk: 8955 * 0.08 * 0.96 * 95 },
      { id: 'contact-centre', lost: 3100 * 0.15, after: fix, revenueAtRisk: 3100 * 0.15 * fix * 95 },
    ];
  })(),
  // Activation slot: 11,048 x 0.25 = 2,762 lost. After: reminder 0.98 x router 0.9 x speed
  // check 0.97 x first bill 0.95 x move complete 1 = 0.812763. At EUR 540 a year:
  // 2,762 x 0.812763 x 540 = 1,212,219.76.
  'move-home-broadband.journey.yaml': [
    {
      id: 'book-activation',
      lost: 11048 * 0.25,
      after: 0.98 * 0.9 * 0.97 * 0.95 * 1,
      revenueAtRisk: 2762 * (0.98 * 0.9 * 0.97 * 0.95) * 540,
    },
  ],
  // A leave journey: both figures are given (derived in their source).
  // #1 web: 4,131 x 0.25 x 6.50 + 4,131 x 0.20 x 27.99 = 29,838. #2 TV: 2,430 x ... = 17,552.
  'cancel-subscription.journey.yaml': [
    { id: 'account-settings', revenueAtRisk: 29838 },
    { id: 'try-on-tv', revenueAtRisk: 17552 },
  ],
};

describe('samples: the money each map shows (v1.1)', () => {
  it('pins every sample journey', () => {
    assert.deepEqual(
      Object.keys(EXPECTED).sort(),
      files.filter((f) => f.includes('.journey.')),
    );
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    describe(file, () => {
      it('hotspots, in order, with their revenue at risk', () => {
        const m = model(file);
        assert.deepEqual(
          m.hotspots.map((h) => [h.rank, h.touchpointId]),
          expected.map((e, i) => [i + 1, e.id]),
        );
        expected.forEach((e, i) => near(m.hotspots[i].revenueAtRisk, e.revenueAtRisk, `hotspot #${i + 1} ${e.id}`));
      });

      it('each hotspot touchpoint: customers lost x completion after x value', () => {
        const m = model(file);
        for (const e of expected) {
          const t = m.touchpoints.find((x) => x.id === e.id);
          assert.ok(t, e.id);
          near(t.revenueAtRisk, e.revenueAtRisk, `${e.id} revenue at risk`);
          if (e.lost !== undefined) near(t.customersLost, e.lost, `${e.id} customers lost`);
          if (e.after !== undefined) near(t.completionAfter, e.after, `${e.id} completion after`);
        }
      });

      it('the journey total is the sum over the hotspots, not over all touchpoints', () => {
        const m = model(file);
        const atHotspots = expected.reduce((s, e) => s + e.revenueAtRisk, 0);
        near(m.summary.revenueAtRiskAtHotspots, atHotspots, 'revenue at risk at hotspots');
        assert.ok(!('revenueAtRisk' in m.summary), "v1's sum over all touchpoints is gone");
        const all = m.touchpoints.reduce((s, t) => s + (t.revenueAtRisk ?? 0), 0);
        if (file.startsWith('cancel-')) {
          // A leave journey computes nothing: only the two given figures exist, both at hotspots.
          assert.deepEqual(
            m.touchpoints
              .filter((t) => t.revenueAtRisk !== null)
              .map((t) => t.id)
              .sort(),
            expected.map((e) => e.id).sort(),
          );
          return;
        }
        assert.ok(all > atHotspots + 1, `touchpoints outside the hotspots carry money too (${all} vs ${atHotspots})`);
        for (const v of Object.values(m.summary) as unknown[])
          if (typeof v === 'number') assert.ok(Math.abs(v - all) > 1e-6, `a summary figure equals the sum over all touchpoints: ${v}`);
      });
    });
  }
});
