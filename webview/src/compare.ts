// Compare mode in the webview: holds the other version the extension sent, redraws the overlay
// (render/compare.ts) after every render of the document, so it follows live edits, and shows
// the header line with a "Leave compare" button. User text reaches the page as textContent only.
import type { FileModel, JourneyModel } from '../../server/src/core/model';
import type { CompareMessage, WebviewToHost } from '../../server/src/protocol';
import { clearCompare, compareHeadline, drawCompare } from './render/compare';

interface Comparing {
  uri: string;
  label: string;
  other: JourneyModel;
}

export class CompareView {
  private state: Comparing | null = null;
  private readonly bar: HTMLElement;
  private readonly text: HTMLElement;
  private shown = false;

  constructor(
    private readonly svgNode: SVGSVGElement,
    private readonly post: (m: WebviewToHost) => void,
  ) {
    this.bar = document.createElement('div');
    this.bar.className = 'compare-bar';
    this.bar.id = 'compare-bar';
    this.bar.setAttribute('role', 'status');
    this.bar.hidden = true;
    this.text = document.createElement('span');
    this.text.className = 'compare-text';
    const leave = document.createElement('button');
    leave.type = 'button';
    leave.textContent = 'Leave compare';
    leave.setAttribute('data-action', 'leave-compare');
    leave.addEventListener('click', () => {
      this.clear();
      this.post({ type: 'leaveCompare' });
    });
    this.bar.append(this.text, leave);
    document.body.insertBefore(this.bar, document.body.firstChild);
  }

  /** Enters (or updates) compare mode; a message of any other shape is ignored. */
  set(m: CompareMessage): void {
    const other = m.other as FileModel | null;
    if (
      typeof m.uri !== 'string' ||
      typeof m.label !== 'string' ||
      !other ||
      typeof other !== 'object' ||
      other.kind !== 'journey' ||
      !Array.isArray(other.touchpoints)
    )
      return;
    this.state = { uri: m.uri, label: m.label.slice(0, 200), other };
  }

  clear(): void {
    this.state = null;
    clearCompare(this.svgNode);
    this.show(null);
  }

  /** After each render: the overlay of the other version on `model`, when it is the document compared. */
  refresh(model: FileModel | null): void {
    const s = this.state;
    if (!s || !model || model.kind !== 'journey' || model.uri !== s.uri) {
      clearCompare(this.svgNode);
      this.show(null);
      return;
    }
    const diff = drawCompare(this.svgNode, model, s.other, s.label);
    this.svgNode.setAttribute('data-compare', s.label);
    this.show(diff ? compareHeadline(diff, model, s.label) : null);
  }

  private show(line: string | null): void {
    if (line === null) this.svgNode.removeAttribute('data-compare');
    else this.text.textContent = line;
    const on = line !== null;
    this.bar.hidden = !on;
    if (on === this.shown) return;
    this.shown = on;
    document.body.classList.toggle('comparing', on);
    // The map's box moved under the bar: let the map measure its view again.
    window.dispatchEvent(new Event('resize'));
  }
}
