// `npm run pack:cli`: the journeymap CLI as a package of its own, for other repositories.
// It stages a temporary folder (outside the repository, so no lint of the checkout sees a
// second copy of the samples) with only what the CLI needs at run time, then `npm pack`s it
// into journeymap-cli-<version>.tgz at the repository root (or the folder given):
//   dist/cli.js                 the CLI, one self-contained bundle (no runtime dependencies)
//   schemas/                    the JSON Schemas, for `$schema` modelines of `journeymap new`
//   samples/                    the sample journeys and personas `journeymap new` copies
//   package.json, README.md, LICENSE, THIRD_PARTY_LICENSES.md
// No extension, server or webview files, and nothing for npm to fetch when it installs.
// Usage: node cli-package/pack.mjs [OUT_DIR]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { cliTarget } from '../esbuild.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(repo);
const outDir = path.resolve(process.argv[2] ?? repo);
const stage = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journeymap-cli-')), 'package');
const root = JSON.parse(fs.readFileSync('package.json', 'utf8'));
fs.mkdirSync(stage);
process.on('exit', () => fs.rmSync(path.dirname(stage), { recursive: true, force: true }));

// Readable (not minified) so a stack trace from CI means something; no source map to ship.
const built = await esbuild.build({
  ...cliTarget(path.join(stage, 'dist/cli.js'), {
    bundle: true,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  }),
  metafile: true,
});

for (const dir of ['schemas', 'samples']) {
  fs.mkdirSync(path.join(stage, dir));
  for (const name of fs.readdirSync(dir).filter((n) => /\.(json|ya?ml)$/.test(n)))
    fs.copyFileSync(path.join(dir, name), path.join(stage, dir, name));
}
// The samples' data files (CSV), which `journeymap new` copies beside a sample that names them.
if (fs.existsSync('samples/data')) fs.cpSync('samples/data', path.join(stage, 'samples/data'), { recursive: true });
fs.copyFileSync('LICENSE', path.join(stage, 'LICENSE'));
fs.copyFileSync('cli-package/README.md', path.join(stage, 'README.md'));
fs.writeFileSync(path.join(stage, 'THIRD_PARTY_LICENSES.md'), thirdPartyLicenses(built.metafile));

const manifest = {
  name: 'journeymap-cli',
  version: root.version,
  description: 'The Journey Maps command line: lint, render, report and diff customer-journey YAML in CI.',
  license: root.license,
  bin: { journeymap: 'dist/cli.js' },
  files: ['dist/cli.js', 'schemas', 'samples', 'THIRD_PARTY_LICENSES.md'],
  engines: { node: root.engines.node },
  keywords: ['customer journey', 'journey map', 'cx', 'lint', 'sarif'],
};
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

fs.mkdirSync(outDir, { recursive: true });
// --ignore-scripts: the staged package has none, and packing must not run the root's.
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' }),
)[0];
process.stdout.write(
  `${path.relative(process.cwd(), path.join(outDir, packed.filename)) || packed.filename} ` +
    `(${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB)\n`,
);

/** The license of every npm package the bundle took code from (MIT and ISC ask for their notice in copies). */
function thirdPartyLicenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.set(m[1], path.join('node_modules', m[1]));
  }
  const parts = ['# Third-party licenses\n\n`dist/cli.js` bundles code from these packages.\n'];
  for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = fs.readdirSync(dir).find((n) => /^(licen[cs]e|copying)(\.|$)/i.test(n));
    const text = file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    parts.push(`## ${name} ${pkg.version}\n\n\`\`\`text\n${text}\n\`\`\`\n`);
  }
  return parts.join('\n');
}
