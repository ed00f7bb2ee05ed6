// Finds the journey and persona files under a workspace folder, without following symlinked
// folders (no loops) and skipping node_modules and .git.
import { promises as fs } from 'node:fs';
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
