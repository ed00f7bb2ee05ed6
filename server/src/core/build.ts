// PLACEHOLDER: being written now (journey model).
import type { FileModel } from './model';
import type { ParsedFile } from './parse';
import type { Settings } from './types';
import type { WorkspaceIndex } from './workspace';
export function buildModel(_p: ParsedFile, _i: WorkspaceIndex, _s: Settings): FileModel | null {
  return null;
}
