import { createRoute, z } from '@hono/zod-openapi';
import { accessRequestSchema } from '../access-requests/access-request-store';
import { problems } from '../problem';
import { DATASETS_READ } from '../scopes';
import type { SharingAppDeps } from './env';
import { jsonBody } from './middleware';
import { type ApiParts, router } from './router';
import { DATASET_ID, refusals } from './schemas';

/**
 * Access requests: an agency asks for a dataset (purpose, columns, how long); a steward of the
 * dataset (the data center, or a producer of a contract dataset) approves or refuses it; an
 * approved request is a grant at once, until its last day, on every server instance
 * (access-decisions.ts). Here an agency asks, and sees its requests and those it may decide on.
 */
export function accessRequestRoutes({ deps, access, now }: ApiParts) {
  const app = router();
  app.post('/v1/access-requests', ...jsonBody);
  return app
    .openapi(
      createRoute({
        method: 'post',
        path: '/v1/access-requests',
        summary: 'Ask for a dataset: purpose, columns and how many days; a steward of the dataset decides',
        security: [{ bearer: [] }],
        request: {
          body: {
            content: {
              'application/json': {
                schema: z
                  .object({
                    dataset: DATASET_ID,
                    purpose: z.string().min(10).max(500),
                    columns: z.union([z.literal('*'), z.array(z.string()).min(1).max(200)]).default('*'),
                    days: z.number().int().min(1).max(366),
                  })
                  .strict(),
              },
            },
          },
        },
        responses: {
          201: { description: 'requested', content: { 'application/json': { schema: accessRequestSchema } } },
          ...refusals(409, 413, 415),
        },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const { store, grants } = enabledAccessRequests(deps);
        const body = c.req.valid('json');
        const agency = access.agency(c);
        c.set('dataset', body.dataset);
        const dataset = grants.dataset(body.dataset);
        if (!dataset) throw problems.notFound(`no dataset ${body.dataset}`);
        if (body.columns !== '*') {
          const wrong = body.columns.find((name) => {
            const column = dataset.columns.find((col) => col.name === name);
            return !column || column.pii || !column.shareable;
          });
          // Personal or non-shareable columns are granted in the reviewed grants file only, never by request.
          if (wrong) throw problems.badRequest(`column ${wrong.slice(0, 64)} of ${dataset.id} cannot be requested`);
        }
        if (!('refused' in grants.access(agency, dataset.id, access.today())))
          throw problems.conflict(`${agency} already holds a grant of ${dataset.id}`);
        if ((await store.all()).some((r) => r.agency === agency && r.dataset === dataset.id && r.status === 'pending'))
          throw problems.conflict(`${agency} already has a pending request for ${dataset.id}`);
        if (grants.stewards(dataset.id).length === 0)
          throw problems.conflict(`${dataset.id} has no steward to decide on requests`);
        const created = await store.create({ agency, ...body }, now());
        return c.json(created, 201, { Location: `/v1/access-requests/${created.id}` });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/v1/access-requests',
        summary: "The calling agency's own requests, and the pending ones it may decide on",
        security: [{ bearer: [] }],
        responses: {
          200: {
            description: 'requests',
            content: {
              'application/json': {
                schema: z.object({ requested: z.array(accessRequestSchema), toDecide: z.array(accessRequestSchema) }),
              },
            },
          },
          ...refusals(),
        },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const { store, grants } = enabledAccessRequests(deps);
        const agency = access.agency(c);
        const all = await store.all();
        const toDecide = all.filter(
          (r) => r.status === 'pending' && r.agency !== agency && grants.stewards(r.dataset).includes(agency),
        );
        return c.json({ requested: all.filter((r) => r.agency === agency), toDecide }, 200);
      },
    );
}

/** The access requests and the live grants they change, or the 404 of a server without them. */
export function enabledAccessRequests(deps: SharingAppDeps): NonNullable<SharingAppDeps['accessRequests']> {
  if (!deps.accessRequests) throw problems.notFound('access requests are not enabled on this server');
  return deps.accessRequests;
}
