// Footprint: bundle sizes (as built for the .vsix), the .vsix itself, and the time Node takes
// to load the client bundle (with a stub for the `vscode` module, which only VS Code provides).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { summary, Summary } from './stats';

const ROOT = resolve(__dirname, '..');
const BUNDLES = ['dist/extension.js', 'dist/server.js', 'dist/webview.js', 'dist/cli.js'];

export interface FootprintResult {
  bundles: { file: string; kb: number; gzipKb: number }[];
  vsix: { file: string; kb: number } | { error: string };
  clientLoad: Summary;
}

const LOAD = `
const Module = require('module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
};
const stub = new Proxy(function () {}, {
  get: (t, k) => (k === '__esModule' ? true : k === Symbol.toPrimitive ? () => '' : stub),
  apply: () => stub,
  construct: () => stub,
});
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
const t0 = performance.now();
require(process.argv[1]);
process.stdout.write(String(performance.now() - t0));
process.exit(0);
`;

function loadTime(file: string, runs: number): Summary {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', LOAD, join(ROOT, file)], { encoding: 'utf8', input: '' });
    const ms = Number(r.stdout);
    if (Number.isFinite(ms)) times.push(ms);
  }
  return summary(times);
}

export function measureFootprint(packageVsix: boolean): FootprintResult {
  let vsix: FootprintResult['vsix'];
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
  const file = `journeymap-${version}.vsix`;
  if (packageVsix) {
    try {
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      vsix = { error: `npm run package failed: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 300)}` };
    }
  } else {
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'pipe' });
  }
  vsix ??= existsSync(join(ROOT, file)) ? { file, kb: Math.round(statSync(join(ROOT, file)).size / 102.4) / 10 } : { error: 'no .vsix' };
  const bundles = BUNDLES.filter((b) => existsSync(join(ROOT, b))).map((b) => {
    const data = readFileSync(join(ROOT, b));
    return { file: b, kb: Math.round(data.length / 102.4) / 10, gzipKb: Math.round(gzipSync(data).length / 102.4) / 10 };
  });
  return { bundles, vsix, clientLoad: loadTime('dist/extension.js', 7) };
}
