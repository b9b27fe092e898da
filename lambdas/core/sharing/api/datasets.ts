import { createRoute, z } from '@hono/zod-openapi';
import { countQuery } from '../rows-query';
import { DATASETS_READ } from '../scopes';
import { describeDataset, rowJsonSchema } from './dataset-description';
import { type ApiParts, router } from './router';
import { datasetDetailSchema, datasetSchema } from './response-schemas';
import { DATASET_ID, refusals } from './schemas';

/** The catalog: the datasets granted to the calling agency, and one of them in detail. */
export function datasetRoutes({ deps, access, relationOf }: ApiParts) {
  return router()
    .openapi(
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
          ...refusals(),
        },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const agency = access.agency(c);
        const granted = deps.grants.accessible(agency, access.today());
        const datasets = await Promise.all(granted.map((a) => describeDataset(a, deps.manifests)));
        return c.json({ agency, datasets }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/v1/datasets/{id}',
        summary: 'One granted dataset, with its JSON Schema, row count and first and last month',
        security: [{ bearer: [] }],
        request: { params: z.object({ id: DATASET_ID }) },
        responses: {
          200: { description: 'the dataset', content: { 'application/json': { schema: datasetDetailSchema } } },
          ...refusals(),
        },
      }),
      async (c) => {
        access.requireScope(c, DATASETS_READ);
        const granted = access.dataset(c, c.req.valid('param').id);
        const { sql, params } = countQuery(granted, await relationOf(granted.dataset));
        const [count] = (await deps.engine.query(sql, params)).rows;
        const periods = count?.last_period
          ? { first: String(count.first_period), last: String(count.last_period) }
          : null;
        const description = await describeDataset(granted, deps.manifests);
        return c.json(
          { ...description, rowCount: Number(count?.n ?? 0), periods, jsonSchema: rowJsonSchema(granted) },
          200,
        );
      },
    );
}
