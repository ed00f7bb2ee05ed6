// A sample turned into a starter file: the same text under a new id, with its `$schema`
// modeline pointing where the schema is from the new file's folder, or dropped when no schema
// is reachable there (the samples' `../schemas/...` resolves only inside samples/). Shared by
// `journeymap new` and the extension's "New Journey from Sample"; no I/O.

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=.*(\r?\n|$)/m;

/**
 * `schemaPath` is the schema relative to the new file (`/` separators), or null to drop the
 * modeline. The id is replaced on the first top-level `journey:`/`persona:` line only.
 */
export function starterText(text: string, key: 'journey' | 'persona', id: string, schemaPath: string | null): string {
  const withId = text.replace(new RegExp(`^${key}:[ \\t]*[^\\s#]*`, 'm'), `${key}: ${id}`);
  return withId.replace(MODELINE, (_line, eol: string) => (schemaPath === null ? '' : `# yaml-language-server: $schema=${schemaPath}${eol}`));
}
