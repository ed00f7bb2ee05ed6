// The CLI's way into another repository: `npm run pack:cli` packs journeymap-cli-<version>.tgz,
// which is installed into a fresh project in the system's temp folder (outside this checkout)
// with `npm install --offline`, an empty npm cache and an unreachable registry, so the install
// fails if the package needed anything fetched. The installed `journeymap` then runs lint,
// render, report, diff and new there, as the workflow in docs/ci.md runs them.
import * as assert from 'assert';
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../..');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};
// A guard against a hung child only: the test has no time limit of its own (see below).
const HANG = 10 * 60_000;

function exec(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: HANG,
    ...options,
    env: { ...process.env, NO_COLOR: '', ...GIT_ENV, ...options.env },
  });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function ok(r: { code: number | null; stdout: string; stderr: string }, what: string): string {
  assert.strictEqual(r.code, 0, `${what} exited ${r.code}\n${r.stderr}`);
  return r.stdout;
}

describe('journeymap-cli package, installed into a fresh project outside the checkout', function () {
  // Packing, installing and five CLI runs: slow on a busy machine, and speed is not what this
  // test checks. No per-test limit; the children have a hang guard.
  this.timeout(0);

  let tmp = '';
  let tarball = '';
  let project = '';
  const journeymap = (args: string[], cwd = project) => exec(path.join(project, 'node_modules/.bin/journeymap'), args, { cwd });

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jm-package-')));
    assert.ok(path.relative(REPO, tmp).startsWith('..'), `${tmp} is outside ${REPO}`);
    ok(exec(process.execPath, [path.join(REPO, 'cli-package/pack.mjs'), path.join(tmp, 'out')], { cwd: REPO }), 'pack.mjs');
    tarball = path.join(tmp, 'out', `journeymap-cli-${VERSION}.tgz`);
    assert.ok(fs.existsSync(tarball), 'the tarball is written where asked');

    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'someone-elses-repo', version: '1.0.0', private: true }));
    const install = exec('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], {
      cwd: project,
      env: {
        npm_config_cache: path.join(tmp, 'empty-npm-cache'),
        npm_config_registry: 'http://127.0.0.1:9/',
        npm_config_userconfig: path.join(tmp, 'no-npmrc'),
      },
    });
    ok(install, 'npm install --offline');
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("holds only the CLI bundle, its schemas, the samples, package.json, README, LICENSE and the bundled code's licenses", () => {
    const entries = ok(exec('tar', ['-tzf', tarball]), 'tar')
      .trim()
      .split('\n')
      .sort();
    const samples = [
      ...fs
        .readdirSync(path.join(REPO, 'samples'))
        .filter((n) => n.endsWith('.yaml'))
        .map((n) => `package/samples/${n}`),
      ...fs.readdirSync(path.join(REPO, 'samples/data')).map((n) => `package/samples/data/${n}`),
    ];
    assert.deepStrictEqual(
      entries,
      [
        'package/LICENSE',
        'package/README.md',
        'package/THIRD_PARTY_LICENSES.md',
        'package/dist/cli.js',
        'package/package.json',
        ...samples,
        'package/schemas/journey.schema.json',
        'package/schemas/persona.schema.json',
      ].sort(),
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'node_modules/journeymap-cli/package.json'), 'utf8'));
    assert.strictEqual(manifest.version, VERSION);
    assert.deepStrictEqual(manifest.bin, { journeymap: 'dist/cli.js' });
    assert.strictEqual(manifest.dependencies, undefined, 'no runtime dependencies');
    assert.deepStrictEqual(
      fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')),
      ['journeymap-cli'],
      'npm installed nothing else',
    );
    const devDependency = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')).devDependencies['journeymap-cli'];
    assert.match(devDependency, /^file:.*journeymap-cli-.*\.tgz$/);
  });

  it("also installs on its own with --prefix, as docs/ci.md's workflow does, and runs from there", () => {
    const prefix = path.join(tmp, 'tool');
    ok(
      exec('npm', ['install', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {
        cwd: tmp,
        env: {
          npm_config_cache: path.join(tmp, 'empty-npm-cache-2'),
          npm_config_registry: 'http://127.0.0.1:9/',
          npm_config_userconfig: path.join(tmp, 'no-npmrc'),
        },
      }),
      'npm install --prefix',
    );
    assert.strictEqual(
      ok(exec(path.join(prefix, 'node_modules/.bin/journeymap'), ['--version'], { cwd: project }), '--version').trim(),
      VERSION,
    );
  });

  it('runs --version and lints copied samples: clean, then exit 1 on an error, SARIF for code scanning', () => {
    assert.strictEqual(ok(journeymap(['--version']), '--version').trim(), VERSION);
    fs.mkdirSync(path.join(project, 'journeys'));
    for (const n of fs.readdirSync(path.join(REPO, 'samples')).filter((n) => n.endsWith('.yaml'))) {
      fs.copyFileSync(path.join(REPO, 'samples', n), path.join(project, 'journeys', n));
    }
    // The samples' data files (CSV) come along, at the same relative paths.
    fs.cpSync(path.join(REPO, 'samples', 'data'), path.join(project, 'journeys', 'data'), { recursive: true });
    const files = JSON.parse(ok(journeymap(['lint', 'journeys', '--format', 'json']), 'lint'));
    assert.strictEqual(files.length, fs.readdirSync(path.join(project, 'journeys')).filter((n) => n.endsWith('.yaml')).length);
    assert.ok(files.every((f: { diagnostics: { severity: string }[] }) => f.diagnostics.every((d) => d.severity !== 'error')));

    const broken = path.join(project, 'journeys', 'broken.journey.yaml');
    fs.writeFileSync(broken, 'journey: broken\ntitle: Broken\nstages:\n  - name: S\n    touchpoints:\n      - { name: T, emotion: 9 }\n');
    const failing = journeymap(['lint', 'journeys', '--format', 'sarif']);
    assert.strictEqual(failing.code, 1, failing.stderr);
    const sarif = JSON.parse(failing.stdout);
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.deepStrictEqual(
      results.filter((r) => r.ruleId === 'emotion-range').map((r) => r.locations[0].physicalLocation.artifactLocation.uri),
      ['journeys/broken.journey.yaml'],
    );
    fs.rmSync(broken);
  });

  it('renders a map as SVG and the portfolio report as markdown', () => {
    ok(journeymap(['render', 'journeys/buy-phone-online.journey.yaml', '-o', 'map.svg']), 'render');
    const svg = fs.readFileSync(path.join(project, 'map.svg'), 'utf8');
    assert.match(svg, /^<\?xml[^>]*>\n<svg[\s>]/);
    assert.ok(svg.includes('Buy a phone online'));
    const report = ok(journeymap(['report', 'journeys', '--format', 'md']), 'report');
    for (const title of ['Buy a phone online', 'Get a broken router fixed']) assert.ok(report.includes(title), `the report names ${title}`);
  });

  it("diffs a journey against the last commit in the project's own git repository", () => {
    ok(exec('git', ['init', '-q', '-b', 'main'], { cwd: project }), 'git init');
    ok(exec('git', ['add', 'journeys', 'package.json'], { cwd: project }), 'git add');
    ok(exec('git', ['commit', '-q', '-m', 'journeys'], { cwd: project }), 'git commit');
    assert.strictEqual(ok(journeymap(['diff', 'journeys']), 'diff unchanged'), '', 'nothing changed: no comment to post');
    const file = path.join(project, 'journeys/buy-phone-online.journey.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const happier = text.replace(
      'emotion: { first-time-buyer: -2, loyal-upgrader: -1 }',
      'emotion: { first-time-buyer: 1, loyal-upgrader: 1 }',
    );
    assert.notStrictEqual(happier, text);
    fs.writeFileSync(file, happier);
    const md = ok(journeymap(['diff', 'journeys', '--base', 'HEAD']), 'diff');
    assert.ok(md.includes('Buy a phone online') && md.includes('Sees delivery cost at checkout'), md);
  });

  it('new journey --from-sample copies each sample with its personas into a folder of its own, with modelines that resolve, \
and each copy lints clean', () => {
    const ids = fs
      .readdirSync(path.join(REPO, 'samples'))
      .filter((n) => n.endsWith('.journey.yaml'))
      .map((n) => n.replace(/\.journey\.yaml$/, ''));
    assert.ok(ids.length >= 6);
    assert.ok(
      ids.some((id) => /^baseline: /m.test(fs.readFileSync(path.join(REPO, 'samples', `${id}.journey.yaml`), 'utf8'))),
      'a to-be sample is among them',
    );
    for (const id of ids) {
      const dir = `starters/${id}`;
      const sample = fs.readFileSync(path.join(REPO, 'samples', `${id}.journey.yaml`), 'utf8');
      // A to-be sample brings its as-is journey (under its own id, so `baseline` resolves), with
      // the personas and data files of both.
      const baseline = /^baseline: (\S+)$/m.exec(sample)?.[1];
      const written = ok(journeymap(['new', 'journey', '--from-sample', id, dir, '--root', dir]), `new journey ${id}`)
        .trim()
        .split('\n');
      const copied = [sample, ...(baseline ? [fs.readFileSync(path.join(REPO, 'samples', `${baseline}.journey.yaml`), 'utf8')] : [])];
      const list = (key: string) => [
        ...new Set(
          copied.flatMap(
            (t) =>
              new RegExp(`^${key}: \\[([^\\]]*)\\]`, 'm')
                .exec(t)?.[1]
                .split(',')
                .map((p) => p.trim()) ?? [],
          ),
        ),
      ];
      assert.deepStrictEqual(written, [
        `${dir}/${id}.journey.yaml`,
        ...(baseline ? [`${dir}/${baseline}.journey.yaml`] : []),
        ...list('personas').map((p) => `${dir}/${p}.persona.yaml`),
        ...list('data').map((d) => `${dir}/${d}`),
      ]);
      for (const file of written.filter((f) => f.endsWith('.yaml'))) {
        const modeline = /^# yaml-language-server: \$schema=(.+)$/m.exec(fs.readFileSync(path.join(project, file), 'utf8'));
        assert.ok(modeline, `${file} has a modeline`);
        assert.match(modeline[1], /^\.\.\/\.\.\/node_modules\/journeymap-cli\/schemas\/(journey|persona)\.schema\.json$/);
        assert.ok(fs.existsSync(path.join(project, path.dirname(file), modeline[1])), `${file}: ${modeline[1]} resolves`);
      }
      const lint = journeymap(['lint', dir, '--root', dir, '--format', 'json']);
      assert.strictEqual(lint.code, 0, lint.stdout);
      const findings = (JSON.parse(lint.stdout) as { diagnostics: { severity: string; rule: string }[] }[]).flatMap((f) => f.diagnostics);
      assert.deepStrictEqual(
        findings.filter((d) => d.severity === 'error' || d.severity === 'warning'),
        [],
        id,
      );
    }
  });

  it('new persona writes a persona that lints clean, under a free name; neither command writes over a file', () => {
    assert.strictEqual(
      ok(journeymap(['new', 'persona', 'night-shopper', 'people']), 'new persona').trim(),
      'people/night-shopper.persona.yaml',
    );
    assert.strictEqual(
      ok(journeymap(['new', 'persona', 'night-shopper', 'people']), 'new persona again').trim(),
      'people/night-shopper-2.persona.yaml',
    );
    assert.strictEqual(journeymap(['lint', 'people', '--root', 'people', '--format', 'json']).code, 0);
    const before = fs.readFileSync(path.join(project, 'people/night-shopper.persona.yaml'), 'utf8');
    assert.strictEqual(
      ok(journeymap(['new', 'journey', '--from-sample', 'buy-phone-online', 'people']), 'new journey')
        .trim()
        .split('\n')[0],
      'people/buy-phone-online-2.journey.yaml',
      'the id is taken under the root (journeys/)',
    );
    assert.strictEqual(fs.readFileSync(path.join(project, 'people/night-shopper.persona.yaml'), 'utf8'), before);
    for (const bad of [
      ['new', 'journey', '--from-sample', 'no-such-sample'],
      ['new', 'persona', 'Not An Id'],
      ['new', 'journey'],
      ['new', 'thing'],
      ['new', 'persona', 'x', '--from-sample', 'y'],
    ]) {
      const r = journeymap(bad);
      assert.strictEqual(r.code, 2, bad.join(' '));
      assert.match(r.stderr, /^journeymap new: /);
    }
  });
});
