// The extension tests, run in a real VS Code (code-server, headless) driven by Chromium:
//   A. the mocha suite of test/extension/suite inside VS Code's extension host, with this
//      checkout as the extension under development (the @vscode/test-electron layout);
//   B. the packaged .vsix installed as a user would, checked through what the user sees.
// Prints mocha-style results and appends one line of counts to $JM_RESULTS.
// Usage: tsx test/extension/harness.ts [suite] [vsix]     (default both)
import * as fs from 'fs';
import * as path from 'path';
import * as url from 'url';
import type { Browser, Frame, Page } from 'playwright-core';
import { analyzeText } from '../../server/src/core/analyze';
import { isPersonaLabel, Measured, MEASURE, MIN_RATIO, MIN_RATIO_PERSONA } from '../support/contrast';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import {
  codeServerInstall,
  CodeServerInstall,
  commitWorkspace,
  fillWorkspace,
  installExtension,
  launchBrowser,
  makeSandbox,
  newPage,
  ROOT,
  startServer,
} from './vscode';

interface Outcome {
  title: string;
  ok: boolean;
  error?: string;
}

const outcomes: Outcome[] = [];
const screenshots = path.join(ROOT, 'test-results/screenshots');
// Only a true hang gets there: the suite (about 50 tests) took 3-6 minutes with both cores busy.
const SUITE_TIMEOUT_MS = Number(process.env.JM_EXT_TIMEOUT_MS ?? 1_200_000);
/** How long one step of part B may take: generous, since CI machines are shared and slow. */
const WAIT_MS = 120_000;

function report(o: Outcome): void {
  outcomes.push(o);
  if (o.ok) console.log(`    \u2713 ${o.title}`);
  else {
    console.log(`    ${outcomes.filter((x) => !x.ok).length}) ${o.title}`);
    // The reason at once too, so a long run can be judged (and stopped) while it goes on.
    if (process.env.JM_EXT_VERBOSE) console.log(`       ${(o.error ?? '').split('\n').slice(0, 3).join('\n       ')}`);
  }
}

/** Runs one check of part B as a test: a thrown error is its failure. */
async function check(title: string, body: () => Promise<void>): Promise<boolean> {
  try {
    await body();
    report({ title, ok: true });
    return true;
  } catch (e) {
    report({ title, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return false;
  }
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `vscode-${name}.png`) }).catch(() => undefined);
}

// ---- A. The mocha suite in the extension host -------------------------------------------------

async function runSuite(install: CodeServerInstall, browser: Browser): Promise<void> {
  console.log('\n  extension host suite (code-server, extensionDevelopmentPath = this checkout)');
  const sandbox = makeSandbox('suite');
  fillWorkspace(sandbox.workspace);
  commitWorkspace(sandbox.workspace);
  const resultFile = path.join(sandbox.dir, 'result.json');
  const env = { JM_EXT_RESULT: resultFile, JM_TEST_WORKSPACE: sandbox.workspace, JM_EXT_GREP: process.env.JM_EXT_GREP ?? '' };
  const server = await startServer(install, sandbox, { smokeTestDriver: true, env });
  const page = await newPage(browser);
  const logs: string[] = [];
  let exitCode: number | null = null;
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${server.port}` });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
    });
    await page.exposeFunction('codeAutomationLog', (...args: unknown[]) => {
      logs.push(args.map(String).join(' '));
    });
    const testsPath = path.join(ROOT, 'out/extension-tests/index.js');
    if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} is missing: run node test/extension/build.mjs`);
    await page.goto(
      server.url(sandbox.workspace, [
        ['extensionDevelopmentPath', server.remote(ROOT)],
        ['extensionTestsPath', server.remote(testsPath)],
        ['extensionEnvironment', JSON.stringify(env)],
      ]),
      { waitUntil: 'domcontentloaded', timeout: 120_000 },
    );
    const deadline = Date.now() + SUITE_TIMEOUT_MS;
    let exitSeenAt: number | null = null;
    let result: { finished: boolean; tests: { title: string; state: string; error?: string }[] } | null = null;
    let printed = 0;
    for (;;) {
      await answerShotRequest(page, resultFile);
      if (fs.existsSync(resultFile)) {
        result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
        for (const t of result!.tests.slice(printed)) report({ title: t.title, ok: t.state === 'passed', error: t.error });
        printed = result!.tests.length;
        if (result!.finished) break;
      }
      if (exitCode !== null) exitSeenAt ??= Date.now();
      // The page says the run ended but the suite never wrote its end: a crash or an exit.
      if (exitSeenAt !== null && Date.now() - exitSeenAt > 5000) break;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // The workbench as the suite left it, kept only when something went wrong: once run() has
    // returned the extension host is gone, and its views are drawn empty (the Journeys view is
    // shot by its test, while the host lives).
    if (!result?.finished || result.tests.some((t) => t.state !== 'passed')) await shot(page, 'suite-end');
    else fs.rmSync(path.join(screenshots, 'vscode-suite-end.png'), { force: true });
    if (!result) {
      report({
        title: 'extension host suite started',
        ok: false,
        error: `no result file after ${exitCode === null ? 'the time-out' : `exit ${exitCode}`}\n${tail(logs, server.log())}`,
      });
    } else if (!result.finished) {
      report({
        title: 'extension host suite finished',
        ok: false,
        error:
          `the suite stopped without its end marker (${exitCode === null ? 'time-out' : `exit code ${exitCode}`})\n` +
          `${tail(logs, server.log())}`,
      });
    } else if (result.tests.length === 0) {
      report({ title: 'extension host suite ran tests', ok: false, error: 'the suite ran no test' });
    }
    if (process.env.JM_EXT_VERBOSE) console.log(logs.join('\n'));
  } finally {
    await page.close().catch(() => undefined);
    await server.stop();
  }
}

