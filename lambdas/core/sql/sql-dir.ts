import { join } from 'node:path';

/** The shared views (sql/: staging, marts, compat/duckdb.sql); VPDC_SQL_DIR where a bundle ships them. */
export const SQL_DIR = process.env.VPDC_SQL_DIR ?? join(__dirname, '..', '..', '..', 'sql');
