// The language server's entry point (dist/server.js). `--stdio` or `--node-ipc` picks the
// transport; vscode-languageserver reads it from the command line.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

// Last line of defence: a bug must cost one answer, never the process.
process.on('uncaughtException', (e) => console.error('journeymap: uncaught', e));
process.on('unhandledRejection', (e) => console.error('journeymap: unhandled rejection', e));

startServer(createConnection(ProposedFeatures.all));
