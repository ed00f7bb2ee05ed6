// npm run bench: every measurement of issue 6 in one run, side by side with the peers measured
// in the same run (yaml-language-server, Mermaid, the bare `yaml` parse), then the targets as
// ratios. Prints a table, writes bench/results.json and the table in bench/README.md.
// Knobs: BENCH_EDITS (edits and completions per case, default 30), BENCH_QUICK=1 (small sizes only),
// BENCH_ONLY=latency|workspace|preview|hostile|cli|web (one section, into the last results.json);
// BENCH_ONLY=render writes the tables again from results.json without measuring.
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { EditToMapResult, measureEditToMap } from './editToMap';
import { measureFloor, FloorResult } from './floor';
import { HostileResult, measureHostile, PUBLISH_LIMIT_MS } from './hostile';
import { measureFootprint, FootprintResult } from './footprint';
import { CompletionResult, EditResult, measureCompletion, measureEdits, servers } from './latency';
import { measureOpen, OpenResult } from './open';
import { measurePreview, PreviewResult } from './preview';
import { round } from './stats';
import { measureWorkspace, WorkspaceResult } from './workspace';
import { CliScaleResult, measureCliScale } from './cliScale';
import { buildForProduction, measureWeb, WebResult } from './web';

const EDITS = Number(process.env.BENCH_EDITS ?? 30);
const QUICK = process.env.BENCH_QUICK === '1';
const BIG = QUICK ? 500 : 5000;
const MID = QUICK ? 50 : 500;
const WORK = join(os.tmpdir(), 'journeymap-bench');

interface Target {
  target: string;
  measured: string;
  limit: string;
  met: boolean;
}

function log(s: string): void {
  process.stderr.write(`[bench] ${s}\n`);
}

function machine(): Record<string, unknown> {
  let chromium: string;
  try {
    chromium = execSync('chromium --version', { encoding: 'utf8' }).trim();
  } catch {
    chromium = 'unknown';
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium,
    yamlLanguageServer: JSON.parse(readFileSync(require.resolve('yaml-language-server/package.json'), 'utf8')).version,
    mermaid: JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')).version,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 1)),
    date: new Date().toISOString(),
  };
}

/** Re-evaluates the targets of a results set, writes results.json, prints the table and puts it in the READMEs. */
function save(results: Results): void {
  results.targets = evaluate(
    results.floor,
    results.edits,
    results.completion,
    results.workspace,
    results.preview,
    results.open ?? [],
    results.editToMap ?? [],
    results.hostile ?? [],
  );
  for (const c of results.cli ?? []) {
    if (c.command === 'report')
      results.targets.push({
        target: `report over ${c.files} files, ${c.workers} workers vs one thread`,
        measured: `${c.speedUp}x`,
        limit: '>= 1.6x',
        met: c.speedUp >= 1.6,
      });
  }
  results.targets.push(...webTargets(results.web));
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const table = render(results);
  process.stdout.write(table + '\n');
  updateReadme(table);
}

/** BENCH_ONLY=workspace: re-measures the workspace section only, into the last results.json. */
async function onlyWorkspace(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const results = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as Results;
  const workspace: WorkspaceResult[] = [];
  for (const files of [100, 1000, 5000]) {
    log(`workspace: ${files} files`);
    workspace.push(await measureWorkspace(servers()[0], WORK, files));
  }
  results.workspace = workspace;
  (results.machine as Record<string, unknown>).workspaceMeasuredAt = new Date().toISOString();
  save(results);
  rmSync(WORK, { recursive: true, force: true });
}

/** BENCH_ONLY=preview: re-measures the preview section only, into the last results.json. */
async function onlyPreview(): Promise<void> {
  log('preview in headless Chromium vs Mermaid');
  const preview = await measurePreview(QUICK ? [50, 300] : [50, 300, 2000], QUICK ? 3 : 5);
  // Read after measuring, so sections another BENCH_ONLY run wrote meanwhile are kept.
  const results = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as Results;
  results.preview = preview;
  (results.machine as Record<string, unknown>).previewMeasuredAt = new Date().toISOString();
  save(results);
}

