// The HTML portfolio report (`journeymap report -o DIR/`, the built CLI) in headless Chromium:
// its tables are there and sort on a click (the sort script runs under the page's nonce CSP),
// every journey is linked to its own map page, nothing is requested beyond the page itself
// (the browser's request log), and XSS payloads from the security corpus in every text field
// of the journeys and personas stay text. Screenshot in test-results/screenshots/.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { XSS } from '../security/xss';
import { PORTFOLIO_FILES } from '../unit/portfolio.workspace';
import { launchChromium } from '../support/chromium';
import { ROOT, SCREENSHOTS } from './browser';

const CLI = path.join(ROOT, 'dist/cli.js');

/** Writes files under a fresh temporary folder. */
function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-report-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function report(dir: string): string {
  const out = path.join(dir, 'site') + path.sep;
  const r = spawnSync(process.execPath, [CLI, 'report', '--root', dir, dir, '-o', out], { encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  return path.join(dir, 'site', 'index.html');
}

/** A journey carrying one payload in every text field the report prints. */
function xssJourney(i: number, p: string): string {
  const q = JSON.stringify(p);
  return `journey: xss-${i}
title: ${q}
owner: ${q}
personas: [xss-persona-${i}]
currency: EUR
metrics: { period: ${q} }
stages:
  - name: ${q}
    owner: ${q}
    touchpoints:
      - id: t
        name: ${q}
        owner: ${q}
        emotion: -2
        evidence: [analytics]
        metrics: { volume: 100, drop_off: 0.5, revenue_at_risk: ${1000 + i} }
        opportunities:
          - { text: ${q}, uplift: 0.5, effort: 2, owner: ${q}, link: ${q} }
          - { text: ${q}, owner: ${q} }
        backstage:
          - { text: ${q}, owner: ${q}, system: ${q} }
`;
}

interface Loaded {
  page: Page;
  requests: string[];
  problems: string[];
}

async function load(browser: Browser, file: string): Promise<Loaded> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      ((window as unknown as { __csp: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests, problems };
}

/** The sort keys of a table's column, as the rows now stand. */
const column = (page: Page, table: number, col: number) =>
  page.evaluate(
    ([t, c]) =>
      Array.from(document.querySelectorAll('table.sortable')[t].querySelectorAll('tbody tr')).map(
        (r) => (r as HTMLTableRowElement).cells[c].dataset.sort ?? r.textContent,
      ),
    [table, col] as const,
  );

describe('webview: the HTML portfolio report in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  const dirs: string[] = [];
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('tables are there and sort on a click; every journey links to its map page; nothing is requested', async () => {
    const dir = workspace(PORTFOLIO_FILES);
    dirs.push(dir);
    const index = report(dir);
    const { page, requests, problems } = await load(browser, index);
    const captions = await page.$$eval('table.sortable caption', (cs) => cs.map((c) => c.textContent));
    // Journeys ranked per group (EUR per year, GBP per year, no currency per year, EUR per spring sale), hotspots likewise, then the rest.
    assert.deepStrictEqual(captions.slice(0, 4), ['EUR per year', 'GBP per year', 'no currency per year', 'EUR per spring sale']);
    assert.ok(captions.includes('Owners') && captions.includes('Systems'), captions.join(' | '));
    // The first journeys table, hand-worked (test/unit/portfolio.workspace.ts): renew-b 42,000 then buy-a 40,000 per year.
    const firstTable = () =>
      page.$$eval('table.sortable:first-of-type tbody tr', (rows) => rows.map((r) => (r as HTMLTableRowElement).cells[1].textContent));
    assert.deepStrictEqual(await firstTable(), ['Renew B', 'Buy A']);
    assert.deepStrictEqual(await column(page, 0, 3), ['42000', '40000']);
    // A click on "At risk at hotspots" sorts ascending, a second descending; the header says which.
    const header = page.locator('table.sortable').first().locator('thead th').nth(3);
    await header.locator('button').click();
    assert.strictEqual(await header.getAttribute('aria-sort'), 'ascending');
    assert.deepStrictEqual(await firstTable(), ['Buy A', 'Renew B']);
    await header.locator('button').click();
    assert.strictEqual(await header.getAttribute('aria-sort'), 'descending');
    assert.deepStrictEqual(await firstTable(), ['Renew B', 'Buy A']);
    // A text column sorts by text: the hotspots table by touchpoint.
    const spots = page.locator('h2#hotspots ~ table.sortable').first();
    await spots.locator('thead th').nth(2).locator('button').click();
    const names = await spots.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.deepStrictEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );

    // Every journey is linked to its own map page, which exists and draws that journey.
    // The journeys section: from its heading to the next one.
    const links = await page.evaluate(() => {
      const out: { text: string | null; href: string | null }[] = [];
      for (let e = document.getElementById('journeys')?.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling) {
        const anchors = e.tagName === 'TABLE' ? e.querySelectorAll('tbody td:nth-child(2) a') : e.querySelectorAll('a');
        for (const a of Array.from(anchors)) out.push({ text: a.textContent, href: a.getAttribute('href') });
      }
      return out;
    });
    const titles = ['Buy A', 'Renew B', 'Move C', 'Sale D', 'Visit E', 'Happy F'];
    // (A journey not compared per year is also listed under the tables, with the same link.)
    assert.deepStrictEqual([...new Set(links.map((l) => l.text))].sort(), titles.sort());
    for (const t of titles)
      assert.strictEqual(new Set(links.filter((l) => l.text === t).map((l) => l.href)).size, 1, `one map page for ${t}`);
    assert.strictEqual(new Set(links.map((l) => l.href)).size, titles.length, 'one map page per journey');
    for (const l of links) {
      assert.match(l.href!, /^maps\/[a-z0-9-]+\.html$/);
      const map = fs.readFileSync(path.join(path.dirname(index), l.href!), 'utf8');
      assert.ok(map.includes(`>${l.text}<`), `${l.href} draws ${l.text}`);
    }

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'portfolio-report.png'), fullPage: true });
    // The request log holds the page alone: no style, script, font or image came from anywhere.
    assert.deepStrictEqual(requests, [pathToFileURL(index).href]);
    assert.deepStrictEqual(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []), []);
    assert.deepStrictEqual(problems, []);
    // A link opens the map page (a second request, to the site's own file).
    await page.locator('h2#journeys ~ table.sortable tbody td:nth-child(2) a', { hasText: 'Buy A' }).first().click();
    await page.waitForURL(/maps\/.+\.html$/);
    assert.ok((await page.title()).includes('Buy A'), await page.title());
    await page.close();
  });

  it(`${XSS.length} XSS payloads in every text field stay text`, async () => {
    const files: Record<string, string> = {};
    XSS.forEach((p, i) => {
      files[`xss-${i}.journey.yaml`] = xssJourney(i, p);
      files[`xss-persona-${i}.persona.yaml`] = `persona: xss-persona-${i}\nname: ${JSON.stringify(p)}\n`;
    });
    const dir = workspace(files);
    dirs.push(dir);
    const index = report(dir);
    const { page, requests, problems } = await load(browser, index);
    // Each payload reached the page as text, in a cell or a list item (HTML drops a NUL from text).
    const norm = (s: string) => s.replace(/[\u0000\uFFFD]/g, '').trim();
    const text = norm(await page.evaluate(() => document.body.textContent ?? ''));
    for (const p of XSS) assert.ok(text.includes(norm(p)), `shown as text: ${JSON.stringify(p)}`);
    // Nothing ran, nothing was injected: one script (the page's own), no handler attribute, no
    // element a payload would bring, no javascript: or data: link, nothing loaded.
    const dom = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('*'));
      return {
        xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
        scripts: document.querySelectorAll('script').length,
        handlers: all.flatMap((e) =>
          Array.from(e.attributes)
            .filter((a) => /^on/i.test(a.name))
            .map((a) => `${e.tagName} ${a.name}`),
        ),
        tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))].sort(),
        hrefs: Array.from(document.querySelectorAll('a'))
          .map((a) => a.getAttribute('href') ?? '')
          .filter((h) => !/^(maps\/[a-z0-9-]+\.html|https?:\/\/)/i.test(h)),
        csp: (window as unknown as { __csp?: string[] }).__csp ?? [],
      };
    });
    assert.strictEqual(dom.xss, null);
    assert.strictEqual(dom.scripts, 1);
    assert.deepStrictEqual(dom.handlers, []);
    const allowed = [
      'a',
      'body',
      'br',
      'button',
      'caption',
      'circle',
      'h1',
      'h2',
      'h3',
      'head',
      'html',
      'li',
      'line',
      'meta',
      'p',
      'polyline',
      'script',
      'small',
      'span',
      'style',
      'svg',
      'table',
      'tbody',
      'td',
      'th',
      'thead',
      'title',
      'tr',
      'ul',
    ];
    assert.deepStrictEqual(
      dom.tags.filter((t) => !allowed.includes(t)),
      [],
    );
    assert.deepStrictEqual(dom.hrefs, []);
    assert.deepStrictEqual(dom.csp, []);
    // Sorting every column of every table (each header's button clicked in the page) moves text only.
    const clicked = await page.evaluate(() => {
      const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('table.sortable thead button'));
      for (const b of buttons) b.click();
      return { buttons: buttons.length, sorted: document.querySelectorAll('th[aria-sort]').length };
    });
    assert.ok(clicked.buttons > 100, `${clicked.buttons} headers`);
    assert.strictEqual(clicked.sorted, await page.locator('table.sortable').count(), 'each table sorted by its last column');
    assert.strictEqual(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null), null);
    assert.strictEqual(await page.evaluate(() => document.querySelectorAll('script').length), 1);
    assert.deepStrictEqual(requests, [pathToFileURL(index).href]);
    assert.deepStrictEqual(problems, []);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'portfolio-report-xss.png') });
    await page.close();
  });

  it('draws the sample with quarterly data as a trend per metric, the latest quarter marked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-report-'));
    dirs.push(dir);
    fs.cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
    const index = report(dir);
    const { page, requests, problems } = await load(browser, index);
    const table = page.locator('table.sortable', { has: page.locator('caption', { hasText: 'Trends from data files' }) });
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = (tr as HTMLTableRowElement).cells;
        const svg = cells[2].querySelector('svg');
        const line = svg?.querySelector('polyline');
        const latest = svg?.querySelector('circle.latest');
        const box = svg?.getBoundingClientRect();
        return {
          journey: cells[0].textContent,
          metric: cells[1].textContent,
          points: line ? (line.getAttribute('points') ?? '').split(' ').length : 0,
          latestX: latest ? Number(latest.getAttribute('cx')) : null,
          drawn: box ? box.width > 100 && box.height > 20 : false,
          latest: cells[4].textContent,
        };
      }),
    );
    // samples/data/pay-energy-bill.csv: journey rows for 8 quarters, 2024-Q1 to 2025-Q4.
    assert.deepStrictEqual(
      rows.map((r) => r.metric),
      ['volume', 'completion_rate', 'nps', 'responses'],
    );
    for (const r of rows) {
      assert.strictEqual(r.journey, 'Pay an estimated energy bill');
      assert.strictEqual(r.points, 8, r.metric!);
      assert.strictEqual(r.latestX, 117, 'the latest quarter is the last point');
      assert.ok(r.drawn);
      assert.match(r.latest!, /\(2025-Q4\)$/);
    }
    assert.strictEqual(rows[0].latest, '168,000 (2025-Q4)');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await table.screenshot({ path: path.join(SCREENSHOTS, 'portfolio-report-trends.png') });
    assert.deepStrictEqual(requests, [pathToFileURL(index).href]);
    assert.deepStrictEqual(problems, []);
    await page.close();
  });
});
