// Diagnostics over a real LSP connection to the built server: start-up indexing with
// progress, every sample and fault file against the core (and the CLI), hand-checked faults,
// incremental edits, close, persona files changing on disk and in the editor, settings.
import * as assert from 'assert';
import { spawnSync } from 'node:child_process';
import { Diagnostic, FileChangeType } from 'vscode-languageserver-protocol/node';
import { analyzeText } from '../../server/src/core/analyze';
import { isJourneyOrPersonaFile } from '../../server/src/core/parse';
import { DEFAULT_SETTINGS, JourneyDiagnostic, Settings } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { readDataFile } from '../../server/src/readData';
import { find, LspClient, makeWorkspace, rangeOf, ROOT, startLsp, TempWorkspace } from './client';

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** What the server must publish: the core's analysis, in LSP shape (rule as code, fix as data). */
function expected(ws: TempWorkspace, rel: string, settings: Settings = DEFAULT_SETTINGS): Diagnostic[] {
  const index = new WorkspaceIndex();
  for (const f of ws.list()) if (isJourneyOrPersonaFile(f)) index.update(ws.uri(f), ws.read(f));
  const found = analyzeText(ws.uri(rel), ws.read(rel), index, settings, readDataFile).diagnostics;
  return JSON.parse(JSON.stringify(found.map(lspShape)));
}

function lspShape(d: JourneyDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.rule,
    source: 'journeymap',
    message: d.message,
    ...(d.fix ? { data: d.fix } : {}),
  };
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));

