// The extension writes nothing without a user action: opening files, typing (unsaved), the map,
// its follow and highlight, and the read-only commands leave every file of the workspace as it
// was, byte for byte and mtime for mtime.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAll, openFile, previewStates, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

/** Every file under the workspace folder with its size, mtime and content. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        out.set(path.relative(root, p), `${st.size} ${st.mtimeMs} ${fs.readFileSync(p, 'base64')}`);
      }
    }
  };
  walk(root);
  return out;
}

describe("the user's files", () => {
  after(closeAll);

  it('opening, typing, the map and read-only commands write nothing to the workspace', async () => {
    // VS Code for the web saves after a delay by default; that is the editor saving, not us.
    const files = vscode.workspace.getConfiguration('files');
    const autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    try {
      await writesNothing();
    } finally {
      await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    }
  });
});

async function writesNothing(): Promise<void> {
  {
    const root = workspaceUri().fsPath;
    const before = snapshot(root);
    const journey = await openFile('buy-phone-online.journey.yaml');
    await waitForDiagnostics(journey.document.uri, (ds) => ds.length > 0, 'the hotspot info');
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    await waitFor('the map of buy-phone-online', async () =>
      (await previewStates()).some((s) => s.uri === journey.document.uri.toString() && s.ready && s.postedVersion !== null),
    );
    // Type and move the cursor without saving: the document changes, the file must not.
    await journey.edit((e) => e.insert(new vscode.Position(0, 0), '# a note\n'));
    journey.selection = new vscode.Selection(20, 4, 20, 4);
    await openFile('first-time-buyer.persona.yaml', vscode.ViewColumn.One);
    await vscode.commands.executeCommand('journeymap.togglePreviewLock');
    await vscode.commands.executeCommand('journeymap.togglePreviewLock');
    await vscode.window.showTextDocument(journey.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('journeymap.copyMermaid');
    await vscode.commands.executeCommand('journeymap.restartServer');
    await waitForDiagnostics(journey.document.uri, (ds) => ds.length > 0, 'diagnostics after the restart');
    await vscode.window.showTextDocument(journey.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.strictEqual(journey.document.isDirty, false, 'the unsaved edit was reverted, not saved');
    await closeAll();
    assert.deepStrictEqual([...snapshot(root).entries()], [...before.entries()]);
  }
}
