/**
 * `npm run bench` (second part): each native format's cost per row against the canonical CSV
 * path, measured in the same run on the same rows and the same number of files. Writes
 * bench/native-results.md. A measurement, not a test.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getDataset } from '../lambdas/core/contracts';
import { getSource } from '../lambdas/core/feeds';
import { ingestLocalFile } from '../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../lambdas/core/lake/folder-store';
import { writeCanonicalCsv } from '../lambdas/core/samples/csv-writer';
import { generateNativeSamples, type NativeSampleFile } from '../lambdas/core/samples/generate-native';
import { SAMPLE_GENERATORS } from '../lambdas/core/samples/generate-samples';
import { feedTakesRow } from '../lambdas/core/samples/native-writer';
import { sampleContext } from '../lambdas/core/samples/sample-context';

const TMP = join(__dirname, 'tmp', 'native');
/**
 * Runs per pair: more for small files, whose times are a few tens of milliseconds of mostly
 * fixed per-file cost, where a GC pause or a neighbour on a shared machine moves the ratio.
 */
const runsFor = (rows: number) => (rows < 5_000 ? 15 : rows < 50_000 ? 7 : 3);

type BenchFile = { path: string; dataset: string; source: string };

/** ms to ingest one file into a fresh lake. */
async function ingestMs(file: BenchFile, run: number): Promise<number> {
  const lakeDir = join(TMP, `lake-${run}-${file.source}`);
  rmSync(lakeDir, { recursive: true, force: true });
  const started = performance.now();
  const { manifest } = await ingestLocalFile({
    store: new FolderStore(lakeDir),
    path: file.path,
    contract: getDataset(file.dataset),
    source: file.source,
    piiKey: 'bench-key',
    parquetEncoding: 'inline',
  });
  const ms = performance.now() - started;
  if (manifest.status !== 'succeeded' || manifest.rowsRejected)
    throw new Error(`${file.path}: ${manifest.status} ${manifest.error?.message ?? JSON.stringify(manifest.reasons)}`);
  return ms;
}

/**
 * The best time of each native file and of its twin. The two run alternately, so drift in the
 * machine's load hits both alike; and the runs are spread over rounds through all the files,
 * so a file's best is taken across the whole bench, not from a second or two that a busy
 * neighbour on a shared machine may fill.
 */
async function bestTimes(
  pairs: { canonical: BenchFile; native: BenchFile; runs: number }[],
): Promise<{ canonicalMs: number; nativeMs: number }[]> {
  const best = pairs.map(() => ({ canonicalMs: Infinity, nativeMs: Infinity }));
  const rounds = Math.max(...pairs.map((p) => p.runs));
  for (let run = 0; run < rounds; run++) {
    for (const [i, { canonical, native, runs }] of pairs.entries()) {
      if (run >= runs) continue;
      best[i]!.canonicalMs = Math.min(best[i]!.canonicalMs, await ingestMs(canonical, run));
      best[i]!.nativeMs = Math.min(best[i]!.nativeMs, await ingestMs(native, run));
    }
  }
  return best;
}

/** The canonical CSV of exactly the rows a native file holds: the same rows, files and periods, only the format differs. */
async function canonicalTwin(file: NativeSampleFile, scale: number): Promise<string> {
  const spec = getSource(file.source);
  const feed = spec.feeds.find((f) => f.dataset === file.dataset)!;
  const generator = SAMPLE_GENERATORS[file.dataset]!;
  const rows = [...generator.rows(sampleContext({ scale }, generator.stream))].filter((row) => feedTakesRow(feed, row));
  const path = join(TMP, 'canonical', `${file.source}_${file.dataset}.csv`);
  mkdirSync(dirname(path), { recursive: true });
  await writeCanonicalCsv(path, getDataset(file.dataset), rows);
  return path;
}

async function main(): Promise<void> {
  rmSync(TMP, { recursive: true, force: true });
  const scale = Number(process.env.BENCH_NATIVE_SCALE ?? 4);
  const native = await generateNativeSamples(join(TMP, 'native'), { scale });
  const lines: string[] = [];
  let nativeTotal = 0;
  let canonicalTotal = 0;
  let rowsTotal = 0;
  const pairs = [];
  for (const file of native)
    pairs.push({
      canonical: { path: await canonicalTwin(file, scale), dataset: file.dataset, source: 'canonical' },
      native: file,
      runs: runsFor(file.rows),
    });
  const times = await bestTimes(pairs);
  for (const [i, file] of native.entries()) {
    const { canonicalMs, nativeMs } = times[i]!;
    [nativeTotal, canonicalTotal, rowsTotal] = [
      nativeTotal + nativeMs,
      canonicalTotal + canonicalMs,
      rowsTotal + file.rows,
    ];
    const perRow = (ms: number) => ((ms * 1000) / file.rows).toFixed(1);
    const spec = getSource(file.source);
    lines.push(
      `| ${file.source} | ${file.dataset} | ${spec.format}${spec.format === 'csv' ? `, ${spec.encoding}` : ''} | ${file.rows.toLocaleString('en-US')} | ${perRow(canonicalMs)} | ${perRow(nativeMs)} | ${(nativeMs / canonicalMs).toFixed(2)}× |`,
    );
  }
  const report = `# Native feed formats vs canonical CSV (npm run bench)

Measured ${new Date().toISOString().slice(0, 10)} on this machine (${process.version}), best of 3 runs (7 below 50,000 rows, 15 below 5,000) with the two files run alternately and the runs spread over rounds through all files, Parquet encoded inline (as in Lambda), at \`--scale ${scale}\`.
Each native file (\`vpdc generate --native\`) against its canonical twin: the same rows in
canonical CSV, one file each, so only the format differs. Target: native ≤ 1.3× canonical overall (issue 18), no file slower than before.

| source | dataset | format | rows | canonical µs/row | native µs/row | native / canonical |
|---|---|---|---|---|---|---|
${lines.join('\n')}
| **all** | | | ${rowsTotal.toLocaleString('en-US')} | ${((canonicalTotal * 1000) / rowsTotal).toFixed(1)} | ${((nativeTotal * 1000) / rowsTotal).toFixed(1)} | **${(nativeTotal / canonicalTotal).toFixed(2)}×** |
`;
  writeFileSync(join(__dirname, 'native-results.md'), report);
  rmSync(TMP, { recursive: true, force: true });
  process.stdout.write(report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
