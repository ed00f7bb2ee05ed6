// Writing an exported map to disk: through the save dialog (which asks before replacing a
// file), or to a path given by a caller, which is never overwritten.
import * as vscode from 'vscode';
import { fromBase64, utf8 } from './portable';

export async function saveExport(
  source: vscode.Uri,
  format: 'svg' | 'png',
  data: string,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const bytes = format === 'svg' && !data.startsWith('data:') ? utf8(data) : decodeDataUrl(data);
  if (target) {
    if (await exists(target)) throw new Error(`${target.fsPath} exists already; not overwriting it.`);
  } else {
    const base = source.path.replace(/\.(journey|persona)\.ya?ml$/, '');
    target = await vscode.window.showSaveDialog({
      title: `Export Map as ${format.toUpperCase()}`,
      defaultUri: source.with({ path: `${base}.${format}` }),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    });
    if (!target) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, bytes);
  return target;
}

function decodeDataUrl(data: string): Uint8Array {
  const comma = data.indexOf(',');
  const header = comma >= 0 ? data.slice(0, comma) : '';
  const body = comma >= 0 ? data.slice(comma + 1) : data;
  return header.endsWith(';base64') || !header ? fromBase64(body) : utf8(decodeURIComponent(body));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
