// Bad input gives diagnostics, never a crash or a hang. Each case runs the whole analysis and
// must come back with a clear, located diagnostic (a hang fails on mocha's timeout; how fast the
// server answers on hostile text is measured by `npm run bench`, not asserted here).
import * as assert from 'assert';
import { analyzeText, FileAnalysis } from '../../server/src/core/analyze';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFile } from '../../server/src/core/parse';
import { suiteCases } from '../support/versions';

function analysed(text: string, uri = 'file:///w/bad.journey.yaml'): { result: FileAnalysis } {
  const index = new WorkspaceIndex();
  index.update(uri, text);
  const result = analyzeText(uri, text, index);
  // Every range lies inside the document.
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of result.diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line} outside the document`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `character ${p.character} outside line ${p.line}`);
    }
  }
  return { result };
}

describe('bad input', () => {
  it('an empty file', () => {
    const { result } = analysed('');
    assert.ok(result.diagnostics.length >= 1);
    assert.ok(result.diagnostics.every((d) => d.range.start.line === 0));
  });

  it('a top-level list', () => {
    const { result } = analysed('- a\n- b\n');
    assert.ok(result.diagnostics.some((d) => d.rule === 'schema' && d.severity === 'error'));
    assert.strictEqual(result.model, null);
  });

  it('binary garbage', () => {
    let s = '';
    for (let i = 0; i < 4096; i++) s += String.fromCharCode((i * 7919) % 256);
    const { result } = analysed(s);
    assert.ok(result.diagnostics.length >= 1);
  });

  it('tab indentation', () => {
    const { result } = analysed('journey: j\ntitle: T\nstages:\n\t- name: S\n');
    const d = result.diagnostics.find((x) => x.rule === 'yaml-syntax');
    assert.ok(d, JSON.stringify(result.diagnostics));
    assert.strictEqual(d.range.start.line, 3);
  });

  it('an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      bomb.push(
        `${cur}: &${cur} [${Array(9)
          .fill('*' + prev)
          .join(',')}]`,
      );
    }
    const { result } = analysed(bomb.join('\n') + '\n');
    assert.ok(
      result.diagnostics.some((d) => d.severity === 'error'),
      JSON.stringify(result.diagnostics),
    );
  });

  it('a self-referencing alias', () => {
    const { result } = analysed('journey: &a [ *a ]\n');
    assert.ok(result.diagnostics.some((d) => d.severity === 'error'));
  });

  it('1,000-deep nesting (flow and block) is refused before parsing', () => {
    const flow = analysed('journey: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n').result;
    const d = flow.diagnostics.find((x) => x.rule === 'yaml-syntax');
    assert.ok(d && /Nesting deeper than/.test(d.message));
    let block = '';
    for (let i = 0; i < 1000; i++) block += ' '.repeat(i) + 'k:\n';
    assert.ok(analysed(block).result.diagnostics.some((x) => x.rule === 'yaml-syntax' && /Nesting deeper/.test(x.message)));
    assert.ok(analysed('- '.repeat(1000) + 'y\n').result.diagnostics.some((x) => /Nesting deeper/.test(x.message)));
  });

  it('duplicate keys are reported on the second key', () => {
    const { result } = analysed('journey: j\ntitle: T\ntitle: U\nstages: []\n');
    const d = result.diagnostics.find((x) => x.rule === 'yaml-syntax');
    assert.ok(d, JSON.stringify(result.diagnostics));
    assert.strictEqual(d.range.start.line, 2);
  });

  it('a 5 MB file is refused with one diagnostic on its first line', () => {
    const lines = ['journey: big', 'title: Big', 'stages:', '  - name: Everything', '    touchpoints:'];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const chunk = `      - name: Step ${i} with a long enough name to fill the file quickly\n        channel: web\n        emotion: 1\n`;
      lines.push(chunk);
      size += chunk.length;
    }
    const { result } = analysed(lines.join('\n'));
    assert.strictEqual(result.diagnostics.length, 1);
    assert.match(result.diagnostics[0].message, /File too large to analyse: 5\.0 MB/);
    assert.deepStrictEqual(result.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } });
  });

  it('a persona file that is a scalar', () => {
    const { result } = analysed('just text\n', 'file:///w/p.persona.yaml');
    assert.ok(result.diagnostics.some((d) => d.rule === 'schema'));
  });
});

describe("bad input: in the user's words, and nothing on the console (issue 13)", () => {
  const uri = 'file:///w/a.journey.yaml';

  it("says that a journey file holds one document, on the second document's `---`", () => {
    const text = 'journey: j\ntitle: T\nstages: []\n---\njourney: k\n';
    assert.deepStrictEqual(
      parseFile(uri, text).syntax.map((d) => [d.rule, d.severity, d.message, d.range]),
      [
        [
          'yaml-syntax',
          'error',
          'A journey or persona file holds one YAML document: this second one (after `---`) is not read. ' +
            'Move it to a file of its own, or remove the `---`.',
          { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } },
        ],
      ],
    );
  });

  it('reports a second %YAML directive (yaml-test-suite SF5V) on its line', () => {
    const text = fs.readFileSync(path.join(__dirname, '../fixtures/yaml-test-suite/SF5V/in.yaml'), 'utf8');
    assert.deepStrictEqual(
      parseFile(uri, text).syntax.map((d) => [d.message, d.range]),
      [
        [
          'The %YAML directive is given twice: a document takes one. Remove this line.',
          { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } },
        ],
      ],
    );
  });

  it("keeps the parser's notes to programmers (mapAsMap) off stdout, stderr and the log for every YAML test suite case", () => {
    const said: string[] = [];
    const saved = { warn: console.warn, log: console.log, error: console.error, emit: process.emitWarning };
    console.warn = console.log = console.error = (...a: unknown[]) => void said.push(a.map(String).join(' '));
    process.emitWarning = ((w: string | Error) => void said.push(String(w))) as typeof process.emitWarning;
    try {
      const index = new WorkspaceIndex();
      analyzeText(uri, '? [a, b]\n: 1\n? { c: d }\n: 2\n', index);
      for (const c of suiteCases()) analyzeText(uri, c.text, index);
    } finally {
      Object.assign(console, { warn: saved.warn, log: saved.log, error: saved.error });
      process.emitWarning = saved.emit;
    }
    assert.deepStrictEqual(said, []);
  });
});
