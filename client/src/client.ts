// What both language clients share, whatever their transport: which documents the server
// checks, the settings and file events it follows, and the file access the browser's server
// asks for. The entries (extension.ts for Node, web/extension.ts for the browser) make the
// client: a child process over IPC, or a Web Worker.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerWorkspaceFiles } from './workspaceFiles';

/**
 * The URI schemes of documents the server checks: the disk, unsaved files, and the browser's virtual workspaces
 * (github.dev / vscode.dev, VS Code for the web's test file system), and remote hosts.
 */
export const EDITED_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'vscode-remote'];

export const JOURNEY_FILES = '**/*.{journey,persona}.{yaml,yml}';
/** The id 'journeymap' makes the client honour the `journeymap.trace.server` setting. */
export const CLIENT_ID = 'journeymap';
export const CLIENT_NAME = 'Journey Maps';

export type CreateClient = (context: vscode.ExtensionContext, output: vscode.LogOutputChannel) => BaseLanguageClient;

export function clientOptions(output: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    // No scheme: untitled and virtual-workspace documents are checked too (the server reads
    // only what it is sent, or what it asks the client for).
    // Documents a user edits, on disk or in a virtual workspace; not the read-only copies other
    // extensions open (the Git extension's `git:` versions behind quick diff and compare): the
    // server would count each as one more journey, in the portfolio and in duplicate ids.
    documentSelector: EDITED_SCHEMES.flatMap((scheme) => [
      { language: 'journey', scheme },
      { language: 'persona', scheme },
    ]),
    synchronize: {
      configurationSection: 'journeymap',
      fileEvents: vscode.workspace.createFileSystemWatcher(JOURNEY_FILES),
    },
    outputChannel: output,
    // The server sends each model after the first as a diff (journeymap/modelDiff); models.ts applies it.
    initializationOptions: { modelDiff: true },
  };
}

/** Wires what every client needs besides its transport: answers to the server's file requests. */
export function prepareClient(client: BaseLanguageClient): BaseLanguageClient {
  registerWorkspaceFiles(client);
  return client;
}
