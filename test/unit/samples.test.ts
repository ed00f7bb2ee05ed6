// The samples are starters that teams copy: each must lint clean under every rule, show at
// least one friction hotspot, and keep the shape the README promises.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../../server/src/core/analyze';
import type { JourneyModel, PersonaModel } from '../../server/src/core/model';
import { parseFile } from '../../server/src/core/parse';
import { checkSchema } from '../../server/src/core/schema';
import { WorkspaceIndex } from '../../server/src/core/workspace';

const DIR = path.resolve(__dirname, '../../samples');
const files = readdirSync(DIR)
  .filter((f) => /\.(journey|persona)\.ya?ml$/.test(f))
  .sort();
const journeys = files.filter((f) => f.includes('.journey.'));
const personas = files.filter((f) => f.includes('.persona.'));
const uri = (f: string) => pathToFileURL(path.join(DIR, f)).toString();
const text = (f: string) => readFileSync(path.join(DIR, f), 'utf8');

function workspace(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const f of files) index.update(uri(f), text(f));
  return index;
}

describe('samples', () => {
  it('holds at least six journeys, one per common type, and three personas', () => {
    assert.ok(journeys.length >= 6, journeys.join());
    assert.ok(personas.length >= 3, personas.join());
    const types = journeys.map((f) => /^type:\s*(\S+)/m.exec(text(f))?.[1]);
    for (const t of ['shop-learn-buy', 'onboard', 'pay', 'get-help', 'change', 'leave']) assert.ok(types.includes(t), `no ${t} sample`);
  });

  for (const f of files) {
    it(`${f} has no schema error`, () => {
      const ds = checkSchema(parseFile(uri(f), text(f)));
      assert.deepEqual(
        ds.map((d) => `${d.range.start.line + 1}: ${d.message}`),
        [],
      );
    });
  }

  for (const f of files) {
    it(`${f} lints with no error and no warning against the whole samples workspace`, () => {
      const r = analyzeText(uri(f), text(f), workspace());
      const loud = r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(
        loud.map((d) => `${d.rule} ${d.range.start.line + 1}: ${d.message}`),
        [],
      );
      assert.ok(r.model, 'a model is built');
    });
  }

  for (const f of journeys) {
    it(`${f} is a realistic starter with at least one friction hotspot (an as-is one)`, () => {
      const r = analyzeText(uri(f), text(f), workspace());
      const m = r.model as JourneyModel;
      assert.equal(m.kind, 'journey');
      assert.ok(m.stages.length >= 4 && m.stages.length <= 6, `${m.stages.length} stages`);
      assert.ok(m.touchpoints.length >= 8 && m.touchpoints.length <= 16, `${m.touchpoints.length} touchpoints`);
      // An as-is starter shows a hotspot; a to-be one may have cleared them all (its gain is the point).
      if (m.variant !== 'to-be') assert.ok(m.hotspots.length >= 1, 'no hotspot');
      assert.ok(m.hotspots.every((h) => h.friction >= 0.6));
      assert.equal(r.diagnostics.filter((d) => d.rule === 'friction-hotspot').length, m.hotspots.length);
      // Two or more persona curves, each defined by a persona file.
      assert.ok(m.personas.length >= 2 && m.personas.every((p) => p.defined), JSON.stringify(m.personas));
      // An emotion for every persona who passes a touchpoint: most are shared by both personas;
      // a touchpoint one persona never sees (an entry or branch of its own) leaves the other out.
      assert.ok(
        m.touchpoints.every((t) => Object.keys(t.emotionByPersona).length >= 1),
        'an emotion at every touchpoint',
      );
      assert.ok(
        m.touchpoints.filter((t) => Object.keys(t.emotionByPersona).length >= 2).length * 2 > m.touchpoints.length,
        'both personas at most touchpoints',
      );
      for (const p of m.personas)
        assert.ok(m.touchpoints.filter((t) => t.emotionByPersona[p.id] !== undefined).length >= 5, `a curve for ${p.id}`);
      // Every touchpoint names its owner; money has a currency and a period.
      assert.ok(
        m.touchpoints.every((t) => t.owner),
        `touchpoints without an owner: ${m.touchpoints
          .filter((t) => !t.owner)
          .map((t) => t.id)
          .join(', ')}`,
      );
      // A declared channel in use, beside several built-in ones.
      const used = new Set(m.touchpoints.map((t) => t.channel));
      assert.ok(
        m.channels.some((c) => used.has(c.id)),
        'a declared channel is used',
      );
      assert.ok(used.size >= 4, `${used.size} channels`);
      // The CX substance the README promises.
      assert.ok(
        m.touchpoints.some((t) => t.momentOfTruth !== false),
        'a moment of truth',
      );
      assert.ok(
        m.touchpoints.some((t) => t.painPoints.some((p) => p.evidence && p.severity !== 'medium')),
        'pain points with severity and evidence',
      );
      assert.ok(
        m.touchpoints.some((t) => t.opportunities.some((o) => o.owner)),
        'an opportunity with an owner',
      );
      assert.ok(
        m.touchpoints.some((t) => t.backstage.some((b) => b.owner && b.system)),
        'backstage with owner and system',
      );
      assert.ok(
        m.touchpoints.some((t) => t.metrics.csat !== undefined || t.metrics.nps !== undefined || t.metrics.ces !== undefined),
        'survey metrics',
      );
      assert.ok(m.metrics.completion_rate !== undefined && m.metrics.period && m.metrics.source, 'journey metrics');
      assert.ok(m.metrics.value_per_customer !== undefined, 'value per customer');
    });
  }

  it('one sample branches with `next`', () => {
    const branching = journeys.filter((f) => {
      const m = analyzeText(uri(f), text(f), workspace()).model as JourneyModel;
      return m.touchpoints.some((t) => t.explicitNext && t.next.length > 1);
    });
    assert.ok(branching.length >= 1);
  });

  for (const f of personas) {
    it(`${f} fills in the persona card`, () => {
      const m = analyzeText(uri(f), text(f), workspace()).model as PersonaModel;
      assert.equal(m.kind, 'persona');
      for (const k of ['name', 'role', 'segment', 'quote', 'color'] as const) assert.ok(m[k], k);
      assert.ok(m.share !== undefined && m.share > 0 && m.share <= 1);
      for (const k of ['goals', 'frustrations', 'needs', 'channels', 'jobs'] as const) assert.ok(m[k].length > 0, k);
      assert.ok(Object.keys(m.metrics).length > 0, 'metrics');
      assert.ok(m.usedBy.length >= 1, 'used by a sample journey');
    });
  }

  it('the README names every sample', () => {
    const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
    for (const f of files) assert.ok(readme.includes(`\`${f}\``), f);
  });
});
