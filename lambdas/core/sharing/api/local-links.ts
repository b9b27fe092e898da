import { CONTENT_TYPES } from '../formats';
import { ApiProblem, problems } from '../problem';
import type { LocalLinkDeps } from './env';
import { router } from './router';

const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * On one machine, the server answers its own signed links (see `localLinks`): export
 * downloads, and feed uploads stored under their raw key and ingested at once.
 */
export function localLinkRoutes(local: LocalLinkDeps, now: () => Date) {
  const { exports, signer, maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES } = local;
  return router()
    .get('/v1/exports/:exportId/download', async (c) => {
      const exportId = c.req.param('exportId');
      if (!signer.verify(`/v1/exports/${exportId}/download`, c.req.query('expires'), c.req.query('signature'), now()))
        throw problems.forbidden('the download link is not valid or has expired; ask for the export status again');
      const job = exports.byId(exportId);
      if (job?.status !== 'succeeded') throw problems.notFound('no such export');
      c.set('dataset', job.dataset);
      const body = await exports.read(job);
      const receipt = job.receipt!;
      c.set('rows', receipt.rows);
      c.set('receipt', { datasetVersion: receipt.datasetVersion, sha256: receipt.sha256 });
      return c.body(body as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': CONTENT_TYPES[job.format],
        'Content-Disposition': `attachment; filename="${job.dataset}.${job.format}"`,
        'X-Content-SHA256': receipt.sha256,
        'X-Dataset-Version': receipt.datasetVersion,
        'X-Row-Count': String(receipt.rows),
      });
    })
    .put('/v1/uploads/*', async (c) => {
      const path = new URL(c.req.url).pathname;
      if (!signer.verify(path, c.req.query('expires'), c.req.query('signature'), now()))
        throw problems.forbidden('the upload link is not valid or has expired; ask for a new one');
      const length = Number(c.req.header('content-length') ?? Number.NaN);
      if (!Number.isFinite(length) || length > maxUploadBytes)
        throw new ApiProblem(
          413,
          'too_large',
          'Upload too large',
          `uploads need a Content-Length of at most ${maxUploadBytes} bytes`,
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
