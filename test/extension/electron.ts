// Where VS Code can be downloaded (a developer's machine), the same in-VS Code suite runs under
// @vscode/test-electron: npm run build && node test/extension/build.mjs && tsx test/extension/electron.ts
// CI here cannot download VS Code and uses harness.ts (code-server) instead.
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { fillWorkspace, makeSandbox, ROOT } from './vscode';

async function main(): Promise<void> {
  const sandbox = makeSandbox('electron');
  fillWorkspace(sandbox.workspace);
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/extension-tests/index.js'),
    extensionTestsEnv: { JM_EXT_RESULT: path.join(sandbox.dir, 'result.json') },
    launchArgs: [sandbox.workspace, '--disable-extensions', '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions],
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
