// Code lens over each stage (average emotion per persona, its worst touchpoint) and an inlay
// hint after each touchpoint name whose friction reaches the threshold. Both read the model
// only, so they agree with the map and the friction-hotspot diagnostics.
import { CodeLens, InlayHint, Range } from 'vscode-languageserver-types';
import { ALL_CUSTOMERS, JourneyModel, ownValue, TouchpointModel } from './model';
import type { ParsedFile } from './parse';
import { hotspotMessage, riskPhrase } from './explain';
import { formatMoney } from './scores';

/**
 * Puts the cursor on a touchpoint: arguments `[uri, range]`. A server command (the server asks the
 * client to `window/showDocument`), so a click works in any client, VS Code included.
 */
export const REVEAL_TOUCHPOINT_COMMAND = 'journeymap.revealTouchpoint';

const round = (n: number, digits: number): string => String(Math.round(n * 10 ** digits) / 10 ** digits);

/** The stage's mean emotion per curve (persona, or all customers), over touchpoints that have one. */
export function stageEmotions(model: JourneyModel, stageIndex: number): { id: string; label: string; average: number | null }[] {
  const tps = model.stages[stageIndex].touchpointIndexes.map((i) => model.touchpoints[i]);
  return model.personas.map((p) => {
    const values = tps.map((t) => ownValue(t.emotionByPersona, p.id)).filter((v): v is number => typeof v === 'number');
    return {
      id: p.id,
      label: p.id === ALL_CUSTOMERS ? 'all customers' : p.id,
      average: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
    };
  });
}

/** The stage's touchpoint with the highest friction (the first on a tie), if any has a score. */
export function worstTouchpoint(model: JourneyModel, stageIndex: number): TouchpointModel | null {
  let worst: TouchpointModel | null = null;
  for (const i of model.stages[stageIndex].touchpointIndexes) {
    const t = model.touchpoints[i];
    if (t.friction !== null && (worst === null || t.friction > (worst.friction ?? -1))) worst = t;
  }
  return worst;
}

export function codeLenses(model: JourneyModel): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const stage of model.stages) {
    const range: Range = { start: stage.nameRange.start, end: stage.nameRange.start };
    const emotions = stageEmotions(model, stage.index);
    const known = emotions.filter((e) => e.average !== null);
    const title = known.length
      ? 'Emotion: ' +
        known
          .map((e) =>
            emotions.length === 1 && e.id === ALL_CUSTOMERS ? round(e.average as number, 2) : `${e.label} ${round(e.average as number, 2)}`,
          )
          .join(' \u00b7 ')
      : 'Emotion: none given';
    lenses.push({ range, command: { title, command: '' } });
    const worst = worstTouchpoint(model, stage.index);
    if (worst && worst.friction !== null) {
      const risk = worst.revenueAtRisk !== null ? `, ${riskPhrase(model, worst)}` : '';
      const rank = worst.hotspotRank !== null ? `, hotspot #${worst.hotspotRank}${risk}` : '';
      lenses.push({
        range,
        command: {
          title: `Worst: ${worst.name} (friction ${worst.friction.toFixed(2)}${rank})`,
          command: REVEAL_TOUCHPOINT_COMMAND,
          arguments: [model.uri, worst.nameRange],
        },
      });
    }
  }
  return lenses;
}

const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

export function inlayHints(model: JourneyModel, parsed: ParsedFile, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const t of model.touchpoints) {
    if (t.friction === null || t.hotspotRank === null) continue;
    const at = t.nameRange.end;
    if (before(at, range.start) || before(range.end, at)) continue;
    // A model older than the text may point past a line's end; such a hint would land mid-word.
    if (
      at.line >= parsed.lines.lineCount ||
      parsed.lines.offset(at) !== parsed.lines.offset({ line: at.line, character: 0 }) + at.character
    )
      continue;
    hints.push({
      position: at,
      label:
        `#${t.hotspotRank} \u00b7 friction ${t.friction.toFixed(2)}` +
        `${t.revenueAtRisk !== null ? ` \u00b7 ${formatMoney(t.revenueAtRisk, model.currency)} at risk` : ''}`,
      paddingLeft: true,
      tooltip: {
        kind: 'markdown',
        value: `${hotspotMessage(model, t)}. Friction ${t.friction.toFixed(2)} is at or over the threshold ${model.frictionThreshold}.`,
      },
    });
  }
  return hints;
}
