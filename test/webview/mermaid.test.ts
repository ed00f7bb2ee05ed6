import * as assert from 'assert';
import { mermaidScore, toMermaidJourney } from '../../webview/src/mermaid';
import { journeyFixture } from './fixtures';
import { loadSamples } from './samples';

describe('webview: Copy as Mermaid', () => {
  it('maps the emotion scale onto 1..5, neutral 3 when unknown', () => {
    const scale = { min: -2, max: 2 };
    assert.deepStrictEqual(
      [-2, -1, 0, 1, 2].map((e) => mermaidScore(e, scale)),
      [1, 2, 3, 4, 5],
    );
    assert.strictEqual(mermaidScore(null, scale), 3);
    assert.strictEqual(mermaidScore(7, { min: 1, max: 7 }), 5);
    assert.strictEqual(mermaidScore(4, { min: 1, max: 7 }), 3);
  });

  it('writes sections per stage, a task per touchpoint, actors with a value there', () => {
    const model = journeyFixture();
    const lines = toMermaidJourney(model).trimEnd().split('\n');
    assert.strictEqual(lines[0], 'journey');
    assert.strictEqual(lines[1], '  title Buy a phone online');
    assert.strictEqual(
      lines.filter((l) => l.startsWith('  section ')).length,
      model.stages.filter((s) => s.touchpointIndexes.length).length,
    );
    const tasks = lines.filter((l) => l.startsWith('    '));
    assert.strictEqual(tasks.length, model.touchpoints.length);
    // Maya and Omar at the first touchpoint (mean emotion 0.5 -> 4 of 5); Omar has a gap at the third.
    assert.strictEqual(tasks[0], '    Sees a search ad: 4: Maya first-time buyer, Omar upgrader');
    assert.strictEqual(tasks[2], '    Compares models side by side: 3: Maya first-time buyer');
  });

  it('keeps hostile text from breaking the syntax', () => {
    const model = journeyFixture({ text: 'a: b; c %% d # e\nf' });
    const text = toMermaidJourney(model);
    for (const line of text.trimEnd().split('\n').slice(2)) {
      if (line.startsWith('  section')) assert.doesNotMatch(line, /[:;#]|%%/);
      else assert.match(line, /^ {4}[^:;#\n]+: [1-5](: [^:;#\n]+)?$/);
    }
  });

  it('covers every sample journey', () => {
    for (const s of loadSamples()) {
      if (s.model.kind !== 'journey') continue;
      const text = toMermaidJourney(s.model);
      assert.strictEqual(text.split('\n').filter((l) => /^ {4}\S/.test(l)).length, s.model.touchpoints.length, s.name);
    }
  });
});
