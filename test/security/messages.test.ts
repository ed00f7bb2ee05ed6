// The host's allow-list for messages from the webview (parseWebviewMessage): a compromised
// webview can send anything; only the exact shapes a click could produce get through, rebuilt
// from their known fields (nothing else is carried along).
import * as assert from 'node:assert';
import * as fc from 'fast-check';
import { parseWebviewMessage } from '../../server/src/protocol';

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };

describe('security: messages from the webview', () => {
  it('accepts exactly the six shapes, rebuilt without extra fields', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'resync', version: 3, uri: 'file:///etc/passwd' }), { type: 'resync' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'reveal', uri: 'file:///a.journey.yaml', range, command: 'rm -rf /' }), {
      type: 'reveal',
      uri: 'file:///a.journey.yaml',
      range,
    });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'exported', format: 'svg', data: '<svg/>', path: '/etc/passwd' }), {
      type: 'exported',
      format: 'svg',
      data: '<svg/>',
    });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'copyMermaid', text: 'journey' }), { type: 'copyMermaid', text: 'journey' });
    // Compare mode's button: it carries nothing, so a page cannot name a ref, a file or a text.
    assert.deepStrictEqual(parseWebviewMessage({ type: 'leaveCompare', ref: 'HEAD', uri: 'file:///etc/passwd' }), { type: 'leaveCompare' });
  });

  const rejected: [string, unknown][] = [
    ['null', null],
    ['a string', 'ready'],
    ['a number', 7],
    ['an array', [{ type: 'ready' }]],
    ['no type', {}],
    ['an unknown type', { type: 'openFile', uri: 'file:///etc/passwd' }],
    ['a command', { type: 'command', command: 'workbench.action.terminal.new' }],
    ['type as an object', { type: { toString: () => 'ready' } }],
    ['a __proto__ type', JSON.parse('{"type":"__proto__"}')],
    ['a constructor type', { type: 'constructor' }],
    ['reveal without a uri', { type: 'reveal', range }],
    ['reveal with a uri object', { type: 'reveal', uri: { path: '/etc/passwd' }, range }],
    ['reveal without a range', { type: 'reveal', uri: 'file:///a.journey.yaml' }],
    [
      'reveal with negative positions',
      { type: 'reveal', uri: 'file:///a', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } },
    ],
    [
      'reveal with fractional positions',
      { type: 'reveal', uri: 'file:///a', range: { start: { line: 0.5, character: 0 }, end: { line: 0, character: 0 } } },
    ],
    [
      'reveal with huge positions',
      { type: 'reveal', uri: 'file:///a', range: { start: { line: 1e12, character: 0 }, end: { line: 0, character: 0 } } },
    ],
    [
      'reveal with string positions',
      { type: 'reveal', uri: 'file:///a', range: { start: { line: '1', character: 0 }, end: { line: 0, character: 0 } } },
    ],
    ['exported in another format', { type: 'exported', format: 'exe', data: 'MZ' }],
    ['exported without data', { type: 'exported', format: 'png' }],
    ['exported with data as an object', { type: 'exported', format: 'svg', data: { length: 1 } }],
    ['exported over 64 MB', { type: 'exported', format: 'svg', data: 'x'.repeat(64 * 1024 * 1024) }],
    ['compare (a host-to-page message) from the page', { type: 'compare', uri: 'file:///a.journey.yaml', label: 'HEAD', other: {} }],
    ['copyMermaid without text', { type: 'copyMermaid' }],
    ['copyMermaid over 4 MB', { type: 'copyMermaid', text: 'x'.repeat(4 * 1024 * 1024) }],
  ];
  for (const [what, message] of rejected) {
    it(`drops ${what}`, () => assert.strictEqual(parseWebviewMessage(message), null));
  }

  it('drops or rebuilds any random value: never throws, never passes an unknown field or type', () => {
    // Fields of the right type half the time, and every field present in half the records, so
    // each kind gets through many times in a run.
    const fields = {
      type: fc.constantFrom(
        'ready',
        'resync',
        'reveal',
        'exported',
        'copyMermaid',
        'leaveCompare',
        'model',
        'modelDiff',
        'highlight',
        'export',
        'compare',
      ),
      uri: fc.oneof(fc.string(), fc.anything()),
      range: fc.oneof(fc.constant(range), fc.anything()),
      format: fc.oneof(fc.constantFrom('svg', 'png'), fc.anything()),
      data: fc.oneof(fc.string(), fc.anything()),
      text: fc.oneof(fc.string(), fc.anything()),
      x: fc.anything(),
    };
    const anyMessage = fc.oneof(fc.anything(), fc.record(fields, { requiredKeys: ['type'] }), { arbitrary: fc.record(fields), weight: 2 });
    const known: Record<string, string[]> = {
      ready: ['type'],
      resync: ['type'],
      reveal: ['type', 'uri', 'range'],
      exported: ['type', 'format', 'data'],
      copyMermaid: ['type', 'text'],
      leaveCompare: ['type'],
    };
    // Counted, so a parser that dropped everything could not pass by checking nothing.
    const accepted = new Set<string>();
    fc.assert(
      fc.property(anyMessage, (m) => {
        const out = parseWebviewMessage(m);
        if (out === null) return;
        accepted.add(out.type);
        assert.deepStrictEqual(Object.keys(out).sort(), [...known[out.type]].sort());
        if (out.type === 'reveal') assert.ok(typeof out.uri === 'string' && Number.isInteger(out.range.start.line));
      }),
      { numRuns: 1000 },
    );
    assert.deepStrictEqual(
      [...accepted].sort(),
      ['copyMermaid', 'exported', 'leaveCompare', 'ready', 'resync', 'reveal'],
      'some random messages of every kind were accepted and checked',
    );
  });
});
