// What copying a sample brings along, decided once in core/starter.ts for the extension's "New
// Journey from Sample" and `journeymap new`: a to-be sample's as-is journey when the workspace
// lacks it, the personas the copies name that it lacks, and the data files each names.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { baselineToCopy, personasToCopy, sampleFacts } from '../../server/src/core/starter';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const journeys = fs
  .readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.journey.yaml'))
  .sort()
  .map((f) => {
    const text = fs.readFileSync(path.join(SAMPLES, f), 'utf8');
    return { id: String((parseDocument(text).toJS() as { journey: string }).journey), file: f, text };
  });
const sample = (id: string) => journeys.find((j) => j.id === id)!;
const none = (): boolean => false;

describe('starter: what a sample copy brings along', () => {
  it('the to-be sample names its as-is sample as baseline, and both name the same personas', () => {
    assert.deepStrictEqual(sampleFacts(sample('buy-phone-online-to-be').text), {
      personas: ['first-time-buyer', 'loyal-upgrader'],
      baseline: 'buy-phone-online',
      data: [],
    });
    assert.deepStrictEqual(sampleFacts(sample('pay-energy-bill').text).data, ['data/pay-energy-bill.csv']);
  });

  it('a to-be sample brings its as-is journey into a workspace without it', () => {
    assert.strictEqual(baselineToCopy(sample('buy-phone-online-to-be'), journeys, none)?.file, 'buy-phone-online.journey.yaml');
  });

  it('not when the workspace has a journey of that id, and never for an as-is sample', () => {
    assert.strictEqual(
      baselineToCopy(sample('buy-phone-online-to-be'), journeys, (id) => id === 'buy-phone-online'),
      null,
    );
    for (const j of journeys.filter((x) => x.id !== 'buy-phone-online-to-be'))
      assert.strictEqual(baselineToCopy(j, journeys, none), null, j.id);
  });

  it('the personas the copies name, once each, less those the workspace has', () => {
    const copies = [sample('buy-phone-online-to-be').text, sample('buy-phone-online').text];
    assert.deepStrictEqual(personasToCopy(copies, none), ['first-time-buyer', 'loyal-upgrader']);
    assert.deepStrictEqual(
      personasToCopy(copies, (id) => id === 'first-time-buyer'),
      ['loyal-upgrader'],
    );
  });

  it('reads what it can of a broken text', () => {
    assert.deepStrictEqual(sampleFacts('journey: [unclosed\n'), { personas: [], data: [] });
  });
});
