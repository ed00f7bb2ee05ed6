// The portfolio as Markdown: what a pull request or a wiki shows. One table per ranking group
// (a currency per year, or a period that does not annualise), so no table mixes money that
// cannot be compared.
import type { Portfolio, PortfolioOwner } from '../../core/portfolio';
import type { ReportInput } from './reportWords';
import { amount, asGiven, completion, groupsSentence, money, pct, score, totals, trendRows } from './reportWords';

/** Text safe in a Markdown table cell: no pipes, no line breaks, no markup. */
export function md(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/([\\`*_{}[\]<>|~])/g, '\\$1');
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

/** Splits rows into their ranking groups, in the order given. */
function byGroup<T>(rows: T[], group: (r: T) => string | null): [string, T[]][] {
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

const link = (text: string, href: string): string =>
  `[${md(text)}](${encodeURI(href).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;

export function formatReportMarkdown(input: ReportInput): string {
  const p: Portfolio = input.portfolio;
  const journeyLink = (title: string, uri: string): string => link(title, input.linkOf(uri));
  const lines: string[] = ['# Journey portfolio', ''];
  lines.push(
    `${p.journeys.length} ${p.journeys.length === 1 ? 'journey' : 'journeys'}, ` +
      `${p.hotspots.length} hotspots, ${p.opportunities.length} opportunities.`,
    '',
  );
  lines.push(`> ${md(p.rule)}`, '');
  const groups = groupsSentence(p);
  if (groups) lines.push(md(groups), '');

  lines.push('## Journeys by revenue at risk at their hotspots', '');
  for (const [g, rows] of byGroup(p.journeys, (j) => (j.rank === null ? null : j.risk!.group))) {
    lines.push(`### ${md(g)}`, '');
    lines.push(
      ...table(
        ['#', 'Journey', 'At risk at hotspots', 'Score', 'Completion', 'Hotspots', 'Top hotspot', 'Owner', 'Personas', 'Period'],
        rows.map((j) => [
          String(j.rank),
          journeyLink(j.title, j.uri),
          md(money(j.risk)) +
            (asGiven(j.risk) ? ` (${md(asGiven(j.risk)!)})` : '') +
            (j.hotspotsNotSummed ? ` (${j.hotspotsNotSummed} hotspot(s) with another period left out)` : ''),
          score(j),
          md(completion(j)),
          String(j.hotspotCount),
          j.topHotspot ? `${md(j.topHotspot.name)} (${md(money(j.topHotspot.risk))})` : '–',
          md(j.owner ?? '–'),
          md(j.personas.map((x) => x.name ?? x.id).join(', ') || '–'),
          md(j.period ?? '–'),
        ]),
      ),
    );
  }
  const apart = p.journeys.filter((j) => j.notCompared !== null);
  if (apart.length) {
    lines.push('### Not compared per year', '');
    for (const j of apart) lines.push(`- ${journeyLink(j.title, j.uri)}: ${md(j.notCompared!)}`);
    lines.push('');
  }
  const trended = p.journeys.filter((j) => j.trend !== null);
  if (trended.length) {
    lines.push('### Trends from data files', '');
    lines.push('| Journey | Metric | Trend | First → latest |', '| --- | --- | --- | --- |');
    for (const j of trended) {
      for (const r of trendRows(j.trend!))
        lines.push(`| ${journeyLink(j.title, j.uri)} | ${md(r.metric)} | ${r.spark} | ${md(r.first)} → **${md(r.latest)}** |`);
    }
    lines.push('');
  }

  lines.push('## Hotspots across journeys', '');
  for (const [g, rows] of byGroup(p.hotspots, (h) => (h.rank === null ? null : h.risk!.group))) {
    lines.push(`### ${md(g)}`, '');
    lines.push(
      ...table(
        ['#', 'Journey', 'Touchpoint', 'Stage', 'Owner', 'Friction', 'Customers lost', 'Revenue at risk', 'Confidence'],
        rows.map((h) => [
          String(h.rank),
          journeyLink(h.journeyTitle, h.uri),
          md(h.name),
          md(h.stageName),
          md(h.owner ?? '–'),
          h.friction.toFixed(2),
          amount(h.customersLost),
          md(money(h.risk)),
          h.confidence,
        ]),
      ),
    );
  }
  const unknownSpots = p.hotspots.filter((h) => h.rank === null);
  if (unknownSpots.length) {
    lines.push('### Revenue at risk unknown', '');
    for (const h of unknownSpots)
      lines.push(`- ${md(h.journeyTitle)}: ${md(h.name)} (friction ${h.friction.toFixed(2)}, owner ${md(h.owner ?? '–')})`);
    lines.push('');
  }

  lines.push('## Opportunities by priority', '');
  lines.push('Priority = value / effort; value = uplift x the revenue at risk of its touchpoint. Ties go to the larger value.', '');
  for (const [g, rows] of byGroup(p.opportunities, (o) => (o.standing === 'ranked' ? o.priority!.group : null))) {
    lines.push(`### ${md(g)}`, '');
    lines.push(
      ...table(
        ['#', 'Opportunity', 'Priority (per effort point)', 'Value', 'Effort', 'Status', 'Owner', 'Journey', 'Relieves', 'Link'],
        rows.map((o) => [
          String(o.rank),
          md(o.text),
          md(money(o.priority)),
          md(money(o.value)),
          String(o.effort ?? '–'),
          md(o.status ?? '–'),
          md(o.owner ?? '–'),
          journeyLink(o.journeyTitle, o.uri),
          o.hotspotRank !== null ? `hotspot #${o.hotspotRank}: ${md(o.touchpointName)}` : md(o.touchpointName),
          // Only web links become links: a `javascript:` link in a YAML file must stay text.
          o.link && /^https?:\/\//i.test(o.link) ? link(o.link, o.link) : md(o.link ?? '–'),
        ]),
      ),
    );
  }
  const listApart = (title: string, rows: Portfolio['opportunities']): void => {
    if (!rows.length) return;
    lines.push(`### ${title}`, '');
    for (const o of rows)
      lines.push(
        `- ${md(o.text)} (${md(o.journeyTitle)}: ${md(o.touchpointName)}): ${md(o.reason ?? '')}${o.owner ? `, owner ${md(o.owner)}` : ''}`,
      );
    lines.push('');
  };
  listApart(
    'Unranked (no priority)',
    p.opportunities.filter((o) => o.standing === 'unranked'),
  );
  listApart(
    'Done or dropped (not ranked)',
    p.opportunities.filter((o) => o.standing === 'closed'),
  );

  const owners = (title: string, rows: PortfolioOwner[], rolesHead: string): void => {
    lines.push(`## ${title}`, '');
    if (!rows.length) {
      lines.push('None behind a hotspot.', '');
      return;
    }
    lines.push(
      'Ordered by the journeys their hotspots span, then hotspots, then money (each currency apart). ' +
        '**Systemic**: behind hotspots of two or more journeys.',
      '',
    );
    lines.push(
      ...table(
        [title === 'Owners' ? 'Team' : 'System', 'Journeys', 'Hotspots', 'At risk at those hotspots', rolesHead, ''],
        rows.map((o) => [
          md(o.name),
          `${o.journeys.length}: ${md(o.journeys.join(', '))}`,
          String(o.hotspots.length),
          md(totals(o.money)) + (o.unknown ? ` (+${o.unknown} unknown)` : ''),
          md(o.roles.join(', ') || '–'),
          o.systemic ? '**systemic**' : '',
        ]),
      ),
    );
  };
  owners('Owners', p.owners, 'As');
  owners('Systems', p.systems, 'Owned by');

  lines.push('## Personas: where each is hurt most', '');
  if (!p.personas.length) lines.push('No journey names a persona.', '');
  for (const x of p.personas) {
    lines.push(
      `### ${md(x.name ?? x.id)} (${md(x.id)})`,
      '',
      `In ${x.journeys.length} ${x.journeys.length === 1 ? 'journey' : 'journeys'}: ${md(x.journeys.join(', '))}.`,
      '',
    );
    if (!x.moments.length) {
      lines.push('No emotion at a hotspot.', '');
      continue;
    }
    lines.push(
      ...table(
        ['Journey', 'Hotspot', 'Emotion', 'Revenue at risk'],
        x.moments.map((m) => [
          journeyLink(m.journeyTitle, m.uri),
          `#${m.hotspotRank} ${md(m.name)}`,
          `${m.emotion} (${m.emotionScale.min}..${m.emotionScale.max}, ${pct(m.level)} up the scale)`,
          md(money(m.risk)),
        ]),
      ),
    );
  }
  if (input.skipped.length) {
    lines.push('## Files left out', '');
    for (const s of input.skipped) lines.push(`- ${md(s.file)}: ${md(s.reason)}`);
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}
