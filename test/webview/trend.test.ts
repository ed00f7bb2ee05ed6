// The metrics lane's trend (data files) in headless Chromium: the sample with quarterly data
// draws a sparkline per touchpoint with at least two figures, its points where the figures
// put them, the latest period marked; a screenshot of the lane for review.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { readDataFile } from '../../server/src/readData';
import { Harness, openMap, SCREENSHOTS, startHarness, Theme } from './browser';
import { SAMPLES } from './samples';

function sampleWithData(): JourneyModel {
  const index = new WorkspaceIndex();
  for (const f of fs.readdirSync(SAMPLES).filter((x) => /\.ya?ml$/.test(x)))
    index.update(pathToFileURL(path.join(SAMPLES, f)).href, fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
  const file = path.join(SAMPLES, 'pay-energy-bill.journey.yaml');
  const model = analyzeText(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'), index, undefined, readDataFile).model;
  assert.ok(model?.kind === 'journey' && model.history, 'the sample reads its data file');
  return model;
}

describe('webview: trends from data files', function () {
  this.timeout(90000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.close());

  for (const theme of ['light', 'dark'] as Theme[]) {
    it(`draws a sparkline per touchpoint with history, latest marked (${theme})`, async () => {
      const model = sampleWithData();
      const m = await openMap(h, { theme, width: 1800, height: 1400 });
      await m.show(model, 1);
      const trends = await m.page.$$eval('#map .metrics-cell .metric-trend, #map g.metric-trend', (gs) =>
        gs.map((g) => ({
          touchpoint: Number(g.closest('[data-touchpoint-index]')?.getAttribute('data-touchpoint-index')),
          metric: g.getAttribute('data-metric'),
          points: (g.querySelector('path.trend-line')?.getAttribute('d') ?? '')
            .split(/[ML]/)
            .filter(Boolean)
            .map((p) => p.split(',').map(Number)),
          latest: g.querySelector('circle.trend-latest')?.getAttribute('data-period'),
          label: g.querySelector('text.trend-label')?.textContent,
          tip: g.querySelector('title')?.textContent,
        })),
      );
      const idx = (id: string) => model.touchpoints.findIndex((t) => t.id === id);
      assert.deepStrictEqual(
        trends.map((t) => [t.touchpoint, t.metric, t.label, t.latest, t.points.length]),
        [
          [idx('opens-bill'), 'conversion', 'conv', '2025-Q4', 8],
          [idx('submit-reading'), 'conversion', 'conv', '2025-Q4', 8],
          [idx('dispute-call'), 'conversion', 'conv', '2025-Q4', 8],
          [idx('pay-in-app'), 'conversion', 'conv', '2025-Q4', 8],
          [idx('payment-receipt'), 'csat', 'CSAT', '2025-Q4', 8],
        ],
      );
      // opens-bill's conversion 0.82 ... 0.88: the lowest figure at the bottom (y 12), the highest at the top (y 0).
      const bill = trends[0].points;
      assert.deepStrictEqual(
        bill.map(([x]) => x),
        [24, 28.9, 33.7, 38.6, 43.4, 48.3, 53.1, 58],
      );
      assert.strictEqual(bill[0][1], 12);
      assert.strictEqual(bill[7][1], 0);
      assert.strictEqual(trends[0].tip, 'conversion: 0.82 (2024-Q1) to 0.88 (2025-Q4, latest), from the data files');
      assert.deepStrictEqual(await m.problems(), [], 'no script error, no CSP violation');

      // The metrics lane and the lane above it, for review: the page as large as the map, then the lane's box.
      const size = await m.page.evaluate(() => {
        const bg = document.querySelector('#map .map-background');
        return { w: Number(bg?.getAttribute('width')), h: Number(bg?.getAttribute('height')) };
      });
      await m.page.setViewportSize({ width: Math.min(2600, Math.ceil(size.w)), height: Math.min(2400, Math.ceil(size.h)) });
      await m.page.evaluate(() => (document.querySelector('.toolbar') as HTMLElement).setAttribute('hidden', ''));
      const box = await m.page.evaluate(() => {
        const lane = document.querySelector('#map g.lane-metrics')!.getBoundingClientRect();
        const y = Math.max(0, lane.y - 120);
        return {
          x: 0,
          y,
          width: Math.min(window.innerWidth, lane.x + lane.width + 40),
          height: Math.min(window.innerHeight - y, lane.height + 140),
        };
      });
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await m.page.screenshot({ path: path.join(SCREENSHOTS, `pay-energy-bill-trend-${theme}.png`), clip: box });
      await m.page.close();
    });
  }
});
