import { z } from '@hono/zod-openapi';
import { FORMATS } from '../formats';

/**
 * What a request may carry (ids, query and body shapes) and the problems a route may answer;
 * the bodies of its other answers are in response-schemas.ts. The API's OpenAPI document and
 * the typed client come from these.
 */
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

export const exportRequestSchema = z.object({
  format: z.enum(FORMATS).default('csv'),
  fields: z.array(z.string()).optional(),
  filters: z.record(z.string(), z.union([z.string(), z.array(z.string()).max(100)])).optional(),
  period_from: z.string().optional(),
  period_to: z.string().optional(),
  version: z.string().optional().openapi({ description: 'a dataset version: export the rows as they were then' }),
});
