import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS, getDataset } from '../../lambdas/core/contracts';
import { canonicalForm } from '../../lambdas/core/feeds/canonical-text';
import { getSource, SOURCES } from '../../lambdas/core/feeds';
import { encodeText } from '../../lambdas/core/feeds/text-encodings';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { validateFile } from '../../lambdas/core/ingest/validate-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { SAMPLE_HMAC_KEY } from '../../lambdas/core/samples/administration';
import { generateNativeSamples } from '../../lambdas/core/samples/generate-native';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const PERIODS = ['2025-11', '2025-12'];
const KEY = 'test-pii-key';

/** Every row of a dataset as text, without what only a native feed sets (the ward as written, the hash key). */
async function datasetRows(lakeDir: string, dataset: string): Promise<string[]> {
  const contract = getDataset(dataset);
  const columns = contract.columns
    .map((c) => c.name)
    .filter((n) => !['ward_code_original', 'ward_name_original'].includes(n));
  const lake = await DuckDbLake.open(lakeDir);
  try {
    const { rows } = await lake.query(`select ${[...columns, 'period'].join(', ')} from ${dataset}`);
    return rows.map((row) => JSON.stringify(row)).sort();
  } finally {
    lake.close();
  }
}

describe('native feeds, as the generator writes every source', () => {
  test('each validates with no problem, and together they ingest to exactly the canonical rows', async () => {
    // Prepare: the same sample rows, once canonical and once as each source sends them.
    const canonicalFiles = await generateSamples(join(tempDir(), 'canonical'), { periods: PERIODS });
    const nativeFiles = await generateNativeSamples(join(tempDir(), 'native'), { periods: PERIODS });
    expect(new Set(nativeFiles.map((f) => f.source))).toEqual(
      new Set(SOURCES.filter((s) => s.values === 'native').map((s) => s.id)),
    );

    // Act + Assess: validate reports nothing, ingest accepts every row.
    const canonicalLake = new FolderStore(join(tempDir(), 'lake-canonical'));
    for (const file of canonicalFiles)
      await ingestLocalFile({
        store: canonicalLake,
        path: file.path,
        contract: getDataset(file.dataset),
        source: 'canonical',
      });
    const nativeLake = new FolderStore(join(tempDir(), 'lake-native'));
    for (const file of nativeFiles) {
      const report = await validateFile(file.path, getSource(file.source), { piiKey: KEY });
      expect({ file: file.path, ok: report.ok, problems: report.problems.slice(0, 3), error: report.error }).toEqual({
        file: file.path,
        ok: true,
        problems: [],
        error: undefined,
      });
      expect(report.summary.rowsIn).toBe(file.rows);
      // The key the canonical samples' hashes were made with: keyed hashes (citizen IDs, plates) compare too.
      const { manifest } = await ingestLocalFile({
        store: nativeLake,
        path: file.path,
        contract: getDataset(file.dataset),
        source: file.source,
        piiKey: SAMPLE_HMAC_KEY,
      });
      expect(manifest).toMatchObject({
        status: 'succeeded',
        rowsIn: file.rows,
        rowsAccepted: file.rows,
        rowsRejected: 0,
        format: getSource(file.source).format,
      });
    }
    for (const { name } of DATASETS) {
      const canonical = await datasetRows(join(tempDir(), 'lake-canonical'), name);
      expect(canonical.length).toBeGreaterThan(0);
      expect(await datasetRows(join(tempDir(), 'lake-native'), name)).toEqual(canonical);
    }
  }, 180_000);

  test('the manifest says which encoding each legacy-encoded file was in', async () => {
    const files = await generateNativeSamples(join(tempDir(), 'native'), {
      periods: PERIODS,
      datasets: ['telecom_subscribers', 'population'],
    });
    const store = new FolderStore(join(tempDir(), 'lake'));
    const encodings: Record<string, string> = {};
    for (const file of files)
      encodings[file.source] = (
        await ingestLocalFile({ store, path: file.path, contract: getDataset(file.dataset), source: file.source })
      ).manifest.encoding;
    expect(encodings).toEqual({
      viettel: 'utf-8',
      vnpt: 'utf-8',
      mobifone: 'utf-8',
      fpt: 'utf-8',
      sctv: 'windows-1258',
      vtvcab: 'tcvn3',
      statistics: 'utf-16le',
    });
  });
});

