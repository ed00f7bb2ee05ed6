// Completion of data file paths over a real LSP connection to the built server: in a journey's
// `data` list, the CSV files under the journey's folder, relative to it (node_modules, .git and
// hidden folders left out, files elsewhere in the workspace too), never one the list names
// already, each replacing exactly what was typed.
import * as assert from 'assert';
import { CompletionItemKind, CompletionList } from 'vscode-languageserver-types';
import { LspClient, makeWorkspace, startLsp, TempWorkspace } from './client';

const FLOW = `journey: buy
title: Buy
data: [data/]
stages:
  - name: S
    touchpoints:
      - { id: checkout, name: Checkout }
`;
const BLOCK = `journey: buy
title: Buy
data:
  - data/2025.csv
  - 
stages:
  - name: S
    touchpoints:
      - { id: checkout, name: Checkout }
`;

describe('lsp: completion of data file paths', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let lsp: LspClient;
  before(async () => {
    ws = makeWorkspace({
      files: {
        'journeys/buy.journey.yaml': FLOW,
        'journeys/block.journey.yaml': BLOCK.replace('journey: buy', 'journey: block'),
        'journeys/data/2025.csv': 'period,touchpoint,conversion\n',
        'journeys/data/2026.csv': 'period,touchpoint,conversion\n',
        'journeys/data/notes.txt': 'not a data file\n',
        'journeys/exports/q1/SURVEY.CSV': 'period,touchpoint,csat\n',
        'journeys/node_modules/pkg/x.csv': 'a\n',
        'journeys/.cache/y.csv': 'a\n',
        'elsewhere.csv': 'outside the journey folder\n',
      },
    });
    lsp = await startLsp({ folders: [ws.dir] });
  });
  after(() => {
    lsp?.kill();
    ws?.dispose();
  });

  it('offers the CSV files under the journey folder, relative to it, replacing what was typed', async () => {
    const uri = ws.uri('journeys/buy.journey.yaml');
    await lsp.open(uri, FLOW);
    // The cursor after `data/` inside the flow list: `data: [data/]`.
    const list = await lsp.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 2, character: 12 },
    });
    assert.deepStrictEqual(
      list.items.map((i) => [i.label, i.kind, i.detail]),
      [
        ['data/2025.csv', CompletionItemKind.File, 'CSV data file'],
        ['data/2026.csv', CompletionItemKind.File, 'CSV data file'],
        ['exports/q1/SURVEY.CSV', CompletionItemKind.File, 'CSV data file'],
      ],
    );
    // Each replaces the `data/` typed so far (columns 7 to 12 of line 2), nothing else.
    for (const item of list.items) {
      assert.deepStrictEqual(item.textEdit, {
        range: { start: { line: 2, character: 7 }, end: { line: 2, character: 12 } },
        newText: item.label,
      });
    }
  });

  it('leaves out the files the list already names (a block list)', async () => {
    const uri = ws.uri('journeys/block.journey.yaml');
    const text = BLOCK.replace('journey: buy', 'journey: block');
    await lsp.open(uri, text);
    const list = await lsp.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 4, character: 4 },
    });
    assert.deepStrictEqual(
      list.items.map((i) => i.label),
      ['data/2026.csv', 'exports/q1/SURVEY.CSV'],
    );
    assert.deepStrictEqual(list.items[0].textEdit, {
      range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } },
      newText: 'data/2026.csv',
    });
  });

  it('sees a CSV file written after the server started', async () => {
    ws.write('journeys/data/2027.csv', 'period,touchpoint,conversion\n');
    const uri = ws.uri('journeys/buy.journey.yaml');
    const list = await lsp.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 2, character: 12 },
    });
    assert.deepStrictEqual(
      list.items.map((i) => i.label),
      ['data/2025.csv', 'data/2026.csv', 'data/2027.csv', 'exports/q1/SURVEY.CSV'],
    );
  });
});
