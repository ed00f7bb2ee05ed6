// The `journeymap` command: a thin dispatcher. `lint` checks files, `render` draws a map,
// `report` ranks the portfolio across journeys, `diff` compares with a git ref, `new` writes
// starters.
import { version } from '../../package.json';
import { runDiff } from './cli/diff';
import { runLint } from './cli/lint';
import { runNew } from './cli/new';
import { runRender } from './cli/render';
import { runReport } from './cli/report';
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { serveWorker } from './cli/parallel';

const HELP = `Usage: journeymap <command> [options]

Commands (each takes --help for all its options):
  lint [paths or globs...]     check journey and persona files; --fix, --format sarif for CI
  render FILE -o OUT.svg|html  draw the journey map of a file
  report [paths or globs...]   the portfolio across journeys, ranked by money
  diff [paths...] [--base REF] what changed in each journey since a git ref
  new journey --from-sample NAME [DIR]
                               copy a sample journey with its personas
  new persona ID [DIR]         write a new persona file

Options:
  -h, --help      show this help
  -v, --version   print the version
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return runLint(rest, {
        cwd: process.cwd(),
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        version,
      });
    case 'render':
      return runRender(rest);
    case 'report':
      return runReport(rest, {
        cwd: process.cwd(),
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        version,
      });
    case 'diff':
      return runDiff(rest, { cwd: process.cwd(), stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case 'new':
      return runNew(rest, { cwd: process.cwd(), stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    case '-v':
    case '--version':
      process.stdout.write(`${version}\n`);
      return 0;
    case '-h':
    case '--help':
      process.stdout.write(HELP);
      return 0;
    case undefined:
      process.stderr.write(HELP);
      return 2;
    default:
      process.stderr.write(`journeymap: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

// A worker of `lint`/`report` on a large workspace (cli/parallel.ts) is this bundle again: it only serves jobs.
if (!isMainThread && (workerData as { journeymapWorker?: boolean } | null)?.journeymapWorker) serveWorker(parentPort!);
else startCli();

function startCli(): void {
  // `journeymap lint | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  // exitCode, not exit(): let piped output drain before the process ends.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`journeymap: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
