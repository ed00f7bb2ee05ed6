// A map as a file (the CLI's `render`): the same renderer, a fixed light or dark theme, a
// self-contained style sheet, no script. The caller supplies the document (linkedom in Node).
import type { FileModel } from '../../../server/src/core/model';
import { describe, renderMap } from './index';
import { escapeHtml } from './text';
import { standaloneCss, StandaloneTheme, THEME_VARIABLES } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Draws the model into a new `<svg>` of `doc`, with its styles inside: as wide as its content
 * (its columns), or scaled to `width` pixels when given.
 */
export function standaloneSvg(doc: Document, model: FileModel, theme: StandaloneTheme, width?: number): Element {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  const size = renderMap(svg, model, { interactive: false });
  const scale = width ? width / Math.ceil(size.width) : 1;
  svg.setAttribute('width', String(Math.round(Math.ceil(size.width) * scale)));
  svg.setAttribute('height', String(Math.round(Math.ceil(size.height) * scale)));
  svg.setAttribute('viewBox', `0 0 ${Math.ceil(size.width)} ${Math.ceil(size.height)}`);
  svg.setAttribute('data-theme', theme);
  const style = doc.createElementNS(SVG_NS, 'style');
  style.textContent = standaloneCss({ ...THEME_VARIABLES[theme] });
  // After <title> and <desc>, which must stay first.
  const desc = svg.querySelector('desc');
  svg.insertBefore(style, desc ? desc.nextSibling : svg.firstChild);
  return svg;
}

/** An HTML page around the map: scrolls sideways, carries the theme's background. */
export function standaloneHtml(svgMarkup: string, model: FileModel, theme: StandaloneTheme): string {
  const bg = THEME_VARIABLES[theme]['--vscode-editor-background'];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(describe(model).title)}</title>
<style>html, body { margin: 0; background: ${bg}; } body { overflow: auto; } svg { display: block; max-width: 100%; height: auto; }</style>
</head>
<body>
${svgMarkup}
</body>
</html>
`;
}
