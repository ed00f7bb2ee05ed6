import * as assert from 'assert';
import * as vscode from 'vscode';
import { RULE_NAMES, RULES } from '../../../server/src/core/types';
import { closeAll, openFile, workspaceUri } from './helpers';

describe('activation and manifest', () => {
  after(closeAll);

  it('registers the journey and persona languages for their file names', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('journey') && languages.includes('persona'));
    assert.strictEqual((await openFile('buy-phone-online.journey.yaml')).document.languageId, 'journey');
    assert.strictEqual((await openFile('first-time-buyer.persona.yaml')).document.languageId, 'persona');
    const yml = workspaceUri('short.journey.yml');
    await vscode.workspace.fs.writeFile(
      yml,
      Buffer.from('journey: short\ntitle: Short\nstages:\n  - name: One\n    touchpoints:\n      - name: Only\n'),
    );
    assert.strictEqual((await vscode.workspace.openTextDocument(yml)).languageId, 'journey');
    await vscode.workspace.fs.delete(yml);
  });

  it('is active once a journey is open, and registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension('journeymap.journeymap');
    assert.ok(ext, 'extension journeymap.journeymap is loaded');
    await openFile('pay-energy-bill.journey.yaml');
    assert.ok(ext.isActive, 'activated by onLanguage:journey');
    const all = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string }[] = ext.packageJSON.contributes.commands;
    assert.ok(contributed.length >= 10);
    for (const c of contributed) assert.ok(all.has(c.command), `${c.command} is registered`);
  });

  it('offers every rule of the spec as a setting, with its default severity', () => {
    const ext = vscode.extensions.getExtension('journeymap.journeymap')!;
    const props = ext.packageJSON.contributes.configuration.properties;
    const ruleProps = props['journeymap.rules'].properties;
    assert.deepStrictEqual(Object.keys(ruleProps), RULE_NAMES);
    for (const name of RULE_NAMES) assert.strictEqual(ruleProps[name].default, RULES[name].severity, name);
    assert.strictEqual(vscode.workspace.getConfiguration('journeymap').get('friction.threshold'), 0.6);
    assert.strictEqual(vscode.workspace.getConfiguration('journeymap').get('trace.server'), 'off');
  });
});
