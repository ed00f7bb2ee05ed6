// Trends in the portfolio report (issue 16's "the report shows each journey's trend"): a journey
// naming a data file gets its journey-level series in the JSON, a text sparkline with the first
// and latest figures in Markdown, and a small inline SVG (latest figure marked) in HTML. The
// figures below are worked by hand from the CSV.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

const FILES: Record<string, string> = {
  'buy-t.journey.yaml': `journey: buy-t
title: Buy T
currency: EUR
data: [data/buy-t.csv]
metrics: { period: 2026-Q1 }
stages:
  - name: Shop
    touchpoints:
      - id: checkout
        name: Checks out
        emotion: -2
        metrics: { volume: 500, drop_off: 0.5, revenue_at_risk: 1000 }
`,
  // Journey rows (touchpoint empty) make the trend; the checkout row is a touchpoint's and stays out.
  'data/buy-t.csv': 'period,touchpoint,volume,csat\n2025-Q3,,1000,70\n2025-Q4,,1200,\n2026-Q1,,900,80\n2026-Q1,checkout,500,\n',
  'plain-u.journey.yaml': `journey: plain-u
title: Plain U
currency: EUR
metrics: { period: 2026-Q1 }
stages:
  - name: Shop
    touchpoints:
      - { id: x, name: X, emotion: -2, metrics: { revenue_at_risk: 10 } }
`,
};

describe('cli: report trends from data files', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-trend-'));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const report = (format: string): string => {
    const r = spawnSync(process.execPath, [CLI, 'report', '.', '-f', format], { cwd: dir, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    return r.stdout;
  };

  it('json: the journey-level series over the periods, null without a data file', () => {
    const p = JSON.parse(report('json')) as { journeys: { id: string; trend: unknown }[] };
    const trend = Object.fromEntries(p.journeys.map((j) => [j.id, j.trend]));
    assert.deepStrictEqual(trend['buy-t'], {
      periods: ['2025-Q3', '2025-Q4', '2026-Q1'],
      series: [
        { metric: 'volume', values: [1000, 1200, 900] },
        { metric: 'csat', values: [70, null, 80] },
      ],
    });
    assert.strictEqual(trend['plain-u'], null);
  });

  it('md: a sparkline and first -> latest per metric', () => {
    const md = report('md');
    // volume: lowest 900, highest 1200; 1000 is 1/3 of the way: bar round(7/3) = 2 (▃), 1200 █, 900 ▁.
    // csat: 70 ▁, no figure ·, 80 █.
    assert.ok(
      md.includes(
        '### Trends from data files\n\n| Journey | Metric | Trend | First → latest |\n| --- | --- | --- | --- |\n' +
          '| [Buy T](buy-t.journey.yaml) | volume | ▃█▁ | 1,000 (2025-Q3) → **900 (2026-Q1)** |\n' +
          '| [Buy T](buy-t.journey.yaml) | csat | ▁·█ | 70 (2025-Q3) → **80 (2026-Q1)** |\n',
      ),
      md,
    );
    assert.ok(!md.includes('[Plain U](plain-u.journey.yaml) | volume'));
  });

  it('html: a small inline SVG per metric, the latest figure marked', () => {
    const html = report('html');
    // x = 3 + i x 57 (120 wide, 3 of margin); y = 25 - (v - lo) / (hi - lo) x 22 (28 high, 3 of margin).
    // volume: 1000 -> 17.7, 1200 -> 3.0, 900 -> 25.0; the latest (2026-Q1) at 117.0,25.0.
    assert.ok(
      html.includes('<polyline points="3.0,17.7 60.0,3.0 117.0,25.0"/><circle class="latest" r="2.5" cx="117.0" cy="25.0"/></svg>'),
      'volume',
    );
    // csat: two figures either side of a gap: two dots, the latest (80, the highest) marked.
    assert.ok(
      html.includes(
        '<circle r="1.5" cx="3.0" cy="25.0"/><circle r="1.5" cx="117.0" cy="3.0"/><circle class="latest" r="2.5" cx="117.0" ' +
          'cy="3.0"/></svg>',
      ),
      'csat',
    );
    assert.ok(html.includes('<caption>Trends from data files (latest period marked)</caption>'));
    assert.ok(html.includes('aria-label="volume: 1,000 (2025-Q3) to 900 (2026-Q1)"'));
  });
});
