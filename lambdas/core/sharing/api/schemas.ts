import { z } from '@hono/zod-openapi';
import { FORMATS } from '../formats';

/** The request and response shapes of the API: its OpenAPI document and the typed client come from these. */
export const DATASET_ID = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/)
  .openapi({ example: 'kpi_scorecard' });
export const SOURCE_ID = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);

const problemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), instance: z.string() })
  .openapi('Problem');

const REFUSALS: Record<number, string> = {
  400: 'the request is malformed',
  401: 'no valid token',
  403: 'not granted',
  404: 'no such dataset, export or route',
  406: 'no such format',
  409: 'already exists',
  413: 'the body is too large',
  414: 'the query string is too long',
  415: 'the body is not JSON',
  429: 'rate limited (Retry-After)',
  500: 'failed on the server (logged with the request id)',
};
/** Every route can answer these, token or not: a query string too long, a rate limit (authenticate), a failure. */
const EVERY_ROUTE = [414, 429, 500];
/** And every authenticated route: bad input, no valid token, not granted, no such thing. */
const AUTHENTICATED = [400, 401, 403, 404];

/** The problem answers (RFC 9457) of an authenticated route: the common ones and its own `extra`. */
export function refusals(...extra: number[]) {
  return problemAnswers([...AUTHENTICATED, ...extra]);
}

/** The problem answers of a route without a token (open data): the ones of every route and its own `extra`. */
export function publicRefusals(...extra: number[]) {
  return problemAnswers(extra);
}

function problemAnswers(statuses: number[]) {
  return Object.fromEntries(
    [...new Set([...EVERY_ROUTE, ...statuses])]
      .sort((a, b) => a - b)
      .map((status) => [
        status,
        { description: REFUSALS[status]!, content: { 'application/problem+json': { schema: problemSchema } } },
      ]),
  );
}

const columnSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    description: z.string(),
    unit: z.string().optional(),
    pii: z.boolean(),
  })
  .openapi('Column');

export const datasetSchema = z
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

export const datasetDetailSchema = datasetSchema.extend({
  jsonSchema: z.record(z.string(), z.unknown()),
  periods: z.object({ first: z.string(), last: z.string() }).nullable().openapi({
    description:
      'the first and last month of the granted rows (yyyy-mm); null when the dataset has no months or no rows',
  }),
});

export const rowsQuerySchema = z.looseObject({
  fields: z.string().optional().openapi({ description: 'comma-separated granted columns' }),
  limit: z.string().optional().openapi({ description: 'rows per page, 1..10000 (default 100)' }),
  cursor: z.string().optional().openapi({ description: 'next_cursor of the previous page' }),
  format: z.enum(FORMATS).optional(),
  period_from: z.string().optional().openapi({ description: 'yyyy-mm, inclusive' }),
  period_to: z.string().optional().openapi({ description: 'yyyy-mm, inclusive' }),
  version: z.string().optional().openapi({
    description:
      'a dataset version (X-Dataset-Version, or one of /versions): the rows as they were then, the same bytes every time',
  }),
});

/** One page of rows as JSON (other formats carry the same rows). */
export const rowsPageSchema = z
  .object({
    dataset: z.string(),
    version: z.string(),
    count: z.number(),
    next_cursor: z.string().nullable(),
    data: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  })
  .openapi('RowsPage');

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
    rowsByPeriod: z.record(z.string(), z.number()).openapi({ description: 'curated rows written, by month' }),
    finishedAt: z.string(),
    rawKey: z.string(),
    error: z.object({ code: z.string(), message: z.string(), line: z.number().optional() }).optional(),
  })
  .openapi('ManifestSummary');

export const feedHealthSchema = z
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

export const exportRequestSchema = z.object({
  format: z.enum(FORMATS).default('csv'),
  fields: z.array(z.string()).optional(),
  filters: z.record(z.string(), z.union([z.string(), z.array(z.string()).max(100)])).optional(),
  period_from: z.string().optional(),
  period_to: z.string().optional(),
  version: z.string().optional().openapi({ description: 'a dataset version: export the rows as they were then' }),
});

export const exportJobSchema = z
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

export const uploadLinkSchema = z.object({
  uploadUrl: z.string(),
  method: z.literal('PUT'),
  rawKey: z.string(),
  expiresAt: z.string(),
});
