// The one way the suites start a browser: Debian's Chromium (no browser download), driven
// headless by playwright-core. The webview suite (the map page, the HTML report), the web suite
// (VS Code for the web) and the extension suite (code-server) all launch it here, with the same
// flags.
import { execFileSync } from 'child_process';
import { Browser, chromium } from 'playwright-core';

/** The Chromium to drive: $CHROMIUM_PATH, else `chromium` (or `chromium-browser`) on the PATH. */
export function chromiumPath(): string {
  const found =
    process.env.CHROMIUM_PATH ??
    execFileSync('bash', ['-c', 'command -v chromium || command -v chromium-browser || true'], { encoding: 'utf8' }).trim();
  if (!found) throw new Error('chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)');
  return found;
}

/**
 * The flags of every launch: no sandbox (the suites run as root in containers), no GPU, and none
 * of Chromium's own traffic (updates, sync, QUIC, background requests), so that a page's request
 * log holds only what the page asked for.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with CHROMIUM_ARGS, then `extraArgs` (what one suite needs beyond them). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
