/**
 * The sharing API as the page uses it: same origin (the local server, or CloudFront's /v1/*
 * behaviour in front of API Gateway), a bearer token, RFC 9457 problems turned into errors.
 * Hono's typed client (`hc`) over the API's own type: the answers' shapes come from the
 * routes' schemas, never declared twice.
 */
import { hc, type InferResponseType } from 'hono/client';
import type { SharingApi } from '../../lambdas/core/sharing/sharing-app';

const routes = hc<SharingApi>('/').v1;

export type Row = Record<string, string | number | boolean | null>;
export type DatasetInfo = InferResponseType<typeof routes.datasets.$get>['datasets'][number];
export type DatasetDetail = InferResponseType<(typeof routes.datasets)[':id']['$get']>;
export type FeedHealth = InferResponseType<typeof routes.feeds.$get>['feeds'][number];
export type ExportJob = InferResponseType<(typeof routes.exports)[':exportId']['$get']>;
export type DatasetVersions = InferResponseType<(typeof routes.datasets)[':id']['versions']['$get']>;

/** A refusal or failure of the API, with its HTTP status and the problem's detail. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The event the page listens to for a token the API no longer accepts. */
export const TOKEN_REFUSED = 'vpdc:token-refused';

/** Most rows one request may ask for (the API's limit). */
const PAGE = 10_000;

export class Api {
  private readonly v1: typeof routes;

  /** `apiKey`: the agency's API Gateway key, sent as x-api-key where the site's config asks for it. */
  constructor(
    private readonly token: string,
    apiKey?: string,
  ) {
    const headers = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
    };
    this.v1 = hc<SharingApi>(window.location.origin, { headers }).v1;
  }

  /** The scopes the token carries (Cognito writes them `vpdc/feeds:health`): to ask only for what may be granted. */
  scopes(): string[] {
    try {
      const payload = JSON.parse(atob(this.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
        scope?: string;
      };
      return (payload.scope ?? '').split(' ').map((s) => s.slice(s.lastIndexOf('/') + 1));
    } catch {
      return [];
    }
  }

  async datasets(): Promise<{ agency: string; datasets: DatasetInfo[] }> {
    return answer(await this.v1.datasets.$get());
  }

  async dataset(id: string): Promise<DatasetDetail> {
    return answer(await this.v1.datasets[':id'].$get({ param: { id } }));
  }

  /** Every row that matches, page after page. */
  async rows(dataset: string, query: Record<string, string> = {}): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      // A page's columns are the grant's, so its schema is the dataset's (GET /v1/datasets/{id}), not the route's.
      const page = (await answer(
        await this.v1.datasets[':id'].rows.$get({
          param: { id: dataset },
          query: { ...query, limit: String(PAGE), ...(cursor ? { cursor } : {}) },
        }),
      )) as { data: Row[]; next_cursor: string | null };
      rows.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return rows;
  }

  /** The dataset's versions, newest first: the changelog. */
  async versions(id: string): Promise<DatasetVersions> {
    return answer(await this.v1.datasets[':id'].versions.$get({ param: { id }, query: {} }));
  }

  async feeds(): Promise<{ asOf: string; feeds: FeedHealth[] }> {
    return answer(await this.v1.feeds.$get());
  }

  /** A full export of the granted rows; resolves with its signed download links once written. */
  async exportLinks(dataset: string, format: 'csv' | 'parquet'): Promise<string[]> {
    let job: ExportJob = await answer(
      await this.v1.datasets[':id'].exports.$post({ param: { id: dataset }, json: { format } }),
    );
    for (let wait = 250; job.status === 'running'; wait = Math.min(wait * 2, 4_000)) {
      await new Promise((done) => setTimeout(done, wait));
      job = await answer(await this.v1.exports[':exportId'].$get({ param: { exportId: job.exportId } }));
    }
    if (job.status !== 'succeeded' || !job.files?.length) throw new ApiError(500, 'export failed');
    return job.files.map((f) => f.url);
  }
}

/** The answer's JSON, or an ApiError with the problem's detail (an expired token also tells the page). */
async function answer<T>(response: {
  ok: boolean;
  status: number;
  statusText: string;
  json(): Promise<T>;
}): Promise<T> {
  if (!response.ok) {
    // An expired or revoked token, whichever call meets it: the page asks for a new one.
    if (response.status === 401) window.dispatchEvent(new Event(TOKEN_REFUSED));
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
    throw new ApiError(response.status, problem.detail ?? problem.title ?? response.statusText);
  }
  return response.json();
}
