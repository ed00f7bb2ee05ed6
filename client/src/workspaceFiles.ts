// The workspace's journey and persona files, and the data files (CSV) journeys name, read for
// a server that has no disk (the browser's Web Worker): `journeymap/findFiles` and
// `journeymap/readFile` answered with vscode.workspace.findFiles and vscode.workspace.fs, so
// any file system VS Code has (vscode-vfs:// on github.dev, vscode-test-web://, file://)
// serves. The Node server never asks.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FindFilesParams,
  FindFilesRequest,
  FindFilesResult,
  ReadFileParams,
  ReadFileRequest,
  ReadFileResult,
} from '../../server/src/protocol';

/** Journey and persona files, and a folder's `.journeymaprc.json` (the server's settings file). */
const READABLE = /(\.(journey|persona)\.ya?ml|\/\.journeymaprc\.json)$/i;
/** The data files journeys name (`data`): CSV. */
const DATA = /\.csv$/i;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** As the core's MAX_DATA_BYTES (server/src/core/data.ts), with the same words when a file is bigger. */
const MAX_DATA_BYTES = 10 * 1024 * 1024;
/** vscode.FileSystemError codes in the words the Node server uses for a data file it cannot read. */
const REASONS: Record<string, string> = {
  FileNotFound: 'no such file',
  FileIsADirectory: 'a folder, not a file',
  FileNotADirectory: 'a part of the path is not a folder',
  NoPermissions: 'permission denied',
  Unavailable: 'the file system is unavailable',
};
/** As many as the Node server's scan would index. */
const MAX_FILES = 100_000;

export function registerWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(FindFilesRequest.method, async (params: FindFilesParams): Promise<FindFilesResult> => {
    const folders = Array.isArray(params?.folders) ? params.folders.filter((f): f is string => typeof f === 'string') : [];
    const uris: string[] = [];
    for (const folder of folders) {
      const base = vscode.Uri.parse(folder);
      const found = await vscode.workspace.findFiles(
        new vscode.RelativePattern(base, '**/*.{journey,persona}.{yaml,yml}'),
        '**/{node_modules,.git}/**',
        MAX_FILES,
      );
      uris.push(...found.map((u) => u.toString()));
    }
    return { uris: [...new Set(uris)].sort() };
  });
  client.onRequest(ReadFileRequest.method, async (params: ReadFileParams): Promise<ReadFileResult> => {
    if (typeof params?.uri === 'string' && DATA.test(params.uri)) return readDataFile(params.uri);
    // Only journey and persona files, the settings file and data files: the server has no business with any other.
    if (typeof params?.uri !== 'string' || !READABLE.test(params.uri)) return { text: null };
    try {
      const uri = vscode.Uri.parse(params.uri);
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_FILE_BYTES) return { text: null };
      return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
    } catch {
      return { text: null };
    }
  });
}

/** A data file's text, or why it cannot be read (in the Node server's words). */
async function readDataFile(name: string): Promise<ReadFileResult> {
  try {
    const uri = vscode.Uri.parse(name, true);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { text: null, error: REASONS.FileIsADirectory };
    if (stat.size > MAX_DATA_BYTES) {
      return {
        text: null,
        error:
          `too large: ${(stat.size / 1024 / 1024).toFixed(1)} MB; ` +
          `Journey Maps reads data files up to ${MAX_DATA_BYTES / 1024 / 1024} MB`,
      };
    }
    return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (e) {
    const code = e instanceof vscode.FileSystemError ? e.code : undefined;
    return { text: null, error: (code && REASONS[code]) ?? (e instanceof Error ? e.message : String(e)) };
  }
}
