// What the bundles import, checked against package.json, from esbuild's metafile (the build
// runs it after every bundle): every bare import of our own code names a declared run-time
// dependency (or a Node built-in, or `vscode`, which the host provides), and no package our
// code imports is bundled from two folders (two versions of it, each shipped in full; copies
// deep in a dependency's own tree, such as linkedom's, are that dependency's choice).
import { builtinModules } from 'node:module';

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
export const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const builtins = new Set(builtinModules);
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(packageName(specifier));
/** Provided by the editor at run time (package.json `engines`), never bundled. */
const HOST = new Set(['vscode']);

/**
 * The problems of one bundle: `metafile` from esbuild, `pkg` the parsed package.json.
 * Returns one sentence per problem; empty when the bundle is clean.
 */
export function bundleProblems(bundle, metafile, pkg) {
  const declared = new Set(Object.keys(pkg.dependencies ?? {}));
  const dev = new Set(Object.keys(pkg.devDependencies ?? {}));
  const problems = [];
  const copies = new Map();
  const ours = new Set();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    const bundled = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (bundled) {
      const roots = copies.get(bundled[2]) ?? new Set();
      roots.add(bundled[0]);
      copies.set(bundled[2], roots);
      continue; // a package's own imports are its package.json's business
    }
    for (const i of input.imports) {
      const specifier = i.original ?? (i.external ? i.path : undefined);
      if (!specifier || specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) continue;
      const name = packageName(specifier);
      ours.add(name);
      if (declared.has(name) || HOST.has(name)) continue;
      problems.push(
        `${bundle}: ${file} imports '${specifier}', but '${name}' is not in package.json's dependencies` +
          `${dev.has(name) ? ' (only in devDependencies)' : ''}`,
      );
    }
  }
  for (const [name, roots] of copies) {
    if (ours.has(name) && roots.size > 1)
      problems.push(`${bundle}: bundles ${roots.size} copies of '${name}': ${[...roots].sort().join(', ')}`);
  }
  return problems;
}
