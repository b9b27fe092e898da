/**
 * `npm run sql:generate`: writes the SQL that derives from code (the staging views, from the
 * contracts). A test fails when a committed file differs from what this would write.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS } from '../lambdas/core/contracts';
import { stagingSql } from '../lambdas/core/sql/staging-sql';

const dir = join(__dirname, '..', 'sql', 'staging');
mkdirSync(dir, { recursive: true });
for (const contract of DATASETS) writeFileSync(join(dir, `stg_${contract.name}.sql`), stagingSql(contract));
console.log(`wrote ${DATASETS.length} staging views to ${dir}`);
