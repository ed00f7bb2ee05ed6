// Deterministic generators for the benchmark: journeys of any number of touchpoints, and
// workspaces of journey and persona files that reference each other. Touchpoints are kept
// compact (about 300 bytes) so a 5,000-touchpoint journey stays under the core's 2 MB limit.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CHANNELS = ['web', 'mobile-app', 'email', 'chat', 'phone', 'store'];
const EVIDENCE = ['analytics', 'survey', 'interview', 'support'];
export const TOUCHPOINTS_PER_STAGE = 10;

/** A small deterministic PRNG, so every run measures the same text. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface GeneratedJourney {
  text: string;
  /** Touchpoints in order: id, name and 1-5 score (for Mermaid), line of its `emotion:` value. */
  touchpoints: { id: string; name: string; stage: string; score: number; emotionLine: number }[];
  stages: string[];
}

export function journeyText(
  id: string,
  touchpoints: number,
  personas: string[] = ['first-time-buyer', 'loyal-upgrader'],
  seed = 1,
): GeneratedJourney {
  const r = rng(seed);
  const lines: string[] = [
    `journey: ${id}`,
    `title: Generated journey ${id}`,
    'type: shop-learn-buy',
    'variant: as-is',
    `personas: [${personas.join(', ')}]`,
    'owner: digital-commerce',
    'goal: Buy the right thing without surprises',
    'metrics: { completion_rate: 0.2, volume: 100000, value_per_customer: 120 }',
    'stages:',
  ];
  const out: GeneratedJourney['touchpoints'] = [];
  const stages: string[] = [];
  let volume = 100000;
  for (let i = 0; i < touchpoints; i++) {
    if (i % TOUCHPOINTS_PER_STAGE === 0) {
      const s = i / TOUCHPOINTS_PER_STAGE;
      stages.push(`Stage ${s + 1}`);
      lines.push(`  - id: stage-${s + 1}`, `    name: Stage ${s + 1}`, '    touchpoints:');
    }
    const emotion = Math.floor(r() * 5) - 2;
    const conversion = Math.round((0.7 + r() * 0.29) * 100) / 100;
    const drop = Math.round((1 - conversion) * 100) / 100;
    const name = `Step ${i + 1} of the journey`;
    lines.push(`      - id: t${i + 1}`, `        name: ${name}`, `        channel: ${CHANNELS[i % CHANNELS.length]}`);
    const emotionLine = lines.length;
    lines.push(`        emotion: ${emotion}`);
    if (i % 4 === 0) lines.push(`        pain_points: [Waiting for step ${i + 1}]`);
    lines.push(`        evidence: [${EVIDENCE[i % EVIDENCE.length]}]`);
    lines.push(`        metrics: { volume: ${volume}, conversion: ${conversion}, drop_off: ${drop} }`);
    volume = Math.max(0, Math.floor(volume * conversion));
    out.push({ id: `t${i + 1}`, name, stage: stages[stages.length - 1], score: emotion + 3, emotionLine });
  }
  return { text: lines.join('\n') + '\n', touchpoints: out, stages };
}

export function personaText(id: string): string {
  return [
    `persona: ${id}`,
    `name: Persona ${id}`,
    'role: Customer',
    'share: 0.1',
    'goals: [Get it done fast]',
    'frustrations: [Hidden fees]',
    'channels: [web, mobile-app]',
    '',
  ].join('\n');
}

/**
 * A workspace of `files` files: one persona in ten, the rest journeys of 20 touchpoints that
 * name two personas each. Returns the folder.
 */
export function writeWorkspace(dir: string, files: number): { dir: string; journeys: number; personas: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const personaCount = Math.max(2, Math.floor(files / 10));
  const personaIds = Array.from({ length: personaCount }, (_, i) => `persona-${i + 1}`);
  for (const p of personaIds) writeFileSync(join(dir, `${p}.persona.yaml`), personaText(p));
  const journeys = files - personaCount;
  for (let i = 0; i < journeys; i++) {
    const sub = join(dir, `area-${i % 20}`);
    mkdirSync(sub, { recursive: true });
    const personas = [personaIds[i % personaCount], personaIds[(i * 7 + 1) % personaCount]];
    const unique = [...new Set(personas)];
    writeFileSync(join(sub, `journey-${i + 1}.journey.yaml`), journeyText(`journey-${i + 1}`, 20, unique, i + 1).text);
  }
  return { dir, journeys, personas: personaCount };
}
