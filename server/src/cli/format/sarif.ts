// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Every rule of the table is
// listed in the driver; results point at files relative to %SRCROOT% (the working
// directory) with 1-based regions, and carry a fingerprint that survives moved lines.
import { createHash } from 'crypto';
import { RULE_NAMES, RULES, Severity } from '../../core/types';
import type { LintedFile } from '../lint';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/journeymap';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(files: LintedFile[], version: string): string {
  const rules = RULE_NAMES.map((name) => ({
    id: name,
    name: name.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: RULES[name].summary },
    defaultConfiguration: { level: LEVEL[RULES[name].severity] },
    helpUri: INFORMATION_URI,
  }));
  const results = files.flatMap((f) => {
    const lines = f.text.split(/\r\n|\r|\n/);
    // Same rule on the same text more than once in a file: number the repeats.
    const repeats = new Map<string, number>();
    return f.diagnostics.map((d) => {
      const lineText = (lines[d.range.start.line] ?? '').trim();
      const key = `${d.rule}\u0000${f.file}\u0000${lineText}`;
      const n = (repeats.get(key) ?? 0) + 1;
      repeats.set(key, n);
      return {
        ruleId: d.rule,
        ruleIndex: RULE_NAMES.indexOf(d.rule),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
        partialFingerprints: { 'journeymapLineHash/v1': `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}` },
      };
    });
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'journeymap', version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
