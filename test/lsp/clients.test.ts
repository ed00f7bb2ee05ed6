// The server with clients other than VS Code: one that declares no snippet support, one that
// counts columns in UTF-8 or UTF-32, one that sends malformed workspace-folder events or echoes
// a diagnostic with byte columns, and the code lens's command executed through the protocol.
import * as assert from 'assert';
import type { CodeAction, CodeLens, CompletionList, Diagnostic } from 'vscode-languageserver-protocol/node';
import { pathToFileURL } from 'node:url';
import { applyWorkspaceEdit, LspClient, makeWorkspace, startLsp, TempWorkspace } from './client';

const ZOE =
  'journey: zoe\n' +
  'title: Zoë\n' +
  'stages:\n' +
  '  - name: Pay\n' +
  '    touchpoints:\n' +
  '      - { name: "Zoë pays", channel: web, metrics: { conversion: 62, nps: 5 } }\n';
const ZOE_LINE = 5;
/** Columns of `needle` on the Zoë line in UTF-16 units and in UTF-8 bytes. */
const utf16Col = (needle: string): number => ZOE.split('\n')[ZOE_LINE].indexOf(needle);
const utf8Col = (line: string, needle: string): number => Buffer.byteLength(line.slice(0, line.indexOf(needle)));

/** Applies LSP text edits whose columns are UTF-8 bytes. */
function applyUtf8Edits(text: string, edits: { range: Diagnostic['range']; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => {
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + Buffer.from(lines[p.line], 'utf8').subarray(0, p.character).toString('utf8').length;
  };
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  }
  return text;
}

