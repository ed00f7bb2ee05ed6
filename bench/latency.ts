// Edit-to-diagnostics and completion over stdio, for our server and yaml-language-server, on
// the same generated journeys with the same edits.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { journeyText, personaText } from './generate';
import { Lsp, ServerSpec } from './lsp';
import { sleep, summary, Summary } from './stats';

const ROOT = resolve(__dirname, '..');
export function servers(): ServerSpec[] {
  const schema = pathToFileURL(join(ROOT, 'schemas/journey.schema.json')).href;
  const personaSchema = pathToFileURL(join(ROOT, 'schemas/persona.schema.json')).href;
  return [
    {
      name: 'journeymap',
      command: process.execPath,
      args: [
        ...(process.env.JM_SERVER_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.JM_SERVER_PROF] : []),
        join(ROOT, 'dist/server.js'),
        '--stdio',
      ],
      languageId: (uri) => (uri.includes('.persona.') ? 'persona' : 'journey'),
      // As the extension runs it: models after the first come as diffs (journeymap/modelDiff).
      initializationOptions: { benchmark: true, modelDiff: true },
    },
    {
      name: 'yaml-language-server',
      command: process.execPath,
      args: [join(__dirname, 'yls-timed.js'), '--stdio'],
      languageId: () => 'yaml',
      settings: {
        yaml: {
          validate: true,
          completion: true,
          hover: true,
          schemaStore: { enable: false },
          schemas: { [schema]: '*.journey.yaml', [personaSchema]: '*.persona.yaml' },
        },
      },
    },
  ];
}

export interface EditResult {
  server: string;
  touchpoints: number;
  bytes: number;
  endToEnd: Summary;
  /** Measured inside the server: our journeymap/stats, yaml-language-server's timed validation call. */
  processing: Summary;
  diagnostics: number;
  /** Bytes the server sent per keystroke: diagnostics, and for ours the model message. */
  bytesPerEdit?: Summary;
}

export interface CompletionResult {
  server: string;
  touchpoints: number;
  key: Summary;
  keyLabels: number;
  keyHas: string;
  enumValue: Summary;
  enumLabels: number;
  enumHas: string;
}

/** A folder holding the journey and its two personas. */
function journeyFolder(dir: string, touchpoints: number): { uri: string; text: string; emotionLines: number[] } {
  mkdirSync(dir, { recursive: true });
  const g = journeyText('big', touchpoints);
  const path = join(dir, 'big.journey.yaml');
  writeFileSync(path, g.text);
  for (const p of ['first-time-buyer', 'loyal-upgrader']) writeFileSync(join(dir, `${p}.persona.yaml`), personaText(p));
  return { uri: pathToFileURL(path).href, text: g.text, emotionLines: g.touchpoints.map((t) => t.emotionLine) };
}

const EMOTION_COL = '        emotion: '.length;

export async function measureEdits(spec: ServerSpec, dir: string, touchpoints: number, edits: number): Promise<EditResult> {
  const { uri, text, emotionLines } = journeyFolder(dir, touchpoints);
  const lsp = await Lsp.start(spec, [dir]);
  try {
    await sleep(300);
    const opened = await lsp.open(uri, text);
    await sleep(300);
    const lines = text.split('\n');
    const e2e: number[] = [];
    const processing: number[] = [];
    const bytes: number[] = [];
    let diagnostics = opened.params.diagnostics.length;
    const warmup = 3;
    for (let i = 0; i < edits + warmup; i++) {
      const line = emotionLines[(i * 7919) % emotionLines.length];
      const current = Number(lines[line].slice(EMOTION_COL));
      const value = current >= 2 ? current - 1 : current + 1;
      const oldLen = lines[line].length;
      lines[line] = `${lines[line].slice(0, EMOTION_COL)}${value}`;
      const waiting = lsp.nextDiagnostics(uri);
      const bytesBefore = lsp.bytesIn;
      const { sentAt, version } = await lsp.change(uri, [
        { range: { start: { line, character: EMOTION_COL }, end: { line, character: oldLen } }, text: String(value) },
      ]);
      const got = await waiting;
      diagnostics = got.params.diagnostics.length;
      const inside = await processingOf(lsp, uri, version);
      if (i >= warmup) {
        e2e.push(got.at - sentAt);
        processing.push(inside);
      }
      // Let the server finish what follows the diagnostics (our model notification) before the next edit.
      await sleep(Math.min(1000, 50 + (got.at - sentAt) / 2));
      if (i >= warmup) bytes.push(lsp.bytesIn - bytesBefore);
    }
    return {
      server: spec.name,
      touchpoints,
      bytes: text.length,
      endToEnd: summary(e2e),
      processing: summary(processing),
      diagnostics,
      bytesPerEdit: summary(bytes),
    };
  } finally {
    await lsp.stop();
  }
}

