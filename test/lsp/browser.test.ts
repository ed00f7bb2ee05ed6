// The browser's language server (dist/web/server.js) is the Node server with another
// transport and another file access: this runs the built worker bundle in a bare JavaScript
// context (no require, no process, no setImmediate: what a Web Worker has), speaks LSP to it
// over a MessagePort as the web extension's client does, and answers its file requests from a
// workspace the way the client answers them from vscode.workspace.fs.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { MessageChannel, MessagePort } from 'node:worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  DataCallback,
  Disposable,
  InitializeResult,
  Message,
  ProtocolConnection,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import type { JourneyModel } from '../../server/src/core/model';
import { FindFilesParams, FindFilesResult, ModelResult, ReadFileParams, ReadFileResult } from '../../server/src/protocol';
import { LspClient, makeWorkspace, ROOT, SERVER, TempWorkspace } from './client';

const WEB_SERVER = path.join(ROOT, 'dist/web/server.js');

class PortReader extends AbstractMessageReader {
  constructor(private readonly port: MessagePort) {
    super();
  }
  listen(callback: DataCallback): Disposable {
    const onMessage = (data: Message) => callback(data);
    this.port.on('message', onMessage);
    return { dispose: () => this.port.off('message', onMessage) };
  }
}

class PortWriter extends AbstractMessageWriter {
  constructor(private readonly port: MessagePort) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.port.postMessage(message);
  }
  end(): void {}
}

/** Runs the worker bundle with `self` as one end of a channel; returns a connection to it. */
function startWebServer(): { connection: ProtocolConnection; logs: string[]; stop(): void } {
  const { port1, port2 } = new MessageChannel();
  const logs: string[] = [];
  const log = (...args: unknown[]) => logs.push(args.map(String).join(' '));
  // A worker's globals that the bundle may use, and nothing of Node's.
  const context = vm.createContext({
    self: port1,
    console: { log, info: log, warn: log, error: log, debug: log },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    URL,
    performance,
    structuredClone,
    atob,
    btoa,
  });
  vm.runInContext(fs.readFileSync(WEB_SERVER, 'utf8'), context, { filename: WEB_SERVER });
  const connection = createProtocolConnection(new PortReader(port2), new PortWriter(port2));
  return {
    connection,
    logs,
    stop: () => {
      connection.dispose();
      port1.close();
      port2.close();
    },
  };
}

const CAPABILITIES = { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } };

