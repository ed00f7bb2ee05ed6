// Screenshots of the workbench taken by the harness while the extension host still runs (the
// desktop suite only: it writes a request file next to the results file, which the browser's
// extension host cannot, so this stays out of helpers.ts, which the web suite bundles too).
import * as assert from 'assert';
import * as fs from 'fs';
import { waitFor } from './helpers';

/** A row of a tree in the workbench's side bar, as the page shows it (aria-level 1 is the top). */
export interface ShownRow {
  text: string;
  level: number;
  expanded: boolean | null;
}

let shots = 0;
/**
 * Asks the harness (test/extension/harness.ts, which drives the page) to widen the side bar to
 * `sideBarWidth` pixels if given (a drag of its edge), to expand the side bar's
 * tree rows whose text holds each of `expand` (a click on the twistie, as a user does) and then
 * to save a screenshot of the workbench as `test-results/screenshots/vscode-<name>.png`; resolves
 * with the side bar's rows as the page shows them. The extension host cannot see the page, and
 * the page outlives the extension host only briefly after the suite, so views are shot from here.
 */
export async function screenshot(name: string, expand: string[] = [], sideBarWidth?: number): Promise<{ rows: ShownRow[] }> {
  const result = process.env.JM_EXT_RESULT;
  assert.ok(result, 'JM_EXT_RESULT names the result file; the harness answers next to it');
  const id = ++shots;
  const answer = `${result}.shot-${id}.json`;
  fs.writeFileSync(`${result}.shot.tmp`, JSON.stringify({ id, name, expand, sideBarWidth }));
  fs.renameSync(`${result}.shot.tmp`, `${result}.shot.json`);
  const reply = await waitFor(
    `the harness to take screenshot ${name}`,
    () => fs.existsSync(answer) && fs.readFileSync(answer, 'utf8'),
    180_000,
  );
  const parsed = JSON.parse(reply) as { rows?: ShownRow[]; error?: string };
  if (parsed.error) throw new Error(`the harness could not take screenshot ${name}: ${parsed.error}`);
  return { rows: parsed.rows ?? [] };
}
