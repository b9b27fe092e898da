import { ingestRawObject } from '../ingest/ingest-raw-object';
import type { ObjectStore } from '../lake/object-store';

/**
 * The local end of a signed upload link: store the file under its raw key (never over an
 * existing object: raw is immutable) and ingest it at once, as the S3 → EventBridge → SQS →
 * ETL path does in AWS. Answers with the manifest, so a producer sees its rejects right away.
 * `piiKey` gives the key of personal identifiers’ keyed hashes (the ETL’s, from Secrets Manager
 * in AWS): without it a feed that sends citizen IDs failed after its file was stored, unseen.
 */
export function localUploadReceiver(store: ObjectStore, piiKey: () => Promise<Uint8Array>) {
  return async (
    rawKey: string,
    body: Uint8Array,
  ): Promise<{ status: 'stored' | 'exists'; manifest?: Record<string, unknown> }> => {
    if (await store.exists(rawKey)) return { status: 'exists' };
    await store.put(rawKey, body);
    const { manifest, manifestKey } = await ingestRawObject({ store, rawKey, piiKey: await piiKey() });
    const { status, dataset, source, rowsIn, rowsAccepted, rowsRejected, reasons, error } = manifest;
    return {
      status: 'stored',
      manifest: {
        manifestKey,
        status,
        dataset,
        source,
        rowsIn,
        rowsAccepted,
        rowsRejected,
        reasons,
        ...(error ? { error } : {}),
      },
    };
  };
}
