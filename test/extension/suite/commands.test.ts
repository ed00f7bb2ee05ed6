import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Hotspot } from '../../../server/src/core/model';
import { closeAll, codeOf, ours, openFile, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

const text = async (uri: vscode.Uri) => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');

describe('commands', () => {
  after(closeAll);

  it('New Journey from Sample writes a copy under a fresh id, never over a file, and opens it', async () => {
    const folder = workspaceUri();
    const original = await text(workspaceUri('buy-phone-online.journey.yaml'));
    // A file already holds the next name, under an id of its own: the name alone is taken.
    const blocker = workspaceUri('buy-phone-online-2.journey.yaml');
    const blockerText = '# not a copy of the sample\njourney: someone-elses\ntitle: Keep me\nstages: []\n';
    await vscode.workspace.fs.writeFile(blocker, Buffer.from(blockerText, 'utf8'));

    const first = await vscode.commands.executeCommand<vscode.Uri>('journeymap.newFromSample', 'buy-phone-online', folder);
    assert.strictEqual(path.posix.basename(first.path), 'buy-phone-online-3.journey.yaml');
    const copy = await text(first);
    assert.match(copy, /^journey: buy-phone-online-3$/m);
    // The sample's `$schema=../schemas/...` line resolves only inside samples/: the copy drops it.
    assert.doesNotMatch(copy, /\$schema=/);
    const modeline = /^# yaml-language-server: \$schema=.*\n/m;
    assert.match(original, modeline);
    assert.strictEqual(
      copy.replace(/^journey: .*$/m, ''),
      original.replace(modeline, '').replace(/^journey: .*$/m, ''),
      'the rest is the sample',
    );
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), first.toString(), 'opened');

    const second = await vscode.commands.executeCommand<vscode.Uri>('journeymap.newFromSample', 'buy-phone-online', folder);
    assert.strictEqual(path.posix.basename(second.path), 'buy-phone-online-4.journey.yaml');
    assert.match(await text(second), /^journey: buy-phone-online-4$/m);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), second.toString(), 'the second copy opened');
    assert.strictEqual(await text(first), copy, 'the first copy is untouched');
    assert.strictEqual(await text(blocker), blockerText, 'the file in the way is untouched');
    assert.strictEqual(await text(workspaceUri('buy-phone-online.journey.yaml')), original, 'the existing file is untouched');
    // The fresh id clashes with nothing: the copy has its hotspot and no duplicate-id.
    const ds = await waitForDiagnostics(second, (ds) => ds.some((d) => codeOf(d) === 'friction-hotspot'));
    assert.deepStrictEqual(
      ds.filter((d) => codeOf(d) === 'duplicate-id'),
      [],
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('journeymap.newFromSample', 'no-such-sample', folder)),
      /No bundled sample/,
    );
    await closeAll();
    for (const u of [first, second, blocker]) await vscode.workspace.fs.delete(u);
  });

  it('New Persona writes a persona file under a free name and opens it', async () => {
    const a = await vscode.commands.executeCommand<vscode.Uri>('journeymap.newPersona', 'test-shopper', workspaceUri());
    assert.strictEqual(path.posix.basename(a.path), 'test-shopper.persona.yaml');
    assert.match(await text(a), /^persona: test-shopper\nname: Test shopper\n/);
    assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'persona');
    const b = await vscode.commands.executeCommand<vscode.Uri>('journeymap.newPersona', 'test-shopper', workspaceUri());
    assert.strictEqual(path.posix.basename(b.path), 'test-shopper-2.persona.yaml');
    assert.match(await text(b), /^persona: test-shopper-2$/m);
    await waitForDiagnostics(b, (ds) => ds.length === 0, 'a clean new persona');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('journeymap.newPersona', 'Not An Id', workspaceUri())),
      /not a valid persona id/,
    );
    for (const u of [a, b]) await vscode.workspace.fs.delete(u);
  });

  it('Show Hotspots jumps to a hotspot, in rank order', async () => {
    const editor = await openFile('report-broken-router.journey.yaml');
    // Three hotspots: the assistant loop, the technician booking, the contact centre.
    const ds = await waitForDiagnostics(editor.document.uri, (ds) => ds.filter((d) => codeOf(d) === 'friction-hotspot').length === 3);
    for (const rank of [1, 2, 3]) {
      const h = await waitFor(`hotspot #${rank}`, async () => vscode.commands.executeCommand<Hotspot>('journeymap.showHotspots', rank));
      assert.strictEqual(h.rank, rank);
      const e = vscode.window.activeTextEditor!;
      assert.strictEqual(e.document.getText(e.selection), h.name, 'the touchpoint name is selected');
      const diag = ds.find((d) => d.message.includes(`#${rank} of 3`))!;
      assert.strictEqual(diag.range.start.line, e.selection.start.line, 'the hotspot diagnostic sits on the same touchpoint');
    }
  });

  it("the hotspot lens's command, as a click runs it, puts the cursor on the worst touchpoint", async () => {
    const editor = await openFile('report-broken-router.journey.yaml');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.some((d) => codeOf(d) === 'friction-hotspot'));
    const lenses = await waitFor('a Worst lens', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return all.find((l) => l.command?.title.startsWith('Worst:'));
    });
    const name = /^Worst: (.*) \(friction/.exec(lenses.command!.title)![1];
    // Elsewhere first, so the move is the command's doing.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand(lenses.command!.command, ...(lenses.command!.arguments ?? []));
    const e = await waitFor('the cursor on the worst touchpoint', () => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.getText(active.selection) === name ? active : undefined;
    });
    assert.strictEqual(e.document.uri.toString(), editor.document.uri.toString());
  });

  it('Restart Language Server brings the checks back', async () => {
    const editor = await openFile('faulty.journey.yaml');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0);
    await vscode.commands.executeCommand('journeymap.restartServer');
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '# touched after the restart\n'));
    await waitForDiagnostics(editor.document.uri, (ds) => ds.some((d) => codeOf(d) === 'emotion-range'), 'diagnostics after the restart');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(ours(editor.document.uri).length > 0);
  });
});
