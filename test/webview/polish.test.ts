// The map's finish, measured in the real browser: long names fit their cards, the header's
// goal and hotspot card are readable, branching journeys show where the path splits and
// joins, and high-contrast themes keep text legible.
import * as assert from 'assert';
import type { JourneyModel } from '../../server/src/core/model';
import { Harness, openMap, startHarness } from './browser';
import { journeyFixture } from './fixtures';
import { loadSamples } from './samples';
import { formatMoney } from '../../server/src/core/scores';

const journeys = loadSamples().flatMap((s) => (s.model.kind === 'journey' ? [{ name: s.name, model: s.model }] : []));

interface Box {
  x: number;
  y: number;
  right: number;
  bottom: number;
}

describe('webview: map polish', function () {
  this.timeout(90000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.close());

  it('a touchpoint name longer than its card wraps to every word inside its card; \
a font far wider than the estimate ends it in "…" with the full name as a tooltip', async () => {
    const model = journeyFixture();
    const long = 'Collects the phone at a partner store after queueing behind a very long line of other customers';
    model.touchpoints[2].name = long;
    const facts = async (m: Awaited<ReturnType<typeof openMap>>) =>
      // DOMRect.toJSON, not a named helper: tsx would wrap a helper in a name the page lacks.
      m.page.evaluate(() =>
        Array.from(document.querySelectorAll('#map .touchpoint-column')).map((col) => {
          const name = col.querySelector('text.touchpoint-name') as SVGTextElement;
          const badge = col.querySelector('.channel-badge rect');
          return {
            index: Number(col.getAttribute('data-touchpoint-index')),
            lines: Array.from(name.querySelectorAll('tspan')).map((t) => t.textContent ?? ''),
            tip: name.querySelector('title')?.textContent ?? null,
            name: name.getBoundingClientRect().toJSON() as Box,
            card: (col.querySelector('rect.card') as Element).getBoundingClientRect().toJSON() as Box,
            badge: badge ? (badge.getBoundingClientRect().toJSON() as Box) : null,
          };
        }),
      );
    const inside = (a: Box, b: Box) => a.x >= b.x && a.right <= b.right && a.y >= b.y && a.bottom <= b.bottom;
    for (const spacing of ['', '0.8px']) {
      const m = await openMap(h);
      // A wider font than the character-count estimate assumes (as some platforms' UI fonts are).
      if (spacing)
        await m.page.evaluate((s) => void ((document.getElementById('map') as unknown as HTMLElement).style.letterSpacing = s), spacing);
      await m.show(model, 1);
      const f = await facts(m);
      const cut = f[2];
      if (!spacing) {
        assert.strictEqual(cut.lines.join('').replace(/\s+/g, ' ').trim(), long, 'every word of the long name, in order');
        assert.strictEqual(cut.tip, null, 'nothing cut, no tooltip needed');
      } else {
        assert.ok(long.startsWith(cut.lines.join('').replace(/…$/, '').trimEnd()), "the lines are the name's start, in order");
      }
      for (const x of f) {
        assert.ok(
          inside(x.name, x.card),
          `name of ${x.index} inside its card (${spacing || 'normal'}): ${JSON.stringify(x.name)} in ${JSON.stringify(x.card)}`,
        );
        if (x.badge) assert.ok(x.name.bottom <= x.badge.y, `name of ${x.index} above its channel badge`);
        const ellipsis = x.lines[x.lines.length - 1].endsWith('…');
        assert.strictEqual(x.tip !== null, ellipsis, `a tooltip exactly when the name is cut (${x.index})`);
        if (ellipsis) assert.strictEqual(x.tip, model.touchpoints[x.index].name);
      }
      assert.deepStrictEqual(await m.problems(), []);
      await m.page.close();
    }
  });

  it('the header gives goal and outcome a line and a label each, \
and shows the top three hotspots whole: rank, name, friction, revenue at risk', async () => {
    const m = await openMap(h, { width: 1500 });
    for (const { name, model } of journeys) {
      await m.show(model, journeys.findIndex((j) => j.name === name) + 1);
      const f = await m.page.evaluate(() => {
        const goals = Array.from(document.querySelectorAll('#map g.goal')).map((g) => ({
          key: g.getAttribute('data-goal'),
          label: g.querySelector('.goal-label')?.textContent ?? '',
          value: Array.from(g.querySelectorAll('.goal-value tspan'))
            .map((t) => t.textContent)
            .join(''),
          box: g.getBoundingClientRect().toJSON() as Box,
        }));
        const card = document.querySelector('#map [data-summary="hotspots"]') as Element;
        const lines = Array.from(card.querySelectorAll('text.summary-line')).map((t) => ({
          text: Array.from(t.querySelectorAll('tspan'))
            .map((s) => s.textContent)
            .join(''),
          reveal: t.getAttribute('data-reveal'),
          box: t.getBoundingClientRect().toJSON() as Box,
        }));
        const figures = Array.from(card.querySelectorAll('text.summary-figures')).map((t) => ({
          text: t.textContent ?? '',
          box: t.getBoundingClientRect().toJSON() as Box,
        }));
        return {
          goals,
          lines,
          figures,
          card: (card.querySelector('rect.summary-card') as Element).getBoundingClientRect().toJSON() as Box,
        };
      });
      const expected = [
        model.goal ? { key: 'goal', label: 'Goal', value: model.goal } : null,
        model.businessOutcome ? { key: 'outcome', label: 'Outcome', value: model.businessOutcome } : null,
      ].filter(Boolean);
      assert.deepStrictEqual(
        f.goals.map((g) => ({ key: g.key, label: g.label, value: g.value })),
        expected,
        `${name}: goal and outcome, labelled`,
      );
      for (let i = 1; i < f.goals.length; i++)
        assert.ok(f.goals[i].box.y >= f.goals[i - 1].box.bottom - 1, `${name}: outcome on its own line, below the goal`);

      const top = model.hotspots.slice(0, 3);
      if (top.length === 0) {
        // A journey without hotspots (a to-be that cleared them) says so, with nothing to reveal.
        assert.deepStrictEqual(
          f.lines.map((l) => [l.text, l.reveal]),
          [[`none at friction ≥ ${model.frictionThreshold}`, null]],
          `${name}: no hotspot`,
        );
        assert.deepStrictEqual(f.figures, [], `${name}: no figures without hotspots`);
        continue;
      }
      assert.deepStrictEqual(
        f.lines.map((l) => l.text),
        top.map((h) => `#${h.rank} ${h.name}`),
        `${name}: rank and whole name per hotspot`,
      );
      assert.deepStrictEqual(
        f.lines.map((l) => l.reveal),
        top.map((h) => `touchpoint:${h.touchpointIndex}`),
        `${name}: a hotspot line reveals its touchpoint`,
      );
      assert.deepStrictEqual(
        f.figures.map((x) => x.text),
        top.map(
          (h) =>
            `friction ${h.friction.toFixed(2)}` +
            `${h.revenueAtRisk !== null ? ` · ${formatMoney(h.revenueAtRisk, model.currency)} at risk` : ''}`,
        ),
        `${name}: friction and revenue at risk per hotspot`,
      );
      f.lines.forEach((l, i) => {
        assert.ok(l.box.right <= f.figures[i].box.x, `${name}: hotspot ${i + 1}'s name ends before its figures`);
        for (const b of [l.box, f.figures[i].box])
          assert.ok(b.x >= f.card.x && b.right <= f.card.right && b.bottom <= f.card.bottom, `${name}: hotspot ${i + 1} inside the card`);
      });
    }
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });

  it('money stands on hotspot cells only, with the currency; \
the header gives the total at the hotspots, never a sum over all touchpoints', async () => {
    const m = await openMap(h, { width: 2400 });
    for (const { name, model } of journeys) {
      await m.show(model, journeys.findIndex((j) => j.name === name) + 1);
      const f = await m.page.evaluate(() => ({
        money: Array.from(document.querySelectorAll('#map g.friction-cell')).flatMap((c) => {
          const t = c.querySelector('text.revenue-at-risk');
          // The figure without its tooltip (a <title> child).
          const text = t
            ? Array.from(t.childNodes)
                .filter((n) => n.nodeName !== 'title')
                .map((n) => n.textContent)
                .join('')
            : '';
          return t ? [{ index: Number(c.getAttribute('data-touchpoint-index')), hot: c.classList.contains('hotspot'), text }] : [];
        }),
        revenueCard: Array.from(document.querySelectorAll('#map [data-summary="revenue"] text.summary-line')).map((t) =>
          Array.from(t.querySelectorAll('tspan'))
            .map((s) => s.textContent)
            .join(''),
        ),
      }));
      const expected = model.touchpoints
        .filter((t) => t.hotspotRank !== null && t.revenueAtRisk !== null)
        .map((t) => ({ index: t.index, hot: true, text: `${formatMoney(t.revenueAtRisk as number, model.currency)} at risk` }));
      assert.deepStrictEqual(f.money, expected, `${name}: money on hotspot cells only`);
      const total = model.summary.revenueAtRiskAtHotspots;
      assert.strictEqual(
        total,
        model.hotspots.reduce<number | null>(
          (a, x) => (x.revenueAtRisk === null ? a : (a ?? 0) + x.revenueAtRisk),
          model.hotspots.length ? null : 0,
        ),
        `${name}: the total is the hotspots' sum`,
      );
      assert.strictEqual(
        f.revenueCard[0],
        total === null ? 'unknown' : formatMoney(total, model.currency, model.summary.period),
        `${name}: the header's total`,
      );
    }
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });

  it('a branching journey shows where `next` leads: arrows to the next column, arcs to any other, none for a linear journey', async () => {
    const model = journeys.find((j) => j.name === 'report-broken-router.journey')?.model as JourneyModel;
    const at = (id: string) => model.touchpoints.findIndex((t) => t.id === id);
    const m = await openMap(h, { width: 2000 });
    await m.show(model, 1);
    const flow = await m.page.evaluate(() =>
      Array.from(document.querySelectorAll('#map g.flow path.flow')).map((p) => ({
        kind: p.classList.contains('flow-jump') ? 'jump' : 'step',
        from: Number(p.getAttribute('data-from')),
        to: Number(p.getAttribute('data-to')),
        level: p.getAttribute('data-level'),
        tip: p.querySelector('title')?.textContent ?? '',
        box: p.getBoundingClientRect().toJSON() as Box,
      })),
    );
    const cards = await m.page.evaluate(() =>
      Array.from(document.querySelectorAll('#map .touchpoint-column')).map(
        (c) => (c.querySelector('rect.card') as Element).getBoundingClientRect().toJSON() as Box,
      ),
    );
    const jumps = flow.filter((f) => f.kind === 'jump');
    const steps = flow.filter((f) => f.kind === 'step');
    const assistant = at('virtual-assistant');
    const lineTest = at('line-test');
    const contact = at('contact-centre');
    const restart = at('restart-router');
    const technician = at('book-technician');
    const restored = at('service-restored');
    assert.ok(
      [assistant, lineTest, contact, restart, technician, restored].every((i) => i >= 0),
      'the sample keeps its ids',
    );
    // Columns: assistant, line test, contact centre, restart, technician booking, visit, restored.
    assert.deepStrictEqual(
      jumps.map((j) => [j.from, j.to]).sort(),
      [
        [assistant, contact],
        [lineTest, restart],
        [lineTest, technician],
        [contact, technician],
        [restart, restored],
      ].sort(),
      'arcs: the escalation past the line test, both splits past their next column, and the guided restart joining at "service restored"',
    );
    assert.ok(
      steps.some((s) => s.from === assistant && s.to === lineTest),
      'the assistant also leads to the next column',
    );
    assert.ok(
      steps.some((s) => s.from === contact && s.to === restart),
      'the contact centre also leads to the next column',
    );
    assert.ok(
      !steps.some((s) => s.from === lineTest && s.to === contact),
      'no arrow from the line test to the contact centre: that path does not exist',
    );
    assert.ok(
      !steps.some((s) => s.from === restart && s.to === technician),
      'no arrow between the restart and the technician visit: that path does not exist',
    );
    // Every touchpoint's successors are drawn, once each.
    const drawn = flow.map((f) => `${f.from}>${f.to}`).sort();
    const expected = model.touchpoints.flatMap((t) => t.next.map((id) => `${t.index}>${at(id)}`)).sort();
    assert.deepStrictEqual(drawn, expected, 'one connector per successor');
    // Overlapping arcs on different levels; each arc spans its two cards and runs below them.
    const span = (j: (typeof jumps)[number]) => [Math.min(j.from, j.to), Math.max(j.from, j.to)];
    const overlapping = jumps.flatMap((a, i) =>
      jumps
        .slice(i + 1)
        .filter((b) => span(a)[0] < span(b)[1] && span(b)[0] < span(a)[1])
        .map((b) => [a, b]),
    );
    assert.ok(overlapping.length >= 3, `the sample has overlapping arcs: ${overlapping.length}`);
    for (const [a, b] of overlapping)
      assert.notStrictEqual(a.level, b.level, `overlapping arcs ${a.from}>${a.to} and ${b.from}>${b.to} do not share a level`);
    for (const j of jumps) {
      const [a, b] = [cards[j.from], cards[j.to]];
      assert.ok(j.box.x >= Math.min(a.x, b.x) && j.box.right <= Math.max(a.right, b.right), `arc ${j.from}>${j.to} spans its columns`);
      assert.ok(j.box.y >= a.bottom - 1 && j.box.bottom <= a.bottom + 40, `arc ${j.from}>${j.to} runs just under the cards`);
      assert.strictEqual(j.tip, `${model.touchpoints[j.from].name} → ${model.touchpoints[j.to].name}`);
    }
    for (const st of steps)
      assert.ok(st.box.x >= cards[st.from].right - 1 && st.box.right <= cards[st.to].x + 1, `arrow ${st.from}>${st.to} sits in the gap`);
    const label = await m.page.$eval(
      `#map .touchpoint-column[data-touchpoint-index="${lineTest}"]`,
      (e) => e.getAttribute('aria-label') ?? '',
    );
    assert.ok(label.includes(`then ${model.touchpoints[restart].name} or ${model.touchpoints[technician].name}`), label);

    // A journey without `next` draws no connectors at all.
    const linear = journeys.find((j) => j.name === 'move-home-broadband.journey')?.model as JourneyModel;
    assert.ok(!linear.touchpoints.some((t) => t.explicitNext));
    await m.show(linear, 2);
    assert.strictEqual(await m.page.$$eval('#map g.flow path', (ps) => ps.length), 0);
    // Back to the branching one: the connectors return (keyed join, not a stale empty group).
    await m.show(model, 3);
    assert.strictEqual(await m.page.$$eval('#map g.flow path.flow-jump', (ps) => ps.length), 5);
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });

  it('a 600-touchpoint branching journey draws connectors only near the drawn columns', async () => {
    const big = journeyFixture({ touchpoints: 600 });
    // Every tenth touchpoint skips ahead three columns as well as going on.
    for (const t of big.touchpoints) {
      if (t.index % 10 === 0 && t.index + 3 < 600) {
        t.next = [...t.next, `tp-${t.index + 3}`];
        t.explicitNext = true;
      }
    }
    const m = await openMap(h);
    await m.show(big, 1);
    const f = await m.page.evaluate(() => {
      const vp = document.querySelector('#map g.map-viewport') as Element;
      return {
        from: Number(vp.getAttribute('data-columns-from')),
        to: Number(vp.getAttribute('data-columns-to')),
        paths: Array.from(document.querySelectorAll('#map g.flow path.flow')).map((p) => [
          Number(p.getAttribute('data-from')),
          Number(p.getAttribute('data-to')),
        ]),
      };
    });
    assert.ok(f.to - f.from < 200, `a window of columns, not all 600: ${f.from}..${f.to}`);
    assert.ok(f.paths.length > 0 && f.paths.length < 260, `connectors near the view only: ${f.paths.length}`);
    for (const [a, b] of f.paths)
      assert.ok(Math.max(a, b) >= f.from && Math.min(a, b) <= f.to, `connector ${a}>${b} touches the drawn columns`);
    assert.ok(
      f.paths.some(([a, b]) => b === a + 3),
      'the skips are drawn',
    );
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });

  it('peak and end markers of personas sharing a point nest instead of hiding each other; \
their labels keep the persona colour', async () => {
    const model = journeys.find((j) => j.name === 'report-broken-router.journey')?.model as JourneyModel;
    const [a, b] = Object.values(model.peakEnd);
    assert.ok(a.endIndex === b.endIndex && a.endEmotion === b.endEmotion, 'the sample ends both personas on one point');
    const m = await openMap(h, { theme: 'dark' });
    await m.show(model, 1);
    const ends = await m.page.evaluate(() =>
      Array.from(document.querySelectorAll('#map .end-marker')).map((e) => ({
        persona: e.getAttribute('data-persona'),
        width: e.getBoundingClientRect().width,
        stroke: e.getAttribute('stroke'),
        label: e.parentElement?.querySelector('.marker-label')
          ? getComputedStyle(e.parentElement.querySelector('.marker-label') as Element).fill
          : null,
      })),
    );
    assert.strictEqual(ends.length, 2);
    // Nested: one clearly larger than the other, whatever scale the map opened at (it fits the panel's width).
    assert.ok(
      Math.max(ends[0].width, ends[1].width) / Math.min(ends[0].width, ends[1].width) >= 1.25,
      `nested sizes: ${ends.map((e) => e.width)}`,
    );
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    for (const e of ends) if (e.label) assert.strictEqual(e.label, rgb(e.stroke as string), `label of ${e.persona} in its colour`);
    assert.ok(
      ends.some((e) => e.label),
      'a label is drawn',
    );
    await m.page.close();
  });
});
