// The extension's browser entry (package.json `browser`, dist/web/extension.js) for vscode.dev
// and github.dev: the language server is dist/web/server.js in a Web Worker. Everything else
// is the code the Node entry runs.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith } from '../activate';
import { CLIENT_ID, CLIENT_NAME, clientOptions } from '../client';

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, (ctx, output) => {
    const serverUrl = vscode.Uri.joinPath(ctx.extensionUri, 'dist/web/server.js').toString(true);
    let worker: Worker | undefined;
    // A function, so that a restart starts a fresh worker (and ends the old one).
    const startWorker = async () => {
      worker?.terminate();
      worker = new Worker(serverUrl, { name: 'Journey Maps language server' });
      return worker;
    };
    return new LanguageClient(CLIENT_ID, CLIENT_NAME, startWorker, clientOptions(output));
  });
}

export { deactivate } from '../activate';