/** A row of the side bar's tree as the page shows it. */
const sideBarRows = (page: Page) =>
  page.locator('.part.sidebar .monaco-list-row').evaluateAll((els) =>
    els.map((e) => ({
      text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
      level: Number(e.getAttribute('aria-level') ?? 0),
      expanded: e.hasAttribute('aria-expanded') ? e.getAttribute('aria-expanded') === 'true' : null,
    })),
  );

/**
 * The suite's screenshot requests (suite/helpers.ts `screenshot`): expands the side bar rows it
 * names with a click on their twistie, as a user does, saves the screenshot, and answers with the
 * side bar's rows as shown. A failure is the answer, for the test that asked to report.
 */
async function answerShotRequest(page: Page, resultFile: string): Promise<void> {
  const request = `${resultFile}.shot.json`;
  if (!fs.existsSync(request)) return;
  const { id, name, expand, sideBarWidth } = JSON.parse(fs.readFileSync(request, 'utf8')) as {
    id: number;
    name: string;
    expand: string[];
    sideBarWidth?: number;
  };
  fs.rmSync(request);
  let answer: unknown;
  try {
    const bar = page.locator('.part.sidebar');
    const box = await bar.boundingBox();
    if (sideBarWidth && box && box.width < sideBarWidth) {
      // A drag of the side bar's edge (its sash), as a user widens it.
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width, y);
      await page.mouse.down();
      await page.mouse.move(box.x + sideBarWidth, y, { steps: 8 });
      await page.mouse.up();
      await until(
        page,
        `the side bar ${sideBarWidth} px wide`,
        async () => (await bar.boundingBox())?.width ?? 0,
        (w) => w >= sideBarWidth - 8,
      );
    }
    for (const label of expand) {
      const row = page.locator('.part.sidebar .monaco-list-row', { hasText: label }).first();
      await row.waitFor({ timeout: WAIT_MS });
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click({ timeout: WAIT_MS });
      // Expanded once the row says so and its children are drawn under it.
      await until(
        page,
        `the row "${label}" expanded with its children shown`,
        () => sideBarRows(page),
        (rows) => {
          const i = rows.findIndex((r) => r.text.includes(label));
          return i >= 0 && rows[i].expanded === true && (rows[i + 1]?.level ?? 0) > rows[i].level;
        },
      );
    }
    const rows = await sideBarRows(page);
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, `vscode-${name}.png`) });
    answer = { rows };
  } catch (e) {
    answer = { error: e instanceof Error ? e.message : String(e) };
  }
  fs.writeFileSync(`${resultFile}.shot-${id}.json.tmp`, JSON.stringify(answer));
  fs.renameSync(`${resultFile}.shot-${id}.json.tmp`, `${resultFile}.shot-${id}.json`);
}

function tail(logs: string[], serverLog: string): string {
  const lines = logs.flatMap((l) => l.split('\n')).filter((l) => !/^\s+at /.test(l));
  return `--- last workbench logs ---\n${lines.slice(-25).join('\n')}\n--- code-server ---\n${serverLog.split('\n').slice(-15).join('\n')}`;
}

