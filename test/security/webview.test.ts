// The webview as an attacker would try it, in headless Chromium under the page's real CSP
// (`webviewHtml`, the same page the extension serves): inline script, inline handlers, eval,
// new Function and every kind of remote load are blocked; 60+ XSS payloads through every text
// field of a journey and of a persona render inert and literal; messages of the wrong shape,
// or for another document, change nothing.
import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FileModel } from '../../server/src/core/model';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { webviewHtml } from '../../webview/src/html';
import { BUNDLE, Harness, MapPage, openMap, startHarness } from '../webview/browser';
import { journeyFixture, personaFixture } from '../webview/fixtures';
import { XSS } from './xss';

/** Every string of a model replaced by `payload` (except what the host, not the file, decides). */
function everyField<T extends FileModel>(model: T, payload: string): T {
  // Ids key the model's own records (emotions by persona, peak-end): they stay consistent.
  const keep = new Set(['kind', 'uri', 'color', 'id', 'stageId', 'touchpointId']);
  const walk = (x: unknown, key: string): unknown => {
    if (typeof x === 'string') return keep.has(key) ? x : payload;
    if (Array.isArray(x)) return x.map((v) => walk(v, key));
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v, k)]));
    return x;
  };
  return walk(model, '') as T;
}

describe('security: the webview', function () {
  this.timeout(120_000);
  let h: Harness;
  let remote: http.Server;
  let remoteOrigin: string;
  const remoteHits: string[] = [];
  let attack: http.Server;
  let attackOrigin: string;

  before(async () => {
    h = await startHarness();
    // Another origin: anything the page fetches from here would be a remote load.
    remote = http.createServer((req, res) => {
      remoteHits.push(req.url ?? '');
      res.writeHead(200, {
        'content-type': req.url?.endsWith('.js') ? 'text/javascript' : 'text/plain',
        'access-control-allow-origin': '*',
      });
      res.end(req.url?.endsWith('.js') ? 'window.__remote = 1;' : 'remote');
    });
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
    remoteOrigin = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
    // The real page (webviewHtml, real CSP, the built bundle) plus one attacking script.
    attack = http.createServer((req, res) => {
      const origin = `http://127.0.0.1:${(attack.address() as AddressInfo).port}`;
      if (req.url === '/webview.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(fs.readFileSync(BUNDLE));
        return;
      }
      const nonce = crypto.randomBytes(16).toString('base64');
      const page = webviewHtml({ scriptUri: `${origin}/webview.js`, cspSource: origin, nonce, title: 'Journey map' });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page.replace('</body>', `<script nonce="${nonce}">${attackScript(remoteOrigin)}</script></body>`));
    });
    await new Promise<void>((r) => attack.listen(0, '127.0.0.1', r));
    attackOrigin = `http://127.0.0.1:${(attack.address() as AddressInfo).port}`;
  });
  after(async () => {
    await h?.close();
    await new Promise((r) => remote?.close(r));
    await new Promise((r) => attack?.close(r));
  });

  it('blocks inline script, inline handlers, eval, new Function and remote loads (and still runs its own script)', async () => {
    // The attack runs as a script carrying the page's nonce (an attacker who got one script in),
    // at load, before any DevTools evaluation: Chromium lets eval through once DevTools has
    // evaluated anything in a page, so the results are read only after the attack is over.
    const page = await h.browser.newPage();
    await page.goto(`${attackOrigin}/`);
    await page.waitForSelector('body[data-attack]', { state: 'attached', timeout: 20_000 });
    const outcome = JSON.parse((await page.getAttribute('body', 'data-attack')) ?? '{}') as Record<string, unknown>;
    const violations = outcome.violations as string[];
    delete outcome.violations;
    assert.deepStrictEqual(outcome, {
      bundle: 'ran',
      eval: 'EvalError',
      function: 'EvalError',
      timeoutString: 'blocked',
      fetch: 'TypeError',
      inline: false,
      handler: false,
      innerHTML: false,
      remoteScript: false,
    });
    assert.deepStrictEqual(remoteHits, [], 'the other origin was never contacted');
    for (const directive of ['script-src-elem', 'script-src-attr', 'script-src', 'img-src', 'style-src-elem', 'frame-src', 'connect-src']) {
      assert.ok(
        violations.some((v) => v.startsWith(directive + ' ')),
        `a securitypolicyviolation for ${directive}: ${violations.join(', ')}`,
      );
    }
    assert.ok(violations.includes('script-src eval'), `eval reported: ${violations.join(', ')}`);
    await page.close();
  });

  describe(`${XSS.length} XSS payloads through every text field`, () => {
    let m: MapPage;
    let allowedTags: Set<string>;
    before(async () => {
      assert.ok(XSS.length >= 50);
      m = await openMap(h);
      // The elements the map draws from honest models: anything else would be injected.
      await m.show(journeyFixture({ touchpoints: 5 }), 1);
      const journeyTags = await m.page.$$eval('#map *', (es) => es.map((e) => e.tagName));
      await m.show(personaFixture(), 2);
      const personaTags = await m.page.$$eval('#map *', (es) => es.map((e) => e.tagName));
      allowedTags = new Set([...journeyTags, ...personaTags]);
    });
    after(() => m?.page.close());

    let version = 10;
    for (const [i, payload] of XSS.entries()) {
      it(`#${i + 1} ${JSON.stringify(payload).slice(0, 70)}: inert and literal in a journey and a persona`, async () => {
        for (const model of [
          everyField(journeyFixture({ touchpoints: 5 }), payload),
          journeyFixture({ touchpoints: 5, text: payload }),
          everyField(personaFixture(), payload),
        ]) {
          await m.show(model, ++version);
          // Clicking a card and hovering would fire any injected handler.
          await m.page.hover('#map .card, #map .persona-name').catch(() => undefined);
          const dom = await m.page.evaluate((s) => {
            const all = [...document.querySelectorAll('#map *')];
            return {
              xss: (window as unknown as { __xss?: unknown }).__xss,
              tags: [...new Set(all.map((e) => e.tagName))],
              handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
              hrefs: all.filter((e) => e.hasAttribute('href') || e.hasAttribute('xlink:href') || e.hasAttribute('src')).length,
              pageElements: document.querySelectorAll(
                'body script, body img, body iframe, body object, body embed, body link, body style, body meta, body base, body form',
              ).length,
              // Long texts wrap into several lines (tspans): compare without the breaks.
              literal: all.filter(
                (e) =>
                  (e.tagName === 'text' || e.tagName === 'title') && (e.textContent ?? '').replace(/\s+/g, '') === s.replace(/\s+/g, ''),
              ).length,
            };
          }, payload);
          assert.strictEqual(dom.xss, undefined, 'no script ran');
          assert.deepStrictEqual(
            dom.tags.filter((t) => !allowedTags.has(t)),
            [],
            'no element injected',
          );
          assert.strictEqual(dom.handlers, 0, 'no event handler attribute');
          assert.strictEqual(dom.hrefs, 0, 'no link or source attribute');
          // The page's own: one <script> (the bundle) and one <style>; nothing else of those kinds.
          assert.strictEqual(dom.pageElements, 1, 'only the bundle script outside the map');
          assert.ok(dom.literal >= 2, `the text shows literally (${dom.literal} elements)`);
        }
        assert.deepStrictEqual(await m.problems(), [], 'no page error, no CSP violation');
      });
    }
  });

  it('ignores host messages of the wrong type or shape, and highlights for another document', async () => {
    const m = await openMap(h);
    const journey = journeyFixture({ touchpoints: 5 });
    await m.show(journey, 1);
    await m.clearPosted();
    const before = await m.page.$eval('#map', (e) => e.outerHTML);
    const junk: unknown[] = [
      null,
      42,
      'model',
      [],
      { type: 'nonsense' },
      { type: 'model' },
      { type: 'model', result: null },
      { type: 'model', result: 'x' },
      { type: 'highlight', uri: 'file:///elsewhere.journey.yaml', touchpointIndex: 1, stageIndex: 0 },
      { type: 'highlight', uri: journey.uri, touchpointIndex: '1', stageIndex: {} },
      { type: 'export', format: 'exe' },
      { type: 'export' },
      { type: '__proto__' },
      { type: 'constructor' },
    ];
    for (const j of junk) await m.page.evaluate((x) => window.postMessage(x, '*'), j as never);
    // A marker after the junk: messages are handled in order, so once the export of the marker
    // is back, every junk message has been handled (no clock decides when to look).
    // A PNG, which no junk message asks for, so its answer cannot be mistaken for another.
    await m.send({ type: 'export', format: 'png' });
    await m.page.waitForFunction(() => (window as unknown as { __posted: { format?: string }[] }).__posted.some((p) => p.format === 'png'));
    assert.strictEqual(await m.page.$eval('#map', (e) => e.outerHTML), before, 'the map is unchanged');
    assert.deepStrictEqual(
      (await m.posted()).map((p) => `${p.type} ${'format' in p ? p.format : ''}`),
      ['exported png'],
      "nothing but the marker's answer was sent to the host",
    );
    assert.deepStrictEqual(await m.problems(), []);
    await m.page.close();
  });
});

