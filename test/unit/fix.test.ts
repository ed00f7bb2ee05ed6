// `journeymap lint --fix`, `--max-warnings` and SARIF's helpUri and fixes, through the built
// dist/cli.js. --fix runs on a copy of every fault file (test/fixtures/faults, hostile files
// and personas included) and each result is compared with test/fixtures/fixed/NAME.expected
// (or with the untouched fault file when it has no fix that needs no choice). The expected
// files are not named *.journey.yaml, so a workspace holding both sees no duplicate ids.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applySafeFixes } from '../../server/src/cli/fix';
import { LineIndex } from '../../server/src/core/parse';
import { JourneyDiagnostic, RULE_NAMES } from '../../server/src/core/types';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const FAULTS = path.join(REPO, 'test/fixtures/faults');
const FIXED = path.join(REPO, 'test/fixtures/fixed');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function filesUnder(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? filesUnder(path.join(dir, e.name), base)
        : /\.ya?ml$/.test(e.name)
          ? [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')]
          : [],
    );
}

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

function copyOfFaults(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-fix-'));
  temporary.push(dir);
  fs.cpSync(FAULTS, dir, { recursive: true });
  return dir;
}

type Json = { file: string; diagnostics: JourneyDiagnostic[] }[];

describe('journeymap lint --fix', function () {
  // Three lint runs over the whole fault corpus; speed is not what is checked here.
  this.timeout(0);

  const faults = filesUnder(FAULTS);
  const expected = new Set(
    fs
      .readdirSync(FIXED)
      .filter((n) => n.endsWith('.expected'))
      .map((n) => n.replace(/\.expected$/, '')),
  );
  let dir = '';
  let original: Json = [];
  let fixRun = { code: null as number | null, stdout: '', stderr: '' };

  before(() => {
    dir = copyOfFaults();
    original = JSON.parse(run(['lint', '.', '--root', '.', '--format', 'json'], dir).stdout);
    fixRun = run(['lint', '.', '--root', '.', '--fix', '--format', 'json'], dir);
  });

  it('has an expected file for fault files only, and the corpus gives --fix something to do', () => {
    assert.ok(faults.length >= 20, `${faults.length} fault files`);
    for (const name of expected) assert.ok(faults.includes(name), `fixed/${name}.expected has no fault file`);
    assert.ok(expected.size >= 5);
  });

  it('leaves every fault file as its expected file: test/fixtures/fixed/ where it has one, else unchanged to the byte', () => {
    const wrong: string[] = [];
    for (const name of faults) {
      const want = fs.readFileSync(expected.has(name) ? path.join(FIXED, `${name}.expected`) : path.join(FAULTS, name));
      if (!fs.readFileSync(path.join(dir, name)).equals(want)) wrong.push(name);
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('changes each fixed file only inside the range of the diagnostic of its rule', () => {
    for (const name of expected) {
      const old = fs.readFileSync(path.join(FAULTS, name), 'utf8');
      const now = fs.readFileSync(path.join(FIXED, `${name}.expected`), 'utf8');
      let start = 0;
      while (start < old.length && old[start] === now[start]) start++;
      let end = 0;
      while (end < old.length - start && old[old.length - 1 - end] === now[now.length - 1 - end]) end++;
      const lines = new LineIndex(old);
      const diagnostics = original.find((f) => f.file === name)?.diagnostics ?? [];
      const rule = path.basename(name).replace(/\.journey\.yaml$/, '');
      if (rule === 'newer-data') {
        // Its fix writes the data file's latest figures into the metrics maps it names (the JSON
        // output carries no fix ranges): only lines holding a `metrics:` map may differ.
        const o = old.split('\n');
        const n = now.split('\n');
        assert.strictEqual(n.length, o.length, name);
        const changed = o.map((l, i) => (l === n[i] ? null : l)).filter((l): l is string => l !== null);
        assert.ok(changed.length > 0 && changed.every((l) => /\bmetrics: \{/.test(l)), `${name}: changed lines ${JSON.stringify(changed)}`);
        continue;
      }
      const inside = diagnostics.some(
        (d) => d.rule === rule && lines.offset(d.range.start) <= start && old.length - end <= lines.offset(d.range.end),
      );
      assert.ok(inside, `${name}: the change at ${start}..${old.length - end} lies inside no fixed diagnostic's range`);
    }
  });

  it('reports what is left after fixing, and names each file it wrote with the rules fixed, on stderr', () => {
    const after: Json = JSON.parse(fixRun.stdout);
    assert.strictEqual(fixRun.code, 1, 'errors without a safe fix are left (yaml-syntax, duplicate-id, ...)');
    for (const name of expected) {
      const rule = path.basename(name).replace(/\.journey\.yaml$/, '');
      assert.ok(RULE_NAMES.includes(rule as never), name);
      assert.deepStrictEqual(
        after.find((f) => f.file === name)?.diagnostics.filter((d) => d.rule === rule),
        [],
        `${name}: its ${rule} finding is fixed`,
      );
      assert.match(fixRun.stderr, new RegExp(`^journeymap lint: fixed 1 problem in ${name.replace(/\./g, '\\.')} \\(${rule}\\)$`, 'm'));
    }
    assert.strictEqual(fixRun.stderr.match(/^journeymap lint: fixed/gm)?.length, expected.size);
  });

  it('refuses to write a file that is not valid UTF-8, and says so', () => {
    assert.match(fixRun.stderr, /^journeymap lint: not fixing hostile\/binary\.journey\.yaml: it is not valid UTF-8/m);
  });

  it('is done after one run: a second --fix writes nothing', () => {
    const again = run(['lint', '.', '--root', '.', '--fix', '--format', 'json'], dir);
    assert.doesNotMatch(again.stderr, /fixed/);
    assert.deepStrictEqual(JSON.parse(again.stdout), JSON.parse(fixRun.stdout));
  });
});

describe('applySafeFixes', () => {
  const d = (
    rule: JourneyDiagnostic['rule'],
    line: number,
    from: number,
    to: number,
    fix?: JourneyDiagnostic['fix'],
  ): JourneyDiagnostic => ({
    rule,
    severity: 'error',
    message: '',
    range: { start: { line, character: from }, end: { line, character: to } },
    ...(fix ? { fix } : {}),
  });

  it('applies one-candidate fixes and leaves a choice between candidates, and a new persona file, alone', () => {
    const text = 'a: webb\r\nb: emial\r\nc: ghost # comment\r\n';
    const { text: out, applied } = applySafeFixes(text, [
      d('unknown-channel', 0, 3, 7, { kind: 'replace', title: 'Change to "web"', texts: ['web'] }),
      d('unknown-channel', 1, 3, 8, { kind: 'replace', title: '', texts: ['email', 'mail'] }),
      d('unknown-persona', 2, 3, 8, { kind: 'create-persona', personaId: 'ghost' }),
    ]);
    assert.strictEqual(out, 'a: web\r\nb: emial\r\nc: ghost # comment\r\n');
    assert.deepStrictEqual(
      applied.map((x) => x.range.start.line),
      [0],
    );
  });

  it('applies the first of two overlapping fixes only (the next pass sees the second anew)', () => {
    const { text } = applySafeFixes('k: 62', [
      d('metric-range', 0, 3, 5, { kind: 'replace', title: '', texts: ['0.62'] }),
      d('schema', 0, 3, 5, { kind: 'replace', title: '', texts: ['"62"'] }),
    ]);
    assert.strictEqual(text, 'k: 0.62');
  });

  it('counts characters in UTF-16, as the ranges do', () => {
    const { text } = applySafeFixes('name: "😀 ü"\nchannel: webb\n', [
      d('unknown-channel', 1, 9, 13, { kind: 'replace', title: '', texts: ['web'] }),
    ]);
    assert.strictEqual(text, 'name: "😀 ü"\nchannel: web\n');
  });
});

describe('journeymap lint --max-warnings', function () {
  // Several CLI runs per test (15 s with both cores busy): no per-test limit, the answers decide.
  this.timeout(0);

  it('exits 1 with more warnings than N and says so, 0 with N or fewer; rejects a value that is not a whole number', () => {
    const file = 'test/fixtures/faults/empty-stage.journey.yaml';
    const warnings = (
      JSON.parse(run(['lint', file, '--root', 'test/fixtures/faults', '--format', 'json'], REPO).stdout) as Json
    )[0].diagnostics.filter((x) => x.severity === 'warning').length;
    assert.ok(warnings >= 1);
    const over = run(['lint', file, '--root', 'test/fixtures/faults', '--max-warnings', String(warnings - 1)], REPO);
    assert.strictEqual(over.code, 1);
    assert.match(over.stderr, new RegExp(`${warnings} warnings?, more than --max-warnings ${warnings - 1}`));
    assert.strictEqual(run(['lint', file, '--root', 'test/fixtures/faults', `--max-warnings=${warnings}`], REPO).code, 0);
    for (const bad of ['-1', 'x', '1.5', '']) assert.strictEqual(run(['lint', file, '--max-warnings', bad], REPO).code, 2, bad);
  });

  it('does not count infos', () => {
    const r = run(['lint', 'test/fixtures/faults/low-sample.journey.yaml', '--root', 'test/fixtures/faults', '--max-warnings', '0'], REPO);
    assert.strictEqual(r.code, 0, r.stderr);
  });
});

describe('journeymap lint --format sarif: rule links and fixes', function () {
  // Several CLI runs per test (13 s with both cores busy): no per-test limit, the answers decide.
  this.timeout(0);

  type Log = {
    runs: {
      tool: { driver: { informationUri?: string; rules: { id: string; helpUri?: string; help: { text: string } }[] } };
      results: {
        ruleId: string;
        locations: { physicalLocation: { region: unknown } }[];
        fixes?: {
          description: { text: string };
          artifactChanges: {
            artifactLocation: { uri: string };
            replacements: { deletedRegion: unknown; insertedContent: { text: string } }[];
          }[];
        }[];
      }[];
    }[];
  };
  const sarif = (args: string[], cwd = REPO): Log =>
    JSON.parse(run(['lint', 'test/fixtures/faults', '--root', 'test/fixtures/faults', '--format', 'sarif', ...args], cwd).stdout);

  it('links nowhere unless told: no helpUri and no informationUri, help text per rule', () => {
    const driver = sarif([]).runs[0].tool.driver;
    assert.strictEqual(driver.informationUri, undefined);
    for (const rule of driver.rules) {
      assert.strictEqual(rule.helpUri, undefined);
      assert.ok(rule.help.text.includes(rule.id));
    }
  });

  it('with --docs-url (or docsUrl in .journeymaprc.json) links each rule to its anchor in rules.md', () => {
    for (const url of ['https://docs.example.test/journeymap/docs', 'https://docs.example.test/journeymap/docs/']) {
      const driver = sarif(['--docs-url', url]).runs[0].tool.driver;
      assert.strictEqual(driver.informationUri, 'https://docs.example.test/journeymap/docs/');
      assert.deepStrictEqual(
        driver.rules.map((r) => r.helpUri),
        RULE_NAMES.map((n) => `https://docs.example.test/journeymap/docs/rules.md#${n}`),
      );
    }
    const rules = fs.readFileSync(path.join(REPO, 'docs/rules.md'), 'utf8');
    for (const n of RULE_NAMES) assert.ok(rules.includes(`<a id="${n}"></a>`), `docs/rules.md has the anchor #${n}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-sarif-'));
    temporary.push(dir);
    fs.cpSync(FAULTS, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.journeymaprc.json'), JSON.stringify({ docsUrl: 'http://intranet.test/jm/' }));
    const log: Log = JSON.parse(run(['lint', '.', '--format', 'sarif'], dir).stdout);
    assert.strictEqual(log.runs[0].tool.driver.rules[0].helpUri, `http://intranet.test/jm/rules.md#${RULE_NAMES[0]}`);
    for (const bad of ['docs/', 'javascript:alert(1)', 'ftp://x.test/'])
      assert.strictEqual(run(['lint', 'test/fixtures/faults', '--docs-url', bad], REPO).code, 2, bad);
  });

  it("carries the core's fixes as SARIF fixes: 1-based regions, the new text, every candidate of a choice", () => {
    const results = sarif([]).runs[0].results;
    const schema = results.find(
      (r) => r.ruleId === 'schema' && r.fixes?.[0].artifactChanges[0].artifactLocation.uri.endsWith('/schema.journey.yaml'),
    );
    assert.ok(schema?.fixes);
    assert.deepStrictEqual(schema.fixes, [
      {
        description: { text: 'Change to "title"' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'test/fixtures/faults/schema.journey.yaml', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: schema.locations[0].physicalLocation.region, insertedContent: { text: 'title' } }],
          },
        ],
      },
    ]);
    assert.deepStrictEqual(schema.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 6 });
    const metric = results.find((r) => r.ruleId === 'metric-range');
    assert.deepStrictEqual(
      metric?.fixes?.map((f) => f.artifactChanges[0].replacements[0].insertedContent.text),
      ['0.62'],
    );
    const persona = results.find((r) => r.ruleId === 'unknown-persona');
    assert.strictEqual(persona?.fixes, undefined, 'a new persona file is no edit of this file');
  });

  it('offers only the fixes that pass the fix check, as the editor does, in one thread and on worker threads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-sarif-held-'));
    temporary.push(dir);
    // A closing bracket would make the title a list (a schema error where the fix wrote): not offered.
    fs.writeFileSync(path.join(dir, 'bracket.journey.yaml'), 'journey: bracket\ntitle: [Unclosed\nstages: []\n');
    // A tab before a key: spaces in its place hold, and are offered.
    fs.writeFileSync(
      path.join(dir, 'tab.journey.yaml'),
      'journey: tab\ntitle: T\nstages:\n  - name: A\n    touchpoints:\n      - name: X\n\tchannel: web\n',
    );
    for (const workers of ['1', '2']) {
      const r = run(['lint', '.', '--format', 'sarif'], dir, { JM_WORKERS: workers });
      assert.strictEqual(r.code, 1, r.stderr);
      const results = (JSON.parse(r.stdout) as Log).runs[0].results;
      const syntax = (file: string) => {
        const found = results.filter(
          (x) =>
            x.ruleId === 'yaml-syntax' &&
            (x as unknown as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }).locations[0].physicalLocation
              .artifactLocation.uri === file,
        );
        assert.strictEqual(found.length, 1, `${file}: one yaml-syntax result (JM_WORKERS=${workers})`);
        return found[0];
      };
      assert.strictEqual(syntax('bracket.journey.yaml').fixes, undefined, `the bracket fix fails the check (JM_WORKERS=${workers})`);
      assert.deepStrictEqual(
        syntax('tab.journey.yaml').fixes?.map((f) => f.artifactChanges[0].replacements.map((x) => x.insertedContent.text)),
        [['        ']],
        `the tab's fix holds (JM_WORKERS=${workers})`,
      );
    }
  });
});
