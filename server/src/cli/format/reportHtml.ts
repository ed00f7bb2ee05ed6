// The portfolio as one self-contained HTML page: no network (a CSP of default-src 'none' with
// a nonce for its one style and one script), every user text escaped, tables sortable by a
// click on their headers, a small emotion curve per journey, each journey linked to its map
// page (static site) or its file.
import type { Portfolio, PortfolioJourney, PortfolioOwner } from '../../core/portfolio';
import type { ReportInput } from './reportWords';
import { amount, asGiven, completion, groupsSentence, money, pct, score, totals, trendRows } from './reportWords';
import type { TrendRow } from './reportWords';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A cell: its text escaped, and the value the sort uses (a number sorts numerically). */
type Cell = { html: string; sort?: number | string };
const cell = (text: string, sort?: number | string): Cell => ({ html: esc(text), sort });
const raw = (html: string, sort?: number | string): Cell => ({ html, sort });

function table(caption: string, head: string[], rows: Cell[][]): string {
  const th = head.map((h) => `<th scope="col"><button type="button">${esc(h)}</button></th>`).join('');
  const body = rows
    .map(
      (r) => `<tr>${r.map((c) => `<td${c.sort !== undefined ? ` data-sort="${esc(String(c.sort))}"` : ''}>${c.html}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="sortable"><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function groupsOf<T>(rows: T[], group: (r: T) => string | null): [string, T[]][] {
  const out: [string, T[]][] = [];
  for (const r of rows) {
    const g = group(r);
    if (g === null) continue;
    const last = out[out.length - 1];
    if (last && last[0] === g) last[1].push(r);
    else out.push([g, [r]]);
  }
  return out;
}

/** The journey's emotion per touchpoint as a small polyline (gaps break the line). */
export function curveSvg(j: PortfolioJourney): string {
  const w = 120;
  const h = 28;
  const n = j.curve.length;
  const { min, max } = j.emotionScale;
  if (!n || max <= min) return '';
  const x = (i: number): number => (n === 1 ? w / 2 : (i * w) / (n - 1));
  const y = (e: number): number => h - 2 - ((Math.min(max, Math.max(min, e)) - min) / (max - min)) * (h - 4);
  const runs: string[] = [];
  let run: string[] = [];
  j.curve.forEach((e, i) => {
    if (e === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(e).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  const mid = y((min + max) / 2).toFixed(1);
  const lines = runs
    .map((pts) =>
      pts.includes(' ') ? `<polyline points="${pts}"/>` : `<circle r="2" cx="${pts.split(',')[0]}" cy="${pts.split(',')[1]}"/>`,
    )
    .join('');
  return (
    `<svg class="curve" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Emotion curve">` +
    `<line class="mid" x1="0" x2="${w}" y1="${mid}" y2="${mid}"/>${lines}</svg>`
  );
}

/** One metric over the periods as a small line, the latest figure marked with a dot. */
export function trendSvg(r: TrendRow): string {
  const w = 120;
  const h = 28;
  const known = r.values.filter((v): v is number => v !== null);
  if (!known.length) return '';
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const n = r.values.length;
  // 3 px of margin each side, so the latest dot (r 2.5) is not cut.
  const x = (i: number): number => (n === 1 ? w / 2 : 3 + (i * (w - 6)) / (n - 1));
  const y = (v: number): number => (hi === lo ? h / 2 : h - 3 - ((v - lo) / (hi - lo)) * (h - 6));
  const runs: string[] = [];
  let run: string[] = [];
  r.values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  // A figure between two gaps is a dot.
  const lines = runs
    .map((pts) =>
      pts.includes(' ') ? `<polyline points="${pts}"/>` : `<circle r="1.5" cx="${pts.split(',')[0]}" cy="${pts.split(',')[1]}"/>`,
    )
    .join('');
  const last = r.values[r.latestAt] as number;
  return (
    `<svg class="trend" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" ` +
    `aria-label="${esc(`${r.metric}: ${r.first} to ${r.latest}`)}">${lines}` +
    `<circle class="latest" r="2.5" cx="${x(r.latestAt).toFixed(1)}" cy="${y(last).toFixed(1)}"/></svg>`
  );
}

const SORT_SCRIPT = `
for (const table of document.querySelectorAll('table.sortable')) {
  const buttons = table.querySelectorAll('thead button');
  buttons.forEach((button, col) => button.addEventListener('click', () => {
    const th = button.parentElement;
    const asc = th.getAttribute('aria-sort') !== 'ascending';
    for (const b of buttons) b.parentElement.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    const body = table.tBodies[0];
    const key = (row) => { const c = row.cells[col]; return c ? (c.dataset.sort ?? c.textContent) : ''; };
    const rows = Array.from(body.rows).sort((a, b) => {
      const x = key(a), y = key(b);
      const nx = Number(x), ny = Number(y);
      const d = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : String(x).localeCompare(String(y));
      return asc ? d : -d;
    });
    for (const r of rows) body.appendChild(r);
  }));
}
`;

// A line ending in a backslash goes on in the next line: the CSS has no line break there.
const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; background: #fff; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; } h3 { margin-top: 1.4rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort=ascending] button::after { content: " ▲"; } th[aria-sort=descending] button::after { content: " ▼"; }
td[data-sort] { font-variant-numeric: tabular-nums; }
.rule { color: #57606a; } .systemic { color: #b42318; font-weight: 600; }
svg.curve polyline { fill: none; stroke: #0969da; stroke-width: 1.5; } svg.curve circle { fill: #0969da; }
svg.curve line.mid { stroke: #d0d7de; stroke-dasharray: 2 2; }
svg.trend polyline { fill: none; stroke: #57606a; stroke-width: 1.5; } svg.trend circle { fill: #57606a; } \
svg.trend circle.latest { fill: #b42318; }
`;

/**
 * The page. `nonce` (fresh random bytes per page, base64) lets its one style and one script run
 * under the CSP; the CLI and the VS Code report panel each make their own.
 */
export function formatReportHtml(input: ReportInput, nonce: string): string {
  const p: Portfolio = input.portfolio;
  const a = (text: string, href: string): string => `<a href="${esc(href)}">${esc(text)}</a>`;
  const journeyLink = (title: string, uri: string): string => a(title, input.linkOf(uri));
  const out: string[] = [];
  out.push(`<h1>Journey portfolio</h1>`);
  out.push(`<p>${p.journeys.length} journeys, ${p.hotspots.length} hotspots, ${p.opportunities.length} opportunities.</p>`);
  out.push(`<p class="rule">${esc(p.rule)}</p>`);
  const groups = groupsSentence(p);
  if (groups) out.push(`<p class="rule">${esc(groups)}</p>`);

  out.push('<h2 id="journeys">Journeys by revenue at risk at their hotspots</h2>');
  for (const [g, rows] of groupsOf(p.journeys, (j) => (j.rank === null ? null : j.risk!.group))) {
    out.push(
      table(
        g,
        ['#', 'Journey', 'Emotion', 'At risk at hotspots', 'Score', 'Completion', 'Hotspots', 'Top hotspot', 'Owner', 'Personas', 'Period'],
        rows.map((j) => [
          cell(String(j.rank), j.rank!),
          raw(journeyLink(j.title, j.uri), j.title),
          raw(curveSvg(j), ''),
          raw(esc(money(j.risk)) + (asGiven(j.risk) ? `<br><small>${esc(asGiven(j.risk)!)}</small>` : ''), j.risk!.amount),
          cell(score(j), j.score ?? -1),
          cell(completion(j), j.completion.declared ?? j.completion.funnel ?? -1),
          cell(String(j.hotspotCount), j.hotspotCount),
          cell(j.topHotspot ? `${j.topHotspot.name} (${money(j.topHotspot.risk)})` : '–'),
          cell(j.owner ?? '–'),
          cell(j.personas.map((x) => x.name ?? x.id).join(', ') || '–'),
          cell(j.period ?? '–'),
        ]),
      ),
    );
  }
  const apart = p.journeys.filter((j) => j.notCompared !== null);
  if (apart.length) {
    out.push('<h3>Not compared per year</h3><ul>');
    for (const j of apart) out.push(`<li>${journeyLink(j.title, j.uri)} ${curveSvg(j)}: ${esc(j.notCompared!)}</li>`);
    out.push('</ul>');
  }
  const trended = p.journeys.filter((j) => j.trend !== null);
  if (trended.length) {
    out.push('<h3 id="trends">Trends from data files</h3>');
    out.push(
      table(
        'Trends from data files (latest period marked)',
        ['Journey', 'Metric', 'Trend', 'First', 'Latest'],
        trended.flatMap((j) =>
          trendRows(j.trend!).map((r) => [
            raw(journeyLink(j.title, j.uri), j.title),
            cell(r.metric),
            raw(trendSvg(r), ''),
            cell(r.first),
            cell(r.latest),
          ]),
        ),
      ),
    );
  }

  out.push('<h2 id="hotspots">Hotspots across journeys</h2>');
  for (const [g, rows] of groupsOf(p.hotspots, (h) => (h.rank === null ? null : h.risk!.group))) {
    out.push(
      table(
        g,
        ['#', 'Journey', 'Touchpoint', 'Stage', 'Owner', 'Friction', 'Customers lost', 'Revenue at risk', 'Confidence'],
        rows.map((h) => [
          cell(String(h.rank), h.rank!),
          raw(journeyLink(h.journeyTitle, h.uri), h.journeyTitle),
          cell(h.name),
          cell(h.stageName),
          cell(h.owner ?? '–'),
          cell(h.friction.toFixed(2), h.friction),
          cell(amount(h.customersLost), h.customersLost ?? -1),
          cell(money(h.risk), h.risk!.amount),
          cell(h.confidence),
        ]),
      ),
    );
  }
  const unknownSpots = p.hotspots.filter((h) => h.rank === null);
  if (unknownSpots.length) {
    out.push('<h3>Revenue at risk unknown</h3><ul>');
    for (const h of unknownSpots)
      out.push(`<li>${esc(h.journeyTitle)}: ${esc(h.name)} (friction ${h.friction.toFixed(2)}, owner ${esc(h.owner ?? '–')})</li>`);
    out.push('</ul>');
  }

  out.push('<h2 id="opportunities">Opportunities by priority</h2>');
  out.push(
    '<p class="rule">Priority = value / effort; value = uplift x the revenue at risk of its touchpoint. Ties go to the larger value.</p>',
  );
  for (const [g, rows] of groupsOf(p.opportunities, (o) => (o.standing === 'ranked' ? o.priority!.group : null))) {
    out.push(
      table(
        g,
        ['#', 'Opportunity', 'Priority (per effort point)', 'Value', 'Effort', 'Status', 'Owner', 'Journey', 'Relieves', 'Link'],
        rows.map((o) => [
          cell(String(o.rank), o.rank!),
          cell(o.text),
          cell(money(o.priority), o.priority!.amount),
          cell(money(o.value), o.value?.amount ?? -1),
          cell(String(o.effort ?? '–'), o.effort ?? -1),
          cell(o.status ?? '–'),
          cell(o.owner ?? '–'),
          raw(journeyLink(o.journeyTitle, o.uri), o.journeyTitle),
          cell(o.hotspotRank !== null ? `hotspot #${o.hotspotRank}: ${o.touchpointName}` : o.touchpointName),
          // Only web links become links: a `javascript:` link in a YAML file must stay text.
          o.link && /^https?:\/\//i.test(o.link) ? raw(a(o.link, o.link), o.link) : cell(o.link ?? '–'),
        ]),
      ),
    );
  }
  const listApart = (title: string, rows: Portfolio['opportunities']): void => {
    if (!rows.length) return;
    out.push(`<h3>${esc(title)}</h3><ul>`);
    for (const o of rows)
      out.push(
        `<li>${esc(o.text)} (${esc(o.journeyTitle)}: ${esc(o.touchpointName)}): ` +
          `${esc(o.reason ?? '')}${o.owner ? `, owner ${esc(o.owner)}` : ''}</li>`,
      );
    out.push('</ul>');
  };
  listApart(
    'Unranked (no priority)',
    p.opportunities.filter((o) => o.standing === 'unranked'),
  );
  listApart(
    'Done or dropped (not ranked)',
    p.opportunities.filter((o) => o.standing === 'closed'),
  );

  const owners = (id: string, title: string, first: string, rolesHead: string, rows: PortfolioOwner[]): void => {
    out.push(`<h2 id="${id}">${esc(title)}</h2>`);
    if (!rows.length) {
      out.push('<p>None behind a hotspot.</p>');
      return;
    }
    out.push(
      '<p class="rule">Ordered by the journeys their hotspots span, then hotspots, then money (each currency apart). ' +
        'Systemic: behind hotspots of two or more journeys.</p>',
    );
    out.push(
      table(
        title,
        [first, 'Journeys', 'Hotspots', 'At risk at those hotspots', rolesHead, 'Systemic'],
        rows.map((o) => [
          cell(o.name),
          cell(`${o.journeys.length}: ${o.journeys.join(', ')}`, o.journeys.length),
          cell(String(o.hotspots.length), o.hotspots.length),
          cell(totals(o.money) + (o.unknown ? ` (+${o.unknown} unknown)` : ''), o.money[0]?.amount ?? -1),
          cell(o.roles.join(', ') || '–'),
          raw(o.systemic ? '<span class="systemic">systemic</span>' : '', o.systemic ? 1 : 0),
        ]),
      ),
    );
  };
  owners('owners', 'Owners', 'Team', 'As', p.owners);
  owners('systems', 'Systems', 'System', 'Owned by', p.systems);

  out.push('<h2 id="personas">Personas: where each is hurt most</h2>');
  if (!p.personas.length) out.push('<p>No journey names a persona.</p>');
  for (const x of p.personas) {
    out.push(`<h3>${esc(x.name ?? x.id)} (${esc(x.id)})</h3><p>In ${x.journeys.length} journeys: ${esc(x.journeys.join(', '))}.</p>`);
    if (!x.moments.length) {
      out.push('<p>No emotion at a hotspot.</p>');
      continue;
    }
    out.push(
      table(
        `${x.name ?? x.id}: lowest emotions at hotspots`,
        ['Journey', 'Hotspot', 'Emotion', 'Revenue at risk'],
        x.moments.map((m) => [
          raw(journeyLink(m.journeyTitle, m.uri), m.journeyTitle),
          cell(`#${m.hotspotRank} ${m.name}`),
          cell(`${m.emotion} (${m.emotionScale.min}..${m.emotionScale.max}, ${pct(m.level)} up the scale)`, m.level),
          cell(money(m.risk)),
        ]),
      ),
    );
  }
  if (input.skipped.length) {
    out.push('<h2 id="skipped">Files left out</h2><ul>');
    for (const s of input.skipped) out.push(`<li>${esc(s.file)}: ${esc(s.reason)}</li>`);
    out.push('</ul>');
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${esc(nonce)}'; script-src 'nonce-${esc(nonce)}'">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="journeymap ${esc(input.version)}">
<title>Journey portfolio</title>
<style nonce="${esc(nonce)}">${STYLE}</style>
</head>
<body>
${out.join('\n')}
<script nonce="${esc(nonce)}">${SORT_SCRIPT}</script>
</body>
</html>
`;
}
