#!/usr/bin/env node
/* global window, document, innerWidth, innerHeight, requestAnimationFrame */
/**
 * Canvas benchmark (`npm run bench:canvas`; a script, not a test): the real canvas (custom cards, validation badges from
 * the live validator, palette) and a bare React Flow 12 page with the same nodes and edges, in headless Chromium,
 * at 100 / 1,000 / 5,000 nodes: time to first render, and frame times (median, p95) while dragging a node and
 * while panning (and, zoomed out to fit the whole design, while panning again), with the main thread's CPU time for each gesture (steadier than frame times when the machine is
 * busy: compare it within one run) and, for the app, how many node arrays the canvas handed React Flow. Both pages are bundled here with esbuild from renderer/src/bench/*.tsx (not part of the app build).
 *
 *   npm run bench:canvas [-- --sizes 100,1000] [--pages app] [--frames]      CHROMIUM_PATH overrides /usr/bin/chromium
 *
 * --pages app measures only the app (or only bare); --frames also prints each gesture's frame times in order, to see
 * which frames are slow (the start of a drag, its end, or a steady rhythm).
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = (sizesArg > 0 ? process.argv[sizesArg + 1] : '100,1000,5000').split(',').map(Number);
const pagesArg = process.argv.indexOf('--pages');
const PAGES = (pagesArg > 0 ? process.argv[pagesArg + 1] : 'bare,app').split(',');
const FRAMES = process.argv.includes('--frames');

const out = mkdtempSync(path.join(os.tmpdir(), 'ecsd-bench-'));
await build({
  entryPoints: { app: path.join(root, 'renderer/src/bench/app.tsx'), bare: path.join(root, 'renderer/src/bench/bare.tsx') },
  bundle: true,
  outdir: out,
  format: 'esm',
  jsx: 'automatic',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.svg': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl' },
  logLevel: 'warning',
});
for (const page of ['app', 'bare']) {
  writeFileSync(path.join(out, `${page}.html`), `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${page}.css"></head><body><div id="root"></div><script type="module" src="${page}.js"></script></body></html>`);
}
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = http.createServer((req, res) => {
  const file = path.join(out, path.normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^[/\\]+/, ''));
  let body;
  try {
    body = readFileSync(file);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

const stats = (frames, label) => {
  const seq = frames.slice(1).map((t, i) => t - frames[i]);
  if (FRAMES) console.log(`       ${label} frames (ms, in order): ${seq.map((x) => x.toFixed(0)).join(' ')}`);
  const d = seq.sort((a, b) => a - b);
  const at = (q) => d[Math.min(d.length - 1, Math.floor(q * d.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
};

/** Main-thread CPU time of the page (Chrome's ThreadTime, seconds): less sensitive than frame times to a busy machine. */
async function threadTime(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
}

