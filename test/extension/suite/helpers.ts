// Shared steps of the in-VS Code tests: files of the temp workspace, waiting for the server.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PreviewState } from '../../../client/src/preview';

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run in a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export async function openFile(name: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How long a wait gives up after: only a true hang gets there. With both cores busy (the
 * README's test command run beside `yes > /dev/null` twice) a sample's first diagnostics took
 * over 30 s to show in this VS Code; a wait returns as soon as what it waits for is there.
 */
export const WAIT_MS = 90_000;

/** Polls until `check` returns a value other than undefined/false; fails with `what` on time-out. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(100);
  }
}

export const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'journeymap');

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/** Waits until the server's diagnostics of a file satisfy `ok`. */
export function waitForDiagnostics(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what = 'diagnostics', timeoutMs = WAIT_MS) {
  return waitFor(
    `${what} of ${uri.path}`,
    () => {
      const ds = ours(uri);
      return ok(ds) ? ds : undefined;
    },
    timeoutMs,
  );
}

export const rangeOf = (r: vscode.Range) => [r.start.line, r.start.character, r.end.line, r.end.character];

const S = vscode.DiagnosticSeverity;

/** What the faulty fixture (fixtures/faulty.journey.yaml) must report: rule, severity, exact range (0-based). */
export const FAULTY: [string, vscode.DiagnosticSeverity, number[]][] = [
  ['unknown-channel', S.Warning, [12, 17, 12, 21]],
  ['metric-range', S.Error, [14, 45, 14, 47]],
  ['emotion-range', S.Error, [18, 17, 18, 18]],
  ['friction-hotspot', S.Information, [23, 14, 23, 32]],
  ['schema', S.Error, [26, 8, 26, 14]],
];

/** Diagnostics as [rule, severity, range], sorted by line, to compare with FAULTY. */
export const summary = (ds: vscode.Diagnostic[]) =>
  ds.map((d) => [codeOf(d), d.severity, rangeOf(d.range)]).sort((a, b) => (a[2] as number[])[0] - (b[2] as number[])[0]);

export async function previewStates(): Promise<PreviewState[]> {
  return (await vscode.commands.executeCommand<PreviewState[]>('journeymap._previewState')) ?? [];
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('all previews closed', async () => (await previewStates()).length === 0);
}

/**
 * Copies a workspace journey under a new name, so a test can change it freely; its id becomes
 * the new file's name, so the copy clashes with no other file (no duplicate-id).
 */
export async function copyJourney(from: string, to: string): Promise<vscode.Uri> {
  const target = workspaceUri(to);
  const text = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri(from))).toString('utf8');
  const id = to.replace(/\.journey\.ya?ml$/, '');
  await vscode.workspace.fs.writeFile(target, Buffer.from(text.replace(/^journey: .*$/m, `journey: ${id}`), 'utf8'));
  return target;
}

/**
 * Checks the portfolio report's HTML (the desktop and the web suites): a nonce-only CSP, and a
 * link to the reveal command per journey title. Returns the nonce, and the arguments of the
 * link of `reveal`'s title (the journey's file first).
 */
export function checkPortfolioReport(html: string, titles: string[], reveal: string): { nonce: string; args: [string, unknown] } {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp ?? '')?.[1];
  assert.ok(nonce && nonce.length >= 16, `a nonce in ${csp}`);
  assert.strictEqual(csp, `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`);
  for (const title of titles) {
    assert.match(html, new RegExp(`<a href="command:journeymap\\.revealInEditor\\?[^"]+">${title}</a>`), title);
  }
  const href = new RegExp(`<a href="(command:journeymap\\.revealInEditor\\?[^"]+)">${reveal}</a>`).exec(html)![1];
  const args = JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1).replace(/&amp;/g, '&'))) as [string, unknown];
  return { nonce, args };
}
