// The user's data, over the real server: every quick fix and refactoring it offers, and a rename
// of every id, on every sample (LF and CRLF) and on each sample with typical faults, replaces
// only the text at fault: each edit's range holds exactly what it claims to replace, so every
// byte outside the edits is unchanged. A file is created only where none exists and never
// overwritten. The server itself writes nothing to disk.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { LspClient, makeWorkspace, startLsp, TempWorkspace } from '../lsp/client';
import { lineStarts } from '../fuzz/gen';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = fs
  .readdirSync(path.join(ROOT, 'samples'))
  .filter((f) => /\.(journey|persona)\.yaml$/.test(f))
  .sort();

/** LSP position -> offset (\r\n, \r and \n end lines; clamped before the break, as editors do). */
function offsetOf(text: string, p: { line: number; character: number }): number {
  const starts = lineStarts(text);
  if (p.line >= starts.length) return text.length;
  const next = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  let end = next;
  if (end > starts[p.line] && text[end - 1] === '\n') end--;
  if (end > starts[p.line] && text[end - 1] === '\r') end--;
  return Math.min(starts[p.line] + p.character, end);
}

/** Applies edits by offset and returns the text and each edit's replaced span. */
function apply(text: string, edits: TextEdit[]): { text: string; spans: { from: number; to: number; old: string; now: string }[] } {
  const spans = edits
    .map((e) => ({ from: offsetOf(text, e.range.start), to: offsetOf(text, e.range.end), now: e.newText, old: '' }))
    .sort((a, b) => a.from - b.from);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i].from >= spans[i - 1].to, 'edits do not overlap');
  let out = '';
  let at = 0;
  for (const s of spans) {
    s.old = text.slice(s.from, s.to);
    out += text.slice(at, s.from) + s.now;
    at = s.to;
  }
  return { text: out + text.slice(at), spans };
}

/** Every text edit of a workspace edit, by uri; file operations apart. */
function textEdits(edit: WorkspaceEdit): {
  byUri: Map<string, TextEdit[]>;
  creates: { uri: string; options?: { overwrite?: boolean; ignoreIfExists?: boolean } }[];
} {
  const byUri = new Map<string, TextEdit[]>();
  const creates: { uri: string; options?: { overwrite?: boolean; ignoreIfExists?: boolean } }[] = [];
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, [...(byUri.get(uri) ?? []), ...edits]);
  for (const c of edit.documentChanges ?? []) {
    if ('kind' in c) {
      assert.strictEqual(c.kind, 'create', `only file creation, never ${c.kind}`);
      creates.push(c as { uri: string; options?: { overwrite?: boolean; ignoreIfExists?: boolean } });
    } else byUri.set(c.textDocument.uri, [...(byUri.get(c.textDocument.uri) ?? []), ...(c.edits as TextEdit[])]);
  }
  return { byUri, creates };
}

