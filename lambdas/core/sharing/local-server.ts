import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { FolderStore } from '../lake/folder-store';
import { DuckDbLake, SQL_DIR } from '../query/duckdb-lake';
import { loadViews } from '../sql/view-files';
import { AuditLog } from './audit-log';
import grantsJson from './grants.json';
import { Grants } from './grants';
import { ManifestIndex } from './manifest-index';
import { RateLimiter } from './rate-limiter';
import { servedDatasets } from './served-datasets';
import { sharingApp } from './sharing-app';
import { API_AUDIENCE, LOCAL_ISSUER, localSigningKey, tokenVerifier } from './tokens';

/** Where the local token issuer keeps its key: beside the lake, never inside it. */
export function localKeyPath(lakeDir: string): string {
  return join(dirname(lakeDir), 'keys', 'api-signing-key.json');
}

export function loadGrants(): Grants {
  return Grants.parse(grantsJson, servedDatasets(loadViews(SQL_DIR)));
}

/**
 * The sharing API over a local lake folder: DuckDB for the SQL, the lake's manifests and
 * `audit/`, tokens from the local key (`vpdc token`). Rate limit: 20 requests/s per agency,
 * bursts of 40.
 */
export async function localSharingApp(lakeDir: string, options: { perSecond?: number; burst?: number } = {}) {
  const lake = await DuckDbLake.open(lakeDir);
  const store = new FolderStore(lakeDir);
  const { publicJwk } = await localSigningKey(localKeyPath(lakeDir));
  const app = sharingApp({
    engine: lake,
    grants: loadGrants(),
    verify: tokenVerifier({ keys: [publicJwk] }, LOCAL_ISSUER, API_AUDIENCE),
    manifests: new ManifestIndex(store),
    audit: new AuditLog(store),
    limiter: new RateLimiter(options.perSecond ?? 20, options.burst ?? 40),
    // Cursors are signed per server run: a restart invalidates open cursors (they are short-lived).
    cursorSecret: randomBytes(32),
  });
  return { app, close: () => lake.close() };
}
