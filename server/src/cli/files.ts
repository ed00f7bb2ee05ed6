// Finding files for the CLI: folders walked recursively, globs matched by a small matcher
// (Node 20 has no fs.globSync), and every journey and persona file under the root for the
// workspace index. All paths returned are absolute.
import * as fs from 'fs';
import * as path from 'path';
import { isJourneyOrPersonaFile } from '../core/parse';

/** Folders never worth walking: dependencies and git's own store. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** A failure the user must fix (missing path, unreadable folder): exit code 2. */
export class UsageError extends Error {}

/**
 * Every file under `dir` whose absolute path passes `keep`, sorted, skipping node_modules and
 * .git. An unreadable folder is a usage error unless `onUnreadable` takes it.
 */
export function walk(dir: string, keep: (file: string) => boolean, onUnreadable?: (folder: string, e: Error) => void): string[] {
  const out: string[] = [];
  const visit = (folder: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      if (!onUnreadable) throw new UsageError(`cannot read folder ${folder}: ${(e as Error).message}`);
      onUnreadable(folder, e as Error);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(full);
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFile(full))) {
        // Symlinked folders are not followed: they can loop.
        if (keep(full)) out.push(full);
      }
    }
  };
  visit(dir);
  return out;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** True when the argument uses glob syntax. */
export function hasGlobSyntax(arg: string): boolean {
  return /[*?[{]/.test(arg);
}

/**
 * Turns a glob into a regular expression over `/`-separated paths: `**` spans folders, `*`
 * and `?` stay within one, `[abc]`/`[!abc]` are classes, `{a,b}` alternatives.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (atSegmentStart && glob[i + 2] === '/') {
          re += '(?:[^/]*/)*'; // `**/`: zero or more folders
          i += 2;
          continue;
        }
        if (atSegmentStart && i + 2 === glob.length) {
          re += '.*';
          i += 1;
          continue;
        }
        i += 1; // `a**b` is just `*`
      }
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else if (c === '\\' && i + 1 < glob.length) {
      re += escapeRegExp(glob[++i]);
    } else {
      re += escapeRegExp(c);
    }
  }
  re += ')'.repeat(braces);
  return new RegExp(`^${re}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Files matching a glob, relative to `cwd`. The walk starts at the glob's literal prefix
 * (`samples/` for `samples/*.journey.yaml`) and keeps journey and persona files only.
 */
export function expandGlob(glob: string, cwd: string): string[] {
  const pattern = glob.split(path.sep).join('/');
  const segments = pattern.split('/');
  let literal = 0;
  while (literal < segments.length - 1 && !hasGlobSyntax(segments[literal])) literal++;
  const baseText = segments.slice(0, literal).join('/');
  const base = path.resolve(cwd, baseText === '' && pattern.startsWith('/') ? '/' : baseText || '.');
  const matcher = globToRegExp(segments.slice(literal).join('/'));
  if (!isFolder(base)) return [];
  return walk(base, (file) => isJourneyOrPersonaFile(file) && matcher.test(toSlashes(path.relative(base, file))));
}

export function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The files the user named, in argument order, each once. A folder gives its journey and
 * persona files; a file is taken whatever its name (the user asked for it); a glob that
 * matches nothing or a path that does not exist is a usage error.
 */
export function resolveTargets(args: string[], cwd: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (files: string[]): void => {
    for (const f of files) {
      if (!seen.has(f)) {
        seen.add(f);
        out.push(f);
      }
    }
  };
  for (const arg of args) {
    const full = path.resolve(cwd, arg);
    let stat: fs.Stats | null;
    try {
      stat = fs.statSync(full);
    } catch {
      stat = null;
    }
    if (stat?.isDirectory()) {
      const found = walk(full, isJourneyOrPersonaFile);
      if (found.length === 0) throw new UsageError(`no journey or persona files in ${arg}`);
      add(found);
    } else if (stat) {
      add([full]);
    } else if (hasGlobSyntax(arg)) {
      const found = expandGlob(arg, cwd);
      if (found.length === 0) throw new UsageError(`no journey or persona files match ${arg}`);
      add(found);
    } else {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
  }
  return out;
}

/** A path as the CLI prints it: relative to the working directory, with `/` separators. */
export function displayPath(file: string, cwd: string): string {
  return toSlashes(path.relative(cwd, file)) || '.';
}

export function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}
