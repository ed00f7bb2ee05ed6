// Compare mode in a real VS Code: the suite's workspace is a Git repository (harness.ts commits
// it), the built-in Git extension is turned on, a journey is edited in the editor, and "Compare
// with..." HEAD overlays the committed version on the map. What the page drew is read back from
// the map's own SVG export (the webview's DOM, as the user's export gets it).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { closeAll, openFile, previewStates, waitFor, workspaceUri } from './helpers';

const FILE = 'buy-phone-online.journey.yaml';

interface GitApiLike {
  state: string;
  getRepository(uri: vscode.Uri): { rootUri: vscode.Uri } | null;
}

/** Replaces the one occurrence of `from` in the editor's text. */
async function replaceIn(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const text = editor.document.getText();
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `exactly one "${from.slice(0, 40)}" in the file`);
  const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + from.length));
  assert.ok(await editor.edit((e) => e.replace(range, to)), 'the edit applied');
}

/** Reverts the sample's unsaved edits, in its own editor (revert acts on the active one). */
async function revert(): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === workspaceUri(FILE).toString());
  if (!doc?.isDirty) return;
  await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${FILE} reverted`, () => !doc.isDirty);
}

let exports = 0;
/** The map as the page holds it now, through the SVG export (a fresh file each time). */
async function exportedSvg(): Promise<string> {
  const target = workspaceUri(`compare-export-${++exports}.svg`);
  await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
  await vscode.commands.executeCommand('journeymap.exportSvg', target.fsPath);
  const svg = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
  await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
  return svg;
}

/** The overlay's marks in an exported SVG. */
function marks(svg: string) {
  const ids = (cls: string) =>
    [...svg.matchAll(new RegExp(`class="compare-mark ${cls}"[^>]*data-touchpoint-id="([^"]+)"`, 'g'))].map((m) => m[1]);
  return {
    curves: [...svg.matchAll(/class="compare-curve"[^>]*data-persona="([^"]+)"/g)].map((m) => m[1]).sort(),
    friction: [...svg.matchAll(/class="compare-delta (worse|better)" data-kind="friction" data-touchpoint-index="(\d+)"/g)].map(
      (m) => `${m[2]}:${m[1]}`,
    ),
    money: [...svg.matchAll(/class="compare-delta (worse|better)" data-kind="money"/g)].length,
    added: ids('added'),
    removed: ids('removed'),
    label: /class="compare-overlay" data-label="([^"]+)"/.exec(svg)?.[1] ?? null,
  };
}

describe('compare mode (as-is)', function () {
  after(closeAll);

  it('compares a to-be journey with the as-is it names, without Git', async () => {
    const editor = await openFile('buy-phone-online-to-be.journey.yaml');
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    await waitFor('the preview of the to-be', async () =>
      (await previewStates()).find(
        (p) => p.uri === editor.document.uri.toString() && p.ready && p.postedVersion === editor.document.version,
      ),
    );
    assert.strictEqual(await vscode.commands.executeCommand('journeymap.compareWith', 'as-is'), 'as-is buy-phone-online');
    const overlay = marks(await exportedSvg());
    assert.strictEqual(overlay.label, 'as-is buy-phone-online');
    assert.deepStrictEqual(overlay.curves, ['first-time-buyer', 'loyal-upgrader'], "the as-is's curves, faint");
    assert.ok(overlay.friction.length > 0, 'the to-be changes friction somewhere');
    // The as-is names no baseline: compare mode says so instead of drawing anything.
    await openFile(FILE);
    assert.strictEqual(await vscode.commands.executeCommand('journeymap.compareWith', 'as-is'), undefined);
  });
});

