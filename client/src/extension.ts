// The extension's Node entry (package.json `main`, dist/extension.js): the language server is
// dist/server.js in a child process, over IPC. The browser entry is web/extension.ts.
import type * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateWith } from './activate';
import { CLIENT_ID, CLIENT_NAME, clientOptions } from './client';

export function activate(context: vscode.ExtensionContext): void {
  activateWith(context, (ctx, output) => {
    const module = ctx.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions(output));
  });
}

export { deactivate } from './activate';
