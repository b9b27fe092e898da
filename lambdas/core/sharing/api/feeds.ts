import { createRoute, z } from '@hono/zod-openapi';
import { rawKey as rawKeyFor } from '../../lake/keys';
import { feedsHealth } from '../feed-health';
import { problems } from '../problem';
import { FEED_HEALTH, feedScope } from '../scopes';
import { LINK_TTL_MS } from './env';
import { jsonBody } from './middleware';
import { type ApiParts, router } from './router';
import { feedHealthSchema, uploadLinkSchema } from './response-schemas';
import { refusals, SOURCE_ID } from './schemas';

/** The producers' side: a feed's status, every feed's health, and signed upload links. */
export function feedRoutes({ deps, access, now }: ApiParts) {
  const app = router();
  app.post('/v1/feeds/:source/uploads', ...jsonBody);
  return app
    .openapi(
      createRoute({
        method: 'get',
        path: '/v1/feeds',
        summary: "Every feed's health: last files, accepted and rejected rows, reject reasons, late or not",
        security: [{ bearer: [] }],
        responses: {
          200: {
            description: 'the health of every feed, in the order of the source specs',
            content: {
              'application/json': { schema: z.object({ asOf: z.string(), feeds: z.array(feedHealthSchema) }) },
            },
          },
          ...refusals(),
        },
      }),
      async (c) => {
        access.requireScope(c, FEED_HEALTH);
        if (!deps.grants.agency(access.agency(c))?.feedHealth)
          throw problems.forbidden(`feed health is not granted to ${access.agency(c)}`);
        return c.json(await feedsHealth(deps.manifests, now()), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/v1/feeds/{source}/status',
        summary: "A feed's latest manifests: accepted and rejected rows, freshness",
        security: [{ bearer: [] }],
        request: { params: z.object({ source: SOURCE_ID }) },
        responses: {
          200: {
            description: 'feed status',
            content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
          },
          ...refusals(),
        },
      }),
      async (c) => {
        const { source } = c.req.valid('param');
        access.requireScope(c, feedScope(source));
        access.requireFeed(c, source);
        const manifests = (await deps.manifests.bySource(source)).slice(0, 20);
        return c.json({ source, lastFeedAt: manifests[0]?.finishedAt ?? null, manifests }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/v1/feeds/{source}/uploads',
        summary: 'A signed upload link into raw/ for a producer with scope feeds:{source}',
        security: [{ bearer: [] }],
        request: {
          params: z.object({ source: SOURCE_ID }),
          body: {
            content: { 'application/json': { schema: z.object({ fileName: z.string().min(1).max(200) }) } },
          },
        },
        responses: {
          201: { description: 'upload link', content: { 'application/json': { schema: uploadLinkSchema } } },
          ...refusals(413, 415),
        },
      }),
      async (c) => {
        const { source } = c.req.valid('param');
        access.requireScope(c, feedScope(source));
        access.requireFeed(c, source);
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
}
