// extensionTestsPath for the browser: VS Code's web-worker extension host calls run(). mocha's
// browser build (no Node there). A run that resolves without running anything also looks like
// a pass to the page, so run() prints one `TEST-RESULT {...}` line that the harness requires,
// and a `TEST ok|FAIL <title>` line per test that it counts.
// mocha's browser build, given a module of its own by build.mjs (its UMD wrapper would otherwise
// replace this module's exports).
// @ts-expect-error mocha's browser build has no types
import browserMocha from 'mocha/mocha.js';

const mocha = browserMocha as BrowserMocha;
interface BrowserMocha {
  setup(options: Record<string, unknown>): void;
  run(done: (failures: number) => void): { on(event: string, listener: (test: { fullTitle(): string }, err?: Error) => void): void };
}

export async function run(): Promise<void> {
  // A reporter that writes nothing: the default one, HTML, needs a document, which a worker lacks.
  mocha.setup({ ui: 'bdd', reporter: function Silent() {}, timeout: 60_000, color: false, forbidOnly: true });
  // after setup, which defines describe and it; the Journeys view first, on the workspace as the harness made it
  await import('./journeys.test');
  await import('./web.test');
  return new Promise((resolve, reject) => {
    let passed = 0;
    const failed: string[] = [];
    const runner = mocha.run((failures) => {
      console.log('TEST-RESULT ' + JSON.stringify({ passed, failed: failures, failures: failed }));
      if (failures > 0) reject(new Error(`${failures} web extension test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      passed++;
      console.log('TEST ok ' + t.fullTitle());
    });
    runner.on('fail', (t, err) => {
      failed.push(t.fullTitle());
      console.log('TEST FAIL ' + t.fullTitle() + ' :: ' + (err?.stack ?? err?.message ?? String(err)).split('\n').slice(0, 6).join(' | '));
    });
  });
}
