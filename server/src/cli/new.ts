// `journeymap new journey --from-sample NAME [DIR]` and `journeymap new persona ID [DIR]`: the
// extension's "New Journey from Sample" and "New Persona" on the command line. A journey is
// copied under a free id with the personas it names, and the as-is journey a to-be sample
// names as its `baseline`, that the workspace (--root) lacks; the
// copies' `$schema` modeline points at the schemas shipped beside the CLI when they lie in the
// same project as DIR, else it is dropped. Never writes over a file.
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { ID_PATTERN } from '../core/ids';
import { isJourneyOrPersonaFile } from '../core/parse';
import { baselineToCopy, personasToCopy, starterText } from '../core/starter';
import { WorkspaceIndex } from '../core/workspace';
import { displayPath, isFolder, UsageError, walk } from './files';
import { uriOf } from './lint';

/** samples/ and schemas/ sit beside dist/, in this repository and in the journeymap-cli package. */
const HOME = path.resolve(__dirname, '..');

export const NEW_HELP = `Usage: journeymap new journey --from-sample NAME [DIR] [--root DIR]
       journeymap new persona ID [DIR] [--root DIR]

Writes a starter file into DIR (default: the working directory; created when missing).

  journey --from-sample NAME   copy a sample journey (NAME: its id, e.g. buy-phone-online) under a
                               free id, with the sample personas it names (and a to-be sample's
                               as-is journey) that --root lacks
  persona ID                   a new persona file with placeholder values
  --root DIR                   the workspace whose journey and persona ids must not clash
                               (default: the working directory)
  -h, --help                   show this help

Samples: ${sampleNames().join(', ') || '(none found)'}

A copy's "# yaml-language-server: $schema=" line points at the schemas shipped with journeymap
when they are in the same project (an installed journeymap-cli); otherwise it is left out.
Exit status: 0 written, 2 usage or I/O failure (unknown sample, bad id, a file in the way).
`;

export interface NewIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface Sample {
  file: string;
  id: string;
  kind: 'journey' | 'persona';
  text: string;
}

function samples(): Sample[] {
  const dir = path.join(HOME, 'samples');
  if (!isFolder(dir)) return [];
  const out: Sample[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const kind = /\.journey\.ya?ml$/.test(name) ? 'journey' : /\.persona\.ya?ml$/.test(name) ? 'persona' : null;
    if (!kind) continue;
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    const data = parseDocument(text).toJS() as Record<string, unknown> | null;
    const id = data?.[kind];
    if (typeof id !== 'string') continue;
    out.push({ file, id, kind, text });
  }
  return out;
}

function sampleNames(): string[] {
  return samples()
    .filter((s) => s.kind === 'journey')
    .map((s) => s.id);
}

