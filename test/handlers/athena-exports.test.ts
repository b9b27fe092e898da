import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { type DuckDBBlobValue, type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { mockClient } from 'aws-sdk-client-mock';
import { TrinoSQL } from 'dt-sql-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveType } from '../../lambdas/core/contracts/column-types';
import { sha256Hex } from '../../lambdas/core/ingest/sha256';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import type { SqlRow } from '../../lambdas/core/query/duckdb-lake';
import { athenaProblems } from '../../lambdas/core/query/sql-lint';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';
import { AthenaUnloadExports } from '../../lambdas/core/sharing/athena-exports';
import { encodeRows } from '../../lambdas/core/sharing/formats';
import { Grants, type Access } from '../../lambdas/core/sharing/grants';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { servedDatasets, type ServedColumn, type ServedDataset } from '../../lambdas/core/sharing/served-datasets';
import { useTempDir } from '../support/temp-dir';
import { readCsvWithDuckDb } from '../support/read-csv';
import { pinnedServedDatasets } from '../support/athena-checked';

// Athena is mocked; the exports store is a real folder.
const athena = mockClient(AthenaClient);
const tempDir = useTempDir();
const grants = Grants.parse(grantsJson, servedDatasets(loadViews(SQL_DIR)));
const access = grants.access('ubnd-vinh-yen', 'dossiers_monthly', '2026-11-27') as Access;
const NOW = new Date('2026-11-27T08:00:00Z');

beforeEach(() => athena.reset());

test('UNLOADs the granted rows (row filter as parameters) into the export folder; a status poll reads only the job record', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const exports = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    store,
    'exports-bucket',
  );
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-unload' });
  const job = await exports.start(
    'ubnd-vinh-yen',
    access,
    { fields: ['period', 'dossiers_total'], filters: [], periodFrom: '2025-01' },
    'parquet',
    'v1',
    'dossiers_monthly',
    NOW,
  );

  const input = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
  expect(input.QueryString).toBe(
    `UNLOAD (select "period", "dossiers_total", "agency_code", "ward_code" from "dossiers_monthly" where "ward_code" in (cast(? as varchar)) and "period" >= ?) TO 's3://exports-bucket/exports/ubnd-vinh-yen/${job.exportId}/' WITH (format = 'PARQUET', compression = 'ZSTD')`,
  );
  expect(input.ExecutionParameters).toEqual(["'08707'", "'2025-01'"]);

  // The query has ended and its files are there, but the finisher has not recorded it: a poll
  // reads the job record only (no Athena, none of the files, which could take longer than the API's 29 s).
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/part-0.parquet`, 'A');
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/part-1.parquet`, 'BB');
  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: { Query: input.QueryString, Status: { State: 'SUCCEEDED' } },
  });
  const read = jest.spyOn(store, 'read');
  expect((await exports.get('ubnd-vinh-yen', job.exportId))!.status).toBe('running');
  expect(read).not.toHaveBeenCalled();
  expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(0);
  // Another agency asking for the same id finds nothing.
  expect(await exports.get('ioc', job.exportId)).toBeUndefined();

  // These files are not Parquet: rows come from UNLOAD's footers, so the finisher refuses them
  // (and is retried) rather than record a receipt of 0 rows; it never asks for runtime statistics.
  await expect(exports.finish('q-unload')).rejects.toThrow('not a Parquet file');
  expect((await exports.get('ubnd-vinh-yen', job.exportId))!.status).toBe('running');
  expect(athena.calls().map((c) => c.args[0].constructor.name)).toEqual([
    'StartQueryExecutionCommand',
    'GetQueryExecutionCommand',
  ]);
});

