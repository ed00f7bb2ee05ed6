// The Journeys view (the portfolio) in VS Code for the web: the server in a Web Worker reads
// every journey of the virtual folder (vscode-test-web://mount/) through the client, ranks them,
// and follows edits and files that come and go through the workspace's watcher. Runs first, on
// the workspace as the harness made it (the samples and the faulty fixture: 8 journeys).
// The expected order is the one worked out from the samples' figures per year, as in the desktop
// suite (test/extension/suite/journeys.test.ts): Buy a phone online EUR 21.3M, Move broadband
// 4.8M, Open a current account 4.4M, Get a broken router fixed 3.5M, Pay an estimated energy
// bill 1.1M, Cancel a streaming subscription 568.7K; the faulty fixture and the to-be journey
// have no money at their hotspots, so no rank.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ViewRow } from '../../../client/src/journeysView';
import type { ReportState } from '../../../client/src/portfolioReport';
import { checkPortfolioReport, closeAll, openFile, waitFor, workspaceUri } from '../../extension/suite/helpers';

interface ViewState {
  grouping: string;
  message: string | undefined;
  rows: ViewRow[];
}

const view = async () => (await vscode.commands.executeCommand<ViewState>('journeymap._journeysView'))!;
const labels = (s: ViewState) => s.rows.map((r) => r.label);

const RANKED = [
  '1. Buy a phone online',
  '2. Move broadband to a new home',
  '3. Open a current account in the app',
  '4. Get a broken router fixed',
  '5. Pay an estimated energy bill',
  '6. Cancel a streaming subscription',
];
const UNRANKED = ['Buy a phone online, delivery cost up front', 'Faulty checkout'];

/** Waits until the view lists exactly `n` journeys with `first` on top. */
const viewWith = (what: string, ok: (s: ViewState) => boolean) =>
  waitFor(
    what,
    async () => {
      const s = await view();
      return ok(s) ? s : undefined;
    },
    100_000,
  );

