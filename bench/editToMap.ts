// Edit to map: from a keystroke to the map's frame that shows it, with the real messages. Our
// server runs as the extension runs it (initializationOptions `modelDiff: true`); each edit's
// model message (a journeymap/modelDiff after the first) is timed from didChange to its arrival,
// then applied as the extension applies it (`applyModelDiff`, timed here), then posted to the
// built map (dist/webview.js in its webview page, headless Chromium) and timed in the page from
// the message to the second animation frame after the map shows that version. The three add up
// to the figure; the structured-clone hop from the extension host to the webview is not in it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileModel } from '../server/src/core/model';
import { applyModelDiff } from '../server/src/modelDiff';
import type { HostToWebview, ModelDiffResult, ModelResult } from '../server/src/protocol';
import { openMap, startHarness } from '../test/webview/browser';
import { journeyText, personaText } from './generate';
import { Lsp, ServerSpec } from './lsp';
import { sleep, summary, Summary } from './stats';

export interface EditToMapResult {
  touchpoints: number;
  edits: number;
  /** didChange to the frame that shows the edit. */
  editToMap: Summary;
  /** didChange to the model message's arrival (the server's part). */
  toMessage: Summary;
  /** The message applied in the map, to its second frame (the page's part). */
  inPage: Summary;
  /** Bytes of the model message per keystroke. */
  modelBytes: Summary;
}

const EMOTION_COL = '        emotion: '.length;

// A string, not a function: tsx would wrap a function's helpers in names the page lacks.
const SHOW_IN_PAGE = `async (message) => {
  const t0 = performance.now();
  window.postMessage(message, '*');
  const version = message.type === 'model' ? message.result.version : message.result.version;
  await new Promise((resolve) => {
    const done = () => document.querySelector('#map[data-version="' + version + '"]');
    if (done()) return resolve();
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(); } });
    mo.observe(document.documentElement, { attributes: true, subtree: true });
  });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}`;

export async function measureEditToMap(ours: ServerSpec, dir: string, sizes: number[], edits: number): Promise<EditToMapResult[]> {
  const spec: ServerSpec = { ...ours, initializationOptions: { ...(ours.initializationOptions as object), modelDiff: true } };
  const h = await startHarness();
  const out: EditToMapResult[] = [];
  try {
    for (const size of sizes) {
      const folder = join(dir, `map-${size}`);
      mkdirSync(folder, { recursive: true });
      const g = journeyText('big', size);
      const path = join(folder, 'big.journey.yaml');
      writeFileSync(path, g.text);
      for (const p of ['first-time-buyer', 'loyal-upgrader']) writeFileSync(join(folder, `${p}.persona.yaml`), personaText(p));
      const uri = pathToFileURL(path).href;
      const lsp = await Lsp.start(spec, [folder]);
      const map = await openMap(h);
      // Each model message with its arrival time and size, by version.
      const arrived = new Map<number, { at: number; message: HostToWebview; bytes: number }>();
      let wake: (() => void) | undefined;
      const onMessage = (message: HostToWebview, version: number, params: unknown): void => {
        arrived.set(version, { at: performance.now(), message, bytes: JSON.stringify(params).length });
        wake?.();
      };
      lsp.conn.onNotification('journeymap/modelChanged', (r: ModelResult) => onMessage({ type: 'model', result: r }, r.version, r));
      lsp.conn.onNotification('journeymap/modelDiff', (d: ModelDiffResult) => onMessage({ type: 'modelDiff', result: d }, d.version, d));
      const messageOf = async (version: number) => {
        while (!arrived.has(version)) await new Promise<void>((r) => (wake = r));
        return arrived.get(version)!;
      };
      try {
        await sleep(300);
        await lsp.open(uri, g.text);
        const first = await messageOf(1);
        if (first.message.type !== 'model' || !first.message.result.model) throw new Error('the first model did not come whole');
        let copy: { version: number; model: FileModel | null } = { version: 1, model: first.message.result.model };
        await map.page.evaluate(`(${SHOW_IN_PAGE})(${JSON.stringify(first.message)})`);
        const lines = g.text.split('\n');
        const total: number[] = [];
        const server: number[] = [];
        const page: number[] = [];
        const bytes: number[] = [];
        const warmup = 3;
        for (let i = 0; i < edits + warmup; i++) {
          const line = g.touchpoints[(i * 7919) % g.touchpoints.length].emotionLine;
          const current = Number(lines[line].slice(EMOTION_COL));
          const value = current >= 2 ? current - 1 : current + 1;
          const oldLen = lines[line].length;
          lines[line] = `${lines[line].slice(0, EMOTION_COL)}${value}`;
          const { sentAt, version } = await lsp.change(uri, [
            { range: { start: { line, character: EMOTION_COL }, end: { line, character: oldLen } }, text: String(value) },
          ]);
          const got = await messageOf(version);
          // The extension's part: patch its copy (or take the whole model).
          const t0 = performance.now();
          let posted: HostToWebview = got.message;
          if (got.message.type === 'modelDiff') {
            const d = got.message.result;
            const model = copy.version === d.base ? applyModelDiff(copy.model, d.diff) : null;
            if (!model) throw new Error(`a diff for v${d.base} did not apply to v${copy.version}`);
            copy = { version, model };
          } else if (got.message.type === 'model') {
            copy = { version, model: got.message.result.model };
            posted = got.message;
          }
          const applyMs = performance.now() - t0;
          const inPage = (await map.page.evaluate(`(${SHOW_IN_PAGE})(${JSON.stringify(posted)})`)) as number;
          if (i >= warmup) {
            server.push(got.at - sentAt);
            page.push(inPage);
            total.push(got.at - sentAt + applyMs + inPage);
            bytes.push(got.bytes);
          }
          await sleep(100);
        }
        const problems = await map.problems();
        if (problems.length) throw new Error(`the map logged problems: ${problems.join('; ')}`);
        out.push({
          touchpoints: size,
          edits,
          editToMap: summary(total),
          toMessage: summary(server),
          inPage: summary(page),
          modelBytes: summary(bytes),
        });
      } finally {
        await map.page.close();
        await lsp.stop();
      }
    }
  } finally {
    await h.close();
  }
  return out;
}
