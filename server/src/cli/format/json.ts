// `--format json`: one array, exactly the spec's shape. Keys are picked one by one so that
// nothing else the core attaches (a quick fix) leaks into the contract.
import type { LintedFile } from '../lint';

export function formatJson(files: LintedFile[]): string {
  const out = files.map((f) => ({
    file: f.file,
    diagnostics: f.diagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      range: {
        start: { line: d.range.start.line, character: d.range.start.character },
        end: { line: d.range.end.line, character: d.range.end.character },
      },
    })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}
