import { createRoute, z } from '@hono/zod-openapi';
import { type AccessRequest, accessRequestSchema } from '../access-requests/access-request-store';
import { problems } from '../problem';
import { DATASETS_READ } from '../scopes';
import { enabledAccessRequests } from './access-requests';
import { jsonBody } from './middleware';
import { type ApiParts, router } from './router';
import { refusals } from './schemas';

const DAY_MS = 86_400_000;

/** A steward's decision on a pending access request (access-requests.ts): approved, it is a grant at once. */
export function accessDecisionRoutes({ deps, access, now }: ApiParts) {
  const app = router();
  app.post('/v1/access-requests/:id/decision', ...jsonBody);
  return app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/access-requests/{id}/decision',
      summary: 'Approve or refuse a pending request (a steward of its dataset, not the requester)',
      security: [{ bearer: [] }],
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: {
          content: {
            'application/json': {
              schema: z.object({ approve: z.boolean(), reason: z.string().min(3).max(500).optional() }).strict(),
            },
          },
        },
      },
      responses: {
        200: { description: 'decided', content: { 'application/json': { schema: accessRequestSchema } } },
        ...refusals(409, 413, 415),
      },
    }),
    async (c) => {
      access.requireScope(c, DATASETS_READ);
      const { store, grants } = enabledAccessRequests(deps);
      const agency = access.agency(c);
      const request = await store.get(c.req.valid('param').id);
      if (!request) throw problems.notFound('no such access request');
      c.set('dataset', request.dataset);
      if (request.agency === agency)
        throw problems.forbidden(`${agency} may not decide on its own request for ${request.dataset}`);
      if (!grants.stewards(request.dataset).includes(agency))
        throw problems.forbidden(`${agency} may not decide on this request: ${grants.whoDecides(request.dataset)}`);
      if (request.status !== 'pending') throw problems.conflict(`the request was already ${request.status}`);
      const { approve, reason } = c.req.valid('json');
      const decided = await store.decide(
        request,
        {
          by: agency,
          approve,
          ...(reason ? { reason } : {}),
          ...(approve ? { expires: lastDay(request, now()) } : {}),
        },
        now(),
      );
      // At once on this instance; other instances within their refresh interval.
      await grants.refresh(true);
      return c.json(decided, 200);
    },
  );
}

/** The grant's last day: `days` days from the approval, the approval day counting as the first. */
function lastDay(request: AccessRequest, approvedAt: Date): string {
  return new Date(approvedAt.getTime() + (request.days - 1) * DAY_MS).toISOString().slice(0, 10);
}
