import type { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  /** When the object was written (a file's mtime, S3's LastModified). */
  modified: Date;
}

/**
 * The lake's storage port: a folder on one machine, S3 in AWS. Keys are `/`-separated and
 * relative (`curated/telecom_bts/period=2025-12/source=viettel/<id>.parquet`). A reader never
 * sees a partial object: a put becomes visible whole, or not at all.
 */
export interface ObjectStore {
  /** Where the lake is, for messages: `/data/lake` or `s3://bucket/prefix`. */
  readonly location: string;
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  /** Copies a local file in, streaming (multipart on S3), so large files never sit in memory. */
  putFile(key: string, path: string, contentType?: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** A stream of the object's bytes. */
  read(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /**
   * Adds bytes at the end of an object, creating it: only where objects can grow (a folder;
   * an S3 object cannot, least of all under Object Lock), so callers check for it. Once the
   * promise resolves the bytes are the operating system's: they survive a crash of this
   * process (not a power cut, which would need an fsync per call). Readers may see the object
   * grow; a caller that needs whole records writes one record, or several, per call.
   */
  append?(key: string, body: Uint8Array | string): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  override name = 'ObjectNotFoundError';
  constructor(
    readonly key: string,
    location: string,
    options?: { cause?: unknown },
  ) {
    super(`no object ${key} in ${location}`, options);
  }
}

export class InvalidKeyError extends Error {
  override name = 'InvalidKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid object key "${key}": ${reason}`);
  }
}

/** Keys are relative, `/`-separated, without `.` or `..` segments or empty segments. */
export function assertValidKey(key: string): void {
  if (key.length === 0 || key.length > 1024) throw new InvalidKeyError(key, 'length must be 1..1024');
  if (key.startsWith('/') || key.endsWith('/')) throw new InvalidKeyError(key, 'must not start or end with /');
  if (key.includes('\\') || key.includes('\0')) throw new InvalidKeyError(key, 'must not contain \\ or NUL');
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') throw new InvalidKeyError(key, 'empty, . or .. segment');
  }
}
