// `journeymap/portfolio` over a real connection to the built server: the hand-worked workspace
// of test/unit/portfolio.workspace.ts ranked as the core ranks it, an edit in an open document
// that changes the ranking (announced by `journeymap/portfolioChanged`), a file created on
// disk, and malformed params; journeys deleted on disk leave it, however the editor held them.
import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel } from '../../server/src/core/model';
import { buildPortfolio } from '../../server/src/core/portfolio';
import { isJourneyOrPersonaFile } from '../../server/src/core/parse';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import type { PortfolioResult } from '../../server/src/protocol';
import { PORTFOLIO_FILES } from '../unit/portfolio.workspace';
import { LspClient, makeWorkspace, rangeOf, startLsp, TempWorkspace } from './client';

describe('lsp: journeymap/portfolio', function () {
  this.timeout(90_000);
  let ws: TempWorkspace;
  let lsp: LspClient;

  before(async () => {
    ws = makeWorkspace({ files: PORTFOLIO_FILES });
    lsp = await startLsp({ folders: [ws.dir] });
  });
  after(() => {
    lsp?.kill();
    ws?.dispose();
  });

  const portfolio = async () => (await lsp.request<PortfolioResult>('journeymap/portfolio', {})).portfolio;

  it('ranks the workspace as the core does, with the hand-worked order', async () => {
    const p = await portfolio();
    // EUR per year: renew-b 42,000 before buy-a 40,000; GBP move-c; no currency visit-e; EUR per spring sale sale-d; happy-f unranked.
    assert.deepStrictEqual(
      p.journeys.map((j) => [j.id, j.rank]),
      [
        ['renew-b', 1],
        ['buy-a', 2],
        ['move-c', 1],
        ['visit-e', 1],
        ['sale-d', 1],
        ['happy-f', null],
      ],
    );
    assert.strictEqual(p.journeys[0].uri, ws.uri('journeys/renew-b.journey.yaml'));
    // The same object the core computes from the same files and URIs.
    const index = new WorkspaceIndex();
    const files = ws.list().filter(isJourneyOrPersonaFile);
    for (const f of files) index.update(ws.uri(f), ws.read(f));
    const models = files
      .map((f) => analyzeText(ws.uri(f), ws.read(f), index).model)
      .filter((m): m is JourneyModel => m?.kind === 'journey');
    assert.deepStrictEqual(p, JSON.parse(JSON.stringify(buildPortfolio(models))));
  });

  it('an edit in an open document changes the ranking and is announced', async () => {
    const uri = ws.uri('journeys/renew-b.journey.yaml');
    await lsp.open(uri);
    await lsp.model(uri);
    const before = lsp.portfolioChanges;
    // notice: 3,000 -> 100 a month; the journey: 100 + 1,500 x 4 / 12 = 600 a month = 7,200 a year, now under buy-a's 40,000.
    await lsp.change(uri, [{ range: rangeOf(lsp.text(uri)!, 'revenue_at_risk: 3000'), text: 'revenue_at_risk: 100' }]);
    await lsp.model(uri);
    await lsp.waitFor('journeymap/portfolioChanged', () => lsp.portfolioChanges > before, 20_000);
    const p = await portfolio();
    assert.deepStrictEqual(
      p.journeys.slice(0, 2).map((j) => [j.id, j.rank, Math.round(j.risk!.amount)]),
      [
        ['buy-a', 1, 40000],
        ['renew-b', 2, 7200],
      ],
    );
    await lsp.close(uri);
  });

  it('a journey created on disk joins the portfolio', async () => {
    const before = lsp.portfolioChanges;
    const uri = ws.write(
      'journeys/new-g.journey.yaml',
      `journey: new-g
title: New G
currency: EUR
metrics: { period: 2026 }
stages:
  - name: S
    touchpoints:
      - { id: x, name: X, emotion: -2, metrics: { revenue_at_risk: 99000 } }
`,
    );
    await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await lsp.waitFor('journeymap/portfolioChanged', () => lsp.portfolioChanges > before, 20_000);
    const p = await portfolio();
    // 99,000 a year tops EUR per year.
    assert.deepStrictEqual([p.journeys[0].id, p.journeys[0].rank, p.journeys[0].risk!.amount], ['new-g', 1, 99000]);
  });

  it('malformed params get InvalidParams, and the server keeps answering', async () => {
    await assert.rejects(lsp.request('journeymap/portfolio', 42), /params must be an object/);
    assert.ok((await portfolio()).journeys.length >= 6);
  });

  it('analyses a closed file again only after it changed on disk', async () => {
    const cws = makeWorkspace({ files: PORTFOLIO_FILES });
    const timed = await startLsp({ folders: [cws.dir], initializationOptions: { benchmark: true } });
    try {
      const analysed = async () =>
        (await timed.request<{ closedFilesAnalysed: number }>('journeymap/stats', { portfolio: true })).closedFilesAnalysed;
      const ask = async () => (await timed.request<PortfolioResult>('journeymap/portfolio', {})).portfolio;
      const journeys = (await ask()).journeys.length;
      assert.strictEqual(journeys, 6);
      assert.strictEqual(await analysed(), 6, 'the first request analyses every closed journey');
      await ask();
      await ask();
      assert.strictEqual(await analysed(), 6, 'later requests reuse the models');
      // One file changes on disk: only it is analysed again, and the change shows.
      const before = timed.portfolioChanges;
      const file = 'journeys/renew-b.journey.yaml';
      const uri = cws.write(file, cws.read(file).replace('revenue_at_risk: 3000', 'revenue_at_risk: 100'));
      await timed.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      await timed.waitFor('journeymap/portfolioChanged', () => timed.portfolioChanges > before, 20_000);
      const p = await ask();
      assert.strictEqual(await analysed(), 7, 'only the changed file');
      assert.deepStrictEqual(
        p.journeys.slice(0, 2).map((j) => [j.id, j.rank, Math.round(j.risk!.amount)]),
        [
          ['buy-a', 1, 40000],
          ['renew-b', 2, 7200],
        ],
      );
    } finally {
      timed.kill();
      cws.dispose();
    }
  });
});

