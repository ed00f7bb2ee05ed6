// The built webview bundle in headless Chromium, under the page's real CSP: the DOM of every
// sample, clicks and keys that reveal source ranges, live updates, errors, export, Mermaid,
// state, a 2,000-touchpoint map, and screenshots for review.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as os from 'os';
import * as fs from 'fs';
import * as path from 'path';
import type { JourneyModel } from '../../server/src/core/model';
import type { WebviewToHost } from '../../server/src/protocol';
import { toMermaidJourney } from '../../webview/src/mermaid';
import { Harness, MapPage, openMap, ROOT, SCREENSHOTS, startHarness, Theme } from './browser';
import { journeyFixture, personaFixture } from './fixtures';
import { loadSamples, Sample, SAMPLES } from './samples';

const samples = loadSamples();

async function transformOf(m: MapPage): Promise<string | null> {
  return m.page.$eval('g.map-viewport', (g) => g.getAttribute('transform'));
}

function reveals(posted: WebviewToHost[]): Extract<WebviewToHost, { type: 'reveal' }>[] {
  return posted.filter((p): p is Extract<WebviewToHost, { type: 'reveal' }> => p.type === 'reveal');
}

/** The DOM facts of a journey map: columns, curves, badges, markers. */
async function journeyFacts(m: MapPage) {
  return m.page.evaluate(() => {
    return {
      columns: Array.from(document.querySelectorAll('#map .touchpoint-column')).map((e) => Number(e.getAttribute('data-touchpoint-index'))),
      focusable: Array.from(document.querySelectorAll('#map .touchpoint-column')).every(
        (e) => e.getAttribute('tabindex') === '0' && (e.getAttribute('aria-label') ?? '').length > 0,
      ),
      curves: Array.from(document.querySelectorAll('#map path.emotion-curve')).map((e) => ({
        persona: e.getAttribute('data-persona'),
        d: e.getAttribute('d') ?? '',
        stroke: e.getAttribute('stroke'),
      })),
      badges: Array.from(document.querySelectorAll('#map .hotspot-badge')).map((e) => ({
        rank: Number(e.getAttribute('data-rank')),
        touchpoint: Number(e.closest('.friction-cell')?.getAttribute('data-touchpoint-index')),
      })),
      peaks: Array.from(document.querySelectorAll('#map .peak-marker')).map((e) => ({
        persona: e.getAttribute('data-persona'),
        index: Number(e.getAttribute('data-touchpoint-index')),
      })),
      ends: Array.from(document.querySelectorAll('#map .end-marker')).map((e) => ({
        persona: e.getAttribute('data-persona'),
        index: Number(e.getAttribute('data-touchpoint-index')),
      })),
      stages: Array.from(document.querySelectorAll('#map .stage-band')).map((e) => Number(e.getAttribute('data-stage-index'))),
      title: document.querySelector('#map > title')?.textContent ?? '',
      desc: document.querySelector('#map > desc')?.textContent ?? '',
      midline: Array.from(document.querySelectorAll('#map .midpoint-line')).length,
      visibility: Array.from(document.querySelectorAll('#map .line-of-visibility')).length,
    };
  });
}

function assertJourneyDom(model: JourneyModel, f: Awaited<ReturnType<typeof journeyFacts>>, name: string): void {
  assert.deepStrictEqual(
    f.columns,
    model.touchpoints.map((t) => t.index),
    `${name}: a column per touchpoint, in order`,
  );
  assert.ok(f.focusable, `${name}: columns focusable and labelled`);
  assert.deepStrictEqual(
    f.curves.map((c) => c.persona),
    model.personas.map((p) => p.id),
    `${name}: one curve per persona`,
  );
  for (const c of f.curves) {
    const has = model.touchpoints.some((t) => t.emotionByPersona[c.persona as string] !== undefined);
    assert.strictEqual(c.d.startsWith('M'), has, `${name}: curve of ${c.persona} drawn iff it has values`);
    assert.strictEqual(c.stroke, model.personas.find((p) => p.id === c.persona)?.color, `${name}: persona colour from the model`);
  }
  const expected = model.hotspots.map((h) => ({ rank: h.rank, touchpoint: h.touchpointIndex }));
  assert.deepStrictEqual(
    [...f.badges].sort((a, b) => a.rank - b.rank),
    expected,
    `${name}: hotspot badges in the model's rank order`,
  );
  const peaks = Object.entries(model.peakEnd).map(([persona, pe]) => ({ persona, index: pe.peakIndex }));
  const ends = Object.entries(model.peakEnd).map(([persona, pe]) => ({ persona, index: pe.endIndex }));
  const byPersona = (a: { persona: string | null }, b: { persona: string | null }) => String(a.persona).localeCompare(String(b.persona));
  assert.deepStrictEqual([...f.peaks].sort(byPersona), peaks.sort(byPersona), `${name}: peak markers`);
  assert.deepStrictEqual([...f.ends].sort(byPersona), ends.sort(byPersona), `${name}: end markers`);
  assert.deepStrictEqual(
    f.stages,
    model.stages.map((s) => s.index),
    `${name}: stage bands`,
  );
  assert.ok(f.title.includes(model.title), `${name}: SVG title`);
  assert.ok(f.desc.length > 0, `${name}: SVG desc`);
  assert.strictEqual(f.midline, 1);
  assert.strictEqual(f.visibility, 1);
}

