// Bundles the in-VS Code suite (test/extension/suite) into out/extension-tests/, one file per
// test file plus the run() wrapper; `vscode` and mocha come from the extension host at run time.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const dir = 'test/extension/suite';
const entryPoints = fs
  .readdirSync(dir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => path.join(dir, f));
fs.rmSync('out/extension-tests', { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: 'out/extension-tests',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
