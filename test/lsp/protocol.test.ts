// The server as a process: the preview's model feed, the editing features over the wire,
// malformed requests and hostile documents, responsiveness while a big journey is analysed,
// shutdown and exit.
import * as assert from 'assert';
import { fork } from 'node:child_process';
import {
  CodeAction,
  CodeLens,
  CompletionList,
  createProtocolConnection,
  Diagnostic,
  Hover,
  InlayHint,
  IPCMessageReader,
  IPCMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { analyzeText } from '../../server/src/core/analyze';
import { complete } from '../../server/src/core/completion';
import { hover } from '../../server/src/core/hover';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import type { IdsResult, ModelResult } from '../../server/src/protocol';
import { bigJourney } from './big';
import { applyWorkspaceEdit, find, LspClient, makeWorkspace, rangeOf, SERVER, startLsp, TempWorkspace, workspaceIndex } from './client';

const SAMPLE = 'samples/buy-phone-online.journey.yaml';

describe('lsp: the server process', function () {
  this.timeout(90_000);
  let ws: TempWorkspace;
  let lsp: LspClient;

  before(async () => {
    ws = makeWorkspace({ copy: ['samples'] });
    lsp = await startLsp({ folders: [ws.dir] });
  });
  after(() => {
    lsp?.kill();
    ws?.dispose();
  });

  it('names the ids the workspace defines (journeymap/ids, for new files)', async () => {
    const index = workspaceIndex(ws);
    const ids = await lsp.request<IdsResult>('journeymap/ids', {});
    assert.deepStrictEqual(ids, {
      journeys: [...new Set(index.allJourneys().map((j) => j.id))].sort(),
      personas: [...new Set(index.allPersonas().map((p) => p.id))].sort(),
    });
    assert.ok(ids.journeys.includes('buy-phone-online') && ids.personas.length > 0);
  });

  it('feeds the preview: a model notification per analysis and the journeymap/model request agree with the core', async () => {
    const uri = ws.uri(SAMPLE);
    await lsp.open(uri);
    const pushed = await lsp.model(uri, 1);
    const diagnostics = await lsp.diagnostics(uri, 1);
    const core = analyzeText(uri, ws.read(SAMPLE), workspaceIndex(ws));
    assert.deepStrictEqual(pushed.model, JSON.parse(JSON.stringify(core.model)));
    assert.strictEqual(pushed.model?.kind, 'journey');
    assert.strictEqual(pushed.model.id, 'buy-phone-online');
    const count = (s: number): number => diagnostics.filter((d) => d.severity === s).length;
    assert.deepStrictEqual(pushed.problems, { error: count(1), warning: count(2), info: count(3), hint: count(4) });
    assert.strictEqual(pushed.error, undefined);
    const asked = await lsp.request<ModelResult>('journeymap/model', { uri });
    assert.deepStrictEqual(asked, pushed);
  });

  it('sends a null model with the first syntax error while the text does not parse', async () => {
    const uri = ws.uri(SAMPLE);
    const text = lsp.text(uri)!;
    const at = find(text, 'title: Buy a phone online', 0, 7);
    const v = await lsp.change(uri, [{ range: { start: at, end: at }, text: '[' }]);
    const pushed = await lsp.model(uri, v);
    const published = await lsp.diagnostics(uri, v);
    const syntax = published.filter((d) => d.code === 'yaml-syntax' && d.severity === 1);
    assert.ok(syntax.length >= 1);
    assert.strictEqual(pushed.model, null);
    assert.deepStrictEqual(pushed.error, { message: syntax[0].message, range: syntax[0].range });
    assert.strictEqual(pushed.problems?.error, published.filter((d) => d.severity === 1).length);
    // Lenses stay (from the last model that parsed) while the author fixes the text.
    const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.length >= 1, 'code lenses survive a syntax error');
    const fixed = await lsp.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
    assert.strictEqual((await lsp.model(uri, fixed)).model?.kind, 'journey');
  });

  it('answers completion and hover as the core computes them for the workspace', async () => {
    const uri = ws.uri(SAMPLE);
    const text = lsp.text(uri)!;
    const index = workspaceIndex(ws);
    const core = analyzeText(uri, text, index);
    const channel = find(text, 'channel: web', 0, 'channel: '.length);
    const completion = await lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: channel });
    assert.deepStrictEqual(completion, JSON.parse(JSON.stringify(complete(core.parsed, channel, index, DEFAULT_SETTINGS))));
    assert.ok(completion.items.some((i) => i.label === 'mobile-app'));
    const persona = find(text, 'first-time-buyer', 0, 3);
    const card = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri }, position: persona });
    assert.deepStrictEqual(card, JSON.parse(JSON.stringify(hover(core.parsed, persona, index, core))));
    assert.match((card.contents as { value: string }).value, /Maya/);
    const hints = await lsp.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } },
    });
    const hotspots = core.diagnostics.filter((d) => d.rule === 'friction-hotspot');
    assert.strictEqual(hints.length, hotspots.length, 'one friction hint per hotspot');
  });

  it('offers a quick fix that, applied, clears the diagnostic', async () => {
    const text =
      'journey: fix-me\ntitle: Fix me\nstages:\n  - name: Browse\n    touchpoints:\n      - name: Opens the shop\n        channel: webb\n';
    const uri = ws.write('fix-me.journey.yaml', text);
    await lsp.open(uri, text);
    const diags = await lsp.diagnostics(uri, 1);
    const bad = diags.find((d) => d.code === 'unknown-channel') as Diagnostic;
    assert.deepStrictEqual(bad.range, rangeOf(text, 'webb'));
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: bad.range,
      context: { diagnostics: [bad] },
    });
    const preferred = actions.find((a) => a.isPreferred)!;
    const texts = new Map([[uri, text]]);
    applyWorkspaceEdit(texts, preferred.edit!);
    assert.strictEqual(texts.get(uri), text.replace('webb', 'web'));
    const v = await lsp.replaceText(uri, texts.get(uri)!);
    assert.deepStrictEqual(await lsp.diagnostics(uri, v), []);
    await lsp.close(uri);
  });

  it('answers malformed requests with errors and survives hostile documents', async () => {
    const uri = ws.uri(SAMPLE);
    const invalid = (e: { code?: number }): boolean => e.code === -32602;
    await assert.rejects(lsp.request('textDocument/documentSymbol', {}), invalid);
    await assert.rejects(
      lsp.request('textDocument/definition', { textDocument: { uri }, position: { line: -1, character: 'x' } }),
      invalid,
    );
    await assert.rejects(lsp.request('textDocument/selectionRange', { textDocument: { uri }, positions: 'all' }), invalid);
    await assert.rejects(lsp.request('textDocument/codeAction', { textDocument: { uri } }), invalid);
    await assert.rejects(lsp.request('journeymap/model', { uri: 42 }), (e: { code?: number }) => e.code === -32803);
    await assert.rejects(lsp.request('journeymap/noSuchThing', {}), (e: { code?: number }) => e.code === -32601);
    // Unknown documents get empty answers, not errors.
    assert.deepStrictEqual(await lsp.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere.journey.yaml' } }), []);
    assert.strictEqual(await lsp.request('journeymap/model', { uri: 'untitled:nothing' }), null);

    const hostile: Record<string, string> = {
      'deep.journey.yaml': 'journey: deep\nstages: ' + '['.repeat(20_000) + '\n',
      'block-deep.journey.yaml':
        'journey: block\nstages:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 2) + '- a:').join('\n') + '\n',
      'bomb.journey.yaml':
        'journey: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n' +
        Array.from(
          { length: 9 },
          (_, i) =>
            `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(9)
              .fill(i === 0 ? '*a' : '*' + 'abcdefghij'[i])
              .join(', ')}]`,
        ).join('\n') +
        '\nstages: []\n',
      'binary.journey.yaml': '\u0000\u0001\ufffd\u0007journey: \ud800\nstages: [}{]\n',
      'tags.journey.yaml': 'journey: !!js/function "function(){ process.exit(3) }"\ntitle: !<tag:evil> x\nstages: []\n',
    };
    for (const [name, text] of Object.entries(hostile)) {
      const u = ws.uri(`hostile/${name}`);
      await lsp.open(u, text);
      await lsp.diagnostics(u, 1, 30_000);
      for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange']) {
        await lsp.request(method, { textDocument: { uri: u } });
      }
      await lsp.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 3 } });
      await lsp.request('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 3 } });
      await lsp.request('textDocument/selectionRange', { textDocument: { uri: u }, positions: [{ line: 1, character: 3 }] });
      await lsp.request('journeymap/model', { uri: u });
      await lsp.close(u);
    }
    assert.strictEqual(lsp.child.exitCode, null, 'the server is still running');
    assert.ok(Array.isArray(await lsp.request('textDocument/documentSymbol', { textDocument: { uri } })));
  });

  it('logs a notification handler that throws, and keeps serving', async () => {
    await lsp.notify('workspace/didChangeWatchedFiles', { changes: 5 });
    await lsp.waitFor('the failure logged', () => lsp.logs.some((l) => /workspace\/didChangeWatchedFiles failed: .*not iterable/.test(l)));
    assert.strictEqual(lsp.child.exitCode, null, 'the server is still running');
    assert.ok(Array.isArray(await lsp.request('textDocument/documentSymbol', { textDocument: { uri: ws.uri(SAMPLE) } })));
  });

  it('answers completions on one document while two big ones wait for and go through analysis', async () => {
    // Ordered by events, not clocks: the completion is sent in the same burst as the two big
    // didOpens, so the server reads it right after them, while the first is analysed (the queue
    // takes one document at a time and yields between slices); further completions follow
    // until both big journeys are published.
    const first = ws.write('big/first.journey.yaml', bigJourney('first', 20, 50));
    const second = ws.write('big/second.journey.yaml', bigJourney('second', 60, 50)); // 3,000 touchpoints
    const smallText = 'journey: small\ntitle: Small\nstages:\n  - name: Only\n    touchpoints:\n      - name: One\n        channel: web\n';
    const small = ws.write('big/small.journey.yaml', smallText);
    await lsp.open(small, smallText);
    await lsp.diagnostics(small, 1);
    const position = find(smallText, 'channel: web', 0, 'channel: '.length);
    const complete = () => lsp.request<CompletionList>('textDocument/completion', { textDocument: { uri: small }, position });
    const opened = [lsp.open(first), lsp.open(second)];
    const list = await complete();
    await Promise.all(opened);
    assert.ok(list.items.some((i) => i.label === 'web'));
    assert.deepStrictEqual(
      [lsp.lastDiagnostics(first), lsp.lastDiagnostics(second)],
      [undefined, undefined],
      'answered before either big journey was published',
    );
    let done = false;
    const published = Promise.all([lsp.diagnostics(first, 1, 60_000), lsp.diagnostics(second, 1, 60_000)]).finally(() => (done = true));
    while (!done)
      assert.ok(
        (await complete()).items.some((i) => i.label === 'web'),
        'a completion while the big journeys are analysed',
      );
    assert.deepStrictEqual(await published, [[], []]);
    await lsp.close(first);
    await lsp.close(second);
    await lsp.close(small);
  });

  it('shuts down and exits with code 0', async () => {
    const code = await lsp.shutdown();
    assert.strictEqual(code, 0);
  });
});

describe('lsp: --node-ipc transport (how the VS Code client starts it)', function () {
  it('initializes, answers and exits with code 0 over IPC', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const init = await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {},
      });
      assert.strictEqual((init as { capabilities: { renameProvider: unknown } }).capabilities.renameProvider !== undefined, true);
      await connection.sendNotification('initialized', {});
      const text = 'journey: ipc\ntitle: Over IPC\nstages:\n  - name: Only\n';
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'untitled:ipc.journey.yaml', languageId: 'journey-yaml', version: 1, text },
      });
      const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'untitled:ipc.journey.yaml' } });
      assert.deepStrictEqual(
        (symbols as { name: string }[]).map((s) => s.name),
        ['Over IPC'],
      );
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.strictEqual(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