async function processingOf(lsp: Lsp, uri: string, version: number): Promise<number> {
  if (lsp.spec.name === 'journeymap') {
    const s = await lsp.request<{ version: number; processingMs: number } | null>('journeymap/stats', { uri });
    return s && s.version === version ? s.processingMs : NaN;
  }
  // yaml-language-server: the last timed validation of this version.
  for (let tries = 0; tries < 50; tries++) {
    const line = [...lsp.benchLines].reverse().find((l) => l.startsWith(`validate ${uri} ${version} `));
    if (line) return Number(line.split(' ').pop());
    await sleep(10);
  }
  return NaN;
}

/**
 * Completion right after a keystroke, as a user gets it: each sample edits an emotion elsewhere,
 * then asks at once. A key on a blank line inside a touchpoint; an enum value (an evidence kind)
 * in a block list item.
 */
export async function measureCompletion(spec: ServerSpec, dir: string, touchpoints: number, samples: number): Promise<CompletionResult> {
  const g = journeyText('big', touchpoints);
  // Make room for the two completion spots in the middle touchpoint.
  const mid = g.touchpoints[Math.floor(touchpoints / 2)];
  const lines = g.text.split('\n');
  const keyLine = mid.emotionLine + 1;
  lines.splice(keyLine, 0, '        ');
  const evidenceAt = lines.findIndex((l, i) => i > keyLine && l.startsWith('        evidence: ['));
  lines.splice(evidenceAt, 1, '        evidence:', '          - ');
  const enumLine = evidenceAt + 1;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'complete.journey.yaml');
  const text = lines.join('\n');
  writeFileSync(path, text);
  for (const p of ['first-time-buyer', 'loyal-upgrader']) writeFileSync(join(dir, `${p}.persona.yaml`), personaText(p));
  const uri = pathToFileURL(path).href;
  const lsp = await Lsp.start(spec, [dir]);
  try {
    await sleep(300);
    await lsp.open(uri, text);
    // Let the first check (and its model notification) finish before timing anything.
    await sleep(1000);
    const edited = g.touchpoints[0].emotionLine; // before the spots: its line number is unchanged
    let value = Number(lines[edited].slice(EMOTION_COL));
    const typeThenAsk = async (line: number, character: number): Promise<{ ms: number; labels: string[] }> => {
      const next = value >= 2 ? value - 1 : value + 1;
      await lsp.change(uri, [
        {
          range: { start: { line: edited, character: EMOTION_COL }, end: { line: edited, character: EMOTION_COL + String(value).length } },
          text: String(next),
        },
      ]);
      value = next;
      return lsp.complete(uri, line, character);
    };
    const run = async (line: number, character: number): Promise<{ times: number[]; labels: string[] }> => {
      const times: number[] = [];
      let labels: string[] = [];
      const warmup = 5;
      for (let i = 0; i < samples + warmup; i++) {
        const r = await typeThenAsk(line, character);
        if (i >= warmup) times.push(r.ms);
        labels = r.labels;
        await sleep(20);
      }
      return { times, labels };
    };
    const key = await run(keyLine, 8);
    const en = await run(enumLine, 12);
    return {
      server: spec.name,
      touchpoints,
      key: summary(key.times),
      keyLabels: key.labels.length,
      keyHas: key.labels.some((l) => l.includes('action')) ? 'action' : key.labels.slice(0, 3).join(','),
      enumValue: summary(en.times),
      enumLabels: en.labels.length,
      enumHas: en.labels.some((l) => l.includes('analytics')) ? 'analytics' : en.labels.slice(0, 3).join(','),
    };
  } finally {
    await lsp.stop();
  }
}
