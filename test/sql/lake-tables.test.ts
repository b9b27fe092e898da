import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { INGEST_MANIFESTS_TABLE, QUARANTINE_ROWS_TABLE } from '../../lambdas/core/ingest/lake-tables';
import { manifestSchema } from '../../lambdas/core/ingest/manifest';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir('vpdc-lake-tables-');

test('the manifests and the quarantine are tables: which files failed, and why, is one query', async () => {
  const root = tempDir();
  const store = new FolderStore(join(root, 'lake'));
  const [good] = await generateSamples(join(root, 'samples'), {
    datasets: ['telecom_bts'],
    periods: ['2025-11', '2025-12'],
  });
  const contract = getDataset('telecom_bts');
  const ingest = (path: string) => ingestLocalFile({ store, path, contract, source: 'canonical' });
  const ok = await ingest(good!.path);
  // One file that fails whole, one with rejected rows.
  const broken = join(root, 'telecom_bts_broken.csv');
  writeFileSync(broken, 'carrier,station_id\nvnpt,X1\n');
  const failed = await ingest(broken);
  const lines = readFileSync(good!.path, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const bad = lines[1]!.split(',');
  bad[header.indexOf('latitude')] = 'north';
  const partly = join(root, 'telecom_bts_partly.csv');
  writeFileSync(partly, `${[lines[0], bad.join(','), lines[2]].join('\n')}\n`);
  const rejected = await ingest(partly);

  const lake = await DuckDbLake.open(join(root, 'lake'));
  try {
    const failures = await lake.query(
      `select "rawKey", status, error.code as code, "rowsRejected", cardinality(reasons) as kinds, reasons['invalid_number'] as invalid_numbers
       from ingest_manifests where status = 'failed' or "rowsRejected" > 0 order by "rawKey"`,
    );
    expect(failures.rows).toEqual([
      {
        rawKey: failed.manifest.rawKey,
        status: 'failed',
        code: 'missing_columns',
        rowsRejected: 0,
        kinds: 0,
        invalid_numbers: null,
      },
      {
        rawKey: rejected.manifest.rawKey,
        status: 'succeeded',
        code: null,
        rowsRejected: 1,
        kinds: 1,
        invalid_numbers: rejected.manifest.reasons.invalid_number,
      },
    ]);
    const all = await lake.query('select count(*) as n, sum("rowsIn") as rows_in from ingest_manifests');
    expect(all.rows).toEqual([{ n: 3, rows_in: ok.manifest.rowsIn + rejected.manifest.rowsIn }]);
    const quarantined = await lake.query('select source, day, line, reason, "column", value from quarantine_rows');
    expect(quarantined.rows).toEqual([
      {
        source: 'canonical',
        day: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}$/),
        line: 2,
        reason: Object.keys(rejected.manifest.reasons)[0],
        column: 'latitude',
        value: 'north',
      },
    ]);
  } finally {
    lake.close();
  }
});

test('the ingest_manifests columns are the manifest schema, one for one', () => {
  const schemaKeys = Object.keys(manifestSchema.shape);
  expect(INGEST_MANIFESTS_TABLE.columns.map((c) => c.name).sort()).toEqual(schemaKeys.sort());
  expect(QUARANTINE_ROWS_TABLE.partitions.map((p) => p.name)).toEqual(['source', 'day']);
});
