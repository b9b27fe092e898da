import { basename } from 'node:path';
import { manifestKey, rawKey } from '../lake/keys';
import type { ObjectStore } from '../lake/object-store';
import { ingestObject, manifestIdOf, type IngestRequest, type IngestResult } from './ingest-object';
import { parseManifest } from './manifest';
import { hashFile, hashStream } from './sha256';

export interface LocalFileRequest extends Omit<IngestRequest, 'rawKey'> {
  path: string;
}

/**
 * Ingests a file from disk (the CLI's path): if its bytes were ingested before, nothing is
 * written at all; otherwise the file is copied into `raw/` (never over a different object:
 * raw is immutable) and ingested from there.
 */
export async function ingestLocalFile(request: LocalFileRequest): Promise<IngestResult> {
  const { store, path, contract, source } = request;
  const local = await hashFile(path);
  const existing = manifestKey(source, manifestIdOf(local.sha256, contract));
  if (await store.exists(existing))
    return { manifest: parseManifest(await store.get(existing)), manifestKey: existing, unchanged: true };
  const key = await freeRawKey(
    store,
    rawKey(source, (request.now ?? (() => new Date()))(), basename(path)),
    local.sha256,
  );
  await store.putFile(key, path);
  return ingestObject({ ...request, rawKey: key, rawHash: local });
}

/** The raw key itself, or, if another file already holds it, the key with a hash suffix. */
async function freeRawKey(store: ObjectStore, key: string, sha256: string): Promise<string> {
  if (!(await store.exists(key))) return key;
  if ((await hashStream(await store.read(key))).sha256 === sha256) return key;
  const dot = key.lastIndexOf('.');
  const suffix = `.${sha256.slice(0, 12)}`;
  return dot > key.lastIndexOf('/') ? key.slice(0, dot) + suffix + key.slice(dot) : key + suffix;
}
