/**
 * Ingests one file into a fresh lake and prints {"ms", "rows", "maxRssMb"} as JSON: run in
 * its own process so the peak RSS is the ETL's alone.
 */
import { getDataset } from '../lambdas/core/contracts';
import { ingestLocalFile } from '../lambdas/core/ingest/ingest-local-file';
import { FolderStore } from '../lambdas/core/lake/folder-store';

async function main(): Promise<void> {
  const [file, lakeDir, dataset] = process.argv.slice(2);
  if (!file || !lakeDir || !dataset) throw new Error('usage: ingest-once FILE LAKE_DIR DATASET');
  const started = performance.now();
  const { manifest } = await ingestLocalFile({ store: new FolderStore(lakeDir), path: file, contract: getDataset(dataset), source: 'bench' });
  const ms = performance.now() - started;
  if (manifest.status !== 'succeeded') throw new Error(`ingest failed: ${manifest.error?.message}`);
  console.log(JSON.stringify({ ms, rows: manifest.rowsAccepted, rejected: manifest.rowsRejected, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
