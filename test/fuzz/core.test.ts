// Property tests over the analysis core: random YAML, mutated samples and random incremental
// edits. Nothing throws, every range lies inside its document, each input finishes within a
// second, the incremental path ends where a fresh analysis does. See gen.ts for case counts.
import { checkDuplicateKeys, checkEdits, checkText } from './checks';
import { check, editSequence, mutatedSample, mutatedText, randomYaml, runs, startText } from './gen';

describe('fuzz: the analysis core', function () {
  this.timeout(600_000);

  it('analyses random YAML', () =>
    check(
      'core random yaml',
      randomYaml,
      runs(0.26),
      async (text) => void (await checkText('file:///fuzz/random.journey.yaml', text)),
      (text, error) => ({ property: 'core random yaml', kind: 'text', uri: 'file:///fuzz/random.journey.yaml', text, error }),
    ));

  it('analyses random YAML as a persona file', () =>
    check(
      'core random persona',
      randomYaml,
      runs(0.04),
      async (text) => void (await checkText('file:///fuzz/random.persona.yaml', text)),
      (text, error) => ({ property: 'core random persona', kind: 'text', uri: 'file:///fuzz/random.persona.yaml', text, error }),
    ));

  it('analyses mutated samples (deleted, duplicated and swapped lines, shifted indentation, truncation, random bytes, CRLF)', () =>
    check(
      'core mutated samples',
      mutatedSample,
      runs(0.3),
      async (c) => void (await checkText(`file:///fuzz/${c.sample}`, mutatedText(c))),
      (c, error) => ({ property: 'core mutated samples', kind: 'text', uri: `file:///fuzz/${c.sample}`, text: mutatedText(c), error }),
    ));

  it('follows random sequences of incremental edits (CRLF, lone CR, surrogate pairs)', () =>
    check(
      'core incremental edits',
      editSequence,
      runs(0.2),
      async (c) => void (await checkEdits(`file:///fuzz/${c.sample}`, startText(c), c.edits)),
      (c, error) => ({
        property: 'core incremental edits',
        kind: 'edits',
        uri: `file:///fuzz/${c.sample}`,
        text: startText(c),
        edits: c.edits,
        error,
      }),
    ));

  it("finds duplicate keys where yaml's own (quadratic) check does", () =>
    check(
      'duplicate keys',
      randomYaml,
      runs(0.04),
      (text) => checkDuplicateKeys(text),
      (text, error) => ({ property: 'duplicate keys', kind: 'text', uri: 'file:///fuzz/keys.journey.yaml', text, error }),
    ));
});
