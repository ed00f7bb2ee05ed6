// A long journey in the real browser, driven the way a user drives it: Ctrl+wheel zoom, wheel
// pans, keys, clicks. The map keeps only a window of columns in the DOM; whatever the view, the
// columns in it are drawn (with their points on the curves), the DOM stays bounded, text too
// small to see is not displayed and comes back fitted, and clicks, keys, the cursor highlight
// and live updates work on columns drawn after a pan.
import * as assert from 'assert';
import type { JourneyModel } from '../../server/src/core/model';
import type { WebviewToHost } from '../../server/src/protocol';
import { Harness, MapPage, openMap, startHarness } from './browser';
import { journeyFixture } from './fixtures';

const N = 2000;

interface ViewFacts {
  transform: string;
  far: boolean;
  /** Touchpoint indexes of the drawn columns, in document order. */
  drawn: number[];
  /** Screen x range of the first and last drawn column, and of the map. */
  first: { left: number; right: number };
  last: { left: number; right: number };
  view: { left: number; right: number };
  elements: number;
  /** Per persona: the curve's coordinate pairs and the drawn points. */
  series: { pairs: string[]; points: string[] }[];
  /** Texts in the map's viewport that are displayed. */
  shownTexts: number;
  /** Stage index of each drawn column, and the stage bands drawn. */
  columnStages: number[];
  bands: number[];
}

async function facts(m: MapPage): Promise<ViewFacts> {
  // A string, not a function: tsx would wrap a function's helpers in names the page lacks.
  return (await m.page.evaluate(`(() => {
    const svg = document.getElementById('map');
    const cols = Array.from(svg.querySelectorAll('g.lane-touchpoints > g.touchpoint-column'));
    const box = (e) => { const r = e.querySelector('rect.card').getBoundingClientRect(); return { left: r.left, right: r.right }; };
    const v = svg.getBoundingClientRect();
    return {
      transform: svg.querySelector('g.map-viewport').getAttribute('transform'),
      far: svg.classList.contains('far'),
      drawn: cols.map((c) => Number(c.getAttribute('data-touchpoint-index'))),
      first: box(cols[0]),
      last: box(cols[cols.length - 1]),
      view: { left: v.left, right: v.right },
      elements: svg.querySelectorAll('*').length,
      series: Array.from(svg.querySelectorAll('g.emotion-points')).map((g) => {
        const d = svg.querySelector('path.emotion-curve[data-persona="' + g.getAttribute('data-persona') + '"]').getAttribute('d');
        return {
          pairs: Array.from(d.matchAll(/(-?[\\d.e]+),(-?[\\d.e]+)/g)).map((x) => x[1] + ',' + x[2]),
          points: Array.from(g.querySelectorAll('circle')).map((c) => c.getAttribute('cx') + ',' + c.getAttribute('cy')),
        };
      }),
      shownTexts: Array.from(svg.querySelectorAll('g.map-viewport text')).filter((t) => getComputedStyle(t).display !== 'none').length,
      columnStages: cols.map((c) => Number(c.getAttribute('data-stage-index'))),
      bands: Array.from(svg.querySelectorAll('g.stage-band')).map((b) => Number(b.getAttribute('data-stage-index'))),
    };
  })()`)) as ViewFacts;
}

/**
 * Waits until idle time has drawn ahead all the view wants (a slice at a time): the map marks it
 * `data-window="settled"` once no frame and no idle slice is pending (columnWindow.ts).
 */
async function settle(m: MapPage): Promise<ViewFacts> {
  await m.page.waitForSelector('#map[data-window="settled"]', { state: 'attached', timeout: 120_000 });
  return facts(m);
}

/** Every column the view shows is drawn: the drawn ones are consecutive and reach past both edges. */
function assertViewDrawn(f: ViewFacts, what: string): void {
  assert.deepStrictEqual(
    f.drawn,
    f.drawn.map((_x, i) => f.drawn[0] + i),
    `${what}: consecutive columns in map order`,
  );
  assert.ok(
    f.drawn[0] === 0 || f.first.left <= f.view.left,
    `${what}: drawn from the view's left edge (first ${f.drawn[0]} at ${f.first.left})`,
  );
  assert.ok(
    f.drawn[f.drawn.length - 1] === N - 1 || f.last.right >= f.view.right,
    `${what}: drawn to the view's right edge (last ${f.drawn[f.drawn.length - 1]} at ${f.last.right})`,
  );
  for (const s of new Set(f.columnStages)) assert.ok(f.bands.includes(s), `${what}: the band of stage ${s} is drawn`);
  for (const s of f.series) {
    assert.ok(s.points.length > 0, `${what}: emotion points drawn`);
    assert.ok(
      s.points.every((p) => s.pairs.includes(p)),
      `${what}: the curve goes through every drawn point`,
    );
  }
}

