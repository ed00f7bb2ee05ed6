// Compare mode in headless Chromium: the map of a journey with another version of it laid over
// (what "Journey: Compare with..." sends): the other version's curves as faint lines, delta
// badges on the friction and money cells that changed, the touchpoints added and removed marked,
// the header line with money at risk and score before and after; an edit redraws it; leaving
// restores the map. Both versions are analysed by the core from real YAML, as the server does.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel } from '../../server/src/core/model';
import { formatMoney } from '../../server/src/core/scores';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { Harness, MapPage, openMap, SCREENSHOTS, startHarness, Theme } from './browser';
import { SAMPLES } from './samples';

const FILE = path.join(SAMPLES, 'buy-phone-online.journey.yaml');
const URI = pathToFileURL(FILE).href;
const BEFORE = fs.readFileSync(FILE, 'utf8');

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  assert.notStrictEqual(out, text, `the sample still holds ${String(from)}`);
  return out;
}

/** The working copy: checkout fixed (calmer, fewer leave), reviews removed, a delivery promise added. */
function edited(): string {
  let t = BEFORE;
  t = replaceOnce(t, 'completion_rate: 0.063', 'completion_rate: 0.08');
  t = replaceOnce(t, 'emotion: { first-time-buyer: -2, loyal-upgrader: -1 }', 'emotion: { first-time-buyer: 0, loyal-upgrader: 0 }');
  t = replaceOnce(
    t,
    'metrics: { volume: 18184, conversion: 0.62, drop_off: 0.38,',
    'metrics: { volume: 18184, conversion: 0.8, drop_off: 0.2,',
  );
  // Remove read-reviews (its block runs to the blank line before the next stage).
  t = replaceOnce(t, / {6}- id: read-reviews\n[\s\S]*?\n\n/, '\n');
  t = replaceOnce(
    t,
    '        metrics: { volume: 52800, conversion: 0.6, drop_off: 0.4 }\n',
    '        metrics: { volume: 52800, conversion: 0.6, drop_off: 0.4 }\n' +
      '      - id: delivery-promise\n' +
      '        name: Sees the delivery date and cost\n' +
      '        channel: web\n' +
      '        emotion: { first-time-buyer: 1 }\n',
  );
  return t;
}

