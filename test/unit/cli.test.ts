// `journeymap lint` end to end: the BUILT dist/cli.js runs as a child process (run
// `npm run build` first; test/run-all.sh does), on the fault corpus in test/fixtures/faults
// and on small workspaces written to a temp folder.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import Ajv from 'ajv';
import { analyzeText } from '../../server/src/core/analyze';
import { isJourneyOrPersonaFile } from '../../server/src/core/parse';
import { RULE_NAMES, RULES } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { readDataFile } from '../../server/src/readData';
import { globToRegExp } from '../../server/src/cli/files';
import { formatStylish } from '../../server/src/cli/format/stylish';
import { formatAmount } from '../../server/src/core/scores';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const FAULTS = path.join(REPO, 'test/fixtures/faults');
const FAULTS_REL = 'test/fixtures/faults';
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...env },
    timeout: 30000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface JsonFile {
  file: string;
  diagnostics: JsonDiagnostic[];
}

function runJson(args: string[], cwd = REPO): { code: number | null; files: JsonFile[]; stderr: string } {
  const r = run([...args, '--format', 'json'], cwd);
  return { code: r.code, files: JSON.parse(r.stdout) as JsonFile[], stderr: r.stderr };
}

const range = (sl: number, sc: number, el: number, ec: number) => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A throwaway workspace: { 'a/b.journey.yaml': 'text' }. */
function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-cli-'));
  temporary.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const JOURNEY_WITH_MAYA = `journey: renew-plan
title: Renew a plan
personas: [maya]
stages:
  - name: Renew
    touchpoints:
      - name: Gets the renewal email
        channel: email
        emotion: { maya: 1 }
`;
const MAYA = `persona: maya
name: Maya, first-time buyer
`;

before(() => {
  assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
});

