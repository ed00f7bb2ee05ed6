// Crash recovery at the LSP level: a server killed mid-session (SIGKILL, right after an edit)
// leaves nothing behind that a restarted one needs. A fresh server, sent what
// vscode-languageclient re-sends after restarting a crashed server (initialize, then didOpen of
// each open document at its current text), publishes the same diagnostics and serves the
// preview the same model. The client's own restart (its default error handler restarts a
// crashed server up to 4 times in 3 minutes) is vscode-languageclient's, exercised by the
// extension suite's "Restart Language Server" command; this test covers the server's half.
import * as assert from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { ModelResult } from '../../server/src/protocol';
import { LspClient, makeWorkspace, startLsp, TempWorkspace } from '../lsp/client';

describe('security: crash recovery', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  const clients: LspClient[] = [];
  before(() => {
    ws = makeWorkspace({ copy: ['samples'] });
  });
  after(() => {
    for (const c of clients) c.kill();
    ws?.dispose();
  });

  it('a server killed mid-session is replaced by one that republishes the same diagnostics and model', async () => {
    const first = await startLsp({ folders: [ws.dir] });
    clients.push(first);
    const journey = ws.uri('samples/buy-phone-online.journey.yaml');
    const persona = ws.uri('samples/first-time-buyer.persona.yaml');
    await first.open(journey);
    await first.open(persona);
    // An unsaved edit with faults: the editor's text, not the disk's, is what must come back.
    const edited = first
      .text(journey)!
      .replace(/^title:/m, 'titel:')
      .replace(/channel: web\b/, 'channel: wbe');
    const version = await first.replaceText(journey, edited);
    const before: Record<string, Diagnostic[]> = {
      [journey]: await first.diagnostics(journey, version),
      [persona]: await first.diagnostics(persona, 1),
    };
    assert.ok(
      before[journey].some((d) => d.code === 'schema'),
      'the edit has findings',
    );
    const model = (await first.model(journey, version)).model;

    // Killed while working: another edit is in flight.
    await first.change(journey, [{ text: edited + '\n# typing' }]);
    first.child.kill('SIGKILL');
    await first.exited;
    assert.strictEqual(first.child.signalCode, 'SIGKILL');

    const second = await startLsp({ folders: [ws.dir] });
    clients.push(second);
    // What the client re-sends: the open documents at their current text.
    await second.open(journey, edited);
    await second.open(persona);
    assert.deepStrictEqual(await second.diagnostics(journey, 1), before[journey]);
    assert.deepStrictEqual(await second.diagnostics(persona, 1), before[persona]);
    // The preview asks again and gets the same map.
    const again = await second.request<ModelResult>('journeymap/model', { uri: journey });
    assert.deepStrictEqual(again.model, model);
    assert.strictEqual(await second.shutdown(), 0);
  });
});
