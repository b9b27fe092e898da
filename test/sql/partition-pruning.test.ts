import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASET_NAMES, DATASETS, getDataset } from '../../lambdas/core/contracts';
import { dataDictionary } from '../../lambdas/core/docs/data-dictionary';
import { KEYS_ACROSS_PERIODS, PRUNING_EXCEPTIONS } from '../../lambdas/core/docs/partition-pruning';
import { ingestLocalFile } from '../../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../../lambdas/core/lake/folder-store';
import { getMart } from '../../lambdas/core/marts';
import { DuckDbLake } from '../../lambdas/core/query/duckdb-lake';
import { generateSamples } from '../../lambdas/core/samples/generate-samples';
import { SQL_DIR } from '../../lambdas/core/sql/sql-dir';
import { loadViews } from '../../lambdas/core/sql/view-files';

// Partition pruning: a one-month filter on a staging view or a mart reads only that month's
// Parquet objects, as DuckDB's EXPLAIN ANALYZE shows them (each READ_PARQUET's "Total Files Read"
// and "Filename(s)"), unless the view is listed in PRUNING_EXCEPTIONS with its reason.

// Two Decembers, so that a yearly mart reading every December shows.
const PERIODS = ['2024-11', '2024-12', '2025-11', '2025-12'];
const MONTH = '2025-12';
const YEAR = MONTH.slice(0, 4);
const VIEWS = loadViews(SQL_DIR).filter((v) => v.layer === 'staging' || v.layer === 'marts');

let root: string;
let lake: DuckDbLake;
/** The dossier a corrected re-upload moved from November to December. */
let moved: string;
/** Every Parquet object of the lake, by dataset, with its period. */
const objects: Record<string, { path: string; period: string }[]> = {};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vpdc-pruning-'));
  const lakeDir = join(root, 'lake');
  const store = new FolderStore(lakeDir);
  for (const file of await generateSamples(join(root, 'samples'), { periods: PERIODS, scale: 0.05 })) {
    await ingestLocalFile({
      store,
      path: file.path,
      contract: getDataset(file.dataset),
      source: 'canonical',
      now: () => new Date('2026-01-05T01:00:00Z'),
    });
  }
  // A corrected re-upload: a November dossier was in fact received on 1 December.
  const [header, ...lines] = readFileSync(join(root, 'samples', 'admin_dossiers.csv'), 'utf8')
    .trim()
    .split('\n');
  const columns = header!.split(',');
  const fields = lines.find((line) => line.endsWith(',2025-11'))!.split(',');
  const set = (column: string, value: string) => {
    fields[columns.indexOf(column)] = value;
  };
  set('received_at', '2025-12-01T09:00:00+07:00');
  set('due_at', '2025-12-15T09:00:00+07:00');
  set('completed_at', '');
  set('status', 'processing');
  set('on_time', '');
  set('period', '2025-12');
  moved = fields[columns.indexOf('dossier_id')]!;
  const correction = join(root, 'samples', 'admin_dossiers_correction.csv');
  writeFileSync(correction, `${header}\n${fields.join(',')}\n`);
  await ingestLocalFile({
    store,
    path: correction,
    contract: getDataset('admin_dossiers'),
    source: 'canonical',
    now: () => new Date('2026-01-06T01:00:00Z'),
  });
  for (const name of DATASET_NAMES) {
    const dir = join(lakeDir, 'curated', name);
    objects[name] = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.parquet'))
      .map((path) => ({ path: join(dir, path), period: periodOf(path)! }));
  }
  lake = await DuckDbLake.open(lakeDir);
}, 60_000);

afterAll(() => {
  lake?.close();
  rmSync(root, { recursive: true, force: true });
});

function periodOf(path: string): string | undefined {
  return /(?:^|\/)period=(\d{4}-\d{2})\//.exec(path)?.[1];
}

interface Scan {
  dataset: string;
  filesRead: number;
  /** The names EXPLAIN lists: the files read (the first five, then "..."), or the glob when nothing was filtered. */
  names: string[];
}

interface PlanNode {
  operator_name?: string;
  extra_info?: Record<string, unknown>;
  children?: PlanNode[];
}