// Deletes as VS Code sends them: a closed file's watched-file delete; a close followed at once by
// the delete (the extension suite's New Journey from Sample copies); and a document opened after
// its file was deleted: a restarted server is sent every document VS Code still holds, and VS Code
// holds a document an extension opened for minutes after its editor closed. Each deleted journey
// must leave the portfolio, and one saved again must come back.
describe('lsp: journeys deleted on disk leave the portfolio', function () {
  this.timeout(90_000);
  let ws: TempWorkspace;
  let lsp: LspClient;

  beforeEach(async () => {
    ws = makeWorkspace({ files: PORTFOLIO_FILES });
    lsp = await startLsp({ folders: [ws.dir] });
  });
  afterEach(() => {
    lsp?.kill();
    ws?.dispose();
  });

  const ids = async () => (await lsp.request<PortfolioResult>('journeymap/portfolio', {})).portfolio.journeys.map((j) => j.id);
  const DELETED = 3;
  const CREATED = 1;
  /** Runs `step`, then waits for the portfolioChanged notification that follows it. */
  const announced = async (step: () => Promise<unknown>) => {
    const before = lsp.portfolioChanges;
    await step();
    await lsp.waitFor('journeymap/portfolioChanged', () => lsp.portfolioChanges > before, 30_000);
  };

  it("a closed journey's watched-file delete takes it out", async () => {
    assert.ok((await ids()).includes('happy-f'));
    await announced(() =>
      lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.remove('journeys/happy-f.journey.yaml'), type: DELETED }] }),
    );
    assert.deepStrictEqual((await ids()).sort(), ['buy-a', 'move-c', 'renew-b', 'sale-d', 'visit-e']);
  });

  it('a journey closed and deleted at once stays out', async () => {
    const uri = ws.uri('journeys/buy-a.journey.yaml');
    await lsp.open(uri);
    await lsp.model(uri);
    await announced(async () => {
      await lsp.close(uri);
      ws.remove('journeys/buy-a.journey.yaml');
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: DELETED }] });
    });
    assert.ok(!(await ids()).includes('buy-a'), 'buy-a left');
    // Later work: the close's own read of the file does not bring it back.
    const other = ws.uri('journeys/renew-b.journey.yaml');
    await announced(async () => {
      await lsp.open(other);
      await lsp.model(other);
    });
    assert.deepStrictEqual((await ids()).sort(), ['happy-f', 'move-c', 'renew-b', 'sale-d', 'visit-e']);
  });

  it('a document opened after its file was deleted is not in the portfolio, and comes back when saved', async () => {
    // The copy the editor still holds: written, indexed, then deleted while the server was away.
    const rel = 'journeys/copy-g.journey.yaml';
    const text = ws.read('journeys/renew-b.journey.yaml').replace('journey: renew-b', 'journey: copy-g');
    const uri = ws.uri(rel);
    await announced(async () => {
      await lsp.open(uri, text);
      await lsp.model(uri);
    });
    assert.ok(!(await ids()).includes('copy-g'), 'the open document of a file not on disk is out');
    // Saved: the watcher reports it, and it ranks as renew-b's twin.
    ws.write(rel, text);
    await announced(() => lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: CREATED }] }));
    assert.deepStrictEqual((await ids()).slice(0, 2).sort(), ['copy-g', 'renew-b']);
    // Deleted again while open: out again.
    await announced(() => lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.remove(rel), type: DELETED }] }));
    assert.ok(!(await ids()).includes('copy-g'));
  });

  it('an untitled journey (no file) is in the portfolio', async () => {
    const uri = 'untitled:Untitled-1';
    const text = ws.read('journeys/renew-b.journey.yaml').replace('journey: renew-b', 'journey: draft-h');
    await announced(async () => {
      await lsp.open(uri, text);
      await lsp.model(uri);
    });
    assert.ok((await ids()).includes('draft-h'));
  });
});
