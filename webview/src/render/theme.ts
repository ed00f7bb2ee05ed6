// Colours come from the VS Code theme (`--vscode-*` variables), so light, dark and high
// contrast need no code. Outside VS Code (CLI render, exports) the same sheet is used with a
// fixed set of those variables written in front of it.

/** The theme variables the map reads, with the light and dark values of VS Code's default themes. */
export const THEME_VARIABLES = {
  light: {
    '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-charts-foreground': '#616161',
    '--vscode-charts-lines': 'rgba(97, 97, 97, 0.5)',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-purple': '#652d90',
    '--vscode-errorForeground': '#a1260d',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-inputValidation-errorBackground': '#f2dede',
    '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-textBlockQuote-background': '#f8f8f8',
    '--vscode-textBlockQuote-border': '#e5e5e5',
  },
  dark: {
    '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-editorWidget-background': '#252526',
    '--vscode-editorWidget-border': '#454545',
    '--vscode-charts-foreground': '#cccccc',
    '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-errorForeground': '#f85149',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-inputValidation-errorBackground': '#5a1d1d',
    '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-textBlockQuote-background': '#2b2b2b',
    '--vscode-textBlockQuote-border': '#616161',
  },
} as const;

export type StandaloneTheme = keyof typeof THEME_VARIABLES;
export const THEME_VARIABLE_NAMES = Object.keys(THEME_VARIABLES.light) as (keyof typeof THEME_VARIABLES.light)[];

// Shorthands; every value falls back to the light theme so the sheet never renders colourless.
const v = (name: keyof typeof THEME_VARIABLES.light): string => `var(${name}, ${THEME_VARIABLES.light[name]})`;
const fg = v('--vscode-editor-foreground');
const bg = v('--vscode-editor-background');
const muted = v('--vscode-descriptionForeground');
const widget = v('--vscode-editorWidget-background');
const border = v('--vscode-editorWidget-border');
const red = v('--vscode-charts-red');
const green = v('--vscode-charts-green');

/**
 * The map's style sheet. Selectors avoid `>` and quotes so the text is safe inside an SVG
 * `<style>`, an HTML `<style>` and an XML serialization alike. High contrast: VS Code sets
 * `--vscode-contrastBorder` only in those themes, so borders appear there and nowhere else.
 * There (body class `vscode-high-contrast`, light ones too) channel badges are solid and the
 * peak and end labels take the text colour instead of their persona's (whose mark keeps it),
 * and a backstage box whose quote background the theme leaves unset (dark high contrast) takes
 * the widget background rather than the light fallback. The webview suite measures every
 * text's contrast against VS Code's own high-contrast variables (contrast.test.ts), and the
 * extension suite in Default Dark Modern. That found the muted grey too faint on a tinted stage
 * band (a stage's owner takes the text colour; size and weight set it below the name) and the
 * red "Fix first" on too strong a red (the callout's background is lighter).
 * A line ending in a backslash goes on in the next line: the CSS has no line break there.
 */
