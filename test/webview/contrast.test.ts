// The map readable in VS Code's themes (issue 12): every displayed text of every sample stands
// out from what is painted behind it, in the default light and dark themes (Default Light
// Modern, Default Dark Modern) and in the high-contrast ones. The theme variables are VS Code's
// own, as it set them on the map's webview (captured from VS Code for the web by
// test/web/capture-theme.ts into fixtures/default-themes.json and
// fixtures/high-contrast-themes.json); the colours, the shapes behind each text and their
// opacities are read from the real DOM in Chromium, composited, and measured with the WCAG
// contrast ratio (test/support/contrast.ts).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Harness, MapPage, openMap, ROOT, SCREENSHOTS, startHarness } from './browser';
import { loadSamples, SAMPLES } from './samples';
import { isPersonaLabel, Measured, MEASURE, MIN_RATIO, MIN_RATIO_PERSONA } from '../support/contrast';
import { THEME_VARIABLES } from '../../webview/src/render/theme';

interface CapturedTheme {
  vscodeVersion: string;
  bodyClass: string;
  variables: Record<string, string>;
}
const fixture = (f: string) => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', f), 'utf8')) as Record<string, CapturedTheme>;
const THEMES = fixture('high-contrast-themes.json');
/** Light Modern and Dark Modern as VS Code 1.137's theme picker names them (Default … Modern in settings). */
const DEFAULT_THEMES = fixture('default-themes.json');

/** As VS Code does: its variables on <html>, its theme's class on <body>. */
async function applyTheme(m: MapPage, theme: CapturedTheme): Promise<void> {
  await m.page.evaluate(
    ({ vars, bodyClass }) => {
      for (const k of Array.from(document.documentElement.style))
        if (k.startsWith('--vscode-')) document.documentElement.style.removeProperty(k);
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.className = bodyClass;
    },
    { vars: theme.variables, bodyClass: theme.bodyClass },
  );
}

/** The whole map at actual size (it opens fitted to the page), without the toolbar. */
async function actualSizeShot(m: MapPage, file: string): Promise<void> {
  const size = await m.page.evaluate(() => {
    const bg = document.querySelector('#map .map-background');
    return { w: Number(bg?.getAttribute('width')), h: Number(bg?.getAttribute('height')) };
  });
  assert.ok(size.w > 0 && size.h > 0, 'the map has a size');
  await m.page.setViewportSize({ width: Math.min(2600, Math.ceil(size.w)), height: Math.min(4000, Math.ceil(size.h)) });
  await m.page.click('.toolbar [data-action="reset"]');
  await m.page.evaluate(() => (document.querySelector('.toolbar') as HTMLElement).setAttribute('hidden', ''));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await m.page.screenshot({ path: path.join(SCREENSHOTS, file) });
}

const shotName = (theme: string, sample: string) =>
  `contrast-${theme.toLowerCase().replace(/ /g, '-')}-${sample.replace(/\.journey|\.persona/, '')}.png`;

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
        await applyTheme(m, theme);
        await m.show(s.model, 1);
        const measured: Measured[] = await m.page.evaluate(MEASURE);
        assert.ok(measured.length > 10, `${s.name}: texts measured`);
        const poor = measured
          .filter((x) => x.ratio < MIN_RATIO)
          .map((x) => `${x.ratio.toFixed(2)} "${x.text}" (${x.cls}) ${x.fg} on ${x.bg}`);
        if (poor.length || s.name.startsWith('report-broken-router')) {
          fs.mkdirSync(SCREENSHOTS, { recursive: true });
          await m.page.screenshot({ path: path.join(SCREENSHOTS, shotName(name, s.name)), fullPage: true });
        }
        assert.deepStrictEqual(poor, [], `${s.name} in ${name}: texts under ${MIN_RATIO}:1`);
        assert.deepStrictEqual(await m.problems(), []);
        await m.page.close();
      });
    }
  }
});

