// The webview page, shared by the extension and the tests so both run the same CSP:
// nothing loads unless it comes from the webview's own origin, scripts run by nonce only.
import { escapeHtml } from './render/text';
import { COMPARE_CSS } from './render/compareCss';
import { MAP_CSS } from './render/theme';

export interface WebviewPage {
  /** The bundle (dist/webview.js) as a webview URI. */
  scriptUri: string;
  /** `webview.cspSource`: the origin local resources come from. */
  cspSource: string;
  /** A fresh random nonce per page load. */
  nonce: string;
  title: string;
}

// A line ending in a backslash goes on in the next line: the CSS has no line break there.
const PAGE_CSS = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { background: var(--vscode-editor-background, #fff); color: var(--vscode-editor-foreground, #3b3b3b);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); }
.map-host { position: absolute; inset: 0; }
#map { display: block; width: 100%; height: 100%; touch-action: none; }
#map:focus { outline: none; }
.toolbar { position: fixed; top: 10px; right: 14px; z-index: 2; display: flex; gap: 4px; }
.toolbar button { font: inherit; font-size: 12px; padding: 3px 9px; border-radius: 2px; cursor: pointer;
  color: var(--vscode-button-secondaryForeground, #3b3b3b); background: var(--vscode-button-secondaryBackground, #e5e5e5);
  border: 1px solid var(--vscode-button-border, transparent); }
.toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, #cccccc); }
.toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #005fb8); outline-offset: 1px; }
.toolbar button[disabled] { opacity: 0.5; cursor: default; }
.error-banner { position: fixed; left: 0; right: 0; top: 0; z-index: 3; padding: 8px 14px; font-size: 12px;
  background: var(--vscode-inputValidation-errorBackground, #f2dede); color: var(--vscode-editor-foreground, #3b3b3b);
  border-bottom: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); }
.error-banner[hidden], .empty[hidden], .toolbar[hidden] { display: none; }
body.stale #map .map-viewport { opacity: 0.6; }
.empty { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center;
  color: var(--vscode-descriptionForeground, #717171); pointer-events: none; }
.jm-map .column-bg-group .column-bg.highlighted, .jm-map .stage-band.highlighted rect { \
stroke: var(--vscode-focusBorder, #005fb8); stroke-width: 2; }
.jm-map .summary-line[data-reveal] { cursor: pointer; }
/* Zoomed out so far that text is under a pixel high: not displayed, so not laid out (main.ts). */
.jm-map.far .map-viewport text { display: none; }
`;

export function webviewHtml(page: WebviewPage): string {
  const nonce = escapeHtml(page.nonce);
  const src = escapeHtml(page.cspSource);
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${src} 'nonce-${nonce}'`,
    // Only the PNG export draws the map from a blob: URL; nothing is fetched.
    `img-src ${src} data: blob:`,
    `font-src ${src}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">${PAGE_CSS}${MAP_CSS}${COMPARE_CSS}</style>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Map actions">
  <button type="button" data-action="zoom-out" title="Zoom out (Ctrl+wheel)" aria-label="Zoom out">−</button>
  <button type="button" data-action="zoom-in" title="Zoom in (Ctrl+wheel)" aria-label="Zoom in">+</button>
  <button type="button" data-action="fit" title="Fit the whole map">Fit</button>
  <button type="button" data-action="reset" title="Actual size, back to the start">1:1</button>
  <button type="button" data-action="mermaid" title="Copy the journey as a Mermaid journey diagram (lossy)">Copy as Mermaid</button>
  <button type="button" data-action="export-svg" title="Export the map as SVG">SVG</button>
  <button type="button" data-action="export-png" title="Export the map as PNG">PNG</button>
</div>
<div id="banner" class="error-banner" role="alert" hidden></div>
<div class="map-host"><svg id="map" xmlns="http://www.w3.org/2000/svg" class="jm-map" tabindex="-1"></svg></div>
<div id="empty" class="empty">Loading the map…</div>
<script nonce="${nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}
