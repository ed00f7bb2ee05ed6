// `journeymap render` (the BUILT dist/cli.js) for every sample, read back with an XML parser
// and checked against the sample's model: the same map as the preview, without a browser.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOMParser, parseHTML } from 'linkedom';
import { ROOT } from './browser';
import { loadSamples, SAMPLES } from './samples';

const CLI = path.join(ROOT, 'dist/cli.js');

function render(args: string[]) {
  return spawnSync(process.execPath, [CLI, 'render', ...args], { encoding: 'utf8', cwd: ROOT });
}

describe('webview: journeymap render', function () {
  this.timeout(60000);
  let out: string;
  before(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-render-'));
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  for (const s of loadSamples()) {
    it(`draws ${s.name} as SVG that matches its model`, () => {
      const file = path.join(out, `${s.name}.svg`);
      const r = render([s.file, '-o', file, '--root', SAMPLES]);
      assert.strictEqual(r.status, 0, r.stderr);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = doc.documentElement;
      assert.strictEqual(svg.localName, 'svg');
      assert.strictEqual(svg.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
      assert.strictEqual(svg.getAttribute('role'), 'img');
      assert.match(svg.getAttribute('viewBox') ?? '', /^0 0 \d+ \d+$/);
      assert.strictEqual(svg.firstElementChild?.localName, 'title');
      assert.ok(svg.querySelector('desc')?.textContent);
      assert.match(svg.querySelector('style')?.textContent ?? '', /--vscode-editor-background: #ffffff;/, 'light theme by default');
      const m = s.model;
      if (m.kind === 'journey') {
        const cols = [...svg.querySelectorAll('g.touchpoint-column')];
        assert.deepStrictEqual(
          cols.map((c) => Number(c.getAttribute('data-touchpoint-index'))),
          m.touchpoints.map((t) => t.index),
        );
        assert.deepStrictEqual(
          cols
            .map((c) => c.querySelector('.touchpoint-name')?.textContent?.replace('…', ''))
            .map((n, i) => m.touchpoints[i].name.replace(/\s+/g, ' ').startsWith(n ?? '\0')),
          m.touchpoints.map(() => true),
          'names',
        );
        const curves = [...svg.querySelectorAll('path.emotion-curve')];
        assert.deepStrictEqual(
          curves.map((c) => c.getAttribute('data-persona')),
          m.personas.map((p) => p.id),
        );
        for (const c of curves) assert.match(c.getAttribute('d') ?? '', /^M[\d.]+,[\d.]+C/, 'a smooth curve');
        const badges = [...svg.querySelectorAll('.hotspot-badge')].map((b) => ({
          rank: Number(b.getAttribute('data-rank')),
          touchpoint: Number(b.parentNode && (b.parentNode as Element).getAttribute('data-touchpoint-index')),
        }));
        assert.deepStrictEqual(
          badges.sort((a, b) => a.rank - b.rank),
          m.hotspots.map((h) => ({ rank: h.rank, touchpoint: h.touchpointIndex })),
        );
        for (const [persona, pe] of Object.entries(m.peakEnd)) {
          assert.strictEqual(
            svg.querySelector(`.peak-marker[data-persona="${persona}"]`)?.getAttribute('data-touchpoint-index'),
            String(pe.peakIndex),
          );
          assert.strictEqual(
            svg.querySelector(`.end-marker[data-persona="${persona}"]`)?.getAttribute('data-touchpoint-index'),
            String(pe.endIndex),
          );
        }
        assert.strictEqual(svg.querySelectorAll('g.stage-band').length, m.stages.length);
        assert.strictEqual(svg.querySelectorAll('.line-of-visibility').length, 1);
        const pains = m.touchpoints.reduce((n, t) => n + t.painPoints.length, 0);
        assert.strictEqual(svg.querySelectorAll('g.pain-point').length, pains);
      } else {
        assert.strictEqual(svg.querySelector('.persona-name')?.textContent, m.name);
        assert.strictEqual(svg.querySelectorAll('.used-by').length, m.usedBy.length);
      }
    });
  }

  it('writes HTML and a dark theme on request', () => {
    const file = path.join(out, 'map.html');
    const sample = loadSamples().find((s) => s.model.kind === 'journey');
    assert.ok(sample);
    const r = render([sample.file, '-o', file, '--theme', 'dark', '--root', SAMPLES]);
    assert.strictEqual(r.status, 0, r.stderr);
    const { document } = parseHTML(fs.readFileSync(file, 'utf8'));
    const svg = document.querySelector('svg');
    assert.strictEqual(svg?.getAttribute('data-theme'), 'dark');
    assert.match(svg?.querySelector('style')?.textContent ?? '', /--vscode-editor-background: #1f1f1f;/);
    assert.strictEqual(document.querySelectorAll('script').length, 0);
    assert.strictEqual(
      svg?.querySelectorAll('g.touchpoint-column').length,
      sample.model.kind === 'journey' ? sample.model.touchpoints.length : -1,
    );
  });

  it('draws as wide as its content, or scaled to --width; the HTML page fits the window', () => {
    const sample = loadSamples().find((s) => s.model.kind === 'journey');
    assert.ok(sample && sample.model.kind === 'journey');
    const natural = path.join(out, 'natural.svg');
    assert.strictEqual(render([sample.file, '-o', natural, '--root', SAMPLES]).status, 0);
    const svg = new DOMParser().parseFromString(fs.readFileSync(natural, 'utf8'), 'image/svg+xml').documentElement;
    const [, , vw, vh] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
    assert.strictEqual(Number(svg.getAttribute('width')), vw, 'natural width');
    assert.ok(vw >= 152 + sample.model.touchpoints.length * 168, `as wide as its columns: ${vw}`);
    const scaled = path.join(out, 'scaled.svg');
    const r = render([sample.file, '-o', scaled, '--root', SAMPLES, '--width', '900']);
    assert.strictEqual(r.status, 0, r.stderr);
    const s2 = new DOMParser().parseFromString(fs.readFileSync(scaled, 'utf8'), 'image/svg+xml').documentElement;
    assert.strictEqual(s2.getAttribute('width'), '900');
    assert.strictEqual(Number(s2.getAttribute('height')), Math.round((vh * 900) / vw), 'height scaled with it');
    assert.strictEqual(s2.getAttribute('viewBox'), svg.getAttribute('viewBox'), 'the same drawing');
    assert.strictEqual(render([sample.file, '-o', scaled, '--width', 'wide']).status, 2);
    const page = path.join(out, 'fit.html');
    assert.strictEqual(render([sample.file, '-o', page, '--root', SAMPLES]).status, 0);
    assert.match(fs.readFileSync(page, 'utf8'), /svg \{ display: block; max-width: 100%; height: auto; \}/);
  });

  it('escapes hostile text in the file it writes', () => {
    const dir = fs.mkdtempSync(path.join(out, 'hostile-'));
    const file = path.join(dir, 'x.journey.yaml');
    fs.writeFileSync(
      file,
      'journey: x\n' +
        'title: "</script><script>alert(1)</script> & <img src=x onerror=alert(1)>"\n' +
        'stages:\n' +
        '  - name: "<b>S</b>"\n' +
        '    touchpoints:\n' +
        '      - name: "]]><svg onload=alert(1)>"\n',
    );
    const r = render([file, '-o', path.join(dir, 'x.svg'), '--root', dir]);
    assert.strictEqual(r.status, 0, r.stderr);
    const doc = new DOMParser().parseFromString(fs.readFileSync(path.join(dir, 'x.svg'), 'utf8'), 'image/svg+xml');
    assert.strictEqual(doc.querySelectorAll('script, img, b').length, 0);
    assert.strictEqual(doc.querySelectorAll('svg').length, 1);
    assert.strictEqual(doc.querySelector('.title')?.textContent, '</script><script>alert(1)</script> & <img src=x onerror=alert(1)>');
  });

  it('fails with 1 on a file that does not parse and 2 on a usage error', () => {
    const dir = fs.mkdtempSync(path.join(out, 'broken-'));
    const file = path.join(dir, 'b.journey.yaml');
    fs.writeFileSync(file, 'journey: b\ntitle: [unclosed\n');
    const broken = render([file, '-o', path.join(dir, 'b.svg'), '--root', dir]);
    assert.strictEqual(broken.status, 1);
    assert.match(broken.stderr, /b\.journey\.yaml:\d+:\d+: /);
    assert.strictEqual(fs.existsSync(path.join(dir, 'b.svg')), false);
    assert.strictEqual(render([file]).status, 2);
    assert.strictEqual(render([file, '-o', path.join(dir, 'b.png')]).status, 2);
    assert.strictEqual(render([file, '-o', path.join(dir, 'b.svg'), '--theme', 'pink']).status, 2);
  });
});
