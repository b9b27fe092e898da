import { pinnedRelation } from '../../lambdas/core/sharing/pinned-relation';
import { servedDatasets, type ServedDataset } from '../../lambdas/core/sharing/served-datasets';
import type { Access } from '../../lambdas/core/sharing/grants';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';

/**
 * Every served dataset with sources, granted whole and pinned to two made-up manifests: the
 * queries the API sends Athena for them are what the Trino/Athena checks read.
 */
export function pinnedServedDatasets(): { dataset: ServedDataset; access: Access; relation: string }[] {
  const views = loadViews(SQL_DIR);
  const ids = ['a'.repeat(64), 'b'.repeat(64)];
  return servedDatasets(views)
    .filter((dataset) => dataset.sources.length > 0)
    .map((dataset) => ({
      dataset,
      access: { dataset, columns: dataset.columns, purpose: 'test', expires: '2030-12-31' },
      relation: pinnedRelation(dataset, views, ids),
    }));
}