// ---- B. The packaged .vsix, as a user sees it -------------------------------------------------

/** The faulty journey part B opens, and what a user must see for it. */
const FAULTY = {
  file: 'faulty.journey.yaml',
  codes: ['metric-range', 'unknown-channel', 'emotion-range', 'schema'],
  touchpoints: 4,
};

/** Waits for a webview frame whose map has one column per touchpoint of the faulty journey. */
async function expectMapDrawn(page: Page): Promise<Frame> {
  let drawn = 0;
  let frame: Frame | undefined;
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline && drawn !== FAULTY.touchpoints) {
    for (const f of page.frames()) {
      const n = await f
        .$$eval('[data-touchpoint-index]', (els) => new Set(els.map((e) => e.getAttribute('data-touchpoint-index'))).size)
        .catch(() => 0);
      if (n > 0) {
        drawn = n;
        frame = f;
      }
    }
    if (drawn !== FAULTY.touchpoints) await page.waitForTimeout(500);
  }
  if (!frame) throw new Error('no webview frame with [data-touchpoint-index] columns');
  if (drawn !== FAULTY.touchpoints) throw new Error(`expected ${FAULTY.touchpoints} touchpoint columns, found ${drawn}`);
  return frame;
}

/** Polls `read` until `ok` holds for its value; fails with `what` and the last value after WAIT_MS. */
async function until<T>(page: Page, what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => last);
    if (last !== undefined && ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await page.waitForTimeout(250);
  }
}

/** The editor's cursor as its status bar item says it, e.g. "Ln 24, Col 33 (18 selected)". */
async function cursorStatus(page: Page): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ });
  return (await item.count()) ? (await item.first().innerText()).replace(/\s+/g, ' ').trim() : '';
}

/** Our status bar item's text, or '' while it is hidden. */
async function journeyStatus(page: Page): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: 'hotspot' });
  return (await item.count()) ? (await item.first().innerText()).replace(/\s+/g, ' ').trim() : '';
}

/** Moves the focused editor's cursor with Go to Line (1-based line and column). */
async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  // Type only once the box has the focus, or the keys would land in the editor.
  await page.locator('.quick-input-widget input:focus').waitFor({ timeout: WAIT_MS });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await until(
    page,
    `the cursor at ${line}:${column}`,
    () => cursorStatus(page),
    (t) => t.startsWith(`Ln ${line}, Col ${column}`),
  );
}

/** Gives the text editor (the first group's tab) the focus, wherever it is scrolled to. */
async function focusEditor(page: Page): Promise<void> {
  await page.locator('.editor-group-container').first().locator('.tab', { hasText: FAULTY.file }).first().click({ timeout: WAIT_MS });
  await until(
    page,
    'the editor to take the focus',
    () => cursorStatus(page),
    (t) => t !== '',
  );
}

/** The touchpoint indexes of the map's highlighted columns. */
const highlightedColumns = (frame: Frame) =>
  frame.$$eval('.touchpoint-column.highlighted', (els) => els.map((e) => e.getAttribute('data-touchpoint-index')).join(','));

/** Runs a command from the command palette (F1), by its title as the palette lists it. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input:focus').waitFor({ timeout: WAIT_MS });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await page
    .locator('.quick-input-widget input:focus')
    .waitFor({ state: 'detached', timeout: WAIT_MS })
    .catch(() => undefined);
}

/** Opens a workspace file with Go to File (Ctrl+P) into the first editor group, as a user does. */
async function openInFirstGroup(page: Page, file: string): Promise<void> {
  const groups = page.locator('.editor-group-container');
  // A key press can land while the workbench moves focus (after a sash drag, a tab switch): ask
  // again until Go to File shows, as a user would press Ctrl+P again, within WAIT_MS in all.
  const end = Date.now() + WAIT_MS;
  for (;;) {
    await groups.nth(0).locator('.tab').first().click({ timeout: WAIT_MS });
    await page.keyboard.press('Control+P');
    const shown = await page
      .locator('.quick-input-widget input:focus')
      .waitFor({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    if (Date.now() > end) throw new Error(`Go to File did not open for ${file}`);
    await page.keyboard.press('Escape');
  }
  await page.keyboard.type(file);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: file }).first().waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await until(
    page,
    `${file} active in the first group`,
    () => groups.nth(0).locator('.tab.active').innerText(),
    // The tab draws the name and its extension apart: "x.journey", a line break, ".yaml".
    (t) => t.replace(/\s+/g, '').includes(file),
  );
}

