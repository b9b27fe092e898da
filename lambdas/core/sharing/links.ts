import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ExportJob } from './exports';
import { CONTENT_TYPES } from './formats';
import { ApiProblem, problems } from './problem';
import type { SharingAppDeps, Env } from './sharing-app';
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
 * On one machine: URLs of this server, signed with an HMAC (see registerLocalLinks), under
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

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** The local server's answers to its own signed links: export downloads and feed uploads. */
export function registerLocalLinks(
  app: OpenAPIHono<Env>,
  local: NonNullable<SharingAppDeps['local']>,
  now: () => Date,
): void {
  const { exports } = local;
  app.get('/v1/exports/:exportId/download', async (c) => {
    const exportId = c.req.param('exportId');
    if (
      !local.signer.verify(`/v1/exports/${exportId}/download`, c.req.query('expires'), c.req.query('signature'), now())
    )
      throw problems.forbidden('the download link is not valid or has expired; ask for the export status again');
    const job = exports.byId(exportId);
    if (job?.status !== 'succeeded') throw problems.notFound('no such export');
    c.set('dataset', job.dataset);
    const body = await exports.read(job);
    c.set('rows', job.receipt!.rows);
    c.set('receipt', { datasetVersion: job.receipt!.datasetVersion, sha256: job.receipt!.sha256 });
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': CONTENT_TYPES[job.format],
      'Content-Disposition': `attachment; filename="${job.dataset}.${job.format}"`,
      'X-Content-SHA256': job.receipt!.sha256,
      'X-Dataset-Version': job.receipt!.datasetVersion,
      'X-Row-Count': String(job.receipt!.rows),
    });
  });

  app.put('/v1/uploads/*', async (c) => {
    const path = new URL(c.req.url).pathname;
    if (!local.signer.verify(path, c.req.query('expires'), c.req.query('signature'), now()))
      throw problems.forbidden('the upload link is not valid or has expired; ask for a new one');
    const length = Number(c.req.header('content-length') ?? NaN);
    if (!Number.isFinite(length) || length > MAX_UPLOAD_BYTES)
      throw new ApiProblem(
        413,
        'too_large',
        'Upload too large',
        `uploads need a Content-Length of at most ${MAX_UPLOAD_BYTES} bytes`,
      );
    const rawKey = `raw/${path.slice('/v1/uploads/'.length)}`;
    const result = await local.receiveUpload(rawKey, new Uint8Array(await c.req.arrayBuffer()));
    if (result.status === 'exists')
      throw new ApiProblem(
        409,
        'conflict',
        'Already uploaded',
        'an object already exists at this raw key: raw files are never overwritten; ask for a new upload link',
      );
    return c.json({ rawKey, manifest: result.manifest }, 201);
  });
}
