// Builds the bundles: the client and the server for Node, the same client and server for the
// browser (vscode.dev, github.dev: the server in a Web Worker), the CLI and the webview.
// Usage: node esbuild.mjs [--production] [--watch]
// `cliTarget` is also imported by cli-package/pack.mjs, which bundles the CLI alone.
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { bundleProblems } from './scripts/check-bundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// yaml's ES module build (the same code as its CommonJS one, which it builds from the same
// source): bundled as ESM its functions are called directly, while the CommonJS build reaches
// every `isMap`/`isPair` through an interop getter, and the core calls those a million times
// on a big journey.
const yamlEsm = { yaml: './node_modules/yaml/browser/index.js' };

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * The CLI bundle: self-contained (every dependency inside; the schemas are imported as JSON),
 * so it runs from a folder with no node_modules.
 * @returns {esbuild.BuildOptions}
 */
export function cliTarget(outfile, options = common) {
  return {
    ...options,
    entryPoints: ['server/src/cli.ts'],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: yamlEsm,
    banner: { js: '#!/usr/bin/env node' },
    // The `journeymap` bin runs this file directly (npx, CI), so it must be executable.
    plugins: [
      {
        name: 'executable',
        setup: (build) =>
          build.onEnd(() => {
            if (fs.existsSync(outfile)) fs.chmodSync(outfile, 0o755);
          }),
      },
    ],
  };
}

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: yamlEsm,
  },
  // The browser pair: the same code, entered through its browser transport. Platform
  // 'browser' fails the build on any Node built-in, so nothing Node-only slips in.
  {
    ...common,
    entryPoints: ['client/src/web/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    alias: yamlEsm,
  },
  {
    ...common,
    entryPoints: ['server/src/browserServer.ts'],
    outfile: 'dist/web/server.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    alias: yamlEsm,
  },
  cliTarget('dist/cli.js', common),
  {
    ...common,
    entryPoints: ['webview/src/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (watch) {
    for (const t of targets) (await esbuild.context(t)).watch();
  } else {
    const results = await Promise.all(targets.map((t) => esbuild.build({ ...t, metafile: true })));
    // Every bare import is a declared dependency, and no package ships twice (scripts/check-bundles.mjs).
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    const problems = results.flatMap((r, i) => bundleProblems(targets[i].outfile, r.metafile, pkg));
    if (problems.length > 0) {
      for (const p of problems) console.error(`error: ${p}`);
      process.exit(1);
    }
  }
}
