// The Node server's host: the workspace is read from the disk, directly.
import { promises as fs, readFileSync, statSync } from 'node:fs';
import { readDataFile } from '../readData';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MAX_FILE_BYTES, ServerHost } from './host';
import { findCsvFilesSync, findJourneyFiles } from './scan';

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export const nodeHost: ServerHost = {
  readDataFile,
  folderOf: pathOf,
  fileIn: (folder, name) => pathToFileURL(path.join(folder, name)).href,
  async findFiles(folders) {
    const out: string[] = [];
    for (const folder of folders) for (const p of await findJourneyFiles(folder)) out.push(pathToFileURL(p).href);
    return out;
  },
  async readFile(uri) {
    const file = pathOf(uri);
    if (!file) return undefined;
    try {
      return await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  readFileSync(uri) {
    const file = pathOf(uri);
    if (!file) return undefined;
    try {
      if (statSync(file).size > MAX_FILE_BYTES) return undefined;
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  pathOf,
  listDataFiles(journeyUri) {
    const file = pathOf(journeyUri);
    return file ? findCsvFilesSync(path.dirname(file)) : [];
  },
  savedUriOf(uri) {
    const file = pathOf(uri);
    return file ? pathToFileURL(file).href : undefined;
  },
};
