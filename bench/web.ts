// The browser's language server (dist/web/server.js, as vscode.dev and github.dev run it: a Web
// Worker) against the Node server (dist/server.js over stdio, as the desktop runs it) on the same
// generated journey, in the same run, samples interleaved. The worker runs in a real headless
// Chromium (Debian's, through playwright-core), started by a tiny page served from localhost
// that speaks LSP to it with postMessage, as vscode-languageclient/browser does (one JSON-RPC
// object per message), and answers its file requests (journeymap/findFiles, journeymap/readFile)
// from memory, as the extension answers them from vscode.workspace.fs. Each sample, for each
// server: start (new Worker, or spawning the process, to the initialize answer), the same 300 ms
// wait as bench/open.ts, then didOpen to the first publishDiagnostics. yaml-language-server's
// open is measured too, so the worker can be held to the bench's open limit (<= 1/2 of it).
// Also the web bundles' sizes, as built for the .vsix.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/support/chromium';
import { journeyText, personaText } from './generate';
import { BENCH_CAPABILITIES, Lsp, ServerSpec } from './lsp';
import { sleep, summary, Summary } from './stats';

const ROOT = resolve(__dirname, '..');
const WEB_SERVER = join(ROOT, 'dist/web/server.js');
/** The web entries, each beside its Node peer (the same code, another transport), and the map both load. */
export const WEB_BUNDLES = ['dist/web/extension.js', 'dist/extension.js', 'dist/web/server.js', 'dist/server.js', 'dist/webview.js'];
/** As bench/open.ts waits after starting a server, before opening the file. */
const SETTLE_MS = 300;

export interface WebServerRow {
  server: string;
  touchpoints: number;
  /** Start to the initialize answer (ms); absent for yaml-language-server, which is only the open limit's peer here. */
  start?: Summary;
  open: Summary;
  diagnostics: number;
}

export interface WebResult {
  rows: WebServerRow[];
  bundles: { file: string; kb: number; gzipKb: number }[];
}

// The page's part, a plain script (tsx would rename a function's helpers into names the page lacks).
const PAGE = `<!doctype html><meta charset="utf-8"><title>journeymap web worker bench</title><script>
window.runSample = async ({ folder, files, open, settle, initializationOptions, timeoutMs }) => {
  const t0 = performance.now();
  const worker = new Worker('/server.js');
  const pending = new Map();
  let nextId = 1;
  let onDiagnostics;
  let failure;
  const send = (m) => worker.postMessage(Object.assign({ jsonrpc: '2.0' }, m));
  worker.onerror = (e) => { failure = 'worker error: ' + e.message; };
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.method !== undefined && m.id !== undefined) {
      // A request of the server: the client's answers (vscode.workspace.fs and findFiles in the extension).
      let result = null;
      if (m.method === 'journeymap/findFiles') result = { uris: Object.keys(files) };
      else if (m.method === 'journeymap/readFile')
        result = m.params.uri in files ? { text: files[m.params.uri] } : { text: null, error: 'no such file' };
      else if (m.method === 'workspace/configuration') result = m.params.items.map(() => null);
      send({ id: m.id, result });
    } else if (m.method === 'textDocument/publishDiagnostics') {
      if (m.params.uri === open.uri && onDiagnostics) onDiagnostics(m.params);
    } else if (m.id !== undefined && pending.has(m.id)) {
      pending.get(m.id)(m);
      pending.delete(m.id);
    }
  };
  const request = (method, params) => new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    send({ id, method, params });
  });
  const within = (p, what) => Promise.race([
    p,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(failure || ('no ' + what + ' within ' + timeoutMs + ' ms'))), timeoutMs),
    ),
  ]);
  try {
    const init = await within(request('initialize', {
      processId: null,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'bench' }],
      capabilities: ${JSON.stringify(BENCH_CAPABILITIES)},
      initializationOptions,
    }), 'initialize answer');
    if (init.error) throw new Error('initialize: ' + JSON.stringify(init.error));
    const start = performance.now() - t0;
    send({ method: 'initialized', params: {} });
    await new Promise((r) => setTimeout(r, settle));
    const published = new Promise((r) => { onDiagnostics = r; });
    const t1 = performance.now();
    send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: open.uri, languageId: 'journey', version: 1, text: open.text } },
    });
    const params = await within(published, 'diagnostics');
    const opened = performance.now() - t1;
    return { start, open: opened, diagnostics: params.diagnostics.length };
  } finally {
    worker.terminate();
  }
};
</script>`;