describe('Journeys view in the browser (portfolio through the web worker server)', () => {
  before(async () => {
    // Showing the view activates the extension: no journey file is open yet, so every journey
    // the view lists was found and read through the client (journeymap/findFiles, readFile).
    await vscode.commands.executeCommand('journeymap.journeys.focus');
    await waitFor('the extension to activate', () => vscode.extensions.getExtension('journeymap.journeymap')?.isActive, 60_000);
    assert.strictEqual(vscode.workspace.workspaceFolders?.[0].uri.scheme, 'vscode-test-web');
    assert.strictEqual(vscode.window.visibleTextEditors.length, 0, 'no journey is open');
  });
  after(async () => {
    await vscode.commands.executeCommand('journeymap.groupJourneysByJourney');
    await closeAll();
  });

  it('lists the sample journeys of the virtual folder ranked by revenue at risk per year, with their score', async () => {
    const state = await viewWith('the Journeys view to list 8 journeys', (s) => s.rows.length === 8);
    assert.strictEqual(state.grouping, 'journeys');
    assert.deepStrictEqual(labels(state).slice(0, 6), RANKED);
    assert.deepStrictEqual(labels(state).slice(6).sort(), UNRANKED);
    assert.strictEqual(state.rows[0].description, 'EUR 21.3M per year at risk · score 46');
    assert.strictEqual(state.rows[4].description, 'EUR 1.1M per year at risk · score 61');
    assert.ok(state.rows.every((r) => r.kind === 'journey'));
    // Each row names its file in the virtual folder.
    assert.strictEqual(state.rows[0].uri, workspaceUri('buy-phone-online.journey.yaml').toString());
  });

  it('expands a journey to its hotspots, ranked, then its opportunities; a click reveals the hotspot', async () => {
    const bank = (await view()).rows.find((r) => r.label === RANKED[2])!;
    const children = bank.children ?? [];
    const hotspots = children.filter((c) => c.kind === 'hotspot');
    assert.deepStrictEqual(
      hotspots.map((h) => h.label),
      ['#1 Scans ID and takes a selfie', '#2 Confirms identity on a video call'],
    );
    assert.strictEqual(hotspots[0].description, 'EUR 4.1M per year at risk · friction 0.76');
    assert.strictEqual(
      children.findIndex((c) => c.kind === 'opportunity'),
      2,
      'the opportunities follow the hotspots',
    );
    // Run exactly what the tree item runs when clicked.
    const command = hotspots[0].command!;
    assert.strictEqual(command.command, 'journeymap.revealInEditor');
    await vscode.commands.executeCommand(command.command, ...command.arguments);
    const bankUri = workspaceUri('open-bank-account.journey.yaml').toString();
    const editor = await waitFor('the bank journey in the editor', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === bankUri ? e : undefined;
    });
    assert.strictEqual(editor.document.getText(editor.selection), 'Scans ID and takes a selfie');
    assert.strictEqual(editor.selection.start.line, 68);
    assert.match(editor.document.lineAt(67).text, /- id: scan-id$/);
    await closeAll();
  });

  it('follows an edit that changes the ranking, and the revert', async function () {
    this.timeout(300_000);
    const editor = await openFile('cancel-subscription.journey.yaml');
    const at = editor.document.getText().indexOf('revenue_at_risk: 29838');
    assert.ok(at > 0);
    // 29,838 -> 2,983,800 a month at "Looks for cancel on the web": (17,552 + 2,983,800) x 12 = EUR 36.0M a year, first.
    const start = editor.document.positionAt(at + 'revenue_at_risk: '.length);
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(start, start.translate(0, 5)), '2983800')));
    const state = await viewWith(
      'Cancel a streaming subscription to rank first',
      (s) => s.rows[0]?.label === '1. Cancel a streaming subscription',
    );
    assert.strictEqual(state.rows[0].description, 'EUR 36.0M per year at risk · score 48');
    assert.deepStrictEqual(
      labels(state).slice(1, 6),
      RANKED.slice(0, 5).map((l) => l.replace(/^(\d)/, (d) => String(Number(d) + 1))),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const back = await viewWith('the ranking back after the revert', (s) => s.rows[0]?.label === RANKED[0]);
    assert.deepStrictEqual(labels(back).slice(0, 6), RANKED);
    await closeAll();
  });

  it('lists a journey written into the virtual folder (never opened), and drops it when deleted', async function () {
    this.timeout(300_000);
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('open-bank-account.journey.yaml')));
    const copy = workspaceUri('bank-copy.journey.yaml');
    // The same journey under another id and title: the same money, so the same figures as the original.
    const text = source.replace(/^journey: .*$/m, 'journey: bank-copy').replace(/^title: .*$/m, 'title: A copy of the bank journey');
    assert.ok(text !== source, 'the id and title replaced');
    await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(text));
    try {
      const state = await viewWith('the copy to be listed', (s) => s.rows.length === 9);
      const row = state.rows.find((r) => r.uri === copy.toString());
      assert.ok(row, labels(state).join(' | '));
      assert.match(row.label, /^\d\. A copy of the bank journey$/);
      assert.strictEqual(row.description, state.rows.find((r) => r.label.endsWith('Open a current account in the app'))!.description);
    } finally {
      await vscode.workspace.fs.delete(copy);
    }
    const after = await viewWith('the copy to leave the view', (s) => s.rows.length === 8);
    assert.deepStrictEqual(labels(after).slice(0, 6), RANKED);
    assert.ok(!after.rows.some((r) => r.uri === copy.toString()));
  });

  it('groups by owner: the team behind hotspots of two journeys is systemic', async () => {
    await vscode.commands.executeCommand('journeymap.groupJourneysByOwner');
    const state = await view();
    assert.strictEqual(state.grouping, 'owners');
    const care = state.rows.find((r) => r.label === 'customer-care');
    assert.ok(care, `customer-care among ${labels(state).join(' | ')}`);
    assert.match(care.description, /2 hotspots in 2 journeys · systemic$/);
    assert.deepStrictEqual(care.children!.map((c) => c.label.replace(/^#\d+ /, '')).sort(), [
      'Get a broken router fixed: Repeats the fault to an agent',
      'Pay an estimated energy bill: Calls to dispute the bill',
    ]);
    await vscode.commands.executeCommand('journeymap.groupJourneysByJourney');
    assert.strictEqual((await view()).rows[0].label, RANKED[0]);
  });

  it('opens the portfolio report in a webview, each journey linked to the reveal command', async () => {
    const state = (await vscode.commands.executeCommand<ReportState>('journeymap.openPortfolioReport'))!;
    assert.strictEqual(state.open, true);
    const { args } = checkPortfolioReport(
      state.html!,
      RANKED.map((l) => l.replace(/^\d\. /, '')),
      'Buy a phone online',
    );
    assert.strictEqual(args[0], workspaceUri('buy-phone-online.journey.yaml').toString());
    await vscode.commands.executeCommand('journeymap.revealInEditor', ...args);
    await waitFor('the phone journey in the editor', () => vscode.window.activeTextEditor?.document.uri.toString() === args[0]);
  });
});
