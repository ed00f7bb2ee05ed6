// The commands' argument checks (server/src/cli/args.ts): `oneOf` alone, then each command's
// `--format` through it, in process (cli.test.ts, report.test.ts and diff.test.ts run the built
// CLI end to end).
import * as assert from 'assert';
import * as os from 'os';
import { oneOf } from '../../server/src/cli/args';
import { runDiff } from '../../server/src/cli/diff';
import { UsageError } from '../../server/src/cli/files';
import { runLint } from '../../server/src/cli/lint';
import { runReport } from '../../server/src/cli/report';

const COLOURS = ['red', 'green', 'blue'] as const;

function usage(message: string) {
  return (e: unknown) => e instanceof UsageError && e.message === message;
}

describe('cli arguments: oneOf', () => {
  it('gives back a value that is one of the choices', () => {
    const c: (typeof COLOURS)[number] = oneOf('green', COLOURS, 'colour');
    assert.strictEqual(c, 'green');
    assert.strictEqual(oneOf('red', COLOURS, 'colour'), 'red');
    assert.strictEqual(oneOf('blue', COLOURS, 'colour'), 'blue');
  });

  it('refuses anything else with a usage error that names what it is and every choice', () => {
    assert.throws(() => oneOf('pink', COLOURS, 'colour'), usage('unknown colour "pink" (use red, green, blue)'));
    // Exact: no other case, no prefix, no padding, not empty.
    for (const v of ['Red', 'gree', 'green ', ' blue', ''])
      assert.throws(() => oneOf(v, COLOURS, 'colour'), usage(`unknown colour "${v}" (use red, green, blue)`));
  });
});

describe("cli arguments: each command's --format goes through oneOf", () => {
  const commands: { name: string; formats: string; run: (argv: string[], io: Io) => number | Promise<number> }[] = [
    { name: 'lint', formats: 'stylish, json, sarif', run: (argv, io) => runLint(argv, { ...io, color: false, version: '0.0.0' }) },
    { name: 'report', formats: 'md, html, json', run: (argv, io) => runReport(argv, { ...io, version: '0.0.0' }) },
    { name: 'diff', formats: 'md, json, stylish', run: (argv, io) => runDiff(argv, io) },
  ];
  interface Io {
    cwd: string;
    stdout: (s: string) => void;
    stderr: (s: string) => void;
  }
  async function run(c: (typeof commands)[number], argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await c.run(argv, { cwd: os.tmpdir(), stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  }

  for (const c of commands) {
    it(`${c.name}: an unknown format is a usage error (exit 2) naming ${c.formats}; each of those is taken`, async () => {
      for (const argv of [['--format', 'xml'], ['-f', 'xml'], ['--format=xml']]) {
        const r = await run(c, [...argv, '--help']);
        assert.deepStrictEqual(
          r,
          { code: 2, stdout: '', stderr: `journeymap ${c.name}: unknown format "xml" (use ${c.formats})\n` },
          argv.join(' '),
        );
      }
      // A known format passes the check: --help then answers (and reads no file).
      for (const f of c.formats.split(', ')) {
        const r = await run(c, ['--format', f, '--help']);
        assert.strictEqual(r.code, 0, `--format ${f}: ${r.stderr}`);
        assert.match(r.stdout, new RegExp(`^Usage: journeymap ${c.name} `));
      }
    });
  }
});
