// `lint` and `report` on worker threads (cli/parallel.ts) give what one thread gives, byte for
// byte: the built CLI run with JM_WORKERS=1 (the one-thread path) and JM_WORKERS=2 and 3 on the
// samples, the fault files and the hand-worked portfolio workspace (to-be with its baseline,
// data files, personas, duplicate ids and files that do not parse included).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chunk, chunkBytesFor } from '../../server/src/cli/parallel';
import { PORTFOLIO_FILES } from './portfolio.workspace';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');

function run(args: string[], cwd: string, workers: number): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', JM_WORKERS: String(workers) },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: lint and report on worker threads', function () {
  this.timeout(240_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-parallel-'));
    fs.cpSync(path.join(REPO, 'samples'), path.join(dir, 'samples'), { recursive: true });
    fs.cpSync(path.join(REPO, 'test/fixtures/faults'), path.join(dir, 'faults'), { recursive: true });
    for (const [rel, text] of Object.entries(PORTFOLIO_FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, 'portfolio', rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'portfolio', rel), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const args of [
    ['lint', '.', '-f', 'json'],
    ['lint', 'samples', 'faults'],
    ['lint', '.', '-f', 'sarif'],
    ['report', '.', '-f', 'json'],
    ['report', 'samples', 'portfolio', '-f', 'md'],
  ]) {
    it(`journeymap ${args.join(' ')}: the same output and exit code with 2 and 3 workers as with one thread`, () => {
      const one = run(args, dir, 1);
      assert.ok(one.stdout.length > 1000, one.stderr);
      for (const workers of [2, 3]) {
        const many = run(args, dir, workers);
        assert.strictEqual(many.code, one.code, many.stderr);
        assert.strictEqual(many.stderr, one.stderr);
        assert.ok(many.stdout === one.stdout, `stdout differs with ${workers} workers`);
      }
    });
  }

  it('the report over the workspace names the samples and the hand-worked journeys, with workers', () => {
    const r = run(['report', '.', '-f', 'json'], dir, 2);
    assert.strictEqual(r.code, 0, r.stderr);
    const ids = (JSON.parse(r.stdout) as { journeys: { id: string }[] }).journeys.map((j) => j.id);
    assert.ok(ids.length > 30, `${ids.length} journeys`);
    for (const id of ['buy-phone-online', 'buy-phone-online-to-be', 'pay-energy-bill', 'renew-b', 'buy-a']) assert.ok(ids.includes(id), id);
  });
});

describe('cli: the chunks workers take', () => {
  const items = (sizes: number[]): [string, string][] => sizes.map((n, i) => [`file:///f${i}`, 'x'.repeat(n)]);

  it('cuts items into consecutive runs that cover each item once, in order, each at least one item', () => {
    const xs = items([100, 5000, 50, 50, 9000, 10, 10, 10, 3000]);
    const runs = chunk(xs, 4000);
    assert.deepStrictEqual(
      runs.map((r) => [r.from, r.items.length]),
      [
        [0, 2],
        [2, 3],
        [5, 4],
      ],
    );
    assert.deepStrictEqual(
      runs.flatMap((r) => r.items),
      xs,
    );
    assert.deepStrictEqual(chunk([], 4000), []);
    assert.deepStrictEqual(
      chunk(items([10]), 4000).map((r) => r.items.length),
      [1],
    );
  });

  it("sizes chunks at an eighth of a worker's share, between 4 KB and 256 KB", () => {
    assert.strictEqual(chunkBytesFor(items([800]), 2), 4 * 1024);
    assert.strictEqual(chunkBytesFor(items(new Array(100).fill(15_800)), 2), 100_000);
    assert.strictEqual(chunkBytesFor(items(new Array(5000).fill(7_800)), 2), 256 * 1024);
  });
});
