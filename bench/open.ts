// Open to first diagnostics, for our server and yaml-language-server: each sample starts a
// fresh server on a folder holding the generated journey and its personas (as VS Code does on
// a workspace with the file already open), waits as the edit benchmark does, sends didOpen and
// times it to the first publishDiagnostics, and to the last once the server goes quiet (ours
// publishes a big journey's YAML and schema findings before its journey rules' on open). The
// servers take turns, sample by sample.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { journeyText, personaText } from './generate';
import { Lsp, ServerSpec } from './lsp';
import { sleep, summary, Summary } from './stats';

export interface OpenResult {
  server: string;
  touchpoints: number;
  /** To the first publishDiagnostics. */
  open: Summary;
  diagnostics: number;
  /** To the last publishDiagnostics of the open (every finding), and how many that holds. */
  complete: Summary;
  completeDiagnostics: number;
  /** Our server under JM_SERVER_PROF: the per-phase timings of each sample's first check (JSON lines). */
  profile?: string[];
}

export async function measureOpen(specs: ServerSpec[], dir: string, touchpoints: number, samples: number): Promise<OpenResult[]> {
  mkdirSync(dir, { recursive: true });
  const g = journeyText('big', touchpoints);
  const path = join(dir, 'big.journey.yaml');
  writeFileSync(path, g.text);
  for (const p of ['first-time-buyer', 'loyal-upgrader']) writeFileSync(join(dir, `${p}.persona.yaml`), personaText(p));
  const uri = pathToFileURL(path).href;
  const times = new Map<string, number[]>(specs.map((s) => [s.name, []]));
  const counts = new Map<string, number>();
  const completeTimes = new Map<string, number[]>(specs.map((s) => [s.name, []]));
  const completeCounts = new Map<string, number>();
  const profiles = new Map<string, string[]>();
  for (let i = 0; i < samples; i++) {
    for (const spec of specs) {
      const lsp = await Lsp.start(spec, [dir]);
      try {
        await sleep(300);
        const t0 = performance.now();
        const got = await lsp.open(uri, g.text);
        times.get(spec.name)!.push(got.at - t0);
        counts.set(spec.name, got.params.diagnostics.length);
        // Every finding: the last publish once the server is quiet (then the check has also sent what follows it).
        const last = await lsp.settledDiagnostics(uri);
        completeTimes.get(spec.name)!.push(last.at - t0);
        completeCounts.set(spec.name, last.params.diagnostics.length);
        if (lsp.profLines.length) profiles.set(spec.name, [...(profiles.get(spec.name) ?? []), ...lsp.profLines]);
      } finally {
        await lsp.stop();
      }
    }
  }
  return specs.map((s) => ({
    server: s.name,
    touchpoints,
    open: summary(times.get(s.name)!),
    diagnostics: counts.get(s.name) ?? 0,
    complete: summary(completeTimes.get(s.name)!),
    completeDiagnostics: completeCounts.get(s.name) ?? 0,
    ...(profiles.has(s.name) ? { profile: profiles.get(s.name) } : {}),
  }));
}
