import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertValidKey, ObjectNotFoundError, type ObjectInfo, type ObjectStore } from './object-store';

export interface S3StoreProps {
  client: S3Client;
  bucket: string;
  /** Prefix inside the bucket, without a trailing slash; '' for the bucket root. @default '' */
  prefix?: string;
  /** Multipart part size for putFile. @default 8 MiB */
  partSize?: number;
}

/**
 * The lake on S3. S3 makes each PUT visible whole, so atomicity comes for free; large files
 * go up as multipart uploads in parts of `partSize`, with at most 4 parts in flight.
 */
export class S3Store implements ObjectStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;

  constructor(props: S3StoreProps) {
    this.client = props.client;
    this.bucket = props.bucket;
    this.prefix = (props.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.partSize = props.partSize ?? 8 * 1024 * 1024;
    if (this.partSize < 5 * 1024 * 1024)
      throw new Error(`partSize must be >= 5 MiB (S3's minimum part), got ${this.partSize}`);
    this.location = `s3://${this.bucket}${this.prefix ? `/${this.prefix}` : ''}`;
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: body, ContentType: contentType }),
    );
  }

  async putFile(key: string, path: string, contentType?: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: createReadStream(path), ContentType: contentType },
      partSize: this.partSize,
      queueSize: 4,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async get(key: string): Promise<Uint8Array> {
    const stream = await this.read(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async read(key: string): Promise<Readable> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      if (!(response.Body instanceof Readable)) throw new Error(`S3 returned no stream body for ${key}`);
      return response.Body;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        throw new ObjectNotFoundError(key, this.location, { cause: error });
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (
        error instanceof NotFound ||
        (error as { name?: string }).name === 'NotFound' ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
      )
        return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const found: ObjectInfo[] = [];
    const strip = this.prefix ? this.prefix.length + 1 : 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix ? `${this.prefix}/${prefix}` : prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key)
          found.push({
            key: object.Key.slice(strip),
            size: object.Size ?? 0,
            modified: object.LastModified ?? new Date(0),
          });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
