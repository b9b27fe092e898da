/**
 * The sharing API as the page uses it: same origin (the local server, or CloudFront's /v1/*
 * behaviour in front of API Gateway), a bearer token, RFC 9457 problems turned into errors.
 */
import type { FeedHealth } from '../../lambdas/core/sharing/feed-health';

export type { FeedHealth };
export type Row = Record<string, string | number | boolean | null>;

export interface DatasetInfo {
  id: string;
  kind: 'mart' | 'dataset';
  title: string;
  description: string;
  columns: { name: string; type: string; description: string; unit?: string; pii: boolean }[];
  purpose: string;
  grantExpires: string;
  freshness: string | null;
}

export interface ExportJob {
  exportId: string;
  status: 'running' | 'succeeded' | 'failed';
  /** Athena's UNLOAD may write several files; the local server writes one. */
  files?: { url: string; bytes: number }[];
}

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
  /** `apiKey`: the agency's API Gateway key, sent as x-api-key where the site's config asks for it. */
  constructor(
    private readonly token: string,
    private readonly apiKey?: string,
  ) {}

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

  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(path, {
      ...init,
      headers: {
        ...init.headers,
        Authorization: `Bearer ${this.token}`,
        ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}),
        Accept: 'application/json',
      },
    });
    if (!response.ok) {
      // An expired or revoked token, whichever call meets it: the page asks for a new one.
      if (response.status === 401) window.dispatchEvent(new Event(TOKEN_REFUSED));
      const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
      throw new ApiError(response.status, problem.detail ?? problem.title ?? response.statusText);
    }
    return (await response.json()) as T;
  }

  async datasets(): Promise<{ agency: string; datasets: DatasetInfo[] }> {
    return this.json('/v1/datasets');
  }

  /** Every row that matches, page after page. */
  async rows(dataset: string, query: Record<string, string> = {}): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ ...query, limit: String(PAGE), ...(cursor ? { cursor } : {}) });
      const page: { data: Row[]; next_cursor: string | null } = await this.json(
        `/v1/datasets/${dataset}/rows?${params}`,
      );
      rows.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return rows;
  }

  async feeds(): Promise<{ asOf: string; feeds: FeedHealth[] }> {
    return this.json('/v1/feeds');
  }

  /** A full export of the granted rows; resolves with its signed download links once written. */
  async exportLinks(dataset: string, format: 'csv' | 'parquet'): Promise<string[]> {
    let job: ExportJob = await this.json(`/v1/datasets/${dataset}/exports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ format }),
    });
    for (let wait = 250; job.status === 'running'; wait = Math.min(wait * 2, 4_000)) {
      await new Promise((done) => setTimeout(done, wait));
      job = await this.json(`/v1/exports/${job.exportId}`);
    }
    if (job.status !== 'succeeded' || !job.files?.length) throw new ApiError(500, 'export failed');
    return job.files.map((f) => f.url);
  }
}
