// A sample turned into a starter file: the same text under a new id, with its `$schema`
// modeline pointing where the schema is from the new file's folder, or dropped when no schema
// is reachable there (the samples' `../schemas/...` resolves only inside samples/). Shared by
// `journeymap new` and the extension's "New Journey from Sample"; no I/O. Which files come along
// with a copy (a to-be's as-is journey, the personas) is decided here too, for both.
import { parseDocument } from 'yaml';

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=.*(\r?\n|$)/m;

/**
 * `schemaPath` is the schema relative to the new file (`/` separators), or null to drop the
 * modeline. The id is replaced on the first top-level `journey:`/`persona:` line only.
 */
export function starterText(text: string, key: 'journey' | 'persona', id: string, schemaPath: string | null): string {
  const withId = text.replace(new RegExp(`^${key}:[ \\t]*[^\\s#]*`, 'm'), `${key}: ${id}`);
  return withId.replace(MODELINE, (_line, eol: string) =>
    schemaPath === null ? '' : `# yaml-language-server: $schema=${schemaPath}${eol}`,
  );
}

/** What copying a sample needs to know of its text: the personas, `baseline` and data files it names. */
export interface SampleFacts {
  personas: string[];
  baseline?: string;
  data: string[];
}

export function sampleFacts(text: string): SampleFacts {
  let root: unknown;
  try {
    root = parseDocument(text).toJS();
  } catch {
    root = null;
  }
  const r = root && typeof root === 'object' ? (root as Record<string, unknown>) : {};
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { personas: strings(r.personas), ...(typeof r.baseline === 'string' ? { baseline: r.baseline } : {}), data: strings(r.data) };
}

/**
 * The as-is sample journey a to-be sample names as its `baseline`, when the workspace has no
 * journey of that id: it comes along under its own id, so the copy's `baseline` resolves.
 */
export function baselineToCopy<T extends { id: string; text: string }>(
  sample: T,
  journeys: readonly T[],
  hasJourney: (id: string) => boolean,
): T | null {
  const { baseline } = sampleFacts(sample.text);
  if (baseline === undefined || baseline === sample.id || hasJourney(baseline)) return null;
  return journeys.find((j) => j.id === baseline) ?? null;
}

/** The persona ids the copied journeys name that the workspace lacks, each once, in order. */
export function personasToCopy(texts: readonly string[], hasPersona: (id: string) => boolean): string[] {
  return [...new Set(texts.flatMap((t) => sampleFacts(t).personas))].filter((id) => !hasPersona(id));
}
