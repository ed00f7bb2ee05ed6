// Hostile data files: each named by a journey beside it, the journey analysed in a fresh child
// process (run.ts) with the data reader the server and the CLI use. Whatever the CSV holds, the
// analysis ends within the child's time limit with located data-file findings on the
// journey's `data` item, and no prototype or global is touched.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHILD_LIMIT_MS, ChildReport, runChild } from './run';

interface HostileCsv {
  title: string;
  name: string;
  csv: () => string | Buffer;
  expect: (r: ChildReport, item: string) => void;
}

const journey = (csv: string) => `journey: hostile-data
title: Hostile data
data: [${csv}]
metrics: { volume: 10, period: 2026-Q1 }
stages:
  - name: S
    touchpoints:
      - { id: checkout, name: Checkout, metrics: { conversion: 0.5 } }
      - { id: constructor, name: Constructor }
`;

const dataFile = (r: ChildReport) => r.diagnostics.filter((d) => d.rule === 'data-file');
const pos = (d: ChildReport['diagnostics'][number]) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

const CASES: HostileCsv[] = [
  {
    title: '30 MB of CSV',
    name: 'huge.csv',
    csv: () => Buffer.alloc(30 * 1024 * 1024, 'period,touchpoint,volume\n'),
    expect: (r, item) => {
      assert.deepStrictEqual(
        dataFile(r).map((d) => `${pos(d)} ${d.message}`),
        [`${item} huge.csv cannot be read: too large: 30.0 MB; Journey Maps reads data files up to 10 MB.`],
      );
    },
  },
  {
    title: 'ragged rows (1 to 1,000 fields)',
    name: 'ragged.csv',
    csv: () =>
      [
        'period,touchpoint,volume',
        ...Array.from({ length: 500 }, (_, i) =>
          Array(((i * 7919) % 1000) + 1)
            .fill('2026-Q1')
            .join(','),
        ),
      ].join('\n'),
    expect: (r, item) => {
      const ds = dataFile(r);
      assert.strictEqual(ds.length, 21, 'twenty findings and one that counts the rest');
      assert.ok(
        ds.every((d) => pos(d) === item),
        'all on the data item',
      );
      assert.strictEqual(ds[0].message, "ragged.csv line 3, column 4: a value beyond the header's 3 columns.");
      assert.strictEqual(ds[1].message, 'ragged.csv line 3, column 2 (touchpoint): no touchpoint "2026-Q1" in this journey.');
      assert.match(ds[20].message, /^ragged\.csv: \d+ more problems not shown\.$/);
    },
  },
  {
    title: 'a quote never closed, then 100,000 lines',
    name: 'unclosed.csv',
    csv: () => 'period,touchpoint,volume\n2026-Q1,checkout,5\n2026-Q1,"checkout,6\n' + '2026-Q1,checkout,7\n'.repeat(100_000),
    expect: (r, item) => {
      const ds = dataFile(r);
      assert.strictEqual(ds.length, 1);
      assert.strictEqual(pos(ds[0]), item);
      assert.strictEqual(
        ds[0].message,
        'unclosed.csv line 3, column 2 (touchpoint): no touchpoint "checkout,6\\n' +
          '2026-Q1,checkout,7\\n' +
          '2026-Q1,checkout,7\\n' +
          '2026-Q1…" in this journey.',
      );
      assert.strictEqual(r.historyPeriods, 1, 'the row before it still counts');
    },
  },
  {
    title: 'a BOM and CRLF line ends',
    name: 'bom-crlf.csv',
    csv: () => '\ufeffperiod,touchpoint,conversion\r\n2026-Q1,checkout,0.5\r\n2026-Q2,checkout,0.55\r\n2026-Q2,checkout,x\r\n',
    expect: (r, item) => {
      assert.deepStrictEqual(
        dataFile(r).map((d) => `${pos(d)} ${d.message}`),
        [`${item} bom-crlf.csv line 4, column 3 (conversion): "x" is not a number.`],
      );
      const newer = r.diagnostics.find((d) => d.rule === 'newer-data');
      assert.strictEqual(
        newer && `${pos(newer)} ${newer.message}`,
        `${item} bom-crlf.csv holds figures for 2026-Q2, later than the journey's metrics.period 2026-Q1.`,
      );
      assert.strictEqual(r.historyPeriods, 2);
    },
  },
  {
    title: '100,000 rows over 100,000 days',
    name: 'rows.csv',
    csv: () => {
      const day0 = Date.UTC(1800, 0, 1);
      const rows = Array.from(
        { length: 100_000 },
        (_, i) => `${new Date(day0 + i * 864e5).toISOString().slice(0, 10)},${i % 2 ? 'checkout' : ''},${i},${(i % 100) / 100}`,
      );
      return ['period,touchpoint,volume,conversion', ...rows].join('\n') + '\n';
    },
    expect: (r) => {
      assert.deepStrictEqual(dataFile(r), []);
      assert.strictEqual(r.historyPeriods, 24, 'the model keeps the latest 24 periods');
      assert.strictEqual(r.diagnostics.filter((d) => d.rule === 'newer-data').length, 1, '2073 is later than 2026-Q1');
    },
  },
  {
    title: '__proto__ and constructor as columns and touchpoints',
    name: 'proto.csv',
    csv: () =>
      'period,touchpoint,__proto__,constructor,volume\n2026-Q1,__proto__,1,2,3\n2026-Q1,constructor,{},[],4\n2026-Q1,toString,,,5\n',
    expect: (r, item) => {
      assert.deepStrictEqual(
        dataFile(r).map((d) => `${pos(d)} ${d.message}`),
        [
          `${item} proto.csv line 1, column 3 (__proto__): unknown column "__proto__"; columns are period, touchpoint and metric keys.`,
          `${item} proto.csv line 1, column 4 (constructor): unknown column "constructor"; columns are period, touchpoint and metric keys.`,
          `${item} proto.csv line 2, column 2 (touchpoint): no touchpoint "__proto__" in this journey.`,
          `${item} proto.csv line 4, column 2 (touchpoint): no touchpoint "toString" in this journey.`,
        ],
      );
      assert.strictEqual(r.historyPeriods, 1, 'the touchpoint "constructor" has its volume');
    },
  },
];

describe('hostile data files', function () {
  this.timeout(CHILD_LIMIT_MS + 30_000);
  let dir: string;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jm-hostile-csv-')));
    for (const c of CASES) {
      fs.writeFileSync(path.join(dir, c.name), c.csv());
      fs.writeFileSync(path.join(dir, c.name.replace('.csv', '.journey.yaml')), journey(c.name));
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`${c.title}: located findings, no crash, within the limits (fresh process)`, async () => {
      const r = await runChild(path.join(dir, c.name.replace('.csv', '.journey.yaml')));
      for (const d of r.diagnostics) assert.ok(d.messageLength <= 500, `a short message (${d.messageLength})`);
      assert.strictEqual(r.polluted, false, 'prototypes unchanged');
      assert.deepStrictEqual(r.newGlobals, [], 'no global was created');
      assert.strictEqual(r.modelJsonSafe, true, 'the model is plain data');
      // `data: [name.csv]`: the item starts at column 7 of line 2.
      c.expect(r, `2:7-2:${7 + c.name.length}`);
    });
  }
});
