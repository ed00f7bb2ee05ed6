// The incremental re-parse must give exactly what a full parse of the new text gives: the same
// data, the same node ranges, the same comments, the same syntax diagnostics. Random edits
// over the samples and a generated journey exercise both the fast path and its fallbacks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journeyText } from '../../bench/generate';
import { analyzeParsed, analyzeText } from '../../server/src/core/analyze';
import { reparseFile, reparseStats } from '../../server/src/core/incremental';
import { memoStats } from '../../server/src/core/nodeCache';
import type { JourneyModel } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { parseFile } from '../../server/src/core/parse';
import { parseShape } from '../support/parseShape';
import { editVersions, PIECES, rng, splice, suiteCases } from '../support/versions';

const shape = parseShape;

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

describe('incremental re-parse', function () {
  // Hundreds of full analyses each: seconds alone, much longer on a loaded shared machine. The
  // limit only stops a hang; it measures nothing.
  this.timeout(180_000);
  // One test per sample, so a slow machine never meets mocha's per-test limit with every sample
  // in one test; whether the fast path was taken is checked once all have run.
  const sampleDir = join(__dirname, '../../samples');
  let fastPaths = 0;
  for (const f of readdirSync(sampleDir).filter((n) => n.endsWith('.yaml'))) {
    it(`equals a full parse after random edits of ${f}`, () => {
      const before = reparseStats.incremental;
      randomEdits(`file:///s/${f}`, readFileSync(join(sampleDir, f), 'utf8'), 80, f.length);
      fastPaths += reparseStats.incremental - before;
    });
  }

  it('took the fast path in those edits', () => {
    assert.ok(fastPaths > 50, `the fast path was taken ${fastPaths} times`);
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

describe('incremental re-parse: every version equals a fresh parse', function () {
  // Thousands of versions, each parsed twice: seconds alone, longer on a loaded machine.
  this.timeout(300_000);
  // The energy sample as it stood when the bugs were found (test/fixtures/issue13/README.md).
  const sample = readFileSync(join(__dirname, '../fixtures/issue13/pay-energy-bill.journey.yaml.txt'), 'utf8');
  const uri = 'file:///s/pay-energy-bill.journey.yaml';
  const lineStartOf = (text: string, line: number): number =>
    text
      .split('\n')
      .slice(0, line)
      .reduce((n, l) => n + l.length + 1, 0);

  it("deleting the line break at the end of a list item's last line (pay-energy-bill line 37) gives the fresh parse's 8 errors", () => {
    const lines = sample.split('\n');
    assert.equal(lines[36].trim(), 'metrics: { volume: 200000, conversion: 0.92, drop_off: 0.08 }');
    const eol = lineStartOf(sample, 36) + lines[36].length;
    const next = sample.slice(0, eol) + sample.slice(eol + 1);
    const fresh = parseFile(uri, next);
    assert.equal(fresh.syntax.filter((d) => d.severity === 'error').length, 8);
    assert.deepEqual(shape(reparseFile(parseFile(uri, sample), next)), shape(fresh));
  });

  it("Enter plus 8 spaces inside an item's indentation (pay-energy-bill 49:5) reports the misaligned sequence item", () => {
    const at = lineStartOf(sample, 48) + 4;
    const next = sample.slice(0, at) + '\n        ' + sample.slice(at);
    const fresh = parseFile(uri, next);
    // yaml says "All sequence items must start at the same column"; the explanation says by how much.
    assert.deepEqual(
      fresh.syntax.map((d) => [d.message, d.range.start.line]),
      [
        [
          "This list item is indented 4 spaces more than the list's other items. " +
            'Items of one list start at the same column: indent it by 10 spaces.',
          49,
        ],
      ],
    );
    assert.deepEqual(shape(reparseFile(parseFile(uri, sample), next)), shape(fresh));
  });

  it('a document with directives reads an edited value as its YAML version does (%YAML 1.1, %TAG)', () => {
    const journey =
      'journey: j\n' +
      'title: T\n' +
      'stages:\n' +
      '  - name: S\n' +
      '    touchpoints:\n' +
      '      - name: A\n' +
      '        channel: web\n' +
      '      - name: B\n' +
      '        channel: web\n';
    for (const [head, from, to, check] of [
      [
        '%YAML 1.1\n---\n',
        'name: A',
        'name: yes',
        (p: ReturnType<typeof parseFile>) =>
          assert.equal((p.doc!.toJS() as { stages: { touchpoints: { name: unknown }[] }[] }).stages[0].touchpoints[0].name, true),
      ],
      [
        '%YAML 1.1\n---\n',
        'name: A',
        'name: 0777',
        (p: ReturnType<typeof parseFile>) =>
          assert.equal((p.doc!.toJS() as { stages: { touchpoints: { name: unknown }[] }[] }).stages[0].touchpoints[0].name, 511),
      ],
      [
        '%TAG !! tag:example.com,2000:\n---\n',
        'name: A',
        'name: !!int 12',
        (p: ReturnType<typeof parseFile>) =>
          assert.ok(
            p.syntax.some((d) => /Unresolved tag/.test(d.message)),
            JSON.stringify(p.syntax),
          ),
      ],
    ] as const) {
      const before = head + journey;
      const next = before.replace(from, to);
      const got = reparseFile(parseFile(uri, before), next);
      check(got);
      assert.deepEqual(shape(got), shape(parseFile(uri, next)));
    }
  });

  it('equals a fresh parse at every version of edit sequences over every sample (line ends, indentation, flow, quotes, directives)', () => {
    const dir = join(__dirname, '../../samples');
    const before = reparseStats.incremental;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')))
      editVersions(`file:///s/${f}`, readFileSync(join(dir, f), 'utf8'), 150, f.length * 7 + 1);
    assert.ok(reparseStats.incremental - before > 100, `the fast path was taken (${reparseStats.incremental - before} times)`);
  });

  it('equals a fresh parse at every version when each YAML test suite case is opened and edited', () => {
    const cases = suiteCases();
    assert.equal(cases.length, 402);
    cases.forEach((c, i) => editVersions(`file:///suite/${c.id.replace('/', '-')}.journey.yaml`, c.text, 12, i + 1));
  });

  it('equals a fresh parse at every version when each YAML test suite case is spliced into a journey and edited', () => {
    const cases = suiteCases();
    const before = reparseStats.incremental;
    cases.forEach((c, i) => {
      editVersions('file:///suite/pay-bill.journey.yaml', splice(c.text, false), 10, 1000 + i);
      editVersions('file:///suite/pay-bill.journey.yaml', splice(c.text, true), 10, 5000 + i);
    });
    assert.ok(reparseStats.incremental - before > 400, `the fast path was taken (${reparseStats.incremental - before} times)`);
  });
});

describe('analysis remembered per node across edits', function () {
  // Hundreds of full analyses each: seconds alone, much longer on a loaded shared machine. The
  // limit only stops a hang; it measures nothing.
  this.timeout(180_000);
  // A touchpoint's model, findings and schema errors are kept for the nodes an edit did not
  // touch (nodeCache.ts). After every edit, the analysis of the re-parsed file must equal a
  // fresh analysis of the same text: diagnostics (ranges, messages, fixes) and the model.
  const dir = join(__dirname, '../../samples');
  const index = new WorkspaceIndex();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.persona.yaml')))
    index.update(`file:///s/${f}`, readFileSync(join(dir, f), 'utf8'));
  // Edits aimed at what the analysis reads: emotions, metrics, pain points, next, channels, lines added or removed.
  const AIMED = [
    ['emotion: ', ['-2', '5', '1', 'x']],
    ['volume: ', ['1', '999999999']],
    ['conversion: ', ['0.1', '62']],
    ['channel: ', ['webb', 'app']],
    ['next: ', ['[nowhere]', '[t1]']],
    ['severity: ', ['critical', 'hgh']],
    ['evidence: ', ['[assumption]', '[analytics]']],
    ['name: ', ['Renamed', '']],
    ['responses: ', ['3']],
    ['owner: ', ['', 'new-team']],
  ] as const;

  function editsAgree(uri: string, text: string, count: number, seed: number): void {
    const r = rng(seed);
    let current = parseFile(uri, text);
    index.updateParsed(current);
    analyzeParsed(current, index);
    let last: { model: unknown; json: string } | undefined;
    for (let i = 0; i < count; i++) {
      const t = current.syntax.length > 0 ? text : current.text;
      let next: string;
      if (r() < 0.6) {
        const [key, values] = AIMED[Math.floor(r() * AIMED.length)];
        const hits: number[] = [];
        for (let at = t.indexOf(key); at >= 0; at = t.indexOf(key, at + 1)) hits.push(at + key.length);
        if (hits.length === 0) continue;
        const at = hits[Math.floor(r() * hits.length)];
        const end = t.indexOf('\n', at);
        const lineEnd = end < 0 ? t.length : end;
        const old = t.slice(at, lineEnd);
        const value = values[Math.floor(r() * values.length)];
        // Replace the value (when it is a plain word) or add a line after it.
        next =
          /^[^\s[{#"']*$/.test(old) || old.startsWith('[')
            ? t.slice(0, at) + value + t.slice(lineEnd)
            : t.slice(0, lineEnd) + '\n' + t.slice(lineEnd);
      } else {
        const at = Math.floor(r() * t.length);
        const del = r() < 0.5 ? Math.floor(r() * 6) : 0;
        const ins = r() < 0.7 ? PIECES[Math.floor(r() * PIECES.length)] : '';
        next = t.slice(0, at) + ins + t.slice(Math.min(t.length, at + del));
      }
      current = reparseFile(current, next);
      index.updateParsed(current);
      const got = analyzeParsed(current, index);
      const fresh = analyzeText(uri, next, index);
      assert.deepEqual(got.diagnostics, fresh.diagnostics, `edit ${i}: diagnostics`);
      assert.deepEqual(got.model, fresh.model, `edit ${i}: model`);
      // Models share the objects of unchanged touchpoints: building one never changes an earlier one.
      if (last) assert.equal(JSON.stringify(last.model), last.json, `edit ${i}: the previous model is as it was`);
      last = { model: got.model, json: JSON.stringify(got.model) };
      assert.deepEqual(index.get(uri), new WorkspaceIndex().updateParsed(parseFile(uri, next)), `edit ${i}: index entry (owners)`);
    }
  }

  // One test per sample journey (see above); the remembered work is counted once all have run.
  let memoHits = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.journey.yaml'))) {
    it(`equals a fresh analysis after edits of ${f}`, () => {
      const hits = memoStats.hits;
      editsAgree(`file:///s/${f}`, readFileSync(join(dir, f), 'utf8'), 60, f.length * 31);
      memoHits += memoStats.hits - hits;
    });
  }

  it('used remembered work in those edits', () => {
    assert.ok(memoHits > 1000, `remembered work was used (${memoHits} hits)`);
  });

  it('forgets what a stage held when one of its touchpoints changes (owners, findings, model)', () => {
    const uri = 'file:///g/owners.journey.yaml';
    const text =
      'journey: j\n' +
      'title: T\n' +
      'stages:\n' +
      '  - name: Buy\n' +
      '    owner: sales\n' +
      '    touchpoints:\n' +
      '      - name: A\n' +
      '        owner: web\n' +
      '      - name: B\n' +
      '        owner: app\n';
    let current = parseFile(uri, text);
    const local = new WorkspaceIndex();
    assert.deepEqual(local.updateParsed(current).owners, ['app', 'sales', 'web']);
    analyzeParsed(current, local);
    for (const [from, to] of [
      ['owner: web', 'owner: shop'],
      ['owner: app', 'owner: ap'],
      ['name: A', 'name: AA'],
    ]) {
      const next = current.text.replace(from, to);
      const full = reparseStats.full;
      current = reparseFile(current, next);
      assert.equal(reparseStats.full, full, 'the fast path, which keeps the stage node');
      assert.deepEqual(local.updateParsed(current), new WorkspaceIndex().updateParsed(parseFile(uri, next)));
      assert.deepEqual(analyzeParsed(current, local).model, analyzeText(uri, next, local).model);
    }
    assert.deepEqual(local.get(uri)?.owners, ['ap', 'sales', 'shop']);
  });

  it('keeps the model object of every touchpoint an emotion edit leaves as it was, and makes a new one for the edited one', () => {
    const uri = 'file:///g/keep.journey.yaml';
    const g = journeyText('big', 300);
    const local = new WorkspaceIndex();
    let current = parseFile(uri, g.text);
    local.updateParsed(current);
    const before = analyzeParsed(current, local).model as JourneyModel;
    const lines = g.text.split('\n');
    const k = 137;
    const at = g.touchpoints[k].emotionLine;
    const value = Number(lines[at].slice('        emotion: '.length));
    lines[at] = `        emotion: ${value >= 2 ? value - 1 : value + 1}`;
    current = reparseFile(current, lines.join('\n'));
    local.updateParsed(current);
    const after = analyzeParsed(current, local).model as JourneyModel;
    assert.notEqual(after.touchpoints[k], before.touchpoints[k], 'the edited touchpoint is built again');
    assert.notEqual(after.touchpoints[k].emotion, before.touchpoints[k].emotion);
    // Its neighbours' figures do not depend on its emotion; hotspot ranks may move, and a
    // touchpoint whose rank moved is built again too.
    const kept = after.touchpoints.filter((t, i) => t === before.touchpoints[i]).length;
    const moved = after.touchpoints.filter((t, i) => i !== k && t.hotspotRank !== before.touchpoints[i].hotspotRank).length;
    assert.equal(kept, 299 - moved, `every other touchpoint whose rank stayed is the same object (${kept} kept, ${moved} re-ranked)`);
    assert.deepEqual(after, analyzeText(uri, lines.join('\n'), local).model);
  });

  it('equals a fresh analysis after edits of a generated journey', () => {
    editsAgree('file:///g/big.journey.yaml', journeyText('big', 60).text, 150, 11);
  });
});
