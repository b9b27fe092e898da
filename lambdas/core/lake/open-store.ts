import type { S3Client } from '@aws-sdk/client-s3';
import { resolve } from 'node:path';
import { FolderStore } from './folder-store';
import type { ObjectStore } from './object-store';
import type { S3Store } from './s3-store';
import { ZonedStore } from './zoned-store';

/**
 * The AWS SDK, loaded only for a lake in S3: loading it took 130 ms of every `vpdc ingest`
 * into a local folder (measured on Node 20: a quarter of the time it spends loading modules).
 */
function s3(): { S3Client: typeof S3Client; S3Store: typeof S3Store } {
  return {
    S3Client: (require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3')).S3Client,
    S3Store: (require('./s3-store') as typeof import('./s3-store')).S3Store,
  };
}

export const DEFAULT_LAKE_DIR = './.vpdc/lake';

/**
 * Opens the lake a user names: a folder path, or `s3://bucket/prefix`. For S3 the client
 * takes region and credentials from the usual AWS environment; `AWS_ENDPOINT_URL_S3` points
 * it at another S3 server (the tests use a local one).
 */
export function openStore(location: string = DEFAULT_LAKE_DIR): ObjectStore {
  const bucket = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (bucket) {
    const client = s3ClientFromEnvironment();
    return new (s3().S3Store)({ client, bucket: bucket[1] ?? '', prefix: bucket[2] ?? '' });
  }
  if (location.includes('://'))
    throw new Error(`lake location must be a folder or s3://bucket/prefix, got ${location}`);
  return new FolderStore(resolve(location));
}

/**
 * An S3 client configured by the usual AWS environment. With `AWS_ENDPOINT_URL_S3` (another
 * S3 server, such as the tests' local one) it addresses buckets by path, not by host name.
 */
export function s3ClientFromEnvironment(): S3Client {
  return new (s3().S3Client)({ forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined });
}

export interface LakeBuckets {
  raw: string;
  curated: string;
  quarantine: string;
}

/** The lake in AWS: one bucket per zone; manifests live beside the curated data they commit. */
export function openBucketLake(client: S3Client, buckets: LakeBuckets): ObjectStore {
  const { S3Store } = s3();
  const curated = new S3Store({ client, bucket: buckets.curated });
  return new ZonedStore({
    raw: new S3Store({ client, bucket: buckets.raw }),
    curated,
    manifests: curated,
    quarantine: new S3Store({ client, bucket: buckets.quarantine }),
  });
}
