// Property tests over the running server (dist/server.js --stdio): random edit sequences sent as
// incremental didChange notifications, and mutated samples opened whole. The server must publish,
// for the final version, exactly what a fresh analysis of the final text gives, the model it
// announces must be that analysis's, and random requests at random places must be answered.
import * as assert from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { analyzeText } from '../../server/src/core/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { readDataFile } from '../../server/src/readData';
import type { ModelResult } from '../../server/src/protocol';
import { LspClient, startLsp } from '../lsp/client';
import { lspShape, wire } from './checks';
import { applySpec, assertRangesInside, check, editSequence, mutatedSample, mutatedText, runs, startText } from './gen';

describe('fuzz: the running server', function () {
  this.timeout(900_000);
  let lsp: LspClient;
  let n = 0;

  before(async () => {
    lsp = await startLsp({ folders: [] });
  });
  after(async () => {
    if (lsp) assert.strictEqual(await lsp.shutdown(), 0, 'the server exits cleanly after the run');
  });

  const published = (uri: string, version: number) =>
    lsp
      .waitFor(`diagnostics of ${uri} v${version}`, () => lsp.lastDiagnostics(uri)?.version === version, 30_000)
      .then(() => lsp.lastDiagnostics(uri)!.diagnostics);
  const announced = async (uri: string, version: number): Promise<ModelResult> => {
    const find = () => [...lsp.models].reverse().find((m) => m.uri === uri && m.version === version);
    await lsp.waitFor(`model of ${uri} v${version}`, () => find() !== undefined, 30_000);
    return find()!;
  };

  /**
   * After a failed case: empties and closes its document all the same, so that while fast-check
   * shrinks, the next tries do not see this one's ids (a persona left open reads as a duplicate).
   */
  async function forget(uri: string): Promise<void> {
    try {
      await lsp.notify('textDocument/didChange', { textDocument: { uri, version: 1_000_000 }, contentChanges: [{ text: '' }] });
      await published(uri, 1_000_000);
      await lsp.close(uri);
    } catch {
      // the case already failed; its own error is the one to report
    }
  }

  /** The final text must read as a fresh analysis reads it; then the document is emptied and closed. */
  async function expectFresh(uri: string, text: string, version: number): Promise<void> {
    const index = new WorkspaceIndex();
    index.update(uri, text);
    // The server reads a journey's data files from disk; the fresh analysis reads them the same way.
    const fresh = analyzeText(uri, text, index, DEFAULT_SETTINGS, readDataFile);
    const got: Diagnostic[] = await published(uri, version);
    assert.deepStrictEqual(got, wire(fresh.diagnostics.map(lspShape)), 'published diagnostics = a fresh analysis of the final text');
    assert.deepStrictEqual(
      (await announced(uri, version)).model,
      wire(fresh.model),
      'announced model = a fresh analysis of the final text',
    );
    // Requests at a few places: answered (no error), every range inside the document.
    const lines = text.split(/\r\n|\r|\n/);
    for (const f of [0, 0.5, 0.99]) {
      const line = Math.floor(f * lines.length);
      const position = { line, character: Math.floor(lines[line].length / 2) };
      const doc = { textDocument: { uri }, position };
      assertRangesInside(text, await lsp.request('textDocument/completion', doc), 'completion');
      assertRangesInside(text, await lsp.request('textDocument/hover', doc), 'hover');
      assertRangesInside(
        text,
        await lsp.request('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: position, end: position },
          context: { diagnostics: got },
        }),
        'codeAction',
      );
    }
    assertRangesInside(text, await lsp.request('textDocument/documentSymbol', { textDocument: { uri } }), 'documentSymbol');
    // Empty it first, so its ids leave the index before the next case opens.
    await lsp.notify('textDocument/didChange', { textDocument: { uri, version: version + 1 }, contentChanges: [{ text: '' }] });
    await published(uri, version + 1);
    await lsp.close(uri);
  }

  it('publishes, after random incremental edits, what a fresh analysis of the final text gives', () =>
    check(
      'server incremental edits',
      editSequence,
      runs(0.1),
      async (c) => {
        const uri = `file:///fuzz/${n++}-${c.sample}`;
        let text = startText(c);
        await lsp.open(uri, text);
        let version = 1;
        try {
          for (const spec of c.edits) {
            const { edit, after } = applySpec(text, spec);
            text = after;
            await lsp.notify('textDocument/didChange', {
              textDocument: { uri, version: ++version },
              contentChanges: [{ range: edit.range, text: edit.text }],
            });
          }
          await expectFresh(uri, text, version);
        } catch (e) {
          await forget(uri);
          throw e;
        }
      },
      (c, error) => ({
        property: 'server incremental edits',
        kind: 'edits',
        uri: `file:///fuzz/${c.sample}`,
        text: startText(c),
        edits: c.edits,
        error,
      }),
    ));

  it('opens mutated samples and answers requests on them', () =>
    check(
      'server mutated samples',
      mutatedSample,
      runs(0.06),
      async (c) => {
        const uri = `file:///fuzz/${n++}-${c.sample}`;
        const text = mutatedText(c);
        await lsp.open(uri, text);
        await expectFresh(uri, text, 1).catch(async (e) => {
          await forget(uri);
          throw e;
        });
      },
      (c, error) => ({ property: 'server mutated samples', kind: 'text', uri: `file:///fuzz/${c.sample}`, text: mutatedText(c), error }),
    ));

  it('is still the same process, and answers', async () => {
    assert.strictEqual(lsp.child.exitCode, null);
    assert.ok(Array.isArray(await lsp.request('workspace/symbol', { query: '' })));
  });
});
