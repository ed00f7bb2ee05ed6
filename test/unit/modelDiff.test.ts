// The model by difference (server/src/modelDiff.ts): after random edit sequences (stage moves,
// branch changes, persona changes, emotions, lines added above, touchpoints added and removed, a
// file that stops parsing and parses again, missed versions) the model a client patches from
// the diffs equals the model the core computes for the same text.
import { strict as assert } from 'node:assert';
import { journeyText, personaText } from '../../bench/generate';
import { analyzeParsed, analyzeText } from '../../server/src/core/analyze';
import { reparseFile } from '../../server/src/core/incremental';
import { parseFile, ParsedFile } from '../../server/src/core/parse';
import type { FileModel, JourneyModel } from '../../server/src/core/model';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { applyModelDiff, DiffSender, diffModels, sameJson } from '../../server/src/modelDiff';
import { modelResult } from '../../server/src/lsp/convert';
import type { ModelDiffResult, ModelResult } from '../../server/src/protocol';
import { patchShown } from '../../webview/src/applyDiff';

const URI = 'file:///ws/big.journey.yaml';
const PERSONAS = ['first-time-buyer', 'loyal-upgrader', 'busy-parent'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** What goes over the wire: JSON. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

type Edit = { name: string; apply: (lines: string[], r: () => number) => string[] | null };

const pick = <T>(xs: T[], r: () => number): T => xs[Math.floor(r() * xs.length)];
const indexesOf = (lines: string[], re: RegExp): number[] => lines.flatMap((l, i) => (re.test(l) ? [i] : []));

/** The stage blocks of the generated journey: [start, end) line ranges. */
function stageBlocks(lines: string[]): [number, number][] {
  const starts = indexesOf(lines, /^ {2}- id: stage-/);
  return starts.map((s, i) => [
    s,
    i + 1 < starts.length
      ? starts[i + 1]
      : lines.findIndex((l, j) => j > s && /^\S/.test(l)) === -1
        ? lines.length
        : lines.findIndex((l, j) => j > s && /^\S/.test(l)),
  ]);
}

const EDITS: Edit[] = [
  {
    name: 'emotion',
    apply: (lines, r) => {
      const at = pick(indexesOf(lines, /^ {8}emotion: -?\d/), r);
      if (at === undefined) return null;
      return lines.map((l, i) => (i === at ? `        emotion: ${Math.floor(r() * 5) - 2}` : l));
    },
  },
  {
    name: 'stage move',
    apply: (lines, r) => {
      const blocks = stageBlocks(lines);
      if (blocks.length < 2) return null;
      const a = Math.floor(r() * blocks.length);
      let b = Math.floor(r() * blocks.length);
      if (b === a) b = (a + 1) % blocks.length;
      const [x, y] = a < b ? [blocks[a], blocks[b]] : [blocks[b], blocks[a]];
      return [
        ...lines.slice(0, x[0]),
        ...lines.slice(y[0], y[1]),
        ...lines.slice(x[1], y[0]),
        ...lines.slice(x[0], x[1]),
        ...lines.slice(y[1]),
      ];
    },
  },
  {
    name: 'branch',
    apply: (lines, r) => {
      const nexts = indexesOf(lines, /^ {8}next: /);
      if (nexts.length && r() < 0.4) {
        const at = pick(nexts, r);
        return lines.filter((_, i) => i !== at);
      }
      const ids = lines.flatMap((l) => /^ {6}- id: (t\d+)$/.exec(l)?.[1] ?? []);
      const at = pick(indexesOf(lines, /^ {6}- id: t\d+$/), r);
      if (at === undefined || lines[at + 1]?.startsWith('        next:')) return null;
      const targets = [pick(ids, r), ...(r() < 0.5 ? [pick(ids, r)] : [])];
      return [...lines.slice(0, at + 1), `        next: [${[...new Set(targets)].join(', ')}]`, ...lines.slice(at + 1)];
    },
  },
  {
    name: 'personas',
    apply: (lines, r) => {
      const chosen = PERSONAS.filter(() => r() < 0.6);
      const list = chosen.length ? chosen : [pick(PERSONAS, r)];
      return lines.map((l) => (l.startsWith('personas:') ? `personas: [${list.join(', ')}]` : l));
    },
  },
  {
    name: 'line above',
    apply: (lines, r) => {
      const at = 1 + Math.floor(r() * 6);
      return [...lines.slice(0, at), `# note ${Math.floor(r() * 1000)}`, ...lines.slice(at)];
    },
  },
  {
    name: 'remove touchpoint',
    apply: (lines, r) => {
      const starts = indexesOf(lines, /^ {6}- id: t\d+$/);
      if (starts.length < 3) return null;
      const k = Math.floor(r() * starts.length);
      const s = starts[k];
      let e = s + 1;
      while (e < lines.length && /^ {8}\S/.test(lines[e])) e++;
      // A stage keeps at least one touchpoint.
      if (!/^ {6}- id:/.test(lines[e] ?? '') && !/^ {6}- id:/.test(lines[s - 1] ?? '') && !/^ {8}/.test(lines[s - 1] ?? '')) return null;
      return [...lines.slice(0, s), ...lines.slice(e)];
    },
  },
  {
    name: 'add touchpoint',
    apply: (lines, r) => {
      const at = pick(indexesOf(lines, /^ {6}- id: t\d+$/), r);
      if (at === undefined) return null;
      const id = `n${Math.floor(r() * 1e6)}`;
      return [
        ...lines.slice(0, at),
        `      - id: ${id}`,
        `        name: New step ${id}`,
        '        channel: web',
        `        emotion: ${Math.floor(r() * 5) - 2}`,
        ...lines.slice(at),
      ];
    },
  },
  {
    name: 'metrics',
    apply: (lines, r) => {
      const at = pick(indexesOf(lines, /^ {8}metrics: \{ volume/), r);
      if (at === undefined) return null;
      return lines.map((l, i) => (i === at ? l.replace(/conversion: [\d.]+/, `conversion: ${(0.5 + r() * 0.49).toFixed(2)}`) : l));
    },
  },
];

describe('the model by difference', () => {
  const index = new WorkspaceIndex();
  for (const p of PERSONAS) index.update(`file:///ws/${p}.persona.yaml`, personaText(p));

  const analyse = (text: string): ModelResult => wire(modelResult(URI, 0, analyzeText(URI, text, index)));

  it('a diff of a model against itself changes nothing, and applying it gives an equal model', () => {
    const m = analyse(journeyText('big', 40).text).model!;
    const d = diffModels(m, wire(m))!;
    assert.deepEqual(d, { touchpoints: { length: 40, set: [] }, stages: { length: 4, set: [] }, fields: {}, removed: [] });
    assert.deepEqual(applyModelDiff(m, d), m);
  });

  it('sends an emotion edit as the one touchpoint it changed plus the journey-wide fields that moved', () => {
    const text = journeyText('big', 40).text;
    const before = analyse(text).model!;
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('        emotion:'));
    lines[at] = '        emotion: 2';
    const after = analyse(lines.join('\n')).model!;
    const d = diffModels(before, after)!;
    assert.deepEqual(
      d.touchpoints.set.map(([i]) => i),
      [0],
    );
    assert.equal(d.stages.set.length, 0);
    assert.ok(JSON.stringify(d).length < JSON.stringify(after).length / 10, 'the diff is a small part of the model');
    assert.deepEqual(applyModelDiff(before, wire(d)), after);
  });

  it('refuses a diff that does not fit: not a journey, holes, indexes out of range', () => {
    const m = analyse(journeyText('big', 20).text).model as JourneyModel;
    assert.equal(
      applyModelDiff(null, { touchpoints: { length: 0, set: [] }, stages: { length: 0, set: [] }, fields: {}, removed: [] }),
      null,
    );
    assert.equal(
      applyModelDiff(m, { touchpoints: { length: 25, set: [] }, stages: { length: 2, set: [] }, fields: {}, removed: [] }),
      null,
    );
    assert.equal(
      applyModelDiff(m, {
        touchpoints: { length: 20, set: [[20, m.touchpoints[0] as never]] },
        stages: { length: 2, set: [] },
        fields: {},
        removed: [],
      }),
      null,
    );
    assert.equal(applyModelDiff(m, { touchpoints: 'x', stages: { length: 2, set: [] }, fields: {}, removed: [] } as never), null);
    assert.equal(diffModels(m, null), null);
    assert.equal(diffModels(m, { ...m, uri: 'file:///other.journey.yaml' }), null);
  });

  // `fresh`: each version analysed from scratch. `incremental`: as the server does it, each
  // version re-parsed from the last (incremental.ts) and analysed with the work remembered per
  // node, so unchanged touchpoints keep their model objects and the diff sees them by identity.
  for (const [seed, mode] of [
    [1, 'fresh'],
    [2, 'fresh'],
    [3, 'fresh'],
    [4, 'incremental'],
    [5, 'incremental'],
    [6, 'incremental'],
    [7, 'incremental'],
  ] as const) {
    it(`after a random edit sequence (seed ${seed}, ${mode} analysis) the model applied by difference equals the full model`, () => {
      const r = rng(seed);
      let lines = journeyText('big', 40, ['first-time-buyer', 'loyal-upgrader']).text.split('\n');
      const sender = new DiffSender();
      // The client (extension) and the map each hold a copy; a missed message leaves one behind.
      let client: { version: number; model: FileModel | null } | null = null;
      let map: { version: number; model: FileModel | null } | null = null;
      const seen = { diffs: 0, full: 0, missed: 0, resynced: 0, broken: 0, kinds: new Set<string>() };
      let broken = false;
      let parsed: ParsedFile | undefined;
      for (let version = 1; version <= 60; version++) {
        // Every seventh step breaks the file, the next one mends it.
        if (broken) {
          lines = lines.filter((l) => l !== 'oops: [unclosed');
          broken = false;
        } else if (version % 7 === 0) {
          lines = [...lines, 'oops: [unclosed'];
          broken = true;
          seen.broken++;
        } else {
          const edit = pick(EDITS, r);
          const next = edit.apply(lines, r);
          if (next) {
            lines = next;
            seen.kinds.add(edit.name);
          }
        }
        const text = lines.join('\n');
        const full = { ...analyse(text), version };
        assert.equal(full.model === null, broken, `v${version}: the broken file has no model, the mended one has`);
        let sent: ModelResult = full;
        if (mode === 'incremental') {
          parsed = parsed ? reparseFile(parsed, text) : parseFile(URI, text);
          sent = modelResult(URI, version, analyzeParsed(parsed, index));
        }
        const message = wire(sender.message(sent));
        const missed = version > 2 && r() < 0.1;
        if (missed) {
          seen.missed++;
          continue;
        }
        if (!message.diff) {
          seen.full++;
          client = { version, model: message.params.model };
          map = { version, model: message.params.model };
        } else {
          seen.diffs++;
          const d = message.params as ModelDiffResult;
          // The extension: patch its copy, or (a missed version) ask for the whole model.
          const patched: FileModel | null = client && client.version === d.base ? applyModelDiff(client.model, d.diff) : null;
          if (patched) client = { version, model: patched };
          else {
            seen.resynced++;
            client = { version, model: full.model };
          }
          // The map: the same, through its own entry point (the host posts it the diff only when it holds the base).
          const shown: ModelResult | null = map ? patchShown(map.model, map.version, d) : null;
          map = shown ? { version, model: shown.model } : { version, model: full.model };
        }
        if (full.model) {
          assert.ok(sameJson(client!.model, full.model), `v${version}: the extension's copy differs from the full model`);
          assert.deepEqual(client!.model, full.model, `v${version}: the extension's copy`);
          assert.deepEqual(map!.model, full.model, `v${version}: the map's copy`);
        }
      }
      assert.ok(
        seen.diffs > 20 && seen.full >= seen.broken && seen.missed > 0 && seen.resynced > 0,
        JSON.stringify({ ...seen, kinds: [...seen.kinds] }),
      );
      assert.ok(seen.kinds.size >= 5, `edits of several kinds: ${[...seen.kinds]}`);
    });
  }
});
