// What a check sends before it ends, over a real connection. A big journey's first check after
// its open publishes its YAML and schema findings first, then all of them once the journey rules
// have run; a small journey's check, and any later check, is one publish. A client that takes
// model diffs gets each model ahead of the diagnostics of its version (the map redraws while the
// rules run), without problem counts; the full model it can ask for has them.
import * as assert from 'assert';
import { analyzeText } from '../../server/src/core/analyze';
import type { ModelResult } from '../../server/src/protocol';
import { STAGED_OPEN_BYTES } from '../../server/src/lsp/session';
import { bigJourney } from './big';
import { find, LspClient, makeWorkspace, startLsp, TempWorkspace, workspaceIndex } from './client';

/**
 * A big generated journey with a schema finding (an unknown key) and journey-rule findings (an
 * unknown persona, an emotion off the scale).
 */
function bigWithFindings(): string {
  const text = bigJourney('staged', 40, 50)
    .replace('title: Big journey staged\n', 'title: Big journey staged\npersonas: [nobody-we-know]\n')
    .replace('        emotion: 0\n', '        emotion: 9\n        colour: red\n');
  assert.ok(text.length >= STAGED_OPEN_BYTES, `the journey is ${text.length} bytes, under ${STAGED_OPEN_BYTES}`);
  return text;
}

const SMALL = [
  'journey: small',
  'title: Small',
  'personas: [nobody-we-know]',
  'stages:',
  '  - name: Only',
  '    touchpoints:',
  '      - name: One',
  '        channel: web',
  '        emotion: 9',
  '        colour: red',
  '',
].join('\n');

const key = (d: { range: unknown; code?: unknown; message: unknown }): string => JSON.stringify([d.range, d.code, d.message]);

describe('lsp: what a check sends before it ends', function () {
  this.timeout(300_000);
  let ws: TempWorkspace;
  let lsp: LspClient;

  before(async () => {
    ws = makeWorkspace({ files: { 'big.journey.yaml': bigWithFindings(), 'small.journey.yaml': SMALL } });
    lsp = await startLsp({ folders: [ws.dir] });
    await lsp.indexed();
  });
  after(() => {
    lsp?.kill();
    ws?.dispose();
  });

  it("publishes a big journey's YAML and schema findings first on open, then every finding", async () => {
    const uri = ws.uri('big.journey.yaml');
    const text = ws.read('big.journey.yaml');
    const core = analyzeText(uri, text, workspaceIndex(ws)).diagnostics;
    const early = core.filter((d) => d.rule === 'yaml-syntax' || d.rule === 'schema');
    assert.ok(early.length > 0 && core.length > early.length, 'the journey has schema findings and journey-rule findings');
    await lsp.open(uri, text);
    // Without model diffs the model follows the last publish of its version.
    await lsp.model(uri, 1);
    const published = lsp.publicationsFor(uri);
    assert.deepStrictEqual(
      published.map((p) => p.version),
      [1, 1],
      'two publishes of version 1',
    );
    assert.deepStrictEqual(
      published[0].diagnostics.map(key),
      early.map((d) => key({ ...d, code: d.rule })),
    );
    assert.deepStrictEqual(
      published[1].diagnostics.map(key),
      core.map((d) => key({ ...d, code: d.rule })),
    );
  });

  it('publishes once for a later check of the same big journey (a partial publish would hide the rules’ findings)', async () => {
    const uri = ws.uri('big.journey.yaml');
    const before = lsp.publicationsFor(uri).length;
    const at = find(lsp.text(uri)!, 'emotion: 9');
    const version = await lsp.change(uri, [
      { range: { start: at, end: { line: at.line, character: at.character + 'emotion: 9'.length } }, text: 'emotion: 1' },
    ]);
    await lsp.model(uri, version);
    const after = lsp.publicationsFor(uri).slice(before);
    assert.deepStrictEqual(
      after.map((p) => p.version),
      [version],
    );
    const core = analyzeText(uri, lsp.text(uri)!, workspaceIndex(ws)).diagnostics;
    assert.deepStrictEqual(
      after[0].diagnostics.map(key),
      core.map((d) => key({ ...d, code: d.rule })),
    );
  });

  it('publishes a small journey once on open', async () => {
    const uri = ws.uri('small.journey.yaml');
    await lsp.open(uri, SMALL);
    await lsp.model(uri, 1);
    const published = lsp.publicationsFor(uri);
    assert.deepStrictEqual(
      published.map((p) => p.version),
      [1],
    );
    const core = analyzeText(uri, SMALL, workspaceIndex(ws)).diagnostics;
    assert.ok(core.some((d) => d.rule === 'schema') && core.some((d) => d.rule !== 'schema' && d.rule !== 'yaml-syntax'));
    assert.deepStrictEqual(
      published[0].diagnostics.map(key),
      core.map((d) => key({ ...d, code: d.rule })),
    );
  });
});

