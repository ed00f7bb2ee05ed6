// The map's side of the model by difference, in headless Chromium with the built bundle: a
// `modelDiff` message patches the model the map shows (the DOM then equals the DOM of the same
// model sent whole), and a diff whose base is not the shown version is not applied: the map asks
// the host for the whole model (`resync`).
import * as assert from 'assert';
import * as path from 'path';
import type { JourneyModel } from '../../server/src/core/model';
import { diffModels } from '../../server/src/modelDiff';
import type { ModelDiffResult } from '../../server/src/protocol';
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
});
