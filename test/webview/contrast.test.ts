// The map in VS Code's high-contrast themes (issue 12): every displayed text of every sample
// stands out from what is painted behind it. The theme variables are VS Code's own, as it set
// them on the map's webview (captured from VS Code for the web by test/web/capture-theme.ts
// into fixtures/high-contrast-themes.json); the colours, the shapes behind each text and their
// opacities are read from the real DOM in Chromium, composited, and measured with the WCAG
// contrast ratio.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Harness, openMap, SCREENSHOTS, startHarness } from './browser';
import { loadSamples } from './samples';

const THEMES = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/high-contrast-themes.json'), 'utf8')) as Record<
  string,
  { vscodeVersion: string; bodyClass: string; variables: Record<string, string> }
>;
/** WCAG AA for body text; high contrast themes exist for readers who need at least that. */
const MIN_RATIO = 4.5;

interface Measured {
  text: string;
  cls: string;
  ratio: number;
  fg: string;
  bg: string;
}

describe("webview: the map in VS Code's high-contrast themes", function () {
  this.timeout(180000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());

  it("the captured themes are VS Code's high-contrast ones, dark and light", () => {
    assert.deepStrictEqual(Object.keys(THEMES).sort(), ['Dark High Contrast', 'Light High Contrast']);
    assert.match(THEMES['Dark High Contrast'].bodyClass, /\bvscode-high-contrast\b/);
    assert.match(THEMES['Light High Contrast'].bodyClass, /\bvscode-high-contrast-light\b/);
    for (const t of Object.values(THEMES)) assert.ok(t.variables['--vscode-contrastBorder'], 'high contrast themes set contrastBorder');
  });

  const samples = loadSamples();
  for (const [name, theme] of Object.entries(THEMES)) {
    for (const s of samples) {
      it(`${s.name} in ${name}: every text reaches ${MIN_RATIO}:1 against what is drawn behind it`, async () => {
        const m = await openMap(h, { width: 1600, height: 3000 });
        // As VS Code does: its variables on <html>, its theme's class on <body>.
        await m.page.evaluate(
          ({ vars, bodyClass }) => {
            for (const k of Array.from(document.documentElement.style))
              if (k.startsWith('--vscode-')) document.documentElement.style.removeProperty(k);
            for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
            document.body.className = bodyClass;
          },
          { vars: theme.variables, bodyClass: theme.bodyClass },
        );
        await m.show(s.model, 1);
        const measured: Measured[] = await m.page.evaluate(MEASURE);
        assert.ok(measured.length > 10, `${s.name}: texts measured`);
        const poor = measured
          .filter((x) => x.ratio < MIN_RATIO)
          .map((x) => `${x.ratio.toFixed(2)} "${x.text}" (${x.cls}) ${x.fg} on ${x.bg}`);
        if (poor.length || s.name.startsWith('report-broken-router')) {
          fs.mkdirSync(SCREENSHOTS, { recursive: true });
          await m.page.screenshot({
            path: path.join(
              SCREENSHOTS,
              `contrast-${name.toLowerCase().replace(/ /g, '-')}-${s.name.replace(/\.journey|\.persona/, '')}.png`,
            ),
            fullPage: true,
          });
        }
        assert.deepStrictEqual(poor, [], `${s.name} in ${name}: texts under ${MIN_RATIO}:1`);
        assert.deepStrictEqual(await m.problems(), []);
        await m.page.close();
      });
    }
  }
});

/**
 * Runs in the page: each displayed text's colour against the shapes painted before it under
 * its centre (fills with their opacities, composited over the page's background).
 */
const MEASURE = `(() => {
  const parse = (c) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity || 1);
    return o;
  };
  const over = (top, a, under) => ({
    r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a), a: 1,
  });
  const lum = (c) => {
    const ch = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  };
  const css = (c) => 'rgb(' + [c.r, c.g, c.b].map((v) => Math.round(v)).join(',') + ')';
  let page = parse(getComputedStyle(document.body).backgroundColor);
  if (!page || page.a === 0) page = parse(getComputedStyle(document.documentElement).backgroundColor);
  if (!page || page.a === 0) page = { r: 255, g: 255, b: 255, a: 1 };
  const shapes = Array.from(document.querySelectorAll('#map rect, #map circle, #map ellipse, #map path, #map polygon'));
  const out = [];
  for (const t of Array.from(document.querySelectorAll('#map text'))) {
    const text = Array.from(t.childNodes).filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('').trim();
    const st = getComputedStyle(t);
    if (!text || st.display === 'none' || st.visibility === 'hidden') continue;
    const box = t.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) continue;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    let bg = page;
    for (const s of shapes) {
      if (!(s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const cs = getComputedStyle(s);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      const fill = parse(cs.fill);
      if (!fill || fill.a === 0) continue;
      const ctm = s.getScreenCTM();
      if (!ctm) continue;
      const p = new DOMPoint(x, y).matrixTransform(ctm.inverse());
      if (!s.isPointInFill(p)) continue;
      bg = over(fill, fill.a * Number(cs.fillOpacity || 1) * opacity(s), bg);
    }
    const f = parse(st.fill);
    if (!f) continue;
    const fg = over(f, f.a * Number(st.fillOpacity || 1) * opacity(t), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    out.push({
      text: text.slice(0, 60), cls: (t.parentElement?.getAttribute('class') || '') + ' > ' + (t.getAttribute('class') || ''),
      ratio: (hi + 0.05) / (lo + 0.05), fg: css(fg), bg: css(bg),
    });
  }
  return out;
})()`;
