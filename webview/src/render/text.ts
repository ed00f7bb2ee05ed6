// Text helpers shared by every lane: wrapping without a layout engine (the CLI has none), and
// the number formats of the map.

/** Average glyph width as a share of the font size; generous so text rarely overflows. */
const GLYPH = 0.53;
const GLYPH_BOLD = 0.59;

export interface Wrapped {
  lines: string[];
  truncated: boolean;
}

/**
 * Breaks text into at most `maxLines` lines of about `width` pixels. Each line keeps its
 * trailing space so the joined lines read as the original text (runs of whitespace become one).
 */
export function wrapText(text: string, width: number, fontSize: number, maxLines: number, bold = false): Wrapped {
  const max = Math.max(4, Math.floor(width / (fontSize * (bold ? GLYPH_BOLD : GLYPH))));
  const words = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > max) {
      // A word longer than a line is cut where it must be.
      if (line) {
        lines.push(line + ' ');
        line = '';
      }
      lines.push(word.slice(0, max));
      word = word.slice(max);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ' ' + word;
    else {
      lines.push(line + ' ');
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1].trimEnd();
  kept[maxLines - 1] = (last.length >= max ? last.slice(0, max - 1) : last) + '…';
  return { lines: kept, truncated: true };
}

/** Approximate width of a one-line text, for laying out chips and legends. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return text.length * fontSize * (bold ? GLYPH_BOLD : GLYPH);
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** An emotion value with its sign, one decimal at most: +2, -0.5, 0. */
export function signed(x: number): string {
  const r = Math.round(x * 10) / 10;
  const s = Number.isInteger(r) ? String(r) : r.toFixed(1);
  return r > 0 ? `+${s}` : s;
}

/** Money and counts in a compact form (no currency: the file names none): 452k, 1.2M. */
export function compact(n: number): string {
  const a = Math.abs(n);
  const fmt = (x: number, unit: string) => `${(Math.round(x * 10) / 10).toString()}${unit}`;
  if (a >= 1e9) return fmt(n / 1e9, 'B');
  if (a >= 1e6) return fmt(n / 1e6, 'M');
  if (a >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (a >= 1e3) return fmt(n / 1e3, 'k');
  return String(Math.round(n));
}

/** Persona colours come from files: only plain colour syntax reaches an attribute. */
export function safeColor(c: string | undefined, fallback: string): string {
  if (!c) return fallback;
  const s = c.trim();
  if (/^#[0-9a-fA-F]{3,8}$/.test(s) || /^[a-zA-Z]{3,20}$/.test(s) || /^(rgb|hsl)a?\([\d\s.,%]+\)$/.test(s)) return s;
  return fallback;
}

/** Opportunity links are shown as text; only http(s) ones may ever become links. */
export function safeHttpUrl(link: string | undefined): string | null {
  if (!link) return null;
  try {
    const u = new URL(link.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Text for an HTML page's markup or attributes (the webview page and the CLI's HTML file). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
