import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { getDataset } from '../../lambdas/core/contracts';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { generateNativeSamples } from '../../lambdas/core/samples/generate-native';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import type { AuditEntry } from '../../lambdas/core/lake/audit-log-table';
import { AuditLog } from '../../lambdas/core/sharing/audit-log';
import { Exports } from '../../lambdas/core/sharing/exports';
import { localLinks } from '../../lambdas/core/sharing/links';
import { UrlSigner } from '../../lambdas/core/sharing/signed-urls';
import { localUploadReceiver } from '../../lambdas/core/sharing/upload-receiver';
import type { GrantsFileInput } from '../../lambdas/core/sharing/grants-file';
import { AccessRequestStore, objectRecords } from '../../lambdas/core/sharing/access-requests/access-request-store';
import { LiveGrants } from '../../lambdas/core/sharing/access-requests/live-grants';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { ManifestIndex } from '../../lambdas/core/sharing/manifest-index';
import { RateLimiter } from '../../lambdas/core/sharing/rate-limiter';
import { agencyScopes } from '../../lambdas/core/sharing/scopes';
import { type ServedDataset, servedDatasets } from '../../lambdas/core/sharing/served-datasets';
import { SubscriptionStore } from '../../lambdas/core/sharing/subscriptions/subscription-store';
import type { Manifest } from '../../lambdas/core/ingest/manifest';
import { sharingApp } from '../../lambdas/core/sharing/sharing-app';
import { API_AUDIENCE, LOCAL_ISSUER, localTokenVerifier } from '../../lambdas/core/sharing/tokens';
import { loadViews } from '../../lambdas/core/sql/view-files';

export const TEST_PII_KEY = 'test-pii-key';
/** The address the test server's signed links name (its requests come in as http://localhost). */
export const PUBLIC_URL = 'http://127.0.0.1:8787';
/** The client address of in-process requests, when the fixture limits per address (documentation range, RFC 5737). */
export const TEST_CLIENT_ADDRESS = '203.0.113.7';

/** Test agencies on top of the real grants: one with an expired grant, one reading a dataset, one with PII granted. */
export const TEST_GRANTS: GrantsFileInput = {
  ...(grantsJson as GrantsFileInput),
  agencies: [
    ...(grantsJson as GrantsFileInput).agencies,
    {
      id: 'expired-agency',
      name: 'An agency whose grant ran out',
      feeds: [],
      datasets: [{ dataset: 'kpi_scorecard', columns: '*', purpose: 'A grant that expired', expires: '2020-01-01' }],
    },
    {
      id: 'telecom-analyst',
      name: "A data engineer reading the carriers' own rows (test)",
      feeds: [],
      datasets: [
        { dataset: 'telecom_subscribers', columns: '*', purpose: 'Subscribers by ward', expires: '2030-12-31' },
      ],
    },
    {
      id: 'police',
      name: 'Provincial police (test)',
      feeds: [],
      datasets: [
        { dataset: 'admin_dossiers', columns: '*', purpose: 'Dossiers without applicants', expires: '2030-12-31' },
      ],
    },
  ],
};

export interface ApiFixture {
  root: string;
  lakeDir: string;
  lake: DuckDbLake;
  app: ReturnType<typeof sharingApp>;
  key: KeyLike;
  token: (
    agency: string,
    overrides?: { scopes?: string[]; issuer?: string; audience?: string; expiresIn?: string; key?: KeyLike },
  ) => Promise<string>;
  get: (path: string, token?: string, headers?: Record<string, string>) => Promise<Response>;
  audit: () => Promise<AuditEntry[]>;
  /** The parts the app was built from, for what runs beside it (the subscribers' notifier). */
  parts: {
    store: FolderStore;
    auditLog: AuditLog;
    grants: LiveGrants;
    served: ServedDataset[];
    subscriptions: SubscriptionStore;
  };
  /** Moves the API's clock (grants expire by it); tokens are still checked against the real time. */
  setNow: (at: Date) => void;
  /** Ingests viettel's December 2025 again with one ward's prepaid count corrected: a new version of the month. */
  ingestCorrection: () => Promise<Manifest>;
  close: () => void;
}