describe('lsp: the browser server (dist/web/server.js, a Web Worker bundle)', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = makeWorkspace({ copy: ['samples'] });
  });
  after(() => ws.dispose());

  // One source of truth: both entries run startServer; what each announces and registers must not drift apart.
  // The same initialize params go to both, for a bare client and for one that declares what VS Code does.
  // Each with the position encoding and the registrations the server must choose for it.
  const CLIENTS: [string, Record<string, unknown>, string, string[]][] = [
    ['a client with configuration, folders and watched files only', CAPABILITIES, 'utf-16', ['workspace/didChangeWatchedFiles']],
    [
      'a client like VS Code (UTF-8 preferred, dynamic registration, progress, show document, snippets)',
      {
        general: { positionEncodings: ['utf-8', 'utf-16'] },
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true, showDocument: { support: true } },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          publishDiagnostics: { versionSupport: true },
          rename: { prepareSupport: true },
        },
      },
      'utf-8',
      ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles'],
    ],
  ];
  for (const [who, capabilities, encoding, expected] of CLIENTS) {
    it(`announces and registers exactly what the Node server does, for ${who}`, async () => {
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const node = new LspClient(child, {});
      const web = startWebServer();
      const webRegistrations: { method: string; registerOptions?: unknown }[] = [];
      web.connection.onRequest('client/registerCapability', (p: { registrations: typeof webRegistrations }) => {
        webRegistrations.push(...p.registrations);
        return null;
      });
      web.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
      web.connection.onRequest('window/workDoneProgress/create', () => null);
      try {
        web.connection.listen();
        const params = { processId: null, rootUri: null, workspaceFolders: [], capabilities };
        const fromNode = (await node.connection.sendRequest('initialize', params)) as InitializeResult;
        const fromWeb = (await web.connection.sendRequest('initialize', params)) as InitializeResult;
        assert.ok(Object.keys(fromNode.capabilities).length > 10, 'the Node server announces its features');
        assert.deepStrictEqual(fromWeb.capabilities, fromNode.capabilities);
        assert.deepStrictEqual(fromWeb.serverInfo, fromNode.serverInfo);
        assert.strictEqual(fromNode.capabilities.positionEncoding, encoding);
        // After initialized, the registrations (their ids are random: compared without them).
        await node.connection.sendNotification('initialized', {});
        await web.connection.sendNotification('initialized', {});
        const methods = (rs: { method: string }[]) => rs.map((r) => r.method).sort();
        // (LspClient wakes its waiters on notifications only, and a registration is a request: poll.)
        const end = Date.now() + 60_000;
        while ((node.registrations.length < expected.length || webRegistrations.length < expected.length) && Date.now() < end)
          await new Promise((r) => setTimeout(r, 20));
        assert.deepStrictEqual(methods(node.registrations), expected);
        const shape = (rs: { method: string; registerOptions?: unknown }[]) =>
          rs.map((r) => ({ method: r.method, registerOptions: r.registerOptions })).sort((a, b) => a.method.localeCompare(b.method));
        assert.deepStrictEqual(shape(webRegistrations), shape(node.registrations));
      } finally {
        node.kill();
        web.stop();
      }
    });
  }

  it('indexes the workspace through the client: a persona in another file resolves, a missing one is reported', async () => {
    const web = startWebServer();
    const c = web.connection;
    const folder = 'vscode-test-web://mount/';
    const toPath = (uri: string) => path.join(ws.dir, decodeURIComponent(uri.slice(folder.length)));
    const asked: string[] = [];
    c.onRequest('journeymap/findFiles', (p: FindFilesParams): FindFilesResult => {
      asked.push(`findFiles ${p.folders.join(',')}`);
      const uris = ws
        .list()
        .filter((f) => /\.(journey|persona)\.yaml$/.test(f))
        .map((f) => folder + f.split(path.sep).map(encodeURIComponent).join('/'));
      return { uris };
    });
    c.onRequest('journeymap/readFile', (p: ReadFileParams): ReadFileResult => {
      asked.push(`readFile ${p.uri}`);
      return { text: fs.existsSync(toPath(p.uri)) ? fs.readFileSync(toPath(p.uri), 'utf8') : null };
    });
    c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    c.onRequest('client/registerCapability', () => null);
    const published: PublishDiagnosticsParams[] = [];
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
    c.listen();
    try {
      await c.sendRequest('initialize', {
        processId: null,
        rootUri: folder,
        workspaceFolders: [{ uri: folder, name: 'mount' }],
        capabilities: CAPABILITIES,
      });
      await c.sendNotification('initialized', {});
      const journey = `${folder}samples/buy-phone-online.journey.yaml`;
      const text = fs.readFileSync(ws.path('samples/buy-phone-online.journey.yaml'), 'utf8');
      // The same journey naming one persona that no file defines.
      const broken = `${folder}samples/broken.journey.yaml`;
      const brokenText = text
        .replace(/^journey: .*$/m, 'journey: broken')
        .replace('personas: [first-time-buyer, loyal-upgrader]', 'personas: [first-time-buyer, nobody-at-all]');
      assert.notStrictEqual(brokenText, text);
      await c.sendNotification('textDocument/didOpen', { textDocument: { uri: journey, languageId: 'journey', version: 1, text } });
      await c.sendNotification('textDocument/didOpen', {
        textDocument: { uri: broken, languageId: 'journey', version: 1, text: brokenText },
      });
      const diagnosticsOf = async (uri: string) => {
        for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
          const p = published.find((x) => x.uri === uri);
          if (p) return p.diagnostics;
        }
        throw new Error(`no diagnostics for ${uri}; worker logs:\n${web.logs.join('\n')}`);
      };
      const ok = await diagnosticsOf(journey);
      assert.deepStrictEqual(
        ok.filter((d) => d.code === 'unknown-persona'),
        [],
        'both personas resolve from their files',
      );
      const bad = await diagnosticsOf(broken);
      assert.strictEqual(bad.filter((d) => d.code === 'unknown-persona').length, 1, JSON.stringify(bad));
      assert.ok(
        bad.some((d) => d.code === 'unknown-persona' && String(d.message).includes('nobody-at-all')),
        JSON.stringify(bad),
      );
      assert.ok(asked.includes(`findFiles ${folder}`), asked.join('\n'));
      assert.ok(
        asked.some((a) => a.startsWith('readFile') && a.endsWith('first-time-buyer.persona.yaml')),
        asked.join('\n'),
      );
    } finally {
      web.stop();
    }
  });
  it("reads a journey's data file through the client: no data-file finding, the history in the model, re-read on change", async () => {
    const web = startWebServer();
    const c = web.connection;
    const folder = 'vscode-test-web://mount/';
    const toPath = (uri: string) => path.join(ws.dir, decodeURIComponent(uri.slice(folder.length)));
    const journey = `${folder}samples/pay-energy-bill.journey.yaml`;
    const csv = `${folder}samples/data/pay-energy-bill.csv`;
    const text = fs.readFileSync(ws.path('samples/pay-energy-bill.journey.yaml'), 'utf8');
    // The client answers data-file reads only when the test lets it, as a slow file system would.
    const csvReads: { uri: string; answer: (r: ReadFileResult) => void }[] = [];
    c.onRequest('journeymap/findFiles', (): FindFilesResult => ({ uris: [] }));
    c.onRequest('journeymap/readFile', (p: ReadFileParams): ReadFileResult | Promise<ReadFileResult> => {
      if (p.uri.endsWith('.csv')) return new Promise((answer) => csvReads.push({ uri: p.uri, answer }));
      return { text: fs.existsSync(toPath(p.uri)) ? fs.readFileSync(toPath(p.uri), 'utf8') : null };
    });
    const fromDisk = (uri: string): ReadFileResult =>
      fs.existsSync(toPath(uri)) ? { text: fs.readFileSync(toPath(uri), 'utf8') } : { text: null, error: 'no such file' };
    c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    c.onRequest('client/registerCapability', () => null);
    const published: PublishDiagnosticsParams[] = [];
    const models: ModelResult[] = [];
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
    c.onNotification('journeymap/modelChanged', (p: ModelResult) => void models.push(p));
    c.listen();
    const until = async <T>(what: string, get: () => T | undefined): Promise<T> => {
      for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
        const v = get();
        if (v !== undefined) return v;
      }
      throw new Error(`timed out waiting for ${what}; worker logs:\n${web.logs.join('\n')}`);
    };
    const dataFindings = (p: PublishDiagnosticsParams) =>
      p.diagnostics.filter((d) => d.code === 'data-file' || d.code === 'newer-data').map((d) => d.message);
    try {
      await c.sendRequest('initialize', {
        processId: null,
        rootUri: folder,
        workspaceFolders: [{ uri: folder, name: 'mount' }],
        capabilities: CAPABILITIES,
      });
      await c.sendNotification('initialized', {});
      await c.sendNotification('textDocument/didOpen', { textDocument: { uri: journey, languageId: 'journey', version: 1, text } });

      // The check asks for the CSV (resolved against the journey's URI) and waits for it: nothing is published meanwhile...
      const first = await until('the data file asked for', () => csvReads.shift());
      assert.strictEqual(first.uri, csv);
      // ...but the server still answers: a hover while the read is under way (its analysis leaves the file out).
      const hover = await c.sendRequest('textDocument/hover', { textDocument: { uri: journey }, position: { line: 5, character: 2 } });
      assert.ok(hover, 'a hover while the data file is on its way');
      assert.deepStrictEqual(
        published.filter((p) => p.uri === journey),
        [],
        'no diagnostics before the data file is in',
      );
      first.answer(fromDisk(first.uri));
      const diagnostics = await until('the diagnostics', () => published.find((p) => p.uri === journey));
      assert.deepStrictEqual(dataFindings(diagnostics), []);
      const model = (await until('the model', () => models.find((m) => m.uri === journey && m.model)))!.model as JourneyModel;
      assert.deepStrictEqual(model.history?.periods, [
        '2024-Q1',
        '2024-Q2',
        '2024-Q3',
        '2024-Q4',
        '2025-Q1',
        '2025-Q2',
        '2025-Q3',
        '2025-Q4',
      ]);
      const nps = model.history?.series.find((s) => s.touchpoint === '' && s.metric === 'nps');
      assert.strictEqual(nps?.values[0], -15, "the journey's NPS of 2024-Q1, from the CSV");
      assert.strictEqual(csvReads.length, 0, 'read once');

      // The watcher reports the CSV gone: read again through the client, which says why it cannot.
      let count = published.filter((p) => p.uri === journey).length;
      await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: csv, type: 3 }] });
      const again = await until('the data file asked for again', () => csvReads.shift());
      again.answer({ text: null, error: 'no such file' });
      const gone = await until('diagnostics after the change', () => published.filter((p) => p.uri === journey)[count]);
      assert.deepStrictEqual(dataFindings(gone), ['data/pay-energy-bill.csv cannot be read: no such file.']);
      assert.deepStrictEqual(gone.diagnostics.find((d) => d.code === 'data-file')?.range, {
        start: { line: 10, character: 7 },
        end: { line: 10, character: 31 },
      });

      // Back, clean; and an answer without a reason still names the file.
      count = published.filter((p) => p.uri === journey).length;
      await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: csv, type: 1 }] });
      (await until('the data file asked for a third time', () => csvReads.shift())).answer(fromDisk(csv));
      assert.deepStrictEqual(
        dataFindings(await until('diagnostics, clean again', () => published.filter((p) => p.uri === journey)[count])),
        [],
      );
      count = published.filter((p) => p.uri === journey).length;
      await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: csv, type: 2 }] });
      (await until('the data file asked for a fourth time', () => csvReads.shift())).answer({ text: null });
      assert.deepStrictEqual(
        dataFindings(await until('diagnostics without a reason', () => published.filter((p) => p.uri === journey)[count])),
        ['data/pay-energy-bill.csv cannot be read: the editor could not read it.'],
      );
    } finally {
      web.stop();
    }
  });
});
