// The incremental re-parse must give exactly what a full parse of the new text gives: the same
// data, the same node ranges, the same comments, the same syntax diagnostics. Random edits
// over the samples and a generated journey exercise both the fast path and its fallbacks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isSeq } from 'yaml';
import { journeyText } from '../../bench/generate';
import { reparseFile, reparseStats } from '../../server/src/core/incremental';
import { parseFile, ParsedFile } from '../../server/src/core/parse';

function shape(p: ParsedFile): unknown {
  const nodes: unknown[] = [];
  const walk = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    if (isPair(n)) {
      walk(n.key);
      walk(n.value);
      return;
    }
    const node = n as { range?: number[]; comment?: string; commentBefore?: string; constructor: { name: string } };
    nodes.push([node.constructor.name, node.range, node.comment ?? null, node.commentBefore ?? null]);
    if (isMap(n) || isSeq(n)) for (const item of n.items) walk(item);
  };
  walk(p.doc?.contents ?? null);
  return { data: p.doc?.toJS({ mapAsMap: true }) ?? null, nodes, syntax: p.syntax, range: p.doc?.range ?? null, comment: p.doc?.comment ?? null, lines: p.lines.lineCount };
}

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

const PIECES = ['1', '0', '-2', 'x', ' ', '\n', '\n        ', ': ', '- ', 'name: New', '\n      - id: added\n        name: Added', '"', '[', '#'];

function randomEdits(uri: string, text: string, count: number, seed: number): void {
  const r = rng(seed);
  let current = parseFile(uri, text);
  for (let i = 0; i < count; i++) {
    // From a broken text every edit takes the full path: go back to the clean text then.
    const t = current.syntax.length > 0 ? text : current.text;
    const at = Math.floor(r() * t.length);
    const del = r() < 0.5 ? Math.floor(r() * 6) : 0;
    const ins = r() < 0.7 ? PIECES[Math.floor(r() * PIECES.length)] : '';
    const next = t.slice(0, at) + ins + t.slice(Math.min(t.length, at + del));
    const expected = shape(parseFile(uri, next));
    current = reparseFile(current, next);
    assert.deepEqual(shape(current), expected, `edit ${i} at ${at}: -${del} +${JSON.stringify(ins)}`);
  }
}

describe('incremental re-parse', () => {
  it('equals a full parse after random edits of every sample', () => {
    const dir = join(__dirname, '../../samples');
    const before = reparseStats.incremental;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      randomEdits(`file:///s/${f}`, readFileSync(join(dir, f), 'utf8'), 80, f.length);
    }
    assert.ok(reparseStats.incremental - before > 50, 'the fast path was taken');
  });

  it('equals a full parse after random edits of a generated journey', () => {
    randomEdits('file:///g/big.journey.yaml', journeyText('big', 25).text, 200, 7);
  });

  it('re-parses an edited emotion without a full parse, and the value is the new one', () => {
    const g = journeyText('big', 40);
    const uri = 'file:///g/big.journey.yaml';
    const lines = g.text.split('\n');
    const line = g.touchpoints[25].emotionLine;
    lines[line] = lines[line].replace(/emotion: -?\d/, 'emotion: 2');
    const next = lines.join('\n');
    const full = reparseStats.full;
    const result = reparseFile(parseFile(uri, g.text), next);
    assert.equal(reparseStats.full, full);
    assert.deepEqual(shape(result), shape(parseFile(uri, next)));
  });

  it('falls back to a full parse for an edit that breaks the YAML', () => {
    const g = journeyText('big', 20);
    const uri = 'file:///g/big.journey.yaml';
    const at = g.text.indexOf('name: Step 5');
    const next = g.text.slice(0, at) + '[' + g.text.slice(at);
    const full = reparseStats.full;
    const result = reparseFile(parseFile(uri, g.text), next);
    assert.equal(reparseStats.full, full + 1);
    assert.ok(result.syntax.some((d) => d.severity === 'error'));
  });
});
