// PLACEHOLDER until the map engineer's renderer lands: `journeymap render` draws the map.
export async function runRender(_argv: string[]): Promise<number> {
  process.stderr.write('journeymap render: not available in this build yet\n');
  return 2;
}
