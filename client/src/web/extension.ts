// The extension's browser entry (package.json `browser`, dist/web/extension.js) for vscode.dev
// and github.dev: the language server is dist/web/server.js in a Web Worker. Everything else
// is the code the Node entry runs.
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions } from 'vscode-languageclient/browser';
import { activateWith } from '../activate';
import { CLIENT_ID, CLIENT_NAME, clientOptions } from '../client';

// The web extension host's Worker, typed by what is used of it (the client's lib is Node's).
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, (ctx, output) => {
    const serverUrl = vscode.Uri.joinPath(ctx.extensionUri, 'dist/web/server.js').toString(true);
    let worker: ServerWorker | undefined;
    // A function, so that a restart starts a fresh worker (and ends the old one).
    const startWorker = async () => {
      worker?.terminate();
      worker = new Worker(serverUrl, { name: 'Journey Maps language server' });
      return worker;
    };
    // The DOM's Worker type is not in the client's (Node) lib: ours is the same object, typed narrowly.
    return new LanguageClient(CLIENT_ID, CLIENT_NAME, startWorker as unknown as ServerOptions, clientOptions(output));
  });
}

export { deactivate } from '../activate';
