// PLACEHOLDER: being written now (journey-aware rules).
import type { FileModel } from './model';
import type { ParsedFile } from './parse';
import type { JourneyDiagnostic, Settings } from './types';
import type { WorkspaceIndex } from './workspace';
export function runRules(_p: ParsedFile, _m: FileModel | null, _i: WorkspaceIndex, _s: Settings): JourneyDiagnostic[] {
  return [];
}
