/**
 * The sharing API under load, against `vpdc serve` on 127.0.0.1 (the same server code):
 * autocannon's 50 connections for 30 s over a mix of routes, then the mean time of one page of 1,000
 * JSON rows against the same SQL run straight on DuckDB in this process.
 */
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { type ProfileCost, profiled } from './cpu-profile';
import { DuckDbLake } from '../lambdas/core/query/duckdb-lake';
import { loadGrants } from '../lambdas/core/sharing/local-server';
import { CursorCodec } from '../lambdas/core/sharing/cursor-codec';
import { rowsQuery } from '../lambdas/core/sharing/rows-query';
import { parseRowsRequest } from '../lambdas/core/sharing/rows-request';
import { startServer } from '../bin/cli/serve';
import { agencyToken } from '../bin/cli/token';

/** Uncached pages timed: each its own query. */
const PAGES = 200;

/**
 * Each request's time over `paths`, asked one after another by fetch on a thread of its own (as
 * an agency's client is a process of its own: its work is not the server's), without gzip
 * unless asked: the server's cost, not the transfer encoding's. (autocannon's latencies count
 * whole milliseconds and its run's duration whole seconds: too coarse for one page.)
 */
export function timedRequests(url: string, headers: Record<string, string>, paths: string[]): Promise<number[]> {
  const client = `
    const { parentPort, workerData: { url, headers, paths } } = require('node:worker_threads');
    (async () => {
      const times = [];
      for (const path of paths) {
        const started = performance.now();
        const answer = await fetch(url + path, { headers });
        await answer.arrayBuffer();
        if (answer.status !== 200) throw new Error(path + ': ' + answer.status);
        times.push(performance.now() - started);
      }
      parentPort.postMessage(times);
    })();`;
  return new Promise((done, fail) => {
    const worker = new Worker(client, { eval: true, workerData: { url, headers, paths } });
    worker.once('message', done);
    worker.once('error', fail);
  });
}

const mean = (times: number[]) => times.reduce((a, b) => a + b, 0) / times.length;

export interface ApiBench {
  clients: number;
  seconds: number;
  requests: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  /** A page computed afresh (a query not asked before): the engine, conversion and encoding; the mean of PAGES. */
  rowsMs: number;
  /** The same, asked with Accept-Encoding: gzip (compressed by the local server, by API Gateway in AWS). */
  gzipMs: number;
  /** The same page asked again: the page cache's answer. */
  cachedMs: number;
  /** The page's statement run straight on DuckDB in this process. */
  duckdbMs: number;
  /** The main thread's top functions by self time over the uncached pages. */
  profile: ProfileCost[];
  /** The same over as many catalog requests (`GET /v1/datasets`). */
  catalogProfile: ProfileCost[];
}

export async function measureApi(lakeDir: string, clients = 50, seconds = 30): Promise<ApiBench> {
  // A rate limit high enough not to shape the load: 429s are tested, not benchmarked.
  const server = await startServer(lakeDir, '127.0.0.1', 0, { perSecond: 100_000, burst: 100_000 });
  try {
    const tokens = {
      ioc: await agencyToken(lakeDir, 'ioc'),
      ward: await agencyToken(lakeDir, 'ubnd-vinh-yen'),
      khcn: await agencyToken(lakeDir, 'so-khcn'),
    };
    const routes: [string, string][] = [
      [tokens.ioc, '/v1/datasets/kpi_scorecard/rows?period_from=2025-12'],
      [tokens.ioc, '/v1/datasets/dossiers_monthly/rows?limit=1000'],
      [tokens.ward, '/v1/datasets/dossiers_monthly/rows?limit=200&format=csv'],
      [tokens.khcn, '/v1/datasets/mobile_market_by_carrier/rows?period_from=2025-01'],
      [tokens.ioc, '/v1/datasets'],
    ];
    // autocannon on a worker thread of its own, so the load generator does not run on the
    // server's event loop (a fetch loop in this thread did, and its own work showed up as the
    // server's latency). Each connection cycles through the routes.
    const load = await autocannon({
      url: server.url,
      connections: clients,
      duration: seconds,
      workers: 1,
      requests: routes.map(([token, path]) => ({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } })),
    });
    const statuses: Record<string, number> = Object.fromEntries(
      Object.entries(load.statusCodeStats ?? {}).map(([status, { count }]) => [status, count ?? 0]),
    );
    if (load.errors) statuses.network_error = load.errors;
    if (load.timeouts) statuses.timeout = load.timeouts;

    // One page of 1,000 rows through the API, asked from a thread of its own, one request after
    // another: each a query not asked before (1,000 rows, then
    // 1,001, …, so the page cache cannot answer), then one page asked again (the cache's
    // answer); and the same SQL straight on DuckDB in this process.
    const ioc = { authorization: `Bearer ${tokens.ioc}`, 'accept-encoding': 'identity' };
    const pagePath = (limit: number) => `/v1/datasets/dossiers_monthly/rows?limit=${limit}`;
    const uncachedPaths = (from: number) => Array.from({ length: PAGES }, (_, i) => pagePath(from + i));
    const rowsMs = mean(await timedRequests(server.url, ioc, uncachedPaths(1000)));
    const gzipMs = mean(
      await timedRequests(server.url, { ...ioc, 'accept-encoding': 'gzip' }, uncachedPaths(1000 + PAGES)),
    );
    const cachedMs = mean(await timedRequests(server.url, ioc, Array(PAGES).fill(pagePath(1000))));
    // Profiled apart from the timings (the profiler slows what it watches): where an uncached
    // page's time goes on the server's thread, the client being on its own.
    const { costs: profile } = await profiled(() => timedRequests(server.url, ioc, uncachedPaths(1000 + 2 * PAGES)));
    const { costs: catalogProfile } = await profiled(() =>
      timedRequests(server.url, ioc, Array(PAGES).fill('/v1/datasets')),
    );
    const grants = loadGrants();
    const access = grants.access('ioc', 'dossiers_monthly', new Date().toISOString().slice(0, 10));
    if ('refused' in access) throw new Error('ioc lost its grant of dossiers_monthly');
    // The same statement the server runs, on the same materialized relation.
    const { sql, params } = rowsQuery(
      access,
      parseRowsRequest({ limit: '1000' }, access, new CursorCodec(Buffer.alloc(32))),
      'served_dossiers_monthly',
    );
    const lake = await DuckDbLake.open(lakeDir);
    let duckdbMs: number;
    try {
      await lake.execute('create table served_dossiers_monthly as select * from dossiers_monthly');
      const started = performance.now();
      for (let i = 0; i < PAGES; i++) await lake.query(sql, params);
      duckdbMs = (performance.now() - started) / PAGES;
    } finally {
      lake.close();
    }
    return {
      clients,
      seconds,
      requests: load.requests.total,
      statuses,
      p50: load.latency.p50,
      p99: load.latency.p99,
      rowsMs,
      gzipMs,
      cachedMs,
      duckdbMs,
      profile,
      catalogProfile,
    };
  } finally {
    await server.stop();
  }
}
