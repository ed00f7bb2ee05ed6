// Colours come from the VS Code theme (`--vscode-*` variables), so light, dark and high
// contrast need no code. Outside VS Code (CLI render, exports) the same sheet is used with a
// fixed set of those variables written in front of it.

/**
 * The theme variables the map reads, with the values VS Code gives a webview in its default
 * themes, Default Light Modern and Default Dark Modern (captured from VS Code 1.137 into
 * test/webview/fixtures/default-themes.json; a webview test keeps them equal). The map's sheet
 * does not read the charts-foreground, charts-purple and button variables.
 */
export const THEME_VARIABLES = {
  light: {
    '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#3b3b3b',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-editorWidget-border': 'rgba(59, 59, 59, 0.2)',
    '--vscode-charts-foreground': '#616161',
    '--vscode-charts-lines': 'rgba(59, 59, 59, 0.5)',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-blue': '#0063d3',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-orange': 'rgba(234, 92, 0, 0.33)',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-purple': '#652d90',
    '--vscode-errorForeground': '#f85149',
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
    '--vscode-editorWidget-background': '#202020',
    '--vscode-editorWidget-border': 'rgba(204, 204, 204, 0.2)',
    '--vscode-charts-foreground': '#cccccc',
    '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-blue': '#59a4f9',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': 'rgba(234, 92, 0, 0.33)',
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
const yellow = v('--vscode-charts-yellow');
const error = v('--vscode-errorForeground');
/**
 * A theme colour made readable as text: mixed toward the text colour, which darkens it in a
 * light theme and lightens it in a dark one while it keeps its hue. Default Light Modern's error
 * red (#f85149) is 3.35:1 on white and its chart green 4.33:1; mixed they pass 4.5:1 on every
 * background the map draws them on, in light, dark and high contrast.
 */
const ink = (c: string, percent: number): string => `color-mix(in srgb, ${c} ${percent}%, ${fg})`;
const errorInk = ink(error, 60);
const greenInk = ink(green, 70);
/** Light themes: the VS Code webview's body class, or the theme a standalone map or an export was drawn in. */
const light = (sel: string): string => `.vscode-light .jm-map ${sel}, .jm-map[data-theme=light] ${sel}`;

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
 * red "Fix first" on too strong a red (the callout's background is lighter). In Default Light
 * Modern the error red and the chart green are too light for text on white: red and green text
 * (pains, opportunities, "Fix first", the hotspot badges) is mixed toward the text colour (`ink`);
 * persona-coloured peak and end labels (their colour a custom property, `--persona`, set on the
 * label) are mixed toward it in light themes only, their marks keeping the persona's colour.
 * VS Code's charts-orange is a faint translucent orange (alpha 0.33), which made the raised
 * friction band look calmer than the low one: the raised band mixes the theme's yellow and red.
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
.jm-map .marker-label { fill: var(--persona, ${fg}); font-size: 10px; font-weight: 700; \
paint-order: stroke; stroke: ${bg}; stroke-width: 3px; stroke-linejoin: round; }
${light('.marker-label')} { fill: color-mix(in srgb, var(--persona, ${fg}) 60%, ${fg}); }
.jm-map .friction-base { fill: ${widget}; stroke: ${border}; stroke-width: 0.5; }
.jm-map .friction-heat { fill: transparent; }
.jm-map .band-calm { fill: ${green}; fill-opacity: 0.16; }
.jm-map .band-low { fill: ${v('--vscode-charts-yellow')}; fill-opacity: 0.2; }
.jm-map .band-raised { fill: color-mix(in srgb, ${yellow}, ${red}); fill-opacity: 0.42; }
.jm-map .band-hot { fill: ${red}; fill-opacity: 0.48; }
.jm-map .lg-swatch { stroke: ${border}; stroke-width: 0.5; }
.jm-map .friction-cell.hotspot .friction-base { stroke: ${v('--vscode-errorForeground')}; stroke-width: 2; }
.jm-map .friction-score { font-size: 14px; font-weight: 700; }
.jm-map .friction-none { fill: ${muted}; }
.jm-map .hotspot-badge circle { fill: ${errorInk}; }
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
.jm-map .fix-label { fill: ${errorInk}; font-size: 10px; font-weight: 700; \
text-transform: uppercase; letter-spacing: 0.08em; }
.jm-map .fix-first.calm .fix-label { fill: ${muted}; }
.jm-map .fix-name { font-size: 16px; font-weight: 700; }
.jm-map .fix-where, .jm-map .fix-opportunity { font-size: 12px; }
.jm-map .fix-money { font-size: 12px; font-weight: 700; }
.jm-map .fix-opportunity { fill: ${greenInk}; }
.jm-map .fix-first:focus-visible .fix-bg, .jm-map .fix-first:hover .fix-bg { stroke: ${v('--vscode-focusBorder')}; stroke-width: 2; }
.jm-map .persona-chip .chip-bg { fill: ${widget}; stroke: ${border}; stroke-width: 0.5; }
.jm-map .chip-label { font-size: 11px; }
.jm-map .legend-title { fill: ${muted}; font-size: 10px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; }
.jm-map .legend-label { font-size: 11px; fill: ${muted}; }
.jm-map .lg-peak, .jm-map .lg-end { fill: none; stroke: ${fg}; stroke-width: 2; }
.jm-map .lg-badge circle { fill: ${errorInk}; }
.jm-map .lg-badge text { fill: ${bg}; font-size: 9px; font-weight: 700; }
.jm-map .lg-money { font-size: 12px; font-weight: 800; }
.jm-map .lg-star { fill: ${v('--vscode-charts-yellow')}; }
.jm-map .lg-flow { fill: none; stroke-width: 1.5; stroke-linecap: round; }
.jm-map .lg-flow-step { stroke: ${muted}; }
.jm-map .lg-flow-jump { stroke: ${v('--vscode-textLink-foreground')}; stroke-width: 2; }
.jm-map .lg-funnel { fill: ${v('--vscode-charts-blue')}; fill-opacity: 0.75; }
.jm-map .lg-visibility { stroke: ${muted}; stroke-width: 1.5; stroke-dasharray: 4 2; }
.jm-map .legend-pain { fill: ${errorInk}; font-size: 11px; }
.jm-map .legend-opportunity { fill: ${greenInk}; font-size: 11px; }
.jm-map .legend-chip { fill: ${widget}; stroke: ${border}; }
.jm-map .legend-n { font-size: 10px; }

.jm-map .pain-point text { fill: ${errorInk}; }
.jm-map .pain-point .severity-critical, .jm-map .pain-point .severity-high { font-weight: 700; }
.jm-map .opportunity text { fill: ${greenInk}; }
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
