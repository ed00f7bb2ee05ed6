// The map's side of the model by difference, in headless Chromium with the built bundle: a
// `modelDiff` message patches the model the map shows (the DOM then equals the DOM of the same
// model sent whole), and a diff whose base is not the shown version is not applied: the map asks
// the host for the whole model (`resync`).
import * as assert from 'assert';
import * as path from 'path';
import type { JourneyModel } from '../../server/src/core/model';
import { journeyText, personaText } from '../../bench/generate';
import { analyzeParsed } from '../../server/src/core/analyze';
import { reparseFile } from '../../server/src/core/incremental';
import { parseFile } from '../../server/src/core/parse';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { modelResult } from '../../server/src/lsp/convert';
import { DiffSender, diffModels } from '../../server/src/modelDiff';
import type { ModelDiffResult, ModelResult } from '../../server/src/protocol';
import { Harness, openMap, SCREENSHOTS, startHarness } from './browser';
import { journeyFixture } from './fixtures';

const PROBLEMS = { error: 0, warning: 0, info: 0, hint: 0 };

/** The map's content, without the version stamp. */
const mapDom = (h: { page: import('playwright-core').Page }): Promise<string> =>
  h.page.$eval('#map', (svg) => {
    const clone = svg.cloneNode(true) as Element;
    clone.removeAttribute('data-version');
    return clone.innerHTML;
  });

