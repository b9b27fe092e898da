/**
 * The sharing API under load, against `vpdc serve` on 127.0.0.1 (the same server code):
 * autocannon's 50 connections for 30 s over a mix of routes, then the p50 of one page of 1,000
 * JSON rows against the same SQL run straight on DuckDB in this process.
 */
import autocannon from 'autocannon';
import { type ProfileCost, profiled } from './cpu-profile';
import { DuckDbLake } from '../lambdas/core/query/duckdb-lake';
import { loadGrants } from '../lambdas/core/sharing/local-server';
import { rowsQuery, parseRowsRequest, CursorCodec } from '../lambdas/core/sharing/rows-query';
import { startServer } from '../bin/cli/serve';
import { agencyToken } from '../bin/cli/token';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export interface ApiBench {
  clients: number;
  seconds: number;
  requests: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  /** A page computed afresh (a query not asked before): the engine, conversion and encoding. */
  rowsP50: number;
  /** The same page asked again: the page cache's answer. */
  cachedP50: number;
  duckdbP50: number;
  /** The main thread's top functions by self time over the uncached pages. */
  profile: ProfileCost[];
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

    // One page of 1,000 rows through the API: each a query not asked before (1,000 rows, then
    // 1,001, …, so the page cache cannot answer), then one page asked again; and the same SQL
    // straight on DuckDB.
    const timed = async (path: string) => {
      const started = performance.now();
      await (await fetch(server.url + path, { headers: { Authorization: `Bearer ${tokens.ioc}` } })).arrayBuffer();
      return performance.now() - started;
    };
    const apiTimes: number[] = [];
    const cachedTimes: number[] = [];
    // Profiled: where an uncached page's time goes on this thread (the server, and the fetch client).
    const { costs: profile } = await profiled(async () => {
      for (let i = 0; i < 40; i++) apiTimes.push(await timed(`/v1/datasets/dossiers_monthly/rows?limit=${1000 + i}`));
    });
    for (let i = 0; i < 40; i++) cachedTimes.push(await timed('/v1/datasets/dossiers_monthly/rows?limit=1000'));
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
    const duckTimes: number[] = [];
    try {
      await lake.execute('create table served_dossiers_monthly as select * from dossiers_monthly');
      for (let i = 0; i < 40; i++) {
        const started = performance.now();
        await lake.query(sql, params);
        duckTimes.push(performance.now() - started);
      }
    } finally {
      lake.close();
    }
    for (const times of [apiTimes, cachedTimes, duckTimes]) times.sort((a, b) => a - b);
    return {
      clients,
      seconds,
      requests: load.requests.total,
      statuses,
      p50: load.latency.p50,
      p99: load.latency.p99,
      rowsP50: percentile(apiTimes, 0.5),
      cachedP50: percentile(cachedTimes, 0.5),
      duckdbP50: percentile(duckTimes, 0.5),
      profile,
    };
  } finally {
    await server.stop();
  }
}