describe('lsp: clients other than VS Code', function () {
  this.timeout(90_000);
  const clients: LspClient[] = [];
  let ws: TempWorkspace;
  before(() => {
    ws = makeWorkspace({ copy: ['samples'], files: { 'zoe.journey.yaml': ZOE } });
  });
  after(() => {
    for (const c of clients) c.kill();
    ws?.dispose();
  });
  const start = async (capabilities: Record<string, unknown>, folders = [ws.dir]): Promise<LspClient> => {
    const c = await startLsp({ folders, capabilities });
    clients.push(c);
    return c;
  };

  it('sends plain-text completion items to a client without snippet support, snippets to one with it', async () => {
    // The client that declares less: no snippets, no window/showDocument.
    const plain = await start({ textDocument: { publishDiagnostics: { versionSupport: true } }, window: { workDoneProgress: true } });
    const snippets = await start({});
    const text = 'journey: j\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n      - name: A\n        channel: web\n        \n';
    const uri = ws.write('keys.journey.yaml', text);
    const at = { line: 7, character: 8 };
    const lists: CompletionList[] = [];
    for (const c of [plain, snippets]) {
      await c.open(uri, text);
      lists.push(await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at }));
    }
    const [p, s] = lists;
    const item = (l: CompletionList, label: string) => l.items.find((i) => i.label === label)!;
    assert.deepStrictEqual(
      [item(s, 'action').insertTextFormat, (item(s, 'action').textEdit as { newText: string }).newText],
      [2, 'action: $0'],
    );
    assert.deepStrictEqual(
      [item(p, 'action').insertTextFormat, (item(p, 'action').textEdit as { newText: string }).newText],
      [1, 'action: '],
    );
    // A choice is left empty (no silent first pick); a template keeps its placeholders' defaults.
    const severity = (item(s, 'pain_points block').textEdit as { newText: string }).newText;
    assert.match(severity, /severity: \$\{2\|/);
    assert.strictEqual(
      (item(p, 'pain_points block').textEdit as { newText: string }).newText,
      'pain_points:\n          - { text: What goes wrong, severity: , evidence:  }',
    );
    assert.strictEqual(p.items.length, s.items.length);
    for (const i of p.items) {
      assert.strictEqual(i.insertTextFormat, 1, i.label);
      assert.doesNotMatch((i.textEdit as { newText: string }).newText, /\$/, i.label);
    }
  });

  it('negotiates UTF-8 positions: diagnostics, code actions and incremental changes count bytes', async () => {
    const lsp = await start({ general: { positionEncodings: ['utf-8', 'utf-16'] } });
    assert.strictEqual(lsp.initializeResult?.capabilities.positionEncoding, 'utf-8');
    const uri = ws.uri('zoe.journey.yaml');
    await lsp.open(uri, ZOE);
    const line = ZOE.split('\n')[ZOE_LINE];
    const bad = (await lsp.diagnostics(uri, 1)).find((d) => d.code === 'metric-range')!;
    const col = utf8Col(line, '62');
    assert.strictEqual(col, utf16Col('62') + 1, 'ë is two bytes');
    assert.deepStrictEqual(bad.range, { start: { line: ZOE_LINE, character: col }, end: { line: ZOE_LINE, character: col + 2 } });
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: bad.range,
      context: { diagnostics: [bad] },
    });
    const fix = actions.find((a) => a.title === 'Change to 0.62')!;
    const edits = fix.edit!.changes![uri];
    assert.deepStrictEqual(edits, [{ range: bad.range, newText: '0.62' }]);
    const fixed = applyUtf8Edits(ZOE, edits);
    assert.strictEqual(fixed, ZOE.replace('conversion: 62', 'conversion: 0.62'));
    // A change whose range counts bytes: `nps: 5` becomes `nps: 500`, out of range.
    const nps = utf8Col(line, 'nps: 5') + 'nps: '.length;
    const v = await lsp.change(uri, [
      { range: { start: { line: ZOE_LINE, character: nps + 1 }, end: { line: ZOE_LINE, character: nps + 1 } }, text: '00' },
    ]);
    const after = await lsp.diagnostics(uri, v);
    const npsDiag = after.find((d) => d.code === 'metric-range' && /nps/.test(String(d.message)))!;
    assert.deepStrictEqual(npsDiag.range, { start: { line: ZOE_LINE, character: nps }, end: { line: ZOE_LINE, character: nps + 3 } });
    // Completion at a byte column after the Zoë: `channel: web` in the flow map offers channels there.
    const channel = utf8Col(line, 'web');
    const list = await lsp.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: ZOE_LINE, character: channel },
    });
    const mobile = list.items.find((i) => i.label === 'mobile-app')!;
    assert.deepStrictEqual((mobile.textEdit as { range: Diagnostic['range'] }).range.start, { line: ZOE_LINE, character: channel });
  });

  it('negotiates UTF-32 positions (a code point per column) and falls back to UTF-16 for an encoding it does not know', async () => {
    const text = ZOE.replace('"Zoë pays"', '"😀 pays"');
    const uri = ws.write('emoji.journey.yaml', text);
    const line = text.split('\n')[ZOE_LINE];
    const lsp32 = await start({ general: { positionEncodings: ['utf-32'] } });
    assert.strictEqual(lsp32.initializeResult?.capabilities.positionEncoding, 'utf-32');
    await lsp32.open(uri, text);
    const col32 = [...line.slice(0, line.indexOf('62'))].length;
    assert.strictEqual(col32, line.indexOf('62') - 1, 'the emoji is two UTF-16 units, one code point');
    const bad = (await lsp32.diagnostics(uri, 1)).find((d) => d.code === 'metric-range')!;
    assert.deepStrictEqual(bad.range.start, { line: ZOE_LINE, character: col32 });
    const other = await start({ general: { positionEncodings: ['utf-7'] } });
    assert.strictEqual(other.initializeResult?.capabilities.positionEncoding, 'utf-16');
  });

  it('computes a quick fix from its own text when a client echoes the diagnostic with byte columns', async () => {
    const lsp = clients[1]; // UTF-16, snippets: the VS Code-like client
    const uri = ws.uri('zoe.journey.yaml');
    await lsp.open(uri, ZOE);
    const bad = (await lsp.diagnostics(uri, 1)).find((d) => d.code === 'metric-range')!;
    assert.strictEqual(bad.range.start.character, utf16Col('62'));
    // As Neovim 0.7 did: the same diagnostic, its columns in bytes.
    const echoed = {
      ...bad,
      range: { start: { line: ZOE_LINE, character: utf16Col('62') + 1 }, end: { line: ZOE_LINE, character: utf16Col('62') + 3 } },
    };
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: echoed.range,
      context: { diagnostics: [echoed] },
    });
    const fix = actions.find((a) => a.title === 'Change to 0.62')!;
    const texts = new Map([[uri, ZOE]]);
    applyWorkspaceEdit(texts, fix.edit!);
    assert.strictEqual(texts.get(uri), ZOE.replace('conversion: 62', 'conversion: 0.62'));
    // A diagnostic the server never raised gets no fix.
    const invented = { ...bad, message: 'conversion 7 is outside 0..1' };
    assert.deepStrictEqual(
      await lsp.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: bad.range,
        context: { diagnostics: [invented] },
      }),
      [],
    );
    await lsp.close(uri);
  });

  it('skips a malformed workspace-folder entry with a log line and indexes the good one', async () => {
    const other = makeWorkspace({ files: { 'zed.persona.yaml': 'persona: zed\nname: Zed\n' } });
    try {
      const lsp = await start({});
      const text =
        'journey: needs-zed\n' +
        'title: Needs Zed\n' +
        'personas: [zed]\n' +
        'stages:\n' +
        '  - name: S\n' +
        '    touchpoints:\n' +
        '      - name: A\n' +
        '        emotion: { zed: 1 }\n';
      const uri = ws.write('needs-zed.journey.yaml', text);
      await lsp.open(uri, text);
      assert.ok((await lsp.diagnostics(uri, 1)).some((d) => d.code === 'unknown-persona'));
      const published = lsp.publicationsFor(uri).length;
      // Neovim 0.7's event: the removed list holds an empty list.
      await lsp.notify('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: pathToFileURL(other.dir).href, name: 'other' }], removed: [[]] },
      });
      await lsp.waitFor('the log line about the skipped entry', () =>
        lsp.logs.some((l) => l.includes('skipped a malformed "removed" entry')),
      );
      const next = await lsp.nextDiagnostics(uri, published);
      assert.deepStrictEqual(
        next.diagnostics.filter((d) => d.code === 'unknown-persona'),
        [],
      );
      assert.doesNotMatch(lsp.stderr + lsp.logs.join('\n'), /unhandled|startsWith/);
    } finally {
      other.dispose();
    }
  });

  it('executes the hotspot lens command: the client is asked to show the worst touchpoint', async () => {
    const lsp = clients[1];
    const uri = ws.uri('samples/buy-phone-online.journey.yaml');
    await lsp.open(uri);
    await lsp.model(uri, 1);
    const text = lsp.text(uri)!;
    const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const worst = lenses.find((l) => l.command?.command === 'journeymap.revealTouchpoint')!;
    assert.ok(worst, 'a lens with the reveal command');
    assert.ok(lsp.initializeResult?.capabilities.executeCommandProvider?.commands.includes('journeymap.revealTouchpoint'));
    const [target, range] = worst.command!.arguments as [string, Diagnostic['range']];
    assert.strictEqual(target, uri);
    const name = /^Worst: (.*) \(friction/.exec(worst.command!.title)![1];
    const lines = text.split('\n');
    assert.strictEqual(lines[range.start.line].slice(range.start.character, range.end.character), name);
    const result = await lsp.request<boolean>('workspace/executeCommand', {
      command: worst.command!.command,
      arguments: worst.command!.arguments,
    });
    assert.strictEqual(result, true);
    assert.deepStrictEqual(lsp.shown.at(-1), { uri, selection: range, takeFocus: true });
    // A client that cannot show documents gets an error it can show, not silence.
    const plain = clients[0];
    await assert.rejects(
      plain.request('workspace/executeCommand', { command: worst.command!.command, arguments: worst.command!.arguments }),
      /window\.showDocument/,
    );
    await assert.rejects(
      lsp.request('workspace/executeCommand', { command: worst.command!.command, arguments: [uri] }),
      /arguments must be \[uri, range\]/,
    );
  });
});

