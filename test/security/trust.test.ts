// Workspace Trust: the extension declares that it runs in untrusted workspaces, which is honest
// only because nothing a workspace supplies is ever executed or fetched. The server and the CLI
// run here with a trap (trap.js) that reports any network access, process start, code compiled
// from a string or module loaded from outside the product, over a workspace holding a remote
// `$schema` modeline, a `$schema` key, custom tags, a config file that looks like code, and a
// .vscode/settings.json pointing at a remote schema.
import * as assert from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { LspClient, makeWorkspace, SERVER, TempWorkspace } from '../lsp/client';

const ROOT = path.resolve(__dirname, '../..');
const TRAP = path.join(__dirname, 'trap.js');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('security: Workspace Trust', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  let schemaServer: http.Server;
  const hits: string[] = [];
  let schemaUrl: string;

  before(async () => {
    schemaServer = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"type":"object","required":["never"]}');
    });
    await new Promise<void>((r) => schemaServer.listen(0, '127.0.0.1', r));
    schemaUrl = `http://127.0.0.1:${(schemaServer.address() as AddressInfo).port}/schema.json`;
    const sample = fs.readFileSync(path.join(ROOT, 'samples/buy-phone-online.journey.yaml'), 'utf8');
    ws = makeWorkspace({
      copy: ['samples'],
      files: {
        'remote.journey.yaml':
          `# yaml-language-server: $schema=${schemaUrl}\n` + sample.replace(/^journey: .*$/m, 'journey: remote-schema'),
        'key.journey.yaml':
          `$schema: ${schemaUrl}\njourney: key-schema\ntitle: T\n` +
          'stages: [{ name: S, touchpoints: [{ name: T, ' +
          `channel: !!js/function "function () { require('child_process').exec('touch /tmp/jm-trust') }" }] }]\n`,
        'journeymap.config.js': "require('child_process').execSync('touch /tmp/jm-trust-config');\n",
        '.vscode/settings.json': JSON.stringify({
          'yaml.schemas': { [schemaUrl]: '*.journey.yaml' },
          'journeymap.rules': { schema: 'off' },
        }),
      },
    });
  });
  after(async () => {
    ws?.dispose();
    await new Promise((r) => schemaServer?.close(r));
  });

  it('is declared: supported in untrusted workspaces, with no setting that names code, a command or a URL', () => {
    assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, true);
    const props = manifest.contributes.configuration.properties as Record<
      string,
      { type?: string; format?: string; markdownDescription?: string }
    >;
    for (const [name, p] of Object.entries(props)) {
      assert.ok(
        !/path|command|executable|url|uri|schema|script|plugin/i.test(name),
        `${name} would let a workspace choose what runs or loads`,
      );
      assert.notStrictEqual(p.format, 'uri', name);
    }
  });

  it('honoured by the server: a remote $schema (modeline or key) is kept but never fetched, nothing runs', async () => {
    const child = spawn(process.execPath, ['--require', TRAP, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lsp = new LspClient(child, {});
    try {
      await lsp.initialize([ws.dir]);
      await lsp.indexed();
      for (const f of ['remote.journey.yaml', 'key.journey.yaml']) await lsp.open(ws.uri(f));
      const remote = await lsp.diagnostics(ws.uri('remote.journey.yaml'), 1);
      assert.deepStrictEqual(
        remote.filter((d) => d.range.start.line === 0),
        [],
        'the modeline is a comment: kept, not reported',
      );
      assert.deepStrictEqual(
        remote.filter((d) => d.severity === 1),
        [],
        'checked against the bundled schema only',
      );
      const key = await lsp.diagnostics(ws.uri('key.journey.yaml'), 1);
      assert.ok(
        key.some((d) => d.code === 'schema' && /Unknown key `\$schema`/.test(String(d.message))),
        'a $schema key is just an unknown key',
      );
      assert.ok(key.some((d) => d.code === 'yaml-syntax' && /Unresolved tag/.test(String(d.message))));
      // Completion and hover on the modeline line itself.
      await lsp.request('textDocument/completion', {
        textDocument: { uri: ws.uri('remote.journey.yaml') },
        position: { line: 0, character: 30 },
      });
      await lsp.request('textDocument/hover', {
        textDocument: { uri: ws.uri('remote.journey.yaml') },
        position: { line: 0, character: 30 },
      });
      // The last work the checks schedule (the portfolio notice, debounced after them) has run:
      // anything a check set off later would have had its turn by then.
      await lsp.waitFor('the portfolio notice that follows the checks', () => lsp.portfolioChanges > 0, 30_000);
      assert.strictEqual(await lsp.shutdown(), 0);
    } finally {
      lsp.kill();
    }
    assert.deepStrictEqual(hits, [], 'the schema URL was never requested');
    assert.deepStrictEqual(
      lsp.stderr.split('\n').filter((l) => l.startsWith('JM-TRAP')),
      [],
      'no network, process, eval or foreign module',
    );
    assert.ok(!fs.existsSync('/tmp/jm-trust') && !fs.existsSync('/tmp/jm-trust-config'));
  });

  it('honoured by the CLI: linting the same workspace fetches and runs nothing', () => {
    const r = spawnSync(
      process.execPath,
      ['--require', TRAP, path.join(ROOT, 'dist/cli.js'), 'lint', '--format', 'json', '--root', ws.dir, ws.dir],
      { encoding: 'utf8' },
    );
    assert.ok(r.status === 0 || r.status === 1, `lint ran (exit ${r.status}): ${r.stderr.slice(-1000)}`);
    const report = JSON.parse(r.stdout) as { file: string }[];
    assert.ok(report.some((f) => f.file.endsWith('remote.journey.yaml')));
    assert.deepStrictEqual(
      r.stderr.split('\n').filter((l) => l.startsWith('JM-TRAP')),
      [],
    );
    assert.deepStrictEqual(hits, []);
  });

  it('the trap itself works (a fetch, a spawn and a foreign require are reported)', () => {
    const probe =
      `fetch("http://127.0.0.1:1/").catch(() => {}); require('child_process').spawnSync('true'); ` +
      `try { require(${JSON.stringify(ws.path('journeymap.config.js').replace('.js', '-missing.js'))}) } catch {}`;
    const r = spawnSync(process.execPath, ['--require', TRAP, '-e', probe], { encoding: 'utf8' });
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('JM-TRAP'));
    assert.ok(
      lines.some((l) => l.startsWith('JM-TRAP fetch')),
      r.stderr,
    );
    assert.ok(
      lines.some((l) => l.startsWith('JM-TRAP child_process.spawnSync')),
      r.stderr,
    );
    assert.ok(
      lines.some((l) => l.startsWith('JM-TRAP require ') && l.includes('journeymap.config-missing.js')),
      r.stderr,
    );
  });
});