async function recordFrames(page, label, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpu0 = await threadTime(cdp);
  // One frame loop per recording: each loop carries its recording's number and ends when that is no longer current.
  // (A loop told to stop only by a flag could still be waiting for its next frame when the next recording starts,
  // and two loops in one frame record a 0 ms "frame".)
  await page.evaluate(() => {
    const recording = (window.__recording = (window.__recording ?? 0) + 1);
    window.__frames = [];
    window.__nodeArrays = 0;
    const loop = (t) => {
      if (window.__recording !== recording) return;
      window.__frames.push(t);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await action();
  const cpu = (await threadTime(cdp)) - cpu0;
  await cdp.detach();
  const { frames, nodeArrays } = await page.evaluate(() => ((window.__recording += 1), { frames: window.__frames, nodeArrays: window.__nodeArrays }));
  // nodeArrays: node arrays the app's canvas passed to React Flow meanwhile (a load-independent figure; none on the bare page).
  return { ...stats(frames, label), nodeArrays, cpu: cpu * 1000 };
}

async function measure(kind, n) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/${kind}.html?n=${n}`);
  await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 120_000 });
  const firstRender = await page.evaluate(() => window.__firstRender);
  await page.waitForTimeout(300);
  const loadArrays = await page.evaluate(() => window.__nodeArrays);

  // Drag the card nearest the middle of the view.
  const node = await page.evaluate(() => {
    const cx = innerWidth / 2;
    const cy = innerHeight / 2;
    let best;
    for (const e of document.querySelectorAll('.react-flow__node')) {
      if (e.getAttribute('data-id')?.endsWith('-app')) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.left < 260) continue;
      const d = Math.hypot(r.left + 30 - cx, r.top + 12 - cy);
      if (!best || d < best.d) best = { x: r.left + 30, y: r.top + 12, d };
    }
    return best;
  });
  const drag = await recordFrames(page, `${kind} ${n} drag`, async () => {
    await page.mouse.move(node.x, node.y);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(node.x + i * 4, node.y + i * 2);
    await page.mouse.up();
  });

  // Pan from an empty spot of the pane.
  const spot = await page.evaluate(() => {
    for (let y = 120; y < innerHeight - 120; y += 20)
      for (let x = 300; x < innerWidth - 300; x += 20) if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    return { x: innerWidth / 2, y: 60 };
  });
  const pan = await recordFrames(page, `${kind} ${n} pan`, async () => {
    await page.mouse.move(spot.x, spot.y);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(spot.x - i * 5, spot.y - i * 3);
    await page.mouse.up();
  });

  // The whole design in view (the zoom controls' Fit View, down to the 0.1 minimum zoom), and a pan there: every
  // card in view is mounted (the app draws them as blocks below 30% zoom).
  await page.click('.react-flow__controls-fitview');
  await page.waitForTimeout(1500);
  const fitZoom = await page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? '')?.[1] ?? NaN));
  const fitSpot = await page.evaluate(() => {
    for (let y = 120; y < innerHeight - 120; y += 10)
      for (let x = 300; x < innerWidth - 300; x += 10) if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    return undefined;
  });
  const fitPan = fitSpot
    ? await recordFrames(page, `${kind} ${n} fit view pan`, async () => {
        await page.mouse.move(fitSpot.x, fitSpot.y);
        await page.mouse.down();
        for (let i = 1; i <= 60; i++) await page.mouse.move(fitSpot.x - i * 2, fitSpot.y - i);
        await page.mouse.up();
      })
    : { median: NaN, p95: NaN };
  await page.close();
  if (errors.length > 0) throw new Error(`${kind} ${n}: ${errors.join('; ')}`);
  return { firstRender, drag, pan, loadArrays, fitZoom, fitPan };
}

const ms = (x) => `${x.toFixed(1)} ms`.padStart(10);
console.log(`Chromium ${browser.version()} headless (software rendering), viewport 1600×900`);
console.log('nodes  page  first render   drag median   drag p95   pan median    pan p95   CPU drag     CPU pan   node arrays (load/drag/pan)   fit view: zoom, pan p95');
const results = [];
try {
  for (const n of SIZES) {
    for (const kind of PAGES) {
      const r = await measure(kind, n);
      results.push({ n, kind, ...r });
      console.log(`${String(n).padStart(5)}  ${kind.padEnd(4)}  ${ms(r.firstRender)}  ${ms(r.drag.median)}  ${ms(r.drag.p95)}  ${ms(r.pan.median)}  ${ms(r.pan.p95)}  ${ms(r.drag.cpu)}  ${ms(r.pan.cpu)}   ${(kind === 'app' ? `${r.loadArrays}/${r.drag.nodeArrays}/${r.pan.nodeArrays}` : '–').padEnd(30)}${r.fitZoom.toFixed(2)}, ${ms(r.fitPan.p95).trim()}`);
    }
    const [bare, app] = results.slice(-2);
    if (PAGES.length === 2) console.log(`       app/bare first render ${(app.firstRender / bare.firstRender).toFixed(2)}×`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
