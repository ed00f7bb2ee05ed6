// Preview render time in headless Chromium: our map (dist/webview.js in its webview page, fed
// the model the server computes) against Mermaid's `journey` diagram of the same tasks and
// scores (webview/src/mermaid.ts writes it), in the same browser. Each figure is measured in
// the page: from handing over the input to the second animation frame after the DOM is ready
// (so layout and paint are in). Then, for our map, the time zoom and pan steps take to show.
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { analyzeText } from '../server/src/core/analyze';
import type { JourneyModel } from '../server/src/core/model';
import { DEFAULT_SETTINGS } from '../server/src/core/types';
import { WorkspaceIndex } from '../server/src/core/workspace';
import { openMap, startHarness } from '../test/webview/browser';
import { toMermaidJourney } from '../webview/src/mermaid';
import { journeyText, personaText } from './generate';
import { summary, Summary } from './stats';

const MERMAID = resolve(__dirname, '../node_modules/mermaid/dist/mermaid.min.js');

export interface PreviewResult {
  touchpoints: number;
  ours: Summary;
  mermaid: Summary;
  oursOverMermaid: number;
  /** Zoom and pan steps on our map (ZOOM_STEPS): wheel event to the frame that shows it. */
  zoomFrame: Summary;
  svgElements: number;
  mermaidElements: number;
}

export function modelFor(touchpoints: number): JourneyModel {
  const index = new WorkspaceIndex();
  for (const p of ['first-time-buyer', 'loyal-upgrader']) index.update(`file:///bench/${p}.persona.yaml`, personaText(p));
  const a = analyzeText('file:///bench/big.journey.yaml', journeyText('big', touchpoints).text, index, DEFAULT_SETTINGS);
  if (a.model?.kind !== 'journey') throw new Error('the generated journey has no model');
  return a.model;
}

// Strings, not functions: tsx would wrap a function's helpers in names the page lacks.
const RENDER_OURS = `async (result) => {
  const t0 = performance.now();
  window.postMessage({ type: 'model', result }, '*');
  await new Promise((resolve) => {
    const done = () => document.querySelector('#map[data-version="' + result.version + '"]');
    if (done()) return resolve();
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(); } });
    mo.observe(document.documentElement, { attributes: true, childList: true, subtree: true });
  });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return { ms: performance.now() - t0, elements: document.querySelectorAll('#map *').length };
}`;

// The interaction: Ctrl+wheel notches (a mouse's 120 px: d3-zoom scales by 5.3x per notch) out
// and in at the map's centre, and sideways wheel pans of 800 px, 150 ms apart (each its own
// gesture, as deliberate notches are). Each step is timed from the wheel event to the second
// animation frame after it, i.e. to a frame painted with the step applied and its columns drawn.
const ZOOM_STEPS = [
  '{ deltaY: 120, ctrlKey: true }',
  '{ deltaY: 120, ctrlKey: true }',
  '{ deltaX: 800 }',
  '{ deltaY: -120, ctrlKey: true }',
  '{ deltaX: 800 }',
  '{ deltaY: -120, ctrlKey: true }',
  '{ deltaX: 800 }',
  '{ deltaX: 800 }',
];
const ZOOM_OURS = `async (steps) => {
  const svg = document.querySelector('#map');
  const box = svg.getBoundingClientRect();
  const out = [];
  for (const step of steps) {
    await new Promise((r) => setTimeout(r, 150));
    const t0 = performance.now();
    svg.dispatchEvent(
      new WheelEvent(
        'wheel',
        Object.assign({ clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true, cancelable: true }, step),
      ),
    );
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    out.push(performance.now() - t0);
  }
  return out;
}`;

const RENDER_MERMAID = `async ({ text, n }) => {
  const host = document.getElementById('host');
  host.innerHTML = '';
  const t0 = performance.now();
  const { svg } = await window.mermaid.render('m' + n, text);
  host.innerHTML = svg;
  host.getBoundingClientRect();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return { ms: performance.now() - t0, elements: host.querySelectorAll('*').length };
}`;

export async function measurePreview(sizes: number[], runs: number): Promise<PreviewResult[]> {
  const h = await startHarness();
  const out: PreviewResult[] = [];
  try {
    const mermaidPage: Page = await h.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await mermaidPage.setContent('<!doctype html><html><body><div id="host"></div></body></html>');
    await mermaidPage.addScriptTag({ path: MERMAID });
    await mermaidPage.evaluate(
      `window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 10000000, maxEdges: 100000 })`,
    );
    let version = 1;
    let n = 0;
    for (const size of sizes) {
      const model = modelFor(size);
      const text = toMermaidJourney(model);
      const map = await openMap(h);
      const ours: number[] = [];
      const theirs: number[] = [];
      const zoom: number[] = [];
      let svgElements = 0;
      let mermaidElements = 0;
      for (let i = 0; i < runs + 1; i++) {
        const result = { uri: model.uri, version: version++, model, problems: { error: 0, warning: 0, info: 0, hint: 0 } };
        const a = (await map.page.evaluate(`(${RENDER_OURS})(${JSON.stringify(result)})`)) as { ms: number; elements: number };
        const z = (await map.page.evaluate(`(${ZOOM_OURS})([${ZOOM_STEPS.join(', ')}])`)) as number[];
        const b = (await mermaidPage.evaluate(`(${RENDER_MERMAID})(${JSON.stringify({ text, n: n++ })})`)) as {
          ms: number;
          elements: number;
        };
        svgElements = a.elements;
        mermaidElements = b.elements;
        if (i >= 1) {
          ours.push(a.ms);
          theirs.push(b.ms);
          zoom.push(...z);
        }
      }
      const problems = await map.problems();
      if (problems.length) throw new Error(`the map logged problems: ${problems.join('; ')}`);
      await map.page.close();
      const o = summary(ours);
      const m = summary(theirs);
      out.push({
        touchpoints: size,
        ours: o,
        mermaid: m,
        oursOverMermaid: Math.round((o.median / m.median) * 100) / 100,
        zoomFrame: summary(zoom),
        svgElements,
        mermaidElements,
      });
    }
  } finally {
    await h.close();
  }
  return out;
}

export { join };
