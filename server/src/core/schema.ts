// PLACEHOLDER until the schema work lands: JSON Schema validation mapped to exact ranges.
import type { ParsedFile } from './parse';
import type { JourneyDiagnostic } from './types';

export function checkSchema(_parsed: ParsedFile): JourneyDiagnostic[] {
  return [];
}
