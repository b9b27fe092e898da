import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { FolderStore } from '../lake/folder-store';
import { DuckDbLake } from '../query/duckdb-lake';
import { SQL_DIR } from '../sql/sql-dir';
import { loadViews } from '../sql/view-files';
import { AuditLog } from './audit-log';
import { Exports } from './exports';
import { localLinks } from './links';
import { UrlSigner } from './signed-urls';
import { localUploadReceiver } from './upload-receiver';
import grantsJson from './grants.json';
import { Grants } from './grants';
import { ManifestIndex } from './manifest-index';
import { materializer } from './materialized-tables';
import { RateLimiter } from './rate-limiter';
import { servedDatasets, type ServedDataset } from './served-datasets';
import { sharingApp } from './sharing-app';
import { AccessRequestStore, objectRecords } from './access-requests/access-request-store';
import { LiveGrants } from './access-requests/live-grants';
import { notifySubscribers } from './subscriptions/notify-subscribers';
import { SubscriptionStore } from './subscriptions/subscription-store';
import { VersionWatcher } from './subscriptions/version-watcher';
import { localSigningKey, localTokenVerifier } from './tokens';

/** Where the local token issuer keeps its key: beside the lake, never inside it. */
export function localKeyPath(lakeDir: string): string {
  return join(dirname(lakeDir), 'keys', 'api-signing-key.json');
}

export function loadGrants(served: ServedDataset[] = servedDatasets(loadViews(SQL_DIR))): Grants {
  return Grants.parse(grantsJson, served);
}

/**
 * The sharing API over a local lake folder: DuckDB for the SQL, the lake's manifests and
 * `audit/`, tokens from the local key (`vpdc token`). Rate limits: 20 requests/s per agency,
 * bursts of 40; and per client address, for what no token pays for (refused tokens, public
 * pages, signed links), 10/s, bursts of 100.
 */
export async function localSharingApp(
  lakeDir: string,
  options: {
    perSecond?: number;
    burst?: number;
    publicUrl: () => string;
    watchMs?: number;
    /** The key of personal identifiers’ keyed hashes, for uploads of feeds that send them. */
    piiKey: () => Promise<Uint8Array>;
  },
) {
  const lake = await DuckDbLake.open(lakeDir);
  const store = new FolderStore(lakeDir);
  const { publicJwk } = await localSigningKey(localKeyPath(lakeDir));
  const manifests = new ManifestIndex(store);
  const signer = new UrlSigner(randomBytes(32));
  const exportJobs = new Exports(store, lake);
  const relationOf = materializer(lake, manifests);
  const served = servedDatasets(loadViews(SQL_DIR));
  const audit = new AuditLog(store);
  // The grants file as the seed, and every access request approved through the API on top of it.
  const accessRequests = new AccessRequestStore(objectRecords(store));
  const grants = new LiveGrants(grantsJson, served, accessRequests);
  await grants.refresh();
  const subscriptions = new SubscriptionStore(store);
  // Each new manifest (an upload here, or `vpdc ingest` into this lake) notifies its datasets' subscribers.
  const watcher = new VersionWatcher(manifests, (manifest) =>
    notifySubscribers(manifest, { served, grants, manifests, subscriptions, delivery: { store, audit } }),
  );
  await watcher.start(options.watchMs);
  const app = sharingApp({
    engine: lake,
    grants,
    verify: localTokenVerifier(publicJwk),
    manifests,
    relationOf,
    audit,
    limiter: new RateLimiter(options.perSecond ?? 20, options.burst ?? 40),
    addressLimiter: new RateLimiter(10, 100),
    // Requests from @hono/node-server carry the socket; in-process ones (app.request) do not.
    clientAddress: (c) =>
      (c.env as { incoming?: unknown } | undefined)?.incoming ? getConnInfo(c).remote.address : undefined,
    // Cursors are signed per server run: a restart invalidates open cursors (they are short-lived).
    cursorSecret: randomBytes(32),
    exports: exportJobs,
    links: localLinks(signer, options.publicUrl),
    // The open-data catalog's links name the same configured address (--public-url).
    publicUrl: options.publicUrl,
    local: { signer, exports: exportJobs, receiveUpload: localUploadReceiver(store, options.piiKey) },
    subscriptions: { store: subscriptions, urls: 'loopback-too' },
    accessRequests: { store: accessRequests, grants },
  });
  /**
   * Builds every shared dataset (mart) once, one after the other, so the first request for one
   * does not wait for it (kpi_scorecard alone takes over a second on the demo lake). A failure
   * is left for that dataset's first request to report.
   */
  const warm = async () => {
    for (const dataset of served.filter((d) => d.kind === 'mart')) await relationOf(dataset).catch(() => undefined);
  };
  const close = async () => {
    // Deliveries under way finish (or dead-letter), and refusals still being tallied are written, before the process may exit.
    try {
      await watcher.stop();
      await audit.flush();
    } finally {
      lake.close();
    }
  };
  return { app, warm, close };
}