describe('a file in its source format but not as the spec says', () => {
  test('another encoding, reordered columns, headers without diacritics and an extra column still ingest to the same rows', async () => {
    // Prepare: Viettel's subscriber file (UTF-8 by its spec), rewritten in TCVN3 with its columns reversed, headers folded, and one extra column.
    const [file] = await generateNativeSamples(join(tempDir(), 'native'), {
      periods: PERIODS,
      datasets: ['telecom_subscribers'],
    }).then((f) => f.filter((x) => x.source === 'viettel'));
    const lines = readFileSync(file!.path, 'utf8')
      .trim()
      .split('\r\n')
      .map((line) => line.match(/("[^"]*"|[^,]+)/g)!);
    const dirty = lines
      .map((cells, i) =>
        [...(i === 0 ? cells.map((c) => canonicalForm(c).toUpperCase().replace(/_/g, ' ')) : cells)]
          .reverse()
          .concat(i === 0 ? 'Ghi chú' : 'không'),
      )
      .map((cells) => cells.join(','));
    const dirtyPath = join(tempDir(), 'viettel_thue_bao_tcvn3.csv');
    writeFileSync(dirtyPath, encodeText(`${['', ...dirty].join('\n')}\n`, 'tcvn3'));

    // Act
    const store = new FolderStore(join(tempDir(), 'lake'));
    const clean = (
      await ingestLocalFile({ store, path: file!.path, contract: getDataset('telecom_subscribers'), source: 'viettel' })
    ).manifest;
    const other = (
      await ingestLocalFile({
        store: new FolderStore(join(tempDir(), 'lake2')),
        path: dirtyPath,
        contract: getDataset('telecom_subscribers'),
        source: 'viettel',
      })
    ).manifest;

    // Assess
    expect(other).toMatchObject({
      status: 'succeeded',
      encoding: 'tcvn3',
      rowsIn: clean.rowsIn,
      rowsAccepted: clean.rowsIn,
      rowsRejected: 0,
      extraColumns: ['Ghi chú'],
    });
    expect(await datasetRows(join(tempDir(), 'lake2'), 'telecom_subscribers')).toEqual(
      await datasetRows(join(tempDir(), 'lake'), 'telecom_subscribers'),
    );
  });
});

describe('the applicant’s clear citizen ID', () => {
  test('appears nowhere but the raw object: not in curated, quarantine, manifests or the validate report', async () => {
    // Prepare: the one-stop export, plus rows that will be rejected (bad status, unknown ward) carrying clear IDs.
    const [file] = await generateNativeSamples(join(tempDir(), 'native'), {
      periods: ['2025-12'],
      datasets: ['admin_dossiers'],
    });
    const text = readFileSync(file!.path, 'utf8');
    const [header, ...rows] = text.trim().split('\r\n');
    const bad = rows
      .slice(0, 5)
      .map((row, i) =>
        (i % 2 ? row.replace('Đã trả kết quả', 'Không rõ') : row.replace(/^\d{5}/, '99999')).replace(
          /HS2025/,
          'HSX2025',
        ),
      );
    writeFileSync(file!.path, `\ufeff${[header!.replace(/^\ufeff/, ''), ...rows, ...bad].join('\r\n')}\r\n`);
    const clearIds = new Set([...text.matchAll(/,(026\d{9})(?:\r?\n|$)/g)].map((m) => m[1]!));
    expect(clearIds.size).toBeGreaterThan(100);

    // Act
    const lakeDir = join(tempDir(), 'lake');
    const store = new FolderStore(lakeDir);
    const { manifest } = await ingestLocalFile({
      store,
      path: file!.path,
      contract: getDataset('admin_dossiers'),
      source: 'one-stop',
      piiKey: KEY,
    });
    const report = await validateFile(file!.path, getSource('one-stop'), { piiKey: KEY });

    // Assess: hashed with the key, rejected rows too.
    expect(manifest.rowsRejected).toBe(5);
    const lake = await DuckDbLake.open(lakeDir);
    const { rows: curated } = await lake.query('select * from admin_dossiers');
    lake.close();
    const someId = [...clearIds][0]!;
    expect(curated.map((r) => r.applicant_id_hash)).toContain(createHmac('sha256', KEY).update(someId).digest('hex'));
    const written: string[] = [JSON.stringify(curated), JSON.stringify(report)];
    for (const object of await store.list(''))
      if (!object.key.startsWith('raw/') && !object.key.endsWith('.parquet'))
        written.push(new TextDecoder().decode(await store.get(object.key)));
    expect(written.join('\n')).toContain('HSX2025');
    const leaks = [...clearIds].filter((id) => written.some((t) => t.includes(id)));
    expect(leaks).toEqual([]);
    // The raw object keeps the file as received.
    const raw = (await store.list('raw/'))[0]!;
    expect(new TextDecoder().decode(await store.get(raw.key))).toContain(someId);
  });
});
