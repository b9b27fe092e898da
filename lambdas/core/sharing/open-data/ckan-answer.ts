import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Env } from '../api/env';
import { publicRefusals } from '../api/schemas';
import { CKAN_ERRORS, CkanError } from './ckan-package';
import type { CkanAction, OpenLinks } from './open-links';

/** Public data: any site may read it from a browser, and shared caches may keep it a little while. */
export const OPEN_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=60' };

/** What each action does: CKAN's `help` links to it (help_show). */
export const ACTION_HELP: Record<CkanAction, string> = {
  package_list:
    "Return a list of the names of the site's datasets (packages): the open datasets. Params: limit, offset.",
  package_show: 'Return the metadata of a dataset (package) and its resources. Params: id (its name).',
  datastore_search:
    'Search a DataStore resource: resource_id (a resource id, or the dataset name), filters (JSON object), fields, limit (default 100, at most 10000), offset. Records are in natural-key order.',
  help_show: "Return the help string of an action. Params: name (the action's name).",
};

export const text = (description: string) => z.string().optional().openapi({ description });
const ckanEnvelope = {
  description: "CKAN's envelope: { help, success, result }, or { help, success: false, error: { message, __type } }",
  content: { 'application/json': { schema: z.object({ help: z.string(), success: z.boolean() }).loose() } },
};
/** A CKAN action's route: GET, no token, its parameters documented. */
export const ckanRoute = (action: CkanAction, query: Record<string, z.ZodOptional<z.ZodString>>) =>
  createRoute({
    method: 'get',
    path: `/api/3/action/${action}`,
    summary: `CKAN action API (no token): ${ACTION_HELP[action]}`,
    security: [],
    // The action checks its parameters' values, refusing in CKAN's envelope; only a parameter
    // given twice fails this schema (a 400 problem, as every other route gives).
    request: { query: z.object(query) },
    responses: {
      200: ckanEnvelope,
      ...Object.fromEntries(Object.values(CKAN_ERRORS).map((status) => [status, ckanEnvelope])),
      ...publicRefusals(400),
    },
  });

/**
 * Runs a CKAN action: its result in CKAN's envelope, or a refusal as CKAN gives it (status by
 * error type). A refusal also names its problem for the audit log. Typed `never`, as rows.ts
 * casts its answers: the route's OpenAPI responses describe the envelope, not Hono's types.
 */
export async function ckanAnswer(
  c: Context<Env>,
  links: OpenLinks,
  action: CkanAction,
  run: () => Promise<unknown>,
): Promise<never> {
  const help = links.action('help_show', { name: action });
  try {
    const result = await run();
    return c.json({ help, success: true, result }, 200, OPEN_HEADERS) as never;
  } catch (error) {
    if (!(error instanceof CkanError)) throw error;
    c.set('problem', `ckan: ${error.type}`);
    return c.json(
      { help, success: false, error: { message: error.message, __type: error.type } },
      CKAN_ERRORS[error.type],
      { 'Access-Control-Allow-Origin': '*' },
    ) as never;
  }
}
