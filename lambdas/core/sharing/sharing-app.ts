import { randomUUID } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { resolveType } from '../contracts/column-types';
import type { QueryEngine } from '../query/query-engine';
import { sha256Hex } from '../ingest/sha256';
import type { AuditLog } from './audit-log';
import { CONTENT_TYPES, FORMATS, encodeRows, negotiate } from './formats';
import { feedsHealth } from './feed-health';
import type { Access, Grants } from './grants';
import type { ServedDataset } from './served-datasets';
import type { ManifestIndex } from './manifest-index';
import { ApiProblem, problemBody, problems } from './problem';
import type { RateLimiter } from './rate-limiter';
import type { ExportJob, Exports, ExportsService } from './exports';
import type { UrlSigner } from './signed-urls';
import { registerLocalLinks, type Links } from './links';
import { rawKey as rawKeyFor } from '../lake/keys';
import { countQuery, CursorCodec, filterFingerprint, parseRowsRequest, rowsQuery } from './rows-query';
import { DATASETS_READ, FEED_HEALTH, feedScope } from './scopes';
import type { Caller, TokenVerifier } from './tokens';

export interface SharingAppDeps {
  engine: QueryEngine;
  grants: Grants;
  verify: TokenVerifier;
  manifests: ManifestIndex;
  audit: AuditLog;
  limiter: RateLimiter;
  cursorSecret: Buffer;
  /**
   * The relation to read a dataset from: its view by default (Athena), or a table the local
   * server keeps materialized per dataset version (DuckDB recomputing every mart per request
   * would not hold 50 concurrent clients).
   */
  relationOf?: (dataset: ServedDataset) => Promise<string>;
  exports: ExportsService;
  /** Links to download an export and to upload a feed: S3 presigned URLs in AWS, signed local URLs on one machine. */
  links: Links;
  /**
   * On one machine, the server itself answers the signed links: export downloads, and feed
   * uploads, stored under their raw key and ingested at once (the stand-in for S3 → ETL).
   */
  local?: {
    signer: UrlSigner;
    exports: Exports;
    receiveUpload: (
      rawKey: string,
      body: Uint8Array,
    ) => Promise<{ status: 'stored' | 'exists'; manifest?: Record<string, unknown> }>;
  };
  /** @default () => new Date() */
  now?: () => Date;
}

export type Env = {
  Variables: {
    requestId: string;
    caller?: Caller;
    dataset?: string;
    rows?: number;
    receipt?: { datasetVersion: string; sha256: string };
  };
};

const MAX_QUERY_STRING = 4096;
const DATASET_ID = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/)
  .openapi({ example: 'kpi_scorecard' });
const PUBLIC_PATHS = new Set(['/health', '/openapi.json', '/docs']);
/** Signed links (export downloads, feed uploads) carry their own authorization, like S3 presigned URLs. */
const SIGNED_PATH = /^\/v1\/(exports\/[0-9a-f-]{36}\/download|uploads\/.+)$/;
const LINK_TTL_MS = 15 * 60_000;
/** An export or upload request is a few hundred bytes; 16 KiB leaves room for long field lists. */
const MAX_JSON_BODY_BYTES = 16 * 1024;

const problemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), instance: z.string() })
  .openapi('Problem');
const columnSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    description: z.string(),
    unit: z.string().optional(),
    pii: z.boolean(),
  })
  .openapi('Column');
const datasetSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['mart', 'dataset']),
    title: z.string(),
    description: z.string(),
    owner: z.string(),
    key: z.array(z.string()),
    columns: z.array(columnSchema),
    purpose: z.string(),
    grantExpires: z.string(),
    rowFilter: z.object({ column: z.string(), equals: z.array(z.string()) }).optional(),
    freshness: z.string().nullable(),
    version: z.string(),
    rowCount: z.number().nullable(),
  })
  .openapi('Dataset');
const manifestSummarySchema = z
  .object({
    manifestId: z.string(),
    dataset: z.string(),
    source: z.string(),
    status: z.enum(['succeeded', 'failed']),
    rowsIn: z.number(),
    rowsAccepted: z.number(),
    rowsRejected: z.number(),
    reasons: z.record(z.string(), z.number()),
    finishedAt: z.string(),
    rawKey: z.string(),
    error: z.object({ code: z.string(), message: z.string(), line: z.number().optional() }).optional(),
  })
  .openapi('ManifestSummary');
