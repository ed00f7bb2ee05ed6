// Paths in the funnel lane and the scorecard (issue 12): a branching journey's funnel bars run
// along every path, past the branch, each bar the share of those starting still in on entering
// the touchpoint along the paths that came that way; the scorecard gives each path's completion.
// Checked on the router sample and on a generated journey with nested branches, joins and a
// loop back, against figures this test works out itself from the touchpoints' rates.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel } from '../../server/src/core/model';
import { journeyPaths } from '../../server/src/core/paths';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { Harness, MapPage, openMap, SCREENSHOTS, startHarness } from './browser';
import { loadSamples, SAMPLES } from './samples';

const NESTED = `journey: nested-paths
title: Nested paths
stages:
  - name: Start
    touchpoints:
      - { id: a, name: Arrives, emotion: 1, next: [b, e], metrics: { conversion: 0.9 } }
      - { id: b, name: Tries self-service, emotion: 0, next: [c, d], metrics: { conversion: 0.8 } }
      - { id: c, name: Reads the help page, emotion: -1, next: [f], metrics: { drop_off: 0.5 } }
  - name: Middle
    touchpoints:
      - { id: d, name: Watches a video, emotion: 1, next: [f] }
      - { id: e, name: Calls the shop, emotion: -2, next: [g], metrics: { conversion: 0.6 } }
      - { id: f, name: Fixes it alone, emotion: 2, next: [g, b], metrics: { conversion: 0.75 } }
  - name: End
    touchpoints:
      - { id: g, name: Confirms it works, emotion: 1, next: [h], metrics: { conversion: 0.95 } }
      - { id: h, name: Leaves a review, emotion: 2 }
`;