/** BENCH_ONLY=latency: re-measures the floor, edit-to-diagnostics and completion only, into the last results.json. */
async function onlyLatency(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const results = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as Results;
  log('floor: parse vs full check vs check after an edit, in process');
  results.floor = [50, 500, 5000].filter((n) => !QUICK || n <= 500).map((n) => measureFloor(n, n >= 5000 ? 9 : 21));
  const specs = servers();
  results.edits = [];
  for (const size of [MID, BIG]) {
    for (const spec of specs) {
      log(`edit to diagnostics: ${spec.name}, ${size} touchpoints, ${EDITS} edits`);
      results.edits.push(await measureEdits(spec, join(WORK, `edit-${spec.name}-${size}`), size, EDITS));
    }
  }
  results.completion = [];
  for (const spec of specs) {
    log(`completion: ${spec.name}, ${BIG} touchpoints`);
    results.completion.push(await measureCompletion(spec, join(WORK, `complete-${spec.name}`), BIG, EDITS));
  }
  results.open = await measureOpens(specs);
  log('edit to map');
  results.editToMap = await measureEditToMap(specs[0], WORK, MAP_SIZES, EDITS);
  (results.machine as Record<string, unknown>).latencyMeasuredAt = new Date().toISOString();
  (results.machine as Record<string, unknown>).loadAverageAtLatency = os.loadavg().map((x) => round(x, 1));
  save(results);
  rmSync(WORK, { recursive: true, force: true });
}

/** BENCH_ONLY=cli: re-measures lint and report over 5,000 files, one thread against workers, into the last results.json. */
async function onlyCli(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  log('cli: lint and report over 5,000 files, one thread vs workers');
  const cli = measureCliScale(WORK, QUICK ? 500 : 5000, QUICK ? 1 : 3);
  const results = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as Results;
  results.cli = cli;
  (results.machine as Record<string, unknown>).cliMeasuredAt = new Date().toISOString();
  (results.machine as Record<string, unknown>).loadAverageAtCli = os.loadavg().map((x) => round(x, 1));
  save(results);
  rmSync(WORK, { recursive: true, force: true });
}

/** BENCH_ONLY=hostile: re-measures the hostile files section only, into the last results.json. */
async function onlyHostile(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const hostile = await measureHostileAll();
  const results = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as Results;
  results.hostile = hostile;
  (results.machine as Record<string, unknown>).hostileMeasuredAt = new Date().toISOString();
  save(results);
  rmSync(WORK, { recursive: true, force: true });
}

async function measureHostileAll(): Promise<HostileResult[]> {
  const out: HostileResult[] = [];
  for (const spec of servers()) {
    log(`hostile files: ${spec.name}, completions on another journey while each is analysed`);
    out.push(await measureHostile(spec, join(WORK, `hostile-${spec.name}`)));
  }
  return out;
}

/**
 * BENCH_ONLY=web: the browser's server (a Web Worker in Chromium) against the Node server, and the web bundles, into the last
 * results.json.
 */
async function onlyWeb(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const web = await measureWebSection();
  const results = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as Results;
  results.web = web;
  (results.machine as Record<string, unknown>).webMeasuredAt = new Date().toISOString();
  (results.machine as Record<string, unknown>).loadAverageAtWeb = os.loadavg().map((x) => round(x, 1));
  save(results);
  rmSync(WORK, { recursive: true, force: true });
}

async function measureWebSection(): Promise<WebResult> {
  log('web: production build (the bundles the .vsix ships)');
  buildForProduction();
  const [node, yls] = servers();
  return measureWeb(node, yls, WORK, [MID, BIG], OPENS, log);
}