/** Every Parquet scan of a query, from EXPLAIN ANALYZE's JSON plan. */
async function scansOf(sql: string): Promise<Scan[]> {
  const { rows } = await lake.query(`explain (analyze, format json) ${sql}`);
  const scans: Scan[] = [];
  const visit = (node: PlanNode): void => {
    if (node.operator_name === 'READ_PARQUET') {
      const info = node.extra_info ?? {};
      const names = String(info['Filename(s)'])
        .split(', ')
        .filter((name) => name !== '...');
      scans.push({
        dataset: /\/curated\/([a-z_]+)\//.exec(names[0]!)![1]!,
        filesRead: Number(info['Total Files Read']),
        names,
      });
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(JSON.parse(String(rows[0]!.explain_value)) as PlanNode);
  return scans;
}

/** A one-month filter on a view, or a one-year filter on a yearly mart, and the periods it asks for. */
function filterOf(view: string): { where: string; asks: (period: string) => boolean } {
  const mart = getMart(view);
  const columns = mart ? mart.columns.map((c) => c.name) : ['period'];
  if (columns.includes('period')) return { where: `period = '${MONTH}'`, asks: (p) => p === MONTH };
  if (columns.includes('year')) return { where: `year = ${YEAR}`, asks: (p) => p.startsWith(`${YEAR}-`) };
  throw new Error(`${view} has neither period nor year: say how it is filtered by time, or why it is not`);
}

/** The datasets whose objects outside the asked periods a query reads. */
function readBeyond(scans: readonly Scan[], asks: (period: string) => boolean): string[] {
  const beyond = scans.filter((scan) => {
    const asked = objects[scan.dataset]!.filter((o) => asks(o.period)).length;
    return scan.filesRead > asked || scan.names.some((name) => !asks(periodOf(name) ?? ''));
  });
  return [...new Set(beyond.map((s) => s.dataset))].sort();
}

test.each(VIEWS.map((v) => v.name))(
  "%s: a one-month filter reads only that month's files, or the view is a listed exception",
  async (view) => {
    const { where, asks } = filterOf(view);
    const scans = await scansOf(`select * from ${view} where ${where}`);
    const listed = PRUNING_EXCEPTIONS.find((e) => e.view === view);
    // Only a view listed as reading no dataset (the manifests alone) may scan no Parquet.
    expect({ view, scansParquet: scans.length > 0 }).toEqual({ view, scansParquet: listed?.reads.length !== 0 });
    expect({ view, readBeyond: readBeyond(scans, asks) }).toEqual({
      view,
      readBeyond: [...(listed?.reads ?? [])].sort(),
    });
  },
);

test("the measure can fail: unfiltered, a staging view reads every period's files", async () => {
  const scans = await scansOf('select * from stg_telecom_subscribers');
  expect(scans).toEqual([expect.objectContaining({ dataset: 'telecom_subscribers', filesRead: PERIODS.length })]);
  expect(readBeyond(scans, (p) => p === MONTH)).toEqual(['telecom_subscribers']);
  const pruned = await scansOf(`select * from stg_telecom_subscribers where period = '${MONTH}'`);
  expect(pruned).toEqual([
    expect.objectContaining({ filesRead: 1, names: [expect.stringContaining(`/period=${MONTH}/`)] }),
  ]);
});

test('a dossier whose corrected receipt moved it to December leaves November: a dedupe within each month would keep it there', async () => {
  expect((await lake.query('select period from stg_admin_dossiers where dossier_id = ?', [moved])).rows).toEqual([
    { period: '2025-12' },
  ]);
  // What pushing `period = '2025-11'` below the dedupe would compute: the stale row survives.
  const withinMonth = await lake.query(
    `select period from (
       select *, row_number() over (partition by dossier_id, period order by ingested_at desc, manifest_id desc) as ingest_rank
       from admin_dossiers
     ) as ranked
     where ingest_rank = 1 and dossier_id = ? order by period`,
    [moved],
  );
  expect(withinMonth.rows).toEqual([{ period: '2025-11' }, { period: '2025-12' }]);
  expect(objects.admin_dossiers!.filter((o) => o.period === '2025-12')).toHaveLength(2);
});

test('the datasets explained as keys that move between periods are those whose natural key leaves out period', () => {
  expect(Object.keys(KEYS_ACROSS_PERIODS).sort()).toEqual(
    DATASETS.filter((d) => !d.naturalKey.includes('period'))
      .map((d) => d.name)
      .sort(),
  );
});

test('every exception names a view of sql/ and datasets of the lake, and the data dictionary gives its reason', () => {
  const doc = dataDictionary();
  for (const exception of PRUNING_EXCEPTIONS) {
    expect(VIEWS.map((v) => v.name)).toContain(exception.view);
    for (const dataset of exception.reads) expect(DATASET_NAMES).toContain(dataset);
    expect(doc).toContain(`| \`${exception.view}\` |`);
    expect(doc).toContain(exception.why);
  }
  for (const why of Object.values(KEYS_ACROSS_PERIODS)) expect(doc).toContain(why);
});
