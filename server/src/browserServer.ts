// The browser language server's entry point (dist/web/server.js), run in a Web Worker by the
// web extension (vscode.dev, github.dev): LSP over the worker's messages, files read through
// the client. The same server as server.ts; only the transport and the file access differ.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { clientHost } from './lsp/clientHost';
import { withPositionEncoding } from './lsp/encoding';
import { startServer } from './lsp/startServer';

// The worker's global scope, typed by what is used of it (the project's lib is the DOM's).
declare const self: Worker;

// Last line of defence, as in server.ts: a bug must cost one answer, never the worker.
self.addEventListener('error', (e: ErrorEvent) => console.error('journeymap: uncaught', e.error ?? e.message));
self.addEventListener('unhandledrejection', (e: Event) =>
  console.error('journeymap: unhandled rejection', (e as PromiseRejectionEvent).reason),
);

// The same position-encoding layer as the Node server's (closed files pass as UTF-16: the
// worker cannot read them at once, and VS Code asks for UTF-16 anyway).
const { reader, writer } = withPositionEncoding(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const connection = createConnection(ProposedFeatures.all, reader, writer);
startServer(connection, clientHost(connection));