async function screenshot(m: MapPage, name: string): Promise<void> {
  const size = await m.page.evaluate(() => {
    const bg = document.querySelector('#map .map-background');
    return { w: Number(bg?.getAttribute('width')), h: Number(bg?.getAttribute('height')) };
  });
  await m.page.setViewportSize({ width: Math.min(2600, Math.ceil(size.w)), height: Math.min(4000, Math.ceil(size.h)) });
  // At actual size (the map opened fitted to the narrower page).
  await m.page.click('.toolbar [data-action="reset"]');
  await m.page.evaluate(() => (document.querySelector('.toolbar') as HTMLElement).setAttribute('hidden', ''));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await m.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

describe('webview: the map in headless Chromium', function () {
  this.timeout(90000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.close());

  describe('every sample, light and dark', () => {
    for (const s of samples as Sample[]) {
      for (const theme of ['light', 'dark'] as Theme[]) {
        it(`${s.name} (${theme})`, async () => {
          const m = await openMap(h, { theme });
          await m.show(s.model, 1);
          if (s.model.kind === 'journey') assertJourneyDom(s.model, await journeyFacts(m), s.name);
          else {
            const p = s.model;
            assert.strictEqual(await m.page.$eval('#map .persona-name', (e) => e.textContent), p.name);
            const used = await m.page.$$eval('#map .used-by', (es) => es.length);
            assert.strictEqual(used, p.usedBy.length, 'a link per journey that uses the persona');
            const sections = await m.page.$$eval('#map .persona-section', (es) => es.map((e) => e.getAttribute('data-section')));
            for (const key of ['goals', 'frustrations'] as const) if (p[key].length) assert.ok(sections.includes(key), key);
            if (p.quote) assert.ok((await m.page.$eval('#map .persona-quote', (e) => e.textContent))?.includes(p.quote));
          }
          assert.deepStrictEqual(await m.problems(), [], 'no script error, no CSP violation');
          await screenshot(m, `${s.name}-${theme}`);
          await m.page.close();
        });
      }
    }
  });

  describe('interaction', () => {
    const journey = samples.find((s) => s.name === 'buy-phone-online.journey')?.model as JourneyModel;

    it('a click on a touchpoint, stage, pain point, backstage entry or hotspot badge posts reveal with its range', async () => {
      const m = await openMap(h);
      await m.show(journey, 1);
      const t = journey.touchpoints.find((x) => x.painPoints.length && x.backstage.length) as JourneyModel['touchpoints'][number];
      await m.page.click(`#map .touchpoint-column[data-touchpoint-index="${t.index}"] .card`);
      await m.page.click(`#map .stage-band[data-stage-index="1"] rect`);
      await m.page.click(`#map .pain-points[data-touchpoint-index="${t.index}"] .pain-point`);
      await m.page.click(`#map .backstage[data-touchpoint-index="${t.index}"] .backstage-entry rect`);
      // The top hotspot's badge in the friction lane leads to its touchpoint.
      const top = journey.touchpoints[journey.hotspots[0].touchpointIndex];
      await m.page.click(`#map .friction-cell[data-touchpoint-index="${top.index}"] .hotspot-badge`);
      assert.deepStrictEqual(reveals(await m.posted()), [
        { type: 'reveal', uri: journey.uri, range: t.nameRange },
        { type: 'reveal', uri: journey.uri, range: journey.stages[1].nameRange },
        { type: 'reveal', uri: journey.uri, range: t.painPoints[0].range },
        { type: 'reveal', uri: journey.uri, range: t.backstage[0].range },
        { type: 'reveal', uri: journey.uri, range: top.nameRange },
      ]);
      await m.page.close();
    });

    it('Enter on a focused touchpoint reveals it; arrow keys walk the columns', async () => {
      const m = await openMap(h);
      await m.show(journey, 1);
      await m.page.focus('#map .touchpoint-column[data-touchpoint-index="0"]');
      await m.page.keyboard.press('ArrowRight');
      await m.page.keyboard.press('Enter');
      assert.deepStrictEqual(reveals(await m.posted()), [{ type: 'reveal', uri: journey.uri, range: journey.touchpoints[1].nameRange }]);
      await m.page.close();
    });

    it('an update patches in place and keeps the zoom transform; the state is saved', async () => {
      const m = await openMap(h);
      await m.show(journey, 1);
      // The map opens fitted to the panel's width.
      const opened = await transformOf(m);
      const width = await m.page.$eval('#map .map-background', (e) => Number(e.getAttribute('width')));
      const fitted = Math.max(0.4, Math.min(1, 1400 / width));
      assert.strictEqual(opened, `translate(0,0) scale(${fitted})`, 'fitted to the width on open');
      // Zoom in with the toolbar, then pan by dragging the map.
      await m.page.click('.toolbar [data-action="zoom-in"]');
      await m.page.mouse.move(700, 500);
      await m.page.mouse.down();
      await m.page.mouse.move(500, 400, { steps: 5 });
      await m.page.mouse.up();
      const before = await transformOf(m);
      const k = Number(/scale\(([\d.]+)\)/.exec(before ?? '')?.[1]);
      assert.ok(Math.abs(k - fitted * 1.25) < 1e-9, `zoomed in a step: ${before}`);
      assert.match(before ?? '', /^translate\(-?[\d.]+,-?[\d.]+\) scale\([\d.]+\)$/);
      assert.notStrictEqual(before, `translate(0,0) scale(${k})`, 'the drag panned');
      await m.page.$eval('#map .touchpoint-column[data-touchpoint-index="2"]', (e) => ((e as unknown as { __mark: number }).__mark = 42));
      const edited: JourneyModel = JSON.parse(JSON.stringify(journey));
      edited.touchpoints[2].name = 'Renamed while typing';
      await m.show(edited, 2);
      assert.strictEqual(await transformOf(m), before, 'zoom and pan survive the update');
      const kept = await m.page.$eval('#map .touchpoint-column[data-touchpoint-index="2"]', (e) => [
        (e as unknown as { __mark?: number }).__mark,
        e.querySelector('.touchpoint-name')?.textContent,
      ]);
      assert.deepStrictEqual(kept, [42, 'Renamed while typing'], 'same element, new text');
      const state = (await m.page.evaluate(() => (window as unknown as { __state: { uri: string; zoom: { k: number } } }).__state)) as {
        uri: string;
        zoom: { k: number };
      };
      assert.strictEqual(state.uri, journey.uri);
      assert.ok(Math.abs(state.zoom.k - fitted * 1.25) < 1e-9);
      await m.page.close();

      // A reloaded webview starts where the user left it.
      const again = await openMap(h, { state });
      await again.show(journey, 1);
      assert.strictEqual(await transformOf(again), before);
      await again.page.close();
    });

    it('a broken update keeps the last good map and shows a banner naming the error', async () => {
      const m = await openMap(h);
      await m.show(journey, 1);
      await m.show(null, 2, 'Nested mappings are not allowed in compact mappings');
      const banner = await m.page.$eval('#banner', (e) => ({
        hidden: (e as HTMLElement).hidden,
        text: e.textContent ?? '',
        role: e.getAttribute('role'),
      }));
      assert.strictEqual(banner.hidden, false);
      assert.strictEqual(banner.role, 'alert');
      assert.match(banner.text, /Nested mappings are not allowed in compact mappings \(line 5, column 3\)/);
      assert.strictEqual(
        await m.page.$$eval('#map .touchpoint-column', (es) => es.length),
        journey.touchpoints.length,
        'the last good map stays',
      );
      await m.show(journey, 3);
      assert.strictEqual(await m.page.$eval('#banner', (e) => (e as HTMLElement).hidden), true, 'a good model clears the banner');
      await m.page.close();
    });

    it('highlight marks the column of the editor cursor', async () => {
      const m = await openMap(h);
      await m.show(journey, 1);
      await m.send({ type: 'highlight', uri: journey.uri, touchpointIndex: 3, stageIndex: journey.touchpoints[3].stageIndex });
      await m.page.waitForSelector('#map .touchpoint-column.highlighted');
      const lit = await m.page.$$eval('#map .touchpoint-column.highlighted', (es) =>
        es.map((e) => e.getAttribute('data-touchpoint-index')),
      );
      assert.deepStrictEqual(lit, ['3']);
      const band = await m.page.$$eval('#map .stage-band.highlighted', (es) => es.map((e) => e.getAttribute('data-stage-index')));
      assert.deepStrictEqual(band, [String(journey.touchpoints[3].stageIndex)]);
      await m.send({ type: 'highlight', uri: 'file:///other.journey.yaml', touchpointIndex: 0, stageIndex: 0 });
      await m.send({ type: 'highlight', uri: journey.uri, touchpointIndex: null, stageIndex: null });
      await m.page.waitForFunction(() => document.querySelectorAll('#map .highlighted').length === 0);
      await m.page.close();
    });

    it('exports SVG (self-contained, well-formed) and PNG, and copies Mermaid', async () => {
      const m = await openMap(h, { theme: 'dark' });
      await m.show(journey, 1);
      await m.send({ type: 'export', format: 'svg' });
      await m.send({ type: 'export', format: 'png' });
      await m.page.click('.toolbar [data-action="mermaid"]');
      await m.page.waitForFunction(
        () => (window as unknown as { __posted: { type: string }[] }).__posted.filter((p) => p.type === 'exported').length === 2,
      );
      const posted = await m.posted();
      const svg = posted.find((p) => p.type === 'exported' && p.format === 'svg') as { data: string };
      const png = posted.find((p) => p.type === 'exported' && p.format === 'png') as { data: string };
      const check = await m.page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.localName,
          transform: doc.querySelector('g.map-viewport')?.getAttribute('transform') ?? null,
          style: doc.querySelector('style')?.textContent ?? '',
          columns: doc.querySelectorAll('.touchpoint-column').length,
        };
      }, svg.data);
      assert.deepStrictEqual([check.error, check.root, check.transform, check.columns], [0, 'svg', null, journey.touchpoints.length]);
      assert.match(check.style, /--vscode-editor-background: #1f1f1f;/, 'the theme colours resolved into the file');
      assert.match(png.data, /^data:image\/png;base64,/);
      const bytes = Buffer.from(png.data.split(',')[1], 'base64');
      assert.strictEqual(bytes.subarray(1, 4).toString('latin1'), 'PNG');
      assert.ok(bytes.readUInt32BE(16) >= 1000, 'PNG as wide as the map');
      const mermaid = posted.find((p) => p.type === 'copyMermaid') as { text: string };
      assert.strictEqual(mermaid.text, toMermaidJourney(journey));
      await m.page.close();
    });

    it('draws 2,000 touchpoints and stays interactive (columns near the view only)', async () => {
      const big = journeyFixture({ touchpoints: 2000 });
      const m = await openMap(h);
      // Hand the model over first, so the time below is the page's own (not the test's transfer).
      await m.page.evaluate(
        (model) => void ((window as unknown as { __big: unknown }).__big = model),
        big as unknown as Record<string, unknown>,
      );
      const ms = await m.page.evaluate(
        (uri) =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            new MutationObserver((_r, obs) => {
              if (document.getElementById('map')?.getAttribute('data-version') === '1') {
                obs.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - t0));
              }
            }).observe(document.getElementById('map') as Element, { attributes: true });
            const model = (window as unknown as { __big: unknown }).__big;
            window.postMessage(
              { type: 'model', result: { uri, version: 1, model, problems: { error: 0, warning: 0, info: 0, hint: 0 } } },
              '*',
            );
          }),
        big.uri,
      );
      const drawn = await m.page.$$eval('#map .touchpoint-column', (es) => es.map((e) => Number(e.getAttribute('data-touchpoint-index'))));
      assert.ok(drawn.length > 0 && drawn.length < 200, `only the columns near the view (${drawn.length})`);
      assert.deepStrictEqual(
        drawn,
        drawn.map((_x, i) => i),
        'from the first column on, in order',
      );
      // Each persona's curve goes through every drawn point of that persona, and on past them.
      const series = await m.page.$$eval('#map g.emotion-points', (gs) =>
        gs.map((g) => ({
          d: document.querySelector(`#map path.emotion-curve[data-persona="${g.getAttribute('data-persona')}"]`)?.getAttribute('d') ?? '',
          points: Array.from(g.querySelectorAll('circle')).map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`),
        })),
      );
      assert.strictEqual(series.length, 2);
      for (const { d, points } of series) {
        const pairs = Array.from(d.matchAll(/(-?[\d.e]+),(-?[\d.e]+)/g)).map((x) => `${x[1]},${x[2]}`);
        assert.ok(points.length > 0 && points.every((p) => pairs.includes(p)), 'the curve goes through its drawn points');
        const xs = pairs.map((p) => Number(p.split(',')[0]));
        assert.ok(Math.max(...xs) > Math.max(...points.map((p) => Number(p.split(',')[0]))), 'and on past the last drawn column');
      }
      await m.page.click('#map .touchpoint-column[data-touchpoint-index="1"] .card');
      assert.deepStrictEqual(reveals(await m.posted()), [{ type: 'reveal', uri: big.uri, range: big.touchpoints[1].nameRange }]);
      // The editor cursor far away: the map pans there and draws that column, highlighted.
      await m.send({ type: 'highlight', uri: big.uri, touchpointIndex: 1500, stageIndex: big.touchpoints[1500].stageIndex });
      await m.page.waitForSelector('#map .touchpoint-column.highlighted[data-touchpoint-index="1500"]');
      assert.ok((await m.page.$$eval('#map .touchpoint-column', (es) => es.length)) < 200);
      process.stdout.write(`      (2,000 touchpoints drawn in ${Math.round(ms)} ms in the page)\n`);
      assert.deepStrictEqual(await m.problems(), []);
      await m.page.close();
    });
  });

  it("journeymap render writes well-formed XML for every sample (Chromium's strict parser)", async () => {
    const page = await h.browser.newPage();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-xml-'));
    try {
      for (const s of samples) {
        const file = path.join(out, `${s.name}.svg`);
        const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'render', s.file, '-o', file, '--root', SAMPLES], {
          encoding: 'utf8',
        });
        assert.strictEqual(r.status, 0, r.stderr);
        const parsed = await page.evaluate(
          (text) => {
            const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
            return { errors: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.namespaceURI };
          },
          fs.readFileSync(file, 'utf8'),
        );
        assert.deepStrictEqual(parsed, { errors: 0, root: 'http://www.w3.org/2000/svg' }, s.name);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
      await page.close();
    }
  });

  describe('hostile text', () => {
    const payloads = ['<img src=x onerror=window.__pwned=1>', '</script><script>window.__pwned=1</script>', 'javascript:window.__pwned=1'];
    for (const s of payloads) {
      it(`shows ${JSON.stringify(s)} literally in a journey and a persona, running nothing`, async () => {
        const m = await openMap(h);
        const journey = journeyFixture({ text: s, touchpoints: 3 });
        for (const t of journey.touchpoints) for (const o of t.opportunities) o.link = s;
        await m.show(journey, 1);
        await m.page.click('#map .touchpoint-column[data-touchpoint-index="0"] .card');
        await m.page.click('#map .opportunity');
        await m.send({
          type: 'model',
          result: {
            uri: journey.uri,
            version: 2,
            model: null,
            error: { message: s, range: journey.idRange },
            problems: { error: 1, warning: 0, info: 0, hint: 0 },
          },
        });
        await m.page.waitForSelector('#banner:not([hidden])');
        const j = await m.page.evaluate(
          (s) => ({
            pwned: (window as unknown as { __pwned?: unknown }).__pwned,
            img: document.querySelectorAll('img, image, iframe, object, embed').length,
            scripts: document.querySelectorAll('script').length,
            links: document.querySelectorAll('a, [href], [xlink\\:href]').length,
            handlers: [...document.querySelectorAll('*')].some((e) => [...e.attributes].some((a) => a.name.startsWith('on'))),
            title: document.querySelector('#map .title')?.textContent,
            literal: [...document.querySelectorAll('#map text, #map title')].filter((e) => e.textContent === s).length,
            banner: document.getElementById('banner')?.textContent?.includes(s),
          }),
          s,
        );
        assert.deepStrictEqual(j, {
          pwned: undefined,
          img: 0,
          scripts: 1,
          links: 0,
          handlers: false,
          title: s,
          literal: j.literal,
          banner: true,
        });
        assert.ok(j.literal >= 5, `the text shows literally (${j.literal} elements)`);

        const persona = personaFixture(s);
        await m.show(persona, 3);
        const p = await m.page.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          img: document.querySelectorAll('img, image, iframe, object, embed').length,
          scripts: document.querySelectorAll('script').length,
          name: document.querySelector('#map .persona-name')?.textContent,
        }));
        assert.deepStrictEqual(p, { pwned: undefined, img: 0, scripts: 1, name: s });
        assert.deepStrictEqual(await m.problems(), []);
        await m.page.close();
      });
    }
  });
});
