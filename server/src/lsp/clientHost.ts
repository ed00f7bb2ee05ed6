// The browser server's host: a Web Worker has no disk, so the workspace is read through the
// client (`journeymap/findFiles` and `journeymap/readFile`, answered with vscode.workspace.fs
// and findFiles; journeys' data files too), which works on every file system VS Code has: vscode-vfs://, vscode-test-web://...
import type { Connection } from 'vscode-languageserver';
import { FindFilesRequest, FindFilesResult, ReadFileRequest, ReadFileResult } from '../protocol';
import type { ServerHost } from './host';

export function clientHost(connection: Connection): ServerHost {
  return {
    folderOf: (uri) => uri,
    fileIn: (folder, name) => (folder.endsWith('/') ? folder : folder + '/') + name,
    async findFiles(folders) {
      if (folders.length === 0) return [];
      const result = await connection.sendRequest<FindFilesResult>(FindFilesRequest.method, { folders });
      return Array.isArray(result?.uris) ? result.uris.filter((u): u is string => typeof u === 'string') : [];
    },
    async readFile(uri) {
      try {
        const result = await connection.sendRequest<ReadFileResult>(ReadFileRequest.method, { uri });
        return typeof result?.text === 'string' ? result.text : undefined;
      } catch {
        return undefined;
      }
    },
    // A journey's data file, through the same request; the client says why it cannot give one.
    async readDataFile(uri) {
      try {
        const result = await connection.sendRequest<ReadFileResult>(ReadFileRequest.method, { uri });
        if (typeof result?.text === 'string') return { text: result.text };
        return { error: typeof result?.error === 'string' && result.error ? result.error : 'the editor could not read it' };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    },
    // No file paths here: a URI is the file's only name.
    pathOf: () => undefined,
    // A closed document goes back to its saved text, read again through the client; untitled ones have none.
    savedUriOf: (uri) => (uri.startsWith('untitled:') ? undefined : uri),
  };
}
