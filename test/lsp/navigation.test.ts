// Structure and navigation over a real LSP connection: document symbols, folding, selection
// ranges, definition, references, rename (applied, then re-checked), workspace symbols.
import * as assert from 'assert';
import { FileChangeType, Location, Range, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { applyWorkspaceEdit, find, LspClient, makeWorkspace, rangeOf, startLsp, TempWorkspace } from './client';
import { MAYA, OMAR, SHOP_A, SHOP_B } from './fixtures';

const r = (sl: number, sc: number, el: number, ec: number): Range => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});
const sortLocations = (ls: Location[]): string[] =>
  ls.map((l) => `${l.uri}#${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`).sort();

describe('lsp: structure and navigation', function () {
  let ws: TempWorkspace;
  let lsp: LspClient;
  let a: string;
  let b: string;
  let maya: string;

  before(async () => {
    ws = makeWorkspace({
      files: {
        'personas/maya.persona.yaml': MAYA,
        'personas/omar.persona.yaml': OMAR,
        'journeys/shop-a.journey.yaml': SHOP_A,
        'journeys/shop-b.journey.yaml': SHOP_B,
      },
    });
    a = ws.uri('journeys/shop-a.journey.yaml');
    b = ws.uri('journeys/shop-b.journey.yaml');
    maya = ws.uri('personas/maya.persona.yaml');
    lsp = await startLsp({ folders: [ws.dir] });
    await lsp.open(a);
  });
  after(() => {
    lsp?.kill();
    ws?.dispose();
  });

  it('outlines a journey as journey > stages > touchpoints', async () => {
    const symbols = await lsp.request<
      { name: string; detail: string; kind: number; range: Range; selectionRange: Range; children?: unknown[] }[]
    >('textDocument/documentSymbol', { textDocument: { uri: a } });
    const tp = (name: string, detail: string, range: Range, selectionRange: Range): unknown => ({
      name,
      detail,
      kind: 24,
      range,
      selectionRange,
    });
    assert.deepStrictEqual(symbols, [
      {
        name: 'Shop A',
        detail: 'shop-a',
        kind: 2,
        range: r(2, 0, 24, 43),
        selectionRange: r(2, 9, 2, 15),
        children: [
          {
            name: 'Browse',
            detail: 'browse',
            kind: 3,
            range: r(6, 4, 14, 18),
            selectionRange: r(7, 10, 7, 16),
            children: [
              tp('Searches', 'search', r(9, 8, 12, 22), r(10, 14, 10, 22)),
              tp('Basket Review', 'basket-review', r(13, 8, 14, 18), r(13, 14, 13, 27)),
            ],
          },
          {
            name: 'Buy',
            detail: 'buy',
            kind: 3,
            range: r(16, 4, 24, 43),
            selectionRange: r(17, 10, 17, 13),
            children: [
              tp('Reviews basket', 'basket', r(19, 8, 23, 34), r(20, 14, 20, 28)),
              tp('Pays', 'pay', r(24, 8, 24, 43), r(24, 25, 24, 29)),
            ],
          },
        ],
      },
    ]);
  });

  it('folds the header comment and every multi-line block', async () => {
    const folds = await lsp.request('textDocument/foldingRange', { textDocument: { uri: a } });
    assert.deepStrictEqual(folds, [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 5, endLine: 24 }, // stages
      { startLine: 6, endLine: 14 }, // stage browse
      { startLine: 8, endLine: 14 }, // its touchpoints
      { startLine: 9, endLine: 12 }, // search
      { startLine: 13, endLine: 14 }, // Basket Review
      { startLine: 16, endLine: 24 }, // stage buy
      { startLine: 18, endLine: 24 },
      { startLine: 19, endLine: 23 }, // basket
      { startLine: 21, endLine: 22 }, // its emotion map
    ]);
  });

  it('expands a selection from a persona key to the whole file', async () => {
    const [sel] = await lsp.request<{ range: Range; parent?: unknown }[]>('textDocument/selectionRange', {
      textDocument: { uri: a },
      positions: [{ line: 11, character: 21 }],
    });
    const chain: Range[] = [];
    for (let s: { range: Range; parent?: unknown } | undefined = sel; s; s = s.parent as typeof s) chain.push(s.range);
    assert.deepStrictEqual(chain, [
      r(11, 19, 11, 23), // maya
      r(11, 19, 11, 26), // maya: 1
      r(11, 17, 11, 37), // { maya: 1, omar: 0 }
      r(11, 8, 11, 37), // emotion: {...}
      r(9, 8, 12, 22), // the touchpoint
      r(9, 6, 14, 18), // the touchpoint list
      r(8, 4, 14, 18), // touchpoints: ...
      r(6, 4, 14, 18), // the stage
      r(6, 2, 24, 43), // the stage list
      r(5, 0, 24, 43), // stages: ...
      r(2, 0, 24, 43), // the journey
      r(0, 0, 25, 0), // the file
    ]);
  });

  it('goes to the definition of a persona, a touchpoint and a touchpoint whose id is derived', async () => {
    const def = (pos: { line: number; character: number }): Promise<Location[]> =>
      lsp.request('textDocument/definition', { textDocument: { uri: a }, position: pos });
    assert.deepStrictEqual(await def(find(SHOP_A, 'maya', 0, 2)), [{ uri: maya, range: r(0, 9, 0, 13) }]);
    assert.deepStrictEqual(await def(find(SHOP_A, '[basket]', 0, 3)), [{ uri: a, range: rangeOf(SHOP_A, 'basket', 1) }]);
    assert.deepStrictEqual(await def(find(SHOP_A, 'basket-review', 0, 1)), [{ uri: a, range: rangeOf(SHOP_A, 'Basket Review') }]);
    assert.deepStrictEqual(await def(find(SHOP_A, 'title', 0, 1)), []);
  });

  it('finds every reference of a persona across files, with and without its declaration', async () => {
    const refs = (includeDeclaration: boolean): Promise<Location[]> =>
      lsp.request('textDocument/references', {
        textDocument: { uri: a },
        position: find(SHOP_A, 'maya: 1', 1),
        context: { includeDeclaration },
      });
    const uses = [
      { uri: a, range: rangeOf(SHOP_A, 'maya', 0) },
      { uri: a, range: rangeOf(SHOP_A, 'maya', 1) },
      { uri: a, range: rangeOf(SHOP_A, 'maya', 2) },
      { uri: b, range: rangeOf(SHOP_B, '"maya"') },
      { uri: b, range: rangeOf(SHOP_B, 'maya', 1) },
    ];
    assert.deepStrictEqual(sortLocations(await refs(false)), sortLocations(uses));
    assert.deepStrictEqual(sortLocations(await refs(true)), sortLocations([...uses, { uri: maya, range: r(0, 9, 0, 13) }]));
    const touchpointRefs = await lsp.request<Location[]>('textDocument/references', {
      textDocument: { uri: a },
      position: find(SHOP_A, 'id: basket', 0, 5),
      context: { includeDeclaration: true },
    });
    assert.deepStrictEqual(
      sortLocations(touchpointRefs),
      sortLocations([
        { uri: a, range: rangeOf(SHOP_A, 'basket', 0) },
        { uri: a, range: rangeOf(SHOP_A, 'basket', 1) },
      ]),
    );
  });

  it('lists journeys, stages, touchpoints and personas as workspace symbols', async () => {
    const found = await lsp.request<{ name: string; kind: number; containerName?: string; location: Location }[]>('workspace/symbol', {
      query: 'bask',
    });
    assert.deepStrictEqual(
      found.map((s) => [s.name, s.kind, s.containerName, s.location.uri, s.location.range]).sort(),
      [
        ['Basket Review', 24, 'Browse', a, r(13, 14, 13, 27)],
        ['Reviews basket', 24, 'Buy', a, r(20, 14, 20, 28)],
      ].sort(),
    );
    const personas = await lsp.request<{ name: string; kind: number; location: Location }[]>('workspace/symbol', { query: 'omar' });
    assert.deepStrictEqual(
      personas.map((s) => [s.name, s.kind, s.location.uri]),
      [['Omar, upgrader', 5, ws.uri('personas/omar.persona.yaml')]],
    );
    const all = await lsp.request<unknown[]>('workspace/symbol', { query: '' });
    assert.strictEqual(all.length, 2 + 2 + 3 + 5, 'two personas, two journeys, three stages, five touchpoints');
  });

  it('finds workspace symbols in the text as typed and as changed on disk, not in what was indexed', async () => {
    const search = async (q: string) =>
      (await lsp.request<{ name: string; location: Location }[]>('workspace/symbol', { query: q })).map((s) => [s.name, s.location.uri]);
    // Unsaved: a touchpoint renamed in the open document.
    const at = rangeOf(SHOP_A, 'Basket Review');
    await lsp.change(a, [{ range: at, text: 'Cart Check' }]);
    assert.deepStrictEqual(await search('cartch'), [['Cart Check', a]]);
    assert.deepStrictEqual(await search('basketrev'), []);
    await lsp.change(a, [
      {
        range: { start: at.start, end: { line: at.start.line, character: at.start.character + 'Cart Check'.length } },
        text: 'Basket Review',
      },
    ]);
    assert.deepStrictEqual(await search('basketrev'), [['Basket Review', a]]);
    // On disk: a file that is not open changes (the watcher tells the server).
    ws.write(
      'journeys/shop-b.journey.yaml',
      SHOP_B.replace(/name: ([^\n]*)\n(\s+)touchpoints:/, 'name: $1\n$2touchpoints:\n$2  - name: Brand New Step'),
    );
    await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: b, type: FileChangeType.Changed }] });
    let found: unknown[] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      found = await search('brandnewstep');
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepStrictEqual(found, [['Brand New Step', b]]);
    ws.write('journeys/shop-b.journey.yaml', SHOP_B);
    await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: b, type: FileChangeType.Changed }] });
    for (let i = 0; i < 50 && found.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = await search('brandnewstep');
    }
    assert.deepStrictEqual(found, [], 'the file is back as it was');
  });

  it('refuses to rename to an id that is not kebab-case or already taken', async () => {
    const at = find(SHOP_A, 'maya', 0, 1);
    const prepared = await lsp.request('textDocument/prepareRename', { textDocument: { uri: a }, position: at });
    assert.deepStrictEqual(prepared, { range: rangeOf(SHOP_A, 'maya'), placeholder: 'maya' });
    assert.strictEqual(
      await lsp.request('textDocument/prepareRename', { textDocument: { uri: a }, position: find(SHOP_A, 'Shop A', 1) }),
      null,
    );
    await assert.rejects(
      lsp.request('textDocument/rename', { textDocument: { uri: a }, position: at, newName: 'Maya Smith' }),
      (e: Error) =>
        e.message ===
        '"Maya Smith" is not a valid persona id: ids are kebab-case, ' +
          'lower-case letters and digits joined by single hyphens (for example first-time-buyer).',
    );
    await assert.rejects(lsp.request('textDocument/rename', { textDocument: { uri: a }, position: at, newName: 'omar' }), (e: Error) =>
      /A persona "omar" already exists/.test(e.message),
    );
    await assert.rejects(
      lsp.request('textDocument/rename', { textDocument: { uri: a }, position: find(SHOP_A, 'id: search', 0, 5), newName: 'basket' }),
      (e: Error) => e.message === 'This journey already has a touchpoint "basket"; pick another id.',
    );
  });

  it('renames a persona across files; applied, the workspace stays clean', async () => {
    // The diagnostics of the current text (the test above edited it twice, back to what it was;
    // with a debounce of a few milliseconds those versions are published before this test runs).
    const before = await lsp.diagnostics(a);
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: a },
      position: find(SHOP_A, 'maya', 0, 1),
      newName: 'maya-lee',
    });
    assert.deepStrictEqual(Object.keys(edit.changes ?? {}).sort(), [a, b, maya].sort());
    const texts = new Map([
      [a, SHOP_A],
      [b, SHOP_B],
      [maya, MAYA],
    ]);
    applyWorkspaceEdit(texts, edit);
    assert.strictEqual(texts.get(maya), 'persona: maya-lee\nname: Maya, first-time buyer\n');
    assert.strictEqual(texts.get(b), SHOP_B.replace('"maya"', '"maya-lee"').replace('{ maya: 1 }', '{ maya-lee: 1 }'));
    assert.strictEqual(
      texts.get(a),
      SHOP_A.replace('[maya, omar]', '[maya-lee, omar]').replace('{ maya: 1,', '{ maya-lee: 1,').replace('  maya: 1', '  maya-lee: 1'),
    );

    // Apply it as an editor would: the open journey by an edit, the closed files on disk.
    ws.write('personas/maya.persona.yaml', texts.get(maya)!);
    ws.write('journeys/shop-b.journey.yaml', texts.get(b)!);
    await lsp.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: maya, type: FileChangeType.Changed },
        { uri: b, type: FileChangeType.Changed },
      ],
    });
    const v = await lsp.replaceText(a, texts.get(a)!);
    const after = await lsp.diagnostics(a, v);
    assert.deepStrictEqual(
      after.map((d) => d.code),
      before.map((d) => d.code),
    );
    assert.ok(!after.some((d) => d.code === 'unknown-persona' || d.code === 'unknown-reference'));
    await lsp.open(b);
    assert.ok(!(await lsp.diagnostics(b, 1)).some((d) => d.code === 'unknown-persona' || d.code === 'unknown-reference'));
    await lsp.close(b);
  });

  it('renames a touchpoint whose id is derived by giving it an id, and its references follow', async () => {
    const text = lsp.text(a)!;
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: a },
      position: find(text, 'basket-review', 0, 2),
      newName: 'check-basket',
    });
    const texts = new Map([[a, text]]);
    applyWorkspaceEdit(texts, edit);
    assert.strictEqual(
      texts.get(a),
      text
        .replace('      - name: Basket Review', '      - id: check-basket\n        name: Basket Review')
        .replace('[basket-review, pay]', '[check-basket, pay]'),
    );
    const v = await lsp.replaceText(a, texts.get(a)!);
    const got = await lsp.diagnostics(a, v);
    assert.ok(!got.some((d) => d.code === 'unknown-reference' || d.code === 'duplicate-id'), JSON.stringify(got));
    // A stage id renames just its own key.
    const stageEdit = await lsp.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: a },
      position: find(texts.get(a)!, 'id: buy', 0, 5),
      newName: 'purchase',
    });
    assert.deepStrictEqual(stageEdit, { changes: { [a]: [{ range: rangeOf(texts.get(a)!, 'buy'), newText: 'purchase' }] } });
  });
});