/** The web worker against the Node server in the same run, and against the bench's open limit (<= 1/2 of yaml-language-server's). */
function webTargets(web: WebResult | undefined): Target[] {
  const out: Target[] = [];
  // The web bundles hold the same code as the Node ones, with another transport: no second copy of a feature.
  for (const [w, n] of [
    ['dist/web/server.js', 'dist/server.js'],
    ['dist/web/extension.js', 'dist/extension.js'],
  ]) {
    const a = web?.bundles.find((b) => b.file === w);
    const b = web?.bundles.find((x) => x.file === n);
    if (!a || !b) continue;
    const r = round(a.kb / b.kb, 2);
    out.push({
      target: `web bundle as shipped: ${w} / ${n}`,
      measured: `${a.kb} KB (${a.gzipKb} KB gzip) / ${b.kb} KB: ${r}x`,
      limit: '<= 1.1x',
      met: r <= 1.1,
    });
  }
  for (const n of [...new Set((web?.rows ?? []).map((r) => r.touchpoints))]) {
    const w = web!.rows.find((r) => r.touchpoints === n && r.server.startsWith('web worker'));
    const node = web!.rows.find((r) => r.touchpoints === n && r.server.startsWith('journeymap'));
    const yls = web!.rows.find((r) => r.touchpoints === n && r.server === 'yaml-language-server');
    if (!w || !node) continue;
    const x = (a: number, b: number) => round(a / b, 2);
    if (n === MID && w.start && node.start) {
      const r = x(w.start.median, node.start.median);
      out.push({
        target: `web worker start to initialize answered: web worker / Node server (median)`,
        measured: `${r}x`,
        limit: '<= 1.5x',
        met: r <= 1.5,
      });
    }
    const r = x(w.open.median, node.open.median);
    out.push({
      target: `open to first diagnostics, ${n} touchpoints: web worker / Node server (median)`,
      measured: `${r}x`,
      limit: '<= 1.5x',
      met: r <= 1.5,
    });
    if (yls) {
      const ry = w.open.median / yls.open.median;
      out.push({
        target: `open to first diagnostics, ${n} touchpoints: web worker / yaml-language-server's (median)`,
        measured: `${round(ry, 3)} (1/${round(1 / ry, 1)})`,
        limit: '<= 0.5 (1/2)',
        met: ry <= 0.5,
      });
    }
  }
  return out;
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'web') return onlyWeb();
  if (process.env.BENCH_ONLY === 'cli') return onlyCli();
  if (process.env.BENCH_ONLY === 'latency') return onlyLatency();
  if (process.env.BENCH_ONLY === 'hostile') return onlyHostile();
  if (process.env.BENCH_ONLY === 'workspace') return onlyWorkspace();
  if (process.env.BENCH_ONLY === 'preview') return onlyPreview();
  // Measures nothing: the tables and targets again from results.json (after sections measured apart were put together).
  if (process.env.BENCH_ONLY === 'render') return save(JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as Results);
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const started = Date.now();
  const info = machine();

  log('footprint (production build and .vsix)');
  const footprint: FootprintResult = measureFootprint(true);

  log('floor: parse vs full check vs check after an edit, in process');
  const floor: FloorResult[] = [50, 500, 5000].filter((n) => !QUICK || n <= 500).map((n) => measureFloor(n, n >= 5000 ? 9 : 21));

  const specs = servers();
  const edits: EditResult[] = [];
  for (const size of [MID, BIG]) {
    for (const spec of specs) {
      log(`edit to diagnostics: ${spec.name}, ${size} touchpoints, ${EDITS} edits`);
      edits.push(await measureEdits(spec, join(WORK, `edit-${spec.name}-${size}`), size, EDITS));
    }
  }
  const completion: CompletionResult[] = [];
  for (const spec of specs) {
    log(`completion: ${spec.name}, ${BIG} touchpoints`);
    completion.push(await measureCompletion(spec, join(WORK, `complete-${spec.name}`), BIG, EDITS));
  }

  const open = await measureOpens(specs);
  log('edit to map');
  const editToMap = await measureEditToMap(specs[0], WORK, MAP_SIZES, EDITS);

  const workspace: WorkspaceResult[] = [];
  for (const files of QUICK ? [100] : [100, 1000, 5000]) {
    log(`workspace: ${files} files`);
    workspace.push(await measureWorkspace(specs[0], WORK, files));
  }

  log('preview in headless Chromium vs Mermaid');
  const preview: PreviewResult[] = await measurePreview(QUICK ? [50, 300] : [50, 300, 2000], QUICK ? 3 : 5);

  log('cli: lint and report over 5,000 files, one thread vs workers');
  const cli = measureCliScale(WORK, QUICK ? 500 : 5000, QUICK ? 1 : 3);

  const hostile = await measureHostileAll();

  const web = await measureWebSection();

  save({
    machine: info,
    seconds: Math.round((Date.now() - started) / 1000),
    edits,
    completion,
    open,
    editToMap,
    floor,
    workspace,
    preview,
    hostile,
    footprint,
    cli,
    web,
    targets: [],
  });
  rmSync(WORK, { recursive: true, force: true });
}