export function runNew(argv: string[], io: NewIO): number {
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      io.stdout(NEW_HELP);
      return 0;
    }
    const dir = path.resolve(io.cwd, args.dir ?? '.');
    const root = path.resolve(io.cwd, args.root ?? '.');
    if (fs.existsSync(dir) && !isFolder(dir)) throw new UsageError(`${args.dir} is not a folder`);
    // The target folder may be the root, and need not exist yet.
    if (root !== dir && !isFolder(root)) throw new UsageError(`--root is not a folder: ${args.root}`);
    const index = indexOf(root, dir);
    const written = args.kind === 'journey' ? newJourney(args.name, dir, index) : [newPersona(args.name, dir, index)];
    for (const file of written) io.stdout(`${displayPath(file, io.cwd)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`journeymap new: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function parseArgs(argv: string[]): 'help' | { kind: 'journey' | 'persona'; name: string; dir?: string; root?: string } {
  const positional: string[] = [];
  let sample: string | undefined;
  let root: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '-h' || name === '--help') return 'help';
    else if (name === '--from-sample') sample = value();
    else if (name === '--root') root = value();
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${name} (see journeymap new --help)`);
    else positional.push(arg);
  }
  const [kind, ...rest] = positional;
  if (kind === 'journey') {
    if (sample === undefined)
      throw new UsageError(`name the sample: journeymap new journey --from-sample NAME [DIR] (samples: ${sampleNames().join(', ')})`);
    if (rest.length > 1) throw new UsageError('new journey takes one folder');
    return { kind, name: sample, dir: rest[0], root };
  }
  if (kind === 'persona') {
    if (sample !== undefined) throw new UsageError('--from-sample is for journeys; a persona starts from placeholders');
    if (rest.length === 0) throw new UsageError('name the persona id: journeymap new persona ID [DIR]');
    if (rest.length > 2) throw new UsageError('new persona takes an id and one folder');
    return { kind, name: rest[0], dir: rest[1], root };
  }
  throw new UsageError(
    kind === undefined
      ? 'say what to create: journeymap new journey|persona (see journeymap new --help)'
      : `cannot create "${kind}": use journey or persona`,
  );
}

/** The ids already taken: every journey and persona under the root and in the target folder. */
function indexOf(root: string, dir: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const top of new Set([root, dir])) {
    if (!isFolder(top)) continue;
    for (const file of walk(top, isJourneyOrPersonaFile)) {
      try {
        index.update(uriOf(file), fs.readFileSync(file, 'utf8'));
      } catch {
        // An unreadable file only loses its ids.
      }
    }
  }
  return index;
}

function newJourney(name: string, dir: string, index: WorkspaceIndex): string[] {
  const all = samples();
  const sample = all.find((s) => s.kind === 'journey' && (s.id === name || path.basename(s.file).startsWith(`${name}.`)));
  if (!sample) throw new UsageError(`no sample journey "${name}" (samples: ${sampleNames().join(', ')})`);
  const target = freeFile(dir, sample.id, 'journey', (id) => index.journeys(id).length > 0);
  const written = [writeNew(target.file, starterText(sample.text, 'journey', target.id, schemaPath(dir, 'journey')))];
  // A to-be sample's as-is journey comes along under its own id, so `baseline` resolves.
  const baseline = baselineToCopy(
    sample,
    all.filter((s) => s.kind === 'journey'),
    (id) => index.journeys(id).length > 0,
  );
  const copies = [sample];
  if (baseline && !fs.existsSync(path.join(dir, path.basename(baseline.file)))) {
    written.push(
      writeNew(
        path.join(dir, path.basename(baseline.file)),
        starterText(baseline.text, 'journey', baseline.id, schemaPath(dir, 'journey')),
      ),
    );
    copies.push(baseline);
  }
  for (const personaId of personasToCopy(
    copies.map((c) => c.text),
    (id) => index.personas(id).length > 0,
  )) {
    const persona = all.find((s) => s.kind === 'persona' && s.id === personaId);
    if (!persona) continue;
    const file = path.join(dir, path.basename(persona.file));
    if (fs.existsSync(file)) continue; // another file by that name, with another id: leave it be
    written.push(writeNew(file, starterText(persona.text, 'persona', personaId, schemaPath(dir, 'persona'))));
  }
  // Their data files (CSV) too, at the same paths relative to the copy, never over a file.
  for (const copy of copies) {
    const data = parseDocument(copy.text).toJS()?.data;
    for (const rel of Array.isArray(data) ? data.filter((p): p is string => typeof p === 'string') : []) {
      if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) continue;
      const source = path.join(path.dirname(copy.file), rel);
      const target = path.join(dir, rel);
      if (fs.existsSync(target) || !fs.existsSync(source)) continue;
      written.push(writeNew(target, fs.readFileSync(source, 'utf8')));
    }
  }
  return written;
}

function newPersona(id: string, dir: string, index: WorkspaceIndex): string {
  if (!ID_PATTERN.test(id))
    throw new UsageError(`"${id}" is not a persona id: use lower-case letters, digits and single dashes, e.g. first-time-buyer`);
  const target = freeFile(dir, id, 'persona', (p) => index.personas(p).length > 0);
  const name = target.id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const schema = schemaPath(dir, 'persona');
  // The extension's placeholders: valid values, so the new file starts without errors.
  const text = [
    ...(schema ? [`# yaml-language-server: $schema=${schema}`] : []),
    `persona: ${target.id}`,
    `name: ${name}`,
    'role: Their role',
    'segment: Their segment',
    'quote: "What they would say about this"',
    'goals: [What they want to achieve]',
    'frustrations: [What gets in their way]',
    'channels: [web]',
    '',
  ].join('\n');
  return writeNew(target.file, text);
}

/** `<id>.<kind>.yaml`, or `<id>-2...` while that file (.yaml or .yml) exists or the id is taken. */
function freeFile(dir: string, base: string, kind: 'journey' | 'persona', taken: (id: string) => boolean): { file: string; id: string } {
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    const file = path.join(dir, `${id}.${kind}.yaml`);
    if (!taken(id) && !fs.existsSync(file) && !fs.existsSync(path.join(dir, `${id}.${kind}.yml`))) return { file, id };
  }
  throw new UsageError(`no free name for ${base} in ${dir}`);
}

function writeNew(file: string, text: string): string {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { flag: 'wx' }); // wx: fail rather than overwrite
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
  }
  return file;
}

/**
 * The shipped schema relative to DIR, when both are inside DIR's project (the nearest folder
 * up with package.json or .git): an installed journeymap-cli, or this repository. A path that
 * leaves the project would not resolve on another machine, so then there is no modeline.
 */
function schemaPath(dir: string, kind: 'journey' | 'persona'): string | null {
  const schema = path.join(HOME, 'schemas', `${kind}.schema.json`);
  if (!fs.existsSync(schema)) return null;
  let project: string | null = null;
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) || fs.existsSync(path.join(d, '.git'))) {
      project = d;
      break;
    }
    if (path.dirname(d) === d) break;
  }
  if (!project) return null;
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  const fromProject = path.relative(real(project), real(schema));
  if (fromProject.startsWith('..') || path.isAbsolute(fromProject)) return null;
  return path.relative(dir, path.join(project, fromProject)).split(path.sep).join('/');
}
