// "Journey: Open Portfolio Report": the HTML report of `journeymap report` in a webview panel,
// drawn by the same formatter from the portfolio the language server ranks. The page keeps its
// own CSP, the map's rules: `default-src 'none'`, its one style and one script (the table sort)
// by a fresh nonce, nothing remote. Journey links are `command:` links to the one command the
// panel allows (`enableCommandUris` lists it alone), which reveals the journey in the editor.
import * as vscode from 'vscode';
import { formatReportHtml } from '../../server/src/cli/format/reportHtml';
import type { Portfolio } from '../../server/src/core/portfolio';
import { REVEAL_COMMAND } from './journeysView';
import { nonce } from './portable';

export const REPORT_VIEW_TYPE = 'journeymap.portfolioReport';

/** What the panel shows, for the tests (`journeymap._portfolioReportState`). */
export interface ReportState {
  open: boolean;
  html: string | null;
  /** How many times the page was drawn. */
  renders: number;
}

export class PortfolioReport implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private html: string | null = null;
  private renders = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    /** Fires when the server announces a change (`journeymap/portfolioChanged`, through the Journeys view). */
    onDidAnnounce: vscode.Event<void>,
    private readonly portfolio: () => Promise<Portfolio>,
    private readonly version: string,
  ) {
    this.disposables.push(
      onDidAnnounce(() => {
        if (this.panel) void this.draw();
      }),
      vscode.commands.registerCommand('journeymap.openPortfolioReport', () => this.open()),
      vscode.commands.registerCommand('journeymap._portfolioReportState', (): ReportState => ({
        open: this.panel !== undefined,
        html: this.html,
        renders: this.renders,
      })),
    );
  }

  async open(): Promise<ReportState> {
    if (this.panel) this.panel.reveal();
    else {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Journey Portfolio', vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: [REVEAL_COMMAND],
        localResourceRoots: [],
      });
      this.panel = panel;
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.html = null;
        }
      });
    }
    await this.draw();
    return { open: this.panel !== undefined, html: this.html, renders: this.renders };
  }

  private async draw(): Promise<void> {
    let html: string;
    try {
      html = reportPage(await this.portfolio(), this.version, nonce());
    } catch (e) {
      html = messagePage(`The portfolio is not available: ${e instanceof Error ? e.message : String(e)}`, nonce());
    }
    if (!this.panel) return;
    this.panel.webview.html = html;
    this.html = html;
    this.renders++;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The report page, with each journey linked to the command that reveals it. */
export function reportPage(portfolio: Portfolio, version: string, pageNonce: string): string {
  const ranges = new Map(portfolio.journeys.map((j) => [j.uri, j.range]));
  const linkOf = (uri: string): string => `command:${REVEAL_COMMAND}?${encodeURIComponent(JSON.stringify([uri, ranges.get(uri) ?? null]))}`;
  return formatReportHtml({ portfolio, fileOf: (uri) => uri, skipped: [], linkOf, version }, pageNonce);
}

function messagePage(text: string, pageNonce: string): string {
  const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${esc(pageNonce)}'">` +
    `<title>Journey portfolio</title></head><body><p>${esc(text)}</p></body></html>`
  );
}
