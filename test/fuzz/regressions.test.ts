// Replays every saved failing input (test/fixtures/regressions/*.json, written by `npm run fuzz`
// or by hand from a bug the fuzzers found) through the same checks as the properties.
import * as assert from 'node:assert';
import { checkDuplicateKeys, checkEdits, checkText } from './checks';
import { loadRegressions } from './gen';

describe('fuzz: saved regressions', () => {
  const all = loadRegressions();

  it('has fixtures to replay', () => {
    assert.ok(all.length > 0, 'test/fixtures/regressions holds the inputs earlier runs found');
  });

  for (const { file, regression: r } of all) {
    it(`${file}: ${r.property}`, async () => {
      if (r.kind === 'edits') await checkEdits(r.uri, r.text, r.edits);
      else if (r.property === 'duplicate keys') checkDuplicateKeys(r.text);
      else await checkText(r.uri, r.text);
    });
  }
});
