// Finds the journey and persona files under a workspace folder, without following symlinked
// folders (no loops) and skipping node_modules and .git.
import { promises as fs, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { isJourneyOrPersonaFile } from '../core/parse';

const SKIP = new Set(['node_modules', '.git']);

export async function findJourneyFiles(root: string, limit = 100_000): Promise<string[]> {
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < limit) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: index what we can
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) stack.push(full);
      } else if (e.isFile() && isJourneyOrPersonaFile(e.name)) {
        out.push(full);
      }
    }
  }
  return out.sort();
}

/**
 * The CSV files under a journey's folder, as paths relative to it with `/` separators (what a
 * journey's `data` names), for completion: synchronous and bounded (this many files, this
 * deep), skipping node_modules, .git and hidden folders.
 */
export function findCsvFilesSync(folder: string, limit = 500, depth = 6): string[] {
  const out: string[] = [];
  const stack: { dir: string; rel: string; level: number }[] = [{ dir: folder, rel: '', level: 0 }];
  while (stack.length && out.length < limit) {
    const { dir, rel, level } = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const name = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.') && level < depth)
          stack.push({ dir: path.join(dir, e.name), rel: name, level: level + 1 });
      } else if (e.isFile() && /\.csv$/i.test(e.name) && out.length < limit) {
        out.push(name);
      }
    }
  }
  return out.sort();
}
