// What the server needs from the platform it runs on: how to find and read the workspace's
// journey and persona files, and how a URI maps to a file path. The Node server reads the disk
// (nodeHost.ts); the browser's server, in a Web Worker with no disk, asks the client
// (clientHost.ts), and so are the journeys' data files (CSV). Everything else in the server is the same code on both.
import type { DataText } from '../core/data';

export interface ServerHost {
  /** How the server names a workspace folder given by its URI: its path on disk (Node), the URI itself (browser); undefined if unusable. */
  folderOf(uri: string): string | undefined;
  /** The URI of a file directly in a folder (as folderOf names it). */
  fileIn(folder: string, name: string): string;
  /** The journey and persona files under the workspace folders (as folderOf names them); URIs out. */
  findFiles(folders: string[]): Promise<string[]>;
  /** A workspace file's text, or undefined (missing, unreadable, too big). */
  readFile(uri: string): Promise<string | undefined>;
  /** The same, at once; only where reading blocks cheaply (Node). Otherwise the indexed text serves. */
  readFileSync?(uri: string): string | undefined;
  /** The file path a URI names, so two spellings of one file are one file; undefined without a disk. */
  pathOf(uri: string): string | undefined;
  /** Where a closed document's saved text lives, to go back to it; undefined for a document with none. */
  savedUriOf(uri: string): string | undefined;
  /** A data file's (CSV) text or why it cannot be read: at once from the disk (Node), later through the client (browser). */
  readDataFile(uri: string): DataText | Promise<DataText>;
  /** The CSV files under a journey's folder, relative to it (completion of `data`); none where there is no disk. */
  listDataFiles?(journeyUri: string): string[];
}

/** Largest file read at once (the baseline lookup) or sent by the client: the parser refuses 2 MB anyway. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
