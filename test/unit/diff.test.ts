// `journeymap diff` end to end: the built dist/cli.js in real temporary git repositories (init,
// commits, a branch, a rename, a deletion, an untracked new journey, a path outside the
// repository, a bad ref, a folder that is no repository). The markdown and JSON of one journey
// are compared with figures worked by hand.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareJourneys, outOfOrder } from '../../server/src/core/compare';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/core/workspace';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir(),
};

function sh(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.strictEqual(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'diff', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '' },
    timeout: 60000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const shop = (b: string, d: string, extra = '') => `journey: shop
title: Shop
currency: EUR
metrics: { value_per_customer: 200, period: 2026-Q1 }
stages:
  - name: S
    touchpoints:
      - { id: a, name: A, emotion: -2, metrics: { volume: 10000, conversion: 0.6 } }
      - { id: b, name: B, ${b}, evidence: [analytics] }
      - { id: c, name: C, emotion: 1 }
      - { id: d, name: D, emotion: 2, metrics: { ${d}, conversion: 0.9 } }
${extra}`;

const simple = (id: string, emotion: number) =>
  `journey: ${id}\ntitle: ${id.toUpperCase()}\nstages:\n  - name: S\n    touchpoints:\n      - { name: Only, emotion: ${emotion} }\n`;

describe('journeymap diff', function () {
  // Real git repositories and several CLI runs per test (7 s with both cores busy, more under
  // heavier load): a wrong answer fails a test, a slow machine must not.
  this.timeout(0);
  let dir = '';
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jm-diff-')));
    sh(dir, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(dir, 'shop.journey.yaml'), shop('emotion: -1, metrics: { volume: 6000, drop_off: 0.5 }', 'volume: 3000'));
    fs.writeFileSync(path.join(dir, 'old.journey.yaml'), simple('moving', 1));
    fs.writeFileSync(path.join(dir, 'gone.journey.yaml'), simple('gone', 1));
    fs.writeFileSync(path.join(dir, 'same.journey.yaml'), simple('same', 1));
    sh(dir, 'add', '.');
    sh(dir, 'commit', '-q', '-m', 'as-is');
    // The working tree: B improves, D grows, a touchpoint E is added; one file renamed (and
    // edited), one deleted, one new and untracked; same.journey.yaml untouched.
    fs.writeFileSync(
      path.join(dir, 'shop.journey.yaml'),
      shop('emotion: 0, metrics: { volume: 6000, drop_off: 0.3 }', 'volume: 4200', '      - { id: e, name: E, emotion: 2 }\n'),
    );
    sh(dir, 'mv', 'old.journey.yaml', 'renamed.journey.yaml');
    fs.writeFileSync(path.join(dir, 'renamed.journey.yaml'), simple('moving', 2));
    sh(dir, 'rm', '-q', 'gone.journey.yaml');
    fs.writeFileSync(path.join(dir, 'new.journey.yaml'), simple('fresh', 0));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('markdown for a pull request: the money, score and completion before and after, worked by hand', () => {
    const r = cli(dir, '--base', 'main');
    assert.strictEqual(r.code, 0, r.stderr);
    const section = r.stdout.split('\n### ').find((s) => s.startsWith('Shop, '));
    // Before: completion after a = 0.5 x 0.9 (c unmeasured, d 0.9) = 0.45; b = 0.9.
    //   risk a = 4,000 x 0.45 x 200 = 360,000 (friction 0.72); b = 3,000 x 0.9 x 200 = 540,000 (friction 0.633)
    //   at the hotspots 900,000; funnel 0.6 x 0.45 = 0.27; score (0.4 x 0.27 + 0.2 x 1) / 0.6 = 51.3
    // After: b drops 0.3 with emotion 0: friction (0.4 x 0.5 + 0.35 x 0.3) / 0.75 = 0.407, no longer a hotspot.
    //   after(a) = 0.7 x 0.9 = 0.63; risk a = 4,000 x 0.63 x 200 = 504,000, now #1; total 504,000 (-396,000)
    //   funnel 0.6 x 0.63 = 0.378 (+10.8 points); score (0.4 x 0.378 + 0.2 x 1) / 0.6 = 58.5 (+7.2)
    assert.strictEqual(
      section,
      [
        'Shop, shop.journey.yaml',
        '',
        '| | before | after | change |',
        '| --- | --- | --- | --- |',
        '| Revenue at risk at hotspots | EUR 900.0K per 2026-Q1 | EUR 504.0K per 2026-Q1 | −EUR 396.0K |',
        '| Journey score | 51 | 59 | +7 |',
        '| Completion | 27% | 37.8% | +10.8 pts |',
        '',
        '- No longer a hotspot (was #1): B',
        '- Hotspot #2 → #1: A, EUR 504.0K per 2026-Q1 at risk',
        '- Touchpoints added: E (s)',
        '- Emotion at B: -1 → 0',
        '- b drop\\_off: 0.5 → 0.3',
        '- d volume: 3000 → 4200',
        '',
      ].join('\n'),
    );
    // New and deleted journeys come first; a rename is followed; an untouched journey is not listed.
    const heads = r.stdout.split('\n').filter((l) => l.startsWith('### '));
    assert.deepStrictEqual(heads, [
      '### GONE (deleted), gone.journey.yaml',
      '### FRESH (new), new.journey.yaml',
      '### Shop, shop.journey.yaml',
      '### MOVING, old.journey.yaml → renamed.journey.yaml',
    ]);
    assert.ok(r.stdout.startsWith('## Journey maps against `main`\n'));
  });

  it('json has the documented shape', () => {
    const r = cli(dir, '--base', 'main', '--format', 'json', 'shop.journey.yaml');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out.base, 'main');
    assert.strictEqual(out.journeys.length, 1);
    const d = out.journeys[0];
    assert.deepStrictEqual([d.id, d.status, d.file, d.baseFile], ['shop', 'changed', 'shop.journey.yaml', 'shop.journey.yaml']);
    assert.deepStrictEqual(d.revenueAtRiskAtHotspots, { before: 900000, after: 504000, change: -396000 });
    assert.deepStrictEqual(
      d.hotspots.removed.map((h: { id: string; from: number }) => [h.id, h.from]),
      [['b', 1]],
    );
    assert.deepStrictEqual(
      d.hotspots.reranked.map((h: { id: string; from: number; to: number }) => [h.id, h.from, h.to]),
      [['a', 2, 1]],
    );
    assert.deepStrictEqual(d.touchpoints.added, [{ id: 'e', name: 'E', stage: 's' }]);
    assert.deepStrictEqual(d.emotions, [{ touchpoint: 'b', name: 'B', persona: '*', before: -1, after: 0 }]);
    assert.deepStrictEqual(d.metrics, [
      { touchpoint: 'b', key: 'drop_off', before: 0.5, after: 0.3 },
      { touchpoint: 'd', key: 'volume', before: 3000, after: 4200 },
    ]);
  });

  it('says nothing when nothing changed, and compares with HEAD by default', () => {
    const clean = cli(dir, 'same.journey.yaml');
    assert.deepStrictEqual([clean.code, clean.stdout], [0, '']);
    const text = cli(dir, '--format', 'stylish', 'same.journey.yaml');
    assert.strictEqual(text.stdout, 'No journey changed against HEAD.\n');
    // Against HEAD, the staged rename and deletion and the edited shop show; the branch ref works too.
    sh(dir, 'branch', 'as-is');
    assert.match(cli(dir, '--base', 'as-is').stdout, /### Shop, shop\.journey\.yaml/);
  });

  it('fails clearly on a bad ref, a path outside the repository, and a folder that is no repository', () => {
    const bad = cli(dir, '--base', 'no-such-branch');
    assert.deepStrictEqual([bad.code, bad.stdout], [2, '']);
    assert.match(bad.stderr, /^journeymap diff: unknown git ref "no-such-branch"/);
    const outside = cli(dir, os.tmpdir());
    assert.strictEqual(outside.code, 2);
    assert.match(outside.stderr, /is outside the git repository at /);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-nogit-'));
    try {
      const none = spawnSync(process.execPath, [CLI, 'diff'], {
        cwd: plain,
        encoding: 'utf8',
        env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(plain) },
      });
      assert.strictEqual(none.status, 2);
      assert.match(none.stderr, /is not inside a git repository/);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
    const usage = cli(dir, '--format', 'xml');
    assert.strictEqual(usage.code, 2);
    assert.match(usage.stderr, /unknown format "xml"/);
  });
});

describe('compareJourneys', () => {
  const model = (text: string): JourneyModel => analyzeText('file:///w/x.journey.yaml', text, new WorkspaceIndex()).model as JourneyModel;
  it('moves: a touchpoint out of order or into another stage; stages reordered', () => {
    const before = model(
      'journey: x\n' +
        'title: X\n' +
        'stages:\n' +
        '  - name: One\n' +
        '    touchpoints: [{ name: A }, { name: B }, { name: C }]\n' +
        '  - name: Two\n' +
        '    touchpoints: [{ name: D }]\n',
    );
    const after = model(
      'journey: x\n' +
        'title: X\n' +
        'stages:\n' +
        '  - name: Two\n' +
        '    touchpoints: [{ name: D }, { name: C }]\n' +
        '  - name: One\n' +
        '    touchpoints: [{ name: B }, { name: A }]\n',
    );
    const d = compareJourneys(before, after);
    // Stages: [one, two] -> [two, one]: one of them left the order.
    assert.strictEqual(d.stages.moved.length, 1);
    // Touchpoints [a, b, c, d] -> [d, c, b, a]: the longest order kept is one touchpoint long (a is kept);
    // b and d left the order, c also moved stage (one -> two).
    assert.deepStrictEqual(d.touchpoints.moved.map((t) => `${t.id}:${t.fromStage}->${t.stage}`).sort(), [
      'b:one->one',
      'c:one->two',
      'd:two->two',
    ]);
    assert.deepStrictEqual(outOfOrder(['a', 'b', 'c', 'd'], ['a', 'c', 'b', 'd']), ['c']);
    assert.deepStrictEqual(compareJourneys(before, before).status, 'unchanged');
  });
});
