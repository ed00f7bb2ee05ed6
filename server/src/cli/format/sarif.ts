// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Every rule of the table is
// listed in the driver, with its summary as help and, when the user gives the URL where the
// docs are served (`--docs-url`, `docsUrl`), a link to its row in rules.md; nothing else
// links anywhere. Results point at files relative to %SRCROOT% (the working directory) with
// 1-based regions, carry the core's fixes that pass the fix check as SARIF fixes, and a fingerprint that survives
// moved lines.
import { createHash } from 'crypto';
import { Range, RULE_NAMES, RULES, Severity } from '../../core/types';
import { fixesOf } from '../fix';
import type { LintedFile } from '../lint';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** 1-based, as SARIF counts; an empty region is an insertion point. */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** `docsUrl` is the docs folder's URL, ending in `/`; each rule has an anchor of its name in rules.md. */
export function formatSarif(files: LintedFile[], version: string, docsUrl?: string): string {
  const rules = RULE_NAMES.map((name) => ({
    id: name,
    name: name.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: RULES[name].summary },
    help: { text: `${RULES[name].summary} See the rule \`${name}\` in the Journey Maps docs, rules.md.` },
    defaultConfiguration: { level: LEVEL[RULES[name].severity] },
    ...(docsUrl ? { helpUri: new URL(`rules.md#${name}`, docsUrl).href } : {}),
  }));
  const results = files.flatMap((f) => {
    const lines = f.text.split(/\r\n|\r|\n/);
    // Same rule on the same text more than once in a file: number the repeats.
    const repeats = new Map<string, number>();
    return f.diagnostics.map((d, i) => {
      const lineText = (lines[d.range.start.line] ?? '').trim();
      const key = `${d.rule}\u0000${f.file}\u0000${lineText}`;
      const n = (repeats.get(key) ?? 0) + 1;
      repeats.set(key, n);
      const artifactLocation = { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' };
      // Only the fixes that passed the fix check (what the editor would offer); none when unchecked.
      const held = f.heldFixes?.[i] ?? [];
      const fixes = fixesOf(d)
        .filter((_fix, k) => held.includes(k))
        .map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation,
              replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            },
          ],
        }));
      return {
        ruleId: d.rule,
        ruleIndex: RULE_NAMES.indexOf(d.rule),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: { artifactLocation, region: region(d.range) },
          },
        ],
        ...(fixes.length ? { fixes } : {}),
        partialFingerprints: { 'journeymapLineHash/v1': `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}` },
      };
    });
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'journeymap', version, semanticVersion: version, ...(docsUrl ? { informationUri: docsUrl } : {}), rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
