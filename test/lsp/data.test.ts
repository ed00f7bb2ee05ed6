// Data files over a real LSP connection to the built server: a journey's CSV read from disk
// relative to it, its findings published on the `data` item, the map's model carrying the
// history, and the journey checked again when the watcher reports the CSV changed, created or
// deleted (registered dynamically, and sent unregistered by a client without that capability).
import * as assert from 'assert';
import { Diagnostic, FileChangeType } from 'vscode-languageserver-protocol/node';
import type { CodeAction } from 'vscode-languageserver-types';
import type { JourneyModel } from '../../server/src/core/model';
import { applyEdits, LspClient, makeWorkspace, startLsp, TempWorkspace } from './client';

const JOURNEY = `journey: watched
title: Watched
data: [data/watched.csv]
metrics: { volume: 100, period: 2026-Q1 }
stages:
  - name: S
    touchpoints:
      - id: checkout
        name: Checkout
        metrics: { conversion: 0.5 }
`;
const ITEM = { start: { line: 2, character: 7 }, end: { line: 2, character: 23 } };
const summary = (ds: Diagnostic[]) =>
  ds
    .filter((d) => d.code === 'data-file' || d.code === 'newer-data')
    .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);

for (const dynamic of [true, false]) {
  describe(`lsp: data files (${dynamic ? 'watcher registered by the server' : 'a client without dynamic registration'})`, function () {
    this.timeout(60_000);
    let ws: TempWorkspace;
    let lsp: LspClient;
    before(async () => {
      ws = makeWorkspace({
        files: {
          'watched.journey.yaml': JOURNEY,
          'data/watched.csv': 'period,touchpoint,conversion\n2025-Q4,checkout,0.45\n2026-Q1,checkout,0.5\n',
        },
      });
      lsp = await startLsp({
        folders: [ws.dir],
        capabilities: dynamic ? {} : { workspace: { configuration: true, workspaceFolders: true } },
      });
    });
    after(() => {
      lsp?.kill();
      ws?.dispose();
    });

    it('re-checks the journey when its CSV changes, is deleted and comes back', async () => {
      const watch = lsp.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      if (dynamic)
        assert.ok((watch?.registerOptions as { watchers: { globPattern: string }[] }).watchers.some((w) => w.globPattern === '**/*.csv'));
      else assert.strictEqual(watch, undefined, 'nothing registered without the capability');
      const uri = ws.uri('watched.journey.yaml');
      const csvUri = ws.uri('data/watched.csv');
      await lsp.open(uri);
      assert.deepStrictEqual(summary(await lsp.diagnostics(uri, 1)), []);
      const model = (await lsp.model(uri, 1)).model as JourneyModel;
      assert.deepStrictEqual(model.history, {
        periods: ['2025-Q4', '2026-Q1'],
        series: [{ touchpoint: 'checkout', metric: 'conversion', values: [0.45, 0.5] }],
      });

      // A newer quarter and a typo land on disk: both reported on the data item.
      let count = lsp.publicationsFor(uri).length;
      const models = lsp.models.length;
      ws.write(
        'data/watched.csv',
        'period,touchpoint,conversion\n2025-Q4,checkout,0.45\n2026-Q1,checkout,0.5\n2026-Q2,checkout,0.58\n2026-Q2,chekout,0.6\n',
      );
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: csvUri, type: FileChangeType.Changed }] });
      const changed = (await lsp.nextDiagnostics(uri, count)).diagnostics;
      assert.deepStrictEqual(summary(changed), [
        'data-file 2:7-2:23 data/watched.csv line 5, column 2 (touchpoint): no touchpoint "chekout" in this journey. ' +
          'Did you mean "checkout"?',
        "newer-data 2:7-2:23 data/watched.csv holds figures for 2026-Q2, later than the journey's metrics.period 2026-Q1.",
      ]);
      // The map's model follows the diagnostics.
      await lsp.waitFor('the model after the change', () => lsp.models.slice(models).some((m) => m.uri === uri));
      const after = lsp.models.slice(models).find((m) => m.uri === uri)!.model as JourneyModel;
      assert.deepStrictEqual(after.history?.periods, ['2025-Q4', '2026-Q1', '2026-Q2'], 'the map gets the new quarter');

      // The quick fix writes the 2026-Q2 figures.
      const newer = changed.find((d) => d.code === 'newer-data')!;
      const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: ITEM,
        context: { diagnostics: [newer] },
      });
      const fix = actions.find((a) => a.title === 'Write the 2026-Q2 figures into the journey')!;
      assert.strictEqual(
        applyEdits(JOURNEY, fix.edit!.changes![uri]),
        JOURNEY.replace('period: 2026-Q1', 'period: 2026-Q2').replace('conversion: 0.5', 'conversion: 0.58'),
      );

      // Deleted: the file cannot be read.
      count = lsp.publicationsFor(uri).length;
      ws.remove('data/watched.csv');
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: csvUri, type: FileChangeType.Deleted }] });
      assert.deepStrictEqual(summary((await lsp.nextDiagnostics(uri, count)).diagnostics), [
        'data-file 2:7-2:23 data/watched.csv cannot be read: no such file.',
      ]);

      // Created again, clean.
      count = lsp.publicationsFor(uri).length;
      ws.write('data/watched.csv', 'period,touchpoint,conversion\n2026-Q1,checkout,0.5\n');
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: csvUri, type: FileChangeType.Created }] });
      assert.deepStrictEqual(summary((await lsp.nextDiagnostics(uri, count)).diagnostics), []);

      // A CSV no open journey reads changes nothing.
      count = lsp.publicationsFor(uri).length;
      const other = ws.write('data/other.csv', 'period\n');
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: other, type: FileChangeType.Created }] });
      const probe = await lsp.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      assert.ok(probe, 'the server answered after the event');
      assert.strictEqual(lsp.publicationsFor(uri).length, count, 'no re-check for a file the journey does not name');
      await lsp.close(uri);
    });
  });
}
