// Headless Chromium (Debian's `chromium`, driven by playwright-core) showing the BUILT
// dist/webview.js in the page `webviewHtml` writes, with its CSP, served from localhost. A fake
// `acquireVsCodeApi` records what the map posts, as the extension host would receive it.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { FileModel } from '../../server/src/core/model';
import type { HostToWebview, ModelResult, WebviewToHost } from '../../server/src/protocol';
import { webviewHtml } from '../../webview/src/html';
import { THEME_VARIABLES } from '../../webview/src/render/theme';
import { launchChromium } from '../support/chromium';

export const ROOT = path.resolve(__dirname, '../..');
export const BUNDLE = path.join(ROOT, 'dist/webview.js');
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

export interface Harness {
  browser: Browser;
  origin: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first`);
  const server = http.createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/' || req.url?.startsWith('/?')) {
      const nonce = crypto.randomBytes(16).toString('base64');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(webviewHtml({ scriptUri: `${origin}/webview.js`, cspSource: origin, nonce, title: 'Journey map' }));
    } else if (req.url === '/webview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(fs.readFileSync(BUNDLE));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    browser,
    origin,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

export type Theme = 'light' | 'dark';

export interface MapPage {
  page: Page;
  posted(): Promise<WebviewToHost[]>;
  clearPosted(): Promise<void>;
  send(message: HostToWebview): Promise<void>;
  /** Sends a model and waits until the map shows that version. */
  show(model: FileModel | null, version: number, error?: string): Promise<void>;
  /** Errors the page logged and CSP violations it reported. */
  problems(): Promise<string[]>;
}

export async function openMap(
  h: Harness,
  opts: { theme?: Theme; width?: number; height?: number; state?: unknown } = {},
): Promise<MapPage> {
  const page = await h.browser.newPage({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 2400 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('favicon') && !/404 \(Not Found\)/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  // A string, not a function: tsx would wrap a function's helpers in names the page lacks.
  await page.addInitScript(`
    window.__posted = [];
    window.__csp = [];
    window.__state = ${JSON.stringify(opts.state ?? null)};
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
    });
  `);
  await page.goto(h.origin + '/');
  // VS Code injects its theme as CSS variables on <html> and a class on <body>; so do we.
  const vars = THEME_VARIABLES[opts.theme ?? 'light'];
  await page.evaluate(
    ({ vars, theme }) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.classList.add(theme === 'dark' ? 'vscode-dark' : 'vscode-light');
    },
    { vars, theme: opts.theme ?? 'light' },
  );
  await page.waitForFunction(() =>
    ((window as unknown as { __posted: { type: string }[] }).__posted ?? []).some((m) => m.type === 'ready'),
  );
  const mp: MapPage = {
    page,
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted),
    clearPosted: () => page.evaluate(() => void ((window as unknown as { __posted: unknown[] }).__posted = [])),
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    async show(model, version, error) {
      const result: ModelResult = {
        uri: model?.uri ?? 'file:///work/samples/fixture.journey.yaml',
        version,
        model,
        problems: { error: error ? 1 : 0, warning: 0, info: 0, hint: 0 },
        ...(error ? { error: { message: error, range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } } } } : {}),
      };
      await mp.send({ type: 'model', result });
      if (model) await page.waitForSelector(`#map[data-version="${version}"]`, { state: 'attached' });
      else await page.waitForSelector('#banner:not([hidden])');
    },
    problems: async () => [...errors, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))],
  };
  return mp;
}
