import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, copyJourney, FAULTY, openFile, ours, summary, waitForDiagnostics, workspaceUri } from './helpers';

const S = vscode.DiagnosticSeverity;

describe('diagnostics', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('journeymap').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });
  after(closeAll);

  it('reports each fault of a faulty journey with its rule, severity and exact range', async () => {
    const editor = await openFile('faulty.journey.yaml');
    const ds = await waitForDiagnostics(editor.document.uri, (ds) => ds.length >= FAULTY.length);
    assert.deepStrictEqual(summary(ds), FAULTY);
    assert.ok(ds.every((d) => d.source === 'journeymap'));
    assert.match(ds.find((d) => codeOf(d) === 'metric-range')!.message, /0\.62/);
  });

  it('reports nothing above info for the bundled samples', async () => {
    for (const name of [
      'buy-phone-online',
      'open-bank-account',
      'pay-energy-bill',
      'report-broken-router',
      'move-home-broadband',
      'cancel-subscription',
    ]) {
      const editor = await openFile(`${name}.journey.yaml`);
      // Each sample shows a hotspot on purpose: its info marks the analysis as done.
      const ds = await waitForDiagnostics(editor.document.uri, (ds) => ds.some((d) => codeOf(d) === 'friction-hotspot'), 'the hotspot');
      assert.deepStrictEqual(
        ds.filter((d) => d.severity < S.Information).map((d) => `${codeOf(d)}: ${d.message}`),
        [],
        name,
      );
    }
  });

  it('follows edits as the user types', async () => {
    const uri = await copyJourney('faulty.journey.yaml', 'edited.journey.yaml');
    const editor = await openFile('edited.journey.yaml');
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'emotion-range'));
    await editor.edit((e) => e.replace(new vscode.Range(18, 17, 18, 18), '2'));
    const ds = await waitForDiagnostics(uri, (ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'emotion-range'), 'no emotion-range');
    assert.deepStrictEqual(
      summary(ds).map((d) => d[0]),
      ['unknown-channel', 'metric-range', 'friction-hotspot', 'schema'],
    );
    // Unsaved: reverted and closed first, so nothing writes the copy back after the delete.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });

  it('applies the journeymap.rules setting: a rule turned off, another lowered', async () => {
    const uri = workspaceUri('faulty.journey.yaml');
    await openFile('faulty.journey.yaml');
    await waitForDiagnostics(uri, (ds) => ds.length === FAULTY.length);
    const config = vscode.workspace.getConfiguration('journeymap');
    await config.update('rules', { 'unknown-channel': 'off', 'metric-range': 'warning' }, vscode.ConfigurationTarget.Workspace);
    const ds = await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'unknown-channel'), 'unknown-channel off');
    assert.strictEqual(ds.find((d) => codeOf(d) === 'metric-range')?.severity, S.Warning);
    assert.strictEqual(ds.length, FAULTY.length - 1);
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => ds.length === FAULTY.length, 'the defaults back');
    assert.strictEqual(ours(uri).find((d) => codeOf(d) === 'metric-range')?.severity, S.Error);
  });
});