describe("webview: the map in VS Code's default light and dark themes", function () {
  this.timeout(180000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());

  it("the captured themes are VS Code's Default Light Modern and Default Dark Modern", () => {
    assert.deepStrictEqual(Object.keys(DEFAULT_THEMES).sort(), ['Dark Modern', 'Light Modern']);
    assert.match(DEFAULT_THEMES['Light Modern'].bodyClass, /\bvscode-light\b/);
    assert.match(DEFAULT_THEMES['Dark Modern'].bodyClass, /\bvscode-dark\b/);
    for (const t of Object.values(DEFAULT_THEMES))
      assert.ok(!t.variables['--vscode-contrastBorder'], 'no contrastBorder outside high contrast');
  });

  it("the map's own light and dark palettes (CLI render, exports, the other webview tests) are VS Code's values", () => {
    for (const [kind, name] of [
      ['light', 'Light Modern'],
      ['dark', 'Dark Modern'],
    ] as const) {
      const own: Record<string, string> = THEME_VARIABLES[kind];
      const differ = Object.entries(DEFAULT_THEMES[name].variables)
        .filter(([k, v]) => k !== '--vscode-font-family' && own[k]?.toLowerCase() !== v.toLowerCase())
        .map(([k, v]) => `${k}: ${own[k]} (VS Code: ${v})`);
      assert.deepStrictEqual(differ, [], `${kind}: values that differ from VS Code's ${name}`);
    }
  });

  const samples = loadSamples();
  for (const [name, theme] of Object.entries(DEFAULT_THEMES)) {
    for (const s of samples) {
      it(
        `${s.name} in ${name}: every text reaches ${MIN_RATIO}:1 against what is drawn behind it ` +
          `(persona-coloured peak/end labels ${MIN_RATIO_PERSONA}:1), screenshot`,
        async () => {
          const m = await openMap(h, { width: 1600, height: 3000 });
          await applyTheme(m, theme);
          await m.show(s.model, 1);
          const measured: Measured[] = await m.page.evaluate(MEASURE);
          assert.ok(measured.length > 10, `${s.name}: texts measured`);
          await actualSizeShot(m, shotName(name, s.name));
          const poor = measured
            .filter((x) => x.ratio < (isPersonaLabel(x) ? MIN_RATIO_PERSONA : MIN_RATIO))
            .map((x) => `${x.ratio.toFixed(2)} "${x.text}" (${x.cls}) ${x.fg} on ${x.bg}`);
          assert.deepStrictEqual(poor, [], `${s.name} in ${name}: texts under ${MIN_RATIO}:1 (persona labels ${MIN_RATIO_PERSONA}:1)`);
          const low = (xs: Measured[]) => xs.reduce<Measured | undefined>((a, b) => (!a || b.ratio < a.ratio ? b : a), undefined);
          const worst = low(measured.filter((x) => !isPersonaLabel(x)))!;
          const persona = low(measured.filter(isPersonaLabel));
          console.log(
            `      (${measured.length} texts, the lowest ${worst.ratio.toFixed(2)}:1 "${worst.text}" (${worst.cls})` +
              (persona ? `; persona labels from ${persona.ratio.toFixed(2)}:1 "${persona.text}"` : '') +
              ')',
          );
          assert.deepStrictEqual(await m.problems(), []);
          await m.page.close();
        },
      );
    }
  }
});

/** HSL hue in degrees and relative luminance of an rgb()/color(srgb) string as Chromium computes it. */
function hueAndLuminance(c: string): { hue: number; lum: number } {
  const m = /^rgba?\(([^)]+)\)$/.exec(c) ?? /^color\(srgb ([^)]+)\)$/.exec(c);
  assert.ok(m, `a colour: ${c}`);
  const p = m[1]
    .split(/[ ,/]+/)
    .filter(Boolean)
    .map(Number);
  const [r, g, b] = c.startsWith('color(') ? p.map((x) => x * 255) : p;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const hue = d === 0 ? 0 : max === r ? (60 * ((g - b) / d) + 360) % 360 : max === g ? 60 * ((b - r) / d) + 120 : 60 * ((r - g) / d) + 240;
  const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  return { hue, lum: 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b) };
}