describe('journeymap CLI', () => {
  describe('entry point', () => {
    it('--version prints the package version and exits 0', () => {
      const r = run(['--version']);
      assert.strictEqual(r.code, 0);
      assert.strictEqual(r.stdout, `${VERSION}\n`);
    });

    it('npx journeymap --version works from the repo (the package bin)', () => {
      const r = spawnSync('npx', ['--no-install', 'journeymap', '--version'], { cwd: REPO, encoding: 'utf8', timeout: 60000 });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual(r.stdout.trim(), VERSION);
    });

    it('--help lists the commands; lint --help lists the options; both exit 0', () => {
      const top = run(['--help']);
      assert.strictEqual(top.code, 0);
      assert.match(top.stdout, /^ {2}lint \[paths or globs\.\.\.\]/m);
      assert.match(top.stdout, /^ {2}render FILE/m);
      const lint = run(['lint', '--help']);
      assert.strictEqual(lint.code, 0);
      for (const option of [
        '--format stylish|json|sarif',
        '--root DIR',
        '--rule NAME=SEVERITY',
        '--friction-threshold N',
        '.journeymaprc.json',
      ]) {
        assert.ok(lint.stdout.includes(option), `help mentions ${option}`);
      }
    });
  });

  describe('lint samples', () => {
    it('npx journeymap lint samples exits 0 with no error and no warning', () => {
      const r = runJson(['lint', 'samples']);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.ok(r.files.length >= 9, `six journeys and three personas at least, got ${r.files.length}`);
      const loud = r.files.flatMap((f) =>
        f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${f.file}: ${d.rule} ${d.message}`),
      );
      assert.deepStrictEqual(loud, []);
    });
  });

  describe('--format json', () => {
    const folder = runJsonOnce(() => runJson(['lint', FAULTS_REL, '--root', FAULTS_REL]));

    it('prints one array in the spec shape for a folder with faults, and exits 1', () => {
      const r = folder();
      assert.strictEqual(r.code, 1);
      assert.ok(Array.isArray(r.files));
      for (const f of r.files) {
        assert.deepStrictEqual(Object.keys(f), ['file', 'diagnostics']);
        for (const d of f.diagnostics) {
          assert.deepStrictEqual(Object.keys(d), ['rule', 'severity', 'message', 'range']);
          assert.deepStrictEqual(Object.keys(d.range), ['start', 'end']);
          assert.deepStrictEqual(Object.keys(d.range.start), ['line', 'character']);
          assert.deepStrictEqual(Object.keys(d.range.end), ['line', 'character']);
          assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
        }
      }
    });

    it('gives exact diagnostics, 0-based, for known fault files', () => {
      const byFile = new Map(folder().files.map((f) => [f.file, f.diagnostics]));
      assert.deepStrictEqual(byFile.get(`${FAULTS_REL}/metric-range.journey.yaml`), [
        {
          rule: 'metric-range',
          severity: 'error',
          message: 'conversion 62 is outside 0..1: a rate is a fraction. Did you mean 0.62 (62%)?',
          range: range(6, 31, 6, 33),
        },
      ]);
      assert.deepStrictEqual(byFile.get(`${FAULTS_REL}/unknown-channel.journey.yaml`), [
        {
          rule: 'unknown-channel',
          severity: 'warning',
          message: 'Unknown channel "webb": not built in and not declared in `channels`. Did you mean "web"?',
          range: range(6, 17, 6, 21),
        },
      ]);
      assert.deepStrictEqual(byFile.get(`${FAULTS_REL}/duplicate-id.journey.yaml`), [
        {
          rule: 'duplicate-id',
          severity: 'error',
          message: 'Touchpoint id "opens-the-shop" (derived from its name) is already used on line 6. Give one of them an explicit `id`.',
          range: range(6, 14, 6, 29),
        },
      ]);
    });

    it('names each file relative to the working directory with forward slashes, folders walked recursively and sorted', () => {
      const names = folder().files.map((f) => f.file);
      const expected = walkSorted(FAULTS).map((f) => path.relative(REPO, f).split(path.sep).join('/'));
      assert.deepStrictEqual(names, expected);
      assert.ok(names.includes(`${FAULTS_REL}/hostile/tabs.journey.yaml`));
      assert.ok(names.includes(`${FAULTS_REL}/personas/shopper.persona.yaml`));
    });

    it('each <rule>.journey.yaml of the fault corpus triggers its rule and no other', () => {
      const byFile = new Map(folder().files.map((f) => [f.file, f.diagnostics]));
      const top = fs.readdirSync(FAULTS).filter((n) => n.endsWith('.journey.yaml'));
      assert.ok(top.length >= 18);
      for (const name of top) {
        const rule = name.startsWith('duplicate-journey-') ? 'duplicate-id' : name.replace('.journey.yaml', '');
        assert.ok((RULE_NAMES as string[]).includes(rule), `${name} is named after a rule`);
        const rules = [...new Set(byFile.get(`${FAULTS_REL}/${name}`)!.map((d) => d.rule))];
        assert.deepStrictEqual(rules, [rule], name);
      }
      // Every rule of the table has its fault file.
      for (const rule of RULE_NAMES) assert.ok(top.includes(`${rule}.journey.yaml`), `fault file for ${rule}`);
      for (const name of fs.readdirSync(path.join(FAULTS, 'personas'))) {
        assert.deepStrictEqual(byFile.get(`${FAULTS_REL}/personas/${name}`), [], name);
      }
    });

    it('hostile input gives at least one located error per file, never a crash', () => {
      const hostile = folder().files.filter((f) => f.file.startsWith(`${FAULTS_REL}/hostile/`));
      assert.strictEqual(hostile.length, fs.readdirSync(path.join(FAULTS, 'hostile')).length);
      for (const f of hostile)
        assert.ok(
          f.diagnostics.some((d) => d.severity === 'error'),
          f.file,
        );
      assert.strictEqual(folder().stderr, '');
    });

    it('equals analyzeText over an index of every file under the root, as the server computes it', () => {
      const files = walkSorted(FAULTS);
      const index = new WorkspaceIndex();
      const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
      files.forEach((f, i) => index.update(pathToFileURL(f).href, texts[i]));
      const expected = files.map((f, i) => ({
        file: path.relative(REPO, f).split(path.sep).join('/'),
        diagnostics: analyzeText(pathToFileURL(f).href, texts[i], index, undefined, readDataFile).diagnostics.map(
          ({ rule, severity, message, range: r }) => ({ rule, severity, message, range: r }),
        ),
      }));
      assert.deepStrictEqual(folder().files, expected);
    });

    it('prints diagnostics for the named files only, while every file under the root is indexed', () => {
      const r = runJson(['lint', `${FAULTS_REL}/duplicate-journey-a.journey.yaml`, '--root', FAULTS_REL]);
      assert.strictEqual(r.code, 1);
      assert.deepStrictEqual(r.files, [
        {
          file: `${FAULTS_REL}/duplicate-journey-a.journey.yaml`,
          diagnostics: [
            {
              rule: 'duplicate-id',
              severity: 'error',
              message: 'Journey id "same-journey" is also defined in duplicate-journey-b.journey.yaml.',
              range: range(0, 9, 0, 21),
            },
          ],
        },
      ]);
    });

    it('a file with no problem is listed with an empty array, and exit is 0', () => {
      const r = runJson(['lint', `${FAULTS_REL}/personas/shopper.persona.yaml`, '--root', FAULTS_REL]);
      assert.strictEqual(r.code, 0);
      assert.deepStrictEqual(r.files, [{ file: `${FAULTS_REL}/personas/shopper.persona.yaml`, diagnostics: [] }]);
    });

    it('warnings and infos alone exit 0', () => {
      const r = runJson([
        'lint',
        `${FAULTS_REL}/unknown-channel.journey.yaml`,
        `${FAULTS_REL}/low-sample.journey.yaml`,
        '--root',
        FAULTS_REL,
      ]);
      assert.strictEqual(r.code, 0);
      assert.deepStrictEqual(
        r.files.map((f) => f.diagnostics.map((d) => d.severity)),
        [['warning'], ['info']],
      );
    });
  });

  describe('workspace root', () => {
    it('a persona defined elsewhere under --root resolves; outside it, it does not', () => {
      const dir = workspace({ 'journeys/renew.journey.yaml': JOURNEY_WITH_MAYA, 'people/maya.persona.yaml': MAYA });
      const inRoot = runJson(['lint', 'journeys/renew.journey.yaml', '--root', '.'], dir);
      assert.strictEqual(inRoot.code, 0, JSON.stringify(inRoot.files));
      assert.deepStrictEqual(inRoot.files, [{ file: 'journeys/renew.journey.yaml', diagnostics: [] }]);

      const narrow = runJson(['lint', 'journeys/renew.journey.yaml', '--root', 'journeys'], dir);
      assert.strictEqual(narrow.code, 1);
      assert.deepStrictEqual(
        narrow.files[0].diagnostics.map((d) => [d.rule, d.range]),
        [
          ['unknown-persona', range(2, 11, 2, 15)],
          ['unknown-persona', range(8, 19, 8, 23)],
        ],
      );
    });

    it('the root defaults to the working directory', () => {
      const dir = workspace({ 'journeys/renew.journey.yaml': JOURNEY_WITH_MAYA, 'people/maya.persona.yaml': MAYA });
      const r = runJson(['lint', 'journeys'], dir);
      assert.strictEqual(r.code, 0);
      assert.deepStrictEqual(r.files, [{ file: 'journeys/renew.journey.yaml', diagnostics: [] }]);
    });

    it('with no path, lints the working directory, skipping node_modules and .git', () => {
      const broken = 'journey: [\n';
      const dir = workspace({
        'journeys/renew.journey.yaml': JOURNEY_WITH_MAYA,
        'people/maya.persona.yaml': MAYA,
        'node_modules/pkg/broken.journey.yaml': broken,
        '.git/broken.journey.yaml': broken,
        'notes.yaml': broken,
      });
      const r = runJson(['lint'], dir);
      assert.strictEqual(r.code, 0);
      assert.deepStrictEqual(
        r.files.map((f) => f.file),
        ['journeys/renew.journey.yaml', 'people/maya.persona.yaml'],
      );
    });

    it('a file named outside the root is still linted, and reported relative to the working directory', () => {
      const dir = workspace({ 'a/renew.journey.yaml': JOURNEY_WITH_MAYA, 'b/maya.persona.yaml': MAYA });
      const r = runJson(['lint', '../a/renew.journey.yaml', '--root', '.'], path.join(dir, 'b'));
      assert.strictEqual(r.code, 0);
      assert.deepStrictEqual(r.files, [{ file: '../a/renew.journey.yaml', diagnostics: [] }]);
    });
  });

  describe('globs', () => {
    it('samples-style globs select the matching journey files only', () => {
      const r = runJson(['lint', `${FAULTS_REL}/*.journey.yaml`, '--root', FAULTS_REL]);
      const expected = fs
        .readdirSync(FAULTS)
        .filter((n) => n.endsWith('.journey.yaml'))
        .sort()
        .map((n) => `${FAULTS_REL}/${n}`);
      assert.deepStrictEqual(
        r.files.map((f) => f.file),
        expected,
      );
    });

    it('**/*.persona.yaml finds persona files in any folder', () => {
      const r = runJson(['lint', '**/*.persona.yaml'], FAULTS);
      assert.strictEqual(r.code, 0);
      assert.deepStrictEqual(
        r.files.map((f) => f.file),
        ['personas/shopper.persona.yaml', 'personas/visitor.persona.yaml'],
      );
    });

    it('a file named twice (path and glob) is linted once', () => {
      const r = runJson(['lint', 'personas/shopper.persona.yaml', 'personas/*.persona.yaml'], FAULTS);
      assert.deepStrictEqual(
        r.files.map((f) => f.file),
        ['personas/shopper.persona.yaml', 'personas/visitor.persona.yaml'],
      );
    });

    it('globToRegExp: ** spans folders, * and ? stay in one, classes and alternatives', () => {
      const cases: [string, string, boolean][] = [
        ['*.journey.yaml', 'a.journey.yaml', true],
        ['*.journey.yaml', 'x/a.journey.yaml', false],
        ['**/*.persona.yaml', 'p.persona.yaml', true],
        ['**/*.persona.yaml', 'a/b/p.persona.yaml', true],
        ['a/**', 'a/b/c.yaml', true],
        ['?.journey.yaml', 'ab.journey.yaml', false],
        ['[ab].journey.yaml', 'b.journey.yaml', true],
        ['[!ab].journey.yaml', 'b.journey.yaml', false],
        ['*.{journey,persona}.yaml', 'x.persona.yaml', true],
        ['*.{journey,persona}.yaml', 'x.other.yaml', false],
        ['a.b', 'axb', false],
      ];
      for (const [glob, p, match] of cases) assert.strictEqual(globToRegExp(glob).test(p), match, `${glob} ~ ${p}`);
    });
  });

  describe('settings', () => {
    it('--rule NAME=SEVERITY changes a severity (and the exit code); off silences the rule', () => {
      const file = `${FAULTS_REL}/unknown-channel.journey.yaml`;
      const raised = runJson(['lint', file, '--root', FAULTS_REL, '--rule', 'unknown-channel=error']);
      assert.strictEqual(raised.code, 1);
      assert.deepStrictEqual(
        raised.files[0].diagnostics.map((d) => [d.rule, d.severity]),
        [['unknown-channel', 'error']],
      );
      const off = runJson(['lint', file, '--root', FAULTS_REL, '--rule=unknown-channel=off']);
      assert.strictEqual(off.code, 0);
      assert.deepStrictEqual(off.files[0].diagnostics, []);
    });

    it('--friction-threshold moves the hotspot line', () => {
      const file = `${FAULTS_REL}/friction-hotspot.journey.yaml`;
      const at = runJson(['lint', file, '--root', FAULTS_REL, '--friction-threshold', '0.76']);
      assert.deepStrictEqual(
        at.files[0].diagnostics.map((d) => d.rule),
        ['friction-hotspot'],
      );
      const above = runJson(['lint', file, '--root', FAULTS_REL, '--friction-threshold', '0.77']);
      assert.deepStrictEqual(above.files[0].diagnostics, []);
    });

    it('.journeymaprc.json at the root sets rules and the threshold; the command line wins', () => {
      const dir = workspace({
        '.journeymaprc.json': JSON.stringify({ rules: { 'unknown-channel': 'error', 'low-sample': 'off' }, friction: { threshold: 0.9 } }),
        'unknown-channel.journey.yaml': fs.readFileSync(path.join(FAULTS, 'unknown-channel.journey.yaml'), 'utf8'),
        'low-sample.journey.yaml': fs.readFileSync(path.join(FAULTS, 'low-sample.journey.yaml'), 'utf8'),
        'friction-hotspot.journey.yaml': fs.readFileSync(path.join(FAULTS, 'friction-hotspot.journey.yaml'), 'utf8'),
      });
      const rc = runJson(['lint'], dir);
      assert.strictEqual(rc.code, 1);
      assert.deepStrictEqual(
        rc.files.map((f) => [f.file, f.diagnostics.map((d) => `${d.rule}:${d.severity}`)]),
        [
          ['friction-hotspot.journey.yaml', []],
          ['low-sample.journey.yaml', []],
          ['unknown-channel.journey.yaml', ['unknown-channel:error']],
        ],
      );
      const cli = runJson(['lint', '--rule', 'unknown-channel=warning', '--friction-threshold', '0.6'], dir);
      assert.strictEqual(cli.code, 0);
      assert.deepStrictEqual(
        cli.files.map((f) => f.diagnostics.map((d) => `${d.rule}:${d.severity}`)),
        [['friction-hotspot:info'], [], ['unknown-channel:warning']],
      );
    });
  });

  describe('usage and I/O errors exit 2 with a message on stderr and nothing on stdout', () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown option', ['lint', '--bogus'], /unknown option --bogus/],
      ['an unknown format', ['lint', FAULTS_REL, '--format', 'xml'], /unknown format "xml"/],
      ['a format without its value', ['lint', FAULTS_REL, '--format'], /--format needs a value/],
      // The argument walk diff and report share (cli/args.ts): an empty value is none, and after `--` every argument is a path.
      ['a root given empty', ['lint', FAULTS_REL, '--root', ''], /--root needs a value/],
      ['an option-like path after --', ['lint', '--', '--bogus'], /no such file or folder: --bogus/],
      ['a missing path', ['lint', 'no/such/dir'], /no such file or folder: no\/such\/dir/],
      ['a glob that matches nothing', ['lint', 'test/fixtures/faults/*.nothing.yaml'], /no journey or persona files match/],
      ['a folder without journey files', ['lint', 'server/src/cli'], /no journey or persona files in server\/src\/cli/],
      ['a root that is not a folder', ['lint', FAULTS_REL, '--root', 'package.json'], /--root is not a folder/],
      ['an unknown rule', ['lint', FAULTS_REL, '--rule', 'no-such-rule=off'], /unknown rule "no-such-rule"/],
      ['an unknown severity', ['lint', FAULTS_REL, '--rule', 'low-end=loud'], /unknown severity "loud"/],
      ['a malformed --rule', ['lint', FAULTS_REL, '--rule', 'low-end'], /--rule takes NAME=SEVERITY/],
      ['a threshold out of range', ['lint', FAULTS_REL, '--friction-threshold', '2'], /--friction-threshold must be a number from 0 to 1/],
      ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
      ['no command', [], /Usage: journeymap/],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        const r = run(args);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.stdout, '');
        assert.match(r.stderr, message);
      });
    }

    it('an invalid .journeymaprc.json', () => {
      const dir = workspace({ '.journeymaprc.json': '{ rules: ', 'p.persona.yaml': MAYA });
      const r = run(['lint'], dir);
      assert.strictEqual(r.code, 2);
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /\.journeymaprc\.json is not valid JSON/);
    });

    it('a named path that cannot be read as a file', () => {
      const dir = workspace({ 'p.persona.yaml': MAYA });
      fs.symlinkSync(path.join(dir, 'gone.persona.yaml'), path.join(dir, 'dangling.persona.yaml'));
      const r = run(['lint', 'dangling.persona.yaml'], dir);
      assert.strictEqual(r.code, 2);
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /no such file or folder: dangling\.persona\.yaml/);
    });
  });

  describe('--format stylish', () => {
    it('groups by file with 1-based line:col, severity, message and rule, then the summary', () => {
      const r = run([
        'lint',
        `${FAULTS_REL}/metric-range.journey.yaml`,
        `${FAULTS_REL}/unknown-channel.journey.yaml`,
        `${FAULTS_REL}/personas/shopper.persona.yaml`,
        '--root',
        FAULTS_REL,
      ]);
      assert.strictEqual(r.code, 1);
      assert.strictEqual(
        r.stdout,
        [
          '',
          `${FAULTS_REL}/metric-range.journey.yaml`,
          '  7:32  error  conversion 62 is outside 0..1: a rate is a fraction. Did you mean 0.62 (62%)?  metric-range',
          '',
          `${FAULTS_REL}/unknown-channel.journey.yaml`,
          '  7:18  warning  Unknown channel "webb": not built in and not declared in `channels`. Did you mean "web"?  unknown-channel',
          '',
          '\u2716 2 problems (1 error, 1 warning, 0 infos)',
          '',
        ].join('\n'),
      );
    });

    it('is the default format, prints nothing for a clean file, and has no colour when stdout is not a terminal', () => {
      const clean = run(['lint', `${FAULTS_REL}/personas`]);
      assert.strictEqual(clean.code, 0);
      assert.strictEqual(clean.stdout, '');
      const faulty = run(['lint', `${FAULTS_REL}/low-end.journey.yaml`]);
      assert.ok(!faulty.stdout.includes('\u001b['));
      assert.match(faulty.stdout, /^ {2}9:18 {2}warning {2}The journey ends at emotion -1/m);
      assert.match(faulty.stdout, /^\u2716 1 problem \(0 errors, 1 warning, 0 infos\)$/m);
    });

    it('aligns columns within a file and colours severities only when asked', () => {
      const d = (line: number, severity: 'error' | 'info', message: string, rule: 'schema' | 'low-sample') => ({
        rule,
        severity,
        message,
        range: range(line, 0, line, 1),
      });
      const files = [
        {
          file: 'a.journey.yaml',
          absolute: '/a.journey.yaml',
          text: '',
          diagnostics: [d(0, 'error', 'Bad', 'schema'), d(11, 'info', 'Longer message', 'low-sample')],
        },
      ];
      const plain = formatStylish(files, { color: false });
      assert.strictEqual(
        plain,
        '\n' +
          'a.journey.yaml\n' +
          '  1:1   error  Bad             schema\n' +
          '  12:1  info   Longer message  low-sample\n' +
          '\n' +
          '\u2716 2 problems (1 error, 0 warnings, 1 info)\n',
      );
      const coloured = formatStylish(files, { color: true });
      assert.ok(coloured.includes('\u001b[31merror'));
      assert.ok(coloured.includes('\u001b[34minfo'));
      assert.strictEqual(coloured.replace(/\u001b\[\d+m/g, ''), plain);
    });
  });

  describe('--format sarif', () => {
    const sarif = runJsonOnce(() => {
      const r = run(['lint', FAULTS_REL, '--root', FAULTS_REL, '--format', 'sarif']);
      return { code: r.code, log: JSON.parse(r.stdout), stderr: r.stderr };
    });

    it('validates against the SARIF 2.1.0 JSON schema, and the validator does reject a broken log', () => {
      const validate = sarifValidator();
      const { code, log } = sarif();
      assert.strictEqual(code, 1);
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const broken = JSON.parse(JSON.stringify(log));
      broken.runs[0].results[0].level = 'info';
      assert.strictEqual(validate(broken), false);
    });

    it('names the tool and lists every rule with its summary and default level', () => {
      const { log } = sarif();
      assert.strictEqual(log.version, '2.1.0');
      assert.strictEqual(typeof log.$schema, 'string');
      assert.strictEqual(log.runs.length, 1);
      const driver = log.runs[0].tool.driver;
      assert.strictEqual(driver.name, 'journeymap');
      assert.strictEqual(driver.version, VERSION);
      assert.strictEqual(driver.informationUri, undefined, 'no link the user did not configure (see fix.test.ts)');
      const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
      assert.deepStrictEqual(
        driver.rules.map((r: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }) => [
          r.id,
          r.shortDescription.text,
          r.defaultConfiguration.level,
        ]),
        RULE_NAMES.map((n) => [n, RULES[n].summary, level[RULES[n].severity]]),
      );
    });

    it('has one result per diagnostic, with 1-based regions, relative uris, rule index and level', () => {
      const { log } = sarif();
      const json = runJson(['lint', FAULTS_REL, '--root', FAULTS_REL]).files;
      const expected = json.flatMap((f) =>
        f.diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: RULE_NAMES.indexOf(d.rule as (typeof RULE_NAMES)[number]),
          level: d.severity === 'info' || d.severity === 'hint' ? 'note' : d.severity,
          text: d.message,
          uri: f.file,
          region: {
            startLine: d.range.start.line + 1,
            startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
          },
        })),
      );
      type Result = {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: unknown } }[];
      };
      const results = (log.runs[0].results as Result[]).map((r) => {
        assert.strictEqual(r.locations.length, 1);
        assert.strictEqual(r.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
        return {
          ruleId: r.ruleId,
          ruleIndex: r.ruleIndex,
          level: r.level,
          text: r.message.text,
          uri: r.locations[0].physicalLocation.artifactLocation.uri,
          region: r.locations[0].physicalLocation.region,
        };
      });
      assert.deepStrictEqual(results, expected);
      const metric = results.find((r) => r.uri === `${FAULTS_REL}/metric-range.journey.yaml`);
      assert.deepStrictEqual(metric?.region, { startLine: 7, startColumn: 32, endLine: 7, endColumn: 34 });
    });

    it('fingerprints are unique within the run and stable across runs', () => {
      const prints = (log: { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }) =>
        log.runs[0].results.map((r) => JSON.stringify(r.partialFingerprints));
      const first = prints(sarif().log);
      assert.strictEqual(new Set(first).size, first.length);
      const again = JSON.parse(run(['lint', FAULTS_REL, '--root', FAULTS_REL, '--format', 'sarif']).stdout);
      assert.deepStrictEqual(prints(again), first);
    });
  });
});

