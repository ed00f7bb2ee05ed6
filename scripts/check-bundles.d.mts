// Types of check-bundles.mjs, for the tests.
export interface Metafile {
  inputs: Record<string, { imports: { path: string; original?: string; external?: boolean }[] }>;
}
export function packageName(specifier: string): string;
export function bundleProblems(
  bundle: string,
  metafile: Metafile,
  pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> },
): string[];
