// scripts/check-bundles.mjs, which the build runs on esbuild's metafile of every bundle.
import * as assert from 'node:assert';
import { bundleProblems } from '../../scripts/check-bundles.mjs';

const pkg = { dependencies: { yaml: '^2', 'vscode-languageserver': '^10' }, devDependencies: { mocha: '^12' } };
const input = (...imports: { path: string; original?: string; external?: boolean }[]) => ({ imports });

describe('the bundle check (scripts/check-bundles.mjs)', () => {
  it('accepts declared dependencies, subpaths, relative files, Node built-ins and vscode', () => {
    const metafile = {
      inputs: {
        'server/src/a.ts': input(
          { path: 'node_modules/yaml/browser/index.js', original: 'yaml' },
          { path: 'node_modules/vscode-languageserver/lib/node/main.js', original: 'vscode-languageserver/node' },
          { path: 'server/src/b.ts', original: './b' },
          { path: 'node:fs', external: true },
          { path: 'path', external: true, original: 'path' },
          { path: 'vscode', external: true, original: 'vscode' },
        ),
        'node_modules/yaml/browser/index.js': input({ path: 'node_modules/other/x.js', original: 'other' }),
      },
    };
    assert.deepStrictEqual(bundleProblems('dist/a.js', metafile, pkg), []);
  });

  it('names an import that package.json does not declare, or declares only for development', () => {
    const metafile = {
      inputs: {
        'server/src/core/lens.ts': input({
          path: 'node_modules/vscode-languageserver-types/lib/esm/main.js',
          original: 'vscode-languageserver-types',
        }),
        'server/src/cli.ts': input({ path: 'node_modules/mocha/index.js', original: 'mocha' }),
      },
    };
    assert.deepStrictEqual(bundleProblems('dist/server.js', metafile, pkg), [
      "dist/server.js: server/src/core/lens.ts imports 'vscode-languageserver-types', " +
        "but 'vscode-languageserver-types' is not in package.json's dependencies",
      "dist/server.js: server/src/cli.ts imports 'mocha', but 'mocha' is not in package.json's dependencies (only in devDependencies)",
    ]);
  });

  it('names two copies of a package our code imports, not of one deep in a dependency', () => {
    const metafile = {
      inputs: {
        'server/src/a.ts': input({ path: 'node_modules/yaml/dist/index.js', original: 'yaml' }),
        'node_modules/yaml/dist/index.js': input(),
        'node_modules/vscode-languageserver/node_modules/yaml/dist/index.js': input(),
        'node_modules/entities/lib/index.js': input(),
        'node_modules/linkedom/node_modules/entities/lib/index.js': input(),
      },
    };
    assert.deepStrictEqual(bundleProblems('dist/a.js', metafile, pkg), [
      "dist/a.js: bundles 2 copies of 'yaml': node_modules/vscode-languageserver/node_modules/yaml, node_modules/yaml",
    ]);
  });
});