const feedHealthSchema = z
  .object({
    source: z.string(),
    name: z.string(),
    format: z.string(),
    datasets: z.array(z.string()),
    cadence: z.object({ everyDays: z.number(), graceDays: z.number() }),
    lastFeedAt: z
      .string()
      .nullable()
      .openapi({ description: 'when its newest manifest was written; null if it never sent a file' }),
    dueBy: z.string().nullable().openapi({ description: 'lastFeedAt + everyDays + graceDays' }),
    late: z.boolean().openapi({ description: 'never received, or past dueBy' }),
    rowsIn: z.number(),
    rowsAccepted: z.number(),
    rowsRejected: z.number(),
    reasons: z.record(z.string(), z.number()).openapi({ description: 'reason code → rejected rows' }),
    latest: z
      .array(manifestSummarySchema)
      .openapi({ description: 'the newest manifest of each dataset, newest first; the counts above sum these' }),
  })
  .openapi('FeedHealth');
const errors = Object.fromEntries(
  [400, 401, 403, 404, 406, 414, 429].map((s) => [
    s,
    { description: 'refused (RFC 9457 problem)', content: { 'application/problem+json': { schema: problemSchema } } },
  ]),
);

/**
 * The integration platform's HTTP API (Hono): agencies pull the datasets they are granted, in
 * the format their tools read, with a receipt; every exchange is audited. Runs on Node
 * locally (`vpdc serve`) and behind API Gateway in AWS.
 */
