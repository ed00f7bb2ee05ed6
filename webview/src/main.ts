// The webview's entry: receives models from the extension, draws them in place, keeps zoom and
// pan across updates and reloads, and turns clicks into `reveal` messages. Nothing here
// imports `vscode`; the host API is the one `acquireVsCodeApi` gives (absent in plain pages).
import { select } from 'd3-selection';
import { zoom, zoomIdentity, ZoomTransform } from 'd3-zoom';
import type { FileModel } from '../../server/src/core/model';
import type { Range } from '../../server/src/core/types';
import type { HostToWebview, ModelResult, WebviewToHost } from '../../server/src/protocol';
import { patchShown } from './applyDiff';
import { browserScheduler, ColumnWindows, WINDOWED_AFTER } from './columnWindow';
import { CompareView } from './compare';
import { toMermaidJourney } from './mermaid';
import { MapSize, renderMap } from './render/index';
import { COL_W } from './render/layout';
import { standaloneCss, THEME_VARIABLE_NAMES } from './render/theme';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives a reload of the webview (the host reads `uri`). */
interface SavedState {
  uri?: string;
  zoom?: { k: number; x: number; y: number };
}

const host: VsCodeApi | null = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
const post = (m: WebviewToHost): void => host?.postMessage(m);
let saved: SavedState = (host?.getState() as SavedState | undefined) ?? {};

const svgNode = document.getElementById('map') as unknown as SVGSVGElement;
// `data-window`: `drawing` while the column window has a frame or an idle slice to run (long
// journeys), `settled` when it holds all its view wants; a map drawn whole is always settled.
svgNode.setAttribute('data-window', 'settled');
const svg = select(svgNode);
const banner = document.getElementById('banner') as HTMLElement;
const empty = document.getElementById('empty') as HTMLElement;
const compare = new CompareView(svgNode, post);

let model: FileModel | null = null;
/** The version of the model drawn (what a `modelDiff` must be based on). */
let modelVersion: number | null = null;
let size: MapSize = { width: 0, height: 0 };
let transform: ZoomTransform = zoomIdentity;
let highlighted: { touchpointIndex: number | null; stageIndex: number | null } = { touchpointIndex: null, stageIndex: null };

