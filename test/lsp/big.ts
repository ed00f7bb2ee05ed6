// A generated journey far bigger than any real one: `stages` x `perStage` touchpoints.
export function bigJourney(id: string, stages = 60, perStage = 50): string {
  const out = [`journey: ${id}`, `title: Big journey ${id}`, 'stages:'];
  for (let s = 0; s < stages; s++) {
    out.push(`  - id: stage-${s}`, `    name: Stage ${s}`, '    touchpoints:');
    for (let t = 0; t < perStage; t++) {
      const n = s * perStage + t;
      out.push(
        `      - id: tp-${n}`,
        `        name: Touchpoint ${n}`,
        '        channel: web',
        `        emotion: ${(n % 5) - 2}`,
        `        pain_points: [Slow page ${n}]`,
        `        metrics: { volume: ${100000 - n}, conversion: 0.9, drop_off: 0.1 }`,
      );
    }
  }
  return out.join('\n') + '\n';
}
