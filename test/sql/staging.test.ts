import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../../lambdas/core/contracts';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { WARDS_2025 } from '../../lambdas/core/reference/wards';
import { canonicalHeader } from '../../lambdas/core/samples/csv-writer';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const subscribers = getDataset('telecom_subscribers');
const ward = WARDS_2025[0]!.code;

function subscribersCsv(rows: [carrier: string, prepaid: number][]): string {
  return `${[
    canonicalHeader(subscribers).join(','),
    ...rows.map(([carrier, prepaid]) => `${carrier},${ward},,,${prepaid},10,50,20,5,2025-12`),
  ].join('\n')}\n`;
}

test('a corrected re-upload supersedes the old rows in staging; the old objects stay in the lake', async () => {
  const lakeDir = join(tempDir(), 'lake');
  const store = new FolderStore(lakeDir);
  const file = join(tempDir(), 'telecom_subscribers.csv');
  expect(canonicalHeader(subscribers).join(',')).toBe(
    'carrier,ward_code,ward_code_original,ward_name_original,mobile_prepaid,mobile_postpaid,mobile_broadband,fixed_broadband_ftth,fixed_broadband_other,period',
  );

  writeFileSync(
    file,
    subscribersCsv([
      ['viettel', 100],
      ['vnpt', 200],
    ]),
  );
  await ingestLocalFile({
    store,
    path: file,
    contract: subscribers,
    source: 'canonical',
    now: () => new Date('2026-01-05T01:00:00Z'),
  });
  writeFileSync(
    file,
    subscribersCsv([
      ['viettel', 150],
      ['vnpt', 200],
    ]),
  );
  const corrected = await ingestLocalFile({
    store,
    path: file,
    contract: subscribers,
    source: 'canonical',
    now: () => new Date('2026-01-06T01:00:00Z'),
  });

  const lake = await DuckDbLake.open(lakeDir);
  try {
    const staged = await lake.query(
      'select carrier, mobile_prepaid, manifest_id from stg_telecom_subscribers order by carrier',
    );
    expect(staged.rows).toEqual([
      { carrier: 'viettel', mobile_prepaid: 150, manifest_id: corrected.manifest.manifestId },
      { carrier: 'vnpt', mobile_prepaid: 200, manifest_id: corrected.manifest.manifestId },
    ]);
    expect((await lake.query('select count(*) as n from telecom_subscribers')).rows).toEqual([{ n: 4 }]);
  } finally {
    lake.close();
  }
  expect(await store.list('raw/')).toHaveLength(2);
  expect(await store.list('curated/')).toHaveLength(2);
  expect(await store.list('manifests/')).toHaveLength(2);
});

test("a query filtered on one period reads only that period's files, through staging too", async () => {
  const lakeDir = join(tempDir(), 'lake');
  const [file] = await generateSamples(join(tempDir(), 'samples'), { datasets: ['telecom_bts'] });
  await ingestLocalFile({
    store: new FolderStore(lakeDir),
    path: file!.path,
    contract: getDataset('telecom_bts'),
    source: 'canonical',
  });
  const lake = await DuckDbLake.open(lakeDir);
  const filesRead = async (sql: string) => {
    const plan = String(Object.values((await lake.query(`explain analyze ${sql}`)).rows[0]!)[1]);
    return Number(/Total Files Read: (\d+)/.exec(plan)?.[1]);
  };
  try {
    expect(await filesRead('select count(*) from telecom_bts')).toBe(36);
    expect(await filesRead("select count(*) from telecom_bts where period = '2025-12'")).toBe(1);
    expect(await filesRead("select count(*) from stg_telecom_bts where period = '2025-12'")).toBe(1);
  } finally {
    lake.close();
  }
});
