/**
 * `npm run bench` (third part): the dashboard's first load in Debian's Chromium against
 * `vpdc serve` over the demo lake on 127.0.0.1: bytes transferred (page files and API
 * responses, as the browser counts them) and time until every section is drawn. Each load is
 * a fresh browser profile, so nothing comes from the cache. Writes bench/dashboard-results.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/support/chromium';
import { dashboardServer } from '../test/support/dashboard-server';

const LOADS = 5;

/**
 * Read in the page: bytes as the browser counts them (after gzip), split into the page's own
 * files and API responses, and the page's mark once every section is drawn. A string, because
 * tsx would wrap a function's inner helpers in its own `__name`, which the page lacks.
 */
const MEASURE = `(() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const api = entries.filter((e) => new URL(e.name).pathname.startsWith('/v1/'));
  const sum = (list) => list.reduce((n, e) => n + e.transferSize, 0);
  return { readyMs: performance.getEntriesByName('vpdc-ready')[0].startTime, bytes: { page: sum(entries) - sum(api), api: sum(api) }, requests: entries.length };
})()`;

interface Load {
  readyMs: number;
  bytes: { page: number; api: number };
  requests: number;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'vpdc-dashboard-bench-'));
  const server = await dashboardServer(root);
  const token = await server.token('ioc');
  const browser = await launchChromium();
  const loads: Load[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/#token=${token}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      loads.push((await page.evaluate(MEASURE)) as Load);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  const sorted = loads.map((l) => l.readyMs).sort((a, b) => a - b);
  const first = loads[0]!;
  const report = `# Dashboard first load (npm run bench)

Measured ${new Date().toISOString().slice(0, 10)} on this machine (${process.version}): Debian's Chromium, headless, 1280×800, against \`vpdc serve\`
over the demo lake on 127.0.0.1, signed in as the operations center. ${LOADS} loads, each in a fresh profile
(empty cache); the server has built its shared datasets before listening, as \`vpdc serve\` does. Transferred
sizes are what the browser counts, gzipped (the page's files and the API's JSON, as CloudFront and
API Gateway compress in AWS). Target: first load under 2 s.

| | value |
|---|---|
| transferred, page files (HTML, JS, CSS) | ${kb(first.bytes.page)} KiB |
| transferred, API responses | ${kb(first.bytes.api)} KiB |
| transferred, total | **${kb(first.bytes.page + first.bytes.api)} KiB** in ${first.requests} requests |
| ready (every section drawn), first load | **${first.readyMs.toFixed(0)} ms** |
| ready, median of ${LOADS} | ${sorted[Math.floor(LOADS / 2)]!.toFixed(0)} ms |
`;
  writeFileSync(join(__dirname, 'dashboard-results.md'), report);
  process.stdout.write(report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
