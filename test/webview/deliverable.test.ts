// The map as a CX deliverable (issue 12), checked in the real browser and in the static export
// over whatever samples exist (never pinned to today's content): no text on text, every word of
// the file's doing, thinking and owners in the SVG, nothing cut to "…", a legend for every mark,
// the fix-first callout naming hotspot #1 and its money, money strong on hotspots only, friction
// in calm-to-hot bands, and curves that follow the touchpoint graph instead of column order.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DOMParser } from 'linkedom';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel } from '../../server/src/core/model';
import { formatCount, formatMoney } from '../../server/src/core/scores';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { frictionBand } from '../../webview/src/render/layout';
import { Harness, MapPage, openMap, ROOT, startHarness, Theme } from './browser';
import { loadSamples, SAMPLES } from './samples';

const samples = loadSamples();
const journeys = samples.flatMap((s) => (s.model.kind === 'journey' ? [{ name: s.name, file: s.file, model: s.model }] : []));
const THEMES: Theme[] = ['light', 'dark'];
const CLI = path.join(ROOT, 'dist/cli.js');
const CX = 84; // half a column: where a column's curve point sits

interface Box {
  x: number;
  y: number;
  right: number;
  bottom: number;
}

/** Every displayed text of the map with its box, from the real DOM. */
async function textBoxes(m: MapPage): Promise<{ text: string; cls: string; box: Box }[]> {
  return m.page.evaluate(() =>
    Array.from(document.querySelectorAll('#map text'))
      .map((t) => ({
        // The text without its tooltip (a <title> child).
        text: Array.from(t.childNodes)
          .filter((n) => n.nodeName !== 'title')
          .map((n) => n.textContent)
          .join('')
          .trim(),
        cls: `${t.parentElement?.getAttribute('class') ?? ''} > ${t.getAttribute('class') ?? ''}`,
        box: t.getBoundingClientRect().toJSON() as Box,
        shown: getComputedStyle(t).display !== 'none' && getComputedStyle(t).visibility !== 'hidden',
      }))
      .filter((t) => t.shown && t.text && t.box.right > t.box.x),
  );
}

/** A journey's successors by index, as the format defines them (`next`, else the following touchpoint). */
function successors(model: JourneyModel): number[][] {
  const at = new Map(model.touchpoints.map((t) => [t.id, t.index]));
  return model.touchpoints.map((t) => t.next.map((id) => at.get(id)).filter((i): i is number => i !== undefined && i !== t.index));
}