/** The sample journeys with their titles and touchpoint counts, as the core reads them. */
function sampleJourneys(): { file: string; title: string; touchpoints: number }[] {
  const dir = path.join(ROOT, 'samples');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.journey.yaml'))
    .sort()
    .map((file) => {
      const model = analyzeText(
        url.pathToFileURL(path.join(dir, file)).href,
        fs.readFileSync(path.join(dir, file), 'utf8'),
        new WorkspaceIndex(),
      ).model;
      if (model?.kind !== 'journey') throw new Error(`${file} has no journey model`);
      return { file, title: model.title || model.id, touchpoints: model.touchpoints.length };
    });
}

/** The webview frame that holds a map, the first one found. */
async function mapFrame(page: Page): Promise<Frame | undefined> {
  for (const f of page.frames())
    if (await f.evaluate(() => !!document.getElementById('map')?.getAttribute('data-uri')).catch(() => false)) return f;
  return undefined;
}

/** What the map beside the editor shows, read from the first webview frame that has a map. */
async function mapState(page: Page) {
  for (const f of page.frames()) {
    const drawn = await f
      .evaluate(() => {
        const svg = document.getElementById('map');
        const box = svg?.querySelector(':scope > g')?.getBoundingClientRect();
        return {
          uri: svg?.getAttribute('data-uri') ?? '',
          title: document.querySelector('#map g.header .title')?.textContent ?? '',
          columns: new Set(
            Array.from(document.querySelectorAll('[data-touchpoint-index]')).map((e) => e.getAttribute('data-touchpoint-index')),
          ).size,
          dark: document.body.classList.contains('vscode-dark'),
          // Every column the view needs drawn (main.ts's data-window).
          settled: svg?.getAttribute('data-window') === 'settled',
          left: box?.left ?? NaN,
          right: box?.right ?? NaN,
          width: window.innerWidth,
        };
      })
      .catch(() => undefined);
    if (drawn?.uri) return drawn;
  }
  return undefined;
}

type Sample = ReturnType<typeof sampleJourneys>[number];

const sampleTitle = (sample: Sample, theme: 'light' | 'dark') =>
  theme === 'light'
    ? `${sample.file}: its map beside the editor, all ${sample.touchpoints} touchpoints drawn, as wide as its panel (screenshot)`
    : `${sample.file} in Default Dark Modern: its map beside the editor, dark (body.vscode-dark), ` +
      `all ${sample.touchpoints} touchpoints drawn, as wide as its panel (screenshot)`;

/**
 * Opens every sample in the first editor group, as a user does, and checks the map beside it
 * (which follows the active editor): its title, one column per touchpoint, fitted to its panel,
 * right of the editor, in the theme asked for. Screenshots vscode-sample-<name>[-dark].png.
 */
async function sampleMapsBeside(page: Page, workspace: string, theme: 'light' | 'dark'): Promise<void> {
  for (const sample of sampleJourneys()) {
    await check(sampleTitle(sample, theme), async () => {
      await openInFirstGroup(page, sample.file);
      const uri = url.pathToFileURL(path.join(workspace, sample.file)).href;
      const map = (await until(
        page,
        `the map of ${sample.file}${theme === 'dark' ? ', dark' : ''}`,
        () => mapState(page),
        (d) => d !== undefined && d.uri === uri && d.settled && d.dark === (theme === 'dark'),
      ))!;
      if (!map.title.startsWith(sample.title)) throw new Error(`the map's title is "${map.title}", not "${sample.title}"`);
      if (map.columns !== sample.touchpoints) throw new Error(`${map.columns} touchpoint columns drawn, not ${sample.touchpoints}`);
      // Fitted to the panel's width on open: nothing of the map is cut off left or right.
      if (!(map.left >= -1 && map.right <= map.width + 1))
        throw new Error(`the map spans x ${map.left}..${map.right} in a panel ${map.width} px wide`);
      const groups = page.locator('.editor-group-container');
      const [left, right] = [await groups.nth(0).boundingBox(), await groups.nth(1).boundingBox()];
      if (!left || !right || right.x <= left.x) throw new Error('the map is not to the right of the editor');
      await shot(page, `sample-${sample.file.replace(/\.journey\.yaml$/, '')}${theme === 'dark' ? '-dark' : ''}`);
    });
    if (theme === 'dark') await readableInDark(page, workspace, sample);
  }
}

