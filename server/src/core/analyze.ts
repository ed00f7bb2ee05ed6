// The facade of the analysis core: text in, diagnostics and model out. The LSP server and the
// CLI both call `analyzeText`, so their diagnostics agree by construction.
import { buildModel } from './build';
import type { FileModel } from './model';
import { parseFile, ParsedFile } from './parse';
import { runRules } from './rules';
import { checkSchema } from './schema';
import { DEFAULT_SETTINGS, JourneyDiagnostic, RULES, Settings } from './types';
import type { WorkspaceIndex } from './workspace';

export interface FileAnalysis {
  parsed: ParsedFile;
  diagnostics: JourneyDiagnostic[];
  /** Null when the file has a YAML syntax error or no usable root map. */
  model: FileModel | null;
}

export function analyzeText(uri: string, text: string, index: WorkspaceIndex, settings: Settings = DEFAULT_SETTINGS): FileAnalysis {
  return analyzeParsed(parseFile(uri, text), index, settings);
}

export function analyzeParsed(parsed: ParsedFile, index: WorkspaceIndex, settings: Settings = DEFAULT_SETTINGS): FileAnalysis {
  const found: JourneyDiagnostic[] = [...parsed.syntax];
  const broken = parsed.syntax.some((d) => d.severity === 'error');
  let model: FileModel | null = null;
  if (!broken && parsed.doc) {
    found.push(...checkSchema(parsed));
    const built = buildModel(parsed, index, settings);
    model = built;
    found.push(...runRules(parsed, built, index, settings));
  }
  return { parsed, diagnostics: applySeverities(found, settings), model };
}

/** Applies the user's per-rule severities (or `off`) and sorts by position. */
export function applySeverities(found: JourneyDiagnostic[], settings: Settings): JourneyDiagnostic[] {
  const out: JourneyDiagnostic[] = [];
  for (const d of found) {
    const setting = settings.rules[d.rule];
    if (setting === 'off') continue;
    // yaml's own warnings keep their lower severity unless the user overrides the rule.
    const severity = setting ?? (d.rule === 'yaml-syntax' ? d.severity : RULES[d.rule].severity);
    out.push({ ...d, severity });
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule),
  );
}
