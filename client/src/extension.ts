// Entry point of the extension: the language client, the model store fed by the server, the
// map previews, the commands and the status bar item.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient, JOURNEY_FILES } from './client';
import { registerCommands } from './commands';
import { ModelStore } from './models';
import { PreviewManager } from './preview';
import { JourneyStatus } from './status';
import { IdsRequest, IdsResult } from '../../server/src/protocol';
import { toMermaidJourney } from '../../webview/src/mermaid';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Journey Maps', { log: true });
  client = createClient(context, output);
  const store = new ModelStore(client);
  const watcher = vscode.workspace.createFileSystemWatcher(JOURNEY_FILES);
  const previews = new PreviewManager(store, context.extensionUri, watcher);
  context.subscriptions.push(
    output,
    store,
    watcher,
    previews,
    new JourneyStatus(store, previews),
    ...registerCommands({
      context,
      store,
      previews,
      mermaid: toMermaidJourney,
      workspaceIds: async () => {
        if (!client!.isRunning()) await client!.start();
        return client!.sendRequest<IdsResult>(IdsRequest.method, {});
      },
      restartServer: async () => {
        output.info('Restarting the language server.');
        await client!.restart();
      },
    }),
  );
  // Activation does not wait for the server: the editor stays responsive while it starts.
  client.start().catch((e: unknown) => output.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`));
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
