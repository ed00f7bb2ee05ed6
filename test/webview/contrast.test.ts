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
import { Measured, MEASURE } from '../support/contrast';

const THEMES = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/high-contrast-themes.json'), 'utf8')) as Record<
  string,
  { vscodeVersion: string; bodyClass: string; variables: Record<string, string> }
>;
/** WCAG AA for body text; high contrast themes exist for readers who need at least that. */
const MIN_RATIO = 4.5;

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
