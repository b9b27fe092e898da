import type { Context } from 'hono';
import type { QueryEngine } from '../../query/query-engine';
import type { AuditLog } from '../audit-log';
import type { ExportsService } from '../export-jobs';
import type { Exports } from '../exports';
import type { AccessRequestStore } from '../access-requests/access-request-store';
import type { GrantsReader, LiveGrants } from '../access-requests/live-grants';
import type { Links } from '../links';
import type { ManifestIndex } from '../manifest-index';
import type { RateLimiter } from '../rate-limiter';
import type { ServedDataset } from '../served-datasets';
import type { UrlSigner } from '../signed-urls';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { WebhookUrlPolicy } from '../subscriptions/webhook-url';
import type { ViewSource } from '../../sql/view-files';
import type { Caller, TokenVerifier } from '../token-verifier';

/** What the API is built from: the same app on Node locally and in Lambda, with different parts. */
export interface SharingAppDeps {
  engine: QueryEngine;
  /** Who may read what: the grants file, or the live grants over it (access requests). */
  grants: GrantsReader;
  /** Access requests and the live grants they change; absent, the routes answer 404. */
  accessRequests?: { store: AccessRequestStore; grants: LiveGrants };
  verify: TokenVerifier;
  manifests: ManifestIndex;
  audit: AuditLog;
  /** Per agency, once its token is verified. */
  limiter: RateLimiter;
  /**
   * Per client address, for what no verified token pays for (public paths, signed links,
   * refused tokens): a flood of unauthenticated requests is refused before its token is read.
   * Absent: no limit before authentication (API Gateway's authorizer, throttling and WAF do it
   * in AWS).
   */
  addressLimiter?: RateLimiter;
  /** The client's address (the socket's locally; API Gateway's source IP in AWS). */
  clientAddress?: (c: Context<Env>) => string | undefined;
  cursorSecret: Buffer;
  /**
   * The largest body a page of rows may have; a page over it holds fewer rows than asked, and
   * its cursor goes on from there. In AWS 4 MiB: Lambda answers at most 6 MB, and API Gateway
   * needs binary bodies (Parquet, Arrow) base64-encoded, a third larger. @default no cap
   */
  maxPageBytes?: number;
  /**
   * The relation to read a dataset from: its view by default (Athena), or a table the local
   * server keeps materialized per dataset version (DuckDB recomputing every mart per request
   * would not hold 50 concurrent clients). With `pinned`, the dataset at an earlier version:
   * its SQL by default, a table kept for it locally.
   */
  relationOf?: (dataset: ServedDataset, pinned?: PinnedVersion) => Promise<string>;
  /** The shared views (sql/), which a pinned version inlines. @default loadViews(SQL_DIR) */
  views?: readonly ViewSource[];
  exports: ExportsService;
  /** Links to download an export and to upload a feed: S3 presigned URLs in AWS, signed local URLs on one machine. */
  links: Links;
  /**
   * The address the public reaches the API at (with the stage path in AWS): the open-data
   * catalog's links name it, never the request's Host. Absent: no open-data routes.
   */
  publicUrl?: () => string;
  /**
   * On one machine, the server itself answers the signed links: export downloads, and feed
   * uploads, stored under their raw key and ingested at once (the stand-in for S3 → ETL).
   */
  local?: LocalLinkDeps;
  /** Webhook subscriptions to dataset versions; absent, the routes answer 404. */
  subscriptions?: { store: SubscriptionStore; urls: WebhookUrlPolicy };
  /** @default () => new Date() */
  now?: () => Date;
}

/** A dataset version that is not the newest, and the subquery that reads the dataset as it was then. */
export interface PinnedVersion {
  version: string;
  sql: string;
}

export interface LocalLinkDeps {
  signer: UrlSigner;
  exports: Exports;
  receiveUpload: (
    rawKey: string,
    body: Uint8Array,
  ) => Promise<{ status: 'stored' | 'exists'; manifest?: Record<string, unknown> }>;
  /** The largest upload taken, by its Content-Length; over it, 413. @default 200 MiB */
  maxUploadBytes?: number;
}

/** What a request carries through the middleware to its audit entry. */
export type Env = {
  Variables: {
    requestId: string;
    caller?: Caller;
    /** The client's address, when the runtime knows it (deps.clientAddress). */
    client?: string;
    dataset?: string;
    rows?: number;
    receipt?: { datasetVersion: string; sha256: string };
    /** The problem type of a refused or failed request (app.onError sets it). */
    problem?: string;
  };
};

/** How long a signed download or upload link is valid. */
export const LINK_TTL_MS = 15 * 60_000;
