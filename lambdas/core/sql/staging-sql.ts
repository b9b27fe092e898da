import type { Column, DatasetContract } from '../contracts/define-dataset';

function columnComment(column: Column): string {
  const parts = [
    column.description.replace(/\s+/g, ' ').replace(/\.$/, ''),
    column.unit ? `unit: ${column.unit}` : '',
    column.pii ? 'PII: keyed hash, never a clear id' : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/**
 * `sql/staging/stg_<dataset>.sql`, derived from the contract: every column by name (types are
 * already the contract's in both engines' tables), and one row per natural key: the row of
 * the newest ingest (latest `ingested_at`, then the larger `manifest_id` for a tie), so a
 * corrected re-upload supersedes the old rows while the old objects stay in the lake. When the
 * key holds `period`, a filter on `period` passes the window and prunes to that month's objects;
 * when it does not, the view says so (docs/datasets.md, "Partition pruning").
 */
export function stagingSql(contract: DatasetContract): string {
  const columns = [...contract.fileColumns, ...contract.partitionColumns];
  const width = Math.max(...columns.map((c) => c.name.length)) + 1;
  const list = columns
    .map((c, i) => `        ${(c.name + (i < columns.length - 1 ? ',' : '')).padEnd(width)} -- ${columnComment(c)}`)
    .join('\n');
  const pruning = contract.naturalKey.includes('period')
    ? ''
    : `\n        -- the key leaves out period: a filter on period stays above this window and every month is read (docs/datasets.md, Partition pruning)`;
  return `-- staging: ${contract.name} (contract ${contract.version}), ${contract.grain}
-- generated from lambdas/core/contracts by \`npm run sql:generate\`: edit the contract, not this file
with source as (
    select * from ${contract.name}
),

ranked as (
    select
        *,${pruning}
        row_number() over (
            partition by ${contract.naturalKey.join(', ')}
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
${list}
    from ranked
    where ingest_rank = 1
)

select * from final
`;
}
