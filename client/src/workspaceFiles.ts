// The workspace's journey and persona files, read for a server that has no disk (the
// browser's Web Worker): `journeymap/findFiles` and `journeymap/readFile` answered with
// vscode.workspace.findFiles and vscode.workspace.fs, so any file system VS Code has
// (vscode-vfs:// on github.dev, vscode-test-web://, file://) serves. The Node server never asks.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FindFilesParams, FindFilesRequest, FindFilesResult, ReadFileParams, ReadFileRequest, ReadFileResult } from '../../server/src/protocol';

/** Journey and persona files, and a folder's `.journeymaprc.json` (the server's settings file). */
const READABLE = /(\.(journey|persona)\.ya?ml|\/\.journeymaprc\.json)$/i;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** As many as the Node server's scan would index. */
const MAX_FILES = 100_000;

export function registerWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(FindFilesRequest.method, async (params: FindFilesParams): Promise<FindFilesResult> => {
    const folders = Array.isArray(params?.folders) ? params.folders.filter((f): f is string => typeof f === 'string') : [];
    const uris: string[] = [];
    for (const folder of folders) {
      const base = vscode.Uri.parse(folder);
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*.{journey,persona}.{yaml,yml}'), '**/{node_modules,.git}/**', MAX_FILES);
      uris.push(...found.map((u) => u.toString()));
    }
    return { uris: [...new Set(uris)].sort() };
  });
  client.onRequest(ReadFileRequest.method, async (params: ReadFileParams): Promise<ReadFileResult> => {
    // Only journey and persona files and the settings file: the server has no business with any other.
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
