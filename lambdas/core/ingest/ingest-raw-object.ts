import { getDataset, type DatasetContract } from '../contracts';
import { feedOfFile, getSource, SOURCE_IDS, type FeedSpec, type SourceSpec } from '../feeds';
import { manifestKey } from '../lake/keys';
import type { ObjectStore } from '../lake/object-store';
import { FeedError } from '../feeds/feed-error';
import { CONTENT_TYPES, failure, ingestObject, type IngestRequest, type IngestResult } from './ingest-object';
import { parseManifest, type Manifest } from './manifest';
import { hashStream, sha256Hex } from './sha256';
import { chooseFeed } from './choose-feed';

/** Manifests of raw objects that name no known source or dataset go under this source. */
export const UNROUTED_SOURCE = 'unrouted';

/**
 * Which source sent a raw object and which dataset it feeds, from its key alone:
 * `raw/<source>/<yyyy>/<mm>/<dd>/<file>`, where the file name matches one of the source's
 * feeds (a canonical file's name starts with its dataset: `admin_dossiers.csv`).
 */
export function routeRawKey(rawKey: string): { source: SourceSpec; feed: FeedSpec; contract: DatasetContract } {
  const { source, fileName } = sourceOfRawKey(rawKey);
  const feed = feedOfFile(source, fileName);
  return { source, feed, contract: getDataset(feed.dataset) };
}

/** As routeRawKey, and when the file name names no dataset, by the feed whose header the object has. */
async function routeRawObject(
  store: ObjectStore,
  rawKey: string,
): Promise<{ source: SourceSpec; feed: FeedSpec; contract: DatasetContract }> {
  const { source, fileName } = sourceOfRawKey(rawKey);
  const feed = await chooseFeed(source, fileName, () => store.read(rawKey));
  return { source, feed, contract: getDataset(feed.dataset) };
}

function sourceOfRawKey(rawKey: string): { source: SourceSpec; fileName: string } {
  const sourceId = /^raw\/([^/]+)\/\d{4}\/\d{2}\/\d{2}\/[^/]+$/.exec(rawKey)?.[1];
  if (!sourceId)
    throw new FeedError('unknown_source', `"${rawKey}" is not a raw feed key (raw/<source>/<yyyy>/<mm>/<dd>/<file>)`);
  if (!SOURCE_IDS.includes(sourceId))
    throw new FeedError('unknown_source', `unknown source "${sourceId}"; known: ${SOURCE_IDS.join(', ')}`);
  return { source: getSource(sourceId), fileName: rawKey.slice(rawKey.lastIndexOf('/') + 1) };
}

/**
 * The ETL's entry for an object that landed in raw/ (the Lambda's path): route it, then
 * ingest it. An object that cannot be routed still gets a failed manifest (under
 * `manifests/unrouted/`), so it is visible and nothing is silently dropped.
 */
export async function ingestRawObject(request: Omit<IngestRequest, 'contract' | 'source'>): Promise<IngestResult> {
  let route: Awaited<ReturnType<typeof routeRawObject>>;
  try {
    route = await routeRawObject(request.store, request.rawKey);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    return recordUnrouted(request.store, request.rawKey, error, request.now ?? (() => new Date()));
  }
  return ingestObject({ ...request, contract: route.contract, source: route.source.id, feed: route.feed });
}

async function recordUnrouted(
  store: ObjectStore,
  rawKey: string,
  error: FeedError,
  now: () => Date,
): Promise<IngestResult> {
  const raw = await hashStream(await store.read(rawKey));
  const manifestId = sha256Hex(`${raw.sha256}\n${rawKey}\n${UNROUTED_SOURCE}`);
  const key = manifestKey(UNROUTED_SOURCE, manifestId);
  if (await store.exists(key))
    return { manifest: parseManifest(await store.get(key)), manifestKey: key, unchanged: true };
  const at = now().toISOString();
  const manifest: Manifest = {
    manifestId,
    dataset: '',
    contractVersion: '',
    source: UNROUTED_SOURCE,
    rawKey,
    rawSha256: raw.sha256,
    rawBytes: raw.bytes,
    format: 'unknown',
    encoding: 'unknown',
    ...failure(error),
    startedAt: at,
    finishedAt: at,
    durationMs: 0,
  };
  // One line: Athena's JSON SerDe reads one record per line (the ingest_manifests table).
  await store.put(key, `${JSON.stringify(manifest)}\n`, CONTENT_TYPES.manifest);
  return { manifest, manifestKey: key, unchanged: false };
}
