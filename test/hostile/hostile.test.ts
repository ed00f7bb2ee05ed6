// Hostile files. Each is analysed in a fresh child process with a time limit (child.ts), so a
// fatal crash (stack overflow, out of memory) or a hang fails its test instead of killing the
// runner; each must give a clear, located diagnostic and leave every prototype untouched. Then
// the real server (dist/server.js over stdio) indexes a workspace holding all of them, opens
// each, and keeps answering completions on another document until the file's diagnostics are
// published (how fast is measured by the benchmark, not asserted here).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, makeWorkspace, startLsp, TempWorkspace } from '../lsp/client';
import { HOSTILE, writeHostile } from './files';
import { CHILD_LIMIT_MS, ChildReport, ROOT, runChild } from './run';

type Expect = (r: ChildReport) => void;

const at = (r: ChildReport, rule: string, message: RegExp) => {
  const d = r.diagnostics.find((x) => x.rule === rule && message.test(x.message));
  assert.ok(d, `expected ${rule} ${message}; got ${JSON.stringify(r.diagnostics.slice(0, 5), null, 1)}`);
  return d;
};
const pos = (d: ChildReport['diagnostics'][number]) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

const EXPECT: Record<string, Expect> = {
  'alias-bomb.journey.yaml': (r) => assert.strictEqual(pos(at(r, 'schema', /aliases expand too far/)), '3:9-3:12'),
  'self-alias.journey.yaml': (r) => {
    // The alias inside its own anchor is a list holding itself: reported as the wrong type, once.
    assert.strictEqual(pos(at(r, 'schema', /^`title` must be text, not a list\.$/)), '1:10-1:16');
  },
  'deep.journey.yaml': (r) => {
    assert.strictEqual(r.count, 1);
    const d = at(r, 'yaml-syntax', /^Nesting deeper than 256 levels: the file is not parsed/);
    // The 257th bracket of the flow value (after `flow: ` and 256 brackets).
    assert.strictEqual(pos(d), '2:262-2:263');
  },
  'twenty-mb.journey.yaml': (r) => {
    assert.strictEqual(r.count, 1);
    assert.strictEqual(pos(at(r, 'yaml-syntax', /^File too large to analyse: 20\.0 MB; Journey Maps reads files up to 2 MB/)), '0:0-0:25');
  },
  'long-line.journey.yaml': (r) => {
    const d = at(r, 'unknown-channel', /^Unknown channel "x+ … x+/);
    assert.strictEqual(pos(d), '6:17-6:100017', 'the whole value, exactly');
    assert.ok(d.messageLength <= 500, `a short message (${d.messageLength} characters)`);
  },
  'nul.journey.yaml': (r) => {
    const d = at(r, 'schema', /^`journey`: `nul\\u0000bytes` is not a kebab-case id .*did you mean `nul-bytes`\?$/);
    assert.strictEqual(pos(d), '0:9-0:18');
  },
  'invalid-utf8.journey.yaml': (r) => {
    assert.strictEqual(pos(at(r, 'schema', /^`journey`: `caf\uFFFD\(\uFFFD` is not a kebab-case id/)), '0:9-0:15');
    assert.strictEqual(pos(at(r, 'schema', /^Unknown key `st\uFFFDages` in the journey: did you mean `stages`\?$/)), '2:0-2:7');
  },
  'utf16.journey.yaml': (r) => {
    assert.ok(
      r.diagnostics.some((d) => d.severity === 'error' && d.range.start.line === 0),
      JSON.stringify(r.diagnostics),
    );
    assert.strictEqual(r.model, null);
  },
  'proto.journey.yaml': (r) => {
    assert.strictEqual(pos(at(r, 'schema', /^Unknown key `__proto__` in the journey\./)), '2:0-2:9');
    assert.strictEqual(pos(at(r, 'schema', /^Unknown key `constructor` in the journey\./)), '3:0-3:11');
    assert.strictEqual(pos(at(r, 'unknown-persona', /^No persona file defines "constructor"/)), '4:22-4:33');
    assert.strictEqual(r.model, 'journey');
  },
  'proto.persona.yaml': (r) => {
    assert.strictEqual(pos(at(r, 'schema', /^Unknown key `__proto__` in the persona\./)), '2:0-2:9');
    assert.strictEqual(r.model, 'persona');
  },
  'tags.journey.yaml': (r) => {
    assert.strictEqual(pos(at(r, 'yaml-syntax', /^Unresolved tag: tag:yaml\.org,2002:js\/function$/)), '0:9-0:22');
    assert.strictEqual(pos(at(r, 'yaml-syntax', /^Unresolved tag: tag:yaml\.org,2002:js\/regexp$/)), '1:7-1:18');
    assert.strictEqual(pos(at(r, 'yaml-syntax', /^Unresolved tag: tag:yaml\.org,2002:python\/object\/apply:os\.system$/)), '2:13-2:44');
    assert.ok(!fs.existsSync('/tmp/jm-pwned'), 'nothing ran');
  },
  'keys.journey.yaml': (r) => {
    assert.strictEqual(r.count, 201, '200 schema diagnostics and one that counts the rest');
    assert.strictEqual(pos(at(r, 'schema', /^Unknown key `k0` in the journey\./)), '2:0-2:2');
  },
};

describe('hostile files', function () {
  this.timeout(CHILD_LIMIT_MS + 30_000);
  let files: ReturnType<typeof writeHostile>;
  before(() => {
    files = writeHostile();
  });
  after(() => files?.dispose());

  it('has an expectation for every hostile file', () => {
    assert.deepStrictEqual(Object.keys(EXPECT).sort(), HOSTILE.map((f) => f.name).sort());
  });

  for (const f of HOSTILE) {
    it(`${f.title}: a clear diagnostic, no crash, no prototype touched (fresh process)`, async () => {
      const r = await runChild(files.path(f.name));
      assert.ok(r.count >= 1, 'at least one diagnostic');
      for (const d of r.diagnostics)
        assert.ok(
          d.messageLength <= 500 && !/(?<!js\/)\bundefined\b|\[object Object\]|\bNaN\b/.test(d.message),
          `unclear message: ${d.message}`,
        );
      assert.strictEqual(r.polluted, false, 'Object, Array, Function, String and Number prototypes unchanged');
      assert.deepStrictEqual(r.newGlobals, [], 'no global was created');
      assert.strictEqual(r.modelJsonSafe, true, 'the model is plain data: nothing inherited, nothing JSON would drop');
      EXPECT[f.name](r);
    });
  }

  describe('the server', function () {
    this.timeout(180_000);
    let ws: TempWorkspace;
    let lsp: LspClient;
    const other = 'other.journey.yaml';

    before(async () => {
      ws = makeWorkspace({ copy: ['samples'] });
      fs.mkdirSync(ws.path('hostile'));
      for (const f of HOSTILE) fs.writeFileSync(ws.path(`hostile/${f.name}`), f.bytes);
      ws.write(
        other,
        fs
          .readFileSync(path.join(ROOT, 'samples/buy-phone-online.journey.yaml'), 'utf8')
          .replace(/^journey: .*$/m, 'journey: other-journey'),
      );
      lsp = await startLsp({ folders: [ws.dir] });
    });
    after(() => {
      lsp?.kill();
      ws?.dispose();
    });

    it('indexes a workspace holding every hostile file and stays up', async () => {
      assert.strictEqual(lsp.child.exitCode, null);
      await lsp.open(ws.uri(other));
      const diags = await lsp.diagnostics(ws.uri(other), 1, 60_000);
      assert.deepStrictEqual(
        diags.filter((d) => d.severity === 1),
        [],
        'the sample still checks clean',
      );
    });

    for (const f of HOSTILE) {
      it(`${f.title}: publishes its diagnostics and keeps answering completions on another document meanwhile`, async () => {
        // Waits for events only: completions are asked one after another until this file's
        // diagnostics are published. How fast they come back is the benchmark's to measure.
        const uri = ws.uri(`hostile/${f.name}`);
        const text = f.bytes.toString('utf8');
        const probe = { textDocument: { uri: ws.uri(other) }, position: { line: 5, character: 6 } };
        const before = lsp.publicationsFor(uri).length;
        await lsp.open(uri, text);
        let done = false;
        // This opening's diagnostics (version 1), not the empty ones a close publishes.
        const mine = () =>
          lsp
            .publicationsFor(uri)
            .slice(before)
            .find((p) => p.version === 1);
        const published = lsp.waitFor(`diagnostics of ${f.name}`, () => mine() !== undefined, 60_000).then(() => ((done = true), mine()!));
        let answered = 0;
        while (!done || answered < 3) {
          const answer = await lsp.request<{ items: unknown[] } | null>('textDocument/completion', probe);
          assert.ok(answer && answer.items.length > 0, 'a real completion list');
          answered++;
        }
        const p = await published;
        assert.ok(p.diagnostics.length >= 1, 'a diagnostic for the hostile file');
        assert.strictEqual(lsp.child.exitCode, null, 'the server is still running');
        await lsp.close(uri);
      });
    }

    it('is still the same process and shuts down cleanly', async () => {
      assert.strictEqual(lsp.child.exitCode, null);
      assert.strictEqual(await lsp.shutdown(), 0);
    });
  });
});
