// The samples are grounded in public figures: samples/README.md gives each journey a section
// that says where a CX lead starts and cites at least one public figure with its link, and
// each journey states the currency and period of its money and what its value per customer is.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const DIR = path.resolve(__dirname, '../../samples');
const README = readFileSync(path.join(DIR, 'README.md'), 'utf8');
const journeys = readdirSync(DIR)
  .filter((f) => /\.journey\.ya?ml$/.test(f))
  .sort();

/** The README's section for one file: from its `### \`file\`` heading to the next heading. */
function section(file: string): string {
  const heading = `### \`${file}\``;
  const start = README.indexOf(heading);
  if (start < 0) return '';
  const rest = README.slice(start + heading.length);
  const end = rest.search(/^#{2,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** List items of the section's "Public figures:" list, each joined into one line. */
function publicFigures(text: string): string[] {
  const i = text.indexOf('Public figures:');
  if (i < 0) return [];
  return text
    .slice(i)
    .split(/\n(?=- )/)
    .slice(1)
    .map((item) => item.replace(/\s*\n\s*/g, ' ').trim());
}

const LINK = /\]\((https?:\/\/[^\s)]+)\)/;

describe('samples/README.md and public figures', () => {
  it('has a section for every journey', () => {
    assert.ok(journeys.length >= 6);
    for (const f of journeys) assert.ok(section(f).length > 0, `no section "### \`${f}\`"`);
  });

  for (const f of journeys) {
    it(`${f}: the README cites at least one public figure with an http(s) link`, () => {
      const items = publicFigures(section(f));
      assert.ok(items.length >= 1, 'no "Public figures:" list');
      const cited = items.filter((item) => LINK.test(item) && /\d/.test(item.replace(LINK, '')));
      assert.ok(cited.length >= 1, `no item with a figure and a link: ${JSON.stringify(items)}`);
      for (const item of items) assert.match(item, LINK, `an item without a link: ${item}`);
    });

    it(`${f}: the README names its #1 hotspot and why a CX lead starts there (a to-be journey: its gain)`, () => {
      const text = section(f);
      const j = parse(readFileSync(path.join(DIR, f), 'utf8'));
      if (j.variant === 'to-be') {
        assert.match(text, new RegExp(`\\*\\*The gain against \`${j.baseline}\`\\.\\*\\*`));
        assert.match(text, /less at risk per\s+\d{4}/, 'the gain with its period');
        return;
      }
      assert.match(text, /\*\*#1: "[^"]+"\*\*, friction \d\.\d\d/);
      assert.match(text, /at risk per\s+\d{4}/, 'the #1 figure with its period');
    });

    it(`${f}: has a currency, a period, and a source that says what value_per_customer is`, () => {
      const j = parse(readFileSync(path.join(DIR, f), 'utf8'));
      assert.match(String(j.currency), /^[A-Z]{3}$/);
      assert.equal(typeof j.metrics?.period, 'string');
      assert.ok(j.metrics.period.length > 0);
      assert.equal(typeof j.metrics.value_per_customer, 'number');
      assert.match(String(j.metrics.source), /value_per_customer is /);
    });

    it(`${f}: every given revenue_at_risk says how it was derived`, () => {
      const j = parse(readFileSync(path.join(DIR, f), 'utf8'));
      const given = j.stages
        .flatMap((s: { touchpoints?: { id: string; metrics?: Record<string, unknown> }[] }) => s.touchpoints ?? [])
        .filter((t: { metrics?: Record<string, unknown> }) => t.metrics?.revenue_at_risk !== undefined);
      if (j.type === 'leave') assert.ok(given.length >= 1, 'a leave journey shows money only through given figures');
      for (const t of given) assert.match(String(t.metrics.source), /\d[\d,.]* x /, `${t.id}: no derivation in source`);
    });
  }
});
