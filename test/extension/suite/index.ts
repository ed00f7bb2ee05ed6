// extensionTestsPath: VS Code's extension host calls run(), as @vscode/test-electron would.
// The page that hosts the workbench cannot tell a crash from a pass, so run() writes every
// result to $JM_EXT_RESULT and marks the file finished only at the very end: no finished
// marker means the run failed (see test/extension/harness.ts).
import * as fs from 'fs';
import * as path from 'path';

interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  ms?: number;
}

export async function run(): Promise<void> {
  const resultFile = process.env.JM_EXT_RESULT;
  const tests: TestResult[] = [];
  const save = (finished: boolean) => {
    if (!resultFile) return;
    const failed = tests.filter((t) => t.state === 'failed').length;
    fs.writeFileSync(resultFile + '.tmp', JSON.stringify({ finished, passed: tests.length - failed, failed, tests }, null, 1));
    fs.renameSync(resultFile + '.tmp', resultFile);
  };
  save(false);

  // mocha 12 is an ES module: esbuild keeps this dynamic import of an external as it is.
  const { default: Mocha } = await import('mocha');
  // A test's limit only ends a true hang: its waits (helpers.ts WAIT_MS) give up first.
  const mocha = new Mocha({ ui: 'bdd', timeout: 300_000, color: false, reporter: 'spec', forbidOnly: true });
  const grep = process.env.JM_EXT_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));
  await mocha.loadFilesAsync();

  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => {
      tests.push({ title: t.fullTitle(), state: 'passed', ms: t.duration });
      save(false);
    });
    runner.on('fail', (t, err: Error) => {
      tests.push({ title: t.fullTitle(), state: 'failed', error: err?.stack ?? String(err) });
      save(false);
    });
  });
  save(true);
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
