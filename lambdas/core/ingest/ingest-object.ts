import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetContract } from '../contracts/define-dataset';
import { curatedKey, manifestKey, quarantineKey, receivedDateOf } from '../lake/keys';
import type { ObjectStore } from '../lake/object-store';
import { FeedError } from '../feeds/feed-error';
import { parseManifest, type Manifest, type ManifestOutput } from './manifest';
import { hashFile, hashStream, sha256Hex } from './sha256';
import type { ParquetEncoding } from './parquet-writer';
import { transformFeed } from './transform-feed';
import { newFileFacts } from '../feeds/readers/read-feed';
import { feedOfFile, getSource, type FeedSpec } from '../feeds';

export interface IngestRequest {
  store: ObjectStore;
  /** The raw object, already in the lake under `raw/<source>/…`. */
  rawKey: string;
  contract: DatasetContract;
  source: string;
  /** @default () => new Date() */
  now?: () => Date;
  /** Where outputs are staged before they are published. @default os.tmpdir() */
  stagingRoot?: string;
  onProgress?: (progress: { bytes: number; rows: number }) => void;
  /** The raw object's hash when the caller already knows it (it just wrote the object). */
  rawHash?: { sha256: string; bytes: number };
  /** @default 'worker' */
  parquetEncoding?: ParquetEncoding;
  /** Which of the source's feeds the file is. @default by its file name */
  feed?: FeedSpec;
  /** The key of personal identifiers' keyed hashes; required for a source that sends any. */
  piiKey?: string | Uint8Array;
}

export interface IngestResult {
  manifest: Manifest;
  manifestKey: string;
  /** The same bytes were ingested before: nothing was written. */
  unchanged: boolean;
}

/** The id of one ingest: the raw bytes' SHA-256 together with the contract version. */
export function manifestIdOf(rawSha256: string, contract: DatasetContract): string {
  return sha256Hex(`${rawSha256}\n${contract.name}@${contract.version}`);
}

/**
 * The manifest fields of a file that failed whole: nothing accepted, nothing published; and
 * the format a refused file was found to be, which no reader of its source takes.
 */
export function failure(
  error: FeedError,
): Pick<
  Manifest,
  'status' | 'rowsIn' | 'rowsAccepted' | 'rowsRejected' | 'reasons' | 'periods' | 'extraColumns' | 'outputs' | 'error'
> &
  Pick<Partial<Manifest>, 'format'> {
  return {
    ...(error.format !== undefined ? { format: error.format } : {}),
    status: 'failed',
    rowsIn: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    reasons: {},
    periods: [],
    extraColumns: [],
    outputs: [],
    error: { code: error.code, message: error.message, ...(error.line !== undefined ? { line: error.line } : {}) },
  };
}

export const CONTENT_TYPES = {
  curated: 'application/vnd.apache.parquet',
  quarantine: 'application/x-ndjson',
  manifest: 'application/json',
} as const;

/**
 * Ingests one raw object: hash it, skip it if its manifest exists (replays change nothing),
 * transform it into staged files, publish them, then write the manifest last. A problem
 * with the file (FeedError) publishes nothing and writes a `failed` manifest; any other
 * error (a store outage) writes nothing and is rethrown, so the caller can retry.
 */
export async function ingestObject(request: IngestRequest): Promise<IngestResult> {
  const { store, rawKey, contract, source } = request;
  const now = request.now ?? (() => new Date());
  const started = now();
  const raw = request.rawHash ?? (await hashStream(await store.read(rawKey)));
  const manifestId = manifestIdOf(raw.sha256, contract);
  const key = manifestKey(source, manifestId);
  const spec = getSource(source);
  if (await store.exists(key))
    return { manifest: parseManifest(await store.get(key)), manifestKey: key, unchanged: true };

  // Filled in as a native file is read: its encoding goes into the manifest, a failed one's too.
  const facts = newFileFacts(spec);
  const base: Omit<
    Manifest,
    | 'status'
    | 'rowsIn'
    | 'rowsAccepted'
    | 'rowsRejected'
    | 'reasons'
    | 'periods'
    | 'extraColumns'
    | 'outputs'
    | 'finishedAt'
    | 'durationMs'
  > = {
    manifestId,
    dataset: contract.name,
    contractVersion: contract.version,
    source,
    rawKey,
    rawSha256: raw.sha256,
    rawBytes: raw.bytes,
    format: spec.format,
    encoding: 'unknown',
    startedAt: started.toISOString(),
  };
  const finish = (
    fields: Pick<
      Manifest,
      'status' | 'rowsIn' | 'rowsAccepted' | 'rowsRejected' | 'reasons' | 'periods' | 'extraColumns' | 'outputs'
    > &
      Pick<Partial<Manifest>, 'error' | 'format'>,
  ): Manifest => {
    const finished = now();
    if (facts.encoding) base.encoding = facts.encoding;
    base.format = facts.format;
    return {
      ...base,
      ...fields,
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
    };
  };

  const stagingDir = await mkdtemp(join(request.stagingRoot ?? tmpdir(), 'vpdc-ingest-'));
  let manifest: Manifest;
  try {
    const options = {
      contract,
      stagingDir,
      lineage: { ingestedAt: started.getTime(), manifestId },
      onProgress: request.onProgress,
      parquetEncoding: request.parquetEncoding,
      inputBytes: raw.bytes,
    };
    const input = await store.read(rawKey);
    const feed = request.feed ?? feedOfFile(spec, rawKey.slice(rawKey.lastIndexOf('/') + 1), contract.name);
    const result = await transformFeed(input, { ...options, spec, feed, piiKey: request.piiKey }, facts);
    const outputs: ManifestOutput[] = [];
    for (const partition of result.partitions) {
      const target = curatedKey(contract.name, partition.period, source, manifestId, partition.part);
      outputs.push({
        kind: 'curated',
        key: target,
        period: partition.period,
        rows: partition.rows,
        sha256: partition.sha256,
        bytes: partition.bytes,
      });
      await store.putFile(target, partition.path, CONTENT_TYPES.curated);
    }
    if (result.quarantine.rows > 0) {
      const target = quarantineKey(source, receivedDateOf(rawKey) ?? started, manifestId);
      outputs.push({
        kind: 'quarantine',
        key: target,
        rows: result.quarantine.rows,
        ...(await hashFile(result.quarantine.path)),
      });
      await store.putFile(target, result.quarantine.path, CONTENT_TYPES.quarantine);
    }
    manifest = finish({
      status: 'succeeded',
      rowsIn: result.rowsIn,
      rowsAccepted: result.rowsAccepted,
      rowsRejected: result.rowsRejected,
      reasons: result.reasons,
      periods: [...new Set(result.partitions.map((p) => p.period))],
      extraColumns: result.extraColumns,
      ...(Object.keys(result.skipped).length ? { skipped: result.skipped } : {}),
      ...(result.sheet !== undefined ? { sheet: result.sheet } : {}),
      outputs,
    });
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    manifest = finish(failure(error));
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }
  // One line: Athena's JSON SerDe reads one record per line (the ingest_manifests table).
  await store.put(key, `${JSON.stringify(manifest)}\n`, CONTENT_TYPES.manifest);
  return { manifest, manifestKey: key, unchanged: false };
}
