// test/run-all.sh itself: the last line, the one CI reads, must count a failure whenever a
// suite's process failed, whatever its reporter wrote. Runs the fixture suites of
// test/fixtures/run-all without building.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');

function runAll(...suites: string[]): { status: number | null; lines: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-run-all-'));
  try {
    const r = spawnSync('bash', ['test/run-all.sh', ...suites], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, JM_RESULTS: path.join(dir, 'counts.jsonl'), JM_TEST_DIR: 'test/fixtures/run-all', JM_NO_BUILD: '1' },
    });
    return { status: r.status, lines: `${r.stdout}`.trim().split('\n') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('test/run-all.sh', function () {
  this.timeout(120_000);

  it('counts a passing suite as passing', () => {
    const r = runAll('pass');
    assert.strictEqual(r.lines.at(-1), '1 passed, 0 failed');
    assert.strictEqual(r.status, 0);
  });

  it('counts a failure for a suite that crashes after its reporter wrote "0 failed"', () => {
    const r = runAll('pass', 'crash');
    assert.ok(r.lines.includes('crash: 1 passed, 0 failed, 0 skipped'), 'the reporter wrote its counts before the crash');
    assert.ok(r.lines.includes('suite crash exited with code 7 but reported no failure: counted as one'), r.lines.join('\n'));
    assert.strictEqual(r.lines.at(-1), '2 passed, 1 failed');
    assert.strictEqual(r.status, 1);
  });

  it('counts a failure for a suite that exits without writing counts', () => {
    const r = runAll('silent', 'pass');
    assert.ok(r.lines.includes('suite silent reported no results (exit code 3)'), r.lines.join('\n'));
    assert.strictEqual(r.lines.at(-1), '1 passed, 1 failed');
    assert.strictEqual(r.status, 1);
  });
});