/** A lake with the datasets the granted marts read, and the API over it (in-process requests). */
export async function apiFixture(
  options: {
    perSecond?: number;
    burst?: number;
    native?: boolean;
    maxPageBytes?: number;
    /** A limit per client address, every in-process request coming from TEST_CLIENT_ADDRESS. */
    addressLimit?: { perSecond: number; burst: number };
  } = {},
): Promise<ApiFixture> {
  const root = mkdtempSync(join(tmpdir(), 'vpdc-api-'));
  const lakeDir = join(root, 'lake');
  const store = new FolderStore(lakeDir);
  const datasets = ['telecom_subscribers', 'admin_dossiers', 'population', 'eid_accounts', 'information_systems'];
  // Native: every source's own format (the one-stop export with clear citizen IDs), hashed with TEST_PII_KEY.
  const files: { path: string; dataset: string; source?: string }[] = options.native
    ? await generateNativeSamples(join(root, 'samples'), { datasets })
    : await generateSamples(join(root, 'samples'), { datasets });
  for (const file of files) {
    await ingestLocalFile({
      store,
      path: file.path,
      contract: getDataset(file.dataset),
      source: file.source ?? 'canonical',
      piiKey: TEST_PII_KEY,
    });
  }
  const lake = await DuckDbLake.open(lakeDir);
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const signer = new UrlSigner(Buffer.alloc(32, 9));
  const exportJobs = new Exports(store, lake);
  const served = servedDatasets(loadViews(SQL_DIR));
  let clock = new Date('2026-11-27T08:00:00Z');
  const accessRequests = new AccessRequestStore(objectRecords(store));
  // Re-read at every request: an approval in one test is a grant in the next request.
  const grants = new LiveGrants(TEST_GRANTS, served, accessRequests, 0);
  // Every refusal its own entry (no tally window), so each test finds its request in the log.
  const auditLog = new AuditLog(store, { refusals: { windowMs: 0 } });
  const subscriptions = new SubscriptionStore(store);
  const app = sharingApp({
    engine: lake,
    grants,
    verify: localTokenVerifier({ ...(await exportJWK(publicKey)), kid: 'test', alg: 'ES256' }),
    manifests: new ManifestIndex(store, 0),
    audit: auditLog,
    limiter: new RateLimiter(options.perSecond ?? 1000, options.burst ?? 1000),
    cursorSecret: Buffer.alloc(32, 7),
    ...(options.maxPageBytes ? { maxPageBytes: options.maxPageBytes } : {}),
    exports: exportJobs,
    links: localLinks(signer, () => PUBLIC_URL),
    publicUrl: () => PUBLIC_URL,
    ...(options.addressLimit
      ? {
          addressLimiter: new RateLimiter(options.addressLimit.perSecond, options.addressLimit.burst),
          clientAddress: () => TEST_CLIENT_ADDRESS,
        }
      : {}),
    local: {
      signer,
      exports: exportJobs,
      receiveUpload: localUploadReceiver(store, async () => Buffer.from(TEST_PII_KEY)),
    },
    subscriptions: { store: subscriptions, urls: 'loopback-too' },
    accessRequests: { store: accessRequests, grants },
    now: () => clock,
  });
  const agencyScopesOf = (agency: string) => {
    const granted = grants.agency(agency);
    return granted ? agencyScopes(granted) : ['datasets:read'];
  };
  const token: ApiFixture['token'] = (agency, o = {}) =>
    // By default, the scopes `vpdc token` gives the agency (from its grants).
    new SignJWT({ scope: (o.scopes ?? agencyScopesOf(agency)).join(' ') })
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setSubject(agency)
      .setIssuer(o.issuer ?? LOCAL_ISSUER)
      .setAudience(o.audience ?? API_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(o.expiresIn ?? '10m')
      .sign(o.key ?? privateKey);
  const get = (path: string, bearer?: string, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.request(path, { headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...headers } }),
    );
  // Audit segments hold one entry a line.
  const audit = async () =>
    (
      await Promise.all(
        (
          await store.list('audit/')
        ).map(async (o) =>
          new TextDecoder()
            .decode(await store.get(o.key))
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as AuditEntry),
        ),
      )
    ).flat();
  let corrections = 0;
  const ingestCorrection = async () => {
    const lines = readFileSync(join(root, 'samples', 'telecom_subscribers.csv'), 'utf8')
      .trim()
      .split('\n');
    const [first, ...rest] = lines.filter((line) => line.startsWith('viettel,') && line.endsWith(',2025-12'));
    const cells = first!.split(',');
    cells[4] = String(Number(cells[4]) + 1000 * ++corrections);
    const path = join(root, `viettel_2025_12_corrected_${corrections}.csv`);
    writeFileSync(path, [lines[0], cells.join(','), ...rest].join('\n'));
    const { manifest } = await ingestLocalFile({
      store,
      path,
      contract: getDataset('telecom_subscribers'),
      source: 'canonical',
    });
    if (manifest.status !== 'succeeded') throw new Error(`the correction failed: ${manifest.error?.message}`);
    return manifest;
  };
  return {
    root,
    lakeDir,
    lake,
    app,
    key: privateKey,
    token,
    get,
    audit,
    parts: { store, auditLog, grants, served, subscriptions },
    setNow: (at) => {
      clock = at;
    },
    ingestCorrection,
    close: () => {
      lake.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Another app over a fixture's lake, grants and audit log, for a test that needs its own
 * parts: every bearer token is taken at its word (`verify`), the engine of exports may be
 * another one (a gated lake), uploads are only counted, and the limiter does not shape the test.
 */
export function ownApp(
  api: ApiFixture,
  options: {
    verify: Parameters<typeof sharingApp>[0]['verify'];
    exportsEngine?: ConstructorParameters<typeof Exports>[1];
    maxUploadBytes?: number;
  },
) {
  const signer = new UrlSigner(Buffer.alloc(32, 5));
  // Not `exports`: in the CommonJS jest runs, that name is this module's own exports.
  const exportJobs = new Exports(api.parts.store, options.exportsEngine ?? api.lake);
  const uploads: number[] = [];
  const app = sharingApp({
    engine: api.lake,
    grants: api.parts.grants,
    verify: options.verify,
    manifests: new ManifestIndex(api.parts.store, 0),
    audit: api.parts.auditLog,
    limiter: new RateLimiter(1000, 1000),
    cursorSecret: Buffer.alloc(32, 7),
    exports: exportJobs,
    links: localLinks(signer, () => PUBLIC_URL),
    local: {
      signer,
      exports: exportJobs,
      receiveUpload: async (_rawKey, body) => {
        uploads.push(body.length);
        return { status: 'stored' };
      },
      ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
    },
  });
  return { app, signer, uploads };
}