describe('webview: persona-coloured labels and the rendered files in the default themes', function () {
  this.timeout(180000);
  let h: Harness;
  let out: string;
  before(async () => {
    h = await startHarness();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-contrast-'));
  });
  after(async () => {
    await h?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  const journeys = loadSamples().filter((s) => s.model.kind === 'journey');

  it("peak and end labels keep their persona's hue: darker than their mark in Light Modern, its very colour in Dark Modern", async () => {
    for (const [name, theme] of Object.entries(DEFAULT_THEMES)) {
      const m = await openMap(h, { width: 1600, height: 3000 });
      await applyTheme(m, theme);
      let labels = 0;
      for (const [i, s] of journeys.entries()) {
        await m.show(s.model, i + 1);
        const pairs = await m.page.$$eval('#map g.marker', (gs) =>
          gs
            .filter((g) => g.querySelector('.marker-label'))
            .map((g) => ({
              label: getComputedStyle(g.querySelector('.marker-label')!).fill,
              mark: getComputedStyle(g.querySelector('.peak-marker, .end-marker')!).stroke,
              text: g.querySelector('.marker-label')!.textContent,
            })),
        );
        for (const p of pairs) {
          const [l, k] = [hueAndLuminance(p.label), hueAndLuminance(p.mark)];
          const where = `${s.name} in ${name}, "${p.text}": label ${p.label}, mark ${p.mark}`;
          assert.ok(Math.min(Math.abs(l.hue - k.hue), 360 - Math.abs(l.hue - k.hue)) < 2, `${where}: the persona's hue`);
          if (name === 'Light Modern') assert.ok(l.lum < k.lum * 0.8, `${where}: darker than the mark`);
          else assert.ok(Math.abs(l.lum - k.lum) < 1e-3, `${where}: the mark's colour`);
          labels++;
        }
      }
      assert.ok(labels >= journeys.length, `${name}: ${labels} labels checked`);
      assert.deepStrictEqual(await m.problems(), []);
      await m.page.close();
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`journeymap render --theme ${theme}: every text of each sample journey's SVG reaches ${MIN_RATIO}:1 \
(persona-coloured peak/end labels ${MIN_RATIO_PERSONA}:1), opened in Chromium`, async () => {
      const page = await h.browser.newPage({ viewport: { width: 1400, height: 1000 } });
      for (const s of journeys) {
        const file = path.join(out, `${s.name}-${theme}.svg`);
        const r = spawnSync(
          process.execPath,
          [path.join(ROOT, 'dist/cli.js'), 'render', s.file, '-o', file, '--theme', theme, '--root', SAMPLES],
          {
            encoding: 'utf8',
            cwd: ROOT,
          },
        );
        assert.strictEqual(r.status, 0, r.stderr);
        const svg = fs.readFileSync(file, 'utf8').replace(/^<\?xml[^>]*>\s*/, '');
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
        // The measure reads the map under #map, as in the webview.
        await page.evaluate(() => document.querySelector('svg')!.setAttribute('id', 'map'));
        assert.strictEqual(await page.$eval('#map', (e) => e.getAttribute('data-theme')), theme);
        const measured: Measured[] = await page.evaluate(MEASURE);
        assert.ok(measured.length > 50, `${s.name}: ${measured.length} texts measured`);
        const poor = measured
          .filter((x) => x.ratio < (isPersonaLabel(x) ? MIN_RATIO_PERSONA : MIN_RATIO))
          .map((x) => `${x.ratio.toFixed(2)} "${x.text}" (${x.cls}) ${x.fg} on ${x.bg}`);
        assert.deepStrictEqual(poor, [], `${s.name} rendered ${theme}: texts under ${MIN_RATIO}:1 (persona labels ${MIN_RATIO_PERSONA}:1)`);
      }
      await page.close();
    });
  }
});
