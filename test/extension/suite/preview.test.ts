import * as assert from 'assert';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { closeAll, copyJourney, openFile, previewStates, waitFor, workspaceUri } from './helpers';

/** Touchpoints of a journey file, counted from its YAML (not from the model under test). */
function touchpointCount(text: string): number {
  const j = parse(text) as { stages: { touchpoints?: unknown[] }[] };
  return j.stages.reduce((n, s) => n + (s.touchpoints?.length ?? 0), 0);
}

/** Waits until the preview of `uri` is ready and holds the model of the document's version. */
async function waitForPreviewOf(doc: vscode.TextDocument) {
  return waitFor(`the preview of ${doc.uri.path} at version ${doc.version}`, async () =>
    (await previewStates()).find((p) => p.uri === doc.uri.toString() && p.ready && p.postedVersion === doc.version),
  );
}

describe('map preview', () => {
  after(closeAll);
  beforeEach(closeAll);

  it('opens to the side with the model of the document, and follows its edits', async () => {
    const editor = await openFile('buy-phone-online.journey.yaml');
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    const state = await waitForPreviewOf(editor.document);
    assert.strictEqual(state.postedTouchpoints, touchpointCount(editor.document.getText()));
    assert.strictEqual(state.viewColumn, vscode.ViewColumn.Two, 'beside the editor');
    assert.strictEqual(state.locked, false);
    assert.strictEqual(state.title, 'Map buy-phone-online.journey.yaml');
    assert.strictEqual(vscode.window.activeTextEditor?.document, editor.document, 'the editor keeps the focus');

    // Add a touchpoint at the end: the map gets the new model.
    const end = editor.document.lineCount;
    const before = state.postedTouchpoints!;
    const lastStageIndent = '      ';
    await editor.edit((e) =>
      e.insert(new vscode.Position(end, 0), `${lastStageIndent}- id: tells-a-friend\n${lastStageIndent}  name: Tells a friend\n`),
    );
    const updated = await waitForPreviewOf(editor.document);
    assert.strictEqual(updated.postedTouchpoints, before + 1);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // One preview per document: asking again reveals the same one.
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    assert.strictEqual((await previewStates()).length, 1);
  });

  it('follows the active journey editor unless locked', async () => {
    const first = await openFile('buy-phone-online.journey.yaml');
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    await waitForPreviewOf(first.document);
    const second = await openFile('pay-energy-bill.journey.yaml');
    const followed = await waitForPreviewOf(second.document);
    assert.strictEqual(followed.postedTouchpoints, touchpointCount(second.document.getText()));
    assert.strictEqual((await previewStates()).length, 1);

    await vscode.commands.executeCommand('journeymap.togglePreviewLock');
    const locked = (await previewStates())[0];
    assert.strictEqual(locked.locked, true);
    assert.strictEqual(locked.title, '[Map] pay-energy-bill.journey.yaml');
    const third = await openFile('open-bank-account.journey.yaml');
    // The preview follows inside the active-editor event, which VS Code fires as it sets
    // activeTextEditor: once the third file is active, a preview that followed has moved already.
    await waitFor(
      'the third journey active',
      () => vscode.window.activeTextEditor?.document.uri.toString() === third.document.uri.toString(),
    );
    assert.strictEqual((await previewStates())[0].uri, second.document.uri.toString(), 'a locked preview stays on its file');
    // The same event, unlocked, moves it: the check above could have failed.
    await vscode.commands.executeCommand('journeymap.togglePreviewLock');
    await openFile('buy-phone-online.journey.yaml');
    await waitForPreviewOf(first.document);
  });

  it("opens in place with ctrl+shift+v's command, for a persona too", async () => {
    const editor = await openFile('first-time-buyer.persona.yaml');
    await vscode.commands.executeCommand('journeymap.openPreview');
    const state = await waitForPreviewOf(editor.document);
    assert.strictEqual(state.viewColumn, vscode.ViewColumn.One);
    assert.strictEqual(state.postedTouchpoints, null, 'a persona card, not a journey');
  });

  it('exports the map as SVG and PNG, never over an existing file', async () => {
    const editor = await openFile('buy-phone-online.journey.yaml');
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    await waitForPreviewOf(editor.document);
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    const svgUri = workspaceUri('exported-map.svg');
    const pngUri = workspaceUri('exported-map.png');
    for (const u of [svgUri, pngUri]) await vscode.workspace.fs.delete(u).then(undefined, () => undefined);

    assert.strictEqual(
      (await vscode.commands.executeCommand<vscode.Uri>('journeymap.exportSvg', svgUri.fsPath))?.toString(),
      svgUri.toString(),
    );
    const svg = Buffer.from(await vscode.workspace.fs.readFile(svgUri)).toString('utf8');
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /Sees a search ad/);
    assert.strictEqual(
      new Set([...svg.matchAll(/data-touchpoint-index="(\d+)"/g)].map((m) => m[1])).size,
      touchpointCount(editor.document.getText()),
    );

    await vscode.commands.executeCommand('journeymap.exportPng', pngUri.fsPath);
    const png = Buffer.from(await vscode.workspace.fs.readFile(pngUri));
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.readUInt32BE(16) > 500, 'a map-sized image');

    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('journeymap.exportSvg', svgUri.fsPath)), /not overwriting/);
    assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(svgUri)).toString('utf8'), svg);
  });

  it('copies the journey as Mermaid', async () => {
    const editor = await openFile('buy-phone-online.journey.yaml');
    await waitFor('the model', async () => (await vscode.commands.executeCommand<string>('journeymap.copyMermaid')) || undefined);
    const text = await vscode.commands.executeCommand<string>('journeymap.copyMermaid');
    assert.match(text, /^journey\n\s+title Buy a phone online\n/);
    assert.match(text, /section Discover/);
    assert.match(text, /Sees a search ad: \d/);
    assert.strictEqual(await vscode.env.clipboard.readText(), text);
    assert.ok(editor);
  });

  it('closes when its file is deleted', async () => {
    const uri = await copyJourney('pay-energy-bill.journey.yaml', 'doomed.journey.yaml');
    const editor = await openFile('doomed.journey.yaml');
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    await waitForPreviewOf(editor.document);
    await vscode.workspace.fs.delete(uri);
    await waitFor('the preview to close', async () => !(await previewStates()).some((p) => p.uri === uri.toString()));
  });
});
