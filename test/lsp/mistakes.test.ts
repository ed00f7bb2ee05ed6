// A YAML mistake typed into a sample over a real LSP connection: one diagnostic on the line at
// fault (not yaml's cascade), the rest of the file still checked, the quick fix offered over the
// protocol and, applied, giving back the diagnostics of the intact text.
import * as assert from 'assert';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import type { ModelResult } from '../../server/src/protocol';
import { applyWorkspaceEdit, find, LspClient, makeWorkspace, startLsp, TempWorkspace } from './client';

const SAMPLE = 'samples/pay-energy-bill.journey.yaml';
const WAIT = 120_000; // a loaded machine: wait for the event, however long it takes

describe('lsp: YAML mistakes explained', function () {
  this.timeout(0);
  let ws: TempWorkspace;
  let lsp: LspClient;

  before(async () => {
    ws = makeWorkspace({ copy: ['samples'] });
    lsp = await startLsp({ folders: [ws.dir] });
    await lsp.indexed(WAIT);
  });
  after(async () => {
    lsp?.kill();
    ws?.dispose();
  });

  for (const [n, c] of [
    {
      what: 'a tab typed as the indentation',
      edit: (text: string) => {
        const at = find(text, 'channel: push', 0, 0);
        return { range: { start: { line: at.line, character: 0 }, end: at }, text: '\t' };
      },
      message: 'A tab indents this line, and YAML indents with spaces only. Replace the indentation with 8 spaces, as `name` above.',
      title: 'Replace the tab with 8 spaces',
      range: (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } }),
    },
    {
      what: 'a key dedented by two spaces',
      edit: (text: string) => {
        const at = find(text, 'channel: push', 0, 0);
        return { range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 2 } }, text: '' };
      },
      message:
        '`channel` is indented 2 spaces less than the keys around it. ' +
        'Keys of one map start at the same column: indent it by 8 spaces, as `name` above.',
      title: 'Indent by 8 spaces',
      range: (line: number) => ({ start: { line, character: 6 }, end: { line, character: 13 } }),
    },
  ].entries()) {
    it(`${c.what}: one diagnostic on that line, the rest still checked, the fix over the protocol`, async () => {
      // A copy beside the sample (a fresh document each time), with a misspelt channel below the
      // mistake, so the rest of the file has a finding to keep.
      const intact = ws
        .read(SAMPLE)
        .replace('journey: pay-energy-bill', `journey: mistake-${n}`)
        .replace('channel: mobile-app', 'channel: mobile-ap');
      const uri = ws.write(`samples/mistake-${n}.journey.yaml`, intact);
      await lsp.open(uri, intact);
      const before = await lsp.diagnostics(uri, 1, WAIT);
      assert.deepStrictEqual(
        before.map((d) => d.code),
        ['friction-hotspot', 'unknown-channel', 'friction-hotspot'],
      );
      assert.deepStrictEqual(
        before.filter((d) => d.code === 'yaml-syntax'),
        [],
      );

      const change = c.edit(intact);
      const line = change.range.start.line;
      const v = await lsp.change(uri, [change]);
      const published = await lsp.diagnostics(uri, v, WAIT);
      const syntax = published.filter((d) => d.code === 'yaml-syntax');
      assert.deepStrictEqual(
        syntax.map((d) => ({ range: d.range, severity: d.severity, message: d.message })),
        [{ range: c.range(line), severity: 1, message: c.message }],
      );
      // Every other finding of the intact text is still published, where it was.
      assert.deepStrictEqual(
        published.filter((d) => d.code !== 'yaml-syntax'),
        before,
      );
      // The map waits for the fix, and says why.
      const model = await lsp.model(uri, v, WAIT);
      assert.strictEqual(model.model, null);
      assert.deepStrictEqual((model as ModelResult).error, { message: c.message, range: c.range(line) });

      const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: syntax[0].range,
        context: { diagnostics: [syntax[0]] },
      });
      const fix = actions.find((a) => a.title === c.title);
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      assert.strictEqual(fix.isPreferred, true);
      assert.deepStrictEqual(fix.diagnostics, [syntax[0]] as Diagnostic[]);
      const texts = new Map([[uri, lsp.text(uri)!]]);
      applyWorkspaceEdit(texts, fix.edit!);
      assert.strictEqual(texts.get(uri), intact);
      const fixed = await lsp.replaceText(uri, texts.get(uri)!);
      assert.deepStrictEqual(await lsp.diagnostics(uri, fixed, WAIT), before);
      await lsp.close(uri);
    });
  }

  it('offers no fix whose result fails a rule where it writes: a closing bracket that makes the title a list', async () => {
    const text = 'journey: unclosed\ntitle: [Unclosed\nstages: []\n';
    const uri = ws.write('unclosed.journey.yaml', text);
    await lsp.open(uri, text);
    const syntax = (await lsp.diagnostics(uri, 1, WAIT)).filter((d) => d.code === 'yaml-syntax');
    assert.deepStrictEqual(
      syntax.map((d) => [d.range, d.message]),
      [
        [
          { start: { line: 1, character: 7 }, end: { line: 1, character: 16 } },
          '`[` opens a list here that is never closed, so YAML reads on into the lines below. Add `]` where it ends.',
        ],
      ],
    );
    // The core carries the repair, but applied it gives `title: [Unclosed]`, a schema error there.
    assert.strictEqual((syntax[0].data as { title?: string }).title, 'Add `]` at the end of the line');
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: syntax[0].range,
      context: { diagnostics: [syntax[0]] },
    });
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      [],
    );
    await lsp.close(uri);
  });

  it("completes below a flow map whose quote was left open: the touchpoint's keys, each edit on the cursor's line", async () => {
    const text = 'journey: open-quote\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n      - {"x : y}\n      - name: b\n        me\n';
    const uri = ws.write('open-quote.journey.yaml', text);
    await lsp.open(uri, text);
    await lsp.diagnostics(uri, 1, WAIT);
    const position = { line: 7, character: 10 };
    const list = await lsp.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
    const items = Array.isArray(list) ? list : list.items;
    const labels = items.map((i) => i.label);
    for (const k of ['metrics', 'moment_of_truth']) assert.ok(labels.includes(k), `${k} among ${labels.join(', ')}`);
    for (const i of items) {
      assert.deepStrictEqual((i.textEdit as TextEdit).range, { start: { line: 7, character: 8 }, end: position }, i.label);
    }
    await lsp.close(uri);
  });
});