describe('compare mode (built-in Git extension)', function () {
  const git = vscode.workspace.getConfiguration('git');
  before(async () => {
    // Run alone (JM_EXT_GREP), nothing has opened a journey yet: opening one activates the extension.
    await openFile(FILE);
    await waitFor(
      'the extension to activate',
      async () => (await vscode.commands.getCommands(true)).includes('journeymap._previewState'),
      60_000,
    );
    await closeAll();
  });
  // code-server saves an edited file after a delay by default: the edits here must stay unsaved,
  // or the sample on disk changes for every test after this one (and a revert finds nothing to undo).
  const files = vscode.workspace.getConfiguration('files');
  let autoSave: unknown;
  before(async () => {
    autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    // The edits are undone (the tests after this one read the sample as it is on disk), and the
    // committed file is put back should anything have saved it.
    await revert();
    execFileSync('git', ['checkout', '--', FILE], { cwd: workspaceUri().fsPath, stdio: 'pipe' });
    await closeAll();
    await git.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });

  it('compares the edited journey with HEAD, follows the next edit, compares with a tag, and leaves', async () => {
    const folder = workspaceUri().fsPath;
    // A tag at the committed version (the harness made the workspace a repository).
    execFileSync('git', ['tag', '-f', 'reviewed'], { cwd: folder, stdio: 'pipe' });
    await git.update('enabled', true, vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): GitApiLike }>('vscode.git');
    assert.ok(ext, 'the built-in Git extension is there');
    const exported = ext.isActive ? ext.exports : await ext.activate();
    // Turned on by the setting above: the extension builds its model, then offers its API.
    await waitFor('the Git extension to turn on', () => exported.enabled, 120_000);
    const api = exported.getAPI(1);
    const file = workspaceUri(FILE);
    await waitFor(
      'the Git extension to open the workspace repository',
      () => api.state === 'initialized' && api.getRepository(file),
      120_000,
    );

    const editor = await openFile(FILE);
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    // The edit: the checkout fixed, the reviews gone, a delivery promise added.
    await replaceIn(editor, 'emotion: { first-time-buyer: -2, loyal-upgrader: -1 }', 'emotion: { first-time-buyer: 0, loyal-upgrader: 0 }');
    await replaceIn(editor, 'conversion: 0.62, drop_off: 0.38,', 'conversion: 0.8, drop_off: 0.2,');
    const text = editor.document.getText();
    const from = text.indexOf('      - id: read-reviews\n');
    const to = text.indexOf('\n\n', from);
    await editor.edit((e) => e.delete(new vscode.Range(editor.document.positionAt(from), editor.document.positionAt(to + 1))));
    await replaceIn(
      editor,
      '        metrics: { volume: 52800, conversion: 0.6, drop_off: 0.4 }\n',
      '        metrics: { volume: 52800, conversion: 0.6, drop_off: 0.4 }\n' +
        '      - id: delivery-promise\n' +
        '        name: Sees the delivery date and cost\n' +
        '        channel: web\n' +
        '        emotion: { first-time-buyer: 1 }\n',
    );
    await waitFor('the preview of the edited text', async () =>
      (await previewStates()).find((p) => p.uri === file.toString() && p.ready && p.postedVersion === editor.document.version),
    );

    const label = await vscode.commands.executeCommand<string | undefined>('journeymap.compareWith', 'HEAD');
    assert.strictEqual(label, 'HEAD');
    assert.strictEqual((await previewStates())[0].comparing, 'HEAD');
    const first = marks(await exportedSvg());
    assert.strictEqual(first.label, 'HEAD');
    assert.deepStrictEqual(first.curves, ['first-time-buyer', 'loyal-upgrader'], "HEAD's curves, faint");
    assert.deepStrictEqual(first.added, ['delivery-promise']);
    assert.deepStrictEqual(first.removed, ['read-reviews']);
    // The checkout is column 7 of the edited journey (delivery-promise in, read-reviews out): calmer now.
    const checkout = '7:better';
    assert.ok(first.friction.includes(checkout), `a better friction badge on the checkout: ${first.friction.join(', ')}`);
    assert.ok(
      first.friction.every((f) => f.endsWith(':better')),
      `the edit only eased friction: ${first.friction.join(', ')}`,
    );
    assert.strictEqual(first.money, 1, 'one money badge: the checkout, the hotspot at HEAD');

    // It follows the next edit: the card payment gets worse, and a badge says so.
    await replaceIn(
      editor,
      'emotion: { first-time-buyer: 0, loyal-upgrader: 1 }\n        backstage:',
      'emotion: { first-time-buyer: -2, loyal-upgrader: -2 }\n        backstage:',
    );
    await waitFor('the preview of the second edit', async () =>
      (await previewStates()).find((p) => p.uri === file.toString() && p.postedVersion === editor.document.version),
    );
    const second = marks(await exportedSvg());
    assert.ok(second.friction.includes('8:worse'), `a worse friction badge on the card payment (column 8): ${second.friction.join(', ')}`);
    assert.strictEqual(second.label, 'HEAD');

    // A tag: the same committed text, chosen by name.
    assert.strictEqual(await vscode.commands.executeCommand('journeymap.compareWith', 'reviewed'), 'reviewed');
    const tagged = marks(await exportedSvg());
    assert.strictEqual(tagged.label, 'reviewed');
    assert.deepStrictEqual([tagged.added, tagged.removed, tagged.friction], [second.added, second.removed, second.friction]);

    // A ref that does not exist: an error message, the comparison stays as it was.
    assert.strictEqual(await vscode.commands.executeCommand('journeymap.compareWith', 'no-such-branch'), undefined);
    assert.strictEqual((await previewStates())[0].comparing, 'reviewed');

    // Leaving restores the map: no overlay in the export.
    await vscode.commands.executeCommand('journeymap.leaveCompare');
    assert.strictEqual((await previewStates())[0].comparing, null);
    const plain = await exportedSvg();
    assert.doesNotMatch(plain, /class="compare-|data-compare=/);
    assert.match(plain, /data-touchpoint-id="delivery-promise"/, 'the edited map itself stays');
    await revert();
  });
});
