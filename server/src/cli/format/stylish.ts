// `--format stylish`: eslint's human format. Files with problems, one aligned line per
// diagnostic (1-based line:col), then one summary line. Colour only for a terminal.
import type { Severity } from '../../core/types';
import type { LintedFile } from '../lint';

export interface StylishOptions {
  color: boolean;
}

const SEVERITY_COLOR: Record<Severity, number> = { error: 31, warning: 33, info: 34, hint: 90 };

export function formatStylish(files: LintedFile[], { color }: StylishOptions): string {
  const paint = (code: number, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let out = '';
  for (const f of files) {
    if (f.diagnostics.length === 0) continue;
    const rows = f.diagnostics.map((d) => {
      counts[d.severity]++;
      return [`${d.range.start.line + 1}:${d.range.start.character + 1}`, d.severity, d.message.replace(/\s*\n\s*/g, ' '), d.rule];
    });
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
    out += `\n${paint(4, f.file)}\n`;
    for (const [i, [where, severity, message, rule]] of rows.entries()) {
      out +=
        `  ${paint(2, where.padEnd(widths[0]))}  ${paint(SEVERITY_COLOR[f.diagnostics[i].severity], severity.padEnd(widths[1]))}` +
        `  ${message.padEnd(widths[2])}  ${paint(2, rule)}\n`;
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return out;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'info')];
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
  const summary = `\u2716 ${plural(total, 'problem')} (${parts.join(', ')})`;
  out += `\n${paint(1, paint(counts.error > 0 ? 31 : 33, summary))}\n`;
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
