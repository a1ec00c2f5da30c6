/**
 * The floor for `chart.limit_ratio`: a static page holding the product chart's own SVG (its
 * already-downsampled series paths, axes and grid, copied from a painted product chart), served by
 * a bare Node HTTP server. Its measure runs from navigation start (the page's one request, HTML
 * parse building the SVG, layout) to the first frame painted with the paths, marked the way the
 * product's chart marks its own (renderer/components/command/chart/paint-mark.ts): at the start of
 * the frame the paths are in, then a user-blocking task after its paint. No chart can show these
 * paths sooner than a page that already has them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';

export const FLOOR_MEASURE = 'pitwall:static-paths-painted';

/** What the product drew: the chart's SVG with every series path, and the box it sat in. */
export interface CapturedChart {
  svg: string;
  width: number;
  height: number;
  paths: number;
}

interface PageSvg {
  outerHTML: string;
  getBoundingClientRect(): { width: number; height: number };
  querySelectorAll(selector: string): { length: number };
}

/** Copies the painted product chart's SVG (call on a product page after its first-paint measure). */
export async function captureChart(page: Page): Promise<CapturedChart> {
  const svg = page
    .getByTestId('correlation-chart')
    .locator('svg.recharts-surface')
    .filter({ has: page.locator('.series-path') });
  // Runs in the page; typed by what it uses, as this file is checked without the DOM's types.
  const copied = await svg.evaluate((el: PageSvg) => {
    const box = el.getBoundingClientRect();
    return { svg: el.outerHTML, width: box.width, height: box.height, paths: el.querySelectorAll('.series-path').length };
  });
  if (typeof copied.svg !== 'string' || !(copied.paths > 0)) throw new Error('chart bench: the product chart drew no series paths to copy');
  return copied;
}

// Runs as the page's last element: the SVG above is parsed and in the DOM, so the next frame paints it.
const MARK_SCRIPT = `
requestAnimationFrame(() => {
  const mark = () => { performance.mark('${FLOOR_MEASURE}-end'); performance.measure('${FLOOR_MEASURE}', { start: 0, end: '${FLOOR_MEASURE}-end' }); };
  if (globalThis.scheduler) scheduler.postTask(mark, { priority: 'user-blocking' }); else setTimeout(mark, 0);
});`;

function floorPage(chart: CapturedChart): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>paths floor</title>' +
    '<style>body{margin:0;background:#0b0f14;font:12px sans-serif;color:#9fb0c2}</style></head><body>' +
    `<div style="width:${chart.width}px;height:${chart.height}px">${chart.svg}</div>` +
    `<script>${MARK_SCRIPT}</script></body></html>`
  );
}

/** Serves the floor page on a free 127.0.0.1 port until closed. */
export async function serveFloor(chart: CapturedChart): Promise<{ url: string; close: () => Promise<void> }> {
  const html = Buffer.from(floorPage(chart));
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length, 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