/** Typical faults that draw quick fixes: a typo in a key and an enum, a percentage, an unknown persona. */
function withFaults(text: string): string {
  return text
    .replace(/^title:/m, 'titel:')
    .replace(/channel: web\b/, 'channel: wbe')
    .replace(/conversion: 0\.(\d)(\d)?/, (_m, a, b) => `conversion: ${a}${b ?? '0'}`)
    .replace(/^personas: \[/m, 'personas: [night-owl, ');
}

describe("security: the user's data", function () {
  this.timeout(300_000);
  let ws: TempWorkspace;
  let lsp: LspClient;
  let diskBefore: Map<string, string>;

  const snapshot = () => new Map(ws.list().map((f) => [f, ws.read(f)]));

  before(async () => {
    ws = makeWorkspace({ copy: ['samples'] });
    diskBefore = snapshot();
    lsp = await startLsp({ folders: [ws.dir] });
  });
  after(() => {
    lsp?.kill();
    ws?.dispose();
  });

  const variants: { title: string; make: (t: string) => string }[] = [
    { title: 'as written', make: (t) => t },
    { title: 'with CRLF line ends', make: (t) => t.replace(/\r?\n/g, '\r\n') },
    { title: 'with typical faults', make: withFaults },
    { title: 'with faults and CRLF', make: (t) => withFaults(t).replace(/\r?\n/g, '\r\n') },
  ];

  let offered = 0;
  let renamed = 0;
  for (const sample of SAMPLES) {
    for (const v of variants) {
      it(`${sample} ${v.title}: every code action and rename changes only the text it names`, async () => {
        const uri = ws.uri(`samples/${sample}`);
        const text = v.make(ws.read(`samples/${sample}`));
        await lsp.open(uri, text);
        await lsp.change(uri, [{ text }]);
        const diagnostics: Diagnostic[] = await lsp.diagnostics(uri);
        const lines = text.split(/\r\n|\r|\n/);
        const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
        const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: whole,
          context: { diagnostics },
        });
        for (const a of actions) {
          if (!a.edit) continue;
          offered++;
          const { byUri, creates } = textEdits(a.edit);
          for (const c of creates) {
            assert.ok(
              !c.options?.overwrite && !c.options?.ignoreIfExists,
              `${a.title}: a create that fails rather than touch an existing file`,
            );
            assert.ok(!fs.existsSync(new URL(c.uri)), `${a.title}: creates ${c.uri}, which does not exist yet`);
          }
          for (const [target, edits] of byUri) {
            if (creates.some((c) => c.uri === target)) {
              assert.ok(
                edits.every(
                  (e) => e.range.start.line === 0 && e.range.start.character === 0 && e.range.end.line === 0 && e.range.end.character === 0,
                ),
                'a new file is only written from its start',
              );
              continue;
            }
            assert.strictEqual(target, uri, `${a.title}: edits only this document`);
            const { spans } = apply(text, edits);
            for (const s of spans) {
              const fault = a.diagnostics?.find((d) => offsetOf(text, d.range.start) === s.from && offsetOf(text, d.range.end) === s.to);
              // A fix replaces exactly the range its diagnostic names, or inserts at one point; never a line break it did not add.
              assert.ok(fault !== undefined || s.from === s.to, `${a.title}: replaces ${JSON.stringify(s.old)} that no diagnostic names`);
              assert.ok(!/[\r\n]/.test(s.old), `${a.title}: removes a line break`);
            }
          }
        }
        // Rename every id the file defines.
        const ids = [...text.matchAll(/^(?:journey|persona): *([a-z0-9-]+)|^ *(?:- )?id: *([a-z0-9-]+)/gm)];
        for (const m of ids) {
          const id = m[1] ?? m[2];
          const at = m.index! + m[0].length - id.length;
          const position = {
            line: text.slice(0, at).split(/\r\n|\r|\n/).length - 1,
            character: at - Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) - 1,
          };
          const prepared = await lsp.request<{ range: unknown } | null>('textDocument/prepareRename', { textDocument: { uri }, position });
          if (!prepared) continue;
          const edit = await lsp.request<WorkspaceEdit | null>('textDocument/rename', {
            textDocument: { uri },
            position,
            newName: 'renamed-id',
          });
          if (!edit) continue;
          renamed++;
          const { byUri, creates } = textEdits(edit);
          assert.deepStrictEqual(creates, [], 'a rename creates no file');
          for (const [target, edits] of byUri) {
            const targetText = target === uri ? text : (lsp.text(target) ?? fs.readFileSync(new URL(target), 'utf8'));
            const { spans } = apply(targetText, edits);
            for (const s of spans) {
              assert.ok([id, `"${id}"`, `'${id}'`].includes(s.old), `rename of ${id} replaces ${JSON.stringify(s.old)} in ${target}`);
              assert.ok(s.now.includes('renamed-id'), 'with the new name');
            }
          }
        }
        await lsp.close(uri);
      });
    }
  }

  it('offered fixes and renames to check (the tests above were not empty)', () => {
    assert.ok(offered >= 20, `${offered} code actions applied`);
    assert.ok(renamed >= 50, `${renamed} renames applied`);
  });

  it('wrote nothing to disk: the server only proposes edits', () => {
    assert.deepStrictEqual(snapshot(), diskBefore);
  });
});