// ---- Zoom and pan ----
// Ctrl/Cmd+wheel and pinch zoom; a plain wheel scrolls (shift or a sideways wheel: horizontally);
// drag pans. The map never leaves the view, and a map smaller than the view sits top-left.
const zoomer = zoom<SVGSVGElement, unknown>()
  .scaleExtent([0.05, 4])
  .filter((e: Event) => (e.type === 'wheel' ? (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey : !(e as MouseEvent).button))
  .constrain((t, extent, bounds) => {
    const fit = (pos: number, v0: number, v1: number, c0: number, c1: number): number => {
      const lo = v1 - c1 * t.k;
      const hi = v0 - c0 * t.k;
      return lo >= hi ? hi : Math.min(hi, Math.max(lo, pos));
    };
    const x = fit(t.x, extent[0][0], extent[1][0], bounds[0][0], bounds[1][0]);
    const y = fit(t.y, extent[0][1], extent[1][1], bounds[0][1], bounds[1][1]);
    return x === t.x && y === t.y ? t : zoomIdentity.translate(x, y).scale(t.k);
  })
  .on('zoom', (e: { transform: ZoomTransform }) => applyTransform(e.transform))
  .on('end', () => saveState());

// ---- Long journeys: a window of columns, drawn a slice at a time (columnWindow.ts) ----
const columns = new ColumnWindows(
  {
    render: (options) => {
      if (model) size = renderMap(svgNode, model, { interactive: true, ...options });
      return size;
    },
    setFar: (on) => svgNode.classList.toggle('far', on),
    windowRedrawn: () => applyHighlight(),
    settled: (done) => svgNode.setAttribute('data-window', done ? 'settled' : 'drawing'),
  },
  browserScheduler(),
  performance,
);
// The map's size on screen, read when it can change (a model, a resize) and never while zooming:
// reading it right after the DOM changed would force a layout.
let viewW = 1;
let viewH = 1;

function measureView(): void {
  viewW = Math.max(1, svgNode.clientWidth);
  viewH = Math.max(1, svgNode.clientHeight);
  columns.resize(viewW);
}

function isWindowed(): boolean {
  return model?.kind === 'journey' && model.touchpoints.length > WINDOWED_AFTER;
}

/** Draws the model (its window: what the view needs; idle time draws the rest ahead). */
function draw(patched = false): void {
  if (!model) return;
  if (patched) columns.patch(transform, isWindowed());
  else columns.draw(transform, isWindowed());
}

function applyTransform(t: ZoomTransform): void {
  transform = t;
  columns.follow(t);
  svg.select('g.map-viewport').attr('transform', t.toString());
  // Lane titles stay at the left edge while the lanes scroll under them, and the header (title,
  // fix-first callout, scorecard, legend) stays in view while the map pans sideways.
  svg.select('g.lane-labels').attr('transform', `translate(0,${t.y}) scale(${t.k})`);
  svg.select('g.header').attr('transform', `translate(0,${t.y}) scale(${t.k})`);
}

svg.call(zoomer).on('dblclick.zoom', null);
svg.on('wheel.pan', (e: WheelEvent) => {
  if (e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? viewH : 1;
  const dx = (e.shiftKey ? e.deltaY : e.deltaX) * unit;
  const dy = (e.shiftKey ? 0 : e.deltaY) * unit;
  zoomer.translateBy(svg, -dx / transform.k, -dy / transform.k);
  saveState();
});

function saveState(): void {
  saved = { ...saved, uri: model?.uri ?? saved.uri, zoom: { k: transform.k, x: transform.x, y: transform.y } };
  host?.setState(saved);
}

function fit(): void {
  const w = svgNode.clientWidth || 1;
  const h = svgNode.clientHeight || 1;
  const k = Math.max(0.05, Math.min(1, w / size.width, h / size.height));
  svg.call(zoomer.transform, zoomIdentity.scale(k));
}

/** Pans the least needed to bring a column into view (keyboard focus, editor cursor). */
function panIntoView(el: Element): void {
  const box = el.getBoundingClientRect();
  const view = svgNode.getBoundingClientRect();
  let dx = 0;
  if (box.left < view.left + 150) dx = view.left + 150 - box.left;
  else if (box.right > view.right - 20) dx = view.right - 20 - box.right;
  let dy = 0;
  if (box.top < view.top) dy = view.top - box.top;
  else if (box.bottom > view.bottom) dy = Math.max(view.bottom - box.bottom, view.top - box.top);
  if (dx || dy) zoomer.translateBy(svg, dx / transform.k, dy / transform.k);
}

// ---- Models ----

/** `patched`: the result is the shown model patched by a diff (only what changed is drawn again). */
function showModel(result: ModelResult, patched = false): void {
  if (!result.model) {
    // A file that does not parse keeps the last good map, under a banner naming the error.
    const err = result.error;
    const where = err ? ` (line ${err.range.start.line + 1}, column ${err.range.start.character + 1})` : '';
    banner.textContent =
      `${model ? 'Showing the last valid map. ' : ''}The file cannot be drawn: ` + `${err?.message ?? 'it has errors'}${where}`;
    banner.hidden = false;
    document.body.classList.toggle('stale', model !== null);
    empty.hidden = model !== null;
    if (!model) empty.textContent = 'No map yet: fix the file to see it.';
    return;
  }
  const next = result.model;
  const sameDocument = model !== null && model.uri === next.uri;
  const firstForDocument = !sameDocument;
  model = next;
  modelVersion = result.version;
  const resumed = firstForDocument ? savedTransform(next.uri) : null;
  if (firstForDocument) transform = resumed ?? zoomIdentity;
  measureView();
  draw(patched && sameDocument);
  // A map opened afresh fits the panel's width (then zoom in); a long journey opens at its start.
  if (firstForDocument && !resumed && !isWindowed())
    transform = zoomIdentity.scale(Math.max(MIN_FIT, Math.min(1, viewW / Math.max(1, size.width))));
  banner.hidden = true;
  banner.textContent = '';
  document.body.classList.remove('stale');
  empty.hidden = true;
  svgNode.setAttribute('data-uri', next.uri);
  svgNode.setAttribute('data-version', String(result.version));
  (document.querySelector('[data-action="mermaid"]') as HTMLButtonElement | null)?.toggleAttribute('disabled', next.kind !== 'journey');
  zoomer.extent([
    [0, 0],
    [viewW, viewH],
  ]);
  zoomer.translateExtent([
    [0, 0],
    [size.width, size.height],
  ]);
  if (firstForDocument) {
    svg.call(zoomer.transform, transform);
    saveState();
  } else {
    // An edit keeps the view exactly where it was; the new viewport group gets the transform.
    applyTransform(transform);
  }
  applyHighlight();
  compare.refresh(model);
}

/** The zoom the user left this document at, if any. */
function savedTransform(uri: string): ZoomTransform | null {
  const z = saved.uri === uri ? saved.zoom : undefined;
  return z && isFinite(z.k) && isFinite(z.x) && isFinite(z.y) ? zoomIdentity.translate(z.x, z.y).scale(z.k) : null;
}

/** Fitting to the width never shrinks the map below this scale (its text would be unreadable). */
const MIN_FIT = 0.4;

function applyHighlight(): void {
  svg.selectAll('.highlighted').classed('highlighted', false);
  const { touchpointIndex: t, stageIndex: s } = highlighted;
  if (t !== null) {
    svg.selectAll(`.column-bg-group[data-touchpoint-index="${t}"] .column-bg`).classed('highlighted', true);
    svg.selectAll(`.touchpoint-column[data-touchpoint-index="${t}"]`).classed('highlighted', true);
  }
  if (s !== null) svg.selectAll(`.stage-band[data-stage-index="${s}"]`).classed('highlighted', true);
}

function highlight(m: Extract<HostToWebview, { type: 'highlight' }>): void {
  if (!model || m.uri !== model.uri) return;
  highlighted = {
    touchpointIndex: Number.isInteger(m.touchpointIndex) ? m.touchpointIndex : null,
    stageIndex: Number.isInteger(m.stageIndex) ? m.stageIndex : null,
  };
  applyHighlight();
  // By position, not element: in a long journey the column may not be drawn yet.
  const panTo = (x0: number, x1: number): void => {
    const left = x0 * transform.k + transform.x;
    const right = x1 * transform.k + transform.x;
    const dx = left < 150 ? 150 - left : right > viewW - 20 ? viewW - 20 - right : 0;
    if (dx) zoomer.translateBy(svg, dx / transform.k, 0);
  };
  const t = highlighted.touchpointIndex;
  const x = t !== null ? size.columnX?.[t] : undefined;
  if (x !== undefined) panTo(x, x + COL_W);
  else if (highlighted.stageIndex !== null) {
    const band = svgNode.querySelector(`.stage-band[data-stage-index="${highlighted.stageIndex}"]`);
    const span = size.stageSpan?.[highlighted.stageIndex];
    if (band) panIntoView(band);
    else if (span) panTo(span.x, span.x + span.width);
  }
}

// ---- Reveal: a map element back to its place in the source ----

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function targetOf(key: string): { uri: string; range: Range } | null {
  if (!model) return null;
  const [kind, a, b] = key.split(':');
  const i = Number(a);
  const j = Number(b);
  if (model.kind === 'persona') {
    if (kind === 'persona') return { uri: model.uri, range: model.idRange };
    const used = kind === 'used' ? model.usedBy[i] : undefined;
    return used ? { uri: used.uri, range: ZERO } : null;
  }
  const t = model.touchpoints[i];
  switch (kind) {
    case 'touchpoint':
      return t ? { uri: model.uri, range: t.nameRange } : null;
    case 'stage':
      return model.stages[i] ? { uri: model.uri, range: model.stages[i].nameRange } : null;
    case 'pain':
      return t?.painPoints[j] ? { uri: model.uri, range: t.painPoints[j].range } : null;
    case 'opportunity':
      return t?.opportunities[j] ? { uri: model.uri, range: t.opportunities[j].range } : null;
    case 'backstage':
      return t?.backstage[j] ? { uri: model.uri, range: t.backstage[j].range } : null;
    default:
      return null;
  }
}

function reveal(el: Element | null): void {
  const key = el?.closest('[data-reveal]')?.getAttribute('data-reveal');
  const target = key ? targetOf(key) : null;
  if (target) post({ type: 'reveal', uri: target.uri, range: target.range });
}

svgNode.addEventListener('click', (e) => reveal(e.target as Element));
svgNode.addEventListener('keydown', (e) => {
  const el = e.target as Element;
  if (e.key === 'Enter' || e.key === ' ') {
    if (el.closest('[data-reveal]')) {
      e.preventDefault();
      reveal(el);
    }
  } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && el.classList.contains('touchpoint-column')) {
    // Arrow keys walk the columns in map order.
    e.preventDefault();
    const next = e.key === 'ArrowRight' ? el.nextElementSibling : el.previousElementSibling;
    if (next && next.classList.contains('touchpoint-column')) (next as SVGElement).focus();
  }
});
svgNode.addEventListener('focusin', (e) => panIntoView(e.target as Element));

// ---- Export and Mermaid ----

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The map as a self-contained SVG: actual size, the theme's colours resolved into its sheet. */
function exportSvg(): { text: string; width: number; height: number } {
  // A long journey's map holds only the columns near the view: the export draws the whole map
  // afresh, detached (names keep their estimated fit), so the file has every touchpoint.
  let clone: SVGSVGElement;
  let w = Math.ceil(size.width);
  let h = Math.ceil(size.height);
  if (model && isWindowed()) {
    clone = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
    const full = renderMap(clone, model, { interactive: false });
    w = Math.ceil(full.width);
    h = Math.ceil(full.height);
  } else {
    clone = svgNode.cloneNode(true) as SVGSVGElement;
  }
  clone.removeAttribute('id');
  clone.removeAttribute('tabindex');
  // The sheet's light-theme rules follow VS Code's body class, which the file does not carry.
  const kind = document.body.classList;
  if (kind.contains('vscode-light')) clone.setAttribute('data-theme', 'light');
  else if (kind.contains('vscode-dark')) clone.setAttribute('data-theme', 'dark');
  clone.classList.remove('far');
  clone.querySelector('g.map-viewport')?.removeAttribute('transform');
  clone.querySelector('g.lane-labels')?.removeAttribute('transform');
  clone.querySelector('g.header')?.removeAttribute('transform');
  clone.querySelectorAll('.highlighted').forEach((n) => n.classList.remove('highlighted'));
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  clone.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const css = getComputedStyle(document.documentElement);
  const vars: Record<string, string> = {};
  for (const name of THEME_VARIABLE_NAMES) {
    const value = css.getPropertyValue(name).trim();
    if (value) vars[name] = value;
  }
  const contrast = css.getPropertyValue('--vscode-contrastBorder').trim();
  if (contrast) vars['--vscode-contrastBorder'] = contrast;
  const style = document.createElementNS(SVG_NS, 'style');
  style.textContent = standaloneCss(vars);
  const desc = clone.querySelector('desc');
  clone.insertBefore(style, desc ? desc.nextSibling : clone.firstChild);
  return { text: new XMLSerializer().serializeToString(clone), width: w, height: h };
}

/** The SVG drawn onto a canvas; a data: URL of a PNG, at 2x where the canvas allows. */
async function exportPng(): Promise<string> {
  const { text, width, height } = exportSvg();
  const scale = Math.min(2, 16000 / Math.max(1, width), 16000 / Math.max(1, height));
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.ceil(width * scale));
    canvas.height = Math.max(1, Math.ceil(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function doExport(format: 'svg' | 'png'): Promise<void> {
  if (!model) return;
  const data = format === 'svg' ? exportSvg().text : await exportPng();
  post({ type: 'exported', format, data });
}

function copyMermaid(): void {
  if (model?.kind === 'journey') post({ type: 'copyMermaid', text: toMermaidJourney(model) });
}

document.querySelector('.toolbar')?.addEventListener('click', (e) => {
  const action = (e.target as Element).closest('button')?.getAttribute('data-action');
  switch (action) {
    case 'zoom-in':
      zoomer.scaleBy(svg, 1.25);
      break;
    case 'zoom-out':
      zoomer.scaleBy(svg, 0.8);
      break;
    case 'fit':
      fit();
      break;
    case 'reset':
      svg.call(zoomer.transform, zoomIdentity);
      break;
    case 'mermaid':
      copyMermaid();
      break;
    case 'export-svg':
      void doExport('svg');
      break;
    case 'export-png':
      void doExport('png');
      break;
  }
});

window.addEventListener('resize', () => {
  measureView();
  zoomer.extent([
    [0, 0],
    [viewW, viewH],
  ]);
  // A wider view may show columns beyond the drawn ones.
  applyTransform(transform);
});

window.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as HostToWebview | null;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'model':
      if (m.result && typeof m.result === 'object') showModel(m.result);
      if (m.theme) document.body.setAttribute('data-theme', m.theme);
      break;
    case 'modelDiff': {
      // Patched in place when the map holds the diff's base; else the whole model is asked for.
      const patched = patchShown(model, modelVersion, m.result);
      if (patched) showModel(patched, true);
      else post({ type: 'resync' });
      break;
    }
    case 'highlight':
      highlight(m);
      break;
    case 'export':
      if (m.format === 'svg' || m.format === 'png') void doExport(m.format);
      break;
    case 'compare':
      compare.set(m);
      compare.refresh(model);
      break;
    case 'leaveCompare':
      compare.clear();
      break;
  }
});

post({ type: 'ready' });
