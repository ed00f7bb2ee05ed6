// The Journeys view and the portfolio report in a real VS Code, on the samples (plus the faulty
// fixture) the harness copies into the workspace. The expected order is the one worked out from
// the samples' figures, each per year (docs/portfolio.md): Buy a phone online EUR 21.3M
// (5.3M a quarter x4), Move broadband 4.8M, Open a current account 4.4M, Get a broken router
// fixed 3.5M, Pay an estimated energy bill 1.1M (92.3K a month x12), Cancel a streaming
// subscription 568.7K (47.4K a month x12); the faulty fixture and the to-be journey have no
// money at their hotspots, so no rank.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ViewRow } from '../../../client/src/journeysView';
import type { ReportState } from '../../../client/src/portfolioReport';
import { checkPortfolioReport, closeAll, openFile, waitFor, workspaceUri } from './helpers';
import { screenshot } from './shot';

interface ViewState {
  grouping: string;
  message: string | undefined;
  rows: (ViewRow & { command?: { command: string; arguments: unknown[] } })[];
}

const view = async () => (await vscode.commands.executeCommand<ViewState>('journeymap._journeysView'))!;

const RANKED = [
  '1. Buy a phone online',
  '2. Move broadband to a new home',
  '3. Open a current account in the app',
  '4. Get a broken router fixed',
  '5. Pay an estimated energy bill',
  '6. Cancel a streaming subscription',
];

