// The user documentation (README.md and docs/) stays true to the repository: its links
// resolve, it points at nothing outside the repository, every rule of the core has a row
// with its real default severity, and every key of the two JSON Schemas has an entry.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULE_NAMES, RULES } from '../../server/src/core/types';

const REPO = path.resolve(__dirname, '../..');
const DOCS = path.join(REPO, 'docs');

/** Every markdown file under docs/ (recursively), plus the project README. */
function docFiles(): string[] {
  const out: string[] = [path.join(REPO, 'README.md')];
  const visit = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.name.endsWith('.md')) out.push(full);
    }
  };
  visit(DOCS);
  return out;
}

const read = (file: string): string => fs.readFileSync(file, 'utf8');
const rel = (file: string): string => path.relative(REPO, file).split(path.sep).join('/');

/** The text without fenced code blocks (links and headings there are not markdown). */
function withoutFences(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
}

/** Link targets of `[text](target)` and `[ref]: target`, outside code. */
function linkTargets(text: string): string[] {
  const prose = withoutFences(text).replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) targets.push(m[1]);
  return targets;
}

/** GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens, repeats numbered) and `<a id>`s. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>([...withoutFences(markdown).matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  const seen = new Map<string, number>();
  for (const m of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every key named in a `properties` map anywhere in a JSON Schema (definitions included). */
function schemaKeys(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const s of schema) schemaKeys(s, out);
  } else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
      if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
        for (const key of Object.keys(v)) out.add(key);
      }
      // Examples and snippets are values, not keys of the format.
      if (k === 'examples' || k === 'defaultSnippets' || k === 'default') continue;
      schemaKeys(v, out);
    }
  }
  return out;
}

/** The first cells of every table row in a markdown text: `| \`key\` | ... |` gives key. */
function tableKeys(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of withoutFences(markdown).matchAll(/^\|\s*`([^`]+)`\s*\|/gm)) out.add(m[1]);
  return out;
}

describe('docs', () => {
  const files = docFiles();

  it('has docs/README.md as the index, linking every page of docs/', () => {
    const index = path.join(DOCS, 'README.md');
    assert.ok(fs.existsSync(index), 'docs/README.md is missing');
    const linked = new Set(linkTargets(read(index)).map((t) => path.resolve(DOCS, decodeURI(t.split('#')[0]))));
    const pages = files.filter((f) => f.startsWith(DOCS + path.sep) && f !== index);
    assert.ok(pages.length > 0, 'docs/ has no pages besides its index');
    const missing = pages.filter((p) => !linked.has(p)).map(rel);
    assert.deepStrictEqual(missing, [], 'pages the index does not link');
  });

  it('every relative link in README.md and docs/ resolves to a file or folder of the repository (and a heading, for #anchors)', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const target of linkTargets(read(file))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // https:, mailto:
        checked++;
        const [p, fragment] = target.split('#', 2) as [string, string | undefined];
        const resolved = p === '' ? file : path.resolve(path.dirname(file), decodeURI(p));
        const where = `${rel(file)}: (${target})`;
        if (resolved !== REPO && !resolved.startsWith(REPO + path.sep)) {
          broken.push(`${where} leaves the repository`);
          continue;
        }
        if (!fs.existsSync(resolved)) {
          broken.push(`${where} names no file`);
          continue;
        }
        if (fragment && resolved.endsWith('.md') && !anchors(read(resolved)).has(decodeURI(fragment))) {
          broken.push(`${where} names no heading of ${rel(resolved)}`);
        }
      }
    }
    assert.ok(checked > 10, `only ${checked} relative links found: is the link reader broken?`);
    assert.deepStrictEqual(broken, []);
  });

  it('points at nothing outside the repository (no shared/, no journey-format.md)', () => {
    const hits: string[] = [];
    for (const file of files) {
      read(file)
        .split('\n')
        .forEach((line, i) => {
          if (/shared\//i.test(line) || /journey-format\.md/i.test(line)) hits.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepStrictEqual(hits, []);
  });

  it('lists every rule of the core with its default severity and an anchor of its name', () => {
    const rules = read(path.join(DOCS, 'rules.md'));
    const problems: string[] = [];
    for (const name of RULE_NAMES) {
      const row = new RegExp(`^\\|\\s*(<a id="${name}"></a>)?\`${name}\`\\s*\\|\\s*([a-z]+)\\s*\\|`, 'm').exec(withoutFences(rules));
      if (!row) problems.push(`${name}: no row in docs/rules.md`);
      else if (!row[1]) problems.push(`${name}: its row has no <a id="${name}"></a>, the anchor SARIF's helpUri points at`);
      else if (row[2] !== RULES[name].severity) problems.push(`${name}: docs say ${row[2]}, the core says ${RULES[name].severity}`);
    }
    assert.deepStrictEqual(problems, []);
  });

  it('documents every key of the journey and persona schemas', () => {
    const documented = tableKeys(read(path.join(DOCS, 'format.md')));
    // Keys each walk must find (a guard against a walk that reads nothing and passes).
    const expected: Record<string, string[]> = {
      'journey.schema.json': ['journey', 'stages', 'touchpoints', 'pain_points', 'severity', 'system', 'link', 'drop_off'],
      'persona.schema.json': ['persona', 'share', 'so_that', 'csat'],
    };
    for (const [schema, sure] of Object.entries(expected)) {
      const keys = schemaKeys(JSON.parse(read(path.join(REPO, 'schemas', schema))));
      for (const k of sure) assert.ok(keys.has(k), `${schema}: the walk missed ${k}`);
      const missing = [...keys].filter((k) => !documented.has(k)).sort();
      assert.deepStrictEqual(missing, [], `${schema}: keys without an entry (a table row) in docs/format.md`);
    }
  });
});
