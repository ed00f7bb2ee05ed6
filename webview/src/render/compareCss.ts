// Compare mode's look (render/compare.ts, ../compare.ts), for the webview's page (html.ts): its own
// module so the page, which the extension imports too, takes no renderer code with it.
// A line ending in a backslash goes on in the next line: the CSS has no line break there.
export const COMPARE_CSS = `
.jm-map .compare-curve { fill: none; stroke-width: 2; stroke-opacity: 0.45; stroke-dasharray: 6 4; }
.jm-map .compare-point { fill: var(--vscode-editor-background, #fff); stroke-width: 1.5; stroke-opacity: 0.55; }
.jm-map .compare-delta-bg { stroke-width: 1.5; }
.jm-map .compare-delta-bg { fill: var(--vscode-editor-background, #fff); }
.jm-map .compare-delta.worse .compare-delta-bg { stroke: var(--vscode-charts-red, #e51400); }
.jm-map .compare-delta.better .compare-delta-bg { stroke: var(--vscode-charts-green, #388a34); }
.jm-map .compare-delta-text { font-size: 10px; font-weight: 700; }
.jm-map .compare-delta.worse .compare-delta-text { fill: var(--vscode-charts-red, #e51400); }
.jm-map .compare-delta.better .compare-delta-text { fill: var(--vscode-charts-green, #388a34); }
.jm-map .compare-outline { fill: none; stroke: var(--vscode-charts-green, #388a34); stroke-width: 2; stroke-dasharray: 5 3; }
.jm-map .compare-tag-bg { fill: var(--vscode-charts-green, #388a34); }
.jm-map .compare-tag-text { font-size: 10px; font-weight: 600; fill: var(--vscode-editor-background, #fff); }
.jm-map .compare-gap { stroke: var(--vscode-charts-red, #e51400); stroke-width: 2; stroke-dasharray: 4 3; }
.jm-map .compare-gap-dot { fill: var(--vscode-charts-red, #e51400); }
.jm-map .compare-gap-text { font-size: 14px; font-weight: 700; fill: var(--vscode-editor-background, #fff); }
.compare-bar { position: fixed; left: 0; right: 0; top: 0; z-index: 3; display: flex; align-items: center; gap: 12px;
  padding: 6px 14px; font-size: 12px; min-height: 22px;
  background: var(--vscode-editorWidget-background, #f3f3f3); color: var(--vscode-editor-foreground, #3b3b3b);
  border-bottom: 1px solid var(--vscode-editorWidget-border, #c8c8c8); }
.compare-bar[hidden] { display: none; }
.compare-bar .compare-text { flex: 1; }
.compare-bar button { font: inherit; font-size: 12px; padding: 2px 9px; border-radius: 2px; cursor: pointer;
  color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #005fb8); \
border: 1px solid var(--vscode-button-border, transparent); }
body.comparing .map-host { top: 35px; }
body.comparing .toolbar { top: 45px; }
`;
