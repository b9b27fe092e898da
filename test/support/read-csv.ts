import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * A CSV read back by a parser we did not write (DuckDB's, strict, every cell as text), split as
 * Excel would split it: what an agency's spreadsheet sees of a CSV the API wrote.
 */
export async function readCsvWithDuckDb(
  csv: string | Uint8Array,
  dir: string,
): Promise<Record<string, string | null>[]> {
  const path = join(dir, 'read-back.csv');
  writeFileSync(path, csv);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const reader = await db.runAndReadAll(
    `select * from read_csv('${path}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', strict_mode = true)`,
  );
  db.closeSync();
  return reader.getRowObjects() as Record<string, string | null>[];
}