const MAP_SIZES = QUICK ? [50, 500] : [50, 500, 5000];
/** Samples of open to first diagnostics per server and size (a fresh server each). */
// Nine: each open is a fresh server's cold parse of up to 1 MB, the figure that moves most with the machine's load.
const OPENS = Number(process.env.BENCH_OPENS ?? 9);

async function measureOpens(specs: ReturnType<typeof servers>): Promise<OpenResult[]> {
  const out: OpenResult[] = [];
  for (const size of [MID, BIG]) {
    log(`open to first diagnostics: ${size} touchpoints, ${OPENS} samples per server`);
    out.push(...(await measureOpen(specs, join(WORK, `open-${size}`), size, OPENS)));
  }
  return out;
}

const pick = <T extends { server?: string; touchpoints?: number }>(xs: T[], server: string, n: number): T | undefined =>
  xs.find((x) => x.server === server && x.touchpoints === n);

function evaluate(
  floor: FloorResult[],
  edits: EditResult[],
  completion: CompletionResult[],
  workspace: WorkspaceResult[],
  preview: PreviewResult[],
  open: OpenResult[],
  editToMap: EditToMapResult[],
  hostile: HostileResult[],
): Target[] {
  const out: Target[] = [];
  const ratio = (r: number): string => `${round(r, 3)} (1/${round(1 / r, 1)})`;
  for (const n of [MID, BIG]) {
    const a = pick(open, 'journeymap', n);
    const b = pick(open, 'yaml-language-server', n);
    if (a && b) {
      const r = a.open.median / b.open.median;
      out.push({
        target: `open to first diagnostics, ${n} touchpoints: ours / yaml-language-server's (median)`,
        measured: ratio(r),
        limit: '<= 0.5 (1/2)',
        met: r <= 0.5,
      });
      // Ours publishes a big journey's YAML and schema findings first: the time to every finding, beside it.
      if (a.complete && b.complete) {
        const rc = a.complete.median / b.complete.median;
        out.push({
          target: `open to every diagnostic (journey rules too), ${n} touchpoints: ours / yaml-language-server's (median)`,
          measured: ratio(rc),
          limit: '<= 1',
          met: rc <= 1,
        });
      }
    }
  }
  const ours = pick(edits, 'journeymap', BIG);
  const theirs = pick(edits, 'yaml-language-server', BIG);
  const oursMid = pick(edits, 'journeymap', MID);
  if (ours && theirs) {
    const r = ours.processing.median / theirs.processing.median;
    out.push({
      target: `diagnostics after an edit, ${BIG} touchpoints: our processing / yaml-language-server's`,
      measured: ratio(r),
      limit: '<= 0.2 (1/5)',
      met: r <= 0.2,
    });
    const e50 = ours.endToEnd.median / theirs.endToEnd.median;
    out.push({
      target: `edit to diagnostics end to end (debounce included), ${BIG} touchpoints, median: ours / yaml-language-server's`,
      measured: ratio(e50),
      limit: '<= 0.1 (1/10)',
      met: e50 <= 0.1,
    });
    const e95 = ours.endToEnd.p95 / theirs.endToEnd.p95;
    out.push({
      target: `edit to diagnostics end to end, ${BIG} touchpoints, p95: ours / yaml-language-server's`,
      measured: ratio(e95),
      limit: '<= 0.2 (1/5)',
      met: e95 <= 0.2,
    });
  }
  const mapMid = editToMap.find((m) => m.touchpoints === MID);
  if (mapMid)
    out.push({
      target: `edit to map, ${MID} touchpoints (median)`,
      measured: `${mapMid.editToMap.median} ms`,
      limit: '< 100 ms',
      met: mapMid.editToMap.median < 100,
    });
  const mapBig = editToMap.find((m) => m.touchpoints === BIG);
  if (mapBig && ours) {
    const limit = round(ours.endToEnd.median + 1000 / 60, 1);
    out.push({
      target: `edit to map, ${BIG} touchpoints (median): at most edit to diagnostics + one frame`,
      measured: `${mapBig.editToMap.median} ms`,
      limit: `<= ${limit} ms`,
      met: mapBig.editToMap.median <= limit,
    });
  }
  const big = floor.find((f) => f.touchpoints === BIG);
  const mid = floor.find((f) => f.touchpoints === MID);
  if (big)
    out.push({
      target: `full check of ${BIG} touchpoints / bare parse`,
      measured: `${big.fullOverParse}x`,
      limit: '<= 2x',
      met: big.fullOverParse <= 2,
    });
  if (big?.mistakeCheck) {
    // The broken text is parsed, then parsed again with the mistake repaired, then checked.
    const one = big.mistakeDiagnostics === 1;
    out.push({
      target:
        `check with one YAML mistake (a dedented key), ${BIG} touchpoints / bare parse` +
        `${one ? '' : ` (${big.mistakeDiagnostics} yaml-syntax diagnostics, 1 expected)`}`,
      measured: `${big.mistakeOverParse}x`,
      limit: '<= 4x',
      met: one && big.mistakeOverParse <= 4,
    });
  }
  const cOurs = completion.find((c) => c.server === 'journeymap');
  const cTheirs = completion.find((c) => c.server === 'yaml-language-server');
  if (cOurs && cTheirs) {
    for (const [what, a, b] of [
      ['key', cOurs.key, cTheirs.key],
      ['enum value', cOurs.enumValue, cTheirs.enumValue],
    ] as const) {
      const r = a.p95 / b.p95;
      out.push({
        target: `completion p95 (${what}), ${BIG} touchpoints: ours / yaml-language-server's`,
        measured: `${round(r, 3)} (1/${round(1 / r, 1)})`,
        limit: '<= 0.333 (1/3)',
        met: r <= 1 / 3,
      });
      out.push({ target: `completion p95 (${what}), ${BIG} touchpoints`, measured: `${a.p95} ms`, limit: '< 50 ms', met: a.p95 < 50 });
    }
  }
  if (big && mid) {
    const r = big.fullCheck.median / mid.fullCheck.median;
    out.push({ target: `growth: full check ${BIG} / ${MID} touchpoints`, measured: `${round(r, 2)}x`, limit: '<= 12x', met: r <= 12 });
  }
  if (ours && oursMid) {
    const r = ours.processing.median / oursMid.processing.median;
    out.push({
      target: `growth: processing after an edit ${BIG} / ${MID} touchpoints`,
      measured: `${round(r, 2)}x`,
      limit: '<= 12x',
      met: r <= 12,
    });
  }
  for (const p of preview) {
    out.push({
      target: `preview ${p.touchpoints} touchpoints: ours / Mermaid journey`,
      measured: `${p.oursOverMermaid}x`,
      limit: '<= 1x',
      met: p.oursOverMermaid <= 1,
    });
  }
  const largest = preview[preview.length - 1];
  if (largest) {
    out.push({
      target: `interactive at ${largest.touchpoints} touchpoints: zoom step to frame, p95`,
      measured: `${largest.zoomFrame.p95} ms`,
      limit: '<= 100 ms',
      met: largest.zoomFrame.p95 <= 100,
    });
  }
  // While a hostile file is analysed, a completion elsewhere still comes back (the hostile suite
  // checks that it does; how fast is measured here): the slowest over every hostile file.
  const hOurs = hostile.find((h) => h.server === 'journeymap');
  const hTheirs = hostile.find((h) => h.server === 'yaml-language-server');
  if (hOurs && hTheirs) {
    const r = hOurs.worstCompletionMs / hTheirs.worstCompletionMs;
    out.push({
      target: "completion while a hostile file is analysed, slowest: ours / yaml-language-server's",
      measured: `${round(r, 3)}`,
      limit: '<= 1',
      met: r <= 1,
    });
  }
  if (hOurs) {
    out.push({
      target: 'completion while a hostile file is analysed, slowest',
      measured: `${hOurs.worstCompletionMs} ms`,
      limit: '< 200 ms',
      met: hOurs.worstCompletionMs < 200,
    });
  }
  const ws = workspace[workspace.length - 1];
  if (ws)
    out.push({
      target: `server RSS, ${ws.files}-file workspace`,
      measured: `${Math.max(ws.rssMb, ws.rssAfterEditsMb)} MB`,
      limit: '< 400 MB',
      met: Math.max(ws.rssMb, ws.rssAfterEditsMb) < 400,
    });
  return out;
}