/** The segments of each persona's curve: [from, to] touchpoint indexes, read back from the path's geometry. */
async function curveSegments(m: MapPage): Promise<{ persona: string; segs: [number, number][] }[]> {
  const raw = await m.page.evaluate(() => ({
    cols: Array.from(document.querySelectorAll('#map .touchpoint-column')).map((c) => ({
      index: Number(c.getAttribute('data-touchpoint-index')),
      x: Number(/translate\(([-\d.]+)/.exec(c.getAttribute('transform') ?? '')?.[1]),
    })),
    curves: Array.from(document.querySelectorAll('#map path.emotion-curve')).map((p) => ({
      persona: p.getAttribute('data-persona') ?? '',
      d: p.getAttribute('d') ?? '',
    })),
  }));
  const byX = (x: number) => {
    const c = raw.cols.find((col) => Math.abs(col.x + CX - x) < 0.05);
    assert.ok(c, `a curve point at x=${x} sits on a column`);
    return c.index;
  };
  return raw.curves.map(({ persona, d }) => {
    const segs: [number, number][] = [];
    // M x,y then C c1 c2 end, repeated; a new M starts a new run.
    const re = /([MC])([^MC]*)/g;
    let at: number | null = null;
    for (let mm = re.exec(d); mm; mm = re.exec(d)) {
      const nums = mm[2]
        .trim()
        .split(/[\s,]+/)
        .map(Number);
      const x = nums[nums.length - 2];
      const i = byX(x);
      if (mm[1] === 'C') {
        assert.ok(at !== null, 'a segment starts at a point');
        segs.push([at, i]);
      }
      at = i;
    }
    return { persona, segs };
  });
}

/** Asserts every curve segment joins a touchpoint to one of its successors, and every such pair with two values is drawn. */
function assertCurvesFollowPaths(
  model: JourneyModel,
  curves: { persona: string; segs: [number, number][] }[],
  name: string,
  x: (i: number) => number,
): void {
  const succ = successors(model);
  assert.strictEqual(curves.length, model.personas.length, `${name}: a curve per persona`);
  for (const { persona, segs } of curves) {
    const has = (i: number) => Object.prototype.hasOwnProperty.call(model.touchpoints[i].emotionByPersona, persona);
    for (const [a, b] of segs)
      assert.ok(
        succ[a].includes(b),
        `${name}: ${persona}'s curve joins ${model.touchpoints[a].id} to ${model.touchpoints[b].id}, which no path joins`,
      );
    const drawn = new Set(segs.map(([a, b]) => `${a}>${b}`));
    for (const t of model.touchpoints)
      for (const b of succ[t.index])
        if (x(b) > x(t.index) && has(t.index) && has(b))
          assert.ok(drawn.has(`${t.index}>${b}`), `${name}: ${persona}'s curve goes from ${t.id} on to ${model.touchpoints[b].id}`);
  }
}

/** A journey with nested branches, joins and a loop back, analysed by the core from its YAML. */
function branchingJourney(): JourneyModel {
  const text = `journey: nested-branches
title: Nested branches
personas: [first-time-buyer, loyal-upgrader]
stages:
  - name: Start
    touchpoints:
      - { id: a, name: Arrives, emotion: 1, next: [b, e] }
      - { id: b, name: Tries self-service, emotion: 0, next: [c, d] }
      - { id: c, name: Reads the help page, emotion: -1, next: [f] }
  - name: Middle
    touchpoints:
      - { id: d, name: Watches a video, emotion: { first-time-buyer: 1, loyal-upgrader: 0 }, next: [f] }
      - { id: e, name: Calls the shop, emotion: -2, next: [g] }
      - { id: f, name: Fixes it alone, emotion: 2, next: [g, b] }
  - name: End
    touchpoints:
      - { id: g, name: Confirms it works, emotion: 1, next: [h] }
      - { id: h, name: Leaves a review, emotion: 2 }
`;
  const uri = 'file:///work/samples/nested-branches.journey.yaml';
  const index = new WorkspaceIndex();
  for (const f of fs.readdirSync(SAMPLES).filter((x) => x.endsWith('.persona.yaml')))
    index.update(pathToFileURL(path.join(SAMPLES, f)).href, fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
  index.update(uri, text);
  const model = analyzeText(uri, text, index).model;
  assert.ok(model && model.kind === 'journey');
  return model;
}

/** Every owner, system, action and thought the file gives, as the map must carry them. */
function wordsOf(model: JourneyModel): { what: string; value: string }[] {
  const out: { what: string; value: string }[] = [];
  if (model.owner) out.push({ what: 'journey owner', value: model.owner });
  for (const s of model.stages) if (s.owner) out.push({ what: `owner of stage ${s.name}`, value: s.owner });
  for (const t of model.touchpoints) {
    if (t.action) out.push({ what: `action of ${t.id}`, value: t.action });
    if (t.thought) out.push({ what: `thought of ${t.id}`, value: t.thought });
    if (t.owner) out.push({ what: `owner of ${t.id}`, value: t.owner });
    for (const o of t.opportunities) if (o.owner) out.push({ what: `owner of an opportunity of ${t.id}`, value: o.owner });
    for (const b of t.backstage) {
      if (b.owner) out.push({ what: `owner of backstage "${b.text}"`, value: b.owner });
      if (b.system) out.push({ what: `system of backstage "${b.text}"`, value: b.system });
    }
  }
  return out;
}

/** Map marks (scoped to the lanes) and the legend entry that must explain each. */
const MARKS: [string, string][] = [
  ['.friction-heat.band-calm', 'friction-calm'],
  ['.friction-heat.band-low', 'friction-low'],
  ['.friction-heat.band-raised', 'friction-raised'],
  ['.friction-heat.band-hot', 'friction-hot'],
  ['.hotspot-badge', 'hotspot'],
  ['.revenue-at-risk', 'money'],
  ['.moment-of-truth', 'moment-of-truth'],
  ['.peak-marker', 'peak'],
  ['.end-marker', 'end'],
  ['.confidence-mark', 'confidence'],
  ['.flow-step', 'flow-step'],
  ['.flow-jump', 'flow-jump'],
  ['.pain-point', 'pain'],
  ['.opportunity', 'opportunity'],
  ['.funnel-bar', 'funnel'],
  ['.metric-chip', 'survey'],
  ['.responses', 'responses'],
];

describe('webview: the map as a CX deliverable', function () {
  this.timeout(120000);
  let h: Harness;
  let out: string;
  before(async () => {
    h = await startHarness();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-deliverable-'));
  });
  after(async () => {
    await h?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  for (const s of samples) {
    for (const theme of THEMES) {
      it(`${s.name} (${theme}): no two texts overlap, in the map as drawn`, async () => {
        const m = await openMap(h, { theme, width: 1600 });
        await m.show(s.model, 1);
        const texts = await textBoxes(m);
        assert.ok(texts.length > 10, `${s.name}: texts drawn`);
        const hits: string[] = [];
        for (let i = 0; i < texts.length; i++)
          for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i].box;
            const b = texts[j].box;
            // Half a pixel of tolerance: glyph boxes of adjacent lines touch.
            if (a.x < b.right - 0.5 && b.x < a.right - 0.5 && a.y < b.bottom - 0.5 && b.y < a.bottom - 0.5)
              hits.push(`"${texts[i].text}" (${texts[i].cls}) on "${texts[j].text}" (${texts[j].cls})`);
          }
        assert.deepStrictEqual(hits, [], `${s.name}: texts that overlap`);
        assert.deepStrictEqual(await m.problems(), []);
        await m.page.close();
      });
    }
  }

  for (const j of journeys) {
    for (const theme of THEMES) {
      it(`${j.name} (${theme}): the static export holds every word (no "…"), every action, thought, owner and system`, () => {
        const file = path.join(out, `${j.name}-${theme}.svg`);
        const r = spawnSync(process.execPath, [CLI, 'render', j.file, '-o', file, '--theme', theme, '--root', SAMPLES], {
          encoding: 'utf8',
          cwd: ROOT,
        });
        assert.strictEqual(r.status, 0, r.stderr);
        const doc = new DOMParser().parseFromString(fs.readFileSync(file, 'utf8'), 'image/svg+xml');
        const texts = [...doc.querySelectorAll('text')].map((t) =>
          [...t.childNodes]
            .filter((n) => n.nodeName !== 'title')
            .map((n) => n.textContent)
            .join('')
            .replace(/\s+/g, ' ')
            .trim(),
        );
        const cut = texts.filter((t) => t.endsWith('…'));
        assert.deepStrictEqual(cut, [], `${j.name}: texts cut short`);
        const all = texts.join('\n');
        const norm = (v: string) => v.replace(/\s+/g, ' ').trim();
        for (const w of wordsOf(j.model)) assert.ok(all.includes(norm(w.value)), `${j.name}: ${w.what} "${w.value}" is in the SVG`);
        for (const t of j.model.touchpoints) {
          if (t.action) assert.ok(texts.includes(norm(t.action)), `${j.name}: ${t.id}'s action is a text of its own`);
          if (t.thought) assert.ok(texts.includes(`“${norm(t.thought)}”`), `${j.name}: ${t.id}'s thought, quoted`);
          for (const p of t.painPoints) {
            assert.ok(all.includes(`${norm(p.text)} (${p.severity})`), `${j.name}: pain "${p.text}" with its severity`);
            if (p.evidence) assert.ok(all.includes(`evidence: ${norm(p.evidence)}`), `${j.name}: pain "${p.text}" with its evidence`);
          }
        }
        // The legend travels with the export.
        assert.ok(doc.querySelectorAll('g.map-legend g.legend-entry').length > 0, `${j.name}: the legend is in the export`);
        const width = Number(doc.documentElement.getAttribute('width'));
        const cols = doc.querySelectorAll('g.touchpoint-column').length;
        assert.ok(width >= 152 + cols * 168, `${j.name}: the SVG is as wide as its columns (${width})`);
      });
    }
  }

  for (const j of journeys) {
    it(`${j.name}: the legend names every mark present; friction cells are banded calm to hot with the threshold; \
money is strong on hotspot cells only`, async () => {
      for (const theme of THEMES) {
        const m = await openMap(h, { theme, width: 1600 });
        await m.show(j.model, 1);
        const f = await m.page.evaluate((marks) => {
          const vp = document.querySelector('#map g.map-viewport') as Element;
          return {
            present: marks.filter(([sel]) => vp.querySelector(sel)).map(([, key]) => key),
            legend: Array.from(document.querySelectorAll('#map g.map-legend g.legend-entry')).map((e) => ({
              key: e.getAttribute('data-legend') ?? '',
              label: e.querySelector('text.legend-label')?.textContent ?? '',
            })),
            visibility: !!vp.querySelector('.line-of-visibility'),
            cells: Array.from(document.querySelectorAll('#map g.friction-cell')).map((c) => {
              const heat = c.querySelector('.friction-heat') as Element;
              const money = c.querySelector('text.revenue-at-risk');
              const others = Array.from(c.querySelectorAll('text')).filter(
                (t) => t !== money && !t.classList.contains('friction-score') && !t.closest('.hotspot-badge'),
              );
              return {
                index: Number(c.getAttribute('data-touchpoint-index')),
                hot: c.classList.contains('hotspot'),
                band: heat.getAttribute('data-band'),
                fill: getComputedStyle(heat).fill,
                opacity: Number(getComputedStyle(heat).fillOpacity),
                money: money
                  ? { weight: Number(getComputedStyle(money).fontWeight), size: parseFloat(getComputedStyle(money).fontSize) }
                  : null,
                otherText: others.map((t) => t.textContent),
              };
            }),
          };
        }, MARKS);
        const keys = f.legend.map((e) => e.key);
        for (const k of f.present)
          assert.ok(
            keys.includes(k) || (k.startsWith('friction-') && FRICTION_KEYS.every((b) => keys.includes(b))),
            `${j.name} (${theme}): the legend explains ${k}`,
          );
        if (f.visibility) assert.ok(keys.includes('visibility'), `${j.name}: the legend explains the line of visibility`);
        for (const e of f.legend) assert.ok(e.label.length > 3, `${j.name}: legend entry ${e.key} has words`);
        const hot = f.legend.find((e) => e.key === 'friction-hot');
        if (j.model.touchpoints.some((t) => t.friction !== null)) {
          assert.ok(
            hot && hot.label.includes(`≥ ${j.model.frictionThreshold.toFixed(2)}`),
            `${j.name}: the threshold is in the legend: ${hot?.label}`,
          );
        }
        const fills = new Map<string, string>();
        for (const c of f.cells) {
          const t = j.model.touchpoints[c.index];
          if (t.friction === null) continue;
          assert.strictEqual(c.band, frictionBand(t.friction, j.model.frictionThreshold), `${j.name}: ${t.id}'s band`);
          assert.strictEqual(c.hot, c.band === 'hot', `${j.name}: hot band exactly on hotspots (${t.id})`);
          fills.set(c.band as string, `${c.fill}/${c.opacity}`);
          assert.strictEqual(
            c.money !== null,
            c.hot && t.revenueAtRisk !== null,
            `${j.name}: money on ${t.id} only if it is a hotspot with a figure`,
          );
          if (c.money)
            assert.ok(
              c.money.weight >= 700 && c.money.size >= 12,
              `${j.name}: money strong on hotspot ${t.id}: ${JSON.stringify(c.money)}`,
            );
          assert.deepStrictEqual(c.otherText, [], `${j.name}: no other figure in ${t.id}'s friction cell`);
        }
        // Distinct bands look distinct (colour or strength), in this theme.
        assert.strictEqual(
          new Set(fills.values()).size,
          fills.size,
          `${j.name} (${theme}): each band has its own colour: ${JSON.stringify([...fills])}`,
        );
        assert.deepStrictEqual(await m.problems(), []);
        await m.page.close();
      }
    });

    it(`${j.name}: the fix-first callout names hotspot #1 (touchpoint, stage, owner), its money, customers lost, confidence \
and best opportunity, and reveals it`, async () => {
      const m = await openMap(h, { width: 1600 });
      await m.show(j.model, 1);
      const f = await m.page.evaluate(() => {
        const c = document.querySelector('#map g.fix-first') as Element;
        const lines = Array.from(c.querySelectorAll('text.fix-line')).map((t) => ({
          key: t.getAttribute('data-line'),
          text: (t.textContent ?? '').replace(/\s+/g, ' ').trim(),
          reveal: t.getAttribute('data-reveal'),
        }));
        return {
          reveal: c.getAttribute('data-reveal'),
          lines,
          top: c.getBoundingClientRect().top,
          lanes: (document.querySelector('#map .lane-stages') as Element).getBoundingClientRect().top,
        };
      });
      const h1 = j.model.hotspots[0];
      if (!h1) {
        assert.strictEqual(f.reveal, null);
        assert.ok(f.lines[0].text.startsWith('No hotspot'), f.lines[0].text);
        await m.page.close();
        return;
      }
      const t = j.model.touchpoints[h1.touchpointIndex];
      const text = f.lines.map((l) => l.text).join(' | ');
      assert.ok(f.top < f.lanes, 'the callout sits above the lanes');
      assert.strictEqual(f.lines[0].text, `#1 ${t.name}`, 'names the touchpoint');
      assert.ok(text.includes(`Stage ${j.model.stages[t.stageIndex].name}`), `names the stage: ${text}`);
      const owner = t.owner ?? j.model.stages[t.stageIndex].owner ?? j.model.owner;
      if (owner) assert.ok(text.includes(`owner ${owner}`), `names the owner: ${text}`);
      if (h1.revenueAtRisk !== null)
        assert.ok(
          text.includes(`${formatMoney(h1.revenueAtRisk, j.model.currency, t.period)} at risk`),
          `money with currency and period: ${text}`,
        );
      if (h1.customersLost !== null) assert.ok(text.includes(formatCount(h1.customersLost)), `customers lost: ${text}`);
      assert.ok(text.includes(`confidence ${h1.confidence}`), `confidence: ${text}`);
      const open = t.opportunities.map((o, k) => ({ o, k })).filter((x) => x.o.status !== 'done' && x.o.status !== 'dropped');
      const opp = f.lines.find((l) => l.key === 'opportunity');
      if (open.length) {
        const ranked = open.filter((x) => x.o.priority !== null).sort((a, b) => (b.o.priority as number) - (a.o.priority as number));
        const best =
          ranked[0] ?? open.filter((x) => x.o.value !== null).sort((a, b) => (b.o.value as number) - (a.o.value as number))[0] ?? open[0];
        assert.ok(opp?.text.includes(best.o.text), `the best opportunity: ${opp?.text}`);
        if (best.o.owner) assert.ok(opp?.text.includes(best.o.owner), 'with its owner');
        if (best.o.link) assert.ok(opp?.text.includes(best.o.link), 'with its link');
        assert.strictEqual(opp?.reveal, `opportunity:${t.index}:${best.k}`);
      }
      // One click on the callout reveals hotspot #1 in the editor.
      await m.clearPosted();
      await m.page.click('#map g.fix-first text.fix-name');
      const posted = (await m.posted()).filter((p) => p.type === 'reveal');
      assert.deepStrictEqual(posted, [{ type: 'reveal', uri: j.model.uri, range: t.nameRange }]);
      assert.deepStrictEqual(await m.problems(), []);
      await m.page.close();
    });
  }

  it('curves follow the touchpoint graph: no segment between two touchpoints no path joins \
(every branching sample, and nested branches with a loop back)', async () => {
    const branching = journeys.filter((j) => j.model.touchpoints.some((t) => t.explicitNext));
    assert.ok(branching.length > 0, 'a sample branches');
    const nested = branchingJourney();
    const m = await openMap(h, { width: 1600 });
    let v = 1;
    for (const { name, model } of [...branching, { name: 'nested-branches', model: nested }]) {
      await m.show(model, v++);
      const xs = await m.page.evaluate(() =>
        Array.from(document.querySelectorAll('#map .touchpoint-column')).map((c) =>
          Number(/translate\(([-\d.]+)/.exec(c.getAttribute('transform') ?? '')?.[1]),
        ),
      );
      const curves = await curveSegments(m);
      assertCurvesFollowPaths(model, curves, name, (i) => xs[i]);
      // Alternative branches are separate runs: some segment starts afresh at a split.
      const succ = successors(model);
      if (succ.some((s) => s.length > 1))
        assert.ok(
          curves.some((c) => c.segs.some(([a], i) => i > 0 && c.segs[i - 1][1] !== a)),
          `${name}: a branch starts a run of its own`,
        );
    }
    // The nested journey: the loop back (f → b) is no curve segment, and e never leads to c or d.
    const at = (id: string) => nested.touchpoints.findIndex((t) => t.id === id);
    const curves = await curveSegments(m);
    for (const c of curves) {
      assert.ok(!c.segs.some(([a, b]) => a === at('f') && b === at('b')), 'no segment for the loop back');
      assert.ok(!c.segs.some(([a, b]) => a === at('c') && b === at('d')), 'no segment between the alternative branches c and d');
      assert.ok(!c.segs.some(([a, b]) => a === at('d') && b === at('e')), 'no segment from the inner branch into the outer one');
    }
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });

  it('the header stays in view while the map pans sideways', async () => {
    const wide = journeys.reduce((a, b) => (b.model.touchpoints.length > a.model.touchpoints.length ? b : a));
    const m = await openMap(h, { width: 900, height: 1400 });
    await m.show(wide.model, 1);
    const at = () =>
      m.page.evaluate(() => ({
        title: (document.querySelector('#map g.header .title') as Element).getBoundingClientRect().x,
        card: (document.querySelector('#map .touchpoint-column rect.card') as Element).getBoundingClientRect().x,
      }));
    await m.page.click('.toolbar [data-action="reset"]');
    const before = await at();
    await m.page.mouse.move(600, 1200);
    await m.page.mouse.down();
    await m.page.mouse.move(200, 1200, { steps: 5 });
    await m.page.mouse.up();
    const after = await at();
    assert.ok(after.card < before.card - 100, `the lanes panned: ${before.card} → ${after.card}`);
    assert.strictEqual(after.title, before.title, 'the title did not move');
    await m.page.close();
  });
});

const FRICTION_KEYS = ['friction-calm', 'friction-low', 'friction-raised', 'friction-hot'];
