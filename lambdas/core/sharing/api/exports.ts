import { createRoute, z } from '@hono/zod-openapi';
import type { ExportJob } from '../export-jobs';
import { problems } from '../problem';
import { parseRowsRequest } from '../rows-request';
import { DATASETS_READ } from '../scopes';
import { LINK_TTL_MS } from './env';
import { jsonBody } from './middleware';
import { type ApiParts, router } from './router';
import { exportJobSchema } from './response-schemas';
import { DATASET_ID, exportRequestSchema, refusals } from './schemas';

/** Full exports: started as a job, polled for signed download links with their receipt. */
export function exportRoutes({ deps, access, now, relationAt, cursors }: ApiParts) {
  /** A job as the agency sees it: no internal keys; when done, fresh signed links to its files. */
  const jobView = async (job: ExportJob) => {
    const { agency: _agency, key: _key, files: _files, queryExecutionId: _query, ...rest } = job;
    if (job.status !== 'succeeded') return rest;
    const expiresAt = new Date(now().getTime() + LINK_TTL_MS);
    const files = await Promise.all(
      (job.files ?? []).map(async (f) => ({
        url: await deps.links.download(job, f.key, expiresAt),
        bytes: f.bytes,
        sha256: f.sha256,
      })),
    );
    return {
      ...rest,
      ...(files.length === 1 ? { url: files[0]!.url } : {}),
      files,
      expiresAt: expiresAt.toISOString(),
    };
  };

  const app = router();
  app.post('/v1/datasets/:id/exports', ...jsonBody);
  return app
    .openapi(
      createRoute({
        method: 'post',
        path: '/v1/datasets/{id}/exports',
        summary: 'Start a full export of the granted rows; poll its status for a download link',
        description:
          'An export identical to one of this agency’s that is running, or done within the hour (same dataset ' +
          'version, format, fields, filters and period), is answered with that job: 202, the same exportId, no ' +
          'second file. An agency builds a few exports at once; one more is refused with 429 and Retry-After.',
        security: [{ bearer: [] }],
        request: {
          params: z.object({ id: DATASET_ID }),
          body: { content: { 'application/json': { schema: exportRequestSchema } } },
        },
        responses: {
          202: {
            description: 'export started, or the identical one',
            content: { 'application/json': { schema: exportJobSchema } },
          },
          // 406: not every exports service writes every format (Athena's UNLOAD writes no Arrow).
          ...refusals(406, 413, 415),
        },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const granted = access.dataset(c, c.req.valid('param').id);
        const body = c.req.valid('json');
        // The same checks as a rows request: the body is read as its query would be.
        const query: Record<string, string> = {
          ...(body.fields ? { fields: body.fields.join(',') } : {}),
          ...(body.period_from ? { period_from: body.period_from } : {}),
          ...(body.period_to ? { period_to: body.period_to } : {}),
          ...(body.version ? { version: body.version } : {}),
        };
        for (const [column, value] of Object.entries(body.filters ?? {})) query[column] = [value].flat().join(',');
        const { fields, filters, periodFrom, periodTo, version: asked } = parseRowsRequest(query, granted, cursors);
        const { version, relation } = await relationAt(granted.dataset, asked);
        const job = await deps.exports.start(
          access.agency(c),
          granted,
          { fields, filters, ...(periodFrom ? { periodFrom } : {}), ...(periodTo ? { periodTo } : {}) },
          body.format,
          version,
          relation,
          now(),
        );
        return c.json(await jobView(job), 202, { Location: `/v1/exports/${job.exportId}` });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/v1/exports/{exportId}',
        summary: "An export's status, and when done a signed download link with its expiry and receipt",
        security: [{ bearer: [] }],
        request: { params: z.object({ exportId: z.string().uuid() }) },
        responses: {
          200: { description: 'the export', content: { 'application/json': { schema: exportJobSchema } } },
          ...refusals(),
        },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const job = await deps.exports.get(access.agency(c), c.req.valid('param').exportId);
        if (!job) throw problems.notFound('no such export for this agency');
        c.set('dataset', job.dataset);
        return c.json(await jobView(job), 200);
      },
    );
}
