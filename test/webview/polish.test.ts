// The map's finish, measured in the real browser: long names fit their cards, the header's
// goal and hotspot card are readable, branching journeys show where the path splits and
// joins, and high-contrast themes keep text legible.
import * as assert from 'assert';
import { Harness, openMap, startHarness } from './browser';
import { journeyFixture } from './fixtures';


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

  it('a touchpoint name longer than its card wraps to the card\'s lines, ends in "…" and keeps the full name as a tooltip', async () => {
    const model = journeyFixture();
    const long = 'Collects the phone at a partner store after queueing behind a very long line of other customers';
    model.touchpoints[2].name = long;
    const m = await openMap(h);
    // A wider font than the character-count estimate assumes (as some platforms' UI fonts are).
    await m.page.evaluate(() => void ((document.getElementById('map') as unknown as HTMLElement).style.letterSpacing = '0.8px'));
    await m.show(model, 1);
    // DOMRect.toJSON, not a named helper: tsx would wrap a helper in a name the page lacks.
    const facts = await m.page.evaluate(() =>
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
    const maxLines = Math.max(...facts.map((f) => f.lines.length));
    const cut = facts[2];
    assert.strictEqual(cut.lines.length, maxLines, 'the long name uses every line the cards have');
    assert.ok(cut.lines[cut.lines.length - 1].endsWith('…'), `ends in an ellipsis: ${JSON.stringify(cut.lines)}`);
    assert.ok(long.startsWith(cut.lines.join('').replace(/…$/, '').trimEnd()), 'the lines are the name\'s start, in order');
    assert.strictEqual(cut.tip, long, 'full name in the tooltip');
    for (const f of facts) {
      const inside = (a: Box, b: Box) => a.x >= b.x && a.right <= b.right && a.y >= b.y && a.bottom <= b.bottom;
      assert.ok(inside(f.name, f.card), `name of ${f.index} inside its card: ${JSON.stringify(f.name)} in ${JSON.stringify(f.card)}`);
      if (f.badge) assert.ok(f.name.bottom <= f.badge.y, `name of ${f.index} above its channel badge`);
      const ellipsis = f.lines[f.lines.length - 1].endsWith('…');
      assert.strictEqual(f.tip !== null, ellipsis, `a tooltip exactly when the name is cut (${f.index})`);
    }
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });
});
