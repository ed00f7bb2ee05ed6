// The Node language server's entry point (dist/server.js): LSP over `--stdio` or `--node-ipc`
// (vscode-languageserver reads it from the command line), files read from the disk. The
// browser's entry is browserServer.ts; both start the same server.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from './lsp/nodeHost';
import { startServer } from './lsp/startServer';

// Last line of defence: a bug must cost one answer, never the process.
process.on('uncaughtException', (e) => console.error('journeymap: uncaught', e));
process.on('unhandledRejection', (e) => console.error('journeymap: unhandled rejection', e));

startServer(createConnection(ProposedFeatures.all), nodeHost);
