/**
 * The shared views on DuckDB over a lake generated at `--scale 4` (four times the dossiers):
 * each mart's time to compute every row, and the full scorecard's.
 */
import { join } from 'node:path';
import { getDataset } from '../lambdas/core/contracts';
import { ingestLocalFile } from '../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../lambdas/core/lake/folder-store';
import { MARTS } from '../lambdas/core/marts';
import { DuckDbLake } from '../lambdas/core/query/duckdb-lake';
import { generateSamples } from '../lambdas/core/samples/generate-samples';

export interface MartTiming {
  mart: string;
  rows: number;
  ms: number;
}

export async function measureMarts(workDir: string, scale = 4): Promise<{ dossiers: number; timings: MartTiming[] }> {
  const store = new FolderStore(join(workDir, 'lake'));
  let dossiers = 0;
  for (const file of await generateSamples(join(workDir, 'samples'), { scale })) {
    await ingestLocalFile({ store, path: file.path, contract: getDataset(file.dataset), source: 'canonical' });
    if (file.dataset === 'admin_dossiers') dossiers = file.rows;
  }
  const lake = await DuckDbLake.open(join(workDir, 'lake'));
  const timings: MartTiming[] = [];
  try {
    for (const mart of MARTS) {
      const started = performance.now();
      const { rows } = await lake.query(`select * from ${mart.name}`);
      timings.push({ mart: mart.name, rows: rows.length, ms: performance.now() - started });
    }
  } finally {
    lake.close();
  }
  return { dossiers, timings };
}
