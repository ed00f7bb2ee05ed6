// Core findings to LSP shapes. The rule name travels as `code` and the core's Fix as `data`,
// so a code action can repair exactly what the rule found.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { FileAnalysis } from '../core/analyze';
import type { JourneyDiagnostic, Severity } from '../core/types';
import type { ModelResult } from '../protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: JourneyDiagnostic): Diagnostic {
  const out: Diagnostic = { range: d.range, severity: SEVERITY[d.severity], code: d.rule, source: 'journeymap', message: d.message };
  if (d.fix) out.data = d.fix;
  return out;
}

export function modelResult(uri: string, version: number, analysis: FileAnalysis): ModelResult {
  const problems: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of analysis.diagnostics) problems[d.severity]++;
  const result: ModelResult = { uri, version, model: analysis.model, problems };
  // Even with yaml-syntax turned off, the preview must say why it shows no fresh map.
  const broken = analysis.parsed.syntax.find((d) => d.severity === 'error');
  if (broken) result.error = { message: broken.message, range: broken.range };
  return result;
}
