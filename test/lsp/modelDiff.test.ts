// The model by difference over a real connection: a client that initializes with
// `modelDiff: true` gets the first model whole (journeymap/modelChanged) and then what changed
// (journeymap/modelDiff); patched, its copy equals the full model the server answers for the same
// version (journeymap/model), through an emotion edit, a stage move, a branch, a persona
// change, a file that stops parsing and parses again, and a missed version. A client that did
// not ask keeps getting whole models.
import * as assert from 'assert';
import type { FileModel } from '../../server/src/core/model';
import { applyModelDiff } from '../../server/src/modelDiff';
import type { ModelDiffResult, ModelResult } from '../../server/src/protocol';
import { LspClient, makeWorkspace, startLsp, TempWorkspace } from './client';

const SAMPLE = 'samples/buy-phone-online.journey.yaml';

/** The stage blocks (`  - id:` under `stages:`) as line ranges. */
function swapFirstStages(text: string): string {
  const lines = text.split('\n');
  const stagesAt = lines.findIndex((l) => l.startsWith('stages:'));
  const starts = lines.flatMap((l, i) => (i > stagesAt && /^ {2}- /.test(l) ? [i] : []));
  assert.ok(starts.length >= 3, 'the sample has three stages or more');
  const [a, b, c] = starts;
  return [...lines.slice(0, a), ...lines.slice(b, c), ...lines.slice(a, b), ...lines.slice(c)].join('\n');
}

describe('lsp: the model by difference', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  let lsp: LspClient;

  before(async () => {
    ws = makeWorkspace({ copy: ['samples'] });
    lsp = await startLsp({ folders: [ws.dir], initializationOptions: { modelDiff: true } });
  });
  after(() => {
    lsp?.kill();
    ws?.dispose();
  });

  it('sends the first model whole, then diffs that patch the copy into the full model, asking again after a missed version', async () => {
    const uri = ws.uri(SAMPLE);
    // The message (whole or diff) that carries a version's model.
    const messageFor = async (version: number): Promise<{ whole?: ModelResult; diff?: ModelDiffResult }> => {
      const find = () => ({
        whole: lsp.models.find((m) => m.uri === uri && m.version === version),
        diff: lsp.modelDiffs.find((m) => m.uri === uri && m.version === version),
      });
      await lsp.waitFor(`the model of v${version}`, () => find().whole !== undefined || find().diff !== undefined, 60_000);
      return find();
    };
    const full = async (): Promise<ModelResult> => (await lsp.request<ModelResult | null>('journeymap/model', { uri }))!;

    await lsp.open(uri);
    const first = await messageFor(1);
    assert.ok(first.whole?.model && !first.diff, 'the first model comes whole');
    let copy: { version: number; model: FileModel | null } = { version: 1, model: first.whole.model };
    let diffs = 0;
    let resyncs = 0;
    let bytesWhole = JSON.stringify(first.whole).length;

    const step = async (
      what: string,
      edit: (text: string) => string,
      opts: { miss?: boolean; expect: 'diff' | 'whole' },
    ): Promise<void> => {
      const version = await lsp.replaceText(uri, edit(lsp.text(uri)!));
      const got = await messageFor(version);
      assert.ok(
        opts.expect === 'diff' ? got.diff && !got.whole : got.whole && !got.diff,
        `${what}: expected the model ${opts.expect === 'diff' ? 'as a diff' : 'whole'}`,
      );
      if (opts.miss) return; // this client drops the message: its copy stays at the older version
      if (got.whole) copy = { version, model: got.whole.model };
      else {
        const d = got.diff!;
        diffs++;
        const patched = copy.version === d.base ? applyModelDiff(copy.model, d.diff) : null;
        if (patched) {
          copy = { version, model: patched };
          assert.ok(JSON.stringify(d).length < bytesWhole, `${what}: the diff is smaller than the whole model`);
        } else {
          // A missed version: the diff's base is not the copy's; the whole model is asked for.
          assert.notStrictEqual(copy.version, d.base, `${what}: a diff for the copy's version applies`);
          resyncs++;
          const answer = await full();
          copy = { version: answer.version, model: answer.model };
        }
      }
      if (copy.model) {
        const answer = await full();
        assert.strictEqual(answer.version, version);
        assert.deepStrictEqual(copy.model, answer.model, `${what}: the patched model equals the full model`);
        bytesWhole = JSON.stringify(answer).length;
      }
    };

    await step('an emotion edit', (t) => t.replace(/emotion: (-?\d)/, (_, v) => `emotion: ${Number(v) >= 2 ? 1 : Number(v) + 1}`), {
      expect: 'diff',
    });
    await step('a stage move', swapFirstStages, { expect: 'diff' });
    await step('a branch', (t) => t.replace(/next: \[[^\]]*\]/, 'next: []'), { expect: 'diff' });
    await step('a persona change', (t) => t.replace(/^personas: \[([^,\]]+)[^\]]*\]/m, 'personas: [$1]'), { expect: 'diff' });
    await step('a file that stops parsing', (t) => `${t}\noops: [unclosed\n`, { expect: 'whole' });
    assert.strictEqual(lsp.models[lsp.models.length - 1].model, null, 'a file that does not parse has no model');
    await step('the same file parsing again', (t) => t.replace('\noops: [unclosed\n', ''), { expect: 'whole' });
    await step(
      'an edit whose diff is missed',
      (t) => t.replace(/emotion: (-?\d)/, (_, v) => `emotion: ${Number(v) >= 2 ? 1 : Number(v) + 1}`),
      { expect: 'diff', miss: true },
    );
    await step(
      'the edit after it',
      (t) =>
        t.replace(/emotion: (-?\d)/g, (m, v, offset: number) =>
          offset > t.length / 2 && m ? `emotion: ${Number(v) <= -2 ? -1 : Number(v) - 1}` : m,
        ),
      { expect: 'diff' },
    );
    assert.ok(diffs >= 5, `diffs applied or resynced: ${diffs}`);
    assert.strictEqual(resyncs, 1, 'the diff after the missed one made the client ask for the whole model');
  });

  it('sends whole models to a client that did not ask for diffs', async () => {
    const plain = await startLsp({ folders: [ws.dir] });
    try {
      const uri = ws.uri('samples/cancel-subscription.journey.yaml');
      await plain.open(uri);
      await plain.model(uri, 1, 60_000);
      const v = await plain.replaceText(
        uri,
        plain.text(uri)!.replace(/emotion: (-?\d)/, (_, x) => `emotion: ${Number(x) >= 2 ? 1 : Number(x) + 1}`),
      );
      const m = await plain.model(uri, v, 60_000);
      assert.ok(m.model, 'the whole model');
      assert.strictEqual(plain.modelDiffs.length, 0);
    } finally {
      plain.kill();
    }
  });
});