function model(text: string): JourneyModel {
  const index = new WorkspaceIndex();
  for (const f of fs.readdirSync(SAMPLES).filter((x) => /\.persona\.ya?ml$/.test(x)))
    index.update(pathToFileURL(path.join(SAMPLES, f)).href, fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
  index.update(URI, text);
  const m = analyzeText(URI, text, index).model;
  assert.ok(m?.kind === 'journey', 'the text makes a journey model');
  return m;
}

interface Overlay {
  compare: string | null;
  bar: { hidden: boolean; text: string };
  bodyComparing: boolean;
  curves: { persona: string; points: number; d: string; stroke: string }[];
  deltas: { kind: string; index: number; text: string; cls: string; tip: string }[];
  added: string[];
  removed: { id: string; x: number }[];
}

const readOverlay = (m: MapPage): Promise<Overlay> =>
  m.page.evaluate(() => {
    const svg = document.getElementById('map')!;
    const bar = document.getElementById('compare-bar') as HTMLElement;
    return {
      compare: svg.getAttribute('data-compare'),
      bar: { hidden: bar.hidden, text: bar.querySelector('.compare-text')?.textContent ?? '' },
      bodyComparing: document.body.classList.contains('comparing'),
      curves: [...svg.querySelectorAll('g.lane-emotion g.compare-curves path.compare-curve')].map((p) => ({
        persona: p.getAttribute('data-persona') ?? '',
        points: Number(p.getAttribute('data-points')),
        d: p.getAttribute('d') ?? '',
        stroke: p.getAttribute('stroke') ?? '',
      })),
      deltas: [...svg.querySelectorAll('g.compare-overlay g.compare-delta')].map((g) => ({
        kind: g.getAttribute('data-kind') ?? '',
        index: Number(g.getAttribute('data-touchpoint-index')),
        text: g.querySelector('text')?.textContent ?? '',
        cls: g.getAttribute('class') ?? '',
        tip: g.querySelector('title')?.textContent ?? '',
      })),
      added: [...svg.querySelectorAll('g.compare-overlay g.compare-mark.added')].map((g) => g.getAttribute('data-touchpoint-id') ?? ''),
      removed: [...svg.querySelectorAll('g.compare-overlay g.compare-mark.removed')].map((g) => ({
        id: g.getAttribute('data-touchpoint-id') ?? '',
        x: Number(/translate\(([-\d.]+)/.exec(g.getAttribute('transform') ?? '')?.[1]),
      })),
    };
  });

const columnX = (m: MapPage, id: string): Promise<number> =>
  m.page.$eval(`#map .touchpoint-column[data-touchpoint-id="${id}"]`, (g) =>
    Number(/translate\(([-\d.]+)/.exec(g.getAttribute('transform') ?? '')?.[1]),
  );

const signed2 = (x: number) => `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
const r2 = (x: number) => Math.round(x * 100) / 100;

describe('webview: compare mode', function () {
  this.timeout(90000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.close());

  const head = model(BEFORE);
  const now = model(edited());
  const tp = (m: JourneyModel, id: string) => m.touchpoints.find((t) => t.id === id)!;

  it('the two versions differ where the edit says (the premise of the checks below)', () => {
    assert.ok(tp(head, 'checkout-delivery').hotspotRank !== null, 'checkout is a hotspot at HEAD');
    assert.ok(tp(now, 'checkout-delivery').friction! < tp(head, 'checkout-delivery').friction!);
    assert.ok(tp(head, 'read-reviews') && !now.touchpoints.some((t) => t.id === 'read-reviews'));
    assert.ok(tp(now, 'delivery-promise') && !head.touchpoints.some((t) => t.id === 'delivery-promise'));
  });

  for (const theme of ['light', 'dark'] as Theme[]) {
    it(`overlays the other version: faint curves, delta badges, added and removed marks, the header line (${theme})`, async () => {
      const m = await openMap(h, { theme, width: 2000, height: 1500 });
      await m.show(now, 1);
      const plain = await readOverlay(m);
      assert.strictEqual(plain.compare, null);
      assert.strictEqual(plain.bar.hidden, true);
      assert.deepStrictEqual([plain.curves.length, plain.deltas.length, plain.added.length, plain.removed.length], [0, 0, 0, 0]);

      await m.send({ type: 'compare', uri: URI, label: 'HEAD', other: head });
      await m.page.waitForSelector('#map[data-compare="HEAD"]');
      const o = await readOverlay(m);

      // One faint curve per persona of HEAD, through its touchpoints that are still on the map.
      const expectCurves = head.personas.map((p) => ({
        persona: p.id,
        points: head.touchpoints.filter((t) => t.emotionByPersona[p.id] !== undefined && now.touchpoints.some((n) => n.id === t.id)).length,
      }));
      assert.deepStrictEqual(
        o.curves.map((c) => ({ persona: c.persona, points: c.points })),
        expectCurves,
      );
      assert.strictEqual(
        expectCurves[0].points,
        head.touchpoints.filter((t) => t.emotionByPersona['first-time-buyer'] !== undefined).length - 1,
        'read-reviews left out',
      );
      for (const c of o.curves) assert.match(c.d, /^M[\d.]+,[\d.]+C/, 'a drawn curve');
      // Each in its persona's colour: the colour of the current solid curve.
      for (const c of o.curves) {
        const solid = await m.page.$eval(`#map path.emotion-curve[data-persona="${c.persona}"]`, (p) => p.getAttribute('stroke'));
        assert.strictEqual(c.stroke, solid);
      }
      // The faint curve at checkout sits where HEAD's emotion was (-2 for first-time-buyer), below the current point (0).
      const ftb = o.curves.find((c) => c.persona === 'first-time-buyer')!;
      const checkoutX = (await columnX(m, 'checkout-delivery')) + 84;
      const ys = [...ftb.d.matchAll(/([\d.]+),([\d.]+)/g)].map((x) => [Number(x[1]), Number(x[2])]);
      const atCheckout = ys.find(([x]) => Math.abs(x - checkoutX) < 0.01);
      assert.ok(atCheckout, 'the faint curve passes the checkout column');
      const solidY = await m.page.$eval(
        `#map g.emotion-points[data-persona="first-time-buyer"] circle[data-touchpoint-index="${tp(now, 'checkout-delivery').index}"]`,
        (c) => Number(c.getAttribute('cy')),
      );
      assert.ok(atCheckout![1] > solidY + 40, `HEAD's -2 (y ${atCheckout![1]}) is well below today's 0 (y ${solidY})`);

      // Friction badges exactly where the two-decimal friction changed, with the change.
      const frictionExpected = now.touchpoints
        .filter((t) => head.touchpoints.some((b) => b.id === t.id))
        .map((t) => ({ t, b: tp(head, t.id) }))
        .filter(({ t, b }) => t.friction !== null && b.friction !== null && r2(t.friction) !== r2(b.friction))
        .map(({ t, b }) => ({ index: t.index, text: signed2(r2(t.friction!) - r2(b.friction!)), better: t.friction! < b.friction! }));
      const frictionDrawn = o.deltas.filter((d) => d.kind === 'friction');
      assert.deepStrictEqual(
        frictionDrawn.map((d) => ({ index: d.index, text: d.text, better: d.cls.includes('better') })),
        frictionExpected,
      );
      const checkout = frictionDrawn.find((d) => d.index === tp(now, 'checkout-delivery').index)!;
      assert.ok(checkout, 'a friction badge on the checkout');
      assert.match(checkout.cls, /better/);
      assert.strictEqual(
        checkout.tip,
        `Friction ${tp(head, 'checkout-delivery').friction!.toFixed(2)} in HEAD, ${tp(now, 'checkout-delivery').friction!.toFixed(2)} now`,
      );

      // Money: the checkout's revenue at risk (a hotspot at HEAD) changed.
      const money = o.deltas.filter((d) => d.kind === 'money');
      const cb = tp(head, 'checkout-delivery').revenueAtRisk!;
      const ca = tp(now, 'checkout-delivery').revenueAtRisk ?? 0;
      const mc = money.find((d) => d.index === tp(now, 'checkout-delivery').index);
      assert.ok(mc, 'a money badge on the checkout');
      assert.strictEqual(mc!.text, `${ca > cb ? '+' : '−'}${formatMoney(Math.abs(ca - cb), 'EUR')} at risk`);
      assert.match(mc!.cls, ca < cb ? /better/ : /worse/);
      for (const d of money) {
        const t = now.touchpoints[d.index];
        assert.ok(t.hotspotRank !== null || tp(head, t.id).hotspotRank !== null, `money badges only on hotspot cells (${t.id})`);
      }

      // Added and removed.
      assert.deepStrictEqual(o.added, ['delivery-promise']);
      assert.deepStrictEqual(
        o.removed.map((r) => r.id),
        ['read-reviews'],
      );
      assert.strictEqual(o.removed[0].x, (await columnX(m, 'compare-models')) + 168, 'read-reviews stood right after compare-models');

      // The header line.
      assert.strictEqual(o.bar.hidden, false);
      assert.ok(o.bodyComparing);
      const rb = head.summary.revenueAtRiskAtHotspots!;
      const ra = now.summary.revenueAtRiskAtHotspots!;
      const sb = Math.round(head.score.value!);
      const sa = Math.round(now.score.value!);
      assert.strictEqual(
        o.bar.text,
        `Compared with HEAD: revenue at risk at hotspots ${formatMoney(rb, 'EUR')} → ${formatMoney(ra, 'EUR')} ` +
          `(${ra > rb ? '+' : '−'}${formatMoney(Math.abs(ra - rb), 'EUR')}) · ` +
          `score ${sb} → ${sa} (${sa === sb ? 'no change' : `${sa > sb ? '+' : '−'}${Math.abs(sa - sb)}`}) · ` +
          '1 touchpoint added, 1 removed (Reads reviews on social media)',
      );
      assert.ok(ra < rb && sa > sb, 'the fix lowers the money at risk and raises the score');
      assert.deepStrictEqual(await m.problems(), [], 'no script error, no CSP violation');

      // For review: the top of the map with the bar, curves and friction lane.
      const size = await m.page.evaluate(() => {
        const bg = document.querySelector('#map .map-background');
        return { w: Number(bg?.getAttribute('width')), h: Number(bg?.getAttribute('height')) };
      });
      await m.page.setViewportSize({ width: Math.min(2600, Math.ceil(size.w)), height: Math.min(2400, Math.ceil(size.h) + 40) });
      await m.page.waitForFunction(() => !!document.querySelector('#map g.compare-overlay'));
      const box = await m.page.evaluate(() => {
        const lane = document.querySelector('#map g.lane-friction')!.getBoundingClientRect();
        return { x: 0, y: 0, width: window.innerWidth, height: Math.min(window.innerHeight, lane.y + lane.height + 10) };
      });
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await m.page.screenshot({ path: path.join(SCREENSHOTS, `compare-overlay-${theme}.png`), clip: box });
      await m.page.close();
    });
  }

  it('leaving restores the map exactly, follows live edits, draws nothing for another document', async () => {
    const m = await openMap(h, { width: 1800, height: 1400 });
    await m.show(now, 1);
    const before = await m.page.$eval('#map', (svg) => svg.innerHTML);
    await m.send({ type: 'compare', uri: URI, label: 'main', other: head });
    await m.page.waitForSelector('#map[data-compare="main"]');
    // Leave with the bar's button: the host is told, and the map is as it was, to the byte.
    await m.clearPosted();
    await m.page.click('#compare-bar button[data-action="leave-compare"]');
    const left = await readOverlay(m);
    assert.deepStrictEqual(
      [left.compare, left.bar.hidden, left.bodyComparing, left.curves.length, left.deltas.length, left.added.length, left.removed.length],
      [null, true, false, 0, 0, 0, 0],
    );
    assert.deepStrictEqual(await m.posted(), [{ type: 'leaveCompare' }]);
    const restored = await m.page.$eval('#map', (svg) => svg.innerHTML);
    const at = [...restored].findIndex((c, i) => c !== before[i]);
    assert.strictEqual(
      at,
      -1,
      'the map exactly as before compare mode; first difference: ' +
        `${restored.slice(at - 200, at + 200)} / ${before.slice(at - 200, at + 200)}`,
    );

    await m.send({ type: 'compare', uri: URI, label: 'main', other: head });
    await m.page.waitForSelector('#map[data-compare="main"]');
    const first = await readOverlay(m);
    // An edit: the card payment gets worse. The overlay is redrawn against the same version.
    const worse = replaceOnce(
      replaceOnce(edited(), 'nps: 31', 'nps: 10'),
      'emotion: { first-time-buyer: 0, loyal-upgrader: 1 }\n        backstage:\n          - { text: Fraud screening',
      'emotion: { first-time-buyer: -2, loyal-upgrader: -2 }\n        backstage:\n          - { text: Fraud screening',
    );
    const next = model(worse);
    await m.show(next, 2);
    const second = await readOverlay(m);
    const pay = tp(next, 'pay-by-card');
    assert.ok(!first.deltas.some((d) => d.kind === 'friction' && d.index === pay.index), 'no badge on the card payment before the edit');
    const badge = second.deltas.find((d) => d.kind === 'friction' && d.index === pay.index);
    assert.ok(badge, 'a badge on the card payment after the edit');
    assert.strictEqual(badge!.text, signed2(r2(pay.friction!) - r2(tp(head, 'pay-by-card').friction!)));
    assert.match(badge!.cls, /worse/);
    assert.strictEqual(second.compare, 'main');
    assert.notStrictEqual(second.bar.text, first.bar.text, 'the header line follows the edit');

    // Another document in the same panel: no overlay (it compares buy-phone-online only).
    const other = { ...next, uri: 'file:///elsewhere/other.journey.yaml' };
    await m.show(other, 3);
    const elsewhere = await readOverlay(m);
    assert.deepStrictEqual([elsewhere.compare, elsewhere.bar.hidden, elsewhere.curves.length, elsewhere.deltas.length], [null, true, 0, 0]);

    // Back to it: the overlay again; the host's leave (the command) removes it, and a new model stays plain.
    await m.show(now, 4);
    await m.page.waitForSelector('#map[data-compare="main"]');
    await m.send({ type: 'leaveCompare' });
    await m.show(now, 5);
    const after = await readOverlay(m);
    assert.deepStrictEqual(
      [
        after.compare,
        after.bar.hidden,
        after.bodyComparing,
        after.curves.length,
        after.deltas.length,
        after.added.length,
        after.removed.length,
      ],
      [null, true, false, 0, 0, 0, 0],
    );
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });

  it('ignores a compare message whose other version is not a journey model', async () => {
    const m = await openMap(h, { width: 1600, height: 1200 });
    await m.show(now, 1);
    for (const other of [null, 'HEAD', { kind: 'persona' }, { kind: 'journey' }]) {
      await m.page.evaluate((msg) => window.postMessage(msg, '*'), { type: 'compare', uri: URI, label: 'HEAD', other } as unknown);
    }
    await m.show(now, 2);
    const o = await readOverlay(m);
    assert.deepStrictEqual([o.compare, o.bar.hidden, o.curves.length], [null, true, 0]);
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });
});
