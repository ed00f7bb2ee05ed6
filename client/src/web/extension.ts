// The extension's browser entry (package.json `browser`, dist/web/extension.js) for vscode.dev
// and github.dev: the language server is dist/web/server.js in a Web Worker. Everything else
// is the code the Node entry runs.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, MessageTransports } from 'vscode-languageclient/browser';
import { activateWith } from '../activate';
import { CLIENT_ID, CLIENT_NAME, clientOptions } from '../client';

// The web extension host's Worker, typed by what is used of it (the client's lib is Node's).
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;
type Port = ConstructorParameters<typeof BrowserMessageReader>[0];

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, (ctx, output) => {
    const serverUrl = vscode.Uri.joinPath(ctx.extensionUri, 'dist/web/server.js').toString(true);
    let worker: ServerWorker | undefined;
    // A function, so that a restart starts a fresh worker (and ends the old one). It returns the
    // transports itself: VS Code's extension host wraps Worker, so the client's own
    // `instanceof Worker` test fails and it would take the worker for transports.
    const startWorker = async (): Promise<MessageTransports> => {
      worker?.terminate();
      worker = new Worker(serverUrl, { name: 'Journey Maps language server' });
      const port = worker as unknown as Port;
      return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
    };
    return new LanguageClient(CLIENT_ID, CLIENT_NAME, startWorker, clientOptions(output));
  });
}

export { deactivate } from '../activate';
