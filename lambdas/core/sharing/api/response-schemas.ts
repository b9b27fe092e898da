import { z } from '@hono/zod-openapi';

/** The bodies of the API's answers (its OpenAPI document and the typed client come from these). */
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