type Results = {
  machine: Record<string, unknown>;
  seconds: number;
  edits: EditResult[];
  completion: CompletionResult[];
  floor: FloorResult[];
  workspace: WorkspaceResult[];
  preview: PreviewResult[];
  /** Absent in results written before the section existed. */
  hostile?: HostileResult[];
  footprint: FootprintResult;
  /** lint and report over a large workspace, one thread vs workers (absent in results older than it). */
  cli?: CliScaleResult[];
  targets: Target[];
  /** Since issue 18 (older results.json files lack them). */
  open?: OpenResult[];
  editToMap?: EditToMapResult[];
  /** The browser's server in a Web Worker vs the Node server, and the web bundles (BENCH_ONLY=web). */
  web?: WebResult;
};

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const ms = (s: { median: number; p95: number }): string => `${s.median} / ${s.p95}`;

function render(r: Results): string {
  const m = r.machine;
  const parts: string[] = [];
  const latency = m.latencyMeasuredAt
    ? ` The floor, edit-to-diagnostics, completion, open and edit to map were re-measured at ${m.latencyMeasuredAt} ` +
      `(BENCH_ONLY=latency), load ${(m.loadAverageAtLatency as number[]).join(', ')}.`
    : '';
  parts.push(
    `Run ${m.date}, ${r.seconds} s. Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}; Node ${m.node}; ${m.chromium}; ` +
      `yaml-language-server ${m.yamlLanguageServer}; mermaid ${m.mermaid}. ` +
      `Load average at start: ${(m.loadAverageAtStart as number[]).join(', ')} ` +
      `(a shared machine: read the ratios, not the absolute times).${latency}`,
  );
  parts.push(
    '### Targets\n\n' +
      table(
        ['target', 'measured', 'limit', 'met'],
        r.targets.map((t) => [t.target, t.measured, t.limit, t.met ? 'yes' : '**no**']),
      ),
  );
  parts.push(
    '### Edit to diagnostics (ms, median / p95)\n\n' +
      table(
        ['server', 'touchpoints', 'edits', 'end to end (debounce included)', 'processing (in the server)', 'diagnostics'],
        r.edits.map((e) => [e.server, e.touchpoints, e.endToEnd.n, ms(e.endToEnd), ms(e.processing), e.diagnostics]),
      ),
  );
  if (r.open?.length) {
    parts.push(
      '### Open to first diagnostics (ms, median / p95; a fresh server each sample)\n\n' +
        table(
          ['server', 'touchpoints', 'samples', 'open to first diagnostics', 'diagnostics', 'open to every diagnostic', 'diagnostics'],
          r.open.map((o) => [
            o.server,
            o.touchpoints,
            o.open.n,
            ms(o.open),
            o.diagnostics,
            o.complete ? ms(o.complete) : '-',
            o.complete ? o.completeDiagnostics : '-',
          ]),
        ),
    );
  }
  if (r.edits.some((e) => e.bytesPerEdit)) {
    parts.push(
      '### Bytes sent per keystroke (server to client, median / p95)\n\n' +
        table(
          ['server', 'touchpoints', 'bytes per keystroke'],
          r.edits.map((e) => [e.server, e.touchpoints, e.bytesPerEdit ? ms(e.bytesPerEdit) : '-']),
        ),
    );
  }
  if (r.editToMap?.length) {
    parts.push(
      '### Edit to map (ms, median / p95; our server as the extension runs it, the built map in headless Chromium)\n\n' +
        table(
          [
            'touchpoints',
            'edits',
            'keystroke to the frame that shows it',
            'keystroke to the model message',
            'message to frame, in the page',
            'model message (bytes)',
          ],
          r.editToMap.map((m) => [m.touchpoints, m.editToMap.n, ms(m.editToMap), ms(m.toMessage), ms(m.inPage), ms(m.modelBytes)]),
        ),
    );
  }
  parts.push(
    '### Completion right after a keystroke (ms, median / p95)\n\n' +
      table(
        ['server', 'touchpoints', 'requests', 'key', 'items (has)', 'enum value', 'items (has)'],
        r.completion.map((c) => [
          c.server,
          c.touchpoints,
          c.key.n,
          ms(c.key),
          `${c.keyLabels} (${c.keyHas})`,
          ms(c.enumValue),
          `${c.enumLabels} (${c.enumHas})`,
        ]),
      ),
  );
  parts.push(
    '### The floor: `yaml` parseDocument alone vs our check, in process (ms, median / p95)\n\n' +
      table(
        [
          'touchpoints',
          'KB',
          'parse',
          'full check',
          'full / parse',
          'check after an edit',
          'edit / parse',
          'check with one YAML mistake',
          'mistake / parse',
        ],
        r.floor.map((f) => [
          f.touchpoints,
          round(f.bytes / 1024, 0),
          ms(f.parse),
          ms(f.fullCheck),
          `${f.fullOverParse}x`,
          ms(f.editCheck),
          `${f.editOverParse}x`,
          f.mistakeCheck ? ms(f.mistakeCheck) : '',
          f.mistakeCheck ? `${f.mistakeOverParse}x` : '',
        ]),
      ),
  );
  const wsNote = m.workspaceMeasuredAt ? ` Re-measured at ${m.workspaceMeasuredAt} (BENCH_ONLY=workspace).` : '';
  parts.push(
    `### Workspace (our server)${wsNote}\n\n` +
      table(
        ['files', 'journeys', 'personas', 'index (ms)', 'RSS (MB)', 'RSS after 5 edits (MB)', 'symbol search, every file (ms)'],
        r.workspace.map((w) => [w.files, w.journeys, w.personas, w.indexMs, w.rssMb, w.rssAfterEditsMb, w.symbolsMs ?? '-']),
      ),
  );
  const pvNote = m.previewMeasuredAt ? ` Re-measured at ${m.previewMeasuredAt} (BENCH_ONLY=preview).` : '';
  parts.push(
    `### Preview in headless Chromium (ms, median / p95)${pvNote}\n\n` +
      table(
        ['touchpoints', 'our map', 'Mermaid journey', 'ours / Mermaid', 'zoom step to frame', 'our elements', 'Mermaid elements'],
        r.preview.map((p) => [
          p.touchpoints,
          ms(p.ours),
          ms(p.mermaid),
          `${p.oursOverMermaid}x`,
          ms(p.zoomFrame),
          p.svgElements,
          p.mermaidElements,
        ]),
      ),
  );
  if (r.cli?.length) {
    const cliNote = m.cliMeasuredAt
      ? ` Re-measured at ${m.cliMeasuredAt} (BENCH_ONLY=cli), load ${(m.loadAverageAtCli as number[]).join(', ')}.`
      : '';
    parts.push(
      '### lint and report over a large workspace: worker threads vs one thread ' +
        `(s, median of ${r.cli[0].runs}, interleaved)${cliNote}\n\n` +
        table(
          ['command', 'files', 'one thread', 'workers', 'with workers', 'speed-up'],
          r.cli.map((c) => [`journeymap ${c.command}`, c.files, c.oneThreadS, c.workers, c.workersS, `${c.speedUp}x`]),
        ),
    );
  }
  if (r.hostile?.length) {
    const hNote = m.hostileMeasuredAt ? ` Re-measured at ${m.hostileMeasuredAt} (BENCH_ONLY=hostile).` : '';
    const names = r.hostile[0].files.map((f) => f.name);
    parts.push(
      `### Hostile files: completion on another journey while each is analysed (ms)${hNote}\n\n` +
        "Each of the hostile suite's files opened in turn; completions asked one after another until its diagnostics come " +
        `(at most ${PUBLISH_LIMIT_MS / 1000} s). Cells: slowest completion / diagnostics after (— none within that). ` +
        `Idle completion: ${r.hostile.map((h) => `${h.server} ${h.idleCompletionMs}`).join(', ')}.\n\n` +
        table(
          ['file', ...r.hostile.map((h) => h.server)],
          names.map((n) => [
            n,
            ...r.hostile!.map((h) => {
              const f = h.files.find((x) => x.name === n);
              return f ? `${f.worstCompletionMs} / ${f.diagnosticsMs ?? '—'}` : '-';
            }),
          ]),
        ),
    );
  }
  if (r.web) {
    const wNote = m.webMeasuredAt
      ? ` Measured at ${m.webMeasuredAt} (BENCH_ONLY=web), load ${(m.loadAverageAtWeb as number[]).join(', ')}.`
      : '';
    parts.push(
      `### The browser's server: a Web Worker in Chromium vs the Node server ` +
        `(ms, median / p95; a fresh server each sample, production bundles)${wNote}\n\n` +
        table(
          ['server', 'touchpoints', 'samples', 'start to initialize answered', 'open to first diagnostics', 'diagnostics'],
          r.web.rows.map((w) => [w.server, w.touchpoints, w.open.n, w.start ? ms(w.start) : '-', ms(w.open), w.diagnostics]),
        ) +
        '\n\n' +
        table(
          ['web bundle', 'KB', 'gzip KB'],
          r.web.bundles.map((b) => [b.file, b.kb, b.gzipKb]),
        ),
    );
  }
  const f = r.footprint;
  parts.push(
    '### Footprint\n\n' +
      table(
        ['artifact', 'KB', 'gzip KB'],
        [...f.bundles.map((b) => [b.file, b.kb, b.gzipKb]), 'kb' in f.vsix ? [f.vsix.file, f.vsix.kb, ''] : ['.vsix', f.vsix.error, '']],
      ) +
      '\n\nClient bundle load (require with a stub `vscode`): ' +
      `${ms(f.clientLoad)} ms (median / p95 of ${f.clientLoad.n} fresh processes).`,
  );
  return parts.join('\n\n');
}

function updateReadme(tableText: string): void {
  const path = join(__dirname, 'README.md');
  const begin = '<!-- bench:results -->';
  const end = '<!-- /bench:results -->';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return;
  }
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  writeFileSync(path, text.slice(0, a + begin.length) + '\n\n' + tableText + '\n\n' + text.slice(b));
  // The project README shows the run's first line and its targets.
  const rootPath = join(__dirname, '..', 'README.md');
  const root = readFileSync(rootPath, 'utf8');
  const ra = root.indexOf('<!-- bench:targets -->');
  const rb = root.indexOf('<!-- /bench:targets -->');
  if (ra < 0 || rb < ra) return;
  const [machineLine] = tableText.split('\n');
  const targets = tableText.slice(tableText.indexOf('| target |'), tableText.indexOf('\n\n', tableText.indexOf('| target |')));
  writeFileSync(rootPath, `${root.slice(0, ra)}<!-- bench:targets -->\n${machineLine}\n\n${targets}\n${root.slice(rb)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
