import { createRoute, z } from '@hono/zod-openapi';
import type { DatasetVersion } from '../manifest-index';
import { mayHoldGrantedRows } from '../file-visibility';
import { DATASETS_READ } from '../scopes';
import { type ApiParts, router } from './router';
import { DATASET_ID, refusals } from './schemas';

const replacedFileSchema = z.object({
  version: z.string().openapi({ description: 'the version that file made' }),
  manifestId: z.string(),
  file: z.string().optional().openapi({ description: 'its raw key (not shown to a grant that sees part of the rows)' }),
  periods: z.array(z.string()).openapi({ description: 'the months of it this file replaced' }),
});

export const versionsSchema = z
  .object({
    dataset: z.string(),
    current: z
      .string()
      .nullable()
      .openapi({ description: 'the newest version (X-Dataset-Version); null before any file' }),
    versions: z.array(
      z.object({
        version: z.string().openapi({ description: 'pin it with ?version= on rows, or version in an export' }),
        publishedAt: z.string().openapi({ description: 'when the file that made it was ingested' }),
        manifestId: z.string(),
        dataset: z.string().openapi({ description: 'the contract dataset the file fed' }),
        source: z.string(),
        periods: z.array(z.string()).openapi({ description: 'the months the file wrote' }),
        file: z
          .string()
          .optional()
          .openapi({ description: "the file's raw key (not shown to a grant that sees part of the rows)" }),
        rowsByPeriod: z
          .record(z.string(), z.number())
          .optional()
          .openapi({ description: 'rows the file wrote, by month (not shown to a grant that sees part of the rows)' }),
        replaces: z.array(replacedFileSchema).openapi({
          description:
            'the newest earlier file of the same source for each month it wrote: its rows of the same key give way',
        }),
      }),
    ),
  })
  .openapi('DatasetVersions');

type VersionEntry = z.infer<typeof versionsSchema>['versions'][number];

/**
 * A dataset's versions and changelog: one version per file that changed it, newest first, with
 * the rows it wrote per month and the earlier files whose months it replaced. Any version can
 * be pinned with `?version=` on rows and exports.
 */
export function versionRoutes({ deps, access }: ApiParts) {
  return router().openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets/{id}/versions',
      summary:
        "A granted dataset's versions, newest first: when each was published, by which file, its rows per month and which earlier files it replaced (a grant of part of the rows: only the files that may hold them, without names or counts)",
      security: [{ bearer: [] }],
      request: {
        params: z.object({ id: DATASET_ID }),
        query: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ description: 'versions, 1..1000' }),
        }),
      },
      responses: {
        200: { description: 'the versions', content: { 'application/json': { schema: versionsSchema } } },
        ...refusals(),
      },
    }),
    async (c) => {
      access.requireScope(c, DATASETS_READ);
      const granted = access.dataset(c, c.req.valid('param').id);
      const all = await deps.manifests.versions(granted.dataset.sources);
      // A grant that sees part of the rows sees only the files that may hold them, without their counts or names.
      const whole = granted.rowFilter === undefined;
      const visible = all.filter((v) => mayHoldGrantedRows(granted, v.manifest.source, v.manifest.dataset));
      const versions = changelog(visible, whole).reverse().slice(0, c.req.valid('query').limit);
      return c.json({ dataset: granted.dataset.id, current: all.at(-1)?.version ?? null, versions }, 200);
    },
  );
}

/**
 * Each version with the files it replaced: for each month its file wrote, the newest earlier
 * file of the same source and dataset that wrote that month (its rows of the same key give way:
 * the staging views keep the newest ingest).
 */
function changelog(versions: readonly DatasetVersion[], whole: boolean): VersionEntry[] {
  return versions.map((entry, i) => {
    const { manifest } = entry;
    const periods = Object.keys(manifest.rowsByPeriod).sort();
    const replaced = new Map<number, string[]>();
    for (const period of periods) {
      for (let j = i - 1; j >= 0; j--) {
        const earlier = versions[j]!.manifest;
        if (earlier.source !== manifest.source || earlier.dataset !== manifest.dataset) continue;
        if (!(period in earlier.rowsByPeriod)) continue;
        replaced.set(j, [...(replaced.get(j) ?? []), period]);
        break;
      }
    }
    return {
      version: entry.version,
      publishedAt: entry.publishedAt,
      manifestId: manifest.manifestId,
      dataset: manifest.dataset,
      source: manifest.source,
      periods,
      ...(whole ? { file: manifest.rawKey, rowsByPeriod: manifest.rowsByPeriod } : {}),
      replaces: [...replaced].map(([j, months]) => ({
        version: versions[j]!.version,
        manifestId: versions[j]!.manifest.manifestId,
        ...(whole ? { file: versions[j]!.manifest.rawKey } : {}),
        periods: months,
      })),
    };
  });
}
