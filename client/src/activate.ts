// The extension, whatever it runs on: the language client, the model store fed by the server,
// the map previews, the commands and the status bar item. The entries (extension.ts under
// Node, web/extension.ts in the browser) hand it the client they made.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CreateClient, JOURNEY_FILES, prepareClient } from './client';
import { registerCommands } from './commands';
import { registerCompare } from './compare';
import { ModelStore } from './models';
import { PreviewManager } from './preview';
import { JourneyStatus } from './status';
import { JourneysView } from './journeysView';
import { PortfolioReport } from './portfolioReport';
import { IdsRequest, IdsResult } from '../../server/src/protocol';
import { toMermaidJourney } from '../../webview/src/mermaid';

let client: BaseLanguageClient | undefined;

export function activateWith(context: vscode.ExtensionContext, createClient: CreateClient): void {
  const output = vscode.window.createOutputChannel('Journey Maps', { log: true });
  client = prepareClient(createClient(context, output));
  const store = new ModelStore(client);
  const watcher = vscode.workspace.createFileSystemWatcher(JOURNEY_FILES);
  const previews = new PreviewManager(store, context.extensionUri, watcher);
  const journeys = new JourneysView(client);
  context.subscriptions.push(
    journeys,
    new PortfolioReport(
      journeys.onDidAnnounce,
      () => journeys.current(),
      String((context.extension.packageJSON as { version?: unknown }).version ?? ''),
    ),
    output,
    store,
    watcher,
    previews,
    new JourneyStatus(store, previews),
    ...registerCompare(client, store, previews),
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
        // What the Node client's restart() does; the browser's client has none.
        if (client!.isRunning()) await client!.stop();
        await client!.start();
      },
    }),
  );
  // Activation does not wait for the server: the editor stays responsive while it starts.
  client.start().catch((e: unknown) => output.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`));
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
