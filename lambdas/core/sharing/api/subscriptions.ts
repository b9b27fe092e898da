import { createRoute, z } from '@hono/zod-openapi';
import { problems } from '../problem';
import { DATASETS_READ } from '../scopes';
import { subscriptionView } from '../subscriptions/subscription-store';
import { webhookUrlProblem } from '../subscriptions/webhook-url';
import { jsonBody } from './middleware';
import { type ApiParts, router } from './router';
import { DATASET_ID, refusals } from './schemas';

export const subscriptionSchema = z
  .object({
    id: z.string(),
    agency: z.string(),
    dataset: z.string(),
    url: z.string(),
    createdAt: z.string(),
  })
  .openapi('Subscription');

/** At most this many active subscriptions per agency: each new version posts to every one. */
const MAX_PER_AGENCY = 50;

/**
 * Webhook subscriptions: an agency asks to be told of each new version of a dataset it is
 * granted; the secret that signs the deliveries is shown once, in the answer that creates it.
 */
export function subscriptionRoutes({ deps, access, now }: ApiParts) {
  const store = () => {
    if (!deps.subscriptions) throw problems.notFound('subscriptions are not enabled on this server');
    return deps.subscriptions.store;
  };
  const app = router();
  app.post('/v1/subscriptions', ...jsonBody);
  return app
    .openapi(
      createRoute({
        method: 'post',
        path: '/v1/subscriptions',
        summary:
          'Subscribe a webhook to a granted dataset: one signed event (Standard Webhooks) per new version, retried, then dead-lettered',
        security: [{ bearer: [] }],
        request: {
          body: {
            content: {
              'application/json': { schema: z.object({ dataset: DATASET_ID, url: z.string().max(2048) }).strict() },
            },
          },
        },
        responses: {
          201: {
            description: 'subscribed; the secret is shown this once',
            content: { 'application/json': { schema: subscriptionSchema.extend({ secret: z.string() }) } },
          },
          ...refusals(409, 413, 415),
        },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const { dataset, url } = c.req.valid('json');
        access.dataset(c, dataset);
        const problem = webhookUrlProblem(url, deps.subscriptions!.urls);
        if (problem) throw problems.badRequest(`url: ${problem}`);
        const agency = access.agency(c);
        const existing = await store().list(agency);
        if (existing.some((s) => s.dataset === dataset && s.url === url))
          throw problems.conflict(`${agency} already has a subscription of ${dataset} to this URL`);
        if (existing.length >= MAX_PER_AGENCY)
          throw problems.conflict(`${agency} has ${MAX_PER_AGENCY} subscriptions: cancel one first`);
        const created = await store().create(agency, dataset, url, now());
        return c.json(created, 201, { Location: `/v1/subscriptions/${created.id}` });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/v1/subscriptions',
        summary: "The calling agency's active subscriptions (without their secrets)",
        security: [{ bearer: [] }],
        responses: {
          200: {
            description: 'subscriptions',
            content: { 'application/json': { schema: z.object({ subscriptions: z.array(subscriptionSchema) }) } },
          },
          ...refusals(),
        },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const subscriptions = (await store().list(access.agency(c))).map(subscriptionView);
        return c.json({ subscriptions }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/v1/subscriptions/{id}',
        summary: 'Cancel a subscription: no more deliveries to it',
        security: [{ bearer: [] }],
        request: { params: z.object({ id: z.string().uuid() }) },
        responses: { 204: { description: 'cancelled' }, ...refusals() },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const found = await store().get(access.agency(c), c.req.valid('param').id);
        if (!found || found.cancelledAt) throw problems.notFound('no such subscription for this agency');
        await store().cancel(found, now());
        return c.body(null, 204);
      },
    );
}
