// The Journeys view: the portfolio across the workspace's journeys, as the language server ranks
// it (`journeymap/portfolio`, asked again on `journeymap/portfolioChanged`). Grouped by journey
// (ranked by revenue at risk at their hotspots, per year as the report compares money), each
// expanding to its hotspots and opportunities; or by owner (teams, then backstage systems),
// each expanding to the hotspots they own or sit behind. A click reveals the item in the editor.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type {
  Money,
  Portfolio,
  PortfolioHotspot,
  PortfolioJourney,
  PortfolioOpportunity,
  PortfolioOwner,
} from '../../server/src/core/portfolio';
import type { Range } from '../../server/src/core/types';
import { PortfolioChangedNotification, PortfolioRequest, PortfolioResult } from '../../server/src/protocol';
import { asGiven, completion, money, score, totals } from '../../server/src/cli/format/reportWords';
import { showDocument } from './documents';

export const JOURNEYS_VIEW = 'journeymap.journeys';
/** The command a click on a journey, hotspot or opportunity runs: (uri, range). */
export const REVEAL_COMMAND = 'journeymap.revealInEditor';
export type Grouping = 'journeys' | 'owners';

type Node =
  | { kind: 'journey'; journey: PortfolioJourney }
  | { kind: 'hotspot'; hotspot: PortfolioHotspot; under: 'journey' | 'owner' }
  | { kind: 'opportunity'; opportunity: PortfolioOpportunity }
  | { kind: 'owner'; owner: PortfolioOwner; system: boolean }
  | { kind: 'message'; text: string };

/** What the view shows, as plain data: the test-only `journeymap._journeysView` command returns it. */
export interface ViewRow {
  label: string;
  description: string;
  kind: Node['kind'];
  uri?: string;
  range?: Range;
  children?: ViewRow[];
  /** What a click runs. */
  command?: { command: string; arguments: unknown[] };
}

const at = (m: Money | null): string => (m ? `${money(m)} at risk` : 'revenue at risk unknown');