/** Serves the page and the worker bundle from localhost, never cached (every sample loads the worker as a first visit does). */
async function serve(): Promise<{ origin: string; close(): Promise<void> }> {
  const bundle = readFileSync(WEB_SERVER);
  const server = http.createServer((req, res) => {
    const headers = { 'cache-control': 'no-store' };
    if (req.url === '/') res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (req.url === '/server.js') res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/**
 * Start and open to first diagnostics of the web worker, the Node server (`node`, bench/latency.ts's
 * first spec) and yaml-language-server (`yls`), sample by sample, on a generated journey of each size.
 */
export async function measureWeb(
  node: ServerSpec,
  yls: ServerSpec,
  dir: string,
  sizes: number[],
  samples: number,
  log: (s: string) => void,
): Promise<WebResult> {
  const web = await serve();
  // The suites' Chromium, with /dev/shm left alone (a worker and a page per sample).
  const browser = await launchChromium(['--disable-dev-shm-usage']);
  const rows: WebServerRow[] = [];
  try {
    for (const touchpoints of sizes) {
      log(`web worker vs Node server: start and open to first diagnostics, ${touchpoints} touchpoints, ${samples} samples`);
      const folder = join(dir, `web-${touchpoints}`);
      mkdirSync(folder, { recursive: true });
      const g = journeyText('big', touchpoints);
      const files: Record<string, string> = { 'big.journey.yaml': g.text };
      for (const p of ['first-time-buyer', 'loyal-upgrader']) files[`${p}.persona.yaml`] = personaText(p);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
      // The worker's folder is a virtual one, as in vscode.dev: its files exist only in the page.
      const virtual = 'vscode-test-web://mount/';
      const inPage = Object.fromEntries(Object.entries(files).map(([name, text]) => [virtual + name, text]));
      const times = {
        web: { start: [] as number[], open: [] as number[], diagnostics: -1 },
        node: { start: [] as number[], open: [] as number[], diagnostics: -1 },
        yls: { open: [] as number[], diagnostics: -1 },
      };
      for (let i = 0; i < samples; i++) {
        // The web worker, in a fresh browser context each sample.
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(web.origin + '/');
          const r = (await page.evaluate(
            `runSample(${JSON.stringify({
              folder: virtual,
              files: inPage,
              open: { uri: virtual + 'big.journey.yaml', text: g.text },
              settle: SETTLE_MS,
              initializationOptions: node.initializationOptions,
              timeoutMs: 120_000,
            })})`,
          )) as { start: number; open: number; diagnostics: number };
          times.web.start.push(r.start);
          times.web.open.push(r.open);
          times.web.diagnostics = r.diagnostics;
        } finally {
          await context.close();
        }
        // The Node server and yaml-language-server, as bench/open.ts runs them.
        for (const [spec, into] of [
          [node, times.node],
          [yls, times.yls],
        ] as const) {
          const t0 = performance.now();
          const lsp = await Lsp.start(spec, [folder]);
          try {
            if ('start' in into) into.start.push(performance.now() - t0);
            await sleep(SETTLE_MS);
            const t1 = performance.now();
            const got = await lsp.open(pathToFileURL(join(folder, 'big.journey.yaml')).href, g.text);
            into.open.push(got.at - t1);
            into.diagnostics = got.params.diagnostics.length;
            await sleep(500); // as bench/open.ts: let the check finish what follows its diagnostics
          } finally {
            await lsp.stop();
          }
        }
      }
      // The same server on the same text: the worker must have done the same work.
      if (times.web.diagnostics !== times.node.diagnostics)
        throw new Error(`the web worker published ${times.web.diagnostics} diagnostics, the Node server ${times.node.diagnostics}`);
      rows.push(
        {
          server: 'web worker (Chromium)',
          touchpoints,
          start: summary(times.web.start),
          open: summary(times.web.open),
          diagnostics: times.web.diagnostics,
        },
        {
          server: 'journeymap (Node)',
          touchpoints,
          start: summary(times.node.start),
          open: summary(times.node.open),
          diagnostics: times.node.diagnostics,
        },
        { server: yls.name, touchpoints, open: summary(times.yls.open), diagnostics: times.yls.diagnostics },
      );
    }
  } finally {
    await browser.close().catch(() => undefined);
    await web.close();
  }
  return { rows, bundles: webBundles() };
}

/** The web bundles' sizes, as the last build left them (the bench's web section builds for production first). */
export function webBundles(): WebResult['bundles'] {
  return WEB_BUNDLES.map((b) => {
    const data = readFileSync(join(ROOT, b));
    return { file: b, kb: Math.round(data.length / 102.4) / 10, gzipKb: Math.round(gzipSync(data).length / 102.4) / 10 };
  });
}

/** The production build, as the .vsix ships it (what vscode.dev loads). */
export function buildForProduction(): void {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'pipe' });
}