async function wheel(m: MapPage, dx: number, dy: number, ctrl = false): Promise<void> {
  await m.page.mouse.move(700, 500);
  if (ctrl) await m.page.keyboard.down('Control');
  await m.page.mouse.wheel(dx, dy);
  if (ctrl) await m.page.keyboard.up('Control');
  // The frame that shows the step.
  await m.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

function reveals(posted: WebviewToHost[]): Extract<WebviewToHost, { type: 'reveal' }>[] {
  return posted.filter((p): p is Extract<WebviewToHost, { type: 'reveal' }> => p.type === 'reveal');
}

describe('webview: a 2,000-touchpoint map keeps a window of columns', function () {
  this.timeout(180000);
  let h: Harness;
  let big: JourneyModel;
  before(async () => {
    h = await startHarness();
    // 200 stages of 10: stage bands are windowed like columns.
    big = journeyFixture({ touchpoints: N, stages: 200 });
  });
  after(async () => h?.close());

  it('zoomed and panned far to the right, the columns in view are drawn and the DOM stays bounded', async () => {
    const m = await openMap(h);
    await m.show(big, 1);
    let f = await settle(m);
    assertViewDrawn(f, 'at first');
    const most = { elements: f.elements, columns: f.drawn.length, bands: f.bands.length };
    const steps: [string, number, number, boolean][] = [
      ['zoom out', 0, 120, true],
      ['zoom out to the least', 0, 120, true],
      ['pan right', 800, 0, false],
      ['pan right', 800, 0, false],
      ['zoom in', 0, -120, true],
      ['pan right', 1200, 0, false],
      ['zoom in', 0, -120, true],
      ['pan right', 1200, 0, false],
      ['scroll down', 0, 300, false],
      ['zoom out', 0, 60, true],
    ];
    for (const [what, dx, dy, ctrl] of steps) {
      await wheel(m, dx, dy, ctrl);
      // The very frame of the step already shows every column in view...
      assertViewDrawn(await facts(m), `${what}, its frame`);
      // ...and once idle time has drawn ahead, still only a window of them.
      f = await settle(m);
      assertViewDrawn(f, `${what}, settled`);
      most.elements = Math.max(most.elements, f.elements);
      most.columns = Math.max(most.columns, f.drawn.length);
      most.bands = Math.max(most.bands, f.bands.length);
    }
    assert.ok(f.drawn[0] > 200, `far to the right by now (from ${f.drawn[0]})`);
    // The webview keeps at most 400 columns' width drawn (a column may straddle each edge).
    assert.ok(most.columns <= 402, `a window of columns, never the journey (${most.columns} of ${N} at most)`);
    assert.ok(most.elements < 15000, `the DOM stays bounded (${most.elements} elements at most)`);
    assert.ok(most.bands < 60, `and so do the stage bands (${most.bands} of 200 at most)`);
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });

  it('text under a pixel high is not displayed, and comes back fitted to its card when zooming in', async () => {
    const m = await openMap(h);
    // A wider font than the character-count estimate assumes, so names must be fitted in the real font.
    await m.page.evaluate(() => void ((document.getElementById('map') as unknown as HTMLElement).style.letterSpacing = '0.8px'));
    await m.show(big, 1);
    await wheel(m, 0, 120, true);
    await wheel(m, 0, 120, true);
    let f = await settle(m);
    assert.match(f.transform, /scale\(0\.05\)/);
    assert.ok(f.far, 'the map is marked far');
    assert.strictEqual(f.shownTexts, 0, 'no text is displayed at a twentieth of its size');
    // Pan to columns that were never drawn with text, then zoom in on them.
    await wheel(m, 1400, 0);
    await wheel(m, 0, -120, true);
    f = await settle(m);
    assert.ok(!f.far && f.shownTexts > 0, 'text is back');
    assertViewDrawn(f, 'zoomed in again');
    const names = await m.page.$$eval('#map g.lane-touchpoints > g.touchpoint-column', (cols) =>
      cols.map((c) => {
        const name = c.querySelector('text.touchpoint-name') as SVGTextElement;
        const card = (c.querySelector('rect.card') as SVGRectElement).getBoundingClientRect();
        const r = name.getBoundingClientRect();
        return {
          index: Number(c.getAttribute('data-touchpoint-index')),
          inside: r.left >= card.left && r.right <= card.right,
          lines: name.querySelectorAll('tspan').length,
        };
      }),
    );
    assert.ok(names.length > 10);
    for (const n of names) assert.ok(n.inside && n.lines > 0, `name of ${n.index} fits its card`);

    // Those columns, drawn without text and given it now, are the columns a fresh map draws.
    const base = f.drawn[Math.floor(f.drawn.length / 3)];
    const wanted = [0, 1, 2, 3, 4, 5].map((i) => base + i);
    const fresh = await openMap(h);
    await fresh.page.evaluate(() => void ((document.getElementById('map') as unknown as HTMLElement).style.letterSpacing = '0.8px'));
    await fresh.show(big, 1);
    await fresh.send({ type: 'highlight', uri: big.uri, touchpointIndex: wanted[0], stageIndex: null });
    await fresh.page.waitForSelector(`#map .touchpoint-column.highlighted[data-touchpoint-index="${wanted[0]}"]`);
    await settle(fresh);
    await fresh.send({ type: 'highlight', uri: big.uri, touchpointIndex: null, stageIndex: null });
    const markup = (p: MapPage) =>
      p.page.evaluate(`(${JSON.stringify(wanted)}).map((i) => ['touchpoint-column', 'friction-cell', 'pain-points', 'opportunities', \
'backstage', 'metrics']
        .map((lane) => (document.querySelector('#map g.' + lane + '[data-touchpoint-index="' + i + '"]') \
|| { outerHTML: 'missing ' + lane + ' ' + i }).outerHTML).join('\\n'))`) as Promise<string[]>;
    const [a, b] = [await markup(m), await markup(fresh)];
    assert.ok(a.every((x) => !x.includes('missing')) && b.every((x) => !x.includes('missing')), `columns ${wanted} are drawn in both`);
    assert.deepStrictEqual(a, b, 'the same markup as a fresh map');
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
    await fresh.page.close();
  });

  it('after panning far: a click reveals the column, arrow keys walk on past the drawn columns, \
the cursor highlight and a live update keep working', async () => {
    const m = await openMap(h);
    await m.show(big, 1);
    for (let i = 0; i < 12; i++) await wheel(m, 1200, 0);
    let f = await settle(m);
    const target = f.drawn[Math.floor(f.drawn.length / 2)];
    assert.ok(target > 60, `columns far from the start are drawn (${target})`);

    // A click on a column drawn after the pan reveals its touchpoint.
    await m.clearPosted();
    await m.page.click(`#map .touchpoint-column[data-touchpoint-index="${target}"] .card`);
    assert.deepStrictEqual(reveals(await m.posted()), [{ type: 'reveal', uri: big.uri, range: big.touchpoints[target].nameRange }]);

    // Arrow keys walk the columns, past those drawn when the walk began; the map follows.
    await m.page.focus(`#map .touchpoint-column[data-touchpoint-index="${target}"]`);
    const lastDrawn = f.drawn[f.drawn.length - 1];
    const steps = lastDrawn - target + 5;
    for (let i = 0; i < steps; i++) {
      await m.page.keyboard.press('ArrowRight');
      await m.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    }
    const focused = await m.page.evaluate(() => {
      const e = document.activeElement as Element;
      const r = e.getBoundingClientRect();
      return { index: Number(e.getAttribute('data-touchpoint-index')), left: r.left, right: r.right, width: window.innerWidth };
    });
    assert.strictEqual(focused.index, target + steps, 'focus walked past the columns drawn before');
    assert.ok(focused.left >= 0 && focused.right <= focused.width, 'and the focused column is in view');
    await m.clearPosted();
    await m.page.keyboard.press('Enter');
    assert.deepStrictEqual(reveals(await m.posted()), [{ type: 'reveal', uri: big.uri, range: big.touchpoints[target + steps].nameRange }]);

    // The editor cursor on a touchpoint far back: the map pans there, draws and marks it.
    await m.send({ type: 'highlight', uri: big.uri, touchpointIndex: 5, stageIndex: big.touchpoints[5].stageIndex });
    await m.page.waitForSelector('#map .touchpoint-column.highlighted[data-touchpoint-index="5"]');
    assert.strictEqual(
      await m.page.$$eval('#map .column-bg-group[data-touchpoint-index="5"] .column-bg.highlighted', (es) => es.length),
      1,
    );
    f = await settle(m);
    assertViewDrawn(f, 'after the highlight');

    // The cursor on a stage's own line, far from the view: the map pans to the stage's band.
    await m.send({ type: 'highlight', uri: big.uri, touchpointIndex: null, stageIndex: 150 });
    await m.page.waitForSelector('#map .stage-band.highlighted[data-stage-index="150"]');
    const band = await m.page.$eval(
      '#map .stage-band[data-stage-index="150"] rect.band',
      (r) => r.getBoundingClientRect().toJSON() as { left: number; right: number },
    );
    assert.ok(band.left < 1400 && band.right > 0, `the band is in view (${band.left}..${band.right})`);
    await m.send({ type: 'highlight', uri: big.uri, touchpointIndex: 5, stageIndex: big.touchpoints[5].stageIndex });
    await m.page.waitForSelector('#map .touchpoint-column.highlighted[data-touchpoint-index="5"]');
    f = await settle(m);

    // A live update (a renamed touchpoint in view) keeps the zoom and the window.
    const edited = JSON.parse(JSON.stringify(big)) as JourneyModel;
    edited.touchpoints[6].name = 'Renamed while the map is open';
    await m.show(edited, 2);
    const g = await settle(m);
    assert.strictEqual(g.transform, f.transform, 'the update keeps the zoom and pan');
    assertViewDrawn(g, 'after the update');
    assert.strictEqual(
      await m.page.$eval('#map .touchpoint-column[data-touchpoint-index="6"] text.touchpoint-name', (t) =>
        (t.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ),
      'Renamed while the map is open',
    );
    assert.strictEqual(
      await m.page.$$eval('#map .touchpoint-column.highlighted[data-touchpoint-index="5"]', (es) => es.length),
      1,
      'the highlight survives the update',
    );
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });

  it('exports the whole journey, not the drawn window: every touchpoint in the SVG, a PNG within canvas limits', async () => {
    const m = await openMap(h);
    await m.show(big, 1);
    const drawn = (await settle(m)).drawn.length;
    assert.ok(drawn < N, `the view holds a window (${drawn} columns)`);
    await m.send({ type: 'export', format: 'svg' });
    await m.send({ type: 'export', format: 'png' });
    await m.page.waitForFunction(
      () => (window as unknown as { __posted: { type: string }[] }).__posted.filter((p) => p.type === 'exported').length === 2,
      undefined,
      { timeout: 60000 },
    );
    const posted = (await m.posted()) as unknown as { type: string; format?: string; data?: string }[];
    const svg = posted.find((p) => p.type === 'exported' && p.format === 'svg')!.data!;
    const png = posted.find((p) => p.type === 'exported' && p.format === 'png')!.data!;
    const check = await m.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const indexes = Array.from(doc.querySelectorAll('.touchpoint-column')).map((c) => Number(c.getAttribute('data-touchpoint-index')));
      return {
        error: doc.getElementsByTagName('parsererror').length,
        indexes,
        width: Number(doc.documentElement.getAttribute('width')),
        style: doc.querySelector('style')?.textContent ?? '',
      };
    }, svg);
    assert.strictEqual(check.error, 0);
    assert.deepStrictEqual(
      check.indexes,
      Array.from({ length: N }, (_x, i) => i),
      'every touchpoint, in order',
    );
    assert.ok(check.width > 100000, `as wide as the whole map (${check.width})`);
    assert.match(check.style, /--vscode-editor-background:/, 'the theme colours resolved into the file');
    const bytes = Buffer.from(png.split(',')[1], 'base64');
    assert.strictEqual(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.strictEqual(bytes.readUInt32BE(16), 16000, 'the whole map, scaled to the widest canvas');
    assert.ok(bytes.readUInt32BE(20) >= 1, 'a height');
    // The live map kept its window.
    assert.strictEqual((await facts(m)).drawn.length, drawn);
    await m.page.close();
  });
});