const readableTitle = (sample: Sample) =>
  `${sample.file} in Default Dark Modern: every text of its map stands out from what is drawn behind it`;

/**
 * Every displayed text of the open map against what is drawn behind it, with the colours VS Code
 * itself gives the webview in Default Dark Modern (test/support/contrast.ts measures them from
 * the real DOM). Peak and end labels are drawn in their persona's colour, which the journey may
 * choose (a webview test keeps it so): they need 3:1, every other text 4.5:1.
 */
async function readableInDark(page: Page, workspace: string, sample: Sample): Promise<void> {
  await check(readableTitle(sample), async () => {
    const uri = url.pathToFileURL(path.join(workspace, sample.file)).href;
    const frame = await mapFrame(page);
    if (!frame) throw new Error('no webview frame with a map');
    const shown = await frame.evaluate(() => ({
      uri: document.getElementById('map')?.getAttribute('data-uri'),
      dark: document.body.classList.contains('vscode-dark'),
    }));
    if (shown.uri !== uri || !shown.dark) throw new Error(`the map shows ${shown.uri}${shown.dark ? '' : ', not dark'}`);
    const measured = (await frame.evaluate(MEASURE)) as Measured[];
    if (measured.length < 50) throw new Error(`only ${measured.length} texts measured`);
    const poor = measured.filter((m) => m.ratio < (isPersonaLabel(m) ? MIN_RATIO_PERSONA : MIN_RATIO));
    if (poor.length)
      throw new Error(
        `${poor.length} of ${measured.length} texts under ${MIN_RATIO}:1 (persona labels ${MIN_RATIO_PERSONA}:1):\n` +
          poor.map((m) => `${m.ratio.toFixed(2)} "${m.text}" (${m.cls}) ${m.fg} on ${m.bg}`).join('\n'),
      );
    const worst = measured.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    console.log(`      (${measured.length} texts, the lowest ${worst.ratio.toFixed(2)}:1: "${worst.text}" (${worst.cls}))`);
  });
}