export class JourneysView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private portfolio: Portfolio | undefined;
  private error: string | undefined;
  private grouping: Grouping = 'journeys';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly announced = new vscode.EventEmitter<void>();
  /** The server said the portfolio changed. */
  readonly onDidAnnounce = this.announced.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.announced];
  private readonly tree: vscode.TreeView<Node>;
  /** Bumped by each refresh, so a late answer to an older request is dropped. */
  private generation = 0;
  /** A change was announced while the view was hidden. */
  private stale = false;

  constructor(private readonly client: BaseLanguageClient) {
    this.tree = vscode.window.createTreeView(JOURNEYS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.tree,
      // Fetch only while someone looks: a hidden view is refreshed when it is shown again.
      // The one handler of the notification (a second onNotification would replace it): others follow onDidAnnounce.
      client.onNotification(PortfolioChangedNotification.method, () => {
        if (this.tree.visible) void this.refresh();
        else this.stale = true;
        this.announced.fire();
      }),
      this.tree.onDidChangeVisibility((e) => {
        if (e.visible && (this.stale || !this.portfolio)) void this.refresh();
      }),
      vscode.commands.registerCommand(REVEAL_COMMAND, (uri: string, range?: Range) => reveal(uri, range)),
      vscode.commands.registerCommand('journeymap.groupJourneysByOwner', () => this.setGrouping('owners')),
      vscode.commands.registerCommand('journeymap.groupJourneysByJourney', () => this.setGrouping('journeys')),
      vscode.commands.registerCommand('journeymap.refreshJourneys', () => this.refresh()),
      // Test-only: the rows as the view shows them, fully expanded. Not contributed, so not in the palette.
      vscode.commands.registerCommand('journeymap._journeysView', () => this.rows()),
    );
    void vscode.commands.executeCommand('setContext', 'journeymap.journeysGrouping', this.grouping);
    if (this.tree.visible) void this.refresh();
  }

  /** The portfolio as the server ranks it now (asked afresh; the report panel draws it). */
  async current(): Promise<Portfolio> {
    await this.refresh();
    if (!this.portfolio) throw new Error(this.error ?? 'The portfolio is not available.');
    return this.portfolio;
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    void vscode.commands.executeCommand('setContext', 'journeymap.journeysGrouping', grouping);
    this.changed.fire(undefined);
  }

  /** Asks the server for the portfolio and redraws the view. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.stale = false;
    try {
      if (!this.client.isRunning()) await this.client.start();
      const result = await this.client.sendRequest<PortfolioResult>(PortfolioRequest.method, {});
      if (generation !== this.generation) return;
      this.portfolio = result.portfolio;
      this.error = undefined;
    } catch (e) {
      if (generation !== this.generation) return;
      this.error = `The portfolio is not available: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.tree.message = this.portfolio && !this.error ? summary(this.portfolio) : this.error;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const p = this.portfolio;
    if (!node) {
      if (!p) return this.error ? [{ kind: 'message', text: this.error }] : [];
      if (this.grouping === 'owners') {
        const rows: Node[] = [
          ...p.owners.map((owner) => ({ kind: 'owner' as const, owner, system: false })),
          ...p.systems.map((owner) => ({ kind: 'owner' as const, owner, system: true })),
        ];
        return rows.length ? rows : [{ kind: 'message', text: 'No owner or system sits behind a hotspot.' }];
      }
      return p.journeys.length
        ? p.journeys.map((journey) => ({ kind: 'journey', journey }))
        : [{ kind: 'message', text: 'No journey in the workspace.' }];
    }
    if (!p) return [];
    if (node.kind === 'journey') {
      const uri = node.journey.uri;
      const hotspots = p.hotspots.filter((h) => h.uri === uri).sort((a, b) => a.journeyRank - b.journeyRank);
      const opportunities = p.opportunities.filter((o) => o.uri === uri);
      return [
        ...hotspots.map((hotspot) => ({ kind: 'hotspot' as const, hotspot, under: 'journey' as const })),
        ...opportunities.map((opportunity) => ({ kind: 'opportunity' as const, opportunity })),
      ];
    }
    if (node.kind === 'owner') {
      const out: Node[] = [];
      for (const ref of node.owner.hotspots) {
        const hotspot = p.hotspots.find((h) => h.journeyId === ref.journeyId && h.touchpointId === ref.touchpointId);
        if (hotspot) out.push({ kind: 'hotspot', hotspot, under: 'owner' });
      }
      return out;
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const row = describe(node);
    const collapsible = node.kind === 'journey' || node.kind === 'owner';
    const item = new vscode.TreeItem(
      row.label,
      collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.description = row.description;
    item.tooltip = tooltip(node);
    item.contextValue = node.kind;
    item.iconPath = new vscode.ThemeIcon(
      node.kind === 'journey'
        ? 'map'
        : node.kind === 'hotspot'
          ? 'flame'
          : node.kind === 'opportunity'
            ? 'lightbulb'
            : node.kind === 'owner'
              ? node.system
                ? 'server'
                : 'organization'
              : 'info',
    );
    if (row.uri) {
      item.command = { command: REVEAL_COMMAND, title: 'Reveal in the editor', arguments: [row.uri, row.range] };
    }
    item.id = idOf(node, this.grouping);
    return item;
  }

  /** The whole tree as rows (every node expanded), in the order the view shows them. */
  rows(): { grouping: Grouping; message: string | undefined; rows: ViewRow[] } {
    const walk = (nodes: Node[]): ViewRow[] =>
      nodes.map((n) => {
        const row: ViewRow = describe(n);
        const command = this.getTreeItem(n).command;
        if (command) row.command = { command: command.command, arguments: command.arguments ?? [] };
        const children = this.getChildren(n);
        return children.length ? { ...row, children: walk(children) } : row;
      });
    return { grouping: this.grouping, message: this.tree.message, rows: walk(this.getChildren()) };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function summary(p: Portfolio): string | undefined {
  const apart = p.journeys.filter((j) => j.notCompared !== null).length;
  return apart ? `${apart} journey(s) not compared per year: hover them for why.` : undefined;
}

/** Label, description and target of a node: what the tree item shows and the test reads. */
function describe(node: Node): ViewRow {
  switch (node.kind) {
    case 'journey': {
      const j = node.journey;
      const rank = j.rank === null ? '' : `${j.rank}. `;
      return { kind: 'journey', label: `${rank}${j.title}`, description: `${at(j.risk)} · score ${score(j)}`, uri: j.uri, range: j.range };
    }
    case 'hotspot': {
      const h = node.hotspot;
      const where = node.under === 'owner' ? `${h.journeyTitle}: ` : '';
      return {
        kind: 'hotspot',
        label: `#${h.journeyRank} ${where}${h.name}`,
        description: `${at(h.risk)} · friction ${h.friction.toFixed(2)}`,
        uri: h.uri,
        range: h.range,
      };
    }
    case 'opportunity': {
      const o = node.opportunity;
      const standing =
        o.standing === 'ranked'
          ? `priority ${money(o.priority)} per effort point`
          : o.standing === 'closed'
            ? (o.status ?? 'closed')
            : 'unranked';
      return { kind: 'opportunity', label: o.text, description: standing, uri: o.uri, range: o.range };
    }
    case 'owner': {
      const o = node.owner;
      const sums = o.money.length ? `${totals(o.money)} at risk` : '';
      const spans =
        `${o.hotspots.length} hotspot${o.hotspots.length === 1 ? '' : 's'} ` +
        `in ${o.journeys.length} journey${o.journeys.length === 1 ? '' : 's'}`;
      return {
        kind: 'owner',
        label: `${o.name}${node.system ? ' (system)' : ''}`,
        description: `${sums || 'revenue at risk unknown'} · ${spans}${o.systemic ? ' · systemic' : ''}`,
      };
    }
    case 'message':
      return { kind: 'message', label: node.text, description: '' };
  }
}

function tooltip(node: Node): string | undefined {
  if (node.kind === 'journey') {
    const j = node.journey;
    const given = asGiven(j.risk);
    const lines = [
      `${j.title} (${j.id})`,
      `Revenue at risk at its hotspots: ${money(j.risk)}${given ? ` (${given})` : ''}`,
      `Score ${score(j)}, ${j.hotspotCount} hotspot(s), completion ${completion(j)}`,
    ];
    if (j.owner) lines.push(`Owner: ${j.owner}`);
    if (j.notCompared) lines.push(`Not compared per year: ${j.notCompared}`);
    return lines.join('\n');
  }
  if (node.kind === 'hotspot') {
    const h = node.hotspot;
    return (
      `${h.journeyTitle}: ${h.name} (stage ${h.stageName})\n` +
      `Owner: ${h.owner ?? '–'}${h.systems.length ? `\nSystems: ${h.systems.join(', ')}` : ''}\n` +
      `Confidence: ${h.confidence}`
    );
  }
  if (node.kind === 'opportunity') {
    const o = node.opportunity;
    return (
      `${o.text}\n${o.journeyTitle}: ${o.touchpointName}${o.hotspotRank !== null ? ` (hotspot #${o.hotspotRank})` : ''}` +
      `${o.reason ? `\n${o.reason}` : ''}${o.owner ? `\nOwner: ${o.owner}` : ''}`
    );
  }
  if (node.kind === 'owner') return `${node.owner.name}: ${node.owner.journeys.join(', ')}`;
  return undefined;
}

function idOf(node: Node, grouping: Grouping): string | undefined {
  switch (node.kind) {
    case 'journey':
      return `${grouping}/j/${node.journey.uri}`;
    case 'hotspot':
      return undefined; // the same hotspot appears under several owners
    case 'opportunity':
      return undefined;
    case 'owner':
      return `${grouping}/${node.system ? 's' : 'o'}/${node.owner.name}`;
    case 'message':
      return undefined;
  }
}

/** Opens the file and selects the range (a journey, touchpoint or opportunity). */
async function reveal(uri: string, range?: Range): Promise<void> {
  if (typeof uri !== 'string') return;
  const editor = await showDocument(vscode.Uri.parse(uri));
  if (!range) return;
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  editor.selection = new vscode.Selection(r.start, r.end);
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
