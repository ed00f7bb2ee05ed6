// `journeymap report` end to end: the BUILT dist/cli.js (run `npm run build` first;
// test/run-all.sh does) on the hand-worked workspace of portfolio.workspace.ts written to a temp
// folder (exact rankings, worked in portfolio.test.ts), and on the samples generically (the
// samples are rewritten often: only properties that hold for any workspace are checked there).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PORTFOLIO_FILES } from './portfolio.workspace';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' }, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-report-'));
  temporary.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

interface JsonMoney {
  amount: number;
  currency: string | null;
  annualised: boolean;
  per: string | null;
  group: string;
}
interface JsonReport {
  version: string;
  rule: string;
  groups: { group: string; currency: string | null; journeys: number; riskAtHotspots: number }[];
  journeys: {
    id: string;
    rank: number | null;
    file: string;
    risk: JsonMoney | null;
    hotspotCount: number;
    notCompared: string | null;
    currency: string | null;
  }[];
  hotspots: { journeyId: string; touchpointId: string; rank: number | null; risk: JsonMoney | null; file: string }[];
  opportunities: {
    text: string;
    standing: string;
    rank: number | null;
    priority: JsonMoney | null;
    value: JsonMoney | null;
    status: string | null;
  }[];
  owners: { name: string; journeys: string[]; systemic: boolean }[];
  systems: { name: string; journeys: string[]; systemic: boolean }[];
  personas: { id: string; moments: { touchpointId: string }[] }[];
  skipped: { file: string; reason: string }[];
}

/** Ranks 1..n with amounts that never rise, inside each group; groups never mix currencies. */
function assertRankedPerGroup(rows: { rank: number | null; money: JsonMoney | null }[], what: string): void {
  const seen = new Map<string, { rank: number; amount: number; currency: string | null }>();
  for (const r of rows) {
    if (r.rank === null) continue;
    assert.ok(r.money, `${what}: a ranked row has money`);
    const last = seen.get(r.money.group);
    assert.strictEqual(r.rank, (last?.rank ?? 0) + 1, `${what}: ranks count up within ${r.money.group}`);
    if (last) {
      assert.ok(r.money.amount <= last.amount + 1e-9, `${what}: amounts never rise within ${r.money.group}`);
      assert.strictEqual(r.money.currency, last.currency, `${what}: one currency per group`);
    }
    assert.strictEqual(r.money.annualised, r.money.per === 'year');
    seen.set(r.money.group, { rank: r.rank, amount: r.money.amount, currency: r.money.currency });
  }
}

