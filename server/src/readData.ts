// Reading a journey's data files from disk, for the language server and the CLI (the core
// reads nothing: it is handed this reader). The size is checked before the file is read.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataText, MAX_DATA_BYTES, tooLarge } from './core/data';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
};

/** The file's text, or why it cannot be read, in words for a diagnostic. */
export function readDataFile(uri: string): DataText {
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return { error: 'not a file on this machine' };
  }
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { error: REASONS.EISDIR };
    if (stat.size > MAX_DATA_BYTES) return { error: tooLarge(stat.size) };
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: (code && REASONS[code]) ?? (e instanceof Error ? e.message : String(e)) };
  }
}

/** The path a data file is known by, whatever the URI's spelling; null for a URI that is no file. */
export function dataFileKey(uri: string): string | null {
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}