test('a status poll after the export ended reads only the stored job: the files were hashed once, by finish; a CSV header is no row', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const exports = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    store,
    'exports-bucket',
  );
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-csv' });
  const job = await exports.start(
    'ubnd-vinh-yen',
    access,
    { fields: ['period'], filters: [] },
    'csv',
    'v1',
    'dossiers_monthly',
    NOW,
  );
  const query = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString;
  // As UNLOAD writes them: the header line in one of the files (a last line may lack its LF).
  const [a, b] = ['\uFEFFperiod\r\n2025-01\r\n2025-02\r\n', '2025-03\r'];
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/a`, a);
  await store.put(`exports/ubnd-vinh-yen/${job.exportId}/b`, b);
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Query: query, Status: { State: 'SUCCEEDED' } } });
  const read = jest.spyOn(store, 'read');

  const done = (await exports.finish('q-csv'))!;
  expect(read).toHaveBeenCalledTimes(2);
  expect(done).toMatchObject({
    status: 'succeeded',
    receipt: {
      datasetVersion: 'v1',
      rows: 3,
      bytes: Buffer.byteLength(a) + Buffer.byteLength(b),
      sha256: sha256Hex(`${sha256Hex(a)}\n${sha256Hex(b)}`),
    },
  });
  expect(done.files!.map((f) => f.key)).toEqual([
    `exports/ubnd-vinh-yen/${job.exportId}/a`,
    `exports/ubnd-vinh-yen/${job.exportId}/b`,
  ]);

  read.mockClear();
  const athenaCalls = athena.calls().length;
  expect(await exports.get('ubnd-vinh-yen', job.exportId)).toEqual(done);
  expect(read).not.toHaveBeenCalled();
  expect(athena.calls()).toHaveLength(athenaCalls);
  // A second event for the same query (EventBridge delivers at least once) changes nothing.
  expect(await exports.finish('q-csv')).toEqual(done);
  expect(read).not.toHaveBeenCalled();
});

test('finish ignores the queries of the workgroup that are no export, and waits for a job record not saved yet', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const exports = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    store,
    'exports-bucket',
  );
  athena
    .on(GetQueryExecutionCommand, { QueryExecutionId: 'q-select' })
    .resolves({ QueryExecution: { Query: 'select 1', Status: { State: 'SUCCEEDED' } } });
  expect(await exports.finish('q-select')).toBeUndefined();
  athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'q-early' }).resolves({
    QueryExecution: {
      Query: "UNLOAD (select 1) TO 's3://exports-bucket/exports/ioc/e-1/' WITH (format = 'JSON')",
      Status: { State: 'SUCCEEDED' },
    },
  });
  await expect(exports.finish('q-early')).rejects.toThrow('export e-1 has no job record for query q-early yet');
  expect(await store.list('exports/')).toEqual([]);
});

test('a failed UNLOAD marks the export failed without leaking the reason; Arrow is not a full-export format', async () => {
  const store = new FolderStore(join(tempDir(), 'lake'));
  const exports = new AthenaUnloadExports(
    new AthenaClient({ region: 'ap-southeast-1' }),
    { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
    store,
    'exports-bucket',
  );
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q2' });
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const job = await exports.start(
    'ubnd-vinh-yen',
    access,
    { fields: ['period'], filters: [] },
    'csv',
    'v1',
    'dossiers_monthly',
    NOW,
  );
  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: {
      Query: athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString,
      Status: { State: 'FAILED', StateChangeReason: 'HIVE_PATH_ALREADY_EXISTS: s3://exports-bucket/…' },
    },
  });
  await exports.finish('q2');
  const failed = (await exports.get('ubnd-vinh-yen', job.exportId))!;
  expect(failed).toMatchObject({
    status: 'failed',
    error: 'the export failed on the server; try again or ask the data center',
  });
  expect(JSON.stringify(failed)).not.toContain('HIVE_PATH');
  error.mockRestore();
  await expect(
    exports.start('ubnd-vinh-yen', access, { fields: ['period'], filters: [] }, 'arrow', 'v1', 'dossiers_monthly', NOW),
  ).rejects.toMatchObject({ status: 406 });
});

describe('the CSV of a full export in AWS: the local CSV, built in the SQL Athena runs', () => {
  const column = (name: string, type: ServedColumn['type']): ServedColumn => ({
    name,
    type,
    description: name,
    pii: false,
    shareable: true,
  });
  const COLUMNS = [column('label', 'string'), column('count', 'bigint'), column('share', 'double')];
  const cells: ServedDataset = {
    id: 'cells',
    kind: 'dataset',
    title: 'cells',
    description: 'cells',
    owner: 'test',
    view: 'cells',
    columns: [column('id', 'bigint'), ...COLUMNS],
    key: ['id'],
    sources: [],
  };
  const cellsAccess: Access = { dataset: cells, columns: cells.columns, purpose: 'test', expires: '2030-12-31' };
  const LABELS = ['-1-A1', '=HYPERLINK("x")', '@SUM(A1)', '\t=1', 'a, b', 'say "hi"', '-1', 'Vĩnh Yên', null];
  const rows: SqlRow[] = LABELS.map((label, i) => ({ id: i, label, count: -i, share: -(i + 1) / 4 }));

  /** The select inside the UNLOAD that `start` sent to Athena. */
  let lakes = 0;
  async function unloadedSelect(access: Access, fields: string[], relation: string): Promise<string> {
    const exports = new AthenaUnloadExports(
      new AthenaClient({ region: 'ap-southeast-1' }),
      { workGroup: 'vpdc-dev', database: 'vpdc_dev' },
      // A lake of its own each: one agency's exports would otherwise pile up past its cap.
      new FolderStore(join(tempDir(), `lake-${++lakes}`)),
      'exports-bucket',
    );
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-csv' });
    await exports.start('ioc', access, { fields, filters: [] }, 'csv', 'v1', relation, NOW);
    const query = athena.commandCalls(StartQueryExecutionCommand).at(-1)!.args[0].input.QueryString!;
    return /^UNLOAD \((.*)\) TO 's3:\/\/exports-bucket\/exports\/ioc\/[^/]+\/' WITH \(format = 'TEXTFILE'\)$/s.exec(
      query,
    )![1]!;
  }

  /**
   * DuckDB holding the rows, with the Trino functions it lacks defined as the local lake defines
   * them (sql/compat/duckdb.sql: regexp_like is regexp_matches, which also searches anywhere).
   */
  async function duckDbWithCells(): Promise<DuckDBConnection> {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    await db.run(readFileSync(join(SQL_DIR, 'compat', 'duckdb.sql'), 'utf8'));
    const types = cells.columns.map((c) => `"${c.name}" ${resolveType(c.type).duckdb}`);
    await db.run(`create table cells (${types.join(', ')})`);
    for (const row of rows)
      await db.run('insert into cells values (?, ?, ?, ?)', [row.id!, row.label!, row.count!, row.share!]);
    return db;
  }

  /**
   * The file TEXTFILE would write of that select: its one column, then LF, a line per row. Lines
   * come as bytes: the client's text decoding would drop the BOM; the outer select keeps their order.
   */
  async function textfileOnDuckDb(select: string): Promise<string> {
    const db = await duckDbWithCells();
    const reader = await db.runAndReadAll(`select encode(line) from (${select}) as unloaded`);
    db.closeSync();
    return reader
      .getRows()
      .map(([line]) => `${Buffer.from((line as DuckDBBlobValue).bytes).toString('utf8')}\n`)
      .join('');
  }

  /** The rows with each cell as the engine writes it in text (a double -2 is `-2.0` on DuckDB, `-2.0E0` on Trino). */
  async function engineTexts(): Promise<SqlRow[]> {
    const db = await duckDbWithCells();
    const texts = COLUMNS.map((c) => `cast("${c.name}" as varchar) as "${c.name}"`);
    const reader = await db.runAndReadAll(`select ${texts.join(', ')} from cells`);
    db.closeSync();
    return reader.getRowObjects() as SqlRow[];
  }

  test('run on DuckDB, the SQL writes the lines of the local export: the same header with a BOM, the same cells, CRLF', async () => {
    const csv = await textfileOnDuckDb(await unloadedSelect(cellsAccess, ['label', 'count', 'share'], 'cells'));
    // The local CSV of the same texts: what is compared is the rule of the cells, not how an engine writes a double.
    const local = Buffer.from(encodeRows('csv', COLUMNS, await engineTexts(), {})).toString('utf8');

    const [header, ...lines] = csv.split('\r\n');
    const [localHeader, ...localLines] = local.split('\r\n');
    expect(header).toBe(localHeader);
    // UNLOAD orders the header first; the rows in no order (as its files are).
    expect(lines.sort()).toEqual(localLines.sort());
  });

  test('read back: each formula-like text prefixed with a quote, a negative count still a number, a comma inside its cell', async () => {
    const select = await unloadedSelect(cellsAccess, ['label', 'count', 'share'], 'cells');
    const csv = await textfileOnDuckDb(select);
    expect(csv.startsWith('\uFEFFlabel,count,share\r\n')).toBe(true);
    // The header comes first by the query's own order: Athena's writers keep a sort's order, no
    // other (DuckDB keeps a union's order anyway, so only the text shows it).
    expect(select).toMatch(/ as lines order by part$/);

    const read = await readCsvWithDuckDb(csv, tempDir());
    expect(read.map((r) => r.label).sort()).toEqual(
      [`'-1-A1`, `'=HYPERLINK("x")`, `'@SUM(A1)`, `'\t=1`, 'a, b', 'say "hi"', `'-1`, 'Vĩnh Yên', null].sort(),
    );
    // The same text `-1` is a formula in a text column and a number in a numeric one.
    expect(read.find((r) => r.label === `'-1`)).toEqual({ label: `'-1`, count: '-6', share: '-1.75' });
  });

  test("every served dataset's CSV export SQL parses as Trino and calls only Athena functions (what runs in AWS)", async () => {
    const trino = new TrinoSQL();
    const checked = pinnedServedDatasets();
    expect(checked.length).toBeGreaterThan(30);
    for (const { dataset, access, relation } of checked) {
      const select = await unloadedSelect(
        access,
        dataset.columns.map((c) => c.name),
        relation,
      );
      expect({ dataset: dataset.id, problems: athenaProblems(select, trino) }).toEqual({
        dataset: dataset.id,
        problems: [],
      });
    }
  });
});