describe('lsp: the model ahead of its diagnostics (a client that takes diffs)', function () {
  this.timeout(300_000);
  let ws: TempWorkspace;
  let lsp: LspClient;

  before(async () => {
    ws = makeWorkspace({ files: { 'big.journey.yaml': bigWithFindings(), 'small.journey.yaml': SMALL } });
    lsp = await startLsp({ folders: [ws.dir], initializationOptions: { modelDiff: true } });
    await lsp.indexed();
  });
  after(() => {
    lsp?.kill();
    ws?.dispose();
  });

  /** Positions in `arrivals` of the model message and the publishes of a version. */
  const order = (uri: string, version: number): string[] =>
    lsp.arrivals
      .filter((a) => a.uri === uri && a.version === version)
      .map((a) => (a.method.startsWith('journeymap/') ? 'model' : 'diagnostics'));

  for (const file of ['small.journey.yaml', 'big.journey.yaml']) {
    it(`${file}: each version's model before its diagnostics, without problem counts; the full model has them`, async () => {
      const uri = ws.uri(file);
      const text = ws.read(file);
      await lsp.open(uri, text);
      const big = text.length >= STAGED_OPEN_BYTES;
      await lsp.waitFor('the open checked', () => order(uri, 1).filter((o) => o === 'diagnostics').length === (big ? 2 : 1));
      // The big journey's first YAML and schema findings go out before its model is built.
      assert.deepStrictEqual(order(uri, 1), big ? ['diagnostics', 'model', 'diagnostics'] : ['model', 'diagnostics']);
      const first = lsp.models.find((m) => m.uri === uri && m.version === 1)!;
      assert.strictEqual(first.problems, undefined);
      const at = find(lsp.text(uri)!, 'emotion: 9');
      const version = await lsp.change(uri, [
        { range: { start: at, end: { line: at.line, character: at.character + 'emotion: 9'.length } }, text: 'emotion: 2' },
      ]);
      await lsp.diagnostics(uri, version);
      assert.deepStrictEqual(order(uri, version), ['model', 'diagnostics']);
      const diff = lsp.modelDiffs.find((m) => m.uri === uri && m.version === version);
      assert.ok(diff, 'the edit came as a diff');
      assert.strictEqual(diff.problems, undefined);
      const published = await lsp.diagnostics(uri, version);
      const full = (await lsp.request<ModelResult | null>('journeymap/model', { uri }))!;
      assert.strictEqual(full.version, version);
      const count = (s: number): number => published.filter((d) => d.severity === s).length;
      assert.deepStrictEqual(full.problems, { error: count(1), warning: count(2), info: count(3), hint: count(4) });
      assert.ok(count(1) + count(2) + count(3) + count(4) > 0, 'the unknown persona is still reported');
    });
  }
});

describe('lsp: a journey opened a moment after start-up', function () {
  this.timeout(300_000);

  it('takes the parse made while indexing instead of parsing the file again', async () => {
    const text = bigJourney('moment', 10, 50); // 500 touchpoints, about 100 KB: its indexing parse is kept
    const ws = makeWorkspace({ files: { 'moment.journey.yaml': text } });
    const lsp = await startLsp({ folders: [ws.dir], initializationOptions: { benchmark: true } });
    try {
      await lsp.indexed();
      // The user's click a moment later (the queue went idle at the end of indexing meanwhile).
      await new Promise((resolve) => setTimeout(resolve, 300));
      const uri = ws.uri('moment.journey.yaml');
      await lsp.open(uri, text);
      await lsp.diagnostics(uri, 1);
      const stats = await lsp.request<{ diskParsesTaken: number }>('journeymap/stats', { portfolio: true });
      assert.strictEqual(stats.diskParsesTaken, 1);
    } finally {
      lsp.kill();
      ws.dispose();
    }
  });
});
