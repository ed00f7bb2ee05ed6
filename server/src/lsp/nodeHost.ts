// The Node server's host: the workspace is read from the disk, directly.
import { promises as fs, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MAX_FILE_BYTES, ServerHost } from './host';
import { findJourneyFiles } from './scan';

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export const nodeHost: ServerHost = {
  async findFiles(folderUris) {
    const out: string[] = [];
    for (const folder of folderUris) {
      const root = pathOf(folder);
      if (root) for (const p of await findJourneyFiles(root)) out.push(pathToFileURL(p).href);
    }
    return out;
  },
  async readFile(uri) {
    const path = pathOf(uri);
    if (!path) return undefined;
    try {
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  readFileSync(uri) {
    const path = pathOf(uri);
    if (!path) return undefined;
    try {
      if (statSync(path).size > MAX_FILE_BYTES) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  pathOf,
  savedUriOf(uri) {
    const path = pathOf(uri);
    return path ? pathToFileURL(path).href : undefined;
  },
};
