// Crash recovery in the real VS Code: the language server is SIGKILLed mid-session, and
// vscode-languageclient must start a new one; diagnostics and the map must come back from it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAll, copyJourney, FAULTY, openFile, previewStates, summary, waitFor, waitForDiagnostics } from './helpers';

const same = (ds: vscode.Diagnostic[], want: typeof FAULTY) => JSON.stringify(summary(ds)) === JSON.stringify(want);

/**
 * Pids of our language servers: node processes running dist/server.js whose parent is this
 * extension host (vscode-languageclient forks the server over IPC). Other VS Code instances
 * on the machine have other parents.
 */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!cmdline.some((arg) => arg.endsWith('dist/server.js'))) continue;
      const ppid = /^PPid:\s*(\d+)$/m.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (Number(ppid) === process.pid) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

describe('crash recovery', () => {
  after(closeAll);

  it('restarts a SIGKILLed language server; diagnostics and the map come back from the new one', async () => {
    const uri = await copyJourney('faulty.journey.yaml', 'crashed.journey.yaml');
    try {
      const editor = await openFile('crashed.journey.yaml');
      const doc = editor.document;
      assert.deepStrictEqual(summary(await waitForDiagnostics(uri, (ds) => ds.length >= FAULTY.length)), FAULTY);
      await vscode.commands.executeCommand('journeymap.openPreviewToSide');
      const shown = await waitFor('the preview with the model', async () =>
        (await previewStates()).find((p) => p.uri === uri.toString() && p.ready && p.postedVersion === doc.version),
      );
      assert.strictEqual(shown.postedTouchpoints, 4);

      const before = serverPids();
      assert.strictEqual(
        before.length,
        1,
        `one language server child of the extension host (pid ${process.pid}), found ${before.join(', ')}`,
      );
      process.kill(before[0], 'SIGKILL');
      await waitFor(
        'the killed server to go',
        () => !fs.existsSync(`/proc/${before[0]}`) || /^State:\s*Z/m.test(fs.readFileSync(`/proc/${before[0]}/status`, 'utf8')),
      );
      const after = await waitFor('a new language server', () => {
        const now = serverPids().filter((p) => p !== before[0]);
        return now.length === 1 ? now[0] : undefined;
      });
      assert.notStrictEqual(after, before[0]);

      // The new server is sent the open document again and reports the same findings.
      await waitForDiagnostics(uri, (ds) => same(ds, FAULTY), 'the findings after the restart');
      // And it follows edits: fixing the emotion drops exactly that finding.
      const versionBefore = doc.version;
      assert.ok(await editor.edit((e) => e.replace(new vscode.Range(18, 17, 18, 18), '2')));
      const fixed = FAULTY.filter(([rule]) => rule !== 'emotion-range');
      assert.deepStrictEqual(summary(await waitForDiagnostics(uri, (ds) => same(ds, fixed), 'no emotion-range after the edit')), fixed);

      // The preview survived: it gets the new server's model of the edited version.
      const updated = await waitFor(`the preview at version ${doc.version}`, async () =>
        (await previewStates()).find((p) => p.uri === uri.toString() && p.postedVersion === doc.version),
      );
      assert.ok(doc.version > versionBefore);
      assert.strictEqual(updated.ready, true);
      assert.strictEqual(updated.postedTouchpoints, 4);
      assert.deepStrictEqual(serverPids(), [after], 'still the one restarted server');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await closeAll();
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
