/**
 * `npm run bench` (second part): the native formats' cost per row against the canonical CSV
 * path, measured in the same run on the same rows (generated once canonical, once as each
 * source sends them). Writes bench/native-results.md. A measurement, not a test.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../lambdas/core/contracts';
import { ingestLocalFile } from '../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../lambdas/core/lake/folder-store';
import { generateNativeSamples } from '../lambdas/core/samples/generate-native';
import { generateSamples } from '../lambdas/core/samples/generate-samples';

const TMP = join(__dirname, 'tmp', 'native');
const RUNS = 3;
const DATASETS = ['admin_dossiers', 'telecom_bts', 'telecom_subscribers', 'facilities', 'public_services'];

/** Best of RUNS: ms to ingest the files into a fresh lake each time. */
async function bestMs(files: { path: string; dataset: string; source: string }[]): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const lakeDir = join(TMP, `lake-${run}`);
    rmSync(lakeDir, { recursive: true, force: true });
    const store = new FolderStore(lakeDir);
    const started = performance.now();
    for (const file of files) {
      const { manifest } = await ingestLocalFile({ store, path: file.path, contract: getDataset(file.dataset), source: file.source, piiKey: 'bench-key', parquetEncoding: 'inline' });
      if (manifest.status !== 'succeeded' || manifest.rowsRejected) throw new Error(`${file.path}: ${manifest.status} ${manifest.error?.message ?? JSON.stringify(manifest.reasons)}`);
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

async function main(): Promise<void> {
  rmSync(TMP, { recursive: true, force: true });
  const scale = Number(process.env.BENCH_NATIVE_SCALE ?? 4);
  const canonical = await generateSamples(join(TMP, 'canonical'), { scale, datasets: DATASETS });
  const native = await generateNativeSamples(join(TMP, 'native'), { scale, datasets: DATASETS });
  const lines: string[] = [];
  for (const dataset of DATASETS) {
    const rows = canonical.find((f) => f.dataset === dataset)!.rows;
    const canonicalMs = await bestMs(canonical.filter((f) => f.dataset === dataset).map((f) => ({ ...f, source: 'canonical' })));
    const nativeFiles = native.filter((f) => f.dataset === dataset);
    const nativeMs = await bestMs(nativeFiles);
    const perRow = (ms: number) => ((ms * 1000) / rows).toFixed(1);
    lines.push(`| ${dataset} | ${nativeFiles.map((f) => f.source).join(', ')} | ${rows.toLocaleString('en-US')} | ${perRow(canonicalMs)} | ${perRow(nativeMs)} | ${(nativeMs / canonicalMs).toFixed(2)}× |`);
    process.stderr.write(`${lines[lines.length - 1]}\n`);
  }
  const report = `# Native feed formats vs canonical CSV (npm run bench)

Measured ${new Date().toISOString().slice(0, 10)} on this machine (${process.version}), best of ${RUNS}, Parquet encoded inline (as in Lambda), at \`--scale ${scale}\`.
The same rows, generated once as canonical CSV and once as each source sends them
(\`vpdc generate --native\`), ingested into a fresh lake. Target: native ≤ 1.5× canonical per row.
Small datasets carry a fixed cost per file (a manifest, one Parquet file per period), and their
native form is spread over several files (six carriers send subscribers): that, not the
per-row work, is most of their ratio.

| dataset | native sources | rows | canonical µs/row | native µs/row | native / canonical |
|---|---|---|---|---|---|
${lines.join('\n')}
`;
  writeFileSync(join(__dirname, 'native-results.md'), report);
  rmSync(TMP, { recursive: true, force: true });
  process.stdout.write(report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