describe('Journeys view', () => {
  before(async () => {
    // Showing the view activates the extension (no journey file needs to be open).
    await vscode.commands.executeCommand('journeymap.journeys.focus');
    await waitFor('the extension to activate', () => vscode.extensions.getExtension('journeymap.journeymap')?.isActive, 60_000);
    await closeAll();
  });
  after(async () => {
    await vscode.commands.executeCommand('journeymap.groupJourneysByJourney');
    await closeAll();
  });

  it('lists the sample journeys ranked by revenue at risk per year, with their score', async () => {
    const state = await waitFor(
      'the Journeys view to list 8 journeys',
      async () => {
        const s = await view();
        return s.rows.length === 8 ? s : undefined;
      },
      60_000,
    );
    assert.strictEqual(state.grouping, 'journeys');
    assert.deepStrictEqual(
      state.rows.slice(0, 6).map((r) => r.label),
      RANKED,
    );
    assert.deepStrictEqual(
      state.rows
        .slice(6)
        .map((r) => r.label)
        .sort(),
      ['Buy a phone online, delivery cost up front', 'Faulty checkout'],
    );
    assert.strictEqual(state.rows[0].description, 'EUR 21.3M per year at risk · score 46');
    assert.strictEqual(state.rows[4].description, 'EUR 1.1M per year at risk · score 61');
    assert.ok(state.rows.every((r) => r.kind === 'journey'));
  });

  it('expands a journey to its hotspots, ranked, then its opportunities', async () => {
    const bank = (await view()).rows.find((r) => r.label === '3. Open a current account in the app')!;
    const children = bank.children ?? [];
    const hotspots = children.filter((c) => c.kind === 'hotspot');
    assert.deepStrictEqual(
      hotspots.map((h) => h.label),
      ['#1 Scans ID and takes a selfie', '#2 Confirms identity on a video call'],
    );
    assert.strictEqual(hotspots[0].description, 'EUR 4.1M per year at risk · friction 0.76');
    // Hotspots first, then the opportunities of the journey.
    const firstOpportunity = children.findIndex((c) => c.kind === 'opportunity');
    assert.strictEqual(firstOpportunity, 2);
    assert.ok(children.length > 2);
  });

  it('shows its rows in the side bar, ranked, a journey expanded to its hotspots by a click on its twistie (screenshot)', async () => {
    await vscode.commands.executeCommand('journeymap.journeys.focus');
    const bank = RANKED[2];
    // A side bar 560 px wide, so the shot shows each row's money and score.
    const { rows } = await screenshot('journeys-view', [bank], 560);
    // What the page draws: the journeys in rank order at the top level...
    const top = rows.filter((r) => r.level === 1).map((r) => r.text);
    assert.deepStrictEqual(
      RANKED.map((label) => top.findIndex((t) => t.startsWith(label))),
      [0, 1, 2, 3, 4, 5],
      top.join('\n'),
    );
    assert.match(top[0], /EUR 21\.3M per year at risk · score 46$/);
    // ...and the bank journey's hotspots, then its opportunities, right under it.
    const at = rows.findIndex((r) => r.text.startsWith(bank));
    const children = rows.slice(
      at + 1,
      rows.findIndex((r, i) => i > at && r.level === 1),
    );
    assert.ok(children.every((c) => c.level === 2));
    assert.match(children[0].text, /^#1 Scans ID and takes a selfie\s*EUR 4\.1M per year at risk · friction 0\.76$/);
    assert.match(children[1].text, /^#2 Confirms identity on a video call/);
    assert.ok(children.length > 2, 'the opportunities follow');
  });

  it('a click reveals the hotspot in the editor', async () => {
    const bank = (await view()).rows.find((r) => r.label === '3. Open a current account in the app')!;
    const hotspot = bank.children!.find((c) => c.label === '#1 Scans ID and takes a selfie')!;
    // Run exactly what the tree item runs when clicked.
    assert.ok(hotspot.command, 'the item has a click command');
    await vscode.commands.executeCommand(hotspot.command.command, ...hotspot.command.arguments);
    const editor = await waitFor('the bank journey in the editor', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === workspaceUri('open-bank-account.journey.yaml').toString() ? e : undefined;
    });
    // The selection is the touchpoint's name, under its `id: scan-id` (line 69 of the file, 0-based 68).
    assert.strictEqual(editor.document.getText(editor.selection), 'Scans ID and takes a selfie');
    assert.strictEqual(editor.selection.start.line, 68);
    assert.match(editor.document.lineAt(67).text, /- id: scan-id$/);
    await waitFor('the selection scrolled into view', () => editor.visibleRanges.some((r) => r.contains(editor.selection.start)));
  });

  it('follows an edit that changes the ranking', async function () {
    const editor = await openFile('cancel-subscription.journey.yaml');
    const text = editor.document.getText();
    const at = text.indexOf('revenue_at_risk: 29838');
    assert.ok(at > 0);
    // 29,838 -> 2,983,800 a month at "Looks for cancel on the web": (17,552 + 2,983,800) x 12 = EUR 36.0M a year, first.
    const start = editor.document.positionAt(at + 'revenue_at_risk: '.length);
    await editor.edit((e) => e.replace(new vscode.Range(start, start.translate(0, 5)), '2983800'));
    const state = await waitFor(
      'Cancel a streaming subscription to rank first',
      async () => {
        const s = await view();
        return s.rows[0]?.label === '1. Cancel a streaming subscription' ? s : undefined;
      },
      100_000,
    );
    assert.strictEqual(state.rows[0].description, 'EUR 36.0M per year at risk · score 48');
    assert.deepStrictEqual(
      state.rows.slice(1, 6).map((r) => r.label),
      RANKED.slice(0, 5).map((l) => l.replace(/^(\d)/, (d) => String(Number(d) + 1))),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the ranking back after the revert', async () => (await view()).rows[0]?.label === '1. Buy a phone online', 100_000);
  });

  it('groups by owner: the team behind hotspots of two journeys is systemic', async () => {
    await vscode.commands.executeCommand('journeymap.groupJourneysByOwner');
    const state = await view();
    assert.strictEqual(state.grouping, 'owners');
    const care = state.rows.find((r) => r.label === 'customer-care')!;
    assert.ok(care, 'customer-care is listed');
    assert.match(care.description, /2 hotspots in 2 journeys · systemic$/);
    assert.ok(care.children!.every((c) => c.kind === 'hotspot'));
    assert.deepStrictEqual(care.children!.map((c) => c.label.replace(/^#\d+ /, '')).sort(), [
      'Get a broken router fixed: Repeats the fault to an agent',
      'Pay an estimated energy bill: Calls to dispute the bill',
    ]);
    assert.ok(
      state.rows.some((r) => r.label.endsWith('(system)')),
      'backstage systems follow the teams',
    );
    await vscode.commands.executeCommand('journeymap.groupJourneysByJourney');
    assert.strictEqual((await view()).rows[0].kind, 'journey');
  });

  it('opens the portfolio report in a webview under a nonce-only CSP, each journey linked to the reveal command', async () => {
    const state = (await vscode.commands.executeCommand<ReportState>('journeymap.openPortfolioReport'))!;
    assert.strictEqual(state.open, true);
    const html = state.html!;
    const { nonce, args } = checkPortfolioReport(
      html,
      RANKED.map((l) => l.replace(/^\d\. /, '')),
      'Buy a phone online',
    );
    assert.strictEqual((html.match(/<script\b/g) ?? []).length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    assert.ok((html.match(/<table class="sortable">/g) ?? []).length >= 4);
    // The link's arguments name the journey's file.
    assert.strictEqual(args[0], workspaceUri('buy-phone-online.journey.yaml').toString());
    // Running the link's command reveals the journey.
    await vscode.commands.executeCommand('journeymap.revealInEditor', ...args);
    await waitFor('the phone journey in the editor', () => vscode.window.activeTextEditor?.document.uri.toString() === args[0]);
  });

  it('a journey deleted on disk leaves the view, and stays out after the language server restarts', async function () {
    this.timeout(300_000);
    const copy = await vscode.commands.executeCommand<vscode.Uri>('journeymap.newFromSample', 'pay-energy-bill', workspaceUri());
    const listed = async () => (await view()).rows.some((r) => r.uri === copy.toString());
    await waitFor('the copy listed in the view', listed, 100_000);
    await closeAll();
    await vscode.workspace.fs.delete(copy);
    await waitFor('the deleted copy to leave the view', async () => !(await listed()), 100_000);
    // VS Code keeps a document an extension opened for minutes after its editor closed: a
    // restarted server is sent it again, and must not count the deleted file.
    const held = vscode.workspace.textDocuments.some((d) => d.uri.toString() === copy.toString());
    console.log(`      (the deleted copy's document still held by VS Code: ${held})`);
    await vscode.commands.executeCommand('journeymap.restartServer');
    const state = await waitFor(
      'the 8 journeys on disk listed by the restarted server, the deleted copy not among them',
      async () => {
        await vscode.commands.executeCommand('journeymap.refreshJourneys');
        const s = await view();
        return s.rows.length === 8 && !s.rows.some((r) => r.uri === copy.toString()) ? s : undefined;
      },
      120_000,
    );
    assert.deepStrictEqual(
      state.rows.slice(0, 6).map((r) => r.label),
      RANKED,
    );
  });
});