function analyse(file: string, text: string): JourneyModel {
  const index = new WorkspaceIndex();
  for (const f of fs.readdirSync(SAMPLES).filter((x) => x.endsWith('.persona.yaml')))
    index.update(pathToFileURL(path.join(SAMPLES, f)).href, fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
  const uri = pathToFileURL(file).href;
  index.update(uri, text);
  const model = analyzeText(uri, text, index).model;
  assert.ok(model?.kind === 'journey');
  return model;
}

/** The format's rate of a touchpoint: conversion, else 1 - drop_off, else none. */
const rateOf = (model: JourneyModel, i: number): number | undefined => {
  const m = model.touchpoints[i].metrics;
  return m.conversion ?? (m.drop_off !== undefined ? 1 - m.drop_off : undefined);
};

/** Every path from the first touchpoint as touchpoint ids, worked out by plain recursion (a successor on the path is a loop back). */
function oraclePaths(model: JourneyModel): string[][] {
  const at = new Map(model.touchpoints.map((t) => [t.id, t.index]));
  const out: string[][] = [];
  const walk = (way: number[]) => {
    const last = way[way.length - 1];
    const succ = [...new Set(model.touchpoints[last].next)].map((id) => at.get(id)!).filter((s) => s !== undefined && !way.includes(s));
    if (succ.length === 0) out.push(way.map((i) => model.touchpoints[i].id));
    for (const s of succ) walk([...way, s]);
  };
  walk([0]);
  return out;
}

/** Share entering each touchpoint of a path, and its completion, from the rates. */
function oracleFunnel(model: JourneyModel, ids: string[]): { entering: number[]; completion: number | null } {
  const at = new Map(model.touchpoints.map((t) => [t.id, t.index]));
  let share = 1;
  let measured = false;
  const entering = ids.map((id) => {
    const here = share;
    const r = rateOf(model, at.get(id)!);
    if (r !== undefined) {
      share *= r;
      measured = true;
    }
    return here;
  });
  return { entering, completion: measured ? share : null };
}

interface DrawnBar {
  touchpoint: number;
  share: number;
  paths: string[];
  label: string;
  box: { x: number; y: number; right: number; bottom: number };
}

async function drawnBars(m: MapPage): Promise<DrawnBar[]> {
  return m.page.evaluate(() =>
    Array.from(document.querySelectorAll('#map g.lane-metrics g.metrics g.funnel-step')).map((g) => ({
      touchpoint: Number(g.closest('g.metrics')!.getAttribute('data-touchpoint-index')),
      share: Number(g.getAttribute('data-share')),
      paths: (g.getAttribute('data-paths') ?? '').split(' ').filter(Boolean),
      label: g.querySelector('text.funnel-path')?.textContent ?? '',
      box: (g.querySelector('rect.funnel-track') as Element).getBoundingClientRect().toJSON(),
    })),
  );
}

const letter = (p: number) => String.fromCharCode(65 + p);

describe('webview: paths in the funnel lane and the scorecard', function () {
  this.timeout(120000);
  const router = loadSamples().find((s) => s.name === 'report-broken-router.journey');
  assert.ok(router?.model.kind === 'journey', 'the router sample');
  const nested = analyse(path.join(SAMPLES, 'nested-paths.journey.yaml'), NESTED);
  const cases: { name: string; model: JourneyModel }[] = [
    { name: 'report-broken-router', model: router.model },
    { name: 'nested-paths', model: nested },
  ];
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());

  for (const c of cases) {
    it(`${c.name}: the model lists every path from the first touchpoint, with its funnel and completion`, () => {
      const expected = oraclePaths(c.model);
      assert.ok(expected.length >= 3, `${c.name} branches`);
      const got = c.model.funnel.paths.map((p) => p.touchpoints.map((i) => c.model.touchpoints[i].id));
      assert.deepStrictEqual(got, expected);
      assert.strictEqual(c.model.funnel.morePaths, false);
      c.model.funnel.paths.forEach((p, k) => {
        const o = oracleFunnel(c.model, expected[k]);
        p.entering.forEach((e, i) =>
          assert.ok(Math.abs(e - o.entering[i]) < 1e-12, `${expected[k].join('>')} at ${i}: ${e} vs ${o.entering[i]}`),
        );
        assert.ok(
          o.completion !== null && p.completion !== null && Math.abs(p.completion - o.completion) < 1e-12,
          `${expected[k].join('>')}: ${p.completion} vs ${o.completion}`,
        );
      });
    });

    it(`${c.name}: funnel bars run along every path past the branch, one per way in, each with its share; \
the scorecard gives each path's completion`, async () => {
      const m = await openMap(h, { width: 1600 });
      await m.show(c.model, 1);
      const bars = await drawnBars(m);
      const paths = oraclePaths(c.model);
      const at = new Map(c.model.touchpoints.map((t) => [t.id, t.index]));
      // Every touchpoint on a path has its bars, also after the branch.
      const onPaths = new Set(paths.flat().map((id) => at.get(id)!));
      assert.deepStrictEqual(
        [...new Set(bars.map((b) => b.touchpoint))].sort((a, b) => a - b),
        [...onPaths].sort((a, b) => a - b),
      );
      // Each path, at each of its touchpoints, is on exactly one bar there, whose share is the path's own.
      paths.forEach((ids, p) => {
        const o = oracleFunnel(c.model, ids);
        ids.forEach((id, k) => {
          const here = bars.filter((b) => b.touchpoint === at.get(id) && b.paths.includes(letter(p)));
          assert.strictEqual(here.length, 1, `path ${letter(p)} at ${id}: ${JSON.stringify(here)}`);
          assert.ok(
            Math.abs(here[0].share - o.entering[k]) < 1e-4,
            `path ${letter(p)} at ${id}: drawn ${here[0].share}, expected ${o.entering[k]}`,
          );
        });
      });
      // Paths share a bar exactly while they came the same way.
      for (const b of bars) {
        const ways = b.paths.map((l) => {
          const ids = paths[l.charCodeAt(0) - 65];
          return ids.slice(0, ids.indexOf(c.model.touchpoints[b.touchpoint].id) + 1).join('>');
        });
        assert.strictEqual(new Set(ways).size, 1, `one way into ${c.model.touchpoints[b.touchpoint].id} for ${b.paths.join(',')}`);
        // Its letters are written at its left: "all", one letter, a range or a list.
        const label =
          b.paths.length === paths.length
            ? 'all'
            : b.paths.length > 2
              ? `${b.paths[0]}–${b.paths[b.paths.length - 1]}`
              : b.paths.join(', ');
        assert.strictEqual(b.label, label);
      }
      // A column's bars sit one under another, and above the column's rate line.
      const byCol = new Map<number, DrawnBar[]>();
      for (const b of bars) byCol.set(b.touchpoint, [...(byCol.get(b.touchpoint) ?? []), b]);
      for (const [t, list] of byCol) {
        for (let i = 1; i < list.length; i++)
          assert.ok(list[i].box.y >= list[i - 1].box.bottom, `bars of ${c.model.touchpoints[t].id} overlap`);
        const rateLine = await m.page.evaluate((t) => {
          const label = document.querySelector(`#map g.metrics[data-touchpoint-index="${t}"] text.funnel-label`);
          return label?.textContent ? label.getBoundingClientRect().top : Infinity; // a touchpoint without figures has none
        }, t);
        assert.ok(list[list.length - 1].box.bottom <= rateLine, `the rate line of ${c.model.touchpoints[t].id} sits below its bars`);
      }
      assert.ok(
        [...byCol.values()].some((l) => l.length > 1),
        'some touchpoint is reached more than one way',
      );

      // The scorecard: each path, its way, its completion.
      const lines = await m.page.evaluate(() =>
        Array.from(document.querySelectorAll('#map [data-summary="completion"] text.summary-line')).map((t) => ({
          text: t.textContent ?? '',
          reveal: t.getAttribute('data-reveal'),
        })),
      );
      // The only right-aligned figures of the card are the paths'.
      const figures = await m.page.evaluate(() =>
        Array.from(document.querySelectorAll('#map [data-summary="completion"] text.summary-figures')).map((t) => t.textContent ?? ''),
      );
      const pathLines = lines.filter((l) => /^[A-Z] via /.test(l.text));
      assert.strictEqual(pathLines.length, paths.length, lines.map((l) => l.text).join('\n'));
      paths.forEach((ids, p) => {
        const o = oracleFunnel(c.model, ids);
        assert.strictEqual(figures[p], `${Math.round((o.completion as number) * 100)}%`, `path ${letter(p)}`);
        assert.ok(pathLines[p].text.startsWith(`${letter(p)} via `), pathLines[p].text);
        // Named by the touchpoints it takes at each branch; a click reveals the first of them.
        const choices = ids.filter((_id, k) => k > 0 && new Set(c.model.touchpoints[at.get(ids[k - 1])!].next).size > 1);
        assert.strictEqual(
          pathLines[p].text,
          `${letter(p)} via ${choices.map((id) => c.model.touchpoints[at.get(id)!].name).join(', then ')}`,
        );
        assert.strictEqual(pathLines[p].reveal, `touchpoint:${at.get(choices[0])}`);
      });
      // The legend says the bars are per path.
      assert.match(
        await m.page.evaluate(() => document.querySelector('#map [data-legend="funnel"] text.legend-label')?.textContent ?? ''),
        /per path/,
      );
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const lane = await m.page.evaluate(() => (document.querySelector('#map g.lane-metrics') as Element).getBoundingClientRect().toJSON());
      await m.page.screenshot({
        path: path.join(SCREENSHOTS, `paths-funnel-${c.name}.png`),
        clip: { x: 0, y: Math.max(0, lane.y - 40), width: 1600, height: lane.height + 60 },
      });
      const card = await m.page.evaluate(() =>
        (document.querySelector('#map [data-summary="completion"]') as Element).getBoundingClientRect().toJSON(),
      );
      await m.page.screenshot({
        path: path.join(SCREENSHOTS, `paths-scorecard-${c.name}.png`),
        clip: { x: card.x - 10, y: card.y - 10, width: card.width + 20, height: card.height + 20 },
      });
      assert.deepStrictEqual(await m.problems(), []);
      await m.page.close();
    });
  }

  it('a journey of one path keeps one bar per touchpoint, without letters; the walk stops at the cap and says so', async () => {
    const linear = loadSamples().find((s) => s.name === 'buy-phone-online.journey')!.model as JourneyModel;
    assert.strictEqual(linear.funnel.paths.length, 1);
    const m = await openMap(h, { width: 1600 });
    await m.show(linear, 1);
    const bars = await drawnBars(m);
    // One bar per touchpoint of its one path (a touchpoint no path from the first reaches has none).
    const [ids] = oraclePaths(linear);
    assert.deepStrictEqual(
      bars.map((b) => linear.touchpoints[b.touchpoint].id),
      ids,
    );
    assert.ok(bars.every((b) => b.paths.length === 0 && b.label === ''));
    const expected = oracleFunnel(linear, ids).entering;
    bars.forEach((b, k) => assert.ok(Math.abs(b.share - expected[k]) < 1e-4));
    assert.strictEqual(
      await m.page.evaluate(() => document.querySelectorAll('#map [data-summary="completion"] text.summary-figures').length),
      0,
      'no per-path lines',
    );
    await m.page.close();
    // Ten binary branches in a row: 1,024 paths; eight are listed.
    const succ: number[][] = [];
    for (let i = 0; i < 10; i++) succ.push([3 * i + 1, 3 * i + 2], [3 * i + 3], [3 * i + 3]);
    succ.push([]);
    const found = journeyPaths(
      succ,
      succ.map(() => 0.9),
    );
    assert.strictEqual(found.paths.length, 8);
    assert.strictEqual(found.more, true);
    assert.deepStrictEqual(found.paths[0].touchpoints.slice(0, 4), [0, 1, 3, 4]);
  });
});