export const MAP_CSS = `
.jm-map { font-family: ${v('--vscode-font-family')}; fill: ${fg}; color: ${fg}; }
.jm-map text { fill: ${fg}; font-size: 11px; }
.jm-map .map-background { fill: ${bg}; }
.jm-map .title { font-size: 22px; font-weight: 700; }
.jm-map .subtitle, .jm-map .muted, .jm-map .lane-hint { fill: ${muted}; }
.jm-map .summary-card, .jm-map .lane-label-bg { fill: ${widget}; stroke: var(--vscode-contrastBorder, none); }
.jm-map .lane-label-bg { fill: ${bg}; }
.jm-map .summary-label { fill: ${muted}; font-size: 10px; text-transform: uppercase; letter-spacing: 0.06em; }
.jm-map .summary-value { font-size: 13px; font-weight: 600; }
.jm-map .summary-line { font-size: 11px; }
.jm-map .summary-figures { font-size: 11px; fill: ${muted}; font-variant-numeric: tabular-nums; }
.jm-map .goal-label { fill: ${muted}; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; }
.jm-map .goal-value { font-size: 12px; }
.jm-map .lane-label { font-size: 11px; font-weight: 700; fill: ${muted}; text-transform: uppercase; letter-spacing: 0.06em; }
.jm-map .lane-separator { stroke: ${v('--vscode-panel-border')}; stroke-width: 1; }
.jm-map .stage-band rect { stroke: var(--vscode-contrastBorder, none); }
.jm-map .stage-band text { font-size: 13px; font-weight: 700; }
.jm-map .stage-band.empty rect { fill-opacity: 0.05; stroke: ${border}; stroke-dasharray: 4 3; }
.jm-map .column-bg { fill: transparent; pointer-events: none; }
.jm-map .hit { fill: transparent; }
.jm-map .column-bg.highlighted { fill: ${v('--vscode-focusBorder')}; fill-opacity: 0.10; }
.jm-map .card { fill: ${widget}; stroke: ${border}; stroke-width: 1; }
.jm-map .touchpoint-column { cursor: pointer; outline: none; }
.jm-map .touchpoint-column:focus .card, .jm-map .touchpoint-column.highlighted .card { \
stroke: ${v('--vscode-focusBorder')}; stroke-width: 2; }
.jm-map .touchpoint-name { font-size: 12px; font-weight: 600; }
.jm-map .channel-badge rect { fill: ${v('--vscode-badge-background')}; fill-opacity: 0.6; stroke: var(--vscode-contrastBorder, none); }
.jm-map .channel-badge text { fill: ${v('--vscode-badge-foreground')}; font-size: 10px; }
.jm-map .moment-of-truth path { fill: ${v('--vscode-charts-yellow')}; }
.jm-map .flow { fill: none; stroke-width: 1.5; stroke-linecap: round; stroke-linejoin: round; }
.jm-map .flow-step { stroke: ${muted}; }
.jm-map .flow-jump { stroke: ${v('--vscode-textLink-foreground')}; stroke-width: 2; }
.jm-map .grid-line { stroke: ${v('--vscode-charts-lines')}; stroke-opacity: 0.35; stroke-width: 1; }
.jm-map .midpoint-line { stroke: ${v('--vscode-charts-lines')}; stroke-width: 1.5; stroke-dasharray: 5 4; }
.jm-map .axis-label { fill: ${muted}; font-size: 10px; }
.jm-map .emotion-curve { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; }
.jm-map .emotion-point { stroke: ${bg}; stroke-width: 1.5; }
.jm-map .peak-marker, .jm-map .end-marker { fill: none; stroke-width: 2; }
.jm-map .marker-label { font-size: 10px; font-weight: 700; paint-order: stroke; stroke: ${bg}; stroke-width: 3px; stroke-linejoin: round; }
.jm-map .friction-base { fill: ${widget}; stroke: ${border}; stroke-width: 0.5; }
.jm-map .friction-heat { fill: transparent; }
.jm-map .band-calm { fill: ${green}; fill-opacity: 0.16; }
.jm-map .band-low { fill: ${v('--vscode-charts-yellow')}; fill-opacity: 0.2; }
.jm-map .band-raised { fill: ${v('--vscode-charts-orange')}; fill-opacity: 0.42; }
.jm-map .band-hot { fill: ${red}; fill-opacity: 0.48; }
.jm-map .lg-swatch { stroke: ${border}; stroke-width: 0.5; }
.jm-map .friction-cell.hotspot .friction-base { stroke: ${v('--vscode-errorForeground')}; stroke-width: 2; }
.jm-map .friction-score { font-size: 14px; font-weight: 700; }
.jm-map .friction-none { fill: ${muted}; }
.jm-map .hotspot-badge circle { fill: ${v('--vscode-errorForeground')}; }
.jm-map .hotspot-badge text { fill: ${bg}; font-size: 10px; font-weight: 700; }
.jm-map .revenue-at-risk { fill: ${fg}; font-size: 12px; font-weight: 800; }
.jm-map .confidence-mark .bar, .jm-map .lg-confidence .bar { fill: ${muted}; fill-opacity: 0.25; }
.jm-map .confidence-mark .bar.on, .jm-map .lg-confidence .bar.on { fill-opacity: 1; }
.jm-map .touchpoint-owner { fill: ${muted}; font-size: 10px; }
.jm-map .stage-band .stage-owner { font-size: 11px; font-weight: 400; }
.jm-map .saying { font-size: 11px; }
.jm-map .lane-thinking .saying { font-style: italic; }
.jm-map .fix-first { cursor: pointer; outline: none; }
.jm-map .fix-bg { fill: ${v('--vscode-inputValidation-errorBackground')}; fill-opacity: 0.4; \
stroke: ${v('--vscode-inputValidation-errorBorder')}; stroke-width: 1; }
.jm-map .fix-bar { fill: ${v('--vscode-errorForeground')}; }
.jm-map .fix-first.calm .fix-bg { fill: ${widget}; stroke: ${border}; }
.jm-map .fix-first.calm .fix-bar { fill: ${green}; }
.jm-map .fix-label { fill: ${v('--vscode-errorForeground')}; font-size: 10px; font-weight: 700; \
text-transform: uppercase; letter-spacing: 0.08em; }
.jm-map .fix-first.calm .fix-label { fill: ${muted}; }
.jm-map .fix-name { font-size: 16px; font-weight: 700; }
.jm-map .fix-where, .jm-map .fix-opportunity { font-size: 12px; }
.jm-map .fix-money { font-size: 12px; font-weight: 700; }
.jm-map .fix-opportunity { fill: ${green}; }
.jm-map .fix-first:focus-visible .fix-bg, .jm-map .fix-first:hover .fix-bg { stroke: ${v('--vscode-focusBorder')}; stroke-width: 2; }
.jm-map .persona-chip .chip-bg { fill: ${widget}; stroke: ${border}; stroke-width: 0.5; }
.jm-map .chip-label { font-size: 11px; }
.jm-map .legend-title { fill: ${muted}; font-size: 10px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; }
.jm-map .legend-label { font-size: 11px; fill: ${muted}; }
.jm-map .lg-peak, .jm-map .lg-end { fill: none; stroke: ${fg}; stroke-width: 2; }
.jm-map .lg-badge circle { fill: ${v('--vscode-errorForeground')}; }
.jm-map .lg-badge text { fill: ${bg}; font-size: 9px; font-weight: 700; }
.jm-map .lg-money { font-size: 12px; font-weight: 800; }
.jm-map .lg-star { fill: ${v('--vscode-charts-yellow')}; }
.jm-map .lg-flow { fill: none; stroke-width: 1.5; stroke-linecap: round; }
.jm-map .lg-flow-step { stroke: ${muted}; }
.jm-map .lg-flow-jump { stroke: ${v('--vscode-textLink-foreground')}; stroke-width: 2; }
.jm-map .lg-funnel { fill: ${v('--vscode-charts-blue')}; fill-opacity: 0.75; }
.jm-map .lg-visibility { stroke: ${muted}; stroke-width: 1.5; stroke-dasharray: 4 2; }
.jm-map .legend-pain { fill: ${v('--vscode-errorForeground')}; font-size: 11px; }
.jm-map .legend-opportunity { fill: ${green}; font-size: 11px; }
.jm-map .legend-chip { fill: ${widget}; stroke: ${border}; }
.jm-map .legend-n { font-size: 10px; }

.jm-map .pain-point text { fill: ${v('--vscode-errorForeground')}; }
.jm-map .pain-point .severity-critical, .jm-map .pain-point .severity-high { font-weight: 700; }
.jm-map .opportunity text { fill: ${green}; }
.jm-map .opportunity .owner, .jm-map .backstage-entry .owner { fill: ${muted}; font-size: 10px; }
.jm-map .pain-point, .jm-map .opportunity, .jm-map .backstage-entry, .jm-map .stage-band, .jm-map .used-by { cursor: pointer; }
.jm-map .line-of-visibility { stroke: ${muted}; stroke-width: 1.5; stroke-dasharray: 8 4; }
.jm-map .visibility-label { fill: ${muted}; font-size: 10px; font-style: italic; }
.jm-map .backstage-entry rect { fill: var(--vscode-textBlockQuote-background, ${widget}); stroke: ${v('--vscode-textBlockQuote-border')}; }
.jm-map .backstage-entry text { font-size: 10px; }
.jm-map .funnel-track { fill: ${widget}; stroke: ${border}; stroke-width: 0.5; }
.jm-map .funnel-bar { fill: ${v('--vscode-charts-blue')}; fill-opacity: 0.75; }
.jm-map .funnel-label { font-size: 10px; }
.jm-map .funnel-path { fill: ${muted}; font-size: 9px; font-weight: 600; }
.jm-map .metric-chip rect { fill: ${widget}; stroke: ${border}; }
.jm-map .metric-chip text { font-size: 10px; font-weight: 600; }
.jm-map .metric-trend .trend-line { fill: none; stroke: ${v('--vscode-charts-blue')}; stroke-width: 1.5; }
.jm-map .metric-trend .trend-latest { fill: ${v('--vscode-charts-blue')}; }
.jm-map .metric-trend .trend-label { font-size: 9px; }
.jm-map .count-chip { fill: ${muted}; font-size: 10px; }
.jm-map .persona-card { fill: ${widget}; stroke: ${border}; }
.jm-map .persona-name { font-size: 22px; font-weight: 700; }
.jm-map .persona-quote { font-size: 14px; font-style: italic; fill: ${muted}; }
.jm-map .section-title { font-size: 11px; font-weight: 700; fill: ${muted}; text-transform: uppercase; letter-spacing: 0.06em; }
.jm-map .used-by text { fill: ${v('--vscode-textLink-foreground')}; text-decoration: underline; }
.jm-map [tabindex]:focus-visible { outline: 2px solid ${v('--vscode-focusBorder')}; }

.vscode-high-contrast .jm-map .channel-badge rect { fill-opacity: 1; }
.vscode-high-contrast .jm-map .marker-label { fill: ${fg} !important; }
`;

/** A self-contained sheet for a map outside VS Code: the variables, then the map's rules. */
export function standaloneCss(vars: Record<string, string>): string {
  const decl = Object.entries(vars)
    .filter(([k, val]) => /^--[\w-]+$/.test(k) && !/[<>{};]/.test(val))
    .map(([k, val]) => `${k}: ${val};`)
    .join(' ');
  return `.jm-map { ${decl} }\n${MAP_CSS}`;
}
