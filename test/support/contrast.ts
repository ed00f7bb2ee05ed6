// The contrast of every displayed text of a map with what is painted behind it, measured in the
// page from the real DOM: the webview suite's high-contrast test (webview/contrast.test.ts) and
// the extension suite's dark pass in a real VS Code (extension/harness.ts) both run MEASURE.

/** One text of the map: its contrast ratio (WCAG) with the colours it was measured from. */
export interface Measured {
  text: string;
  cls: string;
  ratio: number;
  fg: string;
  bg: string;
}

/**
 * Runs in the page: each displayed text's colour against the shapes painted before it under
 * its centre (fills with their opacities, composited over the page's background).
 */
/** WCAG AA for body text (high contrast themes exist for readers who need at least that). */
export const MIN_RATIO = 4.5;
/**
 * Peak and end labels keep their persona's hue (the journey chooses it; the curve is drawn in
 * it): WCAG's 3:1 for large text and marks, outside high contrast (where they take the text colour).
 */
export const MIN_RATIO_PERSONA = 3;
export const isPersonaLabel = (m: Measured): boolean => /\bmarker-label\b/.test(m.cls);

export const MEASURE = `(() => {
  // Computed colours come as rgb()/rgba(), or as color(srgb r g b / a) where the sheet mixes
  // them (color-mix). Anything else (a gradient, a colour space not handled here) cannot be
  // measured: the text it paints or lies behind counts as unreadable (ratio 0), never skipped.
  const UNREADABLE = {};
  const parse = (c) => {
    if (!c || c === 'none' || c === 'transparent') return null;
    let m = /^rgba?\\(([^)]+)\\)$/.exec(c);
    if (m) {
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      if (p.length >= 3 && p.every((x) => Number.isFinite(x))) return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    }
    m = /^color\\(srgb ([^)]+)\\)$/.exec(c);
    if (m) {
      const p = m[1].split(/[ /]+/).filter(Boolean).map(Number);
      if (p.length >= 3 && p.every((x) => Number.isFinite(x)))
        return { r: p[0] * 255, g: p[1] * 255, b: p[2] * 255, a: p.length > 3 ? p[3] : 1 };
    }
    return UNREADABLE;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity || 1);
    return o;
  };
  const over = (top, a, under) => ({
    r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a), a: 1,
  });
  const lum = (c) => {
    const ch = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  };
  const css = (c) => 'rgb(' + [c.r, c.g, c.b].map((v) => Math.round(v)).join(',') + ')';
  let page = parse(getComputedStyle(document.body).backgroundColor);
  if (!page || page === UNREADABLE || page.a === 0) page = parse(getComputedStyle(document.documentElement).backgroundColor);
  if (!page || page === UNREADABLE || page.a === 0) page = { r: 255, g: 255, b: 255, a: 1 };
  const shapes = Array.from(document.querySelectorAll('#map rect, #map circle, #map ellipse, #map path, #map polygon'));
  const out = [];
  for (const t of Array.from(document.querySelectorAll('#map text'))) {
    const text = Array.from(t.childNodes).filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('').trim();
    const st = getComputedStyle(t);
    if (!text || st.display === 'none' || st.visibility === 'hidden') continue;
    const box = t.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) continue;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    let bg = page;
    let unreadable = '';
    for (const s of shapes) {
      if (!(s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const cs = getComputedStyle(s);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      const fill = parse(cs.fill);
      if (!fill || fill.a === 0) continue;
      const ctm = s.getScreenCTM();
      if (!ctm) continue;
      const p = new DOMPoint(x, y).matrixTransform(ctm.inverse());
      if (!s.isPointInFill(p)) continue;
      if (fill === UNREADABLE) {
        unreadable = 'behind it ' + cs.fill;
        continue;
      }
      bg = over(fill, fill.a * Number(cs.fillOpacity || 1) * opacity(s), bg);
    }
    const f = parse(st.fill);
    if (!f) continue;
    if (f === UNREADABLE) unreadable = 'its fill ' + st.fill;
    if (unreadable) {
      out.push({ text: text.slice(0, 60), cls: (t.parentElement?.getAttribute('class') || '') + ' > ' + (t.getAttribute('class') || ''),
        ratio: 0, fg: 'unreadable colour: ' + unreadable, bg: '?' });
      continue;
    }
    const fg = over(f, f.a * Number(st.fillOpacity || 1) * opacity(t), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    out.push({
      text: text.slice(0, 60), cls: (t.parentElement?.getAttribute('class') || '') + ' > ' + (t.getAttribute('class') || ''),
      ratio: (hi + 0.05) / (lo + 0.05), fg: css(fg), bg: css(bg),
    });
  }
  return out;
})()`;
