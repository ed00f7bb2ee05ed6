// The Node language server's entry point (dist/server.js). `--stdio` or `--node-ipc` picks the
// transport; between it and the connection sits the position-encoding layer (lsp/encoding.ts);
// files are read from the disk (lsp/nodeHost.ts). The browser's entry is browserServer.ts; both
// start the same server.
import { format } from 'node:util';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  MessageReader,
  MessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { withPositionEncoding } from './lsp/encoding';
import { nodeHost } from './lsp/nodeHost';
import { startServer } from './lsp/startServer';

// Last line of defence: a bug must cost one answer, never the process.
process.on('uncaughtException', (e) => console.error('journeymap: uncaught', e));
process.on('unhandledRejection', (e) => console.error('journeymap: unhandled rejection', e));

const stdio = process.argv.includes('--stdio');
const ipc = process.argv.includes('--node-ipc');
let transport: { reader: MessageReader; writer: MessageWriter } | undefined;
if (stdio) transport = { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout) };
else if (ipc) transport = { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process) };

if (transport) {
  const { reader, writer } = withPositionEncoding(transport.reader, transport.writer, nodeHost.readFileSync);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  if (stdio) {
    // As vscode-languageserver does for its own stdio transport: stdout carries the protocol,
    // so console output goes to the client's log; a client that goes away ends the process.
    console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
    console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
    console.error = (...args: unknown[]) => connection.console.error(format(...args));
    let shutdown = false;
    connection.onShutdown(() => void (shutdown = true));
    for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdown ? 0 : 1));
  }
  startServer(connection, nodeHost, profileSink());
} else {
  startServer(createConnection(ProposedFeatures.all), nodeHost, profileSink());
}

/** `JM_SERVER_PROF` set (the benchmark's profile runs): one line of phase timings per check on stderr. */
function profileSink(): ((line: string) => void) | undefined {
  if (!process.env.JM_SERVER_PROF) return undefined;
  return (line) => process.stderr.write(`JMPROF ${line}\n`);
}