describe('lsp: .journeymaprc.json, the one config for editor and CI', function () {
  this.timeout(90_000);
  const text = 'journey: rc\ntitle: RC\nstages:\n  - name: S\n    touchpoints:\n      - name: A\n        channel: webb\n';
  const severityOf = (ds: Diagnostic[]) => ds.find((d) => d.code === 'unknown-channel')?.severity;

  it("is read from the workspace folder, wins over the user's settings for the rules it names, and is watched", async () => {
    const ws = makeWorkspace({ files: { '.journeymaprc.json': '{ "rules": { "unknown-channel": "error" } }', 'rc.journey.yaml': text } });
    const lsp = await startLsp({ folders: [ws.dir], settings: { rules: { 'unknown-channel': 'hint', 'empty-stage': 'off' } } });
    try {
      assert.ok(
        lsp.registrations.some((r) => JSON.stringify(r.registerOptions).includes('**/.journeymaprc.json')),
        'the client is asked to watch it',
      );
      const uri = ws.uri('rc.journey.yaml');
      await lsp.open(uri, text);
      assert.strictEqual(severityOf(await lsp.diagnostics(uri, 1)), 1, "error, from the rc file, over the user's hint");
      // Edited on disk: the client reports the change, the server re-reads it and re-checks.
      let seen = lsp.publicationsFor(uri).length;
      ws.write('.journeymaprc.json', '{ "rules": { "unknown-channel": "info", "no-such-rule": "error" } }');
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.journeymaprc.json'), type: 2 }] });
      assert.strictEqual(severityOf((await lsp.nextDiagnostics(uri, seen)).diagnostics), 3);
      await lsp.waitFor('the note about the unknown rule', () =>
        lsp.logs.some((l) => l.includes('.journeymaprc.json: rule "no-such-rule"')),
      );
      // Deleted: the user's setting applies again.
      seen = lsp.publicationsFor(uri).length;
      ws.remove('.journeymaprc.json');
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.journeymaprc.json'), type: 3 }] });
      assert.strictEqual(severityOf((await lsp.nextDiagnostics(uri, seen)).diagnostics), 4);
    } finally {
      lsp.kill();
      ws.dispose();
    }
  });
});
