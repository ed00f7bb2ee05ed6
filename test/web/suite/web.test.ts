// Journey Maps as a web extension, in VS Code for the web's web-worker extension host: the
// browser entry, the language server in a Web Worker, the workspace a virtual folder
// (vscode-test-web://mount/) that the server reads through the client.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  closeAll,
  codeOf,
  FAULTY,
  openFile,
  previewStates,
  summary,
  waitFor,
  waitForDiagnostics,
  workspaceUri,
} from '../../extension/suite/helpers';

const hoverText = (hs: vscode.Hover[]) =>
  hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
const labels = (list: vscode.CompletionList) => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
const text = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

async function revertActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('Journey Maps in the browser (web-worker extension host)', () => {
  after(closeAll);

  it('runs its browser entry in a web worker, on a virtual workspace', async () => {
    const ext = vscode.extensions.getExtension('journeymap.journeymap');
    assert.ok(ext, 'the extension is installed');
    await openFile('buy-phone-online.journey.yaml');
    await waitFor('the extension to activate', () => ext.isActive);
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node here');
    assert.strictEqual(ext.packageJSON.browser, './dist/web/extension.js');
    assert.strictEqual(vscode.workspace.workspaceFolders?.[0].uri.scheme, 'vscode-test-web');
  });

  it('opens a sample journey with the journey language', async () => {
    const editor = await openFile('buy-phone-online.journey.yaml');
    assert.strictEqual(editor.document.languageId, 'journey');
    const persona = await vscode.workspace.openTextDocument(workspaceUri('first-time-buyer.persona.yaml'));
    assert.strictEqual(persona.languageId, 'persona');
  });

  it('reports the exact diagnostics of a faulty journey', async () => {
    const editor = await openFile('faulty.journey.yaml');
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.length === FAULTY.length);
    assert.deepStrictEqual(
      summary(ds),
      FAULTY.map(([code, severity, range]) => [code, severity, range]),
    );
  });

  it('answers completion and hover', async () => {
    const editor = await openFile('faulty.journey.yaml');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0);
    assert.strictEqual(editor.document.lineAt(17).text, '        channel: web');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      new vscode.Position(17, 17),
    );
    for (const c of ['web', 'mobile-app', 'email', 'store']) assert.ok(labels(list).includes(c), `${c} in ${labels(list).join(', ')}`);
    const metric = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(14, 37)),
    );
    assert.match(metric, /\*\*conversion\*\*: share of those entering who move on/);
    const touchpoint = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(11, 20)),
    );
    assert.match(touchpoint, /Friction: 0\.13/);
  });

  it("resolves a persona of another, unopened file through the client's file access", async () => {
    const journey = await openFile('buy-phone-online.journey.yaml');
    const uri = journey.document.uri;
    const ds = await waitForDiagnostics(uri, () => true);
    assert.deepStrictEqual(
      ds.filter((d) => codeOf(d) === 'unknown-persona').map((d) => d.message),
      [],
      'both personas are known',
    );
    const line = journey.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('personas:'));
    const at = new vscode.Position(line, journey.document.lineAt(line).text.indexOf('loyal-upgrader') + 2);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      uri,
      at,
    );
    const targets = defs.map((d) => ('targetUri' in d ? d.targetUri : d.uri).toString());
    assert.deepStrictEqual(targets, [workspaceUri('loyal-upgrader.persona.yaml').toString()]);
    // Rename across files: the persona's own file and every journey naming it.
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      uri,
      at,
      'loyal-customer',
    );
    const files = edit
      .entries()
      .map(([u]) => u.path.split('/').pop())
      .sort();
    assert.ok(files.includes('loyal-upgrader.persona.yaml') && files.includes('buy-phone-online.journey.yaml'), files.join(', '));
    // A persona the workspace does not define is reported.
    await journey.edit((e) => e.replace(journey.document.lineAt(line).range, 'personas: [first-time-buyer, nobody-at-all]'));
    const after = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-persona'), 'unknown-persona');
    assert.strictEqual(after.filter((d) => codeOf(d) === 'unknown-persona').length, 1);
    await revertActive();
  });

  it('finds the references of a persona across files, unopened ones included', async () => {
    const journey = await openFile('buy-phone-online.journey.yaml');
    const uri = journey.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'friction-hotspot'), 'the hotspot');
    const line = journey.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('personas:'));
    const at = new vscode.Position(line, journey.document.lineAt(line).text.indexOf('loyal-upgrader') + 2);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, at);
    const files = [...new Set(refs.map((r) => r.uri.path.split('/').pop()))].sort();
    // Every workspace file that names the persona, read here on its own.
    const naming: string[] = [];
    for (const f of await vscode.workspace.findFiles('**/*.{journey,persona}.yaml')) {
      if (/\bloyal-upgrader\b/.test(await text(f))) naming.push(f.path.split('/').pop()!);
    }
    assert.ok(naming.length >= 3, naming.join(', '));
    assert.deepStrictEqual(files, naming.sort());
    // Each location is the id itself.
    for (const r of refs) {
      const doc = await vscode.workspace.openTextDocument(r.uri);
      assert.strictEqual(doc.getText(r.range), 'loyal-upgrader', `${r.uri.path} ${r.range.start.line}:${r.range.start.character}`);
    }
  });

  it("reads a sample's data file through the client: no data-file finding, its trend in the hover and the map", async () => {
    const editor = await openFile('pay-energy-bill.journey.yaml');
    const uri = editor.document.uri;
    assert.strictEqual(editor.document.lineAt(10).text.startsWith('data: [data/pay-energy-bill.csv]'), true);
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'friction-hotspot'), 'the hotspots');
    assert.deepStrictEqual(
      ds.map(codeOf).sort(),
      ['friction-hotspot', 'friction-hotspot'],
      ds.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'),
    );
    const hover = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(5, 2)),
    );
    assert.match(hover, /\*\*Trend\*\* \(2024-Q1 to 2025-Q4, from the data files\)/);
    assert.match(hover, /`nps` \S+ -15 \(2024-Q1\) → \*\*/);
    // The map draws the metrics lane's trends from the same history.
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    await waitFor('the map with the model', async () =>
      (await previewStates()).find((p) => p.uri === uri.toString() && p.ready && p.postedVersion === editor.document.version),
    );
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    const target = workspaceUri('energy-map.svg');
    assert.strictEqual((await vscode.commands.executeCommand<vscode.Uri>('journeymap.exportSvg', target))?.toString(), target.toString());
    const svg = await text(target);
    await vscode.workspace.fs.delete(target);
    const trends = svg.match(/<g [^>]*class="metric-trend"[^>]*>/g) ?? [];
    assert.ok(trends.length >= 3, `trends drawn: ${trends.length}`);
    assert.match(svg, /from the data files/);
  });

  it('reports a data file that is not there, and re-checks the journey when it arrives', async () => {
    const source = await text(workspaceUri('pay-energy-bill.journey.yaml'));
    const journey = workspaceUri('later-data.journey.yaml');
    const csv = workspaceUri('data', 'later-data.csv');
    await vscode.workspace.fs.writeFile(
      journey,
      new TextEncoder().encode(
        source
          .replace(/^journey: .*$/m, 'journey: later-data')
          .replace('data: [data/pay-energy-bill.csv]', 'data: [data/later-data.csv]   '),
      ),
    );
    try {
      const editor = await openFile('later-data.journey.yaml');
      const uri = editor.document.uri;
      const missing = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'data-file'), 'data-file');
      assert.deepStrictEqual(
        missing
          .filter((d) => codeOf(d) === 'data-file')
          .map((d) => [d.message, d.range.start.line, d.range.start.character, d.range.end.character]),
        [['data/later-data.csv cannot be read: no such file.', 10, 7, 26]],
      );
      // The file appears (the workspace's watcher tells the server): the finding goes.
      await vscode.workspace.fs.writeFile(csv, await vscode.workspace.fs.readFile(workspaceUri('data', 'pay-energy-bill.csv')));
      const after = await waitForDiagnostics(
        uri,
        (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'data-file'),
        'the data-file finding gone',
      );
      assert.deepStrictEqual(after.map(codeOf).sort(), ['friction-hotspot', 'friction-hotspot']);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(journey);
      await vscode.workspace.fs.delete(csv).then(undefined, () => undefined);
    }
  });

  it('applies a quick fix, and an edit updates the diagnostics', async () => {
    const editor = await openFile('faulty.journey.yaml');
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-channel'));
    const d = ds.find((x) => codeOf(x) === 'unknown-channel')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const action = actions.find((a) => /\bweb\b/.test(a.title));
    assert.ok(action?.edit, `a quick fix to "web" among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.strictEqual(editor.document.lineAt(12).text, '        channel: web');
    await waitForDiagnostics(
      uri,
      (x) => !x.some((y) => codeOf(y) === 'unknown-channel') && x.length === FAULTY.length - 1,
      'unknown-channel gone',
    );
    // An edit by hand: an emotion back inside the scale.
    assert.strictEqual(editor.document.lineAt(18).text, '        emotion: 5');
    await editor.edit((e) => e.replace(new vscode.Range(18, 17, 18, 18), '2'));
    const after = await waitForDiagnostics(uri, (x) => !x.some((y) => codeOf(y) === 'emotion-range'), 'emotion-range gone');
    assert.deepStrictEqual(after.map(codeOf).sort(), ['friction-hotspot', 'metric-range', 'schema']);
    await revertActive();
    await waitForDiagnostics(uri, (x) => x.length === FAULTY.length, 'the findings back after the revert');
  });

  it('opens the map beside the editor, which receives the model', async () => {
    const editor = await openFile('faulty.journey.yaml');
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    const state = await waitFor('the map with the model', async () =>
      (await previewStates()).find(
        (p) => p.uri === editor.document.uri.toString() && p.ready && p.postedVersion === editor.document.version,
      ),
    );
    assert.strictEqual(state.postedTouchpoints, 4);
    assert.strictEqual(state.viewColumn, vscode.ViewColumn.Two);
  });

  it('compares a to-be journey with its as-is on the map; a Git version is refused (no Git in the browser)', async () => {
    const editor = await openFile('buy-phone-online-to-be.journey.yaml');
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    const uri = editor.document.uri.toString();
    await waitFor('the to-be map with the model', async () =>
      (await previewStates()).find((p) => p.uri === uri && p.ready && p.postedVersion === editor.document.version),
    );
    // A Git ref: nothing compared (the command shows why), the map stays as it is.
    assert.strictEqual(await vscode.commands.executeCommand('journeymap.compareWith', 'HEAD'), undefined);
    assert.strictEqual(vscode.extensions.getExtension('vscode.git'), undefined, 'no built-in Git here');
    assert.strictEqual((await previewStates()).find((p) => p.uri === uri)?.comparing, null);
    // The as-is, read through vscode.workspace.fs and analysed by the worker: the overlay is drawn.
    assert.strictEqual(await vscode.commands.executeCommand('journeymap.compareWith', 'as-is'), 'as-is buy-phone-online');
    assert.strictEqual((await previewStates()).find((p) => p.uri === uri)?.comparing, 'as-is buy-phone-online');
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    const target = workspaceUri('compare-map.svg');
    await vscode.commands.executeCommand('journeymap.exportSvg', target);
    const svg = await text(target);
    await vscode.workspace.fs.delete(target);
    assert.match(svg, /class="compare-overlay" data-label="as-is buy-phone-online"/);
    const curves = [...svg.matchAll(/class="compare-curve"[^>]*data-persona="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepStrictEqual(curves, ['first-time-buyer', 'loyal-upgrader'], "the as-is's curves, faint");
    await vscode.commands.executeCommand('journeymap.leaveCompare');
    await closeAll();
  });

  it('exports the map as SVG into the virtual folder', async () => {
    await openFile('faulty.journey.yaml');
    const target = workspaceUri('faulty-map.svg');
    const written = await vscode.commands.executeCommand<vscode.Uri>('journeymap.exportSvg', target);
    assert.strictEqual(written?.toString(), target.toString());
    const svg = await text(target);
    assert.match(svg, /^<svg[\s\S]*Reviews the basket[\s\S]*<\/svg>\s*$/);
    await vscode.workspace.fs.delete(target);
  });

  it('runs a code lens command: "Worst: ..." selects the worst touchpoint of its stage', async () => {
    const editor = await openFile('faulty.journey.yaml');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.length > 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const worst = lenses.find(
      (l) => l.command?.command === 'journeymap.revealTouchpoint' && /^Worst: Reviews the basket/.test(l.command.title),
    );
    assert.ok(worst?.command, `a "Worst:" lens among ${lenses.map((l) => l.command?.title).join(' | ')}`);
    await vscode.commands.executeCommand(worst.command.command, ...(worst.command.arguments ?? []));
    const active = vscode.window.activeTextEditor;
    assert.strictEqual(active?.document.uri.toString(), uri.toString());
    assert.strictEqual(active.document.getText(active.selection), 'Reviews the basket');
  });
});
