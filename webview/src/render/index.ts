// The one renderer: draws a journey or persona model into an SVG element, in the webview and
// in Node (the CLI passes an element of a linkedom document). No globals, no I/O.
import { select } from 'd3-selection';
import type { FileModel } from '../../../server/src/core/model';
import { child, Sel } from './dom';
import { ColumnWindow, renderJourney } from './journey';
import { renderPersona } from './persona';
import { personaLabel } from './personas';

export interface MapSize {
  width: number;
  height: number;
  /** Left x of each touchpoint's column (journeys). */
  columnX?: number[];
  /** X range of each stage's band (journeys). */
  stageSpan?: { x: number; width: number }[];
}

export interface RenderOptions {
  /** The webview's map: focusable parts; a static file is one image. */
  interactive: boolean;
  /** Draw only the columns in this x range (very long journeys in the webview). */
  window?: ColumnWindow;
  /** Only the window moved since the last render of this same model: draw just the columns it brings in. */
  windowOnly?: boolean;
  /** False where the map's text is not displayed (the webview's far zoom): columns are drawn bare. */
  text?: boolean;
  /** The model is the drawn one patched by a diff: only what changed is drawn again (see renderJourney). */
  patch?: boolean;
}

export function describe(model: FileModel): { title: string; desc: string } {
  if (model.kind === 'persona') {
    const parts = [model.role, model.quote ? `“${model.quote}”` : '', `used by ${model.usedBy.length} journeys`].filter(Boolean);
    return { title: `Persona: ${model.name || model.id}`, desc: parts.join('. ') };
  }
  const s = model.summary;
  const desc = [
    `${s.touchpointCount} touchpoints in ${s.stageCount} stages`,
    model.personas.length ? `personas: ${model.personas.map(personaLabel).join(', ')}` : '',
    `${s.hotspotCount} friction hotspots`,
    model.hotspots[0] ? `top hotspot: ${model.hotspots[0].name}` : '',
  ].filter(Boolean);
  return { title: `Journey map: ${model.title || model.id}`, desc: desc.join('; ') + '.' };
}

/** Draws `model` into `svg`, reusing what an earlier render left there when the kind matches. */
export function renderMap(svgNode: Element, model: FileModel, options: RenderOptions): MapSize {
  const svg = select(svgNode) as Sel;
  if (options.windowOnly && model.kind === 'journey' && svg.attr('data-kind') === 'journey') {
    const layout = renderJourney(svg, model, { window: options.window, windowOnly: true, text: options.text });
    return { width: layout.width, height: layout.height, columnX: layout.columnX, stageSpan: layout.stageSpan };
  }
  if (svg.attr('data-kind') !== model.kind) {
    svg.selectAll('*').remove();
    svg.attr('data-kind', model.kind);
  }
  svg.classed('jm-map', true);
  const { title, desc } = describe(model);
  // Title and description come first so assistive technology reads them before the parts.
  const titleEl = child(svg, 'title', 'map-title').attr('id', 'jm-map-title').text(title);
  const descEl = child(svg, 'desc', 'map-desc').attr('id', 'jm-map-desc').text(desc);
  svgNode.insertBefore(descEl.node(), svgNode.firstChild);
  svgNode.insertBefore(titleEl.node(), svgNode.firstChild);
  svg.attr('aria-labelledby', 'jm-map-title').attr('aria-describedby', 'jm-map-desc');
  svg.attr('role', options.interactive ? 'group' : 'img');
  if (model.kind === 'persona') {
    svg.selectAll('g.lane-labels').remove();
    return renderPersona(svg, model);
  }
  const layout = renderJourney(svg, model, { window: options.window, text: options.text, patch: options.patch });
  return { width: layout.width, height: layout.height, columnX: layout.columnX, stageSpan: layout.stageSpan };
}