describe('webview: the model by difference', function () {
  this.timeout(120_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('patches the shown map from a diff, to the same DOM as the whole model, \
and asks for the whole model when the base is not the shown one', async () => {
    const before = journeyFixture({ touchpoints: 7 });
    const after: JourneyModel = JSON.parse(JSON.stringify(before));
    after.touchpoints[2].name = 'Renamed by a diff';
    after.touchpoints[4].emotion = -2;
    after.title = 'A new title';
    const diff = diffModels(before, after)!;
    assert.deepStrictEqual(
      diff.touchpoints.set.map(([i]) => i),
      [2, 4],
    );

    // The map patched by the diff...
    const patched = await openMap(h);
    await patched.show(before, 1);
    await patched.clearPosted();
    const message: ModelDiffResult = { uri: before.uri, version: 2, base: 1, diff, problems: PROBLEMS };
    await patched.send({ type: 'modelDiff', result: message });
    await patched.page.waitForSelector('#map[data-version="2"]', { state: 'attached' });
    const names = await patched.page.$$eval('#map .touchpoint-name', (ts) => ts.map((t) => t.textContent ?? ''));
    assert.ok(
      names.some((n) => n.includes('Renamed')),
      `the renamed touchpoint is drawn: ${names.join(' | ')}`,
    );
    // ...and a map sent the same model whole.
    const whole = await openMap(h);
    await whole.show(after, 2);
    assert.strictEqual(await mapDom(patched), await mapDom(whole), 'the patched map is the map of the whole model');
    assert.deepStrictEqual(await patched.posted(), [], 'nothing asked for: the diff applied');
    await patched.page.screenshot({ path: path.join(SCREENSHOTS, 'webview-model-diff.png') });

    // A diff made for a version the map does not show (one was missed): not applied, the host is asked.
    const stale: ModelDiffResult = { uri: before.uri, version: 4, base: 3, diff, problems: PROBLEMS };
    await patched.send({ type: 'modelDiff', result: stale });
    await patched.page.waitForFunction(() =>
      ((window as unknown as { __posted: { type: string }[] }).__posted ?? []).some((m) => m.type === 'resync'),
    );
    assert.strictEqual(await patched.page.$eval('#map', (s) => s.getAttribute('data-version')), '2', 'the map still shows version 2');
    assert.deepStrictEqual(await patched.problems(), []);
    assert.deepStrictEqual(await whole.problems(), []);
    await patched.page.close();
    await whole.page.close();
  });

  it('redraws only the columns a diff changed in a long journey, and every drawn part equals the map of the whole model', async () => {
    // A windowed journey (past 300 touchpoints: a window of columns is drawn), analysed as the
    // server does (incremental re-parse, diffs from DiffSender), each edit sent as the diff.
    const index = new WorkspaceIndex();
    for (const p of ['first-time-buyer', 'loyal-upgrader']) index.update(`file:///ws/${p}.persona.yaml`, personaText(p));
    const g = journeyText('big', 400);
    const uri = 'file:///ws/big.journey.yaml';
    let parsed = parseFile(uri, g.text);
    const sender = new DiffSender();
    const first = sender.message(modelResult(uri, 1, analyzeParsed(parsed, index)));
    const patched = await openMap(h, { width: 1400, height: 1600 });
    await patched.send({ type: 'model', result: first.params as ModelResult });
    await patched.page.waitForSelector('#map[data-version="1"]', { state: 'attached' });
    await patched.clearPosted();
    const lines = g.text.split('\n');
    const emotionCol = '        emotion: '.length;
    const setEmotion = (k: number): void => {
      const at = g.touchpoints[k].emotionLine;
      const v = Number(lines[at].slice(emotionCol));
      lines[at] = `        emotion: ${v >= 2 ? v - 1 : v + 1}`;
    };
    // Lines of touchpoint k found by their shape: its name just above its channel and emotion, its metrics below.
    const nameLine = (k: number): number => g.touchpoints[k].emotionLine - 2;
    const metricsLine = (k: number): number => lines.findIndex((l, i) => i > g.touchpoints[k].emotionLine && /^ {8}metrics: /.test(l));
    assert.match(lines[nameLine(2)], /^ {8}name: Step 3 /, 'the name line of touchpoint 2');
    assert.ok(metricsLine(0) > 0 && metricsLine(0) < g.touchpoints[1].emotionLine, 'the metrics line of touchpoint 0');
    const edits: [string, () => void][] = [
      ['an emotion in view', () => setEmotion(1)],
      ['an emotion far outside the view', () => setEmotion(350)],
      ['a name in view', () => (lines[nameLine(2)] += ' renamed')],
      [
        'a conversion in view (the funnel after it moves)',
        () => (lines[metricsLine(0)] = lines[metricsLine(0)].replace(/conversion: [\d.]+/, 'conversion: 0.5')),
      ],
      ['an emotion in view again', () => setEmotion(3)],
      // Last: it moves every line below it (the indexes above would be off by one).
      ['a line added above every touchpoint (every range moves)', () => lines.splice(2, 0, '# a note')],
    ];
    let version = 1;
    let redrawn = 0;
    for (const [what, edit] of edits) {
      edit();
      version++;
      parsed = reparseFile(parsed, lines.join('\n'));
      const analysis = analyzeParsed(parsed, index);
      const m = sender.message(modelResult(uri, version, analysis));
      assert.ok(m.diff, `${what}: sent as a diff`);
      // Mark every drawn column, then patch: a column drawn again is a new or refilled element.
      await patched.page.evaluate(() =>
        document
          .querySelectorAll('#map g.lane-touchpoints > g.touchpoint-column')
          .forEach((c) => ((c as unknown as { __mark: boolean }).__mark = true)),
      );
      const before = await patched.page.$$eval('#map g.lane-touchpoints > g.touchpoint-column', (cs) => cs.map((c) => c.outerHTML));
      await patched.send({ type: 'modelDiff', result: m.params as ModelDiffResult });
      await patched.page.waitForSelector(`#map[data-version="${version}"]`, { state: 'attached' });
      const after = await patched.page.$$eval('#map g.lane-touchpoints > g.touchpoint-column', (cs) => cs.map((c) => c.outerHTML));
      redrawn += after.filter((html, i) => html !== before[i]).length;

      // The same model sent whole to a fresh map, left to draw the same window.
      const whole = await openMap(h, { width: 1400, height: 1600 });
      await whole.send({ type: 'model', result: modelResult(uri, version, analysis) });
      await whole.page.waitForSelector(`#map[data-version="${version}"]`, { state: 'attached' });
      const parts = (p: typeof patched) =>
        p.page.evaluate(() => {
          const out: Record<string, string> = {};
          const svg = document.getElementById('map')!;
          for (const lane of Array.from(svg.querySelectorAll('g.map-viewport > g'))) {
            for (const c of Array.from(lane.querySelectorAll(':scope > g[data-touchpoint-index], :scope > g.stage-band'))) {
              const at = c.getAttribute('data-touchpoint-index') ?? c.getAttribute('data-stage-index');
              out[`${lane.getAttribute('class')} ${c.getAttribute('class')} ${at}`] = c.outerHTML;
            }
          }
          out.header = svg.querySelector('g.header')!.outerHTML;
          out.markers = svg.querySelector('g.lane-emotion g.markers')?.outerHTML ?? '';
          return out;
        });
      const a = await parts(patched);
      const b = await parts(whole);
      const common = Object.keys(b).filter((k) => k in a);
      // Both maps draw at least the view (a fresh map draws ahead of it only when idle): the first columns' parts, in every lane.
      assert.ok(common.length >= 40, `${what}: the parts of the columns in view are compared (${common.length})`);
      for (const k of [0, 1, 2, 3])
        assert.ok(common.includes(`lane-touchpoints touchpoint-column ${k}`), `${what}: column ${k} is drawn in both`);
      for (const k of common) assert.strictEqual(a[k], b[k], `${what}: ${k} differs from the map of the whole model`);
      assert.deepStrictEqual(await whole.problems(), []);
      await whole.page.close();
    }
    // A column whose data did not change is left alone: far fewer redrawn than drawn each time.
    const drawnNow = (await patched.page.$$eval('#map g.lane-touchpoints > g.touchpoint-column', (cs) => cs.length)) * edits.length;
    assert.ok(redrawn > 0 && redrawn < drawnNow / 2, `columns whose element changed: ${redrawn} of ${drawnNow} drawn over the edits`);
    assert.deepStrictEqual(await patched.posted(), [], 'nothing asked for: every diff applied');
    assert.deepStrictEqual(await patched.problems(), []);
    await patched.page.close();
  });
});
