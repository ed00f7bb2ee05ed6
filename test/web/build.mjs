// Bundles the in-browser suite (test/web/suite) into out/web-tests/suite.js for VS Code's
// web-worker extension host: `vscode` comes from the host; `assert` is our small browser
// version, so the shared helpers of test/extension/suite bundle as they are.
import * as esbuild from 'esbuild';
import * as fs from 'fs';

fs.rmSync('out/web-tests', { recursive: true, force: true });
await esbuild.build({
  entryPoints: ['test/web/suite/index.ts'],
  outfile: 'out/web-tests/suite.js',
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  sourcemap: 'inline',
  external: ['vscode'],
  alias: { assert: './test/web/suite/assert.ts', yaml: './node_modules/yaml/browser/index.js' },
  plugins: [
    {
      // mocha's browser build is a UMD script inside an ES-module package: read as ESM, its
      // `module.exports = mocha` would land on this bundle's own exports (replacing run()).
      // Give it a module object of its own and export what it puts there.
      name: 'mocha-umd',
      setup(build) {
        build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
          contents:
            'var module = { exports: {} }; var exports = module.exports;\n' +
            `${await fs.promises.readFile(args.path, 'utf8')}\nexport default module.exports;\n`,
          loader: 'js',
        }));
      },
    },
  ],
  logLevel: 'warning',
});