describe('lsp: diagnostics', function () {
  let ws: TempWorkspace;
  let lsp: LspClient;

  before(async () => {
    ws = makeWorkspace({ copy: ['samples', 'test/fixtures/faults'] });
    lsp = await startLsp({ folders: [ws.dir] });
  });
  after(async () => {
    lsp?.kill();
    ws?.dispose();
  });

  it('indexes the workspace at start-up with work-done progress and watches journey and persona files', () => {
    assert.strictEqual(lsp.progressTokens.length >= 1, true, 'the server creates a progress token');
    const token = lsp.progressTokens[0];
    const kinds = lsp.progress.filter((p) => p.token === token).map((p) => p.value.kind);
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(kinds[kinds.length - 1], 'end');
    const reports = lsp.progress.filter((p) => p.token === token && p.value.kind === 'report');
    const total = ws.list().filter(isJourneyOrPersonaFile).length;
    assert.strictEqual(reports[reports.length - 1].value.message, `${total}/${total} files`);
    assert.strictEqual(reports[reports.length - 1].value.percentage, 100);
    const watch = lsp.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepStrictEqual(
      (watch?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern),
      ['**/*.journey.yaml', '**/*.journey.yml', '**/*.persona.yaml', '**/*.persona.yml', '**/.journeymaprc.json', '**/*.csv'],
    );
  });

  it('publishes for every sample and fault file exactly what the core finds', async () => {
    const rels = ws.list().filter(isJourneyOrPersonaFile);
    assert.ok(rels.length >= 10, `expected samples and faults, found ${rels.join(', ')}`);
    for (const rel of rels) await lsp.open(ws.uri(rel));
    let withProblems = 0;
    for (const rel of rels) {
      const got = await lsp.diagnostics(ws.uri(rel), 1);
      assert.deepStrictEqual(got, expected(ws, rel), rel);
      if (got.length) withProblems++;
    }
    assert.ok(withProblems >= 5, 'the fault files do have findings');
    for (const rel of rels) await lsp.close(ws.uri(rel));
  });

  it('agrees with `journeymap lint --format json` on every sample and fault file', async () => {
    const rels = ws.list().filter(isJourneyOrPersonaFile);
    const cli = spawnSync(process.execPath, [`${ROOT}/dist/cli.js`, 'lint', '--format', 'json', '--root', ws.dir, ws.dir], {
      encoding: 'utf8',
    });
    const report = JSON.parse(cli.stdout) as {
      file: string;
      diagnostics: { rule: string; severity: string; message: string; range: unknown }[];
    }[];
    const byFile = new Map(report.map((r) => [r.file.replace(/^.*?((samples|faults)\/)/, '$1'), r.diagnostics]));
    for (const rel of rels) {
      await lsp.open(ws.uri(rel));
      const server = (await lsp.diagnostics(ws.uri(rel), 1)).map((d) => ({
        rule: d.code,
        severity: (['', 'error', 'warning', 'info', 'hint'] as const)[d.severity!],
        message: d.message,
        range: d.range,
      }));
      assert.deepStrictEqual(server, byFile.get(rel) ?? [], rel);
      await lsp.close(ws.uri(rel));
    }
  });

  it('reports hand-checked faults with exact codes, ranges and severities', async () => {
    const text = [
      'journey: hand-checked',
      'title: Hand checked',
      'personas: [shopper, ghost]',
      'stages:',
      '  - name: Browse',
      '    touchpoints:',
      '      - name: Opens the shop',
      '        channel: webb',
      '        next: [nowhere]',
      '',
    ].join('\n');
    const uri = ws.write('hand/hand-checked.journey.yaml', text);
    await lsp.open(uri, text);
    const got = await lsp.diagnostics(uri, 1);
    const pick = (code: string): Diagnostic | undefined => got.find((d) => d.code === code);
    assert.deepStrictEqual(
      { range: pick('unknown-persona')?.range, severity: pick('unknown-persona')?.severity, source: pick('unknown-persona')?.source },
      { range: rangeOf(text, 'ghost'), severity: 1, source: 'journeymap' },
    );
    assert.deepStrictEqual(
      { range: pick('unknown-channel')?.range, severity: pick('unknown-channel')?.severity },
      { range: rangeOf(text, 'webb'), severity: 2 },
    );
    assert.deepStrictEqual(
      { range: pick('unknown-reference')?.range, severity: pick('unknown-reference')?.severity },
      { range: rangeOf(text, 'nowhere'), severity: 1 },
    );
    // The did-you-mean of an unknown channel travels as data, for the quick fix.
    assert.deepStrictEqual(pick('unknown-channel')?.data && (pick('unknown-channel')!.data as { kind: string }).kind, 'replace');

    const broken = 'journey: broken\ntitle: [Unclosed\nstages: []\n';
    const brokenUri = ws.write('hand/broken.journey.yaml', broken);
    await lsp.open(brokenUri, broken);
    const syntax = await lsp.diagnostics(brokenUri, 1);
    // One error on the line at fault (not yaml's cascade), and the rest of the file still
    // checked on the text with the bracket closed: the empty `stages` is a schema error.
    assert.deepStrictEqual(
      syntax.map((d) => [d.code, d.severity, d.range.start.line]),
      [
        ['yaml-syntax', 1, 1],
        ['schema', 1, 2],
      ],
    );
    await lsp.close(uri);
    await lsp.close(brokenUri);
  });

  it('follows incremental edits, never publishes for an old version, and clears on close', async () => {
    const text = 'journey: edits\ntitle: Edits\nstages:\n  - name: Only\n    touchpoints:\n      - name: One\n        channel: web\n';
    const uri = ws.write('hand/edits.journey.yaml', text);
    await lsp.open(uri, text);
    assert.deepStrictEqual(codes(await lsp.diagnostics(uri, 1)), []);
    // Three quick keystrokes: "web" -> "wex" -> "wexx" -> "wexxy"; only the last version is checked.
    const at = find(text, 'web', 0, 2);
    await lsp.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: 'x' }]);
    await lsp.change(uri, [
      { range: { start: { line: at.line, character: at.character + 1 }, end: { line: at.line, character: at.character + 1 } }, text: 'x' },
    ]);
    const v4 = await lsp.change(uri, [
      { range: { start: { line: at.line, character: at.character + 2 }, end: { line: at.line, character: at.character + 2 } }, text: 'y' },
    ]);
    const got = await lsp.diagnostics(uri, v4);
    assert.deepStrictEqual(
      got.map((d) => [d.code, d.range]),
      [['unknown-channel', rangeOf(lsp.text(uri)!, 'wexxy')]],
    );
    assert.deepStrictEqual(
      lsp.publicationsFor(uri).map((p) => p.version),
      [1, v4],
      'no publication for versions 2 and 3',
    );
    // Close: the diagnostics are cleared.
    const before = lsp.publicationsFor(uri).length;
    await lsp.close(uri);
    const cleared = await lsp.nextDiagnostics(uri, before);
    assert.deepStrictEqual(cleared.diagnostics, []);
  });

  it('re-checks the journeys that name a persona when its file is deleted, recreated or edited in the editor', async () => {
    const rel = 'faults/unknown-persona.journey.yaml';
    const uri = ws.uri(rel);
    const journey = ws.read(rel);
    await lsp.open(uri);
    const unknown = (ds: Diagnostic[]): string[] =>
      ds
        .filter((d) => d.code === 'unknown-persona')
        .map((d) => journey.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character));
    assert.deepStrictEqual(unknown(await lsp.diagnostics(uri, 1)), ['ghost']);

    // Deleted on disk: `shopper` becomes unknown too.
    const personaRel = 'faults/personas/shopper.persona.yaml';
    const personaText = ws.read(personaRel);
    let count = lsp.publicationsFor(uri).length;
    const personaUri = ws.remove(personaRel);
    await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: personaUri, type: FileChangeType.Deleted }] });
    assert.deepStrictEqual(unknown((await lsp.nextDiagnostics(uri, count)).diagnostics), ['shopper', 'ghost']);

    // Created again.
    count = lsp.publicationsFor(uri).length;
    ws.write(personaRel, personaText);
    await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: personaUri, type: FileChangeType.Created }] });
    assert.deepStrictEqual(unknown((await lsp.nextDiagnostics(uri, count)).diagnostics), ['ghost']);

    // A new persona file for `ghost`, written in the editor (never saved): the open text counts.
    count = lsp.publicationsFor(uri).length;
    const ghostUri = ws.uri('faults/personas/ghost.persona.yaml');
    await lsp.open(ghostUri, 'persona: ghost\nname: Gus, the ghost\n');
    assert.deepStrictEqual(unknown((await lsp.nextDiagnostics(uri, count)).diagnostics), []);

    // Renaming the persona in the editor brings the finding back; closing the unsaved file too.
    count = lsp.publicationsFor(uri).length;
    await lsp.replaceText(ghostUri, 'persona: spirit\nname: Gus, the ghost\n');
    assert.deepStrictEqual(unknown((await lsp.nextDiagnostics(uri, count)).diagnostics), ['ghost']);
    count = lsp.publicationsFor(uri).length;
    await lsp.replaceText(ghostUri, 'persona: ghost\nname: Gus, the ghost\n');
    assert.deepStrictEqual(unknown((await lsp.nextDiagnostics(uri, count)).diagnostics), []);
    count = lsp.publicationsFor(uri).length;
    await lsp.close(ghostUri);
    assert.deepStrictEqual(unknown((await lsp.nextDiagnostics(uri, count)).diagnostics), ['ghost']);
    await lsp.close(uri);
  });

  it('applies journeymap.rules and journeymap.friction.threshold without a restart', async () => {
    const rel = 'samples/buy-phone-online.journey.yaml';
    const uri = ws.uri(rel);
    await lsp.open(uri);
    const first = await lsp.diagnostics(uri, 1);
    assert.deepStrictEqual(first, expected(ws, rel));
    const hotspots = first.filter((d) => d.code === 'friction-hotspot').length;
    assert.ok(hotspots >= 1, 'the sample has a hotspot');

    // Pull model: the client answers workspace/configuration with the new values.
    const settings: Settings = { rules: { 'friction-hotspot': 'warning', 'low-sample': 'off' }, frictionThreshold: 0.3 };
    lsp.settings = { rules: settings.rules, friction: { threshold: 0.3 } };
    let count = lsp.publicationsFor(uri).length;
    await lsp.notify('workspace/didChangeConfiguration', { settings: null });
    const changed = (await lsp.nextDiagnostics(uri, count)).diagnostics;
    assert.deepStrictEqual(changed, expected(ws, rel, settings));
    assert.ok(changed.filter((d) => d.code === 'friction-hotspot').every((d) => d.severity === 2));
    assert.ok(changed.filter((d) => d.code === 'friction-hotspot').length > hotspots, 'a lower threshold finds more hotspots');
    assert.ok(!changed.some((d) => d.code === 'low-sample'));

    // Malformed values fall back to the defaults instead of breaking the checks.
    lsp.settings = { rules: { 'friction-hotspot': 'loud', nonsense: 'off' }, friction: { threshold: 'high' } };
    count = lsp.publicationsFor(uri).length;
    await lsp.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepStrictEqual((await lsp.nextDiagnostics(uri, count)).diagnostics, expected(ws, rel));
    await lsp.close(uri);
  });
});
