// Branching: where a journey's `next` leads somewhere other than the following column. Steps
// to the next column are small arrows in the gap between cards; any other successor is an arc
// under the cards, from the source's card to the target's, with an arrowhead. One path per
// successor, only for the columns being drawn, so 300+ touchpoints stay cheap.
import type { JourneyModel } from '../../../server/src/core/model';
import { Any, El, Sel, sel, setTooltip } from './dom';
import { CARD_W, COL_W, FLOW_BAND, FLOW_LEVEL, FlowEdge, JourneyLayout } from './layout';

const INSET = (COL_W - CARD_W) / 2;
const CX = COL_W / 2;
/** Arcs leave a card left of its centre and arrive right of it, so in and out stay apart. */
const OUT_DX = -12;
const IN_DX = 12;

export function drawFlow(g: Sel, model: JourneyModel, layout: JourneyLayout, shownFrom: number, shownTo: number): void {
  const lane = layout.lanes.touchpoints;
  const x = (i: number) => layout.columnX[i] ?? 0;
  const lo = shownFrom <= shownTo ? x(shownFrom) : Infinity;
  const hi = shownFrom <= shownTo ? x(shownTo) + COL_W : -Infinity;
  const edges = layout.flow.filter((e) => Math.min(x(e.from), x(e.to)) < hi && Math.max(x(e.from), x(e.to)) + COL_W > lo);
  const name = (i: number) => model.touchpoints[i]?.name ?? '';
  const mid = lane.y + 6 + layout.cardH / 2;
  const bottom = lane.y + 6 + layout.cardH;

  g.attr('data-branching', layout.flow.some((e) => e.kind === 'jump') ? 'true' : null);
  g.selectAll<El, Any>('path.flow')
    .data(edges, (e: FlowEdge) => `${e.from}>${e.to}`)
    .join('path')
    .attr('class', (e: FlowEdge) => `flow flow-${e.kind}`)
    .attr('data-from', (e: FlowEdge) => e.from)
    .attr('data-to', (e: FlowEdge) => e.to)
    .attr('data-level', (e: FlowEdge) => (e.kind === 'jump' ? e.level : null))
    .attr('d', (e: FlowEdge) => {
      if (e.kind === 'step') {
        const x1 = x(e.from) + INSET + CARD_W + 2;
        const x2 = x(e.to) + INSET - 2;
        return `M${x1},${mid}L${x2},${mid}M${x2 - 4},${mid - 4}L${x2},${mid}L${x2 - 4},${mid + 4}`;
      }
      const sx = x(e.from) + CX + OUT_DX;
      const tx = x(e.to) + CX + IN_DX;
      // Down from the source, along the band, up into the target: corners rounded, arrow up.
      const depth = bottom + FLOW_BAND + e.level * FLOW_LEVEL;
      const r = 5;
      const dir = tx > sx ? 1 : -1;
      return (
        `M${sx},${bottom}L${sx},${depth - r}Q${sx},${depth} ${sx + dir * r},${depth}` +
        `L${tx - dir * r},${depth}Q${tx},${depth} ${tx},${depth - r}L${tx},${bottom + 1}` +
        `M${tx - 4},${bottom + 6}L${tx},${bottom + 1}L${tx + 4},${bottom + 6}`
      );
    })
    .each(function (e: FlowEdge) {
      setTooltip(sel(this), `${name(e.from)} → ${name(e.to)}`);
    });
}
