// The language client: starts the bundled server (dist/server.js) over IPC for journey and
// persona files, and keeps its settings and file events in sync.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

export const JOURNEY_FILES = '**/*.{journey,persona}.{yaml,yml}';

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // No scheme: untitled and virtual-workspace documents are checked too (the server reads
    // only what it is sent).
    documentSelector: [{ language: 'journey' }, { language: 'persona' }],
    synchronize: {
      configurationSection: 'journeymap',
      fileEvents: vscode.workspace.createFileSystemWatcher(JOURNEY_FILES),
    },
    outputChannel: output,
  };
  // The id 'journeymap' makes the client honour the `journeymap.trace.server` setting.
  return new LanguageClient('journeymap', 'Journey Maps', serverOptions, clientOptions);
}