export function sharingApp(deps: SharingAppDeps): OpenAPIHono<Env> {
  const now = deps.now ?? (() => new Date());
  const relationOf = deps.relationOf ?? (async (dataset: ServedDataset) => dataset.view);
  const cursors = new CursorCodec(deps.cursorSecret);
  const app = new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success)
        throw problems.badRequest(
          result.error.issues
            .map((i) => `${i.path.join('.') || 'request'}: ${i.message}`)
            .join('; ')
            .slice(0, 300),
        );
    },
  });

  // Request id, timing and the audit entry around everything, refused requests included.
  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    let problem: ApiProblem | undefined;
    try {
      const url = new URL(c.req.url);
      if (url.search.length > MAX_QUERY_STRING)
        throw problems.uriTooLong(`the query string is over ${MAX_QUERY_STRING} characters`);
      if (!PUBLIC_PATHS.has(url.pathname) && !SIGNED_PATH.test(url.pathname)) {
        c.set('caller', await deps.verify(c.req.header('authorization')));
        const wait = deps.limiter.take(c.get('caller')!.agency);
        if (wait > 0) throw problems.tooManyRequests(wait);
      }
      await next();
    } catch (error) {
      // Hono's own refusals (a body that is not JSON) are the caller's mistake, not ours.
      const refusedByHono = error instanceof HTTPException && error.status === 400;
      problem =
        error instanceof ApiProblem ? error : refusedByHono ? problems.badRequest(error.message) : problems.internal();
      if (!(error instanceof ApiProblem) && !refusedByHono)
        console.error(`[${requestId}] ${(error as Error).stack ?? String(error)}`);
      c.res = c.json(problemBody(problem, requestId), problem.status as 400, {
        'Content-Type': 'application/problem+json',
        ...problem.headers,
      });
    }
    c.header('X-Request-Id', requestId);
    // Every answer, problems included: a browser must not sniff a CSV or JSON answer into HTML.
    c.header('X-Content-Type-Options', 'nosniff');
    const url = new URL(c.req.url);
    if (url.pathname === '/health') return;
    const bytes = Number(c.res.headers.get('content-length') ?? 0);
    await deps.audit.append({
      at: now().toISOString(),
      requestId,
      agency: c.get('caller')?.agency ?? null,
      method: c.req.method,
      route: url.pathname.slice(0, 200),
      dataset: c.get('dataset') ?? null,
      // A signed link's signature is a bearer secret until it expires: never in the log.
      query: Object.fromEntries(
        [...url.searchParams.entries()]
          .slice(0, 50)
          .map(([k, v]) => [k.slice(0, 64), k === 'signature' ? '[redacted]' : v.slice(0, 256)]),
      ),
      status: c.res.status,
      rows: c.get('rows') ?? null,
      bytes,
      problem: problem?.type ?? null,
      receipt: c.get('receipt') ?? null,
      durationMs: Math.round(performance.now() - started),
    });
  });
  // The JSON request bodies: refused by size before they are read (413), and by content type (415).
  for (const path of ['/v1/datasets/:id/exports', '/v1/feeds/:source/uploads']) {
    app.on(
      'POST',
      path,
      bodyLimit({
        maxSize: MAX_JSON_BODY_BYTES,
        onError: () => {
          throw problems.payloadTooLarge(`the request body is over ${MAX_JSON_BODY_BYTES / 1024} KiB`);
        },
      }),
      async (c, next) => {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/json\s*(;|$)/i.test(type))
          throw problems.unsupportedMediaType(
            `the request body must be JSON (Content-Type: application/json), not ${type ? JSON.stringify(type.slice(0, 100)) : 'none'}`,
          );
        await next();
      },
    );
  }
  app.notFound(() => {
    throw problems.notFound('no such route');
  });
  app.onError((error) => {
    throw error;
  });

  const today = () => now().toISOString().slice(0, 10);
  const caller = (c: Context<Env>) => c.get('caller')!;
  const requireScope = (c: Context<Env>, scope: string) => {
    if (!caller(c).scopes.includes(scope)) throw problems.forbidden(`the token lacks the scope ${scope}`);
  };
  const accessOf = (c: Context<Env>, id: string): Access => {
    c.set('dataset', id);
    const access = deps.grants.access(caller(c).agency, id, today());
    if ('refused' in access) {
      if (access.refused === 'unknown_dataset') throw problems.notFound(`no dataset ${id}`);
      throw problems.forbidden(
        access.refused === 'grant_expired'
          ? `the grant of ${id} to ${caller(c).agency} has expired`
          : `${id} is not granted to ${caller(c).agency}`,
      );
    }
    return access;
  };
  const describe = async (access: Access) => {
    const { dataset } = access;
    return {
      id: dataset.id,
      kind: dataset.kind,
      title: dataset.title,
      description: dataset.description,
      owner: dataset.owner,
      key: dataset.key,
      columns: access.columns.map(({ name, type, description, unit, pii }) => ({
        name,
        type,
        description,
        ...(unit ? { unit } : {}),
        pii,
      })),
      purpose: access.purpose,
      grantExpires: access.expires,
      ...(access.rowFilter ? { rowFilter: access.rowFilter } : {}),
      freshness: await deps.manifests.freshness(dataset.sources),
      version: await deps.manifests.version(dataset.sources),
      rowCount: null as number | null,
    };
  };

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets',
      summary: 'The datasets granted to the calling agency',
      security: [{ bearer: [] }],
      responses: {
        200: {
          description: 'granted datasets',
          content: {
            'application/json': { schema: z.object({ agency: z.string(), datasets: z.array(datasetSchema) }) },
          },
        },
        ...errors,
      },
    }),
    async (c) => {
      requireScope(c, DATASETS_READ);
      const datasets = await Promise.all(deps.grants.accessible(caller(c).agency, today()).map(describe));
      return c.json({ agency: caller(c).agency, datasets }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets/{id}',
      summary: 'One granted dataset, with its JSON Schema, row count and first and last month',
      security: [{ bearer: [] }],
      request: { params: z.object({ id: DATASET_ID }) },
      responses: {
        200: {
          description: 'the dataset',
          content: {
            'application/json': {
              schema: datasetSchema.extend({
                jsonSchema: z.record(z.string(), z.unknown()),
                periods: z.object({ first: z.string(), last: z.string() }).nullable().openapi({
                  description:
                    'the first and last month of the granted rows (yyyy-mm); null when the dataset has no months or no rows',
                }),
              }),
            },
          },
        },
        ...errors,
      },
    }),
    async (c) => {
      requireScope(c, DATASETS_READ);
      const access = accessOf(c, c.req.valid('param').id);
      const { sql, params } = countQuery(access, await relationOf(access.dataset));
      const counted = await deps.engine.query(sql, params);
      const [count] = counted.rows;
      const periods = count?.last_period
        ? { first: String(count.first_period), last: String(count.last_period) }
        : null;
      const description = { ...(await describe(access)), rowCount: Number(count?.n ?? 0), periods };
      return c.json({ ...description, jsonSchema: jsonSchemaOf(access) }, 200);
    },
  );

  const rowsQuerySchema = z.looseObject({
    fields: z.string().optional().openapi({ description: 'comma-separated granted columns' }),
    limit: z.string().optional().openapi({ description: `rows per page, 1..10000 (default 100)` }),
    cursor: z.string().optional().openapi({ description: 'next_cursor of the previous page' }),
    format: z.enum(FORMATS).optional(),
    period_from: z.string().optional().openapi({ description: 'yyyy-mm, inclusive' }),
    period_to: z.string().optional().openapi({ description: 'yyyy-mm, inclusive' }),
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets/{id}/rows',
      summary:
        'Rows of a granted dataset: filters on granted columns (`?column=a,b`), period range, fields, keyset paging; JSON, NDJSON, CSV (Excel), Parquet or Arrow',
      security: [{ bearer: [] }],
      request: { params: z.object({ id: DATASET_ID }), query: rowsQuerySchema },
      responses: {
        200: {
          description: 'rows, with the receipt in X-Dataset-Version, X-Row-Count and X-Content-SHA256',
          content: Object.fromEntries(FORMATS.map((f) => [CONTENT_TYPES[f].split(';')[0]!, { schema: z.any() }])),
        },
        ...errors,
      },
    }),
    async (c) => {
      requireScope(c, DATASETS_READ);
      const access = accessOf(c, c.req.valid('param').id);
      const query = Object.fromEntries(new URL(c.req.url).searchParams.entries());
      const format = negotiate(query.format, c.req.header('accept'));
      if (!format) throw problems.notAcceptable(`formats: ${FORMATS.join(', ')} (format= or Accept)`);
      const request = parseRowsRequest(query, access, cursors);
      const { sql, params, key } = rowsQuery(access, request, await relationOf(access.dataset));
      const { rows } = await deps.engine.query(sql, params);
      const page = rows.slice(0, request.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > request.limit && last
          ? cursors.encode(
              access.dataset.id,
              filterFingerprint(request),
              key.map((k) => last[k] ?? null),
            )
          : null;
      const columns = request.fields.map((f) => access.columns.find((col) => col.name === f)!);
      const data = page.map((row) => Object.fromEntries(request.fields.map((f) => [f, row[f] ?? null])));
      const version = await deps.manifests.version(access.dataset.sources);
      const body = encodeRows(format, columns, data, {
        dataset: access.dataset.id,
        version,
        count: data.length,
        next_cursor: nextCursor,
      });
      const digest = sha256Hex(body);
      c.set('rows', data.length);
      c.set('receipt', { datasetVersion: version, sha256: digest });
      return c.body(body as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Length': String(body.length),
        'X-Dataset-Version': version,
        'X-Row-Count': String(data.length),
        'X-Content-SHA256': digest,
        ...(nextCursor ? { 'X-Next-Cursor': nextCursor } : {}),
        ...(format === 'csv' ? { 'Content-Disposition': `attachment; filename="${access.dataset.id}.csv"` } : {}),
        ...(format === 'parquet'
          ? { 'Content-Disposition': `attachment; filename="${access.dataset.id}.parquet"` }
          : {}),
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/feeds/{source}/status',
      summary: "A feed's latest manifests: accepted and rejected rows, freshness",
      security: [{ bearer: [] }],
      request: { params: z.object({ source: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/) }) },
      responses: {
        200: {
          description: 'feed status',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { source } = c.req.valid('param');
      requireScope(c, feedScope(source));
      if (!deps.grants.agency(caller(c).agency)?.feeds.includes(source))
        throw problems.forbidden(`the feed ${source} is not granted to ${caller(c).agency}`);
      const manifests = (await deps.manifests.bySource(source)).slice(0, 20);
      return c.json({ source, lastFeedAt: manifests[0]?.finishedAt ?? null, manifests }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/feeds',
      summary: "Every feed's health: last files, accepted and rejected rows, reject reasons, late or not",
      security: [{ bearer: [] }],
      responses: {
        200: {
          description: 'the health of every feed, in the order of the source specs',
          content: { 'application/json': { schema: z.object({ asOf: z.string(), feeds: z.array(feedHealthSchema) }) } },
        },
        ...errors,
      },
    }),
    async (c) => {
      requireScope(c, FEED_HEALTH);
      if (!deps.grants.agency(caller(c).agency)?.feedHealth)
        throw problems.forbidden(`feed health is not granted to ${caller(c).agency}`);
      return c.json(await feedsHealth(deps.manifests, now()), 200);
    },
  );

  const exportBody = z.object({
    format: z.enum(FORMATS).default('csv'),
    fields: z.array(z.string()).optional(),
    filters: z.record(z.string(), z.union([z.string(), z.array(z.string()).max(100)])).optional(),
    period_from: z.string().optional(),
    period_to: z.string().optional(),
  });
  const exportJob = z
    .object({
      exportId: z.string(),
      dataset: z.string(),
      format: z.string(),
      status: z.enum(['running', 'succeeded', 'failed']),
      createdAt: z.string(),
      receipt: z.record(z.string(), z.unknown()).optional(),
      url: z.string().optional(),
      files: z.array(z.object({ url: z.string(), bytes: z.number(), sha256: z.string() })).optional(),
      expiresAt: z.string().optional(),
    })
    .openapi('Export');
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

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/datasets/{id}/exports',
      summary: 'Start a full export of the granted rows; poll its status for a download link',
      security: [{ bearer: [] }],
      request: {
        params: z.object({ id: DATASET_ID }),
        body: { content: { 'application/json': { schema: exportBody } } },
      },
      responses: {
        202: { description: 'export started', content: { 'application/json': { schema: exportJob } } },
        ...errors,
      },
    }),
    async (c) => {
      requireScope(c, DATASETS_READ);
      const access = accessOf(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const query: Record<string, string> = {
        ...(body.fields ? { fields: body.fields.join(',') } : {}),
        ...(body.period_from ? { period_from: body.period_from } : {}),
        ...(body.period_to ? { period_to: body.period_to } : {}),
      };
      for (const [column, value] of Object.entries(body.filters ?? {})) query[column] = [value].flat().join(',');
      const { fields, filters, periodFrom, periodTo } = parseRowsRequest(query, access, cursors);
      const version = await deps.manifests.version(access.dataset.sources);
      const job = await deps.exports.start(
        caller(c).agency,
        access,
        { fields, filters, ...(periodFrom ? { periodFrom } : {}), ...(periodTo ? { periodTo } : {}) },
        body.format,
        version,
        await relationOf(access.dataset),
        now(),
      );
      return c.json(await jobView(job), 202, { Location: `/v1/exports/${job.exportId}` });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/exports/{exportId}',
      summary: "An export's status, and when done a signed download link with its expiry and receipt",
      security: [{ bearer: [] }],
      request: { params: z.object({ exportId: z.string().uuid() }) },
      responses: {
        200: { description: 'the export', content: { 'application/json': { schema: exportJob } } },
        ...errors,
      },
    }),
    async (c) => {
      requireScope(c, DATASETS_READ);
      const job = await deps.exports.get(caller(c).agency, c.req.valid('param').exportId);
      if (!job) throw problems.notFound('no such export for this agency');
      c.set('dataset', job.dataset);
      return c.json(await jobView(job), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/feeds/{source}/uploads',
      summary: 'A signed upload link into raw/ for a producer with scope feeds:{source}',
      security: [{ bearer: [] }],
      request: {
        params: z.object({ source: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/) }),
        body: { content: { 'application/json': { schema: z.object({ fileName: z.string().min(1).max(200) }) } } },
      },
      responses: {
        201: {
          description: 'upload link',
          content: {
            'application/json': {
              schema: z.object({
                uploadUrl: z.string(),
                method: z.literal('PUT'),
                rawKey: z.string(),
                expiresAt: z.string(),
              }),
            },
          },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { source } = c.req.valid('param');
      requireScope(c, feedScope(source));
      if (!deps.grants.agency(caller(c).agency)?.feeds.includes(source))
        throw problems.forbidden(`the feed ${source} is not granted to ${caller(c).agency}`);
      const rawKey = rawKeyFor(source, now(), c.req.valid('json').fileName);
      const expiresAt = new Date(now().getTime() + LINK_TTL_MS);
      return c.json(
        {
          uploadUrl: await deps.links.upload(rawKey, expiresAt),
          method: 'PUT' as const,
          rawKey,
          expiresAt: expiresAt.toISOString(),
        },
        201,
      );
    },
  );

  if (deps.local) registerLocalLinks(app, deps.local, now);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'vpdc integration platform API',
      version: '1.0.0',
      description:
        'Shared datasets of the Vĩnh Phúc digital data center. Every route but /health and /openapi.json needs a bearer token.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.get('/docs', (c) => c.html(DOCS_PAGE));
  return app;
}

/** The JSON Schema of one row as this agency receives it. */
function jsonSchemaOf(access: Access): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: access.dataset.title,
    type: 'object',
    properties: Object.fromEntries(
      access.columns.map((c) => {
        const { type, ...constraints } = resolveType(c.type).jsonSchema;
        const description = c.description + (c.unit ? ` (${c.unit})` : '');
        return [c.name, { type: [type, 'null'], ...constraints, description }];
      }),
    ),
  };
}

const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vpdc API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}</style></head>
<body><h1>vpdc integration platform API</h1><p>The OpenAPI document is at <a href="/openapi.json">/openapi.json</a>. Get a token with <code>npx vpdc token --agency ioc</code>, then:</p>
<pre><code>curl -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8787/v1/datasets"
curl -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8787/v1/datasets/kpi_scorecard/rows?period_from=2025-12&amp;format=csv"</code></pre>
<ul id="routes"></ul><script>fetch('/openapi.json').then(r=>r.json()).then(d=>{for(const [p,ops] of Object.entries(d.paths))for(const [m,o] of Object.entries(ops)){const li=document.createElement('li');li.textContent=m.toUpperCase()+' '+p+': '+(o.summary||'');document.getElementById('routes').append(li)}})</script></body></html>`;
