import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportJob } from './export-jobs';
import type { UrlSigner } from './signed-urls';

/**
 * Links that carry their own authorization: to download an export, to upload a feed file.
 * They are built from what the server was configured with, never from the request: a
 * `Host: evil.example` header would otherwise point an agency's link at another server.
 */
export interface Links {
  /** A link to one file of a finished export. */
  download(job: ExportJob, key: string, expiresAt: Date): Promise<string>;
  upload(rawKey: string, expiresAt: Date): Promise<string>;
}

/**
 * On one machine: URLs of this server, signed with an HMAC (answered by api/local-links.ts), under
 * `publicUrl` (the address it listens on, known once it does).
 */
export function localLinks(signer: UrlSigner, publicUrl: () => string): Links {
  const link = (path: string, expiresAt: Date) => new URL(signer.sign(path, expiresAt), publicUrl()).toString();
  return {
    // A local export is one file: the link names the export.
    download: async (job, _key, expiresAt) => link(`/v1/exports/${job.exportId}/download`, expiresAt),
    upload: async (rawKey, expiresAt) => link(`/v1/uploads/${rawKey.slice('raw/'.length)}`, expiresAt),
  };
}

/** In AWS: S3 presigned URLs, GET on the exports bucket and PUT into the raw bucket (whose events start the ETL). */
export function s3Links(
  client: S3Client,
  buckets: { exports: string; raw: string },
  now: () => Date = () => new Date(),
): Links {
  const seconds = (expiresAt: Date) => Math.max(1, Math.floor((expiresAt.getTime() - now().getTime()) / 1000));
  return {
    download: (job, key, expiresAt) =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: buckets.exports,
          Key: key,
          ResponseContentDisposition: `attachment; filename="${job.dataset}-${key.split('/').pop()}"`,
        }),
        { expiresIn: seconds(expiresAt) },
      ),
    upload: (rawKey, expiresAt) =>
      getSignedUrl(client, new PutObjectCommand({ Bucket: buckets.raw, Key: rawKey }), {
        expiresIn: seconds(expiresAt),
      }),
  };
}