describe('cli: journeymap report on a hand-worked workspace', function () {
  this.timeout(120_000);
  const ws = workspace(PORTFOLIO_FILES);

  it('json: the documented shape, with the rankings worked by hand and files in place of uris', () => {
    const r = run(['report', '--format', 'json'], ws);
    assert.strictEqual(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as JsonReport;
    assert.strictEqual(j.version, VERSION);
    assert.match(j.rule, /quarter \(2026-Q1\) x4/);
    assert.deepStrictEqual(
      j.journeys.map((x) => [x.id, x.rank, x.file]),
      [
        ['renew-b', 1, 'journeys/renew-b.journey.yaml'],
        ['buy-a', 2, 'journeys/buy-a.journey.yaml'],
        ['move-c', 1, 'journeys/move-c.journey.yaml'],
        ['visit-e', 1, 'journeys/visit-e.journey.yaml'],
        ['sale-d', 1, 'journeys/sale-d.journey.yaml'],
        ['happy-f', null, 'journeys/happy-f.journey.yaml'],
      ],
    );
    // 3,500 a month x 12; 10,000 a quarter x 4; 50,000 a year; 100 a quarter x 4; 9,000 per spring sale as given
    assert.deepStrictEqual(
      j.journeys.map((x) => (x.risk ? Math.round(x.risk.amount) : null)),
      [42000, 40000, 50000, 400, 9000, null],
    );
    assert.deepStrictEqual(
      j.groups.map((g) => [g.group, Math.round(g.riskAtHotspots)]),
      [
        ['EUR per year', 82000],
        ['GBP per year', 50000],
        ['no currency per year', 400],
        ['EUR per spring sale', 9000],
      ],
    );
    assert.deepStrictEqual(
      j.opportunities.map((o) => o.standing),
      ['ranked', 'ranked', 'ranked', 'ranked', 'ranked', 'ranked', 'unranked', 'closed'],
    );
    assert.deepStrictEqual(
      j.systems.map((s) => [s.name, s.journeys.length, s.systemic]),
      [
        ['psp', 4, true],
        ['billing-engine', 1, false],
      ],
    );
    assert.ok(!r.stdout.includes('"uri"'), 'no uri key is left');
    assert.deepStrictEqual(j.skipped, []);
  });

  it('md: one table per currency and period, the journeys not compared and why, the backlog apart, systemic owners', () => {
    const r = run(['report', 'journeys', '--root', '.'], ws);
    assert.strictEqual(r.code, 0, r.stderr);
    const out = r.stdout;
    const headings = [...out.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
    // Journeys, then hotspots, then opportunities, each in its groups' order.
    assert.deepStrictEqual(headings.slice(0, 5), [
      'EUR per year',
      'GBP per year',
      'no currency per year',
      'EUR per spring sale',
      'Not compared per year',
    ]);
    assert.ok(out.indexOf('[Renew B](journeys/renew-b.journey.yaml)') < out.indexOf('[Buy A](journeys/buy-a.journey.yaml)'));
    assert.match(out, /\| 1 \| \[Renew B\]\(journeys\/renew-b\.journey\.yaml\) \| EUR 42\.0K per year \(EUR 3,500 per 2026-03\) \|/);
    assert.match(out, /\[Sale D\]\(journeys\/sale-d\.journey\.yaml\): period "spring sale" does not annualise/);
    assert.match(
      out,
      /\| payments \| 3: buy-a, renew-b, sale-d \| 3 \| EUR 76\.0K per year · EUR 9,000 per spring sale \| backstage \| \*\*systemic\*\* \|/,
    );
    assert.match(out, /### Unranked \(no priority\)\n\n- Ask the bank \(Renew B: Pays\): no effort/);
    assert.match(out, /### Done or dropped \(not ranked\)\n\n- Old fix \(Renew B: Reads the notice\): done: left out of the ranking/);
    assert.match(out, /### Maya \(maya\)/);
    assert.strictEqual(r.stderr, '');
  });

  it('--friction-threshold and .journeymaprc.json move touchpoints in and out of the hotspots', () => {
    // At 0.9: checkout (0.627), notice (0.875) and pay (0.75) are no longer hotspots; book, banner, ask (friction 1) stay.
    const at = (args: string[], cwd = ws) =>
      (JSON.parse(run(['report', '-f', 'json', ...args], cwd).stdout) as JsonReport).hotspots.map((h) => h.touchpointId);
    assert.deepStrictEqual(at(['--friction-threshold', '0.9']), ['book', 'ask', 'banner']);
    const withRc = workspace({ ...PORTFOLIO_FILES, '.journeymaprc.json': '{ "friction": { "threshold": 0.9 } }' });
    assert.deepStrictEqual(at([], withRc), ['book', 'ask', 'banner']);
  });

  it('html -o FILE: one self-contained page, sortable tables, each journey linked to its file', () => {
    const out = path.join(ws, 'out', 'portfolio.html');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const r = run(['report', '-o', 'out/portfolio.html'], ws);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, '');
    const html = fs.readFileSync(out, 'utf8');
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'">/,
    );
    assert.ok((html.match(/<table class="sortable">/g) ?? []).length >= 10);
    assert.ok(html.includes('<a href="../journeys/buy-a.journey.yaml">Buy A</a>'));
    assert.ok(html.includes('<svg class="curve"'));
    // Nothing is fetched: no src or stylesheet link, no http(s) URL but the opportunity's own link.
    assert.ok(!/\bsrc=|<link\b/.test(html));
    assert.deepStrictEqual([...new Set(html.match(/https?:\/\/[^"<\s]+/g))], ['https://tracker.example/A-1']);
  });

  it('html -o DIR/: index.html and one map page per journey, linked', () => {
    const r = run(['report', '-o', 'site/'], ws);
    assert.strictEqual(r.code, 0, r.stderr);
    const site = path.join(ws, 'site');
    const maps = fs.readdirSync(path.join(site, 'maps')).sort();
    assert.deepStrictEqual(maps, ['buy-a.html', 'happy-f.html', 'move-c.html', 'renew-b.html', 'sale-d.html', 'visit-e.html']);
    const index = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    for (const m of maps) assert.ok(index.includes(`href="maps/${m}"`), m);
    const map = fs.readFileSync(path.join(site, 'maps', 'buy-a.html'), 'utf8');
    assert.match(map, /<svg[^>]*>/);
    assert.ok(map.includes('Checks out'));
    // An existing folder works without the slash, and defaults to html.
    assert.strictEqual(run(['report', '-o', 'site'], ws).code, 0);
  });

  it('user text stays text: markup in titles, names and links is escaped in html and md', () => {
    const evil = workspace({
      'x.journey.yaml': `journey: evil
title: "<script>alert(1)</script> | pipe"
currency: EUR
metrics: { period: 2026-Q1 }
stages:
  - name: "<img src=x onerror=alert(2)>"
    owner: "<b>team</b>"
    touchpoints:
      - id: t
        name: "</td><script>alert(3)</script>"
        emotion: -2
        metrics: { revenue_at_risk: 10 }
        opportunities:
          - { text: "[click](javascript:alert(4))", uplift: 0.5, effort: 1, link: "javascript:alert(5)" }
`,
    });
    const html = run(['report', '-f', 'html'], evil);
    assert.strictEqual(html.code, 0, html.stderr);
    assert.ok(!/<script>alert|<img |<b>team|href="javascript:/i.test(html.stdout), 'no live markup');
    assert.ok(html.stdout.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.strictEqual((html.stdout.match(/<script/g) ?? []).length, 1, 'only the sort script');
    const md = run(['report', '-f', 'md'], evil);
    assert.ok(md.stdout.includes('\\<script\\>alert(1)\\</script\\> \\| pipe'));
    assert.ok(md.stdout.includes('\\[click\\](javascript:alert(4))'));
    // no link to javascript: (an escaped \] starts none)
    assert.ok(!/[^\\]\]\(javascript:/.test(md.stdout));
  });
});

describe('cli: journeymap report on the samples (any content)', function () {
  this.timeout(120_000);
  const samples = path.join(REPO, 'samples');
  const journeyFiles = fs.readdirSync(samples).filter((f) => /\.journey\.ya?ml$/.test(f));

  it('json: every sample journey once; ranks count up and money never rises inside a group; no group mixes currencies', () => {
    const r = run(['report', 'samples', '-f', 'json'], REPO);
    assert.strictEqual(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as JsonReport;
    assert.deepStrictEqual(j.journeys.map((x) => path.basename(x.file)).sort(), journeyFiles.sort());
    assertRankedPerGroup(
      j.journeys.map((x) => ({ rank: x.rank, money: x.risk })),
      'journeys',
    );
    assertRankedPerGroup(
      j.hotspots.map((x) => ({ rank: x.rank, money: x.risk })),
      'hotspots',
    );
    assertRankedPerGroup(
      j.opportunities.map((x) => ({ rank: x.rank, money: x.priority })),
      'opportunities',
    );
    assert.strictEqual(
      j.hotspots.length,
      j.journeys.reduce((s, x) => s + x.hotspotCount, 0),
    );
    for (const x of j.journeys) {
      // A journey is ranked per year, or the report says why not.
      assert.ok((x.rank !== null && x.risk!.annualised && x.currency !== null) || x.notCompared !== null, x.id);
    }
    for (const o of j.opportunities) {
      if (o.status === 'done' || o.status === 'dropped') assert.strictEqual(o.standing, 'closed', o.text);
      if (o.standing !== 'ranked') assert.strictEqual(o.rank, null);
    }
    for (const g of j.groups) assert.strictEqual(g.journeys, j.journeys.filter((x) => x.rank !== null && x.risk!.group === g.group).length);
  });

  it('md and html: every sample journey is named and linked', () => {
    const md = run(['report', 'samples'], REPO);
    assert.strictEqual(md.code, 0, md.stderr);
    const dir = workspace({});
    const html = run(['report', 'samples', '-o', path.join(dir, 'site') + '/'], REPO);
    assert.strictEqual(html.code, 0, html.stderr);
    const index = fs.readFileSync(path.join(dir, 'site', 'index.html'), 'utf8');
    for (const f of journeyFiles) {
      assert.ok(md.stdout.includes(`](samples/${f})`), `md links ${f}`);
    }
    assert.strictEqual(fs.readdirSync(path.join(dir, 'site', 'maps')).length, journeyFiles.length);
    for (const m of fs.readdirSync(path.join(dir, 'site', 'maps'))) assert.ok(index.includes(`href="maps/${m}"`), m);
  });
});

describe('cli: journeymap report arguments and exit codes', function () {
  this.timeout(120_000);
  const ws = workspace(PORTFOLIO_FILES);

  const usage: [string[], RegExp][] = [
    [['--bogus'], /unknown option --bogus \(see journeymap report --help\)/],
    [['--format', 'pdf'], /unknown format "pdf" \(use md, html, json\)/],
    [['-o'], /-o needs a value/],
    [['--root', 'nowhere'], /--root is not a folder: nowhere/],
    [['no-such-file.journey.yaml'], /no-such-file\.journey\.yaml/],
    [['--friction-threshold', '2'], /--friction-threshold must be a number from 0 to 1, got "2"/],
    [['-f', 'md', '-o', 'site/'], /-o site\/ is a folder: only --format html writes a folder/],
  ];
  for (const [args, message] of usage) {
    it(`exits 2 with a clear message: ${args.join(' ')}`, () => {
      const r = run(['report', ...args], ws);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, /^journeymap report: /);
      assert.match(r.stderr, message);
      assert.strictEqual(r.stdout, '');
    });
  }

  it('exits 2 when the output cannot be written', () => {
    fs.writeFileSync(path.join(ws, 'a-file'), 'x');
    const r = run(['report', '-o', 'a-file/report.md'], ws);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /journeymap report: cannot write .*a-file\/report\.md/);
  });

  it('exits 1 when nothing named holds a journey; a file that does not parse is left out and said', () => {
    const only = workspace({ 'p.persona.yaml': 'persona: p\nname: P\n' });
    const none = run(['report'], only);
    assert.strictEqual(none.code, 1);
    assert.match(none.stderr, /no journey to report/);
    const broken = workspace({ ...PORTFOLIO_FILES, 'journeys/broken.journey.yaml': 'journey: [\n' });
    const r = run(['report', '-f', 'json'], broken);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /left out journeys\/broken\.journey\.yaml: does not parse \(\d+:\d+: /);
    const j = JSON.parse(r.stdout) as JsonReport;
    assert.strictEqual(j.journeys.length, 6);
    assert.deepStrictEqual(
      j.skipped.map((s) => s.file),
      ['journeys/broken.journey.yaml'],
    );
  });

  it('--help prints the usage and exits 0; journeymap --help lists report', () => {
    const r = run(['report', '--help'], ws);
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^Usage: journeymap report/);
    assert.match(run(['--help'], ws).stdout, /report \[paths or globs\.\.\.\]/);
  });
});