async function runVsix(install: CodeServerInstall, browser: Browser): Promise<void> {
  console.log('\n  packaged .vsix in code-server');
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  const vsix = path.join(ROOT, `journeymap-${version}.vsix`);
  // The workbench follows the system's colour scheme (the page's prefers-color-scheme), between
  // VS Code's default themes: the sample maps are checked light, then dark.
  const sandbox = makeSandbox('vsix', {
    'window.autoDetectColorScheme': true,
    'workbench.preferredLightColorTheme': 'Default Light Modern',
    'workbench.preferredDarkColorTheme': 'Default Dark Modern',
  });
  fillWorkspace(sandbox.workspace);
  // The project's config, as CI reads it: unknown-channel raised from warning to error.
  fs.writeFileSync(path.join(sandbox.workspace, '.journeymaprc.json'), '{ "rules": { "unknown-channel": "error" } }\n');
  const installed = await check('installs journeymap-' + version + '.vsix with code-server --install-extension', async () => {
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package`);
    const out = installExtension(install, sandbox, vsix);
    if (!/successfully installed/i.test(out)) throw new Error(out);
    if (!fs.readdirSync(sandbox.extensions).some((d) => d.startsWith('journeymap.journeymap-')))
      throw new Error(`not in ${sandbox.extensions}`);
  });
  if (!installed) return;

  const server = await startServer(install, sandbox);
  const page = await newPage(browser);
  try {
    // A system that prefers light until the dark pass.
    await page.emulateMedia({ colorScheme: 'light' });
    const file = path.join(sandbox.workspace, FAULTY.file);
    await page.goto(server.url(sandbox.workspace, [['openFile', server.remote(file)]]), {
      waitUntil: 'domcontentloaded',
      timeout: 120_000,
    });
    const editorLines = page.locator('.monaco-editor .view-lines').first();

    await check(`the Problems panel lists the diagnostics of ${FAULTY.file}`, async () => {
      await editorLines.waitFor({ timeout: WAIT_MS });
      await editorLines.click({ position: { x: 40, y: 8 } }); // the first line: the map stays at its start
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      const missing = () => FAULTY.codes.filter((c) => !seen.some((r) => r.includes(c)));
      let seen: string[] = [];
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        seen = await rows.allInnerTexts();
        if (missing().length === 0) break;
        await page.waitForTimeout(500);
      }
      if (missing().length) throw new Error(`missing ${missing().join(', ')} in the Problems rows:\n${seen.join('\n')}`);
      // .journeymaprc.json's severity, not the default warning: the row's icon is the error one.
      const channelRow = rows.filter({ hasText: 'unknown-channel' }).first();
      await until(
        page,
        'unknown-channel shown as an error (.journeymaprc.json)',
        () => channelRow.locator('.codicon-error').count(),
        (n) => n > 0,
      );
      console.log(`      (${seen.length} rows, e.g. "${seen.find((r) => r.includes(FAULTY.codes[0]))?.replace(/\s+/g, ' ')}")`);
    });

    await check(`ctrl+k v opens the map beside the editor with ${FAULTY.touchpoints} touchpoints drawn`, async () => {
      await editorLines.click({ position: { x: 40, y: 8 } }); // the first line: the map stays at its start
      await page.keyboard.press('Control+K');
      await page.keyboard.press('V');
      await expectMapDrawn(page);
      // Beside: the map's tab sits in a second editor group, right of the text editor.
      const groups = page.locator('.editor-group-container');
      if ((await groups.count()) < 2) throw new Error('the map did not open in a second editor group');
      const [left, right] = [await groups.nth(0).boundingBox(), await groups.nth(1).boundingBox()];
      if (!left || !right || right.x <= left.x) throw new Error('the map is not to the right of the editor');
      const tabs = await groups.nth(1).locator('.tab').allInnerTexts();
      if (!tabs.some((t) => t.includes(FAULTY.file))) throw new Error(`second group tabs: ${tabs.join(', ')}`);
      await page.waitForTimeout(500); // let the curves finish drawing for the screenshot
    });
    await shot(page, 'problems-and-map');

    await check("the status bar shows the journey's problems and hotspots", async () => {
      await editorLines.click({ position: { x: 40, y: 8 } }); // the first line: the map stays at its start
      const item = page.locator('.statusbar-item', { hasText: 'hotspot' });
      await item.first().waitFor({ timeout: WAIT_MS });
      const text = (await item.first().innerText()).replace(/\s+/g, ' ');
      if (!/5 problems/.test(text) || !/1 hotspot\b/.test(text)) throw new Error(`status bar item: "${text}"`);
    });

    await check('the map comes back after a window reload (webview serializer)', async () => {
      // Through VS Code's own command, so the workbench saves its editors before it reloads.
      await editorLines.click({ position: { x: 40, y: 8 } }); // the first line: the map stays at its start
      await page.keyboard.press('F1');
      await page.keyboard.type('Developer: Reload Window');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: WAIT_MS });
      if (process.env.JM_EXT_VERBOSE) await shot(page, 'before-reload');
      await Promise.all([page.waitForEvent('framenavigated', { timeout: WAIT_MS }), page.keyboard.press('Enter')]);
      await expectMapDrawn(page);
    });
    await shot(page, 'after-reload');

    // Lines (1-based) of the faulty journey's touchpoint names, each `        name: <name>`.
    const NAMES = [{ line: 12 }, { line: 17 }, { line: 24, name: 'Reviews the basket' }, { line: 29 }];

    await check('a click on a touchpoint in the map selects its name in the editor', async () => {
      const frame = await expectMapDrawn(page);
      const { line, name } = NAMES[2];
      const where = `Ln ${line}, Col ${15 + name!.length} (${name!.length} selected)`; // the name starts at column 15
      if ((await cursorStatus(page)) === where) throw new Error('the name is selected already');
      await frame.locator('.touchpoint-column[data-touchpoint-index="2"] .touchpoint-name').click({ timeout: WAIT_MS });
      await until(
        page,
        `"${where}" in the status bar`,
        () => cursorStatus(page),
        (t) => t === where,
      );
    });
    await shot(page, 'map-click-reveal');

    await check('moving the editor cursor into a touchpoint highlights its column in the map', async () => {
      const frame = await expectMapDrawn(page);
      await focusEditor(page);
      for (const index of [1, 3]) {
        await goToLine(page, NAMES[index].line, 10);
        await until(
          page,
          `column ${index} highlighted`,
          () => highlightedColumns(frame),
          (h) => h === String(index),
        );
      }
    });
    await shot(page, 'cursor-highlight');

    await check("a click on the hotspot code lens selects the worst touchpoint's name in the editor", async () => {
      await focusEditor(page);
      await goToLine(page, 1, 1);
      const lens = page.locator('.codelens-decoration a', { hasText: 'hotspot #1' }).first();
      const title = await lens.innerText({ timeout: WAIT_MS });
      const name = /Worst: (.*) \(friction/.exec(title)?.[1];
      if (!name) throw new Error(`lens title "${title}"`);
      const line =
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .findIndex((l) => l.trim() === `name: ${name}`) + 1;
      const col = fs.readFileSync(file, 'utf8').split('\n')[line - 1].indexOf(name) + 1;
      const where = `Ln ${line}, Col ${col + name.length} (${name.length} selected)`;
      await lens.click({ timeout: WAIT_MS });
      await until(
        page,
        `"${where}" in the status bar`,
        () => cursorStatus(page),
        (t) => t === where,
      );
    });

    await check("the status bar keeps the journey's counts while the map has the focus", async () => {
      const frame = await expectMapDrawn(page);
      await frame.locator('body').click({ position: { x: 12, y: 400 } }); // the lane labels: nothing to reveal
      // The editor's own cursor item goes when the map takes the focus; ours stays.
      await until(
        page,
        'the map to take the focus',
        () => cursorStatus(page),
        (t) => t === '',
      );
      const text = await journeyStatus(page);
      if (!/5 problems/.test(text) || !/1 hotspot\b/.test(text)) throw new Error(`status bar item: "${text}"`);
    });

    await check('a reveal message forged in the webview that names another document moves no selection', async () => {
      const frame = await expectMapDrawn(page);
      // The channel every message of the page takes: acquireVsCodeApi's postMessage calls this
      // function of the webview's host frame. A forged message goes through the real path, and
      // the page itself is not changed.
      const host = frame.parentFrame();
      if (!host) throw new Error('the map frame has no host frame');
      const forge = (message: unknown) =>
        host.evaluate(
          (m) =>
            (window as unknown as { __vscode_post_message__(c: string, d: unknown): void }).__vscode_post_message__('onmessage', {
              message: m,
            }),
          message,
        );
      const own = url.pathToFileURL(file).href;
      const nameRange = (line: number, name: string) => ({
        start: { line: line - 1, character: 14 },
        end: { line: line - 1, character: 14 + name.length },
      });
      const foreign = { line: 12, name: 'Lands on the home page' };
      const mine = { line: 29, name: 'Pays' };
      const selected = (t: { line: number; name: string }) => `Ln ${t.line}, Col ${15 + t.name.length} (${t.name.length} selected)`;

      await focusEditor(page);
      await goToLine(page, 1, 1);
      for (const other of [
        url.pathToFileURL(path.join(sandbox.workspace, 'buy-phone-online.journey.yaml')).href,
        own.toUpperCase(),
        `untitled:${FAULTY.file}`,
      ]) {
        await forge({ type: 'reveal', uri: other, range: nameRange(foreign.line, foreign.name) });
      }
      // Had one been obeyed, the editor would show its selection within a few frames.
      const deadline = Date.now() + 2_000;
      while (Date.now() < deadline) {
        const status = await cursorStatus(page);
        if (!status.startsWith('Ln 1, Col 1')) throw new Error(`the cursor moved after reveals naming other documents: "${status}"`);
        await page.waitForTimeout(200);
      }
      // The control: the same forged message naming the map's own document is obeyed, so the
      // channel works and the uri alone made the difference.
      await forge({ type: 'reveal', uri: own, range: nameRange(mine.line, mine.name) });
      await until(
        page,
        `"${selected(mine)}" in the status bar`,
        () => cursorStatus(page),
        (t) => t === selected(mine),
      );
    });

    await check('a quick fix from the lightbulb brings the status bar down to 4 problems', async () => {
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change to 0.62' });
      // On a loaded machine the first Ctrl+. can land before the lightbulb's actions are
      // computed (the menu then never opens): ask again, from the same place, until it shows.
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        await focusEditor(page);
        await goToLine(page, 15, 46); // `conversion: 62`
        await page.keyboard.press('Control+.');
        try {
          await fix.first().waitFor({ timeout: 15_000 });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await page.keyboard.press('Escape');
        }
      }
      await shot(page, 'quick-fix-menu');
      await fix.first().click();
      const text = await until(
        page,
        '"4 problems" in the status bar',
        () => journeyStatus(page),
        (t) => /4 problems/.test(t),
      );
      if (!/1 hotspot\b/.test(text)) throw new Error(`status bar item: "${text}"`);
    });
    await shot(page, 'after-quick-fix');

    // Every sample as a user opens it, in the light theme (Default Light Modern): the map beside
    // the editor follows the active editor. The side bar and the panel are closed first and the
    // window made full HD, so each half of the editor area is as wide as a laptop's.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await runCommand(page, 'View: Close Primary Side Bar');
    await runCommand(page, 'View: Hide Panel');
    // The map's group wider than the text's (a drag of the sash between them, as a user does):
    // at under about 940 px the phone samples (13 touchpoints) open at the map's smallest fit,
    // 40 %, and their last column passes the panel's edge.
    const textGroup = await page.locator('.editor-group-container').nth(0).boundingBox();
    if (!textGroup) throw new Error('no editor group');
    const sashY = textGroup.y + textGroup.height / 2;
    await page.mouse.move(textGroup.x + textGroup.width, sashY);
    await page.mouse.down();
    await page.mouse.move(textGroup.x + textGroup.width - 260, sashY, { steps: 8 });
    await page.mouse.up();
    await until(
      page,
      'the map group wider than the text group',
      async () => {
        const [a, b] = [
          await page.locator('.editor-group-container').nth(0).boundingBox(),
          await page.locator('.editor-group-container').nth(1).boundingBox(),
        ];
        return (b?.width ?? 0) - (a?.width ?? 0);
      },
      (d) => d > 300,
    );
    await sampleMapsBeside(page, sandbox.workspace, 'light');

    // The same samples again in a dark theme, as a user whose system prefers dark sees them: the
    // sandbox's settings follow the system's colour scheme (window.autoDetectColorScheme, with
    // Default Dark Modern as the preferred dark theme), and the page now prefers dark. The map
    // that is open follows the workbench without being reopened.
    const dark = await check('the workbench and the open map turn dark when the system prefers dark (Default Dark Modern)', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await until(
        page,
        'the workbench in Default Dark Modern',
        async () => (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '',
        (c) => /\bvs-dark\b/.test(c) && c.includes('dark_modern'),
      );
      await until(
        page,
        "the map's body with the class vscode-dark",
        () => mapState(page),
        (d) => d !== undefined && d.dark,
      );
    });
    if (dark) await sampleMapsBeside(page, sandbox.workspace, 'dark');
    else
      for (const sample of sampleJourneys())
        for (const title of [sampleTitle(sample, 'dark'), readableTitle(sample)])
          report({ title, ok: false, error: 'not run: the workbench did not turn dark (see above)' });
  } finally {
    await page.close().catch(() => undefined);
    await server.stop();
  }
}

// ---- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const parts = process.argv.slice(2);
  const want = (p: string) => parts.length === 0 || parts.includes(p);
  const started = Date.now();
  let browser: Browser | undefined;
  try {
    const install = codeServerInstall();
    browser = await launchBrowser();
    const timed = async (part: () => Promise<void>) => {
      const t0 = Date.now();
      await part();
      console.log(`  (${Math.round((Date.now() - t0) / 1000)}s)`);
    };
    if (want('suite')) await timed(() => runSuite(install, browser!));
    if (want('vsix')) await timed(() => runVsix(install, browser!));
  } catch (e) {
    report({ title: 'extension test harness', ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    await browser?.close().catch(() => undefined);
  }
  const failed = outcomes.filter((o) => !o.ok);
  console.log(`\n  ${outcomes.length - failed.length} passing (${Math.round((Date.now() - started) / 1000)}s)`);
  if (failed.length) console.log(`  ${failed.length} failing`);
  failed.forEach((o, i) => console.log(`\n  ${i + 1}) ${o.title}\n     ${(o.error ?? '').split('\n').join('\n     ')}`));
  const counts = { suite: process.env.JM_SUITE ?? 'extension', passed: outcomes.length - failed.length, failed: failed.length, skipped: 0 };
  if (process.env.JM_RESULTS) {
    fs.mkdirSync(path.dirname(process.env.JM_RESULTS), { recursive: true });
    fs.appendFileSync(process.env.JM_RESULTS, JSON.stringify(counts) + '\n');
  }
  process.exitCode = failed.length > 0 || outcomes.length === 0 ? 1 : 0;
}

void main();
