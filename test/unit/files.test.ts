// The server's file store (server/src/lsp/files.ts): a big disk file indexed at start-up keeps its
// parse for the open that usually follows, and its workspace symbols are read when that parse is
// released unused (or asked for), not while indexing, where they delayed the open's diagnostics.
import { strict as assert } from 'node:assert';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { journeyText } from '../../bench/generate';
import { parseFile } from '../../server/src/core/parse';
import { symbolEntries } from '../../server/src/core/symbols';
import { FileStore, KEEP_DISK_PARSE_MIN } from '../../server/src/lsp/files';

const pathOf = (uri: string): string => uri.replace('file://', '');
const cached = (store: FileStore, uri: string): unknown => (store as unknown as { symbolCache: Map<string, unknown> }).symbolCache.get(uri);

describe('file store: symbols of a big disk file', function () {
  this.timeout(120_000);
  const big = journeyText('big', 600).text;
  const small = journeyText('small', 20).text;

  it('reads a small file symbols when it is indexed, a big one only when its kept parse is released', () => {
    assert.ok(big.length >= KEEP_DISK_PARSE_MIN && small.length < KEEP_DISK_PARSE_MIN);
    const store = new FileStore(new TextDocuments(TextDocument), pathOf);
    store.disk.set('file:///w/big.journey.yaml', big);
    store.disk.set('file:///w/small.journey.yaml', small);
    assert.ok(store.parsed('file:///w/big.journey.yaml'));
    assert.ok(store.parsed('file:///w/small.journey.yaml'));
    assert.ok(cached(store, 'file:///w/small.journey.yaml'), 'the small file: read when indexed');
    assert.equal(cached(store, 'file:///w/big.journey.yaml'), undefined, 'the big file: not while indexing');
    store.releaseDiskParses();
    assert.ok(cached(store, 'file:///w/big.journey.yaml'), 'read when its parse is released');
    assert.deepEqual(store.symbols('file:///w/big.journey.yaml'), symbolEntries(parseFile('file:///w/big.journey.yaml', big)));
    assert.deepEqual(store.symbols('file:///w/small.journey.yaml'), symbolEntries(parseFile('file:///w/small.journey.yaml', small)));
  });

  it('answers a symbol search before the release from the kept parse, with the same symbols', () => {
    const store = new FileStore(new TextDocuments(TextDocument), pathOf);
    store.disk.set('file:///w/big.journey.yaml', big);
    store.parsed('file:///w/big.journey.yaml');
    assert.deepEqual(store.symbols('file:///w/big.journey.yaml'), symbolEntries(parseFile('file:///w/big.journey.yaml', big)));
    store.releaseDiskParses();
    assert.deepEqual(store.symbols('file:///w/big.journey.yaml'), symbolEntries(parseFile('file:///w/big.journey.yaml', big)));
  });
});