/** Runs an expensive CLI call once, on first use, and shares the result between tests. */
function runJsonOnce<T>(f: () => T): () => T {
  let cached: { value: T } | null = null;
  return () => (cached ??= { value: f() }).value;
}

function walkSorted(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) out.push(...walkSorted(full));
    else if (isJourneyOrPersonaFile(full)) out.push(full);
  }
  return out;
}

/**
 * The official SARIF 2.1.0 schema as shipped by @microsoft/jest-sarif. It is written in
 * draft-04, whose meta-schema ajv 8 no longer bundles; the schema uses no keyword whose meaning
 * changed after draft-04 (no boolean exclusiveMinimum), so only its draft header and `id` are
 * set aside before compiling.
 */
function sarifValidator() {
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.strictEqual(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  assert.ok(!/"exclusive(Minimum|Maximum)"/.test(JSON.stringify(schema)), 'no draft-04-only keywords');
  delete schema.$schema;
  delete schema.id;
  // The schema's language-tag pattern is not valid with the `u` flag ajv 8 sets by default.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

describe('journeymap render on a journey with errors, and --help of every command', function () {
  // One CLI run per fault file; not a speed test.
  this.timeout(0);

  it('draws every fault file that parses and says on stderr how many errors it skipped; a file that does not parse exits 1', () => {
    const out = path.join(workspace({}), 'map.svg');
    const lint = runJson(['lint', FAULTS_REL, '--root', FAULTS_REL]).files;
    for (const f of lint.filter((x) => x.file.endsWith('.journey.yaml') && !x.file.includes('/hostile/'))) {
      const errors = f.diagnostics.filter((d) => d.severity === 'error').length;
      fs.rmSync(out, { force: true });
      const r = run(['render', f.file, '-o', out, '--root', FAULTS_REL]);
      if (f.diagnostics.some((d) => d.rule === 'yaml-syntax')) {
        assert.strictEqual(r.code, 1, f.file);
        assert.match(r.stderr, /cannot draw .*:\d+:\d+: /);
        continue;
      }
      assert.strictEqual(r.code, 0, `${f.file}: ${r.stderr}`);
      assert.match(fs.readFileSync(out, 'utf8'), /<svg[\s>]/);
      if (errors === 0) assert.strictEqual(r.stderr, '', f.file);
      else
        assert.strictEqual(
          r.stderr,
          `journeymap render: skipped ${errors} ${errors === 1 ? 'error' : 'errors'} in ${f.file} ` +
            `and drew the rest (journeymap lint ${f.file} lists them)\n`,
        );
    }
    assert.ok(
      lint.some(
        (f) => f.diagnostics.filter((d) => d.severity === 'error').length > 0 && !f.diagnostics.some((d) => d.rule === 'yaml-syntax'),
      ),
    );
  });

  it('--help of each command names every option it accepts, and exits 0', () => {
    const options: Record<string, string[]> = {
      lint: ['--format', '--root', '--rule', '--friction-threshold', '--fix', '--max-warnings', '--docs-url', '--help', '0-based'],
      render: ['--out', '--theme', '--root', '--width', '--help'],
      report: ['--format', '--out', '--root', '--friction-threshold', '--help'],
      diff: ['--base', '--format', '--root', '--help'],
      new: ['journey', 'persona', '--from-sample', '--root', '--help'],
    };
    for (const [command, names] of Object.entries(options)) {
      const r = run([command, '--help']);
      assert.strictEqual(r.code, 0, command);
      for (const name of names) assert.ok(r.stdout.includes(name), `journeymap ${command} --help names ${name}`);
    }
    const top = run(['--help']).stdout;
    for (const command of Object.keys(options)) assert.match(top, new RegExp(`^ {2}${command} `, 'm'));
  });
});

describe('journeymap lint: the v1.1 hotspot messages', () => {
  it("name each hotspot's touchpoint, rank, friction, customers lost, money with currency and period, and confidence, \
as the model computes them", () => {
    const { code, files } = runJson(['lint', 'samples']);
    assert.strictEqual(code, 0);
    const index = new WorkspaceIndex();
    const dir = path.join(REPO, 'samples');
    for (const f of fs.readdirSync(dir).filter(isJourneyOrPersonaFile))
      index.update(pathToFileURL(path.join(dir, f)).href, fs.readFileSync(path.join(dir, f), 'utf8'));
    let seen = 0;
    for (const f of files) {
      const hot = f.diagnostics.filter((d) => d.rule === 'friction-hotspot');
      if (!hot.length) continue;
      const abs = path.resolve(REPO, f.file);
      const m = analyzeText(pathToFileURL(abs).href, fs.readFileSync(abs, 'utf8'), index).model;
      assert.ok(m && m.kind === 'journey');
      const expected = m.hotspots.map((h) => {
        const t = m.touchpoints[h.touchpointIndex];
        return { rank: h.rank, line: t.nameRange.start.line, t };
      });
      assert.strictEqual(hot.length, expected.length, f.file);
      for (const d of hot) {
        const e = expected.find((x) => x.line === d.range.start.line);
        assert.ok(e, `${f.file}: a hotspot message on a hotspot's name`);
        const t = e.t;
        const money =
          t.revenueAtRisk === null
            ? 'revenue at risk unknown'
            : `${m.currency ? `${m.currency} ` : ''}${formatAmount(t.revenueAtRisk)} at risk${t.period ? ` per ${t.period}` : ''}`;
        assert.ok(
          d.message.startsWith(`Hotspot #${e.rank} of ${m.hotspots.length}: "${t.name}", friction ${(t.friction as number).toFixed(2)}, `),
          d.message,
        );
        assert.ok(d.message.includes(money), `${d.message} names ${money}`);
        assert.ok(d.message.endsWith(`(confidence ${t.confidence})`), d.message);
        seen++;
      }
    }
    assert.ok(seen >= 6, 'every sample has a hotspot');
  });
});
