// Data files (format: Data files): periods of different forms compared, every data-file case
// on the journey's `data` item with the CSV's line and column, newer-data and the figures its
// fix writes (in the editor's quick fix and `journeymap lint --fix`, through the BUILT
// dist/cli.js), the hover's trend, and the disk reader the server and the CLI share.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../../server/src/core/analyze';
import { codeActions } from '../../server/src/core/codeActions';
import { applyEdits, DataReader, resolveDataUri } from '../../server/src/core/data';
import { hover } from '../../server/src/core/hover';
import type { JourneyModel } from '../../server/src/core/model';
import { comparePeriods, endsLater, periodSpan } from '../../server/src/core/periods';
import type { JourneyDiagnostic } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { readDataFile } from '../../server/src/readData';

const URI = 'file:///w/j.journey.yaml';
const csvUri = (rel: string) => new URL(rel, URI).href;
const reader =
  (files: Record<string, string>): DataReader =>
  (uri) => {
    for (const [rel, text] of Object.entries(files)) if (csvUri(rel) === uri) return { text };
    return { error: 'no such file' };
  };
const analyze = (yaml: string, files: Record<string, string>, uri = URI) =>
  analyzeText(uri, yaml, new WorkspaceIndex(), undefined, reader(files));
const span = (r: JourneyDiagnostic['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const found = (ds: JourneyDiagnostic[], rule: string) => ds.filter((d) => d.rule === rule).map((d) => `${span(d.range)} ${d.message}`);

const JOURNEY = `journey: j
title: J
data:
  - data/a.csv
  - "data/b.csv"
metrics: { volume: 1000, period: 2026-Q1 }
stages:
  - name: S
    touchpoints:
      - id: checkout
        name: Checkout
        metrics:
          conversion: 0.6   # measured in March
          csat: 40
      - id: receipt
        name: Receipt
`;
const GOOD = 'period,touchpoint,conversion,csat,volume\n2025-Q4,checkout,0.55,38,\n2026-Q1,checkout,0.6,40,\n2026-Q1,,,,1000\n';

describe('data files', () => {
  describe('periods', () => {
    const later = (a: string, b: string) => endsLater(periodSpan(a)!, periodSpan(b)!);
    const after = (a: string, b: string) => comparePeriods(periodSpan(a)!, periodSpan(b)!) > 0;
    it('read every form of the format as the days it covers', () => {
      const days = (p: string) => {
        const s = periodSpan(p)!;
        return [new Date(s.start * 864e5).toISOString().slice(0, 10), s.end - s.start];
      };
      assert.deepEqual(days('2026'), ['2026-01-01', 365]);
      assert.deepEqual(days('2026-H2'), ['2026-07-01', 184]);
      assert.deepEqual(days('2026-Q1'), ['2026-01-01', 90]);
      assert.deepEqual(days('2024-02'), ['2024-02-01', 29]);
      assert.deepEqual(days('2026-W01'), ['2025-12-29', 7]);
      assert.deepEqual(days('2026-W27'), ['2026-06-29', 7]);
      assert.deepEqual(days('2026-W53'), ['2026-12-28', 7]);
      assert.deepEqual(days('2026-07-14'), ['2026-07-14', 1]);
      for (const bad of ['2027-W53', '2026-02-30', '2026-Q5', 'Q1 2026', '26-07', '']) assert.equal(periodSpan(bad), null, bad);
    });
    it('are later across forms when they end later', () => {
      assert.ok(later('2026-Q2', '2026-Q1') && !later('2026-Q1', '2026-Q2'));
      assert.ok(later('2026', '2026-Q3'), 'the year covers the rest of 2026');
      assert.ok(!later('2026-Q4', '2026') && !later('2026', '2026-Q4'), 'the same end: neither is newer');
      assert.ok(!later('2026-07', '2026-Q3') && later('2026-Q3', '2026-07'));
      assert.ok(later('2026-W27', '2026-06') && !later('2026-W26', '2026-06'), 'W26 ends on 28 June, W27 on 5 July');
      assert.ok(later('2026-07-01', '2026-06') && !later('2026-06-30', '2026-06'));
      assert.ok(later('2026-H2', '2026-Q3') && !later('2026-H1', '2026-Q2'));
    });
    it('order a trend by their end, the longer first on the same end', () => {
      const order = ['2026-Q4', '2026-12', '2025', '2026-H1', '2026-W27', '2026', '2025-12-31', '2026-Q1'];
      assert.deepEqual(
        order.sort((a, b) => comparePeriods(periodSpan(a)!, periodSpan(b)!)),
        ['2025', '2025-12-31', '2026-Q1', '2026-H1', '2026-W27', '2026', '2026-Q4', '2026-12'],
      );
      assert.ok(after('2026-Q4', '2026') && after('2026-12', '2026-Q4'));
      assert.equal(comparePeriods(periodSpan('2026-Q1')!, periodSpan('2026-Q1')!), 0);
    });
  });

  describe('data-file', () => {
    it('says nothing about files that read well, and nothing without a reader', () => {
      const r = analyze(JOURNEY, { 'data/a.csv': GOOD, 'data/b.csv': 'period,touchpoint\n' });
      assert.deepEqual(
        r.diagnostics.filter((d) => d.rule === 'data-file' || d.rule === 'newer-data'),
        [],
      );
      const none = analyzeText(URI, JOURNEY.replace('  - data/a.csv\n', '  - data/missing.csv\n'), new WorkspaceIndex());
      assert.deepEqual(
        none.diagnostics.filter((d) => d.rule === 'data-file'),
        [],
      );
      assert.equal((none.model as JourneyModel).history, undefined);
    });

    it('a missing or unreadable file, or a path that is not relative, on its data item', () => {
      const yaml = JOURNEY.replace('  - data/a.csv\n', '  - data/a.csv\n  - /etc/passwd\n  - https://x.example/a.csv\n');
      const r = analyze(yaml, {});
      assert.deepEqual(found(r.diagnostics, 'data-file'), [
        '3:4-3:14 data/a.csv cannot be read: no such file.',
        '4:4-4:15 /etc/passwd: a data file is named by a path relative to the journey (like data/j.csv).',
        '5:4-5:27 https://x.example/a.csv: a data file is named by a path relative to the journey (like data/j.csv).',
        '6:4-6:16 data/b.csv cannot be read: no such file.',
      ]);
    });

    it("every problem inside a file, with its line and column, on the file's item", () => {
      const csv = [
        'period,touchpoint,conversoin,csat,volume,conversion', // 1: unknown column
        '2026-Q1,chekout,,,,0.5', // 2: unknown touchpoint
        '2026-Q1,checkout,,abc,,', // 3: not a number
        '2026-Q1,checkout,,,,62', // 4: out of range
        '2026-Q1,,,,1.5,', // 5: not a whole number
        'Q1 2026,checkout,,,,0.5', // 6: not a period
        '2026-Q1,checkout,,40,,0.5,extra', // 7: beyond the header
        '"2026-Q1",receipt,"a', // 8: a quoted value over two lines, then
        'b",,,', // 9
        '2026-Q1,receipt,,,-3,', // 10: the line count kept after it
        '',
        ',,,,,', // 12: no period
      ].join('\n');
      const r = analyze(JOURNEY, { 'data/a.csv': csv, 'data/b.csv': 'period,touchpoint\n' });
      assert.deepEqual(found(r.diagnostics, 'data-file'), [
        '3:4-3:14 data/a.csv line 1, column 3 (conversoin): unknown column "conversoin". Did you mean "conversion"?',
        '3:4-3:14 data/a.csv line 2, column 2 (touchpoint): no touchpoint "chekout" in this journey. Did you mean "checkout"?',
        '3:4-3:14 data/a.csv line 3, column 4 (csat): "abc" is not a number.',
        '3:4-3:14 data/a.csv line 4, column 6 (conversion): conversion 62 is outside 0..1.',
        '3:4-3:14 data/a.csv line 5, column 5 (volume): volume 1.5 is not a whole number (integer >= 0).',
        '3:4-3:14 data/a.csv line 6, column 1 (period): "Q1 2026" is not a period; ' +
          'write 2026, 2026-H1, 2026-Q3, 2026-07, 2026-W27 or 2026-07-14.',
        "3:4-3:14 data/a.csv line 7, column 7: a value beyond the header's 6 columns.",
        '3:4-3:14 data/a.csv line 10, column 5 (volume): volume -3 is outside integer >= 0.',
        '3:4-3:14 data/a.csv line 12, column 1 (period): no period; write 2026, 2026-H1, 2026-Q3, 2026-07, 2026-W27 or 2026-07-14.',
      ]);
      // The good figures still make the history; a bad one is left out.
      const h = (r.model as JourneyModel).history!;
      assert.deepEqual(h.periods, ['2026-Q1']);
      assert.deepEqual(h.series, [
        { touchpoint: 'checkout', metric: 'csat', values: [40] },
        { touchpoint: 'checkout', metric: 'conversion', values: [0.5] },
      ]);
    });

    it('a header without period, an empty file, a repeated column; a BOM and CRLF read as plain text', () => {
      const r = analyze(JOURNEY, { 'data/a.csv': 'touchpoint,csat\ncheckout,3\n', 'data/b.csv': '' });
      assert.deepEqual(found(r.diagnostics, 'data-file'), [
        '3:4-3:14 data/a.csv line 1: no "period" column.',
        '4:4-4:16 data/b.csv line 1: no header row (period, touchpoint and metric keys).',
      ]);
      const r2 = analyze(JOURNEY, {
        'data/a.csv': '\ufeffperiod,touchpoint,csat,csat\r\n2026-Q1,checkout,40,\r\n2026-Q1,receipt,x,\r\n',
        'data/b.csv': 'period\n',
      });
      assert.deepEqual(found(r2.diagnostics, 'data-file'), [
        '3:4-3:14 data/a.csv line 1, column 4 (csat): the column "csat" is already given.',
        '3:4-3:14 data/a.csv line 3, column 3 (csat): "x" is not a number.',
      ]);
    });

    it('counts what it does not show beyond 20 problems in a file', () => {
      const rows = Array.from({ length: 25 }, (_, i) => `2026-Q1,nobody-${i},1`);
      const r = analyze(JOURNEY, { 'data/a.csv': ['period,touchpoint,csat', ...rows].join('\n'), 'data/b.csv': 'period\n' });
      const ds = found(r.diagnostics, 'data-file');
      assert.equal(ds.length, 21);
      assert.equal(ds[0], '3:4-3:14 data/a.csv line 2, column 2 (touchpoint): no touchpoint "nobody-0" in this journey.');
      assert.equal(ds[20], '3:4-3:14 data/a.csv: 5 more problems not shown.');
    });

    it('resolves paths against the journey, segment by segment', () => {
      assert.equal(resolveDataUri('file:///w/sub/j.journey.yaml', 'data/a b.csv'), 'file:///w/sub/data/a%20b.csv');
      assert.equal(resolveDataUri('file:///w/sub/j.journey.yaml', '../shared/x.csv'), 'file:///w/shared/x.csv');
      assert.equal(resolveDataUri('file:///w/j.journey.yaml', 'C:\\x.csv'), null);
      assert.equal(resolveDataUri('file:///w/j.journey.yaml', '#frag'), 'file:///w/%23frag');
    });
  });

  describe('newer-data', () => {
    const NEWER = `${GOOD}2026-Q2,checkout,0.66,47,\n2026-Q2,receipt,,52,\n2026-Q2,,,,1210\n`;
    it('fires on the item of the file holding the latest period, and not when the YAML is as new', () => {
      const r = analyze(JOURNEY, { 'data/a.csv': GOOD, 'data/b.csv': 'period,touchpoint,csat\n2026-Q2,checkout,47\n' });
      assert.deepEqual(found(r.diagnostics, 'newer-data'), [
        "4:4-4:16 data/b.csv holds figures for 2026-Q2, later than the journey's metrics.period 2026-Q1.",
      ]);
      assert.equal(r.diagnostics.find((d) => d.rule === 'newer-data')!.severity, 'info');
      assert.deepEqual(found(analyze(JOURNEY, { 'data/a.csv': GOOD, 'data/b.csv': 'period\n' }).diagnostics, 'newer-data'), []);
      // A month inside the journey's quarter is not later; the year holding it is.
      assert.deepEqual(
        found(analyze(JOURNEY, { 'data/a.csv': 'period,csat\n2026-03,1\n', 'data/b.csv': 'period\n' }).diagnostics, 'newer-data'),
        [],
      );
      assert.equal(
        found(analyze(JOURNEY, { 'data/a.csv': 'period,volume\n2026,1\n', 'data/b.csv': 'period\n' }).diagnostics, 'newer-data').length,
        1,
      );
    });

    it('its fix writes the latest figures where they stand, adds the missing ones, and keeps comments and layout', () => {
      const r = analyze(JOURNEY, { 'data/a.csv': NEWER, 'data/b.csv': 'period\n' });
      const d = r.diagnostics.find((x) => x.rule === 'newer-data')!;
      assert.equal(d.message, "data/a.csv holds figures for 2026-Q2, later than the journey's metrics.period 2026-Q1.");
      assert.ok(d.fix?.kind === 'edits');
      assert.equal(d.fix.title, 'Write the 2026-Q2 figures into the journey');
      assert.equal(
        applyEdits(JOURNEY, d.fix.edits),
        `journey: j
title: J
data:
  - data/a.csv
  - "data/b.csv"
metrics: { volume: 1210, period: 2026-Q2 }
stages:
  - name: S
    touchpoints:
      - id: checkout
        name: Checkout
        metrics:
          conversion: 0.66   # measured in March
          csat: 47
      - id: receipt
        name: Receipt
        metrics: { csat: 52 }
`,
      );
      // The editor's quick fix carries the same edits.
      const lsp = [{ range: d.range, code: d.rule, source: 'journeymap', message: d.message, data: d.fix }];
      const actions = codeActions(r.parsed, lsp, d.range, new WorkspaceIndex(), URI);
      const write = actions.find((a) => a.title === 'Write the 2026-Q2 figures into the journey');
      assert.ok(write?.isPreferred);
      assert.deepEqual(write.edit?.changes?.[URI], d.fix.edits);
      // After the fix the journey is as new as its data.
      assert.deepEqual(
        found(analyze(applyEdits(JOURNEY, d.fix.edits), { 'data/a.csv': NEWER, 'data/b.csv': 'period\n' }).diagnostics, 'newer-data'),
        [],
      );
    });

    it("its fix adds keys to block maps, the journey's metrics when absent, and a touchpoint's own period, in CRLF files too", () => {
      const yaml = [
        'journey: j',
        'title: J',
        'data: [d.csv]',
        'stages:',
        '  - name: S',
        '    touchpoints:',
        '      - id: a',
        '        name: A',
        '        metrics:',
        '          volume: 10',
        '          period: 2025-Q4',
        '',
      ]
        .join('\r\n')
        .replace('title: J', 'title: J\r\nmetrics:\r\n  period: 2025-Q4\r\n  custom:\r\n    x: 1');
      const csv = 'period,touchpoint,volume,csat\n2026-Q1,a,12,50\n2026-Q1,,99,\n';
      const r = analyze(yaml, { 'd.csv': csv });
      const d = r.diagnostics.find((x) => x.rule === 'newer-data')!;
      assert.equal(span(d.range), '6:7-6:12');
      assert.ok(d.fix?.kind === 'edits');
      assert.equal(
        applyEdits(yaml, d.fix.edits),
        [
          'journey: j',
          'title: J',
          'metrics:',
          '  period: 2026-Q1',
          '  volume: 99',
          '  custom:',
          '    x: 1',
          'data: [d.csv]',
          'stages:',
          '  - name: S',
          '    touchpoints:',
          '      - id: a',
          '        name: A',
          '        metrics:',
          '          volume: 12',
          '          period: 2026-Q1',
          '          csat: 50',
          '',
        ].join('\r\n'),
      );
      const bare = 'journey: j\ntitle: J\ndata: [d.csv]\nstages: []\n';
      const noMetrics = analyze(bare.replace('stages', 'metrics: { period: 2025 }\nstages'), { 'd.csv': 'period,volume\n2026,5\n' });
      const fix = noMetrics.diagnostics.find((x) => x.rule === 'newer-data')!.fix!;
      assert.ok(fix.kind === 'edits');
      assert.equal(
        applyEdits(bare.replace('stages', 'metrics: { period: 2025 }\nstages'), fix.edits),
        'journey: j\ntitle: J\ndata: [d.csv]\nmetrics: { period: 2026, volume: 5 }\nstages: []\n',
      );
    });

    it('journeymap lint --fix writes the figures into the file, keeps its comments, and reports what is left', function () {
      this.timeout(60000);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-data-'));
      try {
        fs.mkdirSync(path.join(dir, 'data'));
        fs.writeFileSync(path.join(dir, 'j.journey.yaml'), JOURNEY);
        fs.writeFileSync(path.join(dir, 'data/a.csv'), NEWER);
        fs.writeFileSync(path.join(dir, 'data/b.csv'), 'period,touchpoint,csat\n2026-Q1,nobody,3\n');
        const cli = (args: string[]) =>
          spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/cli.js'), 'lint', ...args], {
            cwd: dir,
            encoding: 'utf8',
            timeout: 30000,
          });
        const before = cli(['--format', 'json', 'j.journey.yaml']);
        const rules = (out: string) => JSON.parse(out)[0].diagnostics.map((x: JourneyDiagnostic) => `${x.rule} ${span(x.range)}`);
        assert.deepEqual(
          rules(before.stdout).filter((r: string) => /data/.test(r)),
          ['newer-data 3:4-3:14', 'data-file 4:4-4:16'],
        );
        const fixed = cli(['--fix', '--format', 'json', 'j.journey.yaml']);
        assert.equal(fixed.status, 1, 'the data-file error is left');
        assert.equal(fixed.stderr, 'journeymap lint: fixed 1 problem in j.journey.yaml (newer-data)\n');
        assert.deepEqual(
          rules(fixed.stdout).filter((r: string) => /data/.test(r)),
          ['data-file 4:4-4:16'],
        );
        const text = fs.readFileSync(path.join(dir, 'j.journey.yaml'), 'utf8');
        assert.match(text, /^metrics: \{ volume: 1210, period: 2026-Q2 \}$/m);
        assert.match(text, /^ {10}conversion: 0\.66 {3}# measured in March$/m);
        assert.match(text, /^ {10}csat: 47$/m);
        assert.match(text, /^ {8}metrics: \{ csat: 52 \}$/m);
        // Nothing left to fix: the file stays as it is.
        const again = cli(['--fix', 'j.journey.yaml']);
        assert.equal(again.stderr, '');
        assert.equal(fs.readFileSync(path.join(dir, 'j.journey.yaml'), 'utf8'), text);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('history', () => {
    it("orders periods, keeps the latest 24, and the hover shows each metric's trend with the latest marked", () => {
      const quarters = Array.from({ length: 28 }, (_, i) => `${2019 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
      const rows = quarters.reverse().map((q, i) => `${q},checkout,${(0.3 + (27 - i) * 0.01).toFixed(2)}`);
      const r = analyze(JOURNEY.replace('2026-Q1', '2026-Q4'), {
        'data/a.csv': ['period,touchpoint,conversion', ...rows, '2025-Q4,,'].join('\n'),
        'data/b.csv': 'period,touchpoint,csat\n2025-Q3,checkout,30\n2025-Q4,checkout,\n2025-Q1,checkout,20\n',
      });
      const h = (r.model as JourneyModel).history!;
      assert.equal(h.periods.length, 24);
      assert.equal(h.periods[0], '2020-Q1');
      assert.equal(h.periods[23], '2025-Q4');
      const hv = hover(r.parsed, { line: 9, character: 14 }, new WorkspaceIndex(), r)!;
      const lines = (hv.contents as { value: string }).value.split('\n');
      assert.deepEqual(lines.slice(lines.indexOf('**Trend** (2020-Q1 to 2025-Q4, from the data files):')), [
        '**Trend** (2020-Q1 to 2025-Q4, from the data files):',
        '- `conversion` ▁▁▂▂▂▃▃▃▃▄▄▄▅▅▅▆▆▆▆▇▇▇██ 0.34 (2020-Q1) → **0.57** (2025-Q4, latest)',
        '- `csat` ····················▁·█· 20 (2025-Q1) → **30** (2025-Q3, latest)',
      ]);
    });
  });

  describe('reading from disk', () => {
    it('gives the text, or a reason in words; never reads a file over the limit', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-read-'));
      try {
        fs.writeFileSync(path.join(dir, 'ok.csv'), 'period\n');
        fs.mkdirSync(path.join(dir, 'folder.csv'));
        fs.writeFileSync(path.join(dir, 'big.csv'), Buffer.alloc(11 * 1024 * 1024, 0x41));
        const at = (f: string) => pathToFileURL(path.join(dir, f)).href;
        assert.deepEqual(readDataFile(at('ok.csv')), { text: 'period\n' });
        assert.deepEqual(readDataFile(at('missing.csv')), { error: 'no such file' });
        assert.deepEqual(readDataFile(at('folder.csv')), { error: 'a folder, not a file' });
        assert.deepEqual(readDataFile(at('big.csv')), { error: 'too large: 11.0 MB; Journey Maps reads data files up to 10 MB' });
        assert.deepEqual(readDataFile('https://x.example/a.csv'), { error: 'not a file on this machine' });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
