import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, copyJourney, openFile, waitFor, waitForDiagnostics } from './helpers';

const hoverText = (hs: vscode.Hover[]) =>
  hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');

describe('completion, hover and quick fixes through VS Code', () => {
  after(closeAll);

  it('completes channel values with the built-in channels', async () => {
    const editor = await openFile('faulty.journey.yaml');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0);
    // Line 18 is `        channel: web`: the cursor right after "channel: ".
    assert.strictEqual(editor.document.lineAt(17).text, '        channel: web');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      new vscode.Position(17, 17),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const c of ['web', 'mobile-app', 'email', 'store', 'ai-agent']) assert.ok(labels.includes(c), `${c} in ${labels.join(', ')}`);
  });

  it('completes touchpoint keys inside a touchpoint', async () => {
    const uri = await copyJourney('faulty.journey.yaml', 'complete.journey.yaml');
    const editor = await openFile('complete.journey.yaml');
    await editor.edit((e) => e.insert(new vscode.Position(18, 18), '\n        '));
    const list = await waitFor('key completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(19, 8),
      );
      return l.items.length > 0 ? l : undefined;
    });
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const k of ['pain_points', 'backstage', 'metrics', 'moment_of_truth'])
      assert.ok(
        labels.some((l) => l.startsWith(k)),
        `${k} in ${labels.join(', ')}`,
      );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });

  it('explains a metric and a touchpoint on hover', async () => {
    const editor = await openFile('faulty.journey.yaml');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0);
    const metric = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(14, 37)),
    );
    assert.match(metric, /\*\*conversion\*\*: share of those entering who move on/);
    assert.match(metric, /0\.62/);
    const touchpoint = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(11, 20)),
    );
    assert.match(touchpoint, /Lands on the home page/);
    assert.match(touchpoint, /Friction: 0\.13/);
  });

  it('applies the quick fixes: a percentage to a fraction, a misspelt channel', async () => {
    const uri = await copyJourney('faulty.journey.yaml', 'fixme.journey.yaml');
    const editor = await openFile('fixme.journey.yaml');
    const ds = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'metric-range'));
    const fix = async (code: string, title: RegExp) => {
      const d = ds.find((x) => codeOf(x) === code)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const action = actions.find((a) => title.test(a.title));
      assert.ok(action, `a quick fix ${title} among: ${actions.map((a) => a.title).join(' | ')}`);
      if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
      if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    };
    await fix('metric-range', /0\.62/);
    assert.strictEqual(editor.document.lineAt(14).text, '        metrics: { volume: 1000, conversion: 0.62 }');
    await fix('unknown-channel', /\bweb\b/);
    assert.strictEqual(editor.document.lineAt(12).text, '        channel: web');
    const after = await waitForDiagnostics(
      uri,
      (ds) => !ds.some((d) => ['metric-range', 'unknown-channel'].includes(codeOf(d))),
      'the fixed problems gone',
    );
    assert.deepStrictEqual(after.map(codeOf).sort(), ['emotion-range', 'friction-hotspot', 'schema']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
});