/** What the attacking script tries, in the page, at load; it writes the outcome on <body>. */
function attackScript(remote: string): string {
  return `(() => {
  const r = { violations: [] };
  document.addEventListener('securitypolicyviolation', (e) => r.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  // The bundle (loaded by nonce just before this script) set up d3-zoom on the map.
  r.bundle = '__zoom' in document.getElementById('map') ? 'ran' : 'missing';
  const inline = document.createElement('script');
  inline.textContent = 'window.__inline = 1';
  document.body.appendChild(inline);
  const handler = document.createElement('img');
  handler.setAttribute('onerror', 'window.__handler = 1');
  handler.src = '/missing.png';
  document.body.appendChild(handler);
  const div = document.createElement('div');
  div.innerHTML = '<img src=x onerror="window.__innerHTML = 1">';
  document.body.appendChild(div);
  try { eval('window.__eval = 1'); r.eval = 'ran'; } catch (e) { r.eval = e.name; }
  try { new Function('window.__function = 1')(); r.function = 'ran'; } catch (e) { r.function = e.name; }
  try { setTimeout('window.__timeoutString = 1', 0); } catch (e) { r.timeoutThrew = e.name; }
  const add = (tag, attrs, parent) => {
    const el = document.createElement(tag); Object.assign(el, attrs); (parent || document.body).appendChild(el);
  };
  add('script', { src: '${remote}/x.js' });
  add('img', { src: '${remote}/x.png' });
  add('link', { rel: 'stylesheet', href: '${remote}/x.css' }, document.head);
  add('iframe', { src: '${remote}/frame' });
  try { new WebSocket('${remote}'.replace('http', 'ws') + '/ws'); } catch (e) { r.websocket = e.name; }
  fetch('${remote}/fetch').then(() => { r.fetch = 'loaded'; }, (e) => { r.fetch = e.name; }).finally(() => setTimeout(() => {
    r.timeoutString = window.__timeoutString === 1 ? 'ran' : 'blocked';
    r.inline = window.__inline === 1;
    r.handler = window.__handler === 1;
    r.innerHTML = window.__innerHTML === 1;
    r.remoteScript = window.__remote === 1;
    if (window.__eval === 1) r.eval = 'ran';
    if (window.__function === 1) r.function = 'ran';
    delete r.timeoutThrew;
    delete r.websocket;
    document.body.setAttribute('data-attack', JSON.stringify(r));
  }, 1000));
})();`;
}
