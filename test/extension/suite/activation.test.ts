import * as assert from 'assert';
import * as vscode from 'vscode';

describe('activation', () => {
  it('registers the journey and persona languages', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('journey'), 'journey language');
    assert.ok(languages.includes('persona'), 'persona language');
  });
});
